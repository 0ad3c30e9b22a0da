"""Table readers: CSV/TSV and Excel (.xlsx), one row = one article.

Both share the column logic: a header row is required; the text column is
``ReadOptions.text_field`` or "text" (exact name first, then ignoring case); a "title"
column gives the title, a "lang"/"language" column the language, and every other
non-empty cell goes to ``meta`` under its column header. Only the first 1,024 columns
(``MAX_COLUMNS``) are read; cells further right are reported once and left.
A row holding a NUL character is refused on its own (the other rows are read); a file
that is binary throughout is one problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.importing.encoding import BinaryFileError, decode_text
from storage.importing.meta_rules import MAX_KEY_CHARS
from storage.importing.read_txt import check_text, clean_text
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from storage.importing.text_rules import clean_string, printable, shown
from storage.importing.xlsx_limits import workbook_refusal

__all__ = ["read_csv", "read_xlsx"]

Item = ImportedRecord | ImportProblem

_DELIMITERS = ",;\t"
_SNIFF_CHARS = 64 * 1024
# Articles are longer than the csv module's default field limit of 128 KiB. The value must
# fit a C long on every platform (32 bits on Windows).
_CSV_FIELD_LIMIT = 2**31 - 1
# Physical lines with their line break, like a file opened with newline="".
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
MAX_COLUMNS = 1_024  # columns read of a CSV or a sheet (real ones have tens; Excel 16,384)
_COLUMNS_SHOWN = 10


@dataclass(frozen=True)
class _Columns:
    """Header names and the positions (from 0) of the columns with a role; ``notes`` say
    what the header names needed (a warning at the header)."""

    names: list[str]
    text: int
    title: int | None
    language: int | None
    notes: tuple[str, ...] = ()


def read_csv(path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
    """Read a CSV or TSV file, one record per row.

    Takes the path, the source name to store and the options; yields records with
    location ``"{path}:{line}"`` (the physical line where the row starts, header = 1)
    and problems for empty text rows. The delimiter is sniffed among , ; and tab (the
    fallback is tab for .tsv and comma otherwise). A missing text column is one problem.
    """
    try:
        text, _ = decode_text(path.read_bytes(), stray_nuls=True)
    except BinaryFileError:
        yield ImportProblem(str(path), "binary file, not text")
        return
    default = "\t" if path.suffix.lower() == ".tsv" else ","
    delimiter = _choose_delimiter(text, default)
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    lines = (match.group() for match in _LINE.finditer(text))
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    yield from _read_csv_rows(reader, path, source, options)


def _read_csv_rows(reader: Any, path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
    """Walk the parsed rows, taking the first non-empty row as the header."""
    columns: _Columns | None = None
    wide_reported = False
    while True:
        line = reader.line_num + 1  # the row about to be read starts on the next line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            reason = str(exc)
            if "unexpected end of data" in reason:
                reason = "a quote opened here is never closed; the rest of the file is skipped"
            yield ImportProblem(f"{path}:{line}", f"cannot parse CSV: {reason}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        location = f"{path}:{line}"
        if any("\x00" in cell for cell in row):
            yield ImportProblem(location, "row contains a NUL character (binary data?); skipped")
            continue
        beyond = next((i + 1 for i in range(MAX_COLUMNS, len(row)) if row[i].strip()), 0)
        if beyond and not wide_reported:
            wide_reported = True
            yield _wide_row_warning(location, beyond)
        if columns is None:
            found = _find_columns(row[:MAX_COLUMNS], options)
            if isinstance(found, str):
                yield ImportProblem(str(path), found)
                return
            columns = found
            yield from _header_warnings(location, columns)
            continue
        yield _row_item(dict(enumerate(row[:MAX_COLUMNS])), columns, source, location, options)
    if columns is None:
        yield ImportProblem(str(path), "empty file: no header row")


def _choose_delimiter(text: str, default: str) -> str:
    """Sniff the delimiter; trust it only if the header line contains it."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # don't let a cut line confuse the sniffer
    header = next(_LINE.finditer(text.lstrip("\r\n")), None)
    header_line = header.group() if header else ""
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and sniffed in header_line:
        return sniffed
    if default in header_line:
        return default
    counts = {candidate: header_line.count(candidate) for candidate in _DELIMITERS}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else default


def read_xlsx(path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
    """Read the first worksheet of an Excel workbook, one record per row.

    Takes the path, the source name to store and the options; yields records with
    location ``"{path}:{sheet} row {n}"`` and problems. A workbook over the limits of
    ``xlsx_limits.workbook_refusal`` is one problem before openpyxl reads anything; a file
    that openpyxl cannot read is one problem "not a readable Excel workbook: ...". Rows
    are read sparsely (``xlsx_rows.sheet_rows``); a row whose cell cannot be read is one
    problem, and XML that breaks off ends the sheet with a problem at that row. The
    workbook is always closed.
    """
    # openpyxl is big; only pay for the import when a workbook is actually read.
    from openpyxl import load_workbook

    try:
        refusal = workbook_refusal(path)
        if refusal is not None:
            yield ImportProblem(str(path), f"too big to read: {refusal}")
            return
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike mean "unreadable"
        yield ImportProblem(str(path), f"not a readable Excel workbook: {_describe(exc)}")
        return
    try:
        yield from _read_workbook(workbook, path, source, options)
    finally:
        workbook.close()


def _read_workbook(workbook: Any, path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
    """The records and problems of the workbook's first sheet."""
    from storage.importing.xlsx_rows import SheetError, sheet_rows  # loads openpyxl

    if not workbook.worksheets:
        yield ImportProblem(str(path), "not a readable Excel workbook: it has no worksheet")
        return
    sheet = workbook.worksheets[0]
    prefix = f"{path}:{sheet.title}"
    try:
        rows = sheet_rows(workbook, sheet, MAX_COLUMNS)
        yield from _read_sheet_rows(rows, prefix, str(path), source, options)
    except SheetError as exc:
        yield ImportProblem(f"{prefix} row {exc.row}", f"{exc}; the rest of the sheet is skipped")
    except Exception as exc:  # a corrupt sheet inside a valid zip fails only while reading
        yield ImportProblem(str(path), f"not a readable Excel workbook: {_describe(exc)}")


def _read_sheet_rows(
    rows: Iterable[Any],
    prefix: str,
    file_location: str,
    source: str,
    options: ReadOptions,
) -> Iterator[Item]:
    """Walk the rows of a sheet (``xlsx_rows.SheetRow`` items), taking the first
    non-empty row as the header."""
    columns: _Columns | None = None
    wide_reported = False
    for row in rows:
        location = f"{prefix} row {row.number}"
        if row.error is not None:
            yield ImportProblem(location, f"{row.error}; row skipped")
            continue
        if row.beyond and not wide_reported:
            wide_reported = True
            yield _wide_row_warning(location, row.beyond)
        cells = {column - 1: value for column, value in row.cells.items()}
        if all(_is_empty(value) for value in cells.values()):
            continue
        if columns is None:
            header = [_cell_text(cells.get(i)) for i in range(max(cells) + 1)]
            found = _find_columns(header, options)
            if isinstance(found, str):
                yield ImportProblem(file_location, found)
                return
            columns = found
            yield from _header_warnings(location, columns)
            continue
        yield _row_item(cells, columns, source, location, options)
    if columns is None:
        yield ImportProblem(file_location, "empty worksheet: no header row")


def _wide_row_warning(location: str, column: int) -> ImportProblem:
    """The warning, said once per file, that cells right of ``MAX_COLUMNS`` are left."""
    message = (
        f"only the first {MAX_COLUMNS:,} columns are read; this row has a value in column "
        f"{column:,}, which is left out here and in every other row"
    )
    return ImportProblem(location, message, severity="warning")


def _header_warnings(location: str, columns: _Columns) -> Iterator[ImportProblem]:
    for note in columns.notes:
        yield ImportProblem(location, f"header: {note}", severity="warning")


def _find_columns(header: Sequence[str], options: ReadOptions) -> _Columns | str:
    """Locate the text, title and language columns; return a problem message if no text."""
    names, notes = _unique_names(header)
    wanted = options.text_field or "text"
    text = _find(names, wanted)
    if text is None:
        listed = ", ".join(shown(name, 40, quoted=False) for name in names[:_COLUMNS_SHOWN])
        listed = listed or "none"
        if len(names) > _COLUMNS_SHOWN:
            listed += f", … ({len(names) - _COLUMNS_SHOWN:,} more)"
        return (
            f"no column {shown(wanted)} (columns: {listed}); name the text column with --text-field"
        )
    title = _find(names, "title", exclude=text)
    language = _find(names, "lang", exclude=text)
    if language is None:
        language = _find(names, "language", exclude=text)
    return _Columns(names=names, text=text, title=title, language=language, notes=notes)


def _unique_names(header: Sequence[str]) -> tuple[list[str], tuple[str, ...]]:
    """Strip header names, name empty ones by position and number repeated ones; names
    follow the rule for metadata keys (``meta_rules``). Returns the names and notes on
    what the rule changed."""
    names: list[str] = []
    taken: set[str] = set()
    copies: dict[str, int] = {}
    notes: list[str] = []
    for position, raw in enumerate(header, start=1):
        name, changes = clean_string(raw.strip())
        if len(name) > MAX_KEY_CHARS:
            changes += (f"cut to {MAX_KEY_CHARS} characters",)
            name = name[:MAX_KEY_CHARS]
        if changes:
            notes.append(f"column {position} {shown(raw, 40)}: {', '.join(changes)}")
        name = name or f"column {position}"
        base, copy = name, copies.get(name, 1)
        while name in taken:  # each repeated name continues where the last copy stopped
            copy += 1
            name = f"{base} ({copy})"
        copies[base] = copy
        taken.add(name)
        names.append(name)
    return names, tuple(notes)


def _find(names: list[str], wanted: str, exclude: int | None = None) -> int | None:
    """Index of the column named ``wanted``: exact match first, then ignoring case."""
    for matches in (lambda name: name == wanted, lambda name: name.casefold() == wanted.casefold()):
        for index, name in enumerate(names):
            if index != exclude and matches(name):
                return index
    return None


def _row_item(
    cells: Mapping[int, Any], columns: _Columns, source: str, location: str, options: ReadOptions
) -> Item:
    """Build the record for one data row (its cells by position from 0), or the problem
    that prevents it."""
    text = clean_text(_cell_text(cells.get(columns.text)))
    problem = check_text(text, options)
    if problem is not None:
        return ImportProblem(location, problem)
    meta: dict[str, Any] = {}
    for index, value in sorted(cells.items()):
        if index in (columns.text, columns.title, columns.language) or _is_empty(value):
            continue
        # Cells beyond the header still carry data; name them by position.
        name = columns.names[index] if index < len(columns.names) else f"column {index + 1}"
        meta[name] = _meta_value(value)
    return ImportedRecord(
        text=text,
        source=source,
        location=location,
        title=_optional_cell(cells, columns.title),
        language=_optional_cell(cells, columns.language),
        meta=meta,
    )


def _optional_cell(cells: Mapping[int, Any], index: int | None) -> str | None:
    if index is None or _is_empty(cells.get(index)):
        return None
    return _cell_text(cells[index]).strip()


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: Any) -> str:
    """A cell as text: numbers via str(), dates as ISO strings, empty cells as ""."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _meta_value(value: Any) -> Any:
    """A cell value for the metadata (strings stripped, dates as ISO strings); NaN and
    infinities (1e999 in a cell) stay floats, which ``meta_rules`` then writes as text."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | int | float):
        return value
    return _cell_text(value)


def _describe(exc: Exception) -> str:
    return printable(str(exc)[:300]) or type(exc).__name__
