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

from storage.editing import (
    ActionResult,
    AnnotationError,
    AnnotatorActions,
    as_ids,
    check_offsets,
    find_label_id,
    find_target_id,
    require_own,
)
from storage.events import snapshot
from storage.models import (
    HOLDER_COLUMNS,
    AnnotationState,
    Document,
    Event,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
)
from storage.stance.actors import actor_by_words, find_actor

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
    UNDOES = (STANCE,)

    # -- actions ---------------------------------------------------------------------------

    def accept(self, stance_ids: int | Sequence[int]) -> ActionResult:
        """Accept stance rows as they are (suggestions become the annotator's own rows)."""
        return self._decide(as_ids(stance_ids), AnnotationState.ACCEPTED, "stance.accept")

    def reject(self, stance_ids: int | Sequence[int]) -> ActionResult:
        """Reject stance rows; the rejection is kept so the label is not suggested again."""
        return self._decide(as_ids(stance_ids), AnnotationState.REJECTED, "stance.reject")

    def accept_all(self, document_id: int) -> ActionResult:
        """Accept every sentence suggestion of the document the annotator has not decided on."""
        with self.db.read() as session:
            self._document(session, document_id)
            ids = [r.id for r in open_suggestions(session, document_id, self.annotator_id)]
        return self._decide(ids, AnnotationState.ACCEPTED, "stance.accept_all")

    def relabel(self, stance_id: int, label: str) -> ActionResult:
        """Give the annotator's own row for ``stance_id`` the label ``label``."""
        with self._action() as (session, action_id):
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
        with self._action() as (session, action_id):
            document = self._document(session, document_id)
            check_offsets(document, start, end, "sentence")
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

    def set_holder(
        self,
        stance_id: int,
        actor: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> ActionResult:
        """Who holds the stance of the annotator's own row for ``stance_id``: the actor named
        ``actor``, and/or the words ``start``–``end`` of the text that name the holder (their
        actor, when an actor has them as alias); neither: the article's author."""
        with self._action() as (session, action_id):
            row, before = self._own_copy(session, stance_id)
            actor_id = None
            if actor is not None:
                found = find_actor(session, self.project_id, actor)
                if found is None:
                    raise AnnotationError(f"no actor {actor!r} in this project")
                actor_id = found.id
            if start is not None or end is not None:
                document = self._document(session, row.document_id)
                if start is None or end is None:
                    raise AnnotationError("a holder's words need a start and an end")
                check_offsets(document, start, end, "holder")
                if actor_id is None:
                    named = actor_by_words(session, self.project_id, document.text[start:end])
                    actor_id = named.id if named is not None else None
            row.holder_actor_id, row.holder_start, row.holder_end = actor_id, start, end
            self._settle(session, row)
            self._log(session, action_id, "stance.holder", row, before, snapshot(row))
            return ActionResult(action_id, [row.id])

    def set_evidence(
        self, stance_id: int, start: int | None = None, end: int | None = None
    ) -> ActionResult:
        """The words ``start``–``end`` that carry the stance of the annotator's own row for
        ``stance_id`` (None: no evidence marked)."""
        with self._action() as (session, action_id):
            row, before = self._own_copy(session, stance_id)
            if start is not None or end is not None:
                if start is None or end is None:
                    raise AnnotationError("evidence needs a start and an end")
                check_offsets(self._document(session, row.document_id), start, end, "evidence")
            row.evidence_start, row.evidence_end = start, end
            self._settle(session, row)
            self._log(session, action_id, "stance.evidence", row, before, snapshot(row))
            return ActionResult(action_id, [row.id])

    def clear(self, stance_id: int) -> ActionResult:
        """Remove the annotator's label: their own manual row is deleted; a row that came from
        a suggestion (or the suggestion itself) is rejected, so it is not suggested again."""
        with self._action() as (session, action_id):
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
        with self._action() as (session, action_id):
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

    # -- undo: only the annotator's own stance changes ---------------------------------

    def _refuse_undo(self, action_id: str, events: list[Event]) -> None:
        stance = [e for e in events if e.object_type == STANCE]
        self._refuse_others(action_id, stance)
        if not any(e.object_id is not None for e in stance):
            raise AnnotationError(f"no stance change to undo in action {action_id}")

    # -- helpers ---------------------------------------------------------------------------

    def _decide(self, stance_ids: list[int], state: AnnotationState, action: str) -> ActionResult:
        with self._action() as (session, action_id):
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
            require_own(row.annotator_id, self.annotator_id, f"stance annotation {stance_id}")
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
        self._settle(session, row)

    def _settle(self, session: Session, row: StanceAnnotation) -> None:
        row.state = _labelled_state(session, row)
        session.flush()
        session.refresh(row)  # the loaded label and actor must match their ids for the snapshot

    def _delete(self, session: Session, action_id: str, action: str, row: StanceAnnotation) -> None:
        before = snapshot(row)
        session.delete(row)
        session.flush()  # the deleted object keeps its id and document for the event
        self._log(session, action_id, action, row, before, None)

    def _row(self, session: Session, stance_id: int) -> StanceAnnotation:
        row = self._in_project(session, StanceAnnotation, stance_id)
        if row is None:
            raise AnnotationError(f"no stance annotation {stance_id} in this project")
        return row

    def _label_id(self, session: Session, label: str) -> int:
        return find_label_id(session, StanceLabel, self.project_id, label)

    def _target_id(self, session: Session, target: str) -> int:
        return find_target_id(session, self.project_id, target)


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
    if suggestion is not None and all(
        getattr(suggestion, column) == getattr(row, column) for column in _DECIDED_COLUMNS
    ):
        return AnnotationState.ACCEPTED
    return AnnotationState.EDITED


# What an annotator decides about a suggestion: a row that differs in any is "edited".
_DECIDED_COLUMNS = ("label_id", *HOLDER_COLUMNS)
