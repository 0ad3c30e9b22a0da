"""What an annotator does to entity spans: each call is one committed transaction and one
logged action, and every action can be undone from the log.

Deciding on a machine suggestion (which belongs to nobody) writes the annotator's own row that
points back to it; the suggestion itself stays untouched for everybody else. Each action also
brings the project memory's suggestions in its document up to date, in the same transaction
(``storage.memory_suggestions``), so other mentions of a name change with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from storage.annotator_actions import AnnotationError, AnnotatorActions
from storage.events import new_action_id, record_event, snapshot, undo_action
from storage.label_schema import entity_label_ids
from storage.memory_suggestions import refresh_touched
from storage.models import (
    AnnotationState,
    Document,
    EntitySpan,
    OriginKind,
    Project,
    utcnow,
)

SPAN = "entity_span"


@dataclass(frozen=True)
class ActionResult:
    """The outcome of one committed action."""

    action_id: str
    span_ids: list[int] = field(default_factory=list)
    saved_at: datetime = field(default_factory=utcnow)


def visible_spans(session: Session, document_id: int, annotator_id: int) -> list[EntitySpan]:
    """The spans an annotator works with in a document: their own rows (rejected ones too),
    plus the suggestions they have not decided on yet, ordered by position."""
    own = EntitySpan.annotator_id == annotator_id
    decided = select(EntitySpan.suggestion_id).where(
        EntitySpan.document_id == document_id, own, EntitySpan.suggestion_id.is_not(None)
    )
    open_suggestion = and_(EntitySpan.annotator_id.is_(None), EntitySpan.id.not_in(decided))
    query = (
        select(EntitySpan)
        .where(EntitySpan.document_id == document_id, or_(own, open_suggestion))
        .order_by(EntitySpan.start_offset, EntitySpan.end_offset, EntitySpan.id)
    )
    spans = list(session.scalars(query))
    # A suggestion the annotator already has as their own span (from another suggester or by
    # hand, accepted or rejected) is not shown twice.
    own_keys = {_place(s) for s in spans if s.annotator_id == annotator_id}
    return [s for s in spans if s.annotator_id is not None or _place(s) not in own_keys]


def _place(span: EntitySpan) -> tuple[int, int, int]:
    return (span.start_offset, span.end_offset, span.label_id)


class EntityEditor(AnnotatorActions):
    """Entity span actions of one annotator in one project."""

    OBJECT_TYPE = SPAN

    # -- actions ---------------------------------------------------------------------------

    def add(self, document_id: int, start: int, end: int, label: str) -> ActionResult:
        """Add a span by hand (origin manual, accepted)."""
        action_id = new_action_id()
        with self.db.write() as session:
            document = self._document(session, document_id)
            _check_offsets(document, start, end)
            label_id = self._label_id(session, label)
            span = self._add_span(session, action_id, document, start, end, label_id)
            refresh_touched(session, self.project_id)
            return ActionResult(action_id, [span.id])

    def accept(self, span_ids: int | Sequence[int]) -> ActionResult:
        """Accept spans as they are (suggestions become the annotator's accepted spans)."""
        return self._decide(_ids(span_ids), AnnotationState.ACCEPTED, "span.accept")

    def reject(self, span_ids: int | Sequence[int]) -> ActionResult:
        """Reject spans; the rejection is kept so the span is not suggested again."""
        return self._decide(_ids(span_ids), AnnotationState.REJECTED, "span.reject")

    def accept_all(self, document_id: int) -> ActionResult:
        """Accept every suggestion in the document the annotator has not decided on."""
        with self.db.read() as session:
            ids = [
                s.id
                for s in visible_spans(session, document_id, self.annotator_id)
                if s.state == AnnotationState.SUGGESTED
            ]
        return self._decide(ids, AnnotationState.ACCEPTED, "span.accept_all")

    def relabel(self, span_id: int, label: str) -> ActionResult:
        action_id = new_action_id()
        with self.db.write() as session:
            label_id = self._label_id(session, label)
            span, before = self._own_copy(session, span_id)
            span.label_id = label_id
            span.state = _edited_state(span)
            session.flush()
            session.refresh(span)
            self._log(session, action_id, "span.relabel", span, before, snapshot(span))
            refresh_touched(session, self.project_id)
            return ActionResult(action_id, [span.id])

    def resize(self, span_id: int, start: int, end: int) -> ActionResult:
        action_id = new_action_id()
        with self.db.write() as session:
            span, before = self._own_copy(session, span_id)
            document = self._document(session, span.document_id)
            _check_offsets(document, start, end)
            ignore = (span.id, span.suggestion_id or span.id, span_id)
            self._refuse_overlap(session, span.document_id, start, end, ignore=ignore)
            span.start_offset, span.end_offset = start, end
            span.state = _edited_state(span)
            session.flush()
            self._log(session, action_id, "span.resize", span, before, snapshot(span))
            refresh_touched(session, self.project_id)
            return ActionResult(action_id, [span.id])

    def delete(self, span_id: int) -> ActionResult:
        """Delete a span. A span that came from a suggestion is rejected instead, so that the
        suggestion does not come back."""
        with self.db.read() as session:
            span = session.get(EntitySpan, span_id)
            from_suggestion = span is not None and (
                span.annotator_id is None or span.suggestion_id is not None
            )
        if from_suggestion:
            return self._decide([span_id], AnnotationState.REJECTED, "span.delete")
        action_id = new_action_id()
        with self.db.write() as session:
            span = self._span(session, span_id)
            self._require_own(span)
            before = snapshot(span)
            session.delete(span)
            session.flush()
            record_event(
                session,
                project_id=self.project_id,
                action_id=action_id,
                annotator_id=self.annotator_id,
                action="span.delete",
                object_type=SPAN,
                object_id=span_id,
                document_id=before["document_id"],
                before=before,
                after=None,
            )
            refresh_touched(session, self.project_id)
            return ActionResult(action_id, [span_id])

    def undo(self, action_id: str) -> ActionResult:
        """Revert every change of an action, newest first, as a new action (which can itself
        be undone: that is redo)."""
        with self.db.write() as session:
            undone = undo_action(session, self.project_id, self.annotator_id, action_id, SPAN)
            if undone is None:
                raise AnnotationError(f"nothing to undo for action {action_id}")
            refresh_touched(session, self.project_id)
            undo_id, reverted = undone
            return ActionResult(undo_id, [e.object_id for e in reverted])

    # -- helpers ---------------------------------------------------------------------------

    def _add_span(
        self,
        session: Session,
        action_id: str,
        document: Document,
        start: int,
        end: int,
        label_id: int,
    ) -> EntitySpan:
        """A span added by hand (manual, accepted), logged under ``action_id``; refused when
        it overlaps another and the project does not allow that."""
        self._refuse_overlap(session, document.id, start, end, ignore=())
        span = EntitySpan(
            document_id=document.id,
            doc_length=document.text_length,
            start_offset=start,
            end_offset=end,
            label_id=label_id,
            state=AnnotationState.ACCEPTED,
            origin_kind=OriginKind.MANUAL,
            annotator_id=self.annotator_id,
        )
        session.add(span)
        session.flush()
        self._log(session, action_id, "span.add", span, None, snapshot(span))
        return span

    def _decide(self, span_ids: list[int], state: AnnotationState, action: str) -> ActionResult:
        action_id = new_action_id()
        with self.db.write() as session:
            result_ids = []
            for span_id in span_ids:
                span, before = self._own_copy(session, span_id)
                if state == AnnotationState.ACCEPTED and span.state == AnnotationState.EDITED:
                    pass  # accepting an edited span keeps the record that it was edited
                else:
                    span.state = state
                session.flush()
                self._log(session, action_id, action, span, before, snapshot(span))
                result_ids.append(span.id)
            refresh_touched(session, self.project_id)
            return ActionResult(action_id, result_ids)

    def _own_copy(self, session: Session, span_id: int) -> tuple[EntitySpan, dict | None]:
        """The annotator's own row for ``span_id``: the row itself, or for an open suggestion
        a new row that points back to it. Returns it with its snapshot before the change
        (``None`` when it is new)."""
        span = self._span(session, span_id)
        if span.annotator_id == self.annotator_id:
            return span, snapshot(span)
        if span.annotator_id is not None:
            raise AnnotationError(f"span {span_id} belongs to another annotator")
        existing = session.scalar(
            select(EntitySpan).where(
                EntitySpan.suggestion_id == span.id, EntitySpan.annotator_id == self.annotator_id
            )
        )
        if existing is not None:
            return existing, snapshot(existing)
        copy = EntitySpan(
            document_id=span.document_id,
            doc_length=span.doc_length,
            start_offset=span.start_offset,
            end_offset=span.end_offset,
            label_id=span.label_id,
            state=AnnotationState.SUGGESTED,
            origin_kind=span.origin_kind,
            origin_name=span.origin_name,
            origin_version=span.origin_version,
            origin_detail=span.origin_detail,
            confidence=span.confidence,
            annotator_id=self.annotator_id,
            suggestion_id=span.id,
        )
        session.add(copy)
        session.flush()
        return copy, None

    def _refuse_overlap(
        self, session: Session, document_id: int, start: int, end: int, ignore: Sequence[int]
    ) -> None:
        project = session.get(Project, self.project_id)
        if project is not None and project.settings.get("allow_overlapping_spans"):
            return
        for other in visible_spans(session, document_id, self.annotator_id):
            if other.id in ignore or other.state == AnnotationState.REJECTED:
                continue
            if other.start_offset < end and start < other.end_offset:
                document = session.get(Document, document_id)
                text = document.text[other.start_offset : other.end_offset] if document else ""
                raise AnnotationError(
                    f"overlaps {other.label.name} “{text}” at "
                    f"{other.start_offset}–{other.end_offset}; this project does not allow "
                    "overlapping spans"
                )

    def _span(self, session: Session, span_id: int) -> EntitySpan:
        span = session.get(EntitySpan, span_id)
        document = session.get(Document, span.document_id) if span is not None else None
        if document is None or document.project_id != self.project_id:
            # Most often someone else was quicker: a suggester replaced it, or the project
            # memory withdrew it after another annotator's rejection.
            raise AnnotationError(
                f"no span {span_id} in this project (any more: it may have been replaced "
                "since it was shown)"
            )
        return span

    def _require_own(self, span: EntitySpan) -> None:
        if span.annotator_id != self.annotator_id:
            raise AnnotationError(f"span {span.id} belongs to another annotator")

    def _label_id(self, session: Session, label: str) -> int:
        labels = entity_label_ids(session, self.project_id)
        if label not in labels:
            known = ", ".join(sorted(labels))
            raise AnnotationError(f"unknown entity label {label!r} (labels: {known})")
        return labels[label]


def _ids(span_ids: int | Sequence[int]) -> list[int]:
    return [span_ids] if isinstance(span_ids, int) else list(span_ids)


def _edited_state(span: EntitySpan) -> AnnotationState:
    # A span the annotator made by hand stays theirs; a changed suggestion is "edited".
    if span.origin_kind == OriginKind.MANUAL:
        return AnnotationState.ACCEPTED
    return AnnotationState.EDITED


def _check_offsets(document: Document, start: int, end: int) -> None:
    if type(start) is not int or type(end) is not int:
        raise AnnotationError(f"span offsets must be whole numbers, not {start!r}–{end!r}")
    if not 0 <= start < end <= document.text_length:
        raise AnnotationError(
            f"span {start}–{end} is outside document {document.id} "
            f"(its text has {document.text_length} characters)"
        )
