"""Logging, and undoing, the suggestions the project memory makes or withdraws with an
action, in bulk: a rejection may withdraw a name's suggestions in hundreds of documents, and
one event per row through the ORM (``storage.events.record_event``, ``restore``) would cost
seconds. The events are the same (one per row, with the row's snapshot), so the log reads,
replays and undoes them like any other."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from storage.models import AnnotationState, EntitySpan, Event, OriginKind

MEMORY_ROW_ACTIONS = ("memory.suggest", "memory.withdraw", "memory.update")
SPAN = "entity_span"
_ENUMS: dict[str, type[Enum]] = {"state": AnnotationState, "origin_kind": OriginKind}
_NOT_SNAPSHOTTED = ("created_at", "updated_at")

Snapshot = dict[str, Any]
Change = tuple[Snapshot | None, Snapshot | None]  # (before, after) of one row


def is_memory_row_event(event: Event) -> bool:
    """An event of a suggestion the memory made, withdrew or changed the confidence of (or
    of its undo, or redo)."""
    return event.object_type == SPAN and event.action.split(":")[-1] in MEMORY_ROW_ACTIONS


def plain(row: Mapping[str, Any]) -> Snapshot:
    """A row read with Core as an event snapshot (``storage.events.snapshot``'s form)."""
    skip = _NOT_SNAPSHOTTED
    return {k: (v.value if isinstance(v, Enum) else v) for k, v in row.items() if k not in skip}


def read_rows(session: Session, ids: Iterable[int]) -> dict[int, Snapshot]:
    table = EntitySpan.__table__
    found = session.connection().execute(select(table).where(table.c.id.in_(list(ids))))
    return {row["id"]: plain(dict(row)) for row in found.mappings()}


def log_rows(
    session: Session,
    project_id: int,
    action_id: str,
    annotator_id: int | None,
    actions: Iterable[str],
    changes: Iterable[Change],
) -> None:
    """One event per changed row (``actions`` and ``changes`` pair up), in one statement;
    the rows made or removed are noted for ``storage.memory.effects``."""
    from storage.memory.learning import note_machine_rows  # learning logs through events

    events = []
    for action, (before, after) in zip(actions, changes, strict=True):
        values = before if before is not None else after
        assert values is not None
        events.append(
            {
                "project_id": project_id,
                "action_id": action_id,
                "annotator_id": annotator_id,
                "action": action,
                "object_type": SPAN,
                "object_id": values["id"],
                "document_id": values["document_id"],
                "before": before,
                "after": after,
            }
        )
        note_machine_rows(session, before, after)
    if events:
        session.flush()  # the action's own events first: the log keeps their order
        session.connection().execute(insert(Event.__table__), events)


def revert_rows(
    session: Session,
    project_id: int,
    annotator_id: int,
    undo_id: str,
    events: list[Event],
    values: Callable[[Session, Event], Snapshot | None],
) -> None:
    """Undo memory row ``events`` (newest first) as action ``undo_id``: rows they removed
    come back with their ids and values, rows they made go."""
    session.flush()
    table = EntitySpan.__table__
    now = read_rows(session, [e.object_id for e in events if e.object_id is not None])
    gone, back, changes, actions = [], [], [], []
    for event in events:
        assert event.object_id is not None
        current, restored = now.get(event.object_id), values(session, event)
        if restored is None and current is not None:
            gone.append(event.object_id)
        elif restored is not None and current is None:
            back.append(_storable(restored))
        elif restored is not None:  # there, but not as it was: rare enough one by one
            session.execute(
                table.update().where(table.c.id == event.object_id).values(_storable(restored))
            )
        changes.append((current, restored))
        actions.append(f"undo:{event.action}")
    if gone:
        session.connection().execute(delete(table).where(table.c.id.in_(gone)))
    if back:
        session.connection().execute(insert(table), back)
    log_rows(session, project_id, undo_id, annotator_id, actions, changes)


def _storable(values: Snapshot) -> dict[str, Any]:
    stored = {
        column.key: values.get(column.key)
        for column in EntitySpan.__table__.columns
        if column.key not in _NOT_SNAPSHOTTED
    }
    for key, enum_class in _ENUMS.items():
        if stored.get(key) is not None:
            stored[key] = enum_class(stored[key])
    return stored
