"""Where the app keeps its files when the user has not said otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Standpunkt"
DATA_DIR_VARIABLE = "STANDPUNKT_DATA_DIR"  # overrides the data folder (tests, portable use)


def data_dir() -> Path:
    """The user's data folder for Standpunkt (e.g. ``~/.local/share/Standpunkt``)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_project_file() -> Path:
    """The embedded default project: a SQLite file in the data folder."""
    return data_dir() / "standpunkt.sqlite"


def models_dir_for(project_file: Path | None) -> Path:
    """Where models trained from a project go: ``<project>.sqlite.models`` beside its file
    (so they move with it), or the data folder's ``models`` for a database server."""
    if project_file is None:
        return data_dir() / "models"
    return project_file.with_name(project_file.name + ".models")
