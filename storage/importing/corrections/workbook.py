"""A corrected export workbook coming back: the rows of its Entities, Stance and Document
stance sheets a coordinator changed in a spreadsheet become edits by one named annotator.

A row is compared with the database, not with the export it came from, so importing the same
file twice changes nothing the second time. The whole import is one transaction and every
change shares one action id: the log shows the import as one action, undoing that action takes
back all of it, and an import that fails (a database error) leaves the project as it was. Each
row is a savepoint in it, so a row that cannot be applied (reported with file, sheet, row and
why) rolls back only itself and the other rows are applied.

The workbook names the project it was exported from (``storage.export.workbook_identity``): a
workbook of another project is refused unless forced; one without a name (an older export, a
workbook made by hand) is applied with a warning.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.editing import AnnotationError
from storage.events import new_action_id
from storage.export.workbook_identity import read_identity, same_project
from storage.importing.corrections.cells import CorrectionError, cell_text
from storage.importing.corrections.entities import EntityCorrections
from storage.importing.corrections.stance import StanceCorrections
from storage.importing.xlsx_limits import workbook_refusal
from storage.importing.xlsx_rows import SheetError, sheet_rows
from storage.memory.suggestions import refresh_touched
from storage.project import get_or_create_annotator
from storage.project_identity import project_identity

__all__ = [
    "CorrectionError",
    "CorrectionsFileError",
    "CorrectionsReport",
    "ForeignWorkbookError",
    "apply_corrections",
]

ENTITIES, STANCE, DOCUMENT_STANCE = "Entities", "Stance", "Document stance"
MAX_COLUMNS = 256  # read of a sheet: ours have 13 at most, a coordinator may add some
NEEDED = {
    ENTITIES: ("document", "annotator", "start", "end", "text", "label", "state"),
    # The sentence's number is optional: "sentence no." (from 1), or "sentence index"
    # (from 0) in workbooks exported before the numbers counted as the app does.
    STANCE: ("document", "start", "end", "sentence text", "target", "label"),
    DOCUMENT_STANCE: ("document", "target", "label"),
}
NOTE = (
    "rows deleted in the spreadsheet delete nothing: remove or reject spans in the app, "
    "or set their state to rejected"
)
MAX_PROBLEMS = 1_000  # lines kept in a report; the rest are counted (a hostile file has many)
MAX_PROBLEM_CHARS = 500


class CorrectionsFileError(UserError, ValueError):
    """The file cannot be read as a workbook at all (the message names it)."""


class ForeignWorkbookError(CorrectionsFileError):
    """The workbook was exported from another project; nothing was applied."""


@dataclass
class CorrectionsReport:
    """What an import of corrections did: rows applied, rows already as the database has
    them, one line per row (or sheet) that was not applied (the first ``MAX_PROBLEMS``;
    ``not_applied`` counts them all) and warnings about the file as a whole."""

    path: Path
    action_id: str
    applied: int = 0
    unchanged: int = 0
    not_applied: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = NOTE

    def problem(self, line: str) -> None:
        """Count a row (or sheet) that was not applied, and keep its line."""
        self.not_applied += 1
        if len(self.problems) < MAX_PROBLEMS:
            cut = len(line) > MAX_PROBLEM_CHARS
            self.problems.append(line[: MAX_PROBLEM_CHARS - 1] + "…" if cut else line)

    def lines(self) -> list[str]:
        """The warnings, the problems, the note, and the totals last."""
        more = self.not_applied - len(self.problems)
        totals = (
            f"corrections from {self.path}: {self.applied} rows applied, "
            f"{self.unchanged} unchanged, {self.not_applied} not applied"
        )
        return [
            *(f"warning: {w}" for w in self.warnings),
            *self.problems,
            *([f"… and {more} more rows not applied"] if more > 0 else []),
            f"note: {self.note}",
            totals,
        ]


def apply_corrections(
    db: Database,
    project_id: int,
    path: Path,
    annotator: str,
    *,
    force: bool = False,
    as_gold: bool = False,
) -> CorrectionsReport:
    """Apply the changed rows of the workbook ``path`` as edits by ``annotator`` (created if
    new), all in one transaction. Raises ``CorrectionsFileError`` when the file is no
    readable workbook, ``ForeignWorkbookError`` when it was exported from another project and
    ``force`` is not set (nothing is applied then); everything wrong within it is a problem
    in the report. Any other error (of the database) leaves the project as it was.
    ``as_gold``: rows that correct another annotator's span become the gold version (origin
    review, left out of agreement); otherwise they are ``annotator``'s own edits."""
    path = Path(path)
    book = _open_workbook(path)
    try:
        report = CorrectionsReport(path, new_action_id())
        report.warnings += _identity_warnings(db, project_id, book, path, force)
        sheets = _read_sheets(book, report)  # before the write lock: others wait less
    finally:
        book.close()
    with db.write() as session:
        annotator_id = get_or_create_annotator(session, annotator).id
        corrector = _Corrector(db, project_id, annotator_id, report.action_id, as_gold)
        for sheet, rows in sheets.items():
            _apply_rows(session, corrector, report, sheet, rows)
        refresh_touched(session, project_id)  # the memory learns, once for the whole import
    return report


def _open_workbook(path: Path) -> Any:
    """The workbook, read-only, after the limits of the import (``xlsx_limits``): a file
    whose sheets unpack to gigabytes is refused before anything is loaded."""
    if not path.exists():
        raise CorrectionsFileError(f"{path} does not exist")
    try:
        refusal = workbook_refusal(path)
    except zipfile.BadZipFile as exc:
        raise CorrectionsFileError(f"{path} is not an Excel workbook ({exc})") from exc
    except OSError as exc:
        raise CorrectionsFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if refusal is not None:
        raise CorrectionsFileError(f"{path}: {refusal}; nothing was applied")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise CorrectionsFileError(f"{path} is not an Excel workbook ({exc})") from exc


def _identity_warnings(
    db: Database, project_id: int, book: Any, path: Path, force: bool
) -> list[str]:
    """Refuse a workbook of another project (unless ``force``); the warnings to report."""
    with db.read() as session:
        ours = project_identity(session, project_id)
    found = read_identity(book)
    if found is None:
        return [
            f"{path.name} does not say which project it was exported from (an export of an "
            "older version, or a workbook made by hand): applied without that check"
        ]
    if same_project(found, ours):
        return []
    theirs = f"project “{found.name}” ({found.uid})"
    here = f"project “{ours.name}” ({ours.uid})"
    if not force:
        # Callers say how to force it (the command line: --force).
        raise ForeignWorkbookError(
            f"{path} was exported from {theirs}, not from {here}; nothing was applied"
        )
    return [f"{path.name} was exported from {theirs}; applied to {here} as forced"]


Row = tuple[int, dict[str, Any]]  # its number in the sheet, its cells by column name


def _read_sheets(book: Any, report: CorrectionsReport) -> dict[str, list[Row]]:
    """The data rows of the sheets to apply, by sheet; a missing sheet or column is a
    problem in the report and its sheet is left out."""
    sheets: dict[str, list[Row]] = {}
    for sheet in (ENTITIES, STANCE, DOCUMENT_STANCE):
        where = f"{report.path.name}, sheet {sheet}"
        if sheet not in book.sheetnames:
            report.problem(f"{where}: the sheet is missing")
            continue
        numbered = _numbered_rows(book, book[sheet], report, where)
        header = [cell_text(v) for v in next(numbered, (1, ()))[1]]
        missing = [name for name in NEEDED[sheet] if name not in header]
        if missing:
            names = ", ".join(repr(m) for m in missing)
            report.problem(f"{where}, row 1: no column {names}; the sheet is skipped")
            continue
        sheets[sheet] = [
            (
                number,
                {name: values[i] if i < len(values) else None for i, name in enumerate(header)},
            )
            for number, values in numbered
            if not all(v is None or v == "" for v in values)
        ]
    return sheets


def _apply_rows(
    session: Session, corrector: _Corrector, report: CorrectionsReport, sheet: str, rows: list[Row]
) -> None:
    where = f"{report.path.name}, sheet {sheet}"
    for number, row in rows:
        try:
            changed = corrector.apply(session, sheet, row)
        except AnnotationError as exc:  # CorrectionError, and what the editors refuse
            report.problem(f"{where}, row {number}: {exc}")
            continue
        if changed:
            report.applied += 1
        else:
            report.unchanged += 1


def _numbered_rows(
    book: Any, sheet: Any, report: CorrectionsReport, where: str
) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows with their numbers (from 1), read cell by cell (never padded out to
    a far column). A row whose cell cannot be read is a problem of that row only; XML that
    breaks off ends the sheet there, reported."""
    try:
        for row in sheet_rows(book, sheet, MAX_COLUMNS):
            if row.error is not None:
                report.problem(f"{where}, row {row.number}: {row.error}; not applied")
                continue
            width = max(row.cells, default=0)
            yield row.number, [row.cells.get(column) for column in range(1, width + 1)]
    except SheetError as exc:
        report.problem(f"{where}, row {exc.row}: {exc}; the rest of the sheet is not applied")


class _Corrector:
    """The edits of one import, each row a savepoint of the import's transaction."""

    def __init__(
        self, db: Database, project_id: int, annotator_id: int, action_id: str, as_gold: bool
    ) -> None:
        self.entities = EntityCorrections(db, project_id, annotator_id, action_id, as_gold)
        self.stance = StanceCorrections(db, project_id, annotator_id, action_id)

    def apply(self, session: Session, sheet: str, row: dict[str, Any]) -> bool:
        """Apply one row; True if it changed something. Raises AnnotationError, and then the
        row's changes are rolled back (its savepoint), the import's others kept."""
        with session.begin_nested():
            if sheet == ENTITIES:
                return self.entities.apply(session, row)
            if sheet == STANCE:
                return self.stance.apply_sentence(session, row)
            return self.stance.apply_document(session, row)
