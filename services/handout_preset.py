"""Whose work an open project file is: a file handed out to one annotator
(``services.offline_teams``) is opened as that annotator, whoever uses the window."""

from __future__ import annotations

from dataclasses import dataclass

from services.offline_teams import handout_info
from storage.models import Project
from storage.project import OpenProject


@dataclass(frozen=True)
class HandedOut:
    """What a handed-out file says about itself."""

    annotator: str  # whose work the file holds: the window works as them
    project: str  # the coordinator's project it was handed out from
    documents: int  # how many documents were handed out in it


def handed_out(project: OpenProject) -> HandedOut | None:
    """The hand-out the project's settings record (None: an ordinary project)."""
    with project.db.read() as session:
        row = session.get(Project, project.project_id)
        info = handout_info(row.settings if row is not None else None)
    if info is None or not info["annotator"].strip():
        return None
    documents = info.get("documents")
    return HandedOut(
        annotator=info["annotator"].strip(),
        project=str(info.get("project") or project.name),
        documents=documents if isinstance(documents, int) else 0,
    )
