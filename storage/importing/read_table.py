"""Table readers: CSV/TSV and Excel (.xlsx), one row = one article.

Both share the column logic: a header row is required; the text column is
``ReadOptions.text_field`` or "text" (exact name first, then ignoring case); a "title"
column gives the title, a "lang"/"language" column the language, and every other
non-empty cell goes to ``meta`` under its column header.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.importing.encoding import BinaryFileError, decode_text
from storage.importing.read_txt import check_text, clean_text
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions

__all__ = ["read_csv", "read_xlsx"]

Item = ImportedRecord | ImportProblem

_DELIMITERS = ",;\t"
_SNIFF_CHARS = 64 * 1024
# Articles are longer than the csv module's default field limit of 128 KiB. The value must
# fit a C long on every platform (32 bits on Windows).
_CSV_FIELD_LIMIT = 2**31 - 1
# Physical lines with their line break, like a file opened with newline="".
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


@dataclass(frozen=True)
class _Columns:
    """Header names and the positions of the columns with a role."""

    names: list[str]
    text: int
    title: int | None
    language: int | None


def read_csv(path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
    """Read a CSV or TSV file, one record per row.

    Takes the path, the source name to store and the options; yields records with
    location ``"{path}:{line}"`` (the physical line where the row starts, header = 1)
    and problems for empty text rows. The delimiter is sniffed among , ; and tab (the
    fallback is tab for .tsv and comma otherwise). A missing text column is one problem.
    """
    try:
        text, _ = decode_text(path.read_bytes())
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
        if columns is None:
            found = _find_columns(row, options)
            if isinstance(found, str):
                yield ImportProblem(str(path), found)
                return
            columns = found
            continue
        yield _row_item(row, columns, source, f"{path}:{line}", options)
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
    location ``"{path}:{sheet} row {n}"`` and problems. A file that openpyxl cannot read
    is one problem "not a readable Excel workbook: ...". The workbook is always closed.
    """
    # openpyxl is big; only pay for the import when a workbook is actually read.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike mean "unreadable"
        yield ImportProblem(str(path), f"not a readable Excel workbook: {_describe(exc)}")
        return
    try:
        if not workbook.worksheets:
            yield ImportProblem(str(path), "not a readable Excel workbook: it has no worksheet")
            return
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store wrong dimensions; read every row
        rows = sheet.iter_rows(values_only=True)
        yield from _read_sheet_rows(rows, f"{path}:{sheet.title}", str(path), source, options)
    except Exception as exc:  # a corrupt sheet inside a valid zip fails only while reading
        yield ImportProblem(str(path), f"not a readable Excel workbook: {_describe(exc)}")
    finally:
        workbook.close()


def _read_sheet_rows(
    rows: Iterable[Sequence[Any]],
    prefix: str,
    file_location: str,
    source: str,
    options: ReadOptions,
) -> Iterator[Item]:
    """Walk the rows of a sheet, taking the first non-empty row as the header."""
    columns: _Columns | None = None
    for number, values in enumerate(rows, start=1):
        if all(_is_empty(value) for value in values):
            continue
        if columns is None:
            found = _find_columns([_cell_text(value) for value in values], options)
            if isinstance(found, str):
                yield ImportProblem(file_location, found)
                return
            columns = found
            continue
        yield _row_item(values, columns, source, f"{prefix} row {number}", options)
    if columns is None:
        yield ImportProblem(file_location, "empty worksheet: no header row")


def _find_columns(header: Sequence[str], options: ReadOptions) -> _Columns | str:
    """Locate the text, title and language columns; return a problem message if no text."""
    names = _unique_names(header)
    wanted = options.text_field or "text"
    text = _find(names, wanted)
    if text is None:
        listed = ", ".join(names) or "none"
        return f"no column '{wanted}' (columns: {listed}); name the text column with --text-field"
    title = _find(names, "title", exclude=text)
    language = _find(names, "lang", exclude=text)
    if language is None:
        language = _find(names, "language", exclude=text)
    return _Columns(names=names, text=text, title=title, language=language)


def _unique_names(header: Sequence[str]) -> list[str]:
    """Strip header names, name empty ones by position and number repeated ones."""
    names: list[str] = []
    for position, raw in enumerate(header, start=1):
        name = raw.strip() or f"column {position}"
        base, copy = name, 1
        while name in names:
            copy += 1
            name = f"{base} ({copy})"
        names.append(name)
    return names


def _find(names: list[str], wanted: str, exclude: int | None = None) -> int | None:
    """Index of the column named ``wanted``: exact match first, then ignoring case."""
    for matches in (lambda name: name == wanted, lambda name: name.casefold() == wanted.casefold()):
        for index, name in enumerate(names):
            if index != exclude and matches(name):
                return index
    return None


def _row_item(
    values: Sequence[Any], columns: _Columns, source: str, location: str, options: ReadOptions
) -> Item:
    """Build the record for one data row, or the problem that prevents it."""
    cells = list(values)
    text = clean_text(_cell_text(cells[columns.text])) if columns.text < len(cells) else ""
    problem = check_text(text, options)
    if problem is not None:
        return ImportProblem(location, problem)
    meta: dict[str, Any] = {}
    for index, value in enumerate(cells):
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


def _optional_cell(cells: list[Any], index: int | None) -> str | None:
    if index is None or index >= len(cells) or _is_empty(cells[index]):
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
    """A cell value that json.dumps accepts (strings stripped, dates as ISO strings)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return _cell_text(value)


def _describe(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
