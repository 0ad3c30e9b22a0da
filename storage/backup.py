"""Rotating backups of a SQLite project file, taken with SQLite's online backup API.

A file copy of a live WAL database can miss committed pages that still sit in the ``-wal``
file; the backup API copies a consistent snapshot instead.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_KEEP = 5


def read_only_uri(file: Path) -> str:
    """A SQLite URI that opens ``file`` read-only; the path is escaped, so names with
    ``#``, ``?`` or ``%`` open the right file."""
    return file.resolve().as_uri() + "?mode=ro"


def backup_dir_for(project_file: Path) -> Path:
    """Backups live beside the project, in ``<name>.backups/``."""
    return project_file.with_name(project_file.name + ".backups")


def copy_database(source: Path, destination: Path) -> None:
    """Write a consistent copy of the SQLite database ``source`` to ``destination``."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A self-contained file: no -wal beside it that could get lost when it is moved.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)  # atomic: a backup is either whole or not there


def take_backup(project_file: Path, reason: str, keep: int = DEFAULT_KEEP) -> Path:
    """Back up ``project_file`` as ``<stem>-<UTC time>-<reason>.sqlite``; keep the newest ``keep``
    backups of that reason and return the new backup's path."""
    directory = backup_dir_for(project_file)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"{project_file.stem}-{stamp}-{reason}.sqlite"
    copy_database(project_file, target)
    prune_backups(project_file, reason, keep)
    return target


def list_backups(project_file: Path, reason: str | None = None) -> list[Path]:
    """The backups of a project, oldest first (names sort by time)."""
    directory = backup_dir_for(project_file)
    if not directory.is_dir():
        return []
    suffix = f"-{reason}.sqlite" if reason else ".sqlite"
    prefix = f"{project_file.stem}-"
    return sorted(
        p for p in directory.iterdir() if p.name.startswith(prefix) and p.name.endswith(suffix)
    )


def prune_backups(project_file: Path, reason: str, keep: int) -> None:
    backups = list_backups(project_file, reason)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)
    # Left by a backup that was interrupted (the app killed while copying).
    for partial in backup_dir_for(project_file).glob("*.partial"):
        partial.unlink(missing_ok=True)


def restore_backup(backup: Path, project_file: Path) -> None:
    """Replace the (closed) project with ``backup``; the current state is backed up first."""
    if project_file.exists():
        take_backup(project_file, "before-restore")
    src = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        dst = sqlite3.connect(project_file)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
