"""Values as a workbook cell can hold them: never a formula, never a character XML cannot
carry, never a number Excel cannot store, never longer than Excel's limit.

Whatever a project holds goes into the workbook one way or another (see
``storage.export.clean_values``): the file must open in Excel, LibreOffice and openpyxl.
"""

from __future__ import annotations

import math
import re
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from storage.export.clean_values import integer_text, xml_text

MAX_CELL_CHARS = 32_767  # Excel's limit in UTF-16 code units; longer text is cut and marked
# What spreadsheet programs take as the start of a formula (or of a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel stores numbers as doubles: integers beyond this lose digits, so they go out as text.
MAX_EXACT_INTEGER = 2**53
NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
_HEX_COLOUR = re.compile(r"#?[0-9A-Fa-f]{6}")


def safe_cell_value(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """``value`` as a cell can hold it, never as a formula.

    Text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return at the start) becomes a cell typed as text with Excel's quote prefix, so its value
    stays the original string. Characters XML cannot carry (control characters, lone
    surrogates, U+FFFE, U+FFFF) become U+FFFD, one for one, so offsets still fit, and text
    over Excel's limit is cut. NaN and infinities become the text ``NaN``, ``Infinity``,
    ``-Infinity``; integers Excel cannot hold exactly become their digits as text.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        value = NON_FINITE[str(value)]
    elif isinstance(value, int):
        if -MAX_EXACT_INTEGER <= value <= MAX_EXACT_INTEGER:
            return value
        value = integer_text(value)
    if not isinstance(value, str):
        return value  # dates and times: openpyxl writes them as such
    if not value:
        return None  # an empty cell, not an empty inline string
    value = cut_text(xml_text(value))
    if not value.startswith(FORMULA_STARTS):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"  # openpyxl took "=…" for a formula
    cell.quotePrefix = True  # and the spreadsheet keeps it text when the cell is edited
    return cell


def cut_text(value: str, limit: int = MAX_CELL_CHARS) -> str:
    """``value`` cut to ``limit`` UTF-16 code units (what Excel counts) with "…" at the end;
    as it is when it fits. A character outside the BMP counts twice and is never split."""
    if len(value) * 2 <= limit or len(value.encode("utf-16-le", "surrogatepass")) <= 2 * limit:
        return value
    units = 0
    for index, character in enumerate(value):
        units += 2 if ord(character) > 0xFFFF else 1
        if units > limit - 1:  # room for the ellipsis
            return value[:index] + "…"
    return value


def solid_fill(colour: str) -> PatternFill | None:
    """A fill of ``colour`` ("#rrggbb"); None for anything else a project may have stored
    (the schema only checks that it is "#" and six characters)."""
    if not _HEX_COLOUR.fullmatch(colour or ""):
        return None
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())
