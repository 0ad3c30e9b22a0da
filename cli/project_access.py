"""Opening a command's project, and keeping the files a command writes off the project."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.projects import OpenProject


def open_for_command(
    path_or_url: str, *, create: bool = True, read_only: bool = False
) -> OpenProject:
    """Open the project for a command; ``read_only`` for commands that only look, which then
    change nothing (no backup, no upgrade, not even the file's journal mode)."""
    from services.projects import open_project

    return open_project(path_or_url, create=create, read_only=read_only)


def refuse_project_output(project: str, path: Path, what: str) -> None:
    """A file a command writes must not be the project, its -wal/-shm or a backup."""
    from services.projects import refuse_project_output as refuse

    refuse(project, path, what)
