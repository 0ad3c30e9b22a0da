"""The files that belong to a SQLite project, which nothing else may write over.

A project is more than its ``.sqlite`` file: SQLite keeps committed changes in ``-wal`` (and
its index in ``-shm``) until a checkpoint, a rollback journal may sit in ``-journal``, and the
backups live in ``<project>.backups/``. An export, a plot or a model written to any of these
paths would destroy the project or the copies it is restored from, so every command that
writes a file the user named checks it here first, after resolving links.
"""

from __future__ import annotations

import os
from pathlib import Path

from errors import UserError

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class ProjectFileError(UserError, ValueError):
    """A path the user named for writing belongs to the project; the message says which."""


def backup_dir_for(project_file: Path) -> Path:
    """Backups live beside the project, in ``<name>.backups/``."""
    return project_file.with_name(project_file.name + ".backups")


def side_files(project_file: Path) -> list[Path]:
    """The ``-wal``, ``-shm`` and ``-journal`` files SQLite keeps beside a database."""
    return [Path(f"{project_file}{suffix}") for suffix in SQLITE_SIDE_FILES]


def _key(path: Path, fold_case: bool) -> str:
    """``path`` with every link resolved (a link to a missing file too), in the form two
    names of one file share: case folded where the file system ignores case."""
    text = os.path.normcase(os.path.realpath(path))
    return text.casefold() if fold_case else text


def _ignores_case(file: Path) -> bool:
    """Whether the file system holding ``file`` ignores case (macOS and Windows do, by
    default): then ``P.SQLITE-WAL`` is the project's write-ahead log too."""
    other = file.with_name(file.name.swapcase())
    if other.name == file.name:
        return False
    try:
        return other.exists() and other.samefile(file)
    except OSError:
        return False


def project_file_role(project_file: Path, path: Path) -> str | None:
    """What ``path`` is to the project at ``project_file`` ("the project itself", "its
    write-ahead log", "one of its backups", ...), or None when it is not one of its files."""
    fold = _ignores_case(project_file)
    real, project = _key(path, fold), _key(project_file, fold)
    try:
        same = Path(path).exists() and Path(path).samefile(project_file)
    except OSError:
        same = False
    if real == project or same:
        return "the project itself"
    roles = {
        "-wal": "the project's write-ahead log (-wal)",
        "-shm": "the project's shared-memory index (-shm)",
        "-journal": "the project's rollback journal (-journal)",
    }
    for suffix, role in roles.items():
        if real == _key(Path(f"{project_file}{suffix}"), fold):
            return role
    backups = _key(backup_dir_for(project_file), fold)
    if real == backups:
        return "the project's backup folder"
    if real.startswith(backups + os.sep):
        return "one of the project's backups"
    return None


def refuse_project_file(project_file: Path | None, path: Path, what: str = "output") -> None:
    """Raise ``ProjectFileError`` when ``path`` (to be written as ``what``) is one of the
    files of the project at ``project_file``; a project on a server has none."""
    if project_file is None:
        return
    role = project_file_role(project_file, path)
    if role is not None:
        raise ProjectFileError(
            f"the {what} {path} is {role} ({project_file}); choose another file name"
        )
