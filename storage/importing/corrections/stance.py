"""Stance rows of a corrected workbook (sheets Stance and Document stance): a changed label
becomes the annotator's label at that place, logged under the import's action id."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import snapshot
from storage.importing.corrections.cells import (
    CorrectionError,
    cell_text,
    check_text,
    owner_id,
    required_text,
    shown,
    whole_number,
)
from storage.models import AnnotationState, StanceScope
from storage.stance.edits import StanceEditor, _row_at

MAX_NAME_CHARS = 200  # longer text in a target or label cell names no target or label


class StanceCorrections(StanceEditor):
    """Stance rows: a changed label becomes the annotator's label at that place."""

    def __init__(self, db: Database, project_id: int, annotator_id: int, action_id: str) -> None:
        super().__init__(db, project_id, annotator_id)
        self.action_id = action_id

    def apply_sentence(self, session: Session, row: dict[str, Any]) -> bool:
        document = self._document(session, whole_number(row, "document"))
        start, end = whole_number(row, "start"), whole_number(row, "end")
        check_text(document, start, end, cell_text(row.get("sentence text")), "sentence text")
        index = _sentence_index(row)
        target_id, label_id = self._target_and_label(session, row)
        place = (document.id, StanceScope.SENTENCE, start, end, target_id)
        if self._already(session, place, row, label_id):
            return False
        stored = _row_at(session, place, self.annotator_id)
        before = snapshot(stored) if stored is not None else None
        if stored is None:
            suggestion = _row_at(session, place, None)
            stored = (
                self._copy(session, suggestion)
                if suggestion is not None
                else self._new_row(session, document, place, label_id, index)
            )
        self._set_label(session, stored, label_id)
        self._log(session, self.action_id, "stance.set", stored, before, snapshot(stored))
        return True

    def apply_document(self, session: Session, row: dict[str, Any]) -> bool:
        document = self._document(session, whole_number(row, "document"))
        target_id, label_id = self._target_and_label(session, row)
        place = (document.id, StanceScope.DOCUMENT, 0, document.text_length, target_id)
        if self._already(session, place, row, label_id):
            return False
        stored = _row_at(session, place, self.annotator_id)
        before = snapshot(stored) if stored is not None else None
        if stored is None:
            stored = self._new_row(session, document, place, label_id, None)
        self._set_label(session, stored, label_id)
        self._log(session, self.action_id, "stance.document", stored, before, snapshot(stored))
        return True

    def _target_and_label(self, session: Session, row: dict[str, Any]) -> tuple[int, int]:
        target, label = cell_text(row.get("target")).strip(), required_text(row, "label")
        # Longer text names no target or label of ours; the editors' messages would repeat it.
        if len(target) > MAX_NAME_CHARS:
            raise CorrectionError(f"no stance target {shown(target)!r} in this project")
        if len(label) > MAX_NAME_CHARS:
            raise CorrectionError(f"unknown stance label {shown(label)!r}")
        return self._target_id(session, target), self._label_id(session, label)

    def _already(self, session: Session, place: tuple, row: dict[str, Any], label_id: int) -> bool:
        """Whether the row's annotator (none: the suggestion) or ours has this label here."""
        owner = owner_id(session, row.get("annotator"))
        for who in (owner, self.annotator_id):
            if who is False:
                continue
            stored = _row_at(session, place, who)
            if stored is not None and stored.label_id == label_id:
                return stored.state != AnnotationState.REJECTED or who != self.annotator_id
        return False


def _sentence_index(row: dict[str, Any]) -> int | None:
    """The stored index (from 0) of the row's sentence: its "sentence no." counts from 1,
    an older workbook's "sentence index" from 0; None when the cell is empty."""
    if row.get("sentence no.") not in (None, ""):
        number = whole_number(row, "sentence no.")
        if number < 1:
            raise CorrectionError(f"sentence no. {number} is not a sentence: they count from 1")
        return number - 1
    if row.get("sentence index") not in (None, ""):
        return whole_number(row, "sentence index")
    return None
