"""The project's stance targets as the ``targets`` command lists, proposes and adds them.
Apart from ``services.targets`` (the window's, which also asks the stance suggester and so
loads spaCy): listing targets should not wait seconds for a model library."""

from __future__ import annotations

from collections.abc import Sequence

from storage.project import OpenProject
from storage.stance.store import TargetRecord, add_target, project_targets, propose_targets

__all__ = ["TargetRecord", "add_named_target", "listed_targets", "proposed_targets"]


def add_named_target(project: OpenProject, name: str, aliases: Sequence[str]) -> None:
    """Add a target, or ``aliases`` to the existing one of that name; logged as one action."""
    add_target(project.db, project.project_id, name, aliases)


def listed_targets(project: OpenProject) -> list[TargetRecord]:
    """The project's targets, by name."""
    with project.db.read() as session:
        return project_targets(session, project.project_id)


def proposed_targets(project: OpenProject) -> list[tuple[str, str, int]]:
    """The most frequent names of the project's entity spans as (text, label, occurrences):
    candidate targets for the user to confirm."""
    with project.db.read() as session:
        return propose_targets(session, project.project_id)
