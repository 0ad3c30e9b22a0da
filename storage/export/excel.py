"""An Excel workbook of a project for people: documents, entities, sentence and document
stance, what each column means and the labels with their colours.

Written in openpyxl's write-only mode, one document at a time, so a million entity rows need
no more memory than a hundred. The file appears only when it is complete: the workbook is
written to a temporary file beside ``out`` and renamed over it at the end, so a cancelled or
failed export leaves no half file and the previous export stays as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from storage.export.records import ExportDocument, ExportSpan, ExportStance

CONTEXT_CHARS = 40
MAX_CELL_CHARS = 32_767  # Excel's limit; longer text is cut (and marked) rather than refused
# What spreadsheet programs take as the start of a formula (or of a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 25  # documents between progress reports
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")

Progress = Callable[[int], None]  # documents written so far


class ExportCancelledError(Exception):
    """The user stopped the export; nothing was written."""


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


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote. ``files`` lists every file when a format writes several
    (training data split into train and dev); ``details`` are lines for the user beside the
    counts (notes of the training-data writers)."""

    documents: int
    entities: int
    stance: int  # sentence and document stance rows
    path: Path
    files: tuple[Path, ...] = ()
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    name: str
    width: float
    meaning: str
    wrap: bool = False


DOCUMENT_COLUMNS = (
    Column("id", 8, "the document's number in the project"),
    Column("title", 40, "its title (empty if it had none)", wrap=True),
    Column("source", 30, "the file (or URL) it was imported from"),
    Column("language", 10, "de, en, or empty when unknown"),
)
ENTITY_COLUMNS = (
    Column("document", 10, "the document's id (see Documents)"),
    Column("annotator", 14, "who decided; empty for a machine suggestion nobody decided on"),
    Column("start", 8, "offset of the first character in the document's text (from 0)"),
    Column("end", 8, "offset after the last character: text = document text[start:end]"),
    Column("text", 30, "the entity as it is written in the document"),
    Column("label", 10, "the entity label (see Labels)"),
    Column("state", 11, "accepted, edited (a suggestion changed), rejected or suggested"),
    Column("origin", 30, "model name and version, pattern file, manual, import or review"),
    Column("confidence", 11, "the suggester's confidence from 0 to 1, if it gave one"),
    Column("left context", 45, f"up to {CONTEXT_CHARS} characters before the entity"),
    Column("right context", 45, f"up to {CONTEXT_CHARS} characters after the entity"),
    Column("created (UTC)", 22, "when the row was made"),
    Column("updated (UTC)", 22, "when it was last changed"),
)
STANCE_COLUMNS = (
    Column("document", 10, "the document's id (see Documents)"),
    Column("sentence index", 10, "the sentence's number in the document (from 0)"),
    Column("start", 8, "offset of the sentence's first character"),
    Column("end", 8, "offset after its last character"),
    Column("sentence text", 70, "the sentence", wrap=True),
    Column("target", 18, "what the sentence takes a side on"),
    Column("label", 11, "the stance label (see Labels)"),
    Column("state", 11, "accepted, edited, rejected or suggested"),
    Column("origin", 30, "stance lexicon or classifier and version, manual, import, review"),
    Column("confidence", 11, "the suggester's confidence from 0 to 1, if it gave one"),
    Column("annotator", 14, "who decided; empty for a machine suggestion"),
)
DOCUMENT_STANCE_COLUMNS = (
    Column("document", 10, "the document's id (see Documents)"),
    Column("target", 18, "what the whole article takes a side on"),
    Column("label", 11, "the stance label (see Labels)"),
    Column("annotator", 14, "who decided; empty for a machine suggestion"),
    Column("state", 11, "accepted, edited, rejected or suggested"),
    Column("origin", 30, "where the label came from"),
)
LABEL_COLUMNS = (
    Column("kind", 10, "entity or stance"),
    Column("label", 14, "the label's name, in its colour"),
    Column("colour", 10, "its colour as #rrggbb"),
    Column("description", 60, "what it is for", wrap=True),
)
AGREEMENT_COLUMNS = (
    Column("part", 10, "entities or stance"),
    Column("scope", 18, "all labels or targets, or one of them"),
    Column("measure", 32, "span F1, Cohen's kappa or Krippendorff's alpha"),
    Column(
        "value",
        10,
        "from -1 (systematic disagreement) to 1 (full agreement); empty: nothing to compare",
    ),
)
README_COLUMNS = (
    Column("sheet", 16, "a sheet of this workbook"),
    Column("column", 18, "one of its columns"),
    Column("meaning", 90, "what the column holds", wrap=True),
)


def safe_cell_value(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """``value`` as a cell can hold it, never as a formula.

    Text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return at the start) becomes a cell typed as text with Excel's quote prefix, so its value
    stays the original string. Control characters XML cannot carry become U+FFFD (one for one,
    so offsets still fit), and text over Excel's limit is cut.
    """
    if not isinstance(value, str):
        return value
    if not value:
        return None  # an empty cell, not an empty inline string
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - 1] + "…"
    if not value.startswith(FORMULA_STARTS):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # openpyxl took "=…" for a formula
    cell.quotePrefix = True  # and the spreadsheet keeps it text when the cell is edited
    return cell


class _Sheet:
    """A write-only sheet with a frozen, filtered header row and styled cells."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column]) -> None:
        self.sheet: WriteOnlyWorksheet = workbook.create_sheet(title)
        self.width = len(columns)
        self.rows = 0
        # Views and widths go out before the first row in write-only mode.
        self.sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        self._wrapped = {i for i, c in enumerate(columns) if c.wrap}
        self._styles: dict[tuple[bool, int, bool], Any] = {}  # see _styled
        self.sheet.append([self._header_cell(c.name) for c in columns])

    def _header_cell(self, name: str) -> Cell:
        cell = WriteOnlyCell(self.sheet, name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        return cell

    def append(self, values: Sequence[Any], fills: dict[int, PatternFill] | None = None) -> None:
        row = [safe_cell_value(self.sheet, v) for v in values]
        for index in self._wrapped:
            row[index] = self._styled(row[index], wrap=True)
        for index, fill in (fills or {}).items():
            row[index] = self._styled(row[index], fill=fill)
        self.sheet.append(row)
        self.rows += 1

    def _styled(self, value: Any, wrap: bool = False, fill: PatternFill | None = None) -> Any:
        if value is None:
            return None
        cell = value if isinstance(value, Cell) else WriteOnlyCell(self.sheet, value)
        # Setting a style looks it up in the workbook's style tables; a label cell on every
        # row would pay that a million times. Each combination is looked up once and copied.
        key = (wrap, id(fill), cell.quotePrefix)
        style = self._styles.get(key)
        if style is None:
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if fill is not None:
                cell.fill = fill
            self._styles[key] = style = copy(cell._style)
        else:
            cell._style = copy(style)
        return cell

    def finish(self) -> None:
        last = get_column_letter(self.width)
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"


class _Workbook:
    """The sheets of an export and how a document's records become their rows."""

    def __init__(
        self, labels: ExportLabels, annotators: Sequence[str], meta_keys: Sequence[str]
    ) -> None:
        self.workbook = Workbook(write_only=True)
        self.labels = labels
        self.annotators = list(annotators)
        self.meta_keys = list(meta_keys)
        self.entity_fills = _fills(labels.entity)
        self.stance_fills = _fills(labels.stance)
        extra = [Column(f"status {a}", 12, f"{a}'s status") for a in self.annotators]
        extra += [Column(f"minutes {a}", 10, f"minutes {a} spent") for a in self.annotators]
        extra += [Column(f"meta {k}", 16, f"the document's metadata {k!r}") for k in meta_keys]
        self.document_columns = (*DOCUMENT_COLUMNS, *extra)
        self.documents = _Sheet(self.workbook, "Documents", self.document_columns)
        self.entities = _Sheet(self.workbook, "Entities", ENTITY_COLUMNS)
        self.stance = _Sheet(self.workbook, "Stance", STANCE_COLUMNS)
        self.document_stance = _Sheet(self.workbook, "Document stance", DOCUMENT_STANCE_COLUMNS)
        self.agreement_rows: list[tuple[str, str, str, float | None]] = []

    def add(self, document: ExportDocument) -> None:
        self.documents.append(self._document_row(document))
        for span in document.spans:
            self._add_span(document, span)
        for row in document.stance:
            self._add_stance(document, row)

    def _document_row(self, document: ExportDocument) -> list[Any]:
        minutes = [document.seconds.get(a) for a in self.annotators]
        return [
            document.id,
            document.title,
            document.source,
            document.language,
            *(document.status.get(a) for a in self.annotators),
            *(round(s / 60, 1) if s is not None else None for s in minutes),
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
            self.document_stance.append(values, _fill_at(2, fill))
            return
        values = [
            document.id,
            row.sentence_index,
            row.start,
            row.end,
            row.text,
            row.target,
            row.label,
            row.state,
            row.origin,
            row.confidence,
            row.annotator,
        ]
        self.stance.append(values, _fill_at(6, fill))

    def finish(self) -> None:
        if self.agreement_rows:  # once several annotators labelled the same documents
            agreement = _Sheet(self.workbook, "Agreement", AGREEMENT_COLUMNS)
            for row in self.agreement_rows:
                agreement.append(list(row))
            agreement.finish()
        labels = _Sheet(self.workbook, "Labels", LABEL_COLUMNS)
        for kind, infos, fills in (
            ("entity", self.labels.entity, self.entity_fills),
            ("stance", self.labels.stance, self.stance_fills),
        ):
            for info in infos:
                labels.append(
                    [kind, info.name, info.colour, info.description], {1: fills[info.name]}
                )
        readme = _Sheet(self.workbook, "README", README_COLUMNS)
        for sheet, columns in (
            ("Documents", self.document_columns),
            ("Entities", ENTITY_COLUMNS),
            ("Stance", STANCE_COLUMNS),
            ("Document stance", DOCUMENT_STANCE_COLUMNS),
            ("Labels", LABEL_COLUMNS),
            *((("Agreement", AGREEMENT_COLUMNS),) if self.agreement_rows else ()),
        ):
            for column in columns:
                readme.append([sheet, column.name, column.meaning])
        for sheet in (self.documents, self.entities, self.stance, self.document_stance, labels):
            sheet.finish()
        readme.finish()


def _fills(labels: Sequence[LabelInfo]) -> dict[str, PatternFill]:
    return {
        info.name: PatternFill("solid", fgColor=info.colour.lstrip("#").upper()) for info in labels
    }


def _fill_at(index: int, fill: PatternFill | None) -> dict[int, PatternFill] | None:
    return {index: fill} if fill is not None else None


def _meta_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False)  # lists and objects as JSON text


def write_workbook(
    documents: Iterable[ExportDocument],
    out: Path,
    labels: ExportLabels,
    *,
    annotators: Sequence[str] = (),
    meta_keys: Sequence[str] = (),
    agreement: Sequence[tuple[str, str, str, float | None]] = (),
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> ExportReport:
    """Write ``documents`` to the workbook ``out`` and say how many rows went out.

    ``annotators`` and ``meta_keys`` name the Documents sheet's status and metadata columns
    (other annotators' status and other keys are not shown). ``progress`` hears the number of
    documents written so far; ``should_cancel`` is asked between documents and, when it says
    yes, ``ExportCancelledError`` is raised and ``out`` is left as it was. So is it on any error.
    """
    out = Path(out)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(handle)
    book = _Workbook(labels, annotators, meta_keys)
    book.agreement_rows = list(agreement)  # a sheet of its own when there are any
    try:
        count = _write_documents(book, documents, progress, should_cancel)
        book.finish()
        book.workbook.save(temporary)
        Path(temporary).replace(out)
    except BaseException:
        _discard(book.workbook)
        Path(temporary).unlink(missing_ok=True)
        raise
    return ExportReport(
        documents=count,
        entities=book.entities.rows,
        stance=book.stance.rows + book.document_stance.rows,
        path=out,
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


def _discard(workbook: Workbook) -> None:
    """Remove the sheets' own temporary files now rather than at exit (a cancelled export of
    a million rows leaves large ones). openpyxl has no public call for this."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            sheet._rows.close()  # ends the sheet's XML while its file is still open
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
