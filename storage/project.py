"""Opening a project: the database, its schema version, a backup, and the project record."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage.backup import read_only_uri, take_backup
from storage.database import (
    Database,
    DatabaseError,
    ProjectLocation,
    create_project_engine,
    resolve_location,
)
from storage.label_schema import DEFAULT_SETTINGS, add_default_schema
from storage.migrate import SchemaChange, known_versions, newer_version_message, prepare_schema
from storage.models import Annotator, Project

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
) -> OpenProject:
    """Open (or with ``create``, create) the project at a file path or SQLAlchemy URL.

    An existing SQLite file is backed up first (rotating, newest ``BACKUPS_ON_OPEN`` kept);
    an older schema is upgraded after its own backup; a newer one is refused. Raises
    ``DatabaseError`` with a message for a person when the project cannot be opened.
    Read-only callers pass ``backup_on_open=False``, so looking never rotates out the backups
    taken before a session that changed something.
    """
    location = resolve_location(path_or_url)
    existed = location.file is not None and location.file.exists()
    if location.file is not None and not existed and not create:
        raise DatabaseError(f"{location.file} does not exist")
    if location.file is not None and existed:
        _check_existing_file(location.file, create)
    try:
        engine = create_project_engine(location)
    except OSError as exc:  # e.g. the folder for a new project cannot be created
        raise DatabaseError(f"cannot create {location.display}: {exc.strerror or exc}") from exc
    try:
        change = prepare_schema(engine, location)
        backup = None
        if backup_on_open and existed and not change.created and location.file is not None:
            backup = _backup_on_open(location.file)
        db = Database(engine, location)
        with db.write() as session:
            project = _the_project(session, name or _default_name(location))
            project_id, project_name = project.id, project.name
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        engine.dispose()
        reason = str(exc.orig or exc).splitlines()[0]
        raise DatabaseError(f"cannot open {location.display}: {reason}") from exc
    except BaseException:
        engine.dispose()
        raise
    return OpenProject(db, project_id, project_name, change, backup)


def _check_existing_file(file: Path, create: bool) -> None:
    """Refuse, before anything writes to it, a file that is no project of ours, or one from a
    newer version: such a file is left exactly as it was (not even switched to WAL)."""
    if file.is_dir():
        raise DatabaseError(f"{file} is a folder, not a project file")
    try:
        connection = sqlite3.connect(read_only_uri(file), uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            version = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                version = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{file} is not a Standpunkt project ({exc})") from exc
    if not tables and not create:
        raise DatabaseError(f"{file} is empty, not a Standpunkt project")
    if version is None and tables - {"alembic_version"}:
        found = ", ".join(sorted(tables)[:5])
        raise DatabaseError(f"{file} is not a Standpunkt project (it has the tables {found})")
    if version is not None and version not in known_versions():
        raise DatabaseError(newer_version_message(str(file), version))


def _backup_on_open(file: Path) -> Path:
    try:
        return take_backup(file, "open", keep=BACKUPS_ON_OPEN)
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
