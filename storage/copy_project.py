"""Copying a whole project database to another one: SQLite to PostgreSQL and back.

``copy_project(from_url, to_url)`` reads the source without changing it, creates the schema
on the target (which must be new or empty: a target holding any row is refused before
anything is written to it), then copies every table (``storage.copy_tables``), all or
nothing (see ``copy_project``). Row ids are kept, so the event log's references
(``object_id``, ``document_id``) stay valid. The SQLite full-text index is not copied but
rebuilt on a SQLite target; PostgreSQL targets search without it (``storage.search``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    func,
    inspect,
    select,
)
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import OperationalError

from storage.copy_tables import Progress, copy_tables, project_tables
from storage.database import (
    Database,
    DatabaseError,
    ProjectLocation,
    create_project_engine,
    open_reader,
    resolve_location,
)
from storage.file_locks import lock_file_for, remove_abandoned, writing
from storage.migrate import (
    current_version,
    head_version,
    known_versions,
    newer_version_message,
    prepare_schema,
    upgrade,
)
from storage.project_check import inspect_project_file
from storage.project_files import ProjectFileError, refuse_project_file, side_files
from storage.search import refresh_search_index

BATCH_ROWS = 1000
COPYING_SUFFIX = ".copying"  # a SQLite target while it is being written


@dataclass
class CopyReport:
    """What a copy did: rows per table, in the order they were copied."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def lines(self) -> list[str]:
        lines = [f"copied {self.total} rows from {self.source} to {self.target}"]
        lines += [f"  {table}: {count}" for table, count in self.rows.items()]
        return lines


def copy_project(
    from_url: str | Path,
    to_url: str | Path,
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
) -> CopyReport:
    """Copy the project database at ``from_url`` into the new or empty one at ``to_url``.

    Raises ``DatabaseError`` (a message for a person) when the source is missing, damaged,
    not a project or at another schema version than this app's, or when the target holds
    data. The source is only read (opened read-only: not even its journal mode changes). A
    refused target is left byte for byte as it was. The copy is all or nothing: a SQLite
    target is written as ``<target>.copying`` and renamed into place when complete (an
    interrupted copy leaves only that file, which the next copy replaces); on a server, the
    schema and every row go in one transaction, which the server rolls back if the copy
    dies.
    """
    source = resolve_location(from_url)
    target = resolve_location(to_url)
    _refuse_same(source, target)
    check_source_schema(source, "copy")
    _check_target_empty(target)
    report = CopyReport(source.display, target.display)
    reader = open_reader(source)
    try:
        if target.file is None:
            _copy_to_server(reader.engine, target, report, progress, batch_rows)
        else:
            _copy_to_file(reader.engine, target.file, report, progress, batch_rows)
    finally:
        reader.close()
    return report


def _refuse_same(source: ProjectLocation, target: ProjectLocation) -> None:
    if source.url == target.url:
        raise DatabaseError("the source and the target are the same database")
    if source.file is not None and target.file is not None:
        try:
            refuse_project_file(source.file, target.file, "target")
        except ProjectFileError as exc:
            raise DatabaseError(str(exc)) from exc


def _copy_to_file(
    source_engine: Engine,
    file: Path,
    report: CopyReport,
    progress: Progress | None,
    batch_rows: int,
) -> None:
    def fill(dst: Connection) -> None:
        copy_tables(source_engine, dst, report.rows, progress, batch_rows)

    build_project_file(file, fill, "copy")


def build_project_file(file: Path, fill: Callable[[Connection], None], what: str) -> None:
    """Write a new project file at ``file``, all or nothing: the schema, then ``fill`` (which
    commits its rows), built as ``<file>.copying`` under a lock (so two writers into one
    target never meet) and renamed over ``file`` once complete. ``what`` names the writer
    for the message when another one is at work."""
    building = file.with_name(file.name + COPYING_SUFFIX)
    leftover = building.exists() or lock_file_for(building).exists()
    # An interrupted build's leftovers go; a build still at work holds its lock.
    if leftover and not remove_abandoned(building, unlocked_settle=0):
        raise DatabaseError(f"another {what} into {file} is running; wait until it ends")
    try:
        with writing(building):
            _remove_database_file(building)
            _build_file(building, fill)
            for side in side_files(file):  # a -wal of the empty file must not replay into it
                side.unlink(missing_ok=True)
            building.replace(file)
    except OSError as exc:  # the folder cannot be written, the disk is full, ...
        raise DatabaseError(f"cannot write {file}: {exc.strerror or exc}") from exc


def _build_file(building: Path, fill: Callable[[Connection], None]) -> None:
    location = resolve_location(building)
    engine = create_project_engine(location)
    try:
        prepare_schema(engine, location)
        with engine.connect() as dst:
            fill(dst)
        # Searching a SQLite copy needs its own index; built now, not at first search.
        refresh_search_index(Database(engine, location))
        engine.dispose()
        _self_contained(building)
    except BaseException:
        engine.dispose()
        _remove_database_file(building)
        raise


def _copy_to_server(
    source_engine: Engine,
    target: ProjectLocation,
    report: CopyReport,
    progress: Progress | None,
    batch_rows: int,
) -> None:
    """Schema and rows in one transaction: the target is a whole project or untouched."""
    engine = create_project_engine(target)
    try:
        with engine.connect() as dst:
            dst.begin()
            upgrade(dst, head_version())
            copy_tables(source_engine, dst, report.rows, progress, batch_rows)
    finally:
        engine.dispose()


def _self_contained(file: Path) -> None:
    """Fold the log into the file (rollback-journal mode), so renaming the one file moves
    all of it; the app switches it back to WAL when it opens it."""
    connection = sqlite3.connect(file)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def _remove_database_file(file: Path) -> None:
    for path in (file, *side_files(file)):
        path.unlink(missing_ok=True)


def check_source_schema(location: ProjectLocation, doing: str) -> None:
    """The source must be a sound project at this app's schema; only read to find out.
    ``doing`` is what the user wanted to do with it ("copy", "merge"), for the message."""
    if location.file is not None:
        if not location.file.exists():
            raise DatabaseError(f"{location.file} does not exist")
        version = inspect_project_file(location.file).version
    else:
        reader = open_reader(location)
        try:
            with reader.engine.connect() as connection:
                version = current_version(connection)
        finally:
            reader.close()
    head = head_version()
    if version is None:
        raise DatabaseError(f"{location.display} is not a Standpunkt project")
    if version != head:
        if version not in known_versions():
            raise DatabaseError(newer_version_message(location.display, version))
        # Copying never changes the source, so it is not upgraded here.
        raise DatabaseError(
            f"{location.display} has the older schema {version}; upgrade it first with "
            f"`python main.py upgrade --project {location.display}` (to {head}), then {doing} it"
        )


def _check_target_empty(location: ProjectLocation) -> None:
    """Refuse a target with any row of data (or any table of something else), looking at it
    read-only, so a refused target is left exactly as it was."""
    if location.file is not None:
        if not location.file.exists():
            return
        if location.file.is_dir():
            raise DatabaseError(f"{location.file} is a folder, not a database file")
    reader = open_reader(location)
    try:
        with reader.engine.connect() as connection:
            _refuse_data(connection, location)
    except (OperationalError, SQLAlchemyDatabaseError) as exc:
        reason = str(exc.orig or exc).splitlines()[0]
        raise DatabaseError(f"cannot read the target {location.display}: {reason}") from exc
    finally:
        reader.close()


def _refuse_data(connection: Connection, location: ProjectLocation) -> None:
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return
    version = current_version(connection)
    if version is None and tables - {"alembic_version"}:
        found = ", ".join(sorted(tables)[:5])
        raise DatabaseError(
            f"{location.display} is not empty (it has the tables {found}); "
            "copy into a new or empty database"
        )
    if version is not None and version != head_version():
        raise DatabaseError(
            f"{location.display} has the tables of schema {version}, not {head_version()}; "
            "copy into a new or empty database, nothing was changed"
        )
    for name in sorted(project_tables(tables)):
        table = Table(name, MetaData())
        if connection.scalar(select(func.count()).select_from(table)):
            raise DatabaseError(
                f"{location.display} already holds data (table {name} has rows); "
                "copy into a new or empty database, nothing was changed"
            )
