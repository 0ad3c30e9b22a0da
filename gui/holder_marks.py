"""The selected stance row's holder and evidence, marked in the article: the words that name
the holder in a dashed box in the label's colour (drawn by the article), over- and
underlined (the selections here), whichever sentence they are in; the evidence words with
a wavy underline in that colour. Neither is a background, so both read apart from the
entity highlights and the sentence tint under them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from gui.highlights import TextPositions
from gui.stance_view import stance_colour
from services.stance_data import SentenceStanceRow

HOLDER_PROPERTY = QTextFormat.Property.UserProperty + 17  # tells the marks among selections
EVIDENCE_PROPERTY = QTextFormat.Property.UserProperty + 18
FRAME_WIDTH = 1.5  # pixels: the dashed box around the holder's words
MARK_DARKER = 170  # the label's colour darkened (QColor %): lines visible on its own tint


def mark_colour(row: SentenceStanceRow) -> QColor:
    return stance_colour(row).darker(MARK_DARKER)


def holder_format(row: SentenceStanceRow) -> QTextCharFormat:
    colour = mark_colour(row)
    text_format = QTextCharFormat()
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    text_format.setUnderlineColor(colour)
    text_format.setFontOverline(True)  # in the text's colour: with the underline, a box
    text_format.setProperty(HOLDER_PROPERTY, row.stance_id or 0)
    return text_format


def evidence_format(row: SentenceStanceRow) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    text_format.setUnderlineColor(mark_colour(row))
    text_format.setProperty(EVIDENCE_PROPERTY, row.stance_id or 0)
    return text_format


def holder_selections(
    edit: QPlainTextEdit, row: SentenceStanceRow | None, positions: TextPositions
) -> list[QTextEdit.ExtraSelection]:
    """The marks of ``row``'s holder words and evidence words (none for the author without
    words, or no row)."""
    if row is None:
        return []
    marks = []
    if row.holder_start is not None and row.holder_end is not None:
        marks.append(_mark(edit, row.holder_start, row.holder_end, holder_format(row), positions))
    if row.evidence_start is not None and row.evidence_end is not None:
        evidence = evidence_format(row)
        marks.append(_mark(edit, row.evidence_start, row.evidence_end, evidence, positions))
    return marks


def holder_frame(row: SentenceStanceRow | None) -> tuple[tuple[int, int], QPen] | None:
    """Where the article draws a dashed box around the holder's words, and with what pen;
    None when no words name the holder."""
    if row is None or row.holder_start is None or row.holder_end is None:
        return None
    pen = QPen(mark_colour(row), FRAME_WIDTH, Qt.PenStyle.DashLine)
    return (row.holder_start, row.holder_end), pen


def is_holder_mark(selection: QTextEdit.ExtraSelection) -> bool:
    return bool(selection.format.hasProperty(HOLDER_PROPERTY))


def is_evidence_mark(selection: QTextEdit.ExtraSelection) -> bool:
    return bool(selection.format.hasProperty(EVIDENCE_PROPERTY))


def _mark(
    edit: QPlainTextEdit,
    start: int,
    end: int,
    text_format: QTextCharFormat,
    positions: TextPositions,
) -> QTextEdit.ExtraSelection:
    document = edit.document()
    last = max(document.characterCount() - 1, 0)
    cursor = QTextCursor(document)
    cursor.setPosition(min(positions.to_qt(start), last))
    cursor.setPosition(min(positions.to_qt(end), last), QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor  # type: ignore[misc]
    selection.format = text_format  # type: ignore[misc]
    return selection
