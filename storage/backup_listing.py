"""The backups of a project as a person chooses among them: newest first, each checked.

Used by ``restore`` on the command line and by *File › Restore from backup…* in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from errors import UserError
from storage.backup import (
    NOT_A_PROJECT,
    BackupInfo,
    backup_info,
    list_backups,
    restorable_problem,
)
from storage.project_files import backup_dir_for, project_file_role


class BackupChoiceError(UserError, ValueError):
    """No backup can be restored (none, none good, or the one named is no backup)."""


@dataclass(frozen=True)
class BackupState:
    """A backup and the result of its check: ``problem`` is None for a good one."""

    info: BackupInfo
    size: int
    problem: str | None

    @property
    def good(self) -> bool:
        return self.problem is None

    def line(self) -> str:
        """One line for a terminal: time, reason, size, state, file."""
        taken = self.info.taken_at.strftime("%Y-%m-%d %H:%M:%S UTC") if self.info.taken_at else "?"
        state = "ok" if self.good else f"DAMAGED ({self.problem})"
        size = f"{self.size / (1024 * 1024):.1f} MB"
        return f"{taken}  {self.info.reason or '?':<22} {size:>9}  {state}  {self.info.path}"


def backup_states(project_file: Path) -> list[BackupState]:
    """Every backup of the project, newest first, with why it may not be restored (None
    for a good one). Raises ``BackupChoiceError`` when the backups cannot be listed."""
    try:
        paths = list(reversed(list_backups(project_file)))
        return [
            BackupState(
                backup_info(project_file, path), path.stat().st_size, restorable_problem(path)
            )
            for path in paths
        ]
    except OSError as exc:
        folder = backup_dir_for(project_file)
        raise BackupChoiceError(
            f"cannot list the backups in {folder}: {exc.strerror or exc}"
        ) from exc


def choose_backup(project_file: Path, named: Path | None = None) -> Path:
    """The backup to restore: ``named`` if it is a sound project file, else the newest one
    that passes the full check. Raises ``BackupChoiceError`` saying why there is none."""
    if named is not None:
        if project_file_role(project_file, named) == "the project itself":
            raise BackupChoiceError(f"{named} is the project itself, not a backup of it")
        if named.is_dir():
            raise BackupChoiceError(f"{named} is a folder, not a backup file")
        if not named.is_file():
            raise BackupChoiceError(f"{named} does not exist")
        problem = restorable_problem(named)
        if problem == NOT_A_PROJECT:
            raise BackupChoiceError(f"{named} is not a backup of a Standpunkt project")
        if problem is not None:
            raise BackupChoiceError(f"{named} is damaged: {problem}")
        return named
    states = backup_states(project_file)
    good = next((state for state in states if state.good), None)
    if good is None:
        folder = backup_dir_for(project_file)
        if not states:
            raise BackupChoiceError(f"there are no backups of {project_file} in {folder}")
        raise BackupChoiceError(
            f"none of the {len(states)} backups in {folder} passes its check (see `restore --list`)"
        )
    return good.info.path
