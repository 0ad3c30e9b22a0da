"""Documents an annotator flags as unsure, with a note for whoever reviews them (what
doccano and INCEpTION users ask for): one row per document and annotator, set and cleared as
logged actions that ``undo`` reverts.

Flagging again replaces the note; clearing deletes the row (undo re-creates it under its
logged id).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from storage.editing import ActionResult, AnnotationError, AnnotatorActions
from storage.events import snapshot
from storage.models import Document, DocumentFlag, Event

FLAG = "document_flag"  # the records' name in the event log
MAX_NOTE_CHARS = 2_000  # a note, not a second article


class FlagEditor(AnnotatorActions):
    """Flags of one annotator in one project, undoable through the log."""

    OBJECT_TYPE = FLAG
    UNDOES = (FLAG,)

    def flag(self, document_id: int, note: str = "") -> ActionResult:
        """Flag the document as unsure with ``note`` (replacing an earlier note). Returns
        the action and the document's id; no ids when the flag and note were already so."""
        note = note.strip()
        if len(note) > MAX_NOTE_CHARS:
            raise AnnotationError(
                f"the note has {len(note):,} characters; at most {MAX_NOTE_CHARS:,} are kept"
            )
        with self._action() as (session, action_id):
            self._document(session, document_id)
            row = _flag_row(session, document_id, self.annotator_id)
            if row is not None and row.note == note:
                return ActionResult(action_id, [])
            before = snapshot(row) if row is not None else None
            if row is None:
                row = DocumentFlag(document_id=document_id, annotator_id=self.annotator_id)
                session.add(row)
            row.note = note
            session.flush()
            self._log(session, action_id, "document.flag", row, before, snapshot(row))
            return ActionResult(action_id, [document_id])

    def unflag(self, document_id: int) -> ActionResult:
        """Clear the annotator's flag; no ids when the document was not flagged."""
        with self._action() as (session, action_id):
            self._document(session, document_id)
            row = _flag_row(session, document_id, self.annotator_id)
            if row is None:
                return ActionResult(action_id, [])
            before = snapshot(row)
            session.delete(row)
            session.flush()
            self._log(session, action_id, "document.unflag", row, before, None)
            return ActionResult(action_id, [document_id])

    def note_of(self, document_id: int) -> str | None:
        """The annotator's note on the document; None when it is not flagged."""
        with self.db.read() as session:
            row = _flag_row(session, document_id, self.annotator_id)
            return row.note if row is not None else None

    def _refuse_undo(self, action_id: str, events: list[Event]) -> None:
        super()._refuse_undo(action_id, events)
        self._refuse_others(action_id, events)

    def _undone_ids(self, reverted: list[Event]) -> list[int]:
        return [e.document_id for e in reverted if e.document_id is not None]


def _flag_row(session: Session, document_id: int, annotator_id: int) -> DocumentFlag | None:
    return session.scalar(
        select(DocumentFlag).where(
            DocumentFlag.document_id == document_id, DocumentFlag.annotator_id == annotator_id
        )
    )


def flag_notes(
    session: Session, document_ids: list[int], annotator_id: int | None = None
) -> dict[int, dict[int, str]]:
    """document id -> {annotator id -> note} of the flagged ones among ``document_ids``
    (one annotator's only, given ``annotator_id``)."""
    query = select(DocumentFlag.document_id, DocumentFlag.annotator_id, DocumentFlag.note).where(
        DocumentFlag.document_id.in_(document_ids)
    )
    if annotator_id is not None:
        query = query.where(DocumentFlag.annotator_id == annotator_id)
    notes: dict[int, dict[int, str]] = {}
    for document_id, flagger_id, note in session.execute(query):
        notes.setdefault(document_id, {})[flagger_id] = note
    return notes


def flag_note(annotator_id: int | None) -> ColumnElement[str | None]:
    """The annotator's note on the document (correlated to ``Document``); NULL: not flagged."""
    return (
        select(DocumentFlag.note)
        .where(DocumentFlag.document_id == Document.id, DocumentFlag.annotator_id == annotator_id)
        .scalar_subquery()
    )
