"""A corrected export workbook coming back: the rows of its Entities, Stance and Document
stance sheets a coordinator changed in a spreadsheet become edits by one named annotator.

A row is compared with the database, not with the export it came from, so importing the same
file twice changes nothing the second time. Every change of one import shares one action id:
the log shows the import as one action, and undoing that action takes back all of it. Each
row is its own transaction, so a row that cannot be applied (reported with file, sheet and
row) leaves the others as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.annotator_actions import AnnotationError
from storage.database import Database
from storage.entity_edits import EntityEditor, _check_offsets, _edited_state
from storage.events import new_action_id, snapshot
from storage.export.excel import CONTEXT_CHARS, FORMULA_STARTS
from storage.label_schema import entity_label_ids
from storage.memory_suggestions import refresh_touched
from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    EntitySpan,
    OriginKind,
    StanceScope,
)
from storage.project import get_or_create_annotator
from storage.stance_edits import StanceEditor, _row_at

ENTITIES, STANCE, DOCUMENT_STANCE = "Entities", "Stance", "Document stance"
NEEDED = {
    ENTITIES: ("document", "annotator", "start", "end", "text", "label", "state"),
    STANCE: ("document", "sentence index", "start", "end", "sentence text", "target", "label"),
    DOCUMENT_STANCE: ("document", "target", "label"),
}
STATES = {s.value for s in AnnotationState}
NOTE = (
    "rows deleted in the spreadsheet delete nothing: remove or reject spans in the app, "
    "or set their state to rejected"
)


class CorrectionsFileError(ValueError):
    """The file cannot be read as a workbook at all (the message names it)."""


class CorrectionError(AnnotationError):
    """A row that is not applied; the message says why, for a person."""


@dataclass
class CorrectionsReport:
    """What an import of corrections did: rows applied, rows already as the database has
    them, and one line per row (or sheet) that was not applied."""

    path: Path
    action_id: str
    applied: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    note: str = NOTE

    def lines(self) -> list[str]:
        """The problems, the note, and the totals last."""
        totals = (
            f"corrections from {self.path}: {self.applied} rows applied, "
            f"{self.unchanged} unchanged, {len(self.problems)} not applied"
        )
        return [*self.problems, f"note: {self.note}", totals]


def apply_corrections(
    db: Database, project_id: int, path: Path, annotator: str
) -> CorrectionsReport:
    """Apply the changed rows of the workbook ``path`` as edits by ``annotator`` (created if
    new). Raises ``CorrectionsFileError`` when the file is no readable workbook; everything
    wrong within it is a problem in the report."""
    path = Path(path)
    try:
        book = load_workbook(path, read_only=True)
    except FileNotFoundError as exc:
        raise CorrectionsFileError(f"{path} does not exist") from exc
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise CorrectionsFileError(f"{path} is not an Excel workbook ({exc})") from exc
    with db.write() as session:
        annotator_id = get_or_create_annotator(session, annotator).id
    report = CorrectionsReport(path, new_action_id())
    corrector = _Corrector(db, project_id, annotator_id, report.action_id)
    try:
        for sheet in (ENTITIES, STANCE, DOCUMENT_STANCE):
            if sheet not in book.sheetnames:
                report.problems.append(f"{path.name}, sheet {sheet}: the sheet is missing")
                continue
            _apply_sheet(corrector, report, sheet, book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    return report


def _apply_sheet(corrector: _Corrector, report: CorrectionsReport, sheet: str, rows: Any) -> None:
    where = f"{report.path.name}, sheet {sheet}"
    header = [_text(v) for v in next(rows, ())]
    missing = [name for name in NEEDED[sheet] if name not in header]
    if missing:
        names = ", ".join(repr(m) for m in missing)
        report.problems.append(f"{where}, row 1: no column {names}; the sheet is skipped")
        return
    for number, values in enumerate(rows, 2):
        if all(v is None or v == "" for v in values):
            continue
        row = {name: values[i] if i < len(values) else None for i, name in enumerate(header)}
        try:
            changed = corrector.apply(sheet, row)
        except AnnotationError as exc:  # CorrectionError, and what the editors refuse
            report.problems.append(f"{where}, row {number}: {exc}")
            continue
        if changed:
            report.applied += 1
        else:
            report.unchanged += 1


class _Corrector:
    """The edits of one import, each row in its own transaction under one action id."""

    def __init__(self, db: Database, project_id: int, annotator_id: int, action_id: str) -> None:
        self.db = db
        self.entities = _EntityCorrections(db, project_id, annotator_id, action_id)
        self.stance = _StanceCorrections(db, project_id, annotator_id, action_id)

    def apply(self, sheet: str, row: dict[str, Any]) -> bool:
        """Apply one row; True if it changed something. Raises AnnotationError."""
        with self.db.write() as session:
            if sheet == ENTITIES:
                changed = self.entities.apply(session, row)
                refresh_touched(session, self.entities.project_id)  # the memory learns
                return changed
            if sheet == STANCE:
                return self.stance.apply_sentence(session, row)
            return self.stance.apply_document(session, row)


class _EntityCorrections(EntityEditor):
    """Entity rows: find the span a row came from, then relabel, resize, reject or add."""

    def __init__(self, db: Database, project_id: int, annotator_id: int, action_id: str) -> None:
        super().__init__(db, project_id, annotator_id)
        self.action_id = action_id

    def apply(self, session: Session, row: dict[str, Any]) -> bool:
        document = _document(self, session, row)
        start, end = _number(row, "start"), _number(row, "end")
        _check_text(document, start, end, _text(row.get("text")))
        label = _text(row.get("label")).strip()
        label_id = entity_label_ids(session, self.project_id).get(label)
        if label_id is None:
            self._label_id(session, label)  # raises, naming the known labels
        state = _text(row.get("state")).strip().lower() or AnnotationState.SUGGESTED.value
        if state not in STATES:
            raise CorrectionError(f"unknown state {state!r} (states: {', '.join(sorted(STATES))})")
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

    def _original(
        self, session: Session, document: Document, row: dict[str, Any], place: tuple
    ) -> EntitySpan | None:
        """The span of the row's annotator (none: a suggestion) the row came from: the one at
        its place with its label, else the only one at its place, else the only one whose
        surroundings are the row's context columns (its boundaries moved)."""
        owner = _owner_id(session, row.get("annotator"))
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
            if _context(document.text, s) == (_text(left), _text(right))
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
            _check_offsets(session.get(Document, span.document_id), start, end)
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
        the annotator gets a copy of it (origin review) that decides on the same suggestion."""
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
            origin_kind=OriginKind.REVIEW,
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


class _StanceCorrections(StanceEditor):
    """Stance rows: a changed label becomes the annotator's label at that place."""

    def __init__(self, db: Database, project_id: int, annotator_id: int, action_id: str) -> None:
        super().__init__(db, project_id, annotator_id)
        self.action_id = action_id

    def apply_sentence(self, session: Session, row: dict[str, Any]) -> bool:
        document = _document(self, session, row)
        start, end = _number(row, "start"), _number(row, "end")
        _check_text(document, start, end, _text(row.get("sentence text")), "sentence text")
        index = None if row.get("sentence index") in (None, "") else _number(row, "sentence index")
        target_id = self._target_id(session, _text(row.get("target")).strip())
        label_id = self._label_id(session, _required(row, "label"))
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
        document = _document(self, session, row)
        target_id = self._target_id(session, _text(row.get("target")).strip())
        label_id = self._label_id(session, _required(row, "label"))
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

    def _already(self, session: Session, place: tuple, row: dict[str, Any], label_id: int) -> bool:
        """Whether the row's annotator (none: the suggestion) or ours has this label here."""
        owner = _owner_id(session, row.get("annotator"))
        for who in (owner, self.annotator_id):
            if who is False:
                continue
            stored = _row_at(session, place, who)
            if stored is not None and stored.label_id == label_id:
                return stored.state != AnnotationState.REJECTED or who != self.annotator_id
        return False


def _document(editor: EntityEditor | StanceEditor, session: Session, row: dict) -> Document:
    return editor._document(session, _number(row, "document"))


def _owner_id(session: Session, value: Any) -> int | bool | None:
    """The id of the row's annotator; None for an empty cell (a machine suggestion); False
    for a name nobody has (a row written in the spreadsheet)."""
    name = _text(value).strip()
    if not name:
        return None
    found = session.scalar(select(Annotator.id).where(Annotator.name == name))
    return False if found is None else found


def _check_text(document: Document, start: int, end: int, text: str, column: str = "text") -> None:
    if not 0 <= start < end <= document.text_length:
        raise CorrectionError(
            f"{start}–{end} is outside document {document.id} "
            f"(its text has {document.text_length} characters)"
        )
    actual = document.text[start:end]
    # A carriage return in a cell comes back as a line feed (XML 1.0 line ends).
    if text != actual and text != actual.replace("\r\n", "\n").replace("\r", "\n"):
        raise CorrectionError(
            f"text no longer matches: the document has “{actual}” at {start}–{end}, "
            f"the {column} column says “{text}”; not applied"
        )


def _context(text: str, span: EntitySpan) -> tuple[str, str]:
    start, end = span.start_offset, span.end_offset
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def _number(row: dict[str, Any], column: str) -> int:
    """A whole number from a cell: 17, 17.0 (what spreadsheets store) or the text "17"."""
    value = row.get(column)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise CorrectionError(f"{column} is not a whole number: {value!r}")


def _required(row: dict[str, Any], column: str) -> str:
    value = _text(row.get(column)).strip()
    if not value:
        raise CorrectionError(f"the {column} column is empty")
    return value


def _text(value: Any) -> str:
    """A cell as text. Our export kept formula-like text as text with a quote prefix, which
    reads back as the text itself; a spreadsheet that wrote the apostrophe into the value
    instead (typing '=SUM) gets it removed again."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
