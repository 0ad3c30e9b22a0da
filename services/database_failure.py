"""The one-line reason for a database that failed under batch work (the command line's
boundary prints it); the imports wait until a failure needs them."""

from __future__ import annotations

from pathlib import Path


def database_failure(project: str | None, exc: Exception) -> str | None:
    """One line for a database that failed under batch work on ``project`` (damaged after
    it was opened, a disk I/O error, a lock held too long, a server gone), or None for any
    other exception: constraint and programming errors are bugs and keep their traceback."""
    import sqlite3

    from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
    from sqlalchemy.exc import OperationalError

    orig = exc.orig if isinstance(exc, SQLAlchemyDatabaseError) and exc.orig else exc
    corrupt = getattr(orig, "sqlite_errorname", "") == "SQLITE_CORRUPT"
    operational = isinstance(orig, sqlite3.OperationalError) or isinstance(exc, OperationalError)
    if not (corrupt or operational):
        return None
    first_line = (str(orig).splitlines() or [type(orig).__name__])[0]
    file = _project_file(project)
    if corrupt and file is not None:
        from storage.backup import newest_good_backup
        from storage.project_check import DamagedProjectError

        return str(DamagedProjectError(file, first_line, newest_good_backup(file)))
    where = f" on {file or project}" if project else ""
    return f"database error{where}: {first_line}"


def _project_file(project: str | None) -> Path | None:
    from storage.database import DatabaseError, resolve_location

    if project is None:
        return None
    try:
        return resolve_location(project).file
    except DatabaseError:
        return None
