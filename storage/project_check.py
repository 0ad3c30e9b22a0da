"""What a SQLite file is, found out before anything writes to it: a project of ours (which
schema version, whether it holds a project yet), something else, or a damaged file.

Everything here reads through ``storage.sqlite_files``, so looking at a file never changes
it: not its journal mode, not its header, and no ``-wal``/``-shm`` files are left beside it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.backup import newest_good_backup
from storage.database import DatabaseError
from storage.integrity import MAX_REPORTED, check_result
from storage.project_files import backup_dir_for
from storage.sqlite_files import ReadOnlyAccess

# SQLite's primary result codes for "this file cannot be read" rather than "is not ours".
_CANNOT_READ = {"SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_BUSY"}


class DamagedProjectError(DatabaseError):
    """The project file failed its check. The message names the newest good backup and how
    to restore it; ``backup`` is that backup (None when there is none)."""

    def __init__(self, file: Path, problem: str, backup: Path | None) -> None:
        self.file = file
        self.problem = problem
        self.backup = backup
        if backup is not None:
            advice = (
                f"The newest good backup is {backup}; restore it with "
                f"`python main.py restore --project {file}` (or File › Restore from backup… "
                "in the app)."
            )
        else:
            advice = f"No good backup was found in {backup_dir_for(file)}."
        super().__init__(
            f"{file} is damaged ({problem}); it was left as it is, and no backup was taken "
            f"of it. {advice}"
        )


@dataclass(frozen=True)
class ProjectFileFacts:
    """What a SQLite file holds: its tables, Alembic schema version and project rows."""

    tables: frozenset[str]
    version: str | None
    projects: int  # rows in the projects table (0 when there is none)


def inspect_project_file(file: Path, *, check: bool = True) -> ProjectFileFacts:
    """Look at the SQLite file ``file`` without changing it.

    With ``check``, the whole file is checked first (``PRAGMA quick_check``): a damaged file
    raises ``DamagedProjectError``. A file that is no SQLite database, or cannot be read,
    raises ``DatabaseError`` with the reason.
    """
    if file.is_dir():
        raise DatabaseError(f"{file} is a folder, not a project file")
    access = ReadOnlyAccess.for_file(file)
    try:
        connection = access.connect()
        try:
            if check:
                rows = [r[0] for r in connection.execute(f"PRAGMA quick_check({MAX_REPORTED})")]
                problem = check_result(rows)
                if problem is not None:
                    raise DamagedProjectError(file, problem, newest_good_backup(file))
            return _facts(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise _explained(file, exc) from exc
    finally:
        access.finish()


def _facts(connection: sqlite3.Connection) -> ProjectFileFacts:
    tables = frozenset(
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    )
    version = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        version = row[0] if row else None
    projects = 0
    if "projects" in tables:
        projects = connection.execute("SELECT count(*) FROM projects").fetchone()[0]
    return ProjectFileFacts(tables, version, projects)


def _explained(file: Path, exc: sqlite3.DatabaseError) -> DatabaseError:
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_CORRUPT":
        return DamagedProjectError(file, str(exc), newest_good_backup(file))
    if name in _CANNOT_READ or isinstance(exc, sqlite3.OperationalError):
        return DatabaseError(f"cannot read {file}: {exc}")
    return DatabaseError(f"{file} is not a Standpunkt project ({exc})")
