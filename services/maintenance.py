"""Looking after a project as a whole: copying it to another database, and restoring its
file from a backup (the schema upgrade happens when it is opened, ``services.projects``)."""

from __future__ import annotations

from pathlib import Path

from storage.backup import RestoreReport, restore_backup
from storage.backup_listing import BackupState, backup_states, choose_backup
from storage.copy_project import CopyReport, copy_project

__all__ = [
    "BackupState",
    "CopyReport",
    "RestoreReport",
    "backup_states",
    "copy_project",
    "restore_project",
]


def restore_project(project_file: Path, named: Path | None = None) -> RestoreReport:
    """Restore ``project_file`` from the backup ``named``, or else from the newest one that
    passes the full check (``BackupChoiceError`` when there is none); ``OSError`` when the
    file cannot be replaced."""
    return restore_backup(choose_backup(project_file, named), project_file)
