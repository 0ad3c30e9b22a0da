"""A project file's backups as the restore dialog lists them (newest first, each checked
in full before it may be restored), and the jobs that list, check and restore them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from services.jobs import JobControl, JobError, describe_error
from storage.backup import (
    NOT_A_PROJECT,
    BackupInfo,
    DamagedCopyError,
    ProjectInUseError,
    RestoreReport,
    backup_info,
    list_backups,
    restorable_problem,
    restore_backup,
)
from storage.project_files import backup_dir_for

__all__ = [
    "NOT_A_PROJECT",
    "BackupInfo",
    "BackupRow",
    "RestoreReport",
    "backup_dir_for",
    "backup_info",
    "backup_problem",
    "check_job",
    "list_backup_rows",
    "listing_job",
    "restore_job",
]


@dataclass(frozen=True)
class BackupRow:
    """A backup as a person chooses among them: its file, and its check once it is done."""

    info: BackupInfo
    size: int  # bytes
    checked: bool = False
    problem: str | None = None  # why it is damaged (None: good, or not checked yet)

    @property
    def good(self) -> bool:
        """Checked in full and sound: it may be restored."""
        return self.checked and self.problem is None


def list_backup_rows(project_file: Path) -> list[BackupRow]:
    """The project's backups, newest first, not checked yet (one that vanished meanwhile is
    left out)."""
    rows = []
    for path in reversed(list_backups(project_file)):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        rows.append(BackupRow(backup_info(project_file, path), size))
    return rows


def listing_job(project_file: Path) -> Callable[[JobControl], list[BackupRow]]:
    def job(_worker: JobControl) -> list[BackupRow]:
        try:
            return list_backup_rows(project_file)
        except OSError as exc:  # e.g. the backups folder may not be read
            folder = backup_dir_for(project_file)
            raise JobError(f"cannot list the backups in {folder}: {describe_error(exc)}") from exc

    return job


def check_job(row: BackupRow) -> Callable[[JobControl], BackupRow]:
    """A job that checks one backup in full (``PRAGMA integrity_check``, read-only)."""

    def job(_worker: JobControl) -> BackupRow:
        return replace(row, checked=True, problem=backup_problem(row.info.path))

    return job


def backup_problem(backup: Path) -> str | None:
    """Why ``backup`` cannot be restored (damaged, unreadable, no project in it), or None:
    the storage's one definition (``restorable_problem``)."""
    return restorable_problem(backup)


def restore_job(backup: Path, project_file: Path) -> Callable[[JobControl], RestoreReport]:
    """A job that restores ``backup`` over ``project_file`` (closed everywhere)."""

    def job(_worker: JobControl) -> RestoreReport:
        try:
            return restore_backup(backup, project_file)
        except (DamagedCopyError, ProjectInUseError) as exc:  # refused: nothing was changed
            raise JobError(str(exc)) from exc
        except (OSError, sqlite3.Error) as exc:  # a full disk, a folder that may not be written
            raise JobError(f"cannot restore {project_file}: {describe_error(exc)}") from exc

    return job
