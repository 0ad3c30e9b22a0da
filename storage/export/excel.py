"""An Excel workbook of a project for people: documents, entities, sentence and document
stance (with each stance's holder and evidence), the claims (``storage.export.excel_claims``),
what each column means and the labels with their colours.

Written in openpyxl's write-only mode, one document at a time, so a million entity rows need
no more memory than a hundred. The file appears only when it is complete: the workbook is
written to a part file beside ``out`` and renamed over it at the end, so a cancelled, failed
or killed export leaves no half file and the previous export stays as it was (see
``storage.export.staging``, also for openpyxl's per-sheet temporary files).

Whatever the project stores goes out (``storage.export.excel_cells``), within Excel's limits:
at most ``MAX_META_COLUMNS`` metadata columns (the most used keys) and 1,048,576 rows a sheet;
what does not fit is named in the README sheet and in the report. The workbook carries the
project's identity (``storage.export.workbook_identity``), so corrections made in it are not
applied to another project by mistake.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from storage.documents import shown_title
from storage.export import staging
from storage.export.clean_values import json_text
from storage.export.excel_cells import FORMULA_STARTS, safe_cell_value, solid_fill
from storage.export.excel_claims import claim_rows
from storage.export.excel_columns import (
    AGREEMENT_COLUMNS,
    CLAIMS_COLUMNS,
    CONTEXT_CHARS,
    DOCUMENT_COLUMNS,
    DOCUMENT_STANCE_COLUMNS,
    ENTITY_COLUMNS,
    LABEL_COLUMNS,
    README_COLUMNS,
    STANCE_COLUMNS,
    Column,
    minutes_column,
    readable_status,
    status_column,
)
from storage.export.excel_sheet import MAX_ROWS, Sheet, discard_sheets
from storage.export.export_report import ExportCancelledError, ExportReport
from storage.export.records import ExportDocument, ExportSpan, ExportStance
from storage.export.workbook_identity import mark_workbook

if TYPE_CHECKING:  # the identity module reads the database; writing a workbook needs none of it
    from storage.project_identity import ProjectIdentity

__all__ = [
    "CONTEXT_CHARS",
    "FORMULA_STARTS",
    "ExportCancelledError",
    "ExportLabels",
    "ExportReport",
    "LabelInfo",
    "safe_cell_value",
    "write_workbook",
]

PROGRESS_EVERY = 25  # documents between progress reports
MAX_COLUMNS = 16_384  # Excel's limit of a sheet
MAX_META_COLUMNS = 1_000  # more metadata columns nobody reads; the most used keys are shown
# Documents flagged as unsure (``storage.document_flags``): filter "unsure" for the non-empty.
FLAG_COLUMNS = (
    Column("unsure", 14, "who flagged the document as unsure (empty: nobody)"),
    Column("unsure note", 40, "their notes on why, one line each: name: note", wrap=True),
)

Progress = Callable[[int], None]  # documents written so far


@dataclass(frozen=True)
class LabelInfo:
    name: str
    colour: str  # "#rrggbb"
    description: str = ""


@dataclass(frozen=True)
class ExportLabels:
    """The project's labels, for the fills and the Labels sheet."""

    entity: Sequence[LabelInfo] = ()
    stance: Sequence[LabelInfo] = ()


class _Workbook:
    """The sheets of an export and how a document's records become their rows."""

    def __init__(
        self,
        labels: ExportLabels,
        annotators: Sequence[str],
        meta_keys: Sequence[str],
        scratch: Path,
    ) -> None:
        self.workbook = Workbook(write_only=True)
        self.scratch = scratch
        self.labels = labels
        self.annotators, self.meta_keys = _fitting_columns(annotators, meta_keys)
        self.left_out = (
            len(annotators) - len(self.annotators),
            len(meta_keys) - len(self.meta_keys),
        )
        self.entity_fills = _fills(labels.entity)
        self.stance_fills = _fills(labels.stance)
        extra = [status_column(a) for a in self.annotators]
        extra += [minutes_column(a) for a in self.annotators]
        extra += FLAG_COLUMNS
        extra += [Column(f"meta {k}", 16, f"the document's metadata {k!r}") for k in self.meta_keys]
        self.document_columns = (*DOCUMENT_COLUMNS, *extra)
        self.documents = self._sheet("Documents", self.document_columns)
        self.entities = self._sheet("Entities", ENTITY_COLUMNS)
        self.stance = self._sheet("Stance", STANCE_COLUMNS)
        self.document_stance = self._sheet("Document stance", DOCUMENT_STANCE_COLUMNS)
        self.claims = self._sheet("Claims", CLAIMS_COLUMNS)
        self.agreement_rows: list[tuple[str, str, str, float | None]] = []

    def _sheet(self, title: str, columns: Sequence[Column]) -> Sheet:
        return Sheet(self.workbook, title, columns, self.scratch)

    def add(self, document: ExportDocument) -> None:
        self.documents.append(self._document_row(document))
        for span in document.spans:
            self._add_span(document, span)
        for row in document.stance:
            self._add_stance(document, row)
        for claim in claim_rows(document):
            self.claims.append(claim, _fill_at(7, self.stance_fills.get(claim[7])))

    def _document_row(self, document: ExportDocument) -> list[Any]:
        minutes = [document.seconds.get(a) for a in self.annotators]
        return [
            document.id,
            shown_title(document.title, document.text),
            document.source,
            document.language,
            *(readable_status(document.status.get(a)) for a in self.annotators),
            *(round(s / 60, 1) if s is not None else None for s in minutes),
            *_flag_values(document),
            *(_meta_value(document.meta.get(k)) for k in self.meta_keys),
        ]

    def _add_span(self, document: ExportDocument, span: ExportSpan) -> None:
        text = document.text
        row = [
            document.id,
            span.annotator,
            span.start,
            span.end,
            span.text,
            span.label,
            span.state,
            span.origin,
            span.confidence,
            text[max(0, span.start - CONTEXT_CHARS) : span.start],
            text[span.end : span.end + CONTEXT_CHARS],
            span.created_at,
            span.updated_at,
        ]
        self.entities.append(row, _fill_at(5, self.entity_fills.get(span.label)))

    def _add_stance(self, document: ExportDocument, row: ExportStance) -> None:
        fill = self.stance_fills.get(row.label)
        if row.scope == "document":
            values = [document.id, row.target, row.label, row.annotator, row.state, row.origin]
            values.append(row.holder)
            self.document_stance.append(values, _fill_at(2, fill))
            return
        values = [
            document.id,
            sentence_number(row.sentence_index),
            row.start,
            row.end,
            row.text,
            row.target,
            row.label,
            row.state,
            row.origin,
            row.confidence,
            row.annotator,
            *_holder_values(row),
        ]
        self.stance.append(values, _fill_at(6, fill))

    def finish(self) -> None:
        sheets = [self.documents, self.entities, self.stance, self.document_stance, self.claims]
        if self.agreement_rows:  # once several annotators labelled the same documents
            agreement = self._sheet("Agreement", AGREEMENT_COLUMNS)
            for row in self.agreement_rows:
                agreement.append(list(row))
            sheets.append(agreement)
        labels = self._sheet("Labels", LABEL_COLUMNS)
        for kind, infos, fills in (
            ("entity", self.labels.entity, self.entity_fills),
            ("stance", self.labels.stance, self.stance_fills),
        ):
            for info in infos:
                values = [kind, info.name, info.colour, info.description]
                labels.append(values, _fill_at(1, fills.get(info.name)))
        sheets.append(labels)
        readme = self._sheet("README", README_COLUMNS)
        for sheet, columns in (
            ("Documents", self.document_columns),
            ("Entities", ENTITY_COLUMNS),
            ("Stance", STANCE_COLUMNS),
            ("Document stance", DOCUMENT_STANCE_COLUMNS),
            ("Claims", CLAIMS_COLUMNS),
            ("Labels", LABEL_COLUMNS),
            *((("Agreement", AGREEMENT_COLUMNS),) if self.agreement_rows else ()),
        ):
            for column in columns:
                readme.append([sheet, column.name, column.meaning])
        for sheet, note in self.notes():
            readme.append([sheet, "(left out)", note])
        for sheet in (*sheets, readme):
            sheet.finish()

    def notes(self) -> list[tuple[str, str]]:
        """What did not fit, per sheet: columns beyond the limits, rows beyond Excel's."""
        notes = []
        annotators, keys = self.left_out
        if annotators:
            limit = f"Excel has at most {MAX_COLUMNS:,} columns"
            notes.append(
                ("Documents", f"the status and minutes of {annotators:,} annotators ({limit})")
            )
        if keys:
            total = f"{keys:,} of {keys + len(self.meta_keys):,} metadata keys"
            notes.append(
                ("Documents", f"{total} (the {len(self.meta_keys):,} most used have columns)")
            )
        sheets = (self.documents, self.entities, self.stance, self.document_stance, self.claims)
        for sheet in sheets:
            if sheet.left_out:
                limit = f"Excel's limit is {MAX_ROWS:,} rows a sheet"
                notes.append((sheet.title, f"{sheet.left_out:,} rows ({limit})"))
        return notes


def sentence_number(index: int | None) -> int | None:
    """A stored sentence index (from 0) as people count sentences: from 1."""
    return index + 1 if index is not None else None


def _holder_values(row: ExportStance) -> list[Any]:
    """The ``HOLDER_COLUMNS`` of a stance row."""
    return [
        row.holder,
        row.holder_text,
        row.holder_start,
        row.holder_end,
        row.evidence,
        row.evidence_start,
        row.evidence_end,
    ]


def _fitting_columns(
    annotators: Sequence[str], meta_keys: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The annotators and metadata keys that get columns on the Documents sheet: two columns
    per annotator and one per key, within Excel's columns and ``MAX_META_COLUMNS``. Keys come
    most used first (see ``export_meta_keys``); the kept ones are shown sorted by name."""
    room = MAX_COLUMNS - len(DOCUMENT_COLUMNS) - len(FLAG_COLUMNS)
    shown = list(annotators[: room // 2])
    room -= 2 * len(shown)
    return shown, sorted(meta_keys[: min(room, MAX_META_COLUMNS)])


def _flag_values(document: ExportDocument) -> list[str | None]:
    """Who flagged the document as unsure, and their notes, one a line."""
    flagged = sorted(document.unsure)
    if not flagged:
        return [None, None]
    notes = [f"{a}: {document.unsure[a]}" for a in flagged if document.unsure[a]]
    return [", ".join(flagged), "\n".join(notes) or None]


def _fills(labels: Sequence[LabelInfo]) -> dict[str, PatternFill]:
    fills = {info.name: solid_fill(info.colour) for info in labels}
    return {name: fill for name, fill in fills.items() if fill is not None}


def _fill_at(index: int, fill: PatternFill | None) -> dict[int, PatternFill] | None:
    return {index: fill} if fill is not None else None


def _meta_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json_text(value)  # lists and objects as JSON text


def write_workbook(
    documents: Iterable[ExportDocument],
    out: Path,
    labels: ExportLabels,
    *,
    annotators: Sequence[str] = (),
    meta_keys: Sequence[str] = (),
    agreement: Sequence[tuple[str, str, str, float | None]] = (),
    identity: ProjectIdentity | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> ExportReport:
    """Write ``documents`` to the workbook ``out`` and say how many rows went out.

    ``annotators`` and ``meta_keys`` name the Documents sheet's status and metadata columns
    (other annotators' status and other keys are not shown); when they do not all fit, the
    first ones are kept (give the keys most used first) and the report says what was left
    out. ``identity`` is written into the workbook's properties (see
    ``storage.export.workbook_identity``). ``progress`` hears the number of documents written
    so far; ``should_cancel`` is asked between documents and, when it says yes,
    ``ExportCancelledError`` is raised and ``out`` is left as it was. So is it on any error.
    """
    out = Path(out)
    staging.remove_stale(out.parent)  # what killed exports left here
    part = staging.new_part_file(out)
    scratch = None
    try:
        scratch = staging.new_scratch_folder(out)
        book = _Workbook(labels, annotators, meta_keys, scratch)
        try:
            book.agreement_rows = list(agreement)  # a sheet of its own when there are any
            if identity is not None:
                mark_workbook(book.workbook, identity)
            count = _write_documents(book, documents, progress, should_cancel)
            book.finish()
            book.workbook.save(part)
        except BaseException:
            discard_sheets(book.workbook)
            raise
        staging.finish(part, out)
    finally:
        staging.discard(part, *((scratch,) if scratch is not None else ()))
    return ExportReport(
        documents=count,
        entities=book.entities.rows,
        stance=book.stance.rows + book.document_stance.rows,
        path=out,
        details=tuple(f"{sheet}: left out {note}" for sheet, note in book.notes()),
    )


def _write_documents(
    book: _Workbook,
    documents: Iterable[ExportDocument],
    progress: Progress | None,
    should_cancel: Callable[[], bool],
) -> int:
    count = 0
    for document in documents:
        if should_cancel():
            raise ExportCancelledError("export cancelled")
        book.add(document)
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(count)
    return count
