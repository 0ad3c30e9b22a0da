"""Entity rows of a corrected workbook: find the span a row came from, then relabel, resize,
reject or add, as the annotator's own edits logged under the import's action id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.editing import check_offsets
from storage.entity_edits import EntityEditor, _edited_state
from storage.events import snapshot
from storage.export.excel_columns import CONTEXT_CHARS
from storage.importing.corrections.cells import (
    CorrectionError,
    cell_text,
    check_text,
    owner_id,
    shown,
    whole_number,
)
from storage.label_schema import entity_label_ids
from storage.models import AnnotationState, Document, EntitySpan, OriginKind

STATES = {s.value for s in AnnotationState}


class EntityCorrections(EntityEditor):
    """Entity rows: find the span a row came from, then relabel, resize, reject or add."""

    def __init__(
        self, db: Database, project_id: int, annotator_id: int, action_id: str, as_gold: bool
    ) -> None:
        super().__init__(db, project_id, annotator_id)
        self.action_id = action_id
        self.as_gold = as_gold  # another annotator's span corrected: the gold version

    def apply(self, session: Session, row: dict[str, Any]) -> bool:
        document = self._document(session, whole_number(row, "document"))
        start, end = whole_number(row, "start"), whole_number(row, "end")
        check_text(document, start, end, cell_text(row.get("text")))
        label_id = self._row_label_id(session, cell_text(row.get("label")).strip())
        state = cell_text(row.get("state")).strip().lower() or AnnotationState.SUGGESTED.value
        if state not in STATES:
            known = ", ".join(sorted(STATES))
            raise CorrectionError(f"unknown state {shown(state)!r} (states: {known})")
        reject = state == AnnotationState.REJECTED
        original = self._original(session, document, row, (start, end, label_id))
        if original is not None and _same(original, start, end, label_id, reject, state):
            return False
        mine = self._mine_at(session, document.id, start, end, label_id)
        if mine is not None and _same(mine, start, end, label_id, reject, state):
            return False  # this import (or an earlier one) already made the change
        if original is None:
            if reject:
                raise CorrectionError("a new row cannot be rejected: there is no such span")
            self.add_in(session, document, start, end, label_id)
        else:
            self._change(session, original, start, end, label_id, state)
        return True

    def _row_label_id(self, session: Session, label: str) -> int:
        labels = entity_label_ids(session, self.project_id)
        if label not in labels:
            known = ", ".join(sorted(labels))
            raise CorrectionError(f"unknown entity label {shown(label)!r} (labels: {known})")
        return labels[label]

    def _original(
        self, session: Session, document: Document, row: dict[str, Any], place: tuple
    ) -> EntitySpan | None:
        """The span of the row's annotator (none: a suggestion) the row came from: the one at
        its place with its label, else the only one at its place, else the only one whose
        surroundings are the row's context columns (its boundaries moved)."""
        owner = owner_id(session, row.get("annotator"))
        if owner is False:
            return None  # nobody of that name: the row was made in the spreadsheet
        who = EntitySpan.annotator_id
        spans = list(
            session.scalars(
                select(EntitySpan).where(
                    EntitySpan.document_id == document.id,
                    who.is_(None) if owner is None else who == owner,
                )
            )
        )
        start, end, _ = place
        exact = [s for s in spans if (s.start_offset, s.end_offset, s.label_id) == place]
        here = [s for s in spans if (s.start_offset, s.end_offset) == (start, end)]
        left, right = row.get("left context"), row.get("right context")
        # A moved boundary still overlaps where the span was; a row copied for another
        # entity (its context cells copied along) does not.
        moved = [
            s
            for s in spans
            if _context(document.text, s) == (cell_text(left), cell_text(right))
            and s.start_offset < end
            and start < s.end_offset
        ]
        for found in (exact, here, moved if left is not None or right is not None else []):
            if len(found) == 1:
                return found[0]
        return exact[0] if exact else None

    def _mine_at(
        self, session: Session, document_id: int, start: int, end: int, label_id: int
    ) -> EntitySpan | None:
        return session.scalar(
            select(EntitySpan).where(
                EntitySpan.document_id == document_id,
                EntitySpan.annotator_id == self.annotator_id,
                EntitySpan.start_offset == start,
                EntitySpan.end_offset == end,
                EntitySpan.label_id == label_id,
            )
        )

    def add_in(
        self, session: Session, document: Document, start: int, end: int, label_id: int
    ) -> None:
        self._add_span(session, self.action_id, document, start, end, label_id)

    def _change(
        self,
        session: Session,
        original: EntitySpan,
        start: int,
        end: int,
        label_id: int,
        state: str,
    ) -> None:
        """The annotator's own copy of ``original`` gets the row's place, label and state;
        one logged event per kind of change, as the app's own actions log them."""
        span, before = self._copy_of(session, original)
        if (span.start_offset, span.end_offset) != (start, end):
            check_offsets(session.get_one(Document, span.document_id), start, end)
            ignore = (span.id, span.suggestion_id or span.id, original.id)
            self._refuse_overlap(session, span.document_id, start, end, ignore=ignore)
            span.start_offset, span.end_offset = start, end
            span.state = _edited_state(span)
            before = self._step(session, "span.resize", span, before)
        if span.label_id != label_id:
            span.label_id = label_id
            span.state = _edited_state(span)
            before = self._step(session, "span.relabel", span, before)
        if state == AnnotationState.REJECTED and span.state != AnnotationState.REJECTED:
            span.state = AnnotationState.REJECTED
            before = self._step(session, "span.reject", span, before)
        elif state != AnnotationState.REJECTED and span.state in _UNDECIDED:
            span.state = AnnotationState.ACCEPTED
            self._step(session, "span.accept", span, before)

    def _step(self, session: Session, action: str, span: EntitySpan, before: dict | None) -> dict:
        session.flush()
        session.refresh(span)  # the loaded label must match label_id for the snapshot
        after = snapshot(span)
        self._log(session, self.action_id, action, span, before, after)
        return after

    def _copy_of(self, session: Session, original: EntitySpan) -> tuple[EntitySpan, dict | None]:
        """The annotator's own row for ``original``. Another annotator's span is not changed:
        the annotator gets a copy of it that decides on the same suggestion, with the
        original's origin (the annotator's own edit, a vote in agreement like any), or with
        origin review when the workbook is taken as the gold version (``as_gold``)."""
        if original.annotator_id is None or original.annotator_id == self.annotator_id:
            return self._own_copy(session, original.id)
        at_place = session.scalar(
            select(EntitySpan).where(
                EntitySpan.document_id == original.document_id,
                EntitySpan.annotator_id == self.annotator_id,
                EntitySpan.start_offset == original.start_offset,
                EntitySpan.end_offset == original.end_offset,
            )
        )
        if at_place is not None:
            return at_place, snapshot(at_place)
        copy = EntitySpan(
            document_id=original.document_id,
            doc_length=original.doc_length,
            start_offset=original.start_offset,
            end_offset=original.end_offset,
            label_id=original.label_id,
            state=AnnotationState.SUGGESTED,  # decided by the steps that follow
            origin_kind=OriginKind.REVIEW if self.as_gold else original.origin_kind,
            origin_name=None if self.as_gold else original.origin_name,
            origin_version=None if self.as_gold else original.origin_version,
            confidence=original.confidence,
            annotator_id=self.annotator_id,
            suggestion_id=original.suggestion_id,
        )
        session.add(copy)
        session.flush()
        return copy, None


# A copy starts as "suggested"; one the spreadsheet left unrejected was a rejection undone.
_UNDECIDED = (AnnotationState.SUGGESTED, AnnotationState.REJECTED)


def _same(span: EntitySpan, start: int, end: int, label_id: int, reject: bool, state: str) -> bool:
    """Whether ``span`` already is what the row asks for."""
    if (span.start_offset, span.end_offset, span.label_id) != (start, end, label_id):
        return False
    if reject:
        return span.state == AnnotationState.REJECTED
    if span.state == AnnotationState.REJECTED:
        return False
    # "suggested" left as it was is no decision; "accepted" typed over it is one.
    return not (span.state == AnnotationState.SUGGESTED and state != span.state)


def _context(text: str, span: EntitySpan) -> tuple[str, str]:
    start, end = span.start_offset, span.end_offset
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
