"""Rotating backups of a SQLite project file, taken with SQLite's online backup API.

A file copy of a live WAL database can miss committed pages that still sit in the ``-wal``
file; the backup API copies a consistent snapshot instead. It copies pages as they are, so a
damaged page of the project is a damaged page of its backup: every backup is checked before
it may push an older one out of the rotation, and a backup that fails the check is thrown
away, never kept in place of a good one.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from errors import UserError
from storage.file_locks import remove_abandoned, writing
from storage.integrity import Depth, sqlite_problem
from storage.project_files import SQLITE_SIDE_FILES, backup_dir_for, side_files
from storage.sqlite_files import ReadOnlyAccess, read_only_uri

__all__ = [
    "DEFAULT_KEEP",
    "BackupInfo",
    "DamagedCopyError",
    "ProjectInUseError",
    "RestoreReport",
    "backup_dir_for",
    "copy_database",
    "list_backups",
    "newest_good_backup",
    "read_only_uri",
    "restorable_problem",
    "restore_backup",
    "take_backup",
]

DEFAULT_KEEP = 5
PARTIAL = ".partial"  # a backup while it is being written
_STAMP = "%Y%m%dT%H%M%S%fZ"


class DamagedCopyError(UserError):
    """A copy of a database failed its check (``problem`` says how): its source is damaged,
    or the copy went wrong on its way to the disk. The copy was deleted; nothing else was
    changed."""

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was taken (UTC) and why ("open", "before-schema-…")."""

    path: Path
    taken_at: datetime | None
    reason: str


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did: which backup it restored, and where the replaced file went."""

    backup: Path
    project: Path
    replaced: Path | None  # the project file as it was, moved into the backups folder


def copy_database(source: Path, destination: Path, *, depth: Depth | None = "full") -> None:
    """Write a consistent copy of the SQLite database ``source`` to ``destination``.

    The copy is written beside ``destination`` (under a name of its own and a lock, so
    several processes backing up at once never touch each other's copies) and renamed into
    place only when it is complete and (with ``depth``) has passed the check; otherwise
    ``DamagedCopyError`` (with the ``problem``) is raised and nothing is left behind. The
    source is only read.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f"{destination.name}.{secrets.token_hex(6)}{PARTIAL}")
    with writing(partial):
        try:
            _backup_api_copy(source, partial)
            problem = sqlite_problem(partial, depth) if depth is not None else None
            if problem is not None:
                raise DamagedCopyError(f"the copy of {source} is damaged: {problem}", problem)
            partial.replace(destination)  # atomic: a backup is either whole or not there
        finally:
            partial.unlink(missing_ok=True)


def _backup_api_copy(source: Path, destination: Path) -> None:
    access = ReadOnlyAccess.for_file(source)
    try:
        src = access.connect()
        try:
            dst = sqlite3.connect(destination)
            try:
                src.backup(dst)
                # A self-contained file: no -wal beside it that could get lost when it is moved.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    finally:
        access.finish()


def take_backup(project_file: Path, reason: str, keep: int = DEFAULT_KEEP) -> Path:
    """Back up ``project_file`` as ``<stem>-<UTC time>-<reason>.sqlite`` and return its path.

    Only once the new backup has passed its check are older ones of that reason pruned to
    the newest ``keep``; a damaged project raises ``DamagedCopyError`` and leaves every
    backup there is as it was.
    """
    directory = backup_dir_for(project_file)
    stamp = datetime.now(UTC).strftime(_STAMP)
    target = directory / f"{project_file.stem}-{stamp}-{reason}.sqlite"
    copy_database(project_file, target)
    _prune(project_file, reason, keep)
    return target


def list_backups(project_file: Path, reason: str | None = None) -> list[Path]:
    """The backups of a project, oldest first (names sort by time)."""
    directory = backup_dir_for(project_file)
    if not directory.is_dir():
        return []
    suffix = f"-{reason}.sqlite" if reason else ".sqlite"
    prefix = f"{project_file.stem}-"
    return sorted(
        p
        for p in directory.iterdir()
        if p.name.startswith(prefix) and p.name.endswith(suffix) and p.is_file()
    )


def backup_info(project_file: Path, backup: Path) -> BackupInfo:
    """When and why ``backup`` was taken, read from its name."""
    pattern = re.escape(project_file.stem) + r"-(\d{8}T\d{12}Z)-(.+)\.sqlite"
    match = re.fullmatch(pattern, backup.name)
    if match is None:
        return BackupInfo(backup, None, "")
    taken = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
    return BackupInfo(backup, taken, match.group(2))


NOT_A_PROJECT = "no Standpunkt project in it"  # a sound SQLite file, but not one of ours


def restorable_problem(backup: Path) -> str | None:
    """Why ``backup`` may not replace its project, or None: it must pass the full check and
    hold a project. The one definition of a good backup, for the rotation's, the restore's
    and the app's choice alike."""
    try:
        problem = sqlite_problem(backup, "full")
    except OSError as exc:
        return f"cannot read it: {exc.strerror or exc}"
    if problem is not None:
        return problem
    return None if _holds_a_project(backup) else NOT_A_PROJECT


def newest_good_backup(project_file: Path) -> Path | None:
    """The newest backup of the project that may be restored (``restorable_problem``)."""
    for backup in reversed(list_backups(project_file)):
        if restorable_problem(backup) is None:
            return backup
    return None


def _prune(project_file: Path, reason: str, keep: int) -> None:
    backups = list_backups(project_file, reason)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)
    # Left by a backup that was interrupted (the app killed while copying); a backup being
    # written by another process right now holds its lock and stays.
    for partial in backup_dir_for(project_file).glob(f"*{PARTIAL}"):
        remove_abandoned(partial)


def restore_backup(backup: Path, project_file: Path) -> RestoreReport:
    """Make ``backup`` the project again; the project must not be open anywhere.

    The backup must pass the full check and hold a project (else ``DamagedCopyError``), and
    no program may have the project open (else ``ProjectInUseError``); nothing is changed
    then. It is copied beside the project, then the
    project file as it is, with its ``-wal`` and ``-shm``, is moved into the backups folder
    (reason "before-restore": kept, never rotated out, readable as it was), and the copy
    takes its place. Should a move fail, what was moved is moved back.
    """
    problem = restorable_problem(backup)
    if problem == NOT_A_PROJECT:
        raise DamagedCopyError(f"the backup {backup} holds no Standpunkt project", problem)
    if problem is not None:
        raise DamagedCopyError(f"the backup {backup} is damaged too: {problem}", problem)
    refuse_if_in_use(project_file)
    incoming = project_file.with_name(project_file.name + ".restoring")
    copy_database(backup, incoming, depth=None)  # checked in full above
    try:
        replaced = _move_aside(project_file)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    incoming.replace(project_file)
    return RestoreReport(backup, project_file, replaced)


class ProjectInUseError(UserError):
    """The project is open in a program (the app, a command): it is not replaced under it."""


def refuse_if_in_use(project_file: Path) -> None:
    """Raise ``ProjectInUseError`` when any connection has ``project_file`` open. Writes
    into a file moved aside would be lost, so a restore waits until everyone closed it."""
    if not project_file.exists():
        return
    connection = sqlite3.connect(project_file.as_uri() + "?mode=rw", uri=True, timeout=0.5)
    connection.isolation_level = None
    try:
        # Exclusive locking: refused while another connection, even an idle one, has the
        # file open in WAL mode (it holds the shared-memory index).
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            raise ProjectInUseError(
                f"{project_file} is open in another program (the app, or a command still "
                "running); close it there, then restore"
            ) from exc
    except sqlite3.DatabaseError:
        pass  # too damaged to tell, and nothing can be writing a file in that state
    finally:
        connection.close()


def _holds_a_project(file: Path) -> bool:
    access = ReadOnlyAccess.for_file(file)
    try:
        connection = access.connect()
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "projects"} <= tables:
                return False
            return connection.execute("SELECT count(*) FROM projects").fetchone()[0] > 0
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
    finally:
        access.finish()


def _move_aside(project_file: Path) -> Path | None:
    """Move the project file and its side files into the backups folder, all or none; a
    -wal left beside the restored file would be replayed into it."""
    if not project_file.exists():
        for side in side_files(project_file):
            side.unlink(missing_ok=True)
        return None
    stamp = datetime.now(UTC).strftime(_STAMP)
    replaced = backup_dir_for(project_file) / f"{project_file.stem}-{stamp}-before-restore.sqlite"
    replaced.parent.mkdir(parents=True, exist_ok=True)
    pairs = [(project_file, replaced)] + [
        (side, Path(f"{replaced}{suffix}"))
        for side, suffix in zip(side_files(project_file), SQLITE_SIDE_FILES, strict=True)
        if side.exists()
    ]
    moved: list[tuple[Path, Path]] = []
    try:
        for source, target in pairs:
            source.replace(target)
            moved.append((source, target))
    except BaseException:
        for source, target in reversed(moved):
            target.replace(source)
        raise
    return replaced
