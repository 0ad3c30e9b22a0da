"""Opening a project for one piece of batch work, and where the files beside it go (its
models, the default project); what a command writes must never be one of them."""

from __future__ import annotations

from pathlib import Path

from storage.database import DatabaseError, resolve_location
from storage.paths import default_project_file, models_dir_for
from storage.project import OpenProject
from storage.project import open_project as open_checked
from storage.project_files import refuse_project_file

__all__ = [
    "OpenProject",
    "default_project_file",
    "models_dir_for",
    "open_project",
    "project_file",
    "refuse_project_output",
]


def open_project(path_or_url: str, *, create: bool = True, read_only: bool = False) -> OpenProject:
    """Open the project; ``read_only`` for work that only looks, which then changes nothing
    (no backup, no upgrade, not even the file's journal mode)."""
    return open_checked(path_or_url, create=create and not read_only, read_only=read_only)


def project_file(path_or_url: str) -> Path | None:
    """The project's SQLite file (None for a database on a server); ``DatabaseError`` when
    ``path_or_url`` is no usable location."""
    return resolve_location(path_or_url).file


def refuse_project_output(project: str, path: Path, what: str) -> None:
    """A file written beside the work must not be the project, its -wal/-shm or a backup."""
    try:
        file = project_file(project)
    except DatabaseError:
        return  # not a usable location: opening it says why
    refuse_project_file(file, path, what)
