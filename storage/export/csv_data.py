"""The Entities and Stance tables as two CSV files, for spreadsheets and scripts.

UTF-8 with a byte order mark (so Excel picks the encoding), quoting by the ``csv`` module
(minimal: fields with commas, quotes or line breaks are quoted). Every span and stance row
of the export is listed, rejected ones too (see the ``state`` column). Document stance has
an empty sentence index and the whole text as its sentence text. ``sentence_index`` counts
from 0, like the offsets and the JSONL export's (sentence 1 in the app and the Excel
workbook's "sentence no." is index 0). The stance table's last columns say who holds each
stance (``holder``: an actor's name, the words that name the holder, or ``author``; where
the text names them: ``holder_start``, ``holder_end``, ``holder_text``) and the words that
carry it (``evidence``, ``evidence_start``, ``evidence_end``), empty where not marked.

Formula injection: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would be run as a formula by Excel or LibreOffice, so it is written with an
apostrophe in front (``'=SUMME(A1)``), as the Excel export does; readers of the file must
drop one leading apostrophe from such cells. Numbers are written as they are.
"""

from __future__ import annotations

import csv
from pathlib import Path

from storage.export.clean_values import utf8_text
from storage.export.records import ExportDocument, ExportSpan, ExportStance
from storage.export.training_report import TrainingDataReport

ENTITY_COLUMNS = (
    "document_id",
    "annotator",
    "start",
    "end",
    "text",
    "label",
    "state",
    "origin",
    "confidence",
)
STANCE_COLUMNS = (
    "document_id",
    "scope",
    "sentence_index",
    "sentence_text",
    "target",
    "label",
    "state",
    "origin",
    "confidence",
    "annotator",
    "explanation",
    # Who holds the stance (an actor's name, the words naming the holder, or "author") and
    # the words that carry it; appended, so scripts reading the older columns keep working.
    "holder",
    "holder_start",
    "holder_end",
    "holder_text",
    "evidence",
    "evidence_start",
    "evidence_end",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


class CsvWriter:
    def __init__(self, entities: Path, stance: Path) -> None:
        self.files = [
            path.open("w", encoding="utf-8-sig", newline="") for path in (entities, stance)
        ]
        self.entities, self.stance = (csv.writer(file) for file in self.files)
        self.entities.writerow(ENTITY_COLUMNS)
        self.stance.writerow(STANCE_COLUMNS)

    def add(self, document: ExportDocument, report: TrainingDataReport) -> None:
        self.entities.writerows(_row(entity_cells(document.id, s)) for s in document.spans)
        self.stance.writerows(_row(stance_cells(document.id, s)) for s in document.stance)
        report.spans += len(document.spans)
        report.stance += len(document.stance)
        report.records += 1

    def close(self) -> None:
        for file in self.files:
            file.close()


def entity_cells(document_id: int, span: ExportSpan) -> tuple[Cell, ...]:
    return (
        document_id,
        span.annotator,
        span.start,
        span.end,
        span.text,
        span.label,
        span.state,
        span.origin,
        span.confidence,
    )


def stance_cells(document_id: int, row: ExportStance) -> tuple[Cell, ...]:
    return (
        document_id,
        row.scope,
        row.sentence_index,
        row.text,
        row.target,
        row.label,
        row.state,
        row.origin,
        row.confidence,
        row.annotator,
        row.explanation,
        row.holder,
        row.holder_start,
        row.holder_end,
        row.holder_text,
        row.evidence,
        row.evidence_start,
        row.evidence_end,
    )


def safe_cell(value: Cell) -> Cell:
    """``value`` as a spreadsheet shows it as text: formula-looking strings get a leading
    apostrophe; None becomes an empty cell; a lone surrogate (UTF-8 cannot encode it)
    becomes U+FFFD."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = utf8_text(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def _row(cells: tuple[Cell, ...]) -> list[Cell]:
    return [safe_cell(cell) for cell in cells]
