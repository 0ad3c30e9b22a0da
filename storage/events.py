"""The event log: every change as who, when, what it was before and after.

Rows are snapshots of the changed record (all columns but timestamps), so the log is enough
to replay a project, to undo an action, and to learn from every decision.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from storage.models import (
    Base,
    DocumentFlag,
    DocumentStatus,
    EntitySpan,
    Event,
    StanceAnnotation,
)

# The records the log can restore, by the name events use for them.
RESTORABLE: dict[str, type[Base]] = {
    "entity_span": EntitySpan,
    "stance_annotation": StanceAnnotation,
    "document_status": DocumentStatus,
    "document_flag": DocumentFlag,
}
_NOT_SNAPSHOTTED = {"created_at", "updated_at"}


def new_action_id() -> str:
    """A fresh id that groups the events of one user action."""
    return uuid.uuid4().hex


def snapshot(record: Base) -> dict[str, Any]:
    """The record's columns as JSON-ready values (timestamps left out)."""
    values: dict[str, Any] = {}
    for attr in inspect(record).mapper.column_attrs:
        if attr.key in _NOT_SNAPSHOTTED:
            continue
        value = getattr(record, attr.key)
        values[attr.key] = value.value if isinstance(value, enum.Enum) else value
    label = getattr(record, "label", None)
    if label is not None and hasattr(label, "name"):
        values["label"] = label.name  # for people reading the log; not restored
    return values


def record_event(
    session: Session,
    *,
    project_id: int,
    action_id: str,
    annotator_id: int | None,
    action: str,
    object_type: str,
    object_id: int | None,
    document_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Append one event to the log in the caller's transaction."""
    session.add(
        Event(
            project_id=project_id,
            action_id=action_id,
            annotator_id=annotator_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            document_id=document_id,
            before=before,
            after=after,
        )
    )
    if object_type == "entity_span":
        # Every logged span change teaches the project memory in the same transaction, so
        # the counts follow the log through undo and redo. Imported late: the memory logs
        # its own events through this module.
        from storage.memory.learning import count_span_change

        count_span_change(session, project_id, before, after)


def events_of_action(session: Session, action_id: str) -> list[Event]:
    return list(
        session.scalars(select(Event).where(Event.action_id == action_id).order_by(Event.id))
    )


def restore(
    session: Session, object_type: str, object_id: int, values: dict[str, Any] | None
) -> Base | None:
    """Make record ``object_id`` look like ``values``: update it, re-create it, or (``None``)
    delete it. Returns the record, or ``None`` when it was deleted."""
    model = RESTORABLE[object_type]
    record = session.get(model, object_id)
    if values is None:
        if record is not None:
            session.delete(record)
            session.flush()
        return None
    suggestion_id = values.get("suggestion_id")
    if suggestion_id is not None and session.get(model, suggestion_id) is None:
        # The suggestion was withdrawn since (a new suggester run, the project memory): the
        # decision comes back as the annotator's own span rather than failing the undo.
        values = {**values, "suggestion_id": None}
    if record is None:
        record = model(id=object_id)
        session.add(record)
    mapper = inspect(model)
    for attr in mapper.column_attrs:
        if attr.key in _NOT_SNAPSHOTTED or attr.key not in values:
            continue
        column_type = attr.columns[0].type
        value = values[attr.key]
        enum_class = getattr(column_type, "enum_class", None)
        if enum_class is not None and value is not None:
            value = enum_class(value)
        setattr(record, attr.key, value)
    session.flush()
    return record


def undo_action(
    session: Session,
    project_id: int,
    annotator_id: int,
    action_id: str,
    object_types: str | Collection[str],
    values: Callable[[Session, Event], dict[str, Any] | None] | None = None,
) -> tuple[str, list[Event]] | None:
    """Revert every change of action ``action_id`` to records of ``object_types`` in the
    caller's transaction, newest first, logged as a new action (undoing that is redo).
    ``values(session, event)`` says what to restore (default: the event's before).

    Returns the new action's id and the events it reverted, or ``None`` when the action
    logged nothing in this project."""
    types = {object_types} if isinstance(object_types, str) else set(object_types)
    events = [e for e in events_of_action(session, action_id) if e.project_id == project_id]
    if not events:
        return None
    # Imported late: the memory logs its own events through this module.
    from storage.memory.row_log import is_memory_row_event, revert_rows

    undo_id = new_action_id()
    reverted: list[Event] = []
    rows: list[Event] = []  # the memory's suggestions made or withdrawn: reverted in bulk
    restore_values = values or (lambda _session, event: event.before)
    for event in reversed(events):
        if event.object_id is None or event.object_type not in types:
            continue
        if is_memory_row_event(event):
            rows.append(event)
            reverted.append(event)
            continue
        if rows:  # in the log's order: the rows logged after this event first
            revert_rows(session, project_id, annotator_id, undo_id, rows, restore_values)
            rows = []
        # What the record is now, not what the undone event left: the same for the newest
        # action, and still true when an older one is undone (the memory counts from it).
        current = session.get(RESTORABLE[event.object_type], event.object_id)
        now = snapshot(current) if current is not None else None
        restored = event.before if values is None else values(session, event)
        record = restore(session, event.object_type, event.object_id, restored)
        if record is not None:
            # A restored foreign key leaves its loaded relationship stale (the label name in
            # the snapshot); reload it so the log says what is now stored.
            session.refresh(record)
        record_event(
            session,
            project_id=project_id,
            action_id=undo_id,
            annotator_id=annotator_id,
            action=f"undo:{event.action}",
            object_type=event.object_type,
            object_id=event.object_id,
            document_id=event.document_id,
            before=now,
            after=snapshot(record) if record is not None else None,
        )
        reverted.append(event)
    if rows:
        revert_rows(session, project_id, annotator_id, undo_id, rows, restore_values)
    return undo_id, reverted
