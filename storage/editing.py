"""What every editor of a project's annotations shares (``EntityEditor``, ``StanceEditor``,
``DocumentEditor``, ``ReviewEditor``): who acts in which project, one action as one
transaction, finding a document, row, label or target of that project, the offset and
ownership checks, logging a change, and undoing one logged action.

The refusals raise ``AnnotationError`` with a message for a person; their words are part of
what the window and the command line show, so each editor passes its own nouns in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.events import events_of_action, new_action_id, record_event, undo_action
from storage.memory.effects import MemoryEffect, refresh_after_action
from storage.models import (
    Document,
    EntityLabel,
    EntitySpan,
    Event,
    StanceAnnotation,
    StanceLabel,
    StanceTarget,
    utcnow,
)

Row = TypeVar("Row", EntitySpan, StanceAnnotation)
LabelModel = type[EntityLabel] | type[StanceLabel]


class AnnotationError(UserError, ValueError):
    """An action that cannot be done as asked; the message says why, for a person."""


@dataclass(frozen=True)
class ActionResult:
    """The outcome of one committed action."""

    action_id: str
    span_ids: list[int] = field(default_factory=list)
    saved_at: datetime = field(default_factory=utcnow)
    replaced: int = 0  # open suggestions an added span took the place of


class Editor:
    """Actions of one person (``actor_id``) in one project. ``OBJECT_TYPE`` names the
        records ``_log`` records by default, ``UNDOES`` those ``undo`` reverts; with
        ``REFRESHES_MEMORY`` an action brings the project memory's suggestions up to date in
        its own transaction (entity spans teach the memory, stance labels do not), in every
    document where the action changed what the memory says, logged with the action so that its
    undo takes all of it back; ``take_effects`` says what that was."""

    OBJECT_TYPE = ""
    UNDOES: tuple[str, ...] = ()
    REFRESHES_MEMORY = False

    def __init__(self, db: Database, project_id: int, actor_id: int) -> None:
        self.db = db
        self.project_id = project_id
        self.actor_id = actor_id
        self._effects: tuple[str, tuple[MemoryEffect, ...]] = ("", ())

    def take_effects(self, action_id: str) -> tuple[MemoryEffect, ...]:
        """What action ``action_id`` (the latest one, or the latest undo) changed elsewhere
        through the project memory; asked once, then forgotten."""
        done, effects = self._effects
        self._effects = ("", ())
        return effects if done == action_id else ()

    # -- one action ------------------------------------------------------------------------

    @contextmanager
    def _action(self, refresh_memory: bool | None = None) -> Iterator[tuple[Session, str]]:
        """One action: a write transaction and a fresh action id; the memory is refreshed
        before the commit (``refresh_memory``, default ``REFRESHES_MEMORY``)."""
        refresh = self.REFRESHES_MEMORY if refresh_memory is None else refresh_memory
        action_id = new_action_id()
        with self.db.write() as session:
            yield session, action_id
            if refresh:
                self._refresh_memory(session, action_id)

    def _document(self, session: Session, document_id: int) -> Document:
        document = session.get(Document, document_id)
        if document is None or document.project_id != self.project_id:
            raise AnnotationError(f"no document {document_id} in this project")
        return document

    def _in_project(self, session: Session, model: type[Row], row_id: int) -> Row | None:
        """Row ``row_id`` when it is in a document of this project, else ``None``."""
        row = session.get(model, row_id)
        document = session.get(Document, row.document_id) if row is not None else None
        if document is None or document.project_id != self.project_id:
            return None
        return row

    def _log(
        self,
        session: Session,
        action_id: str,
        action: str,
        record: Any,
        before: dict | None,
        after: dict | None,
        object_type: str | None = None,
    ) -> None:
        """One event of the action: ``record`` (with ``id`` and ``document_id``; a deleted
        and flushed record keeps both) changed, by the actor."""
        record_event(
            session,
            project_id=self.project_id,
            action_id=action_id,
            annotator_id=self.actor_id,
            action=action,
            object_type=object_type or self.OBJECT_TYPE,
            object_id=record.id,
            document_id=record.document_id,
            before=before,
            after=after,
        )

    # -- undo ------------------------------------------------------------------------------

    def undo(self, action_id: str) -> ActionResult:
        """Revert every change of an action to the records of ``UNDOES``, newest first, as a
        new action (which can itself be undone: that is redo)."""
        with self.db.write() as session:
            events = [
                e for e in events_of_action(session, action_id) if e.project_id == self.project_id
            ]
            self._refuse_undo(action_id, events)
            undone = undo_action(
                session, self.project_id, self.actor_id, action_id, self.UNDOES, self._undone_values
            )
            assert undone is not None  # _refuse_undo refuses an action with no events here
            undo_id, reverted = undone
            if self.REFRESHES_MEMORY:
                self._refresh_memory(session, undo_id)
            return ActionResult(undo_id, self._undone_ids(reverted))

    def _refresh_memory(self, session: Session, action_id: str) -> None:
        effects = refresh_after_action(session, self.project_id, action_id, self.actor_id)
        self._effects = (action_id, effects)

    def _refuse_undo(self, action_id: str, events: list[Event]) -> None:
        """Raise ``AnnotationError`` when this editor must not undo the action whose events in
        this project are ``events``."""
        if not events:
            raise AnnotationError(f"nothing to undo for action {action_id}")

    def _refuse_others(self, action_id: str, events: list[Event]) -> None:
        if {e.annotator_id for e in events} - {self.actor_id}:
            raise AnnotationError(f"action {action_id} was done by another annotator")

    def _undone_values(self, session: Session, event: Event) -> dict | None:
        """What undoing ``event`` restores: what the record was before it."""
        return event.before

    def _undone_ids(self, reverted: list[Event]) -> list[int]:
        # The annotator's rows; the suggestions the memory made or withdrew with them are not
        # what the action was about.
        return [
            e.object_id
            for e in reverted
            if e.object_id is not None and not e.action.startswith("memory.")
        ]


class AnnotatorActions(Editor):
    """Actions of one annotator on their own rows in one project."""

    @property
    def annotator_id(self) -> int:
        return self.actor_id


# -- checks and lookups shared by the editors ------------------------------------------------


def check_offsets(document: Document, start: int, end: int, noun: str = "span") -> None:
    """Refuse offsets that are not whole numbers or not a non-empty part of the text;
    ``noun`` is what the message calls the part ("span", "sentence")."""
    if type(start) is not int or type(end) is not int:
        raise AnnotationError(f"{noun} offsets must be whole numbers, not {start!r}–{end!r}")
    if not 0 <= start < end <= document.text_length:
        raise AnnotationError(
            f"{noun} {start}–{end} is outside document {document.id} "
            f"(its text has {document.text_length} characters)"
        )


def require_own(owner_id: int | None, annotator_id: int, what: str) -> None:
    """Refuse to change ``what`` (e.g. "span 12") unless it is the annotator's own row."""
    if owner_id != annotator_id:
        raise AnnotationError(f"{what} belongs to another annotator")


def label_ids(session: Session, model: LabelModel, project_id: int) -> dict[str, int]:
    """Label name -> id of the project's entity or stance labels."""
    rows = session.execute(select(model.name, model.id).where(model.project_id == project_id))
    return {name: label_id for name, label_id in rows}


def find_label_id(session: Session, model: LabelModel, project_id: int, label: str) -> int:
    """The id of label ``label`` (its exact name: case matters)."""
    labels = label_ids(session, model, project_id)
    if label not in labels:
        kind = "entity" if model is EntityLabel else "stance"
        known = ", ".join(sorted(labels))
        raise AnnotationError(f"unknown {kind} label {label!r} (labels: {known})")
    return labels[label]


def target_ids(session: Session, project_id: int) -> dict[str, int]:
    """Target name -> id of the project's stance targets."""
    rows = session.execute(
        select(StanceTarget.name, StanceTarget.id).where(StanceTarget.project_id == project_id)
    )
    return {name: target_id for name, target_id in rows}


def find_target_id(session: Session, project_id: int, target: int | str) -> int:
    """The id of a stance target given by its id or its exact name."""
    targets = target_ids(session, project_id)
    if isinstance(target, int) and target in targets.values():
        return target
    if isinstance(target, str) and target in targets:
        return targets[target]
    raise AnnotationError(f"no stance target {target!r} in this project")


def as_ids(ids: int | Sequence[int]) -> list[int]:
    """One id or several, as a list."""
    return [ids] if isinstance(ids, int) else list(ids)
