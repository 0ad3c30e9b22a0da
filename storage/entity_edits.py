"""What an annotator does to entity spans: each call is one committed transaction and one
logged action, and every action can be undone from the log.

Deciding on a machine suggestion (which belongs to nobody) writes the annotator's own row that
points back to it; the suggestion itself stays untouched for everybody else. Each action also
brings the project memory's suggestions in its document up to date, in the same transaction
(``storage.memory.suggestions``), so other mentions of a name change with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session, aliased

from storage.editing import (
    ActionResult,
    AnnotationError,
    AnnotatorActions,
    as_ids,
    check_offsets,
    find_label_id,
    require_own,
)
from storage.events import snapshot
from storage.models import (
    AnnotationState,
    Document,
    EntityLabel,
    EntitySpan,
    OriginKind,
    Project,
)

SPAN = "entity_span"


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
    UNDOES = (SPAN,)
    REFRESHES_MEMORY = True

    # -- actions ---------------------------------------------------------------------------

    def add(self, document_id: int, start: int, end: int, label: str) -> ActionResult:
        """Add a span by hand (origin manual, accepted). The open suggestions it overlaps,
        shown or hidden for their low confidence, give way to it in the same action (they
        are rejected, so undo brings them back); an overlapping decided span refuses it.
        An open suggestion of exactly that place and label is accepted instead."""
        with self._action() as (session, action_id):
            document = self._document(session, document_id)
            check_offsets(document, start, end)
            label_id = self._label_id(session, label)
            same, replaced = self._replace_open(session, action_id, document, start, end, label_id)
            if same is not None:
                return ActionResult(action_id, [same], replaced=replaced)
            span = self._add_span(session, action_id, document, start, end, label_id, False)
            return ActionResult(action_id, [span.id], replaced=replaced)

    def accept(self, span_ids: int | Sequence[int]) -> ActionResult:
        """Accept spans as they are (suggestions become the annotator's accepted spans)."""
        return self._decide(as_ids(span_ids), AnnotationState.ACCEPTED, "span.accept")

    def reject(self, span_ids: int | Sequence[int]) -> ActionResult:
        """Reject spans; the rejection is kept so the span is not suggested again."""
        return self._decide(as_ids(span_ids), AnnotationState.REJECTED, "span.reject")

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
        with self._action() as (session, action_id):
            label_id = self._label_id(session, label)
            span, before = self._own_copy(session, span_id)
            span.label_id = label_id
            span.state = _edited_state(span)
            session.flush()
            session.refresh(span)
            self._log(session, action_id, "span.relabel", span, before, snapshot(span))
            return ActionResult(action_id, [span.id])

    def resize(self, span_id: int, start: int, end: int) -> ActionResult:
        with self._action() as (session, action_id):
            span, before = self._own_copy(session, span_id)
            document = self._document(session, span.document_id)
            check_offsets(document, start, end)
            ignore = (span.id, span.suggestion_id or span.id, span_id)
            self._refuse_overlap(session, span.document_id, start, end, ignore=ignore)
            span.start_offset, span.end_offset = start, end
            span.state = _edited_state(span)
            session.flush()
            self._log(session, action_id, "span.resize", span, before, snapshot(span))
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
        with self._action() as (session, action_id):
            span = self._span(session, span_id)
            require_own(span.annotator_id, self.annotator_id, f"span {span.id}")
            before = snapshot(span)
            session.delete(span)
            session.flush()  # the deleted span keeps its id and document for the event
            self._log(session, action_id, "span.delete", span, before, None)
            return ActionResult(action_id, [span_id])

    # -- helpers ---------------------------------------------------------------------------

    def _replace_open(
        self,
        session: Session,
        action_id: str,
        document: Document,
        start: int,
        end: int,
        label_id: int,
    ) -> tuple[int | None, int]:
        """Reject the open suggestions overlapping ``start``–``end`` under ``action_id``,
        after refusing when a decided span overlaps it; an open suggestion of exactly this
        place and label is accepted instead. Returns the accepted one's id and how many
        were rejected."""
        if self._overlaps_allowed(session):
            return None, 0
        overlapping = self._overlapping(session, document.id, start, end, ignore=())
        decided = [s for s in overlapping if s.state != AnnotationState.SUGGESTED]
        if decided:
            raise _overlap_error(document, decided[0], decided=True)
        same = None
        for other in overlapping:
            exact = (other.start_offset, other.end_offset, other.label_id) == (
                start,
                end,
                label_id,
            )
            state = AnnotationState.ACCEPTED if exact and same is None else AnnotationState.REJECTED
            span, before = self._own_copy(session, other.id)
            span.state = state
            session.flush()
            action = "span.accept" if state == AnnotationState.ACCEPTED else "span.replace"
            self._log(session, action_id, action, span, before, snapshot(span))
            if state == AnnotationState.ACCEPTED:
                same = span.id
        return same, len(overlapping) - (same is not None)

    def _add_span(
        self,
        session: Session,
        action_id: str,
        document: Document,
        start: int,
        end: int,
        label_id: int,
        refuse_overlap: bool = True,
    ) -> EntitySpan:
        """A span added by hand (manual, accepted), logged under ``action_id``; refused when
        it overlaps another and the project does not allow that (``refuse_overlap`` False:
        the caller dealt with what it overlaps, as ``add`` does with ``_replace_open``)."""
        if refuse_overlap:
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
        with self._action() as (session, action_id):
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
            return ActionResult(action_id, result_ids)

    def _own_copy(self, session: Session, span_id: int) -> tuple[EntitySpan, dict | None]:
        """The annotator's own row for ``span_id``: the row itself, or for an open suggestion
        a new row that points back to it. Returns it with its snapshot before the change
        (``None`` when it is new)."""
        span = self._span(session, span_id)
        if span.annotator_id == self.annotator_id:
            return span, snapshot(span)
        if span.annotator_id is not None:
            require_own(span.annotator_id, self.annotator_id, f"span {span_id}")
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
        if self._overlaps_allowed(session):
            return
        overlapping = self._overlapping(session, document_id, start, end, ignore)
        if overlapping:
            raise _overlap_error(self._document(session, document_id), overlapping[0], False)

    def _overlaps_allowed(self, session: Session) -> bool:
        project = session.get(Project, self.project_id)
        return project is not None and bool(project.settings.get("allow_overlapping_spans"))

    def _overlapping(
        self, session: Session, document_id: int, start: int, end: int, ignore: Sequence[int]
    ) -> list[EntitySpan]:
        """What ``visible_spans`` shows overlapping ``start``–``end``, rejections left out:
        one range query, so its cost does not grow with the spans in the document."""
        params = {"document": document_id, "start": start, "end": end, "me": self.annotator_id}
        spans = session.scalars(_OVERLAPPING, params)
        return [span for span in spans if span.id not in ignore]

    def _span(self, session: Session, span_id: int) -> EntitySpan:
        span = self._in_project(session, EntitySpan, span_id)
        if span is None:
            # Most often someone else was quicker: a suggester replaced it, or the project
            # memory withdrew it after another annotator's rejection.
            raise AnnotationError(
                f"no span {span_id} in this project (any more: it may have been replaced "
                "since it was shown)"
            )
        return span

    def _label_id(self, session: Session, label: str) -> int:
        return find_label_id(session, EntityLabel, self.project_id, label)


# Built once: building this statement costs more than running it.
_DECISION = aliased(EntitySpan)
_OVERLAPPING = (
    select(EntitySpan)
    .where(
        EntitySpan.document_id == bindparam("document"),
        EntitySpan.start_offset < bindparam("end"),
        EntitySpan.end_offset > bindparam("start"),
        EntitySpan.state != AnnotationState.REJECTED,
        or_(
            EntitySpan.annotator_id == bindparam("me"),
            and_(
                EntitySpan.annotator_id.is_(None),
                ~exists().where(
                    _DECISION.suggestion_id == EntitySpan.id,
                    _DECISION.annotator_id == bindparam("me"),
                ),
            ),
        ),
    )
    .order_by(EntitySpan.start_offset, EntitySpan.end_offset, EntitySpan.id)
)


def _overlap_error(document: Document, other: EntitySpan, decided: bool) -> AnnotationError:
    text = document.text[other.start_offset : other.end_offset]
    where = f"{other.label.name} “{text}” at {other.start_offset}–{other.end_offset}"
    if decided:
        return AnnotationError(
            f"overlaps {where}, which is decided already, and this project does not allow "
            "overlapping spans: change or delete that span first"
        )
    return AnnotationError(f"overlaps {where}; this project does not allow overlapping spans")


def _edited_state(span: EntitySpan) -> AnnotationState:
    # A span the annotator made by hand stays theirs; a changed suggestion is "edited".
    if span.origin_kind == OriginKind.MANUAL:
        return AnnotationState.ACCEPTED
    return AnnotationState.EDITED
