"""What the cells of a corrected workbook say, read the way a person meant them, and refused
with a reason when they cannot mean anything.

A cell holds what a spreadsheet program stored or a person typed: numbers as floats (17.0),
text that looks like a number ("17", "²", 5,000 digits), booleans, dates, formulas (read as
their text, "=A1+1"), NaN, infinities. Nothing here raises anything but ``CorrectionError``.
"""

from __future__ import annotations

import math
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.editing import AnnotationError
from storage.export.excel_cells import FORMULA_STARTS
from storage.models import Annotator, Document

# Offsets, ids and indexes of ours are never larger; beyond it Excel loses digits anyway.
MAX_WHOLE_NUMBER = 2**53
_DIGITS = re.compile(r"[0-9]{1,16}")  # ASCII digits only: "²".isdigit() is True, int() fails
MAX_SHOWN_CHARS = 80  # of a cell's value in a message


class CorrectionError(AnnotationError):
    """A row that is not applied; the message says why, for a person."""


def shown(value: Any) -> str:
    """A cell's value for a message: its text, cut to ``MAX_SHOWN_CHARS`` characters."""
    text = cell_text(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def whole_number(row: dict[str, Any], column: str) -> int:
    """A whole number from 0 to 2**53 from a cell: 17, 17.0 (what spreadsheets store) or the
    text "17" (ASCII digits). Anything else is a ``CorrectionError`` naming the column."""
    value = row.get(column)
    number: int | None = None
    if isinstance(value, bool):
        number = None  # True is an int to Python, not to a person
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None:
        raise CorrectionError(f"{column} is not a whole number: {shown(value)!r}")
    if not 0 <= number <= MAX_WHOLE_NUMBER:
        raise CorrectionError(f"{column} is out of range: {shown(value)}")
    return number


def required_text(row: dict[str, Any], column: str) -> str:
    """The cell's text without outer spaces; a ``CorrectionError`` when it is empty."""
    value = cell_text(row.get(column)).strip()
    if not value:
        raise CorrectionError(f"the {column} column is empty")
    return value


def cell_text(value: Any) -> str:
    """A cell as text. Our export kept formula-like text as text with a quote prefix, which
    reads back as the text itself; a spreadsheet that wrote the apostrophe into the value
    instead (typing '=SUM) gets it removed again. A whole float is written without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def check_text(document: Document, start: int, end: int, text: str, column: str = "text") -> None:
    """Refuse a row whose offsets are outside ``document`` or whose text column is not the
    document's text there (it changed since the export, or the row was edited wrongly)."""
    if not 0 <= start < end <= document.text_length:
        raise CorrectionError(
            f"{start}–{end} is outside document {document.id} "
            f"(its text has {document.text_length} characters)"
        )
    actual = document.text[start:end]
    # A carriage return in a cell comes back as a line feed (XML 1.0 line ends).
    if text != actual and text != actual.replace("\r\n", "\n").replace("\r", "\n"):
        raise CorrectionError(
            f"text no longer matches: the document has “{shown(actual)}” at {start}–{end}, "
            f"the {column} column says “{shown(text)}”; not applied"
        )


def owner_id(session: Session, value: Any) -> int | bool | None:
    """The id of the row's annotator; None for an empty cell (a machine suggestion); False
    for a name nobody has (a row written in the spreadsheet)."""
    name = cell_text(value).strip()
    if not name:
        return None
    found = session.scalar(select(Annotator.id).where(Annotator.name == name))
    return False if found is None else found
