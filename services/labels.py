"""The project's label schema (entity and stance labels) as the labels dialog edits it."""

from __future__ import annotations

from storage.label_schema import (
    LabelInUseError,
    LabelKind,
    LabelRecord,
    add_label,
    move_label,
    project_labels,
    remove_label,
    update_label,
)

__all__ = [
    "LabelInUseError",
    "LabelKind",
    "LabelRecord",
    "add_label",
    "move_label",
    "project_labels",
    "remove_label",
    "update_label",
]
