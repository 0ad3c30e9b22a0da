"""What an annotator does to stance labels: each call is one committed transaction and one
logged action, and every action can be undone from the log (the stance counterpart of
``storage.entity_edits``).

Deciding on a machine suggestion (which belongs to nobody) writes the annotator's own row that
points back to it; the suggestion itself stays untouched for everybody else. An annotator has
at most one own row per place (scope, sentence offsets, target): every action looks for that
row first, so the classifier never learns two labels for one sentence and target.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from storage.annotator_actions import AnnotationError, AnnotatorActions
from storage.entity_edits import ActionResult
from storage.events import new_action_id, snapshot, undo_action
from storage.models import (
    AnnotationState,
    Document,
    Event,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)

STANCE = "stance_annotation"

Place = tuple[int, StanceScope, int, int, int]  # document, scope, start, end, target id


def open_suggestions(
    session: Session, document_id: int, annotator_id: int
) -> list[StanceAnnotation]:
    """The machine sentence suggestions in a document the annotator has not decided on (no own
    row at their place), in text order: the suggested rows of ``visible_stance``."""
    rows = list(
        session.scalars(
            select(StanceAnnotation)
            .where(
                StanceAnnotation.document_id == document_id,
                StanceAnnotation.scope == StanceScope.SENTENCE,
                (StanceAnnotation.annotator_id == annotator_id)
                | StanceAnnotation.annotator_id.is_(None),
            )
            .order_by(StanceAnnotation.start_offset, StanceAnnotation.id)
        )
    )
    # A decision's own row sits at its suggestion's place (stance rows never move).
    own = {_place(r) for r in rows if r.annotator_id is not None}
    return [r for r in rows if r.annotator_id is None and _place(r) not in own]


class StanceEditor(AnnotatorActions):
    """Stance actions of one annotator in one project."""

    OBJECT_TYPE = STANCE

    # -- actions ---------------------------------------------------------------------------

    def accept(self, stance_ids: int | Sequence[int]) -> ActionResult:
        """Accept stance rows as they are (suggestions become the annotator's own rows)."""
        return self._decide(_ids(stance_ids), AnnotationState.ACCEPTED, "stance.accept")

    def reject(self, stance_ids: int | Sequence[int]) -> ActionResult:
        """Reject stance rows; the rejection is kept so the label is not suggested again."""
        return self._decide(_ids(stance_ids), AnnotationState.REJECTED, "stance.reject")

    def accept_all(self, document_id: int) -> ActionResult:
        """Accept every sentence suggestion of the document the annotator has not decided on."""
        with self.db.read() as session:
            self._document(session, document_id)
            ids = [r.id for r in open_suggestions(session, document_id, self.annotator_id)]
        return self._decide(ids, AnnotationState.ACCEPTED, "stance.accept_all")

    def relabel(self, stance_id: int, label: str) -> ActionResult:
        """Give the annotator's own row for ``stance_id`` the label ``label``."""
        action_id = new_action_id()
        with self.db.write() as session:
            label_id = self._label_id(session, label)
            row, before = self._own_copy(session, stance_id)
            self._set_label(session, row, label_id)
            self._log(session, action_id, "stance.relabel", row, before, snapshot(row))
            return ActionResult(action_id, [row.id])

    def set_sentence(
        self,
        document_id: int,
        start: int,
        end: int,
        sentence_index: int | None,
        target: str,
        label: str,
    ) -> ActionResult:
        """The annotator's label for one sentence (``start``–``end``) and target: relabels
        their row there, or their copy of the open suggestion there, or adds a manual row."""
        action_id = new_action_id()
        with self.db.write() as session:
            document = self._document(session, document_id)
            _check_offsets(document, start, end)
            target_id = self._target_id(session, target)
            label_id = self._label_id(session, label)
            place = (document_id, StanceScope.SENTENCE, start, end, target_id)
            row = _row_at(session, place, self.annotator_id)
            before = snapshot(row) if row is not None else None
            if row is None:
                suggestion = _row_at(session, place, None)
                row = (
                    self._copy(session, suggestion)
                    if suggestion is not None
                    else self._new_row(session, document, place, label_id, sentence_index)
                )
            self._set_label(session, row, label_id)
            self._log(session, action_id, "stance.set", row, before, snapshot(row))
            return ActionResult(action_id, [row.id])

    def clear(self, stance_id: int) -> ActionResult:
        """Remove the annotator's label: their own manual row is deleted; a row that came from
        a suggestion (or the suggestion itself) is rejected, so it is not suggested again."""
        action_id = new_action_id()
        with self.db.write() as session:
            row = self._row(session, stance_id)
            if row.annotator_id == self.annotator_id and row.suggestion_id is None:
                self._delete(session, action_id, "stance.clear", row)
                return ActionResult(action_id, [stance_id])
            row_id = self._decide_one(
                session, action_id, "stance.clear", stance_id, AnnotationState.REJECTED
            )
            return ActionResult(action_id, [row_id])

    def set_document_stance(self, document_id: int, target: str, label: str | None) -> ActionResult:
        """The annotator's stance of the whole document toward ``target``: created, relabelled,
        or (``label`` None) deleted. Nothing to delete gives a result without ids."""
        action_id = new_action_id()
        with self.db.write() as session:
            document = self._document(session, document_id)
            target_id = self._target_id(session, target)
            place = (document_id, StanceScope.DOCUMENT, 0, document.text_length, target_id)
            row = _row_at(session, place, self.annotator_id)
            if label is None:
                if row is None:
                    return ActionResult(action_id, [])
                self._delete(session, action_id, "stance.document", row)
                return ActionResult(action_id, [row.id])
            label_id = self._label_id(session, label)
            before = snapshot(row) if row is not None else None
            if row is None:
                row = self._new_row(session, document, place, label_id, None)
            else:
                self._set_label(session, row, label_id)
            self._log(session, action_id, "stance.document", row, before, snapshot(row))
            return ActionResult(action_id, [row.id])

    def undo(self, action_id: str) -> ActionResult:
        """Revert every stance change of an action, newest first, as a new action (which can
        itself be undone: that is redo)."""
        with self.db.write() as session:
            whose = select(Event.annotator_id).where(
                Event.action_id == action_id, Event.object_type == STANCE
            )
            if set(session.scalars(whose)) - {self.annotator_id}:
                raise AnnotationError(f"action {action_id} was done by another annotator")
            undone = undo_action(session, self.project_id, self.annotator_id, action_id, STANCE)
            if undone is None or not undone[1]:
                raise AnnotationError(f"no stance change to undo in action {action_id}")
            undo_id, reverted = undone
            return ActionResult(undo_id, [e.object_id for e in reverted])

    def document_stance(self, document_id: int) -> dict[str, str]:
        """Target name -> label name of the annotator's document-level stance."""
        with self.db.read() as session:
            self._document(session, document_id)
            rows = session.scalars(
                select(StanceAnnotation).where(
                    StanceAnnotation.document_id == document_id,
                    StanceAnnotation.annotator_id == self.annotator_id,
                    StanceAnnotation.scope == StanceScope.DOCUMENT,
                    StanceAnnotation.state != AnnotationState.REJECTED,
                )
            )
            return {r.target.name: r.label.name for r in sorted(rows, key=lambda r: r.target.name)}

    # -- helpers ---------------------------------------------------------------------------

    def _decide(self, stance_ids: list[int], state: AnnotationState, action: str) -> ActionResult:
        action_id = new_action_id()
        with self.db.write() as session:
            ids = [self._decide_one(session, action_id, action, i, state) for i in stance_ids]
            return ActionResult(action_id, ids)

    def _decide_one(
        self, session: Session, action_id: str, action: str, stance_id: int, state: AnnotationState
    ) -> int:
        """Put the annotator's own row for ``stance_id`` in ``state``; returns its id."""
        row, before = self._own_copy(session, stance_id)
        # Accepting an edited row keeps the record that it was edited.
        if not (state == AnnotationState.ACCEPTED and row.state == AnnotationState.EDITED):
            row.state = state
        session.flush()
        self._log(session, action_id, action, row, before, snapshot(row))
        return row.id

    def _own_copy(self, session: Session, stance_id: int) -> tuple[StanceAnnotation, dict | None]:
        """The annotator's own row for ``stance_id``: the row itself, their row at the
        suggestion's place, or a new copy that points back to the suggestion. Returns it with
        its snapshot before the change (``None`` when it is new)."""
        row = self._row(session, stance_id)
        if row.annotator_id == self.annotator_id:
            return row, snapshot(row)
        if row.annotator_id is not None:
            raise AnnotationError(f"stance annotation {stance_id} belongs to another annotator")
        existing = _row_at(session, _place(row), self.annotator_id, prefer=row.id)
        if existing is not None:
            return existing, snapshot(existing)
        return self._copy(session, row), None

    def _copy(self, session: Session, suggestion: StanceAnnotation) -> StanceAnnotation:
        """A new own row like ``suggestion`` (still suggested), pointing back to it."""
        copy = StanceAnnotation(
            annotator_id=self.annotator_id,
            suggestion_id=suggestion.id,
            **{
                attr.key: getattr(suggestion, attr.key)
                for attr in inspect(StanceAnnotation).column_attrs
                if attr.key not in _NOT_COPIED
            },
        )
        session.add(copy)
        session.flush()
        return copy

    def _new_row(
        self,
        session: Session,
        document: Document,
        place: Place,
        label_id: int,
        sentence_index: int | None,
    ) -> StanceAnnotation:
        document_id, scope, start, end, target_id = place
        row = StanceAnnotation(
            document_id=document_id,
            doc_length=document.text_length,
            start_offset=start,
            end_offset=end,
            scope=scope,
            sentence_index=sentence_index,
            target_id=target_id,
            label_id=label_id,
            state=AnnotationState.ACCEPTED,
            origin_kind=OriginKind.MANUAL,
            annotator_id=self.annotator_id,
        )
        session.add(row)
        session.flush()
        return row

    def _set_label(self, session: Session, row: StanceAnnotation, label_id: int) -> None:
        row.label_id = label_id
        row.state = _labelled_state(session, row)
        session.flush()
        session.refresh(row)  # the loaded label must match label_id for the snapshot

    def _delete(self, session: Session, action_id: str, action: str, row: StanceAnnotation) -> None:
        before = snapshot(row)
        session.delete(row)
        session.flush()  # the deleted object keeps its id and document for the event
        self._log(session, action_id, action, row, before, None)

    def _row(self, session: Session, stance_id: int) -> StanceAnnotation:
        row = session.get(StanceAnnotation, stance_id)
        document = session.get(Document, row.document_id) if row is not None else None
        if document is None or document.project_id != self.project_id:
            raise AnnotationError(f"no stance annotation {stance_id} in this project")
        return row

    def _label_id(self, session: Session, label: str) -> int:
        rows = session.execute(
            select(StanceLabel.name, StanceLabel.id).where(
                StanceLabel.project_id == self.project_id
            )
        )
        labels = {name: label_id for name, label_id in rows}
        if label not in labels:
            known = ", ".join(sorted(labels))
            raise AnnotationError(f"unknown stance label {label!r} (labels: {known})")
        return labels[label]

    def _target_id(self, session: Session, target: str) -> int:
        target_id = session.scalar(
            select(StanceTarget.id).where(
                StanceTarget.project_id == self.project_id, StanceTarget.name == target
            )
        )
        if target_id is None:
            raise AnnotationError(f"no stance target {target!r} in this project")
        return target_id


# What an annotator's copy of a suggestion does not take over from it.
_NOT_COPIED = {"id", "annotator_id", "suggestion_id", "created_at", "updated_at"}


def _place(row: StanceAnnotation) -> Place:
    return (row.document_id, row.scope, row.start_offset, row.end_offset, row.target_id)


def _row_at(
    session: Session, place: Place, annotator_id: int | None, prefer: int | None = None
) -> StanceAnnotation | None:
    """The row of ``annotator_id`` (``None``: a machine suggestion) at ``place``, the copy of
    suggestion ``prefer`` first; ``None`` when there is none."""
    document_id, scope, start, end, target_id = place
    owner = StanceAnnotation.annotator_id
    query = select(StanceAnnotation).where(
        StanceAnnotation.document_id == document_id,
        owner.is_(None) if annotator_id is None else owner == annotator_id,
        StanceAnnotation.scope == scope,
        StanceAnnotation.start_offset == start,
        StanceAnnotation.end_offset == end,
        StanceAnnotation.target_id == target_id,
    )
    if prefer is not None:
        query = query.order_by((StanceAnnotation.suggestion_id == prefer).desc())
    return session.scalars(query.order_by(StanceAnnotation.id)).first()


def _labelled_state(session: Session, row: StanceAnnotation) -> AnnotationState:
    # A row the annotator made by hand is simply theirs; a suggestion's copy is "edited" only
    # while its label differs from what the machine said.
    if row.origin_kind == OriginKind.MANUAL:
        return AnnotationState.ACCEPTED
    suggestion = session.get(StanceAnnotation, row.suggestion_id) if row.suggestion_id else None
    if suggestion is not None and suggestion.label_id == row.label_id:
        return AnnotationState.ACCEPTED
    return AnnotationState.EDITED


def _ids(stance_ids: int | Sequence[int]) -> list[int]:
    return [stance_ids] if isinstance(stance_ids, int) else list(stance_ids)


def _check_offsets(document: Document, start: int, end: int) -> None:
    if type(start) is not int or type(end) is not int:
        raise AnnotationError(f"sentence offsets must be whole numbers, not {start!r}–{end!r}")
    if not 0 <= start < end <= document.text_length:
        raise AnnotationError(
            f"sentence {start}–{end} is outside document {document.id} "
            f"(its text has {document.text_length} characters)"
        )
