"""The rows of a worksheet as they are stored: only the cells that hold something.

openpyxl's ``iter_rows`` fills every row with empty values up to its last cell, so a sheet
with one cell in column XFD (16,384) per row makes 16,384 values a row, minutes for a
million rows. ``sheet_rows`` streams the sheet's XML itself and hands each row on as a
dict of the cells present; openpyxl's own cell parser turns each cell into its value, so
shared strings, numbers, booleans and dates are read exactly as openpyxl reads them. The
declared dimension of the sheet (``<dimension ref="A1:XFD1048576"/>``) is not used at all:
nothing is sized by what a file claims. Every element is dropped from the parsed tree
as soon as it is read, so memory stays flat however long the sheet is.

This uses openpyxl internals (``WorkSheetParser``, a read-only sheet's ``_shared_strings``
and ``_get_source``, the workbook's ``_date_formats`` and ``_timedelta_formats``), as of the
pinned openpyxl 3.1; the import and corrections tests read real workbooks through it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any
from xml.etree import ElementTree

from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser

from errors import UserError
from storage.importing.text_rules import printable, shown

__all__ = ["SheetError", "SheetRow", "sheet_rows"]

_MAX_DEPTH = 64  # a worksheet nests about 8 levels deep
# What openpyxl's cell parser raises for a cell whose XML does not say what it claims.
_CELL_ERRORS = (ValueError, IndexError, KeyError, TypeError, OverflowError)


@dataclass
class SheetRow:
    """One row: its number, the cells with a value (column number from 1 -> value), the
    first column beyond the columns read that held a value (0 for none) and why the row
    cannot be read (a cell that is not what it claims), if so."""

    number: int
    cells: dict[int, Any] = field(default_factory=dict)
    beyond: int = 0
    error: str | None = None


class SheetError(UserError):
    """The sheet's XML breaks off (or nests absurdly deep) before or in row ``row``."""

    def __init__(self, message: str, row: int) -> None:
        super().__init__(message)
        self.row = row


def sheet_rows(workbook: Any, sheet: Any, max_columns: int) -> Iterator[SheetRow]:
    """Stream the rows of ``sheet`` (a read-only worksheet of ``workbook``, opened by
    ``openpyxl.load_workbook(read_only=True, data_only=True)``) in file order.

    Rows without any cell are passed over; values of cells right of column
    ``max_columns`` are not kept (``SheetRow.beyond`` says where the first one was).
    Raises ``SheetError`` with the row where the XML cannot be read further; the rows
    before it have been yielded.
    """
    # The same parts openpyxl's own ReadOnlyWorksheet reads its rows with.
    parser = WorkSheetParser(
        BytesIO(),  # its own source is never read: _rows parses the XML and hands it cells
        sheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    with sheet._get_source() as source:
        yield from _rows(source, parser, max_columns)


def _rows(source: IO[bytes], parser: WorkSheetParser, max_columns: int) -> Iterator[SheetRow]:
    stack: list[ElementTree.Element] = []
    push, pop = stack.append, stack.pop  # this loop runs twice per element: keep it lean
    row: SheetRow | None = None
    cell_depth = 0  # the depth of the open <c>, 0 outside a cell
    number = 0
    try:
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            if event == "start":
                push(element)
                if len(stack) > _MAX_DEPTH:
                    raise SheetError("the sheet's XML is nested too deeply", _where(row, number))
                if element.tag == ROW_TAG:
                    row = _start_row(element, parser, number)
                    number = row.number
                elif element.tag == CELL_TAG and not cell_depth:
                    cell_depth = len(stack)
                continue
            pop()
            if cell_depth:
                if len(stack) >= cell_depth:
                    continue  # a part of the cell: read with it, when it ends
                cell_depth = 0
                if row is not None:
                    _add_cell(row, element, parser, max_columns)
            elif element.tag == ROW_TAG and row is not None:
                if row.cells or row.error or row.beyond:
                    yield row
                row = None
            if stack:  # what is read is dropped, so memory stays flat
                stack[-1].remove(element)
    except ElementTree.ParseError as exc:
        raise SheetError(f"the sheet's XML breaks off: {exc}", _where(row, number)) from exc


def _where(row: SheetRow | None, last: int) -> int:
    """The row a problem is in: the open one, else the one after the last."""
    return row.number if row is not None else last + 1


def _start_row(element: ElementTree.Element, parser: WorkSheetParser, previous: int) -> SheetRow:
    """A new row numbered by its "r" attribute (or following the previous one)."""
    given = element.get("r")
    row = SheetRow(previous + 1)
    if given is not None:
        try:
            row.number = _whole_number(given)
        except ValueError:
            row.error = f"the row number {shown(given)} is not a whole number"
    parser.row_counter, parser.col_counter = row.number, 0  # for cells without "r"
    return row


def _add_cell(
    row: SheetRow, element: ElementTree.Element, parser: WorkSheetParser, max_columns: int
) -> None:
    try:
        cell = parser.parse_cell(element)
    except _CELL_ERRORS as exc:
        if row.error is None:
            where = shown(element.get("r") or f"number {parser.col_counter}")
            row.error = f"the cell {where} cannot be read: {printable(str(exc)[:200])}"
        return
    if cell["value"] is None:
        return
    if cell["column"] > max_columns:
        row.beyond = row.beyond or cell["column"]
        return
    row.cells[cell["column"]] = cell["value"]


def _whole_number(text: str) -> int:
    value = float(text)  # "7" and "7.0" (some writers) alike
    if not value.is_integer() or value < 1:
        raise ValueError(text)
    return int(value)
