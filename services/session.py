"""The open project as the window sees it: who annotates, opening it with its checks (in a
background job), and what an opened project brings along (``OpenedProject``)."""

from __future__ import annotations

import getpass

from services.jobs import OpenedProject, import_files_job, location_name, open_project_job
from storage.project import OpenProject
from storage.project_check import DamagedProjectError

__all__ = [
    "DamagedProjectError",
    "OpenProject",
    "OpenedProject",
    "annotator_name",
    "import_files_job",
    "location_name",
    "open_project_job",
]


def annotator_name(stored: str) -> str:
    """Who annotates: ``stored`` (the "annotator" setting), or the login name."""
    name = stored.strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers and services)
        return "annotator"
