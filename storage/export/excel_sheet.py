"""One write-only sheet of the export workbook: a frozen, filtered header row, styled cells,
Excel's row limit, and its temporary file where the export keeps its own.

openpyxl's write-only sheets keep their rows in a temporary file until the workbook is saved,
by default in the system's temporary folder, where a killed export would leave it. Here it is
made in the export's scratch folder (``storage.export.staging``) instead. That uses openpyxl
internals (``WorksheetWriter``, ``ALL_TEMP_FILES``, a sheet's ``_writer``), as of the pinned
openpyxl 3.1.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any, Protocol, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import ALL_TEMP_FILES, WorksheetWriter
from openpyxl.worksheet.filters import AutoFilter

from storage.export.excel_cells import safe_cell_value
from storage.export.excel_columns import Column

HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
MAX_ROWS = 1_048_576  # Excel's limit of a sheet, header row included


class _SheetInternals(Protocol):
    """What this module uses of a write-only sheet that openpyxl's typing stubs leave out:
    its internals, and ``auto_filter`` (set by the ``_setup`` it takes from ``Worksheet``)."""

    auto_filter: AutoFilter
    _writer: WorksheetWriter | None
    _rows: Any  # the generator writing rows, None until the first row


class _StyledCell(Protocol):
    """A cell's index into the workbook's style tables (internal, left out of the stubs)."""

    _style: StyleArray


class Sheet:
    """A write-only sheet with a frozen, filtered header row and styled cells. Rows beyond
    Excel's limit are counted in ``left_out``, not written."""

    def __init__(
        self, workbook: Workbook, title: str, columns: Sequence[Column], scratch: Path
    ) -> None:
        self.sheet: WriteOnlyWorksheet = workbook.create_sheet(title)
        self.title = title
        self.width = len(columns)
        self.rows = 0
        self.left_out = 0
        # Views and widths go out before the first row in write-only mode.
        self.sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        self._wrapped = {i for i, c in enumerate(columns) if c.wrap}
        self._styles: dict[tuple[bool, int, bool], Any] = {}  # see _styled
        _write_into(self.sheet, scratch)
        self.sheet.append([self._header_cell(c.name) for c in columns])

    def _header_cell(self, name: str) -> Cell:
        # Headers name annotators and metadata keys: they are made safe like any cell.
        value = safe_cell_value(self.sheet, name)
        cell = value if isinstance(value, Cell) else WriteOnlyCell(self.sheet, value)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        return cell

    def append(self, values: Sequence[Any], fills: dict[int, PatternFill] | None = None) -> None:
        if self.rows >= MAX_ROWS - 1:
            self.left_out += 1
            return
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
            self._styles[key] = style = copy(cast(_StyledCell, cell)._style)
        else:
            cast(_StyledCell, cell)._style = copy(style)
        return cell

    def finish(self) -> None:
        last = get_column_letter(self.width)
        cast(_SheetInternals, self.sheet).auto_filter.ref = f"A1:{last}{self.rows + 1}"


def _write_into(sheet: WriteOnlyWorksheet, scratch: Path) -> None:
    """Give ``sheet`` its writer now, with its temporary file in ``scratch`` (openpyxl would
    make one in the system's temporary folder at the first row)."""
    handle, path = tempfile.mkstemp(dir=scratch, prefix="sheet", suffix=".xml")
    os.close(handle)
    ALL_TEMP_FILES.append(path)  # the writer's cleanup() takes it off this list again
    writer = WorksheetWriter(sheet, out=path)
    cast(_SheetInternals, sheet)._writer = writer
    writer.write_top()


def discard_sheets(workbook: Workbook) -> None:
    """Close and remove the sheets' temporary files now rather than at exit (a cancelled
    export of a million rows leaves large ones). openpyxl has no public call for this."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            # Ends the sheet's XML while its file is still open.
            cast(_SheetInternals, sheet)._rows.close()
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
