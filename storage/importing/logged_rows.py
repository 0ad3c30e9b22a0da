"""Rows an import inserts in bulk, each logged with its own event (as an editor's action
logs its rows), so undo and the event log see imported labels as any other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from storage.models import Event, utcnow


@dataclass(frozen=True)
class ImportAction:
    """Who imported, as which action: the events' shared values."""

    project_id: int
    action_id: str
    annotator_id: int | None
    action: str  # "span.import", "stance.import"
    object_type: str  # "entity_span", "stance_annotation"


def insert_logged(
    session: Session,
    table: Table,
    rows: list[dict[str, Any]],
    action: ImportAction,
    snapshot: Callable[[int, dict[str, Any]], dict[str, Any]],
) -> list[int]:
    """Insert ``rows`` into ``table`` and one event per row, whose after-state is
    ``snapshot(row id, row)``; returns the new ids in the rows' order."""
    returning = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    ids = list(session.connection().execute(returning, rows).scalars().all())
    now = utcnow()
    session.execute(
        insert(Event),
        [
            {
                "project_id": action.project_id,
                "action_id": action.action_id,
                "at": now,
                "annotator_id": action.annotator_id,
                "action": action.action,
                "object_type": action.object_type,
                "object_id": row_id,
                "document_id": row["document_id"],
                "before": None,
                "after": snapshot(row_id, row),
            }
            for row_id, row in zip(ids, rows, strict=True)
        ],
    )
    return ids
