"""The project's stance targets as the window edits them (records, adding, changing,
removing, the names proposed from entity spans) and what a change of them means for the
stance suggested so far."""

from __future__ import annotations

from datetime import datetime

from nlp.stance_training import ActiveStance, active_stance
from storage.project import OpenProject
from storage.stance.store import (
    KIND_OF_LABEL,
    TARGET_KINDS,
    TargetRecord,
    add_target,
    add_targets,
    new_target_proposals,
    project_targets,
    targets_changed_at,
)
from storage.stance.target_edits import (
    TargetInUseError,
    clean_aliases,
    remove_target,
    update_target,
)

__all__ = [
    "KIND_OF_LABEL",
    "TARGET_KINDS",
    "ActiveStance",
    "TargetInUseError",
    "TargetRecord",
    "add_target",
    "add_targets",
    "clean_aliases",
    "new_target_proposals",
    "project_targets",
    "remove_target",
    "stance_after_target_change",
    "update_target",
]


def stance_after_target_change(project: OpenProject) -> tuple[datetime | None, ActiveStance | None]:
    """When the targets last changed (stance suggested before is out of date), and the
    stance suggester that suggests now (None: the project has no targets)."""
    with project.db.read() as session:
        changed = targets_changed_at(session, project.project_id)
        has_targets = bool(project_targets(session, project.project_id))
    active = active_stance(project.db, project.project_id) if has_targets else None
    return changed, active
