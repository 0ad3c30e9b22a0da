"""The project's stance targets as the window and the ``targets`` command edit them
(records, adding, changing, removing, the names proposed from entity spans) and what a change
of them means for the stance suggested so far."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from storage.project import OpenProject
from storage.stance.store import (
    KIND_OF_LABEL,
    TARGET_KINDS,
    TargetRecord,
    add_target,
    add_targets,
    new_target_proposals,
    project_targets,
    propose_targets,
    targets_changed_at,
)
from storage.stance.target_edits import (
    TargetInUseError,
    clean_aliases,
    remove_target,
    update_target,
)

if TYPE_CHECKING:
    from nlp.stance_training import ActiveStance

__all__ = [
    "KIND_OF_LABEL",
    "TARGET_KINDS",
    "TargetInUseError",
    "TargetRecord",
    "add_named_target",
    "add_target",
    "add_targets",
    "clean_aliases",
    "listed_targets",
    "new_target_proposals",
    "project_targets",
    "proposed_targets",
    "remove_target",
    "stance_after_target_change",
    "update_target",
]


def stance_after_target_change(project: OpenProject) -> tuple[datetime | None, ActiveStance | None]:
    """When the targets last changed (stance suggested before is out of date), and the
    stance suggester that suggests now (None: the project has no targets)."""
    # Here, not at the top: it loads the stance classifier (and spaCy), which listing or
    # adding targets on the command line does not need.
    from nlp.stance_training import active_stance

    with project.db.read() as session:
        changed = targets_changed_at(session, project.project_id)
        has_targets = bool(project_targets(session, project.project_id))
    active = active_stance(project.db, project.project_id) if has_targets else None
    return changed, active


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
