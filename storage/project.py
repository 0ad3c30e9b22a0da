"""Opening a project: the database, its schema version, a backup, and the project record."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage.backup import DamagedCopyError, newest_good_backup, take_backup
from storage.database import (
    Database,
    DatabaseError,
    ProjectLocation,
    create_project_engine,
    open_reader,
    resolve_location,
)
from storage.integrity import sqlite_problem
from storage.label_schema import DEFAULT_SETTINGS, add_default_schema
from storage.migrate import (
    SchemaChange,
    current_version,
    head_version,
    known_versions,
    newer_version_message,
    prepare_schema,
)
from storage.models import Annotator, Project
from storage.project_check import DamagedProjectError, ProjectFileFacts, inspect_project_file
from storage.project_files import side_files

BACKUPS_ON_OPEN = 5


@dataclass
class OpenProject:
    """An open project: its database, the project's id and name, what opening did."""

    db: Database
    project_id: int
    name: str
    schema_change: SchemaChange
    backup: Path | None

    @property
    def location(self) -> ProjectLocation:
        return self.db.location

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> OpenProject:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_project(
    path_or_url: str | Path,
    *,
    create: bool = True,
    name: str | None = None,
    backup_on_open: bool = True,
    read_only: bool = False,
    check_file: bool = True,
) -> OpenProject:
    """Open (or with ``create``, create) the project at a file path or SQLAlchemy URL.

    An existing SQLite file is checked before anything writes to it: it is backed up
    (rotating, newest ``BACKUPS_ON_OPEN`` kept) and the backup, a page-for-page copy, is
    checked (``PRAGMA quick_check``) before it may push an older one out; without a backup
    (``backup_on_open=False``) the file itself is checked. A damaged file raises
    ``DamagedProjectError``, which names the newest good backup, and is left as it is. An
    older schema is upgraded after its own backup; a newer one is refused. ``check_file``
    False skips the check without a backup: for a second process on a project its first
    one opened (and checked) a moment ago.
    ``read_only`` opens for commands that only look: nothing is created, upgraded, backed
    up or written, not even the file's journal mode (see ``_open_reader``). Raises
    ``DatabaseError`` with a message for a person when the project cannot be opened.
    """
    location = resolve_location(path_or_url)
    if read_only:
        return _open_reader(location)
    existed = location.file is not None and location.file.exists()
    if location.file is not None and not existed and not create:
        raise DatabaseError(f"{location.file} does not exist")
    backup = None
    if location.file is not None and existed:
        # With a backup to take, its check (the same pages) is the check of the project.
        facts = inspect_project_file(location.file, check=check_file and not backup_on_open)
        _refuse_foreign(location.file, facts, create)
        if not create and facts.version is not None and not facts.projects:
            raise DatabaseError(_no_project_message(location.display))
        if backup_on_open and facts.projects:
            backup = _backup_on_open(location.file)  # before anything writes, migrations too
    try:
        engine = create_project_engine(location)
    except OSError as exc:  # e.g. the folder for a new project cannot be created
        raise DatabaseError(f"cannot create {location.display}: {exc.strerror or exc}") from exc
    try:
        change = prepare_schema(engine, location)
        db = Database(engine, location)
        with db.write() as session:
            project = _the_project(session, name or _default_name(location))
            project_id, project_name = project.id, project.name
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        engine.dispose()
        reason = str(exc.orig or exc).splitlines()[0] + _read_only_side_files(location.file)
        raise DatabaseError(f"cannot open {location.display}: {reason}") from exc
    except BaseException:
        engine.dispose()
        raise
    return OpenProject(db, project_id, project_name, change, backup)


def _open_reader(location: ProjectLocation) -> OpenProject:
    """Open an existing project for reading only: at the newest schema, holding a project."""
    if location.file is not None:
        if not location.file.exists():
            raise DatabaseError(f"{location.file} does not exist")
        facts = inspect_project_file(location.file)
        _refuse_foreign(location.file, facts, create=False)
    db = open_reader(location)
    try:
        with db.read() as session:
            version = current_version(session.connection())
            _refuse_older(location.display, version)
            project = session.scalar(select(Project).order_by(Project.id).limit(1))
            if project is None:
                raise DatabaseError(_no_project_message(location.display))
            project_id, project_name = project.id, project.name
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        db.close()
        reason = str(exc.orig or exc).splitlines()[0]
        raise DatabaseError(f"cannot read {location.display}: {reason}") from exc
    except BaseException:
        db.close()
        raise
    assert version is not None  # _refuse_older refused a database without one
    return OpenProject(db, project_id, project_name, SchemaChange(version, version), None)


def _read_only_side_files(file: Path | None) -> str:
    """A hint when a -wal or -shm beside the project cannot be written: an older version left
    them after opening a read-only file, and SQLite cannot write the project past them."""
    if file is None:
        return ""
    stuck = [side for side in side_files(file) if side.exists() and not os.access(side, os.W_OK)]
    if not stuck:
        return ""
    names = " and ".join(side.name for side in stuck)
    return (
        f" ({names} beside it cannot be written: make them writable, or, once no program "
        "uses the project, delete the -shm and an empty -wal; a -wal that is not empty "
        "holds saved work)"
    )


def _refuse_foreign(file: Path, facts: ProjectFileFacts, create: bool) -> None:
    """Refuse, before anything writes to it, a file that is no project of ours, or one from a
    newer version: such a file is left exactly as it was (not even switched to WAL)."""
    if not facts.tables and not create:
        raise DatabaseError(f"{file} is empty, not a Standpunkt project")
    if facts.version is None and facts.tables - {"alembic_version"}:
        found = ", ".join(sorted(facts.tables)[:5])
        raise DatabaseError(f"{file} is not a Standpunkt project (it has the tables {found})")
    if facts.version is not None and facts.version not in known_versions():
        raise DatabaseError(newer_version_message(str(file), facts.version))


def _refuse_older(where: str, version: str | None) -> None:
    """A command that only reads does not upgrade: say how to, instead."""
    if version is None:
        raise DatabaseError(f"{where} is empty, not a Standpunkt project")
    if version not in known_versions():
        raise DatabaseError(newer_version_message(where, version))
    if version != head_version():
        raise DatabaseError(
            f"{where} was saved by an older version of Standpunkt (schema {version}); this "
            "command only reads and does not upgrade it. Upgrade it once with "
            f"`python main.py upgrade --project {where}` or by opening it in the app "
            "(both take a backup first)"
        )


def _no_project_message(where: str) -> str:
    return (
        f"{where} holds the tables of a project but no project: an interrupted copy-project, "
        "perhaps. Copy into it again, or remove it"
    )


def _backup_on_open(file: Path) -> Path:
    try:
        return take_backup(file, "open", keep=BACKUPS_ON_OPEN)
    except DamagedCopyError as exc:
        # The copy is the project page for page, unless it was damaged on its way to the
        # disk: only blame the project when it fails the check itself.
        problem = sqlite_problem(file, "full")
        if problem is not None:
            raise DamagedProjectError(file, problem, newest_good_backup(file)) from exc
        raise DatabaseError(
            f"cannot back up {file} before opening it: the copy failed its check "
            f"({exc.problem}) although the project passes it; is the disk failing?"
        ) from exc
    except (OSError, sqlite3.Error) as exc:
        # Without its backup the project is not opened: the user decides, knowing why.
        raise DatabaseError(f"cannot back up {file} before opening it: {exc}") from exc


def _default_name(location: ProjectLocation) -> str:
    return location.file.stem if location.file is not None else "Standpunkt"


def _the_project(session: Session, name: str) -> Project:
    """The database's project, created with the default label schema on first open."""
    project = session.scalar(select(Project).order_by(Project.id).limit(1))
    if project is None:
        project = Project(name=name, settings=dict(DEFAULT_SETTINGS))
        add_default_schema(project)
        session.add(project)
        session.flush()
    return project


def get_or_create_annotator(session: Session, name: str) -> Annotator:
    """The annotator called ``name`` (surrounding white space ignored), created if new."""
    clean = name.strip()
    if not clean:
        raise ValueError("an annotator needs a name")
    annotator = session.scalar(select(Annotator).where(Annotator.name == clean))
    if annotator is None:
        annotator = Annotator(name=clean)
        session.add(annotator)
        session.flush()
    return annotator
