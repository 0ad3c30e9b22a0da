"""The sentence chosen in the stance panel, shown in the article: a mark behind it (an extra
selection in the theme's highlight colour), scrolled to the middle of the view, and the
numbers of the sentences with stance rows in a margin left of the text, the chosen one on a
bar as tall as the sentence. Numbers count from 1, as the stance panel and the Excel export
do (``SentenceStanceRow.number``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from services.stance_data import SentenceStanceRow

if TYPE_CHECKING:
    from gui.highlights import TextPositions

MARK_PROPERTY = QTextCharFormat.Property.UserProperty + 16  # tells the mark among selections
MARK_ALPHA = 75  # of 255: clearly there over a stance tint, the text stays readable
MARGIN_PADDING = 8  # pixels beside the widest number
BAR_WIDTH = 3  # pixels: the bar beside the chosen sentence


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document's stance rows: its offsets (code points) and number."""

    start: int
    end: int
    number: int | None


def sentences_of(rows: Sequence[SentenceStanceRow]) -> list[Sentence]:
    """Each sentence of ``rows`` once, in text order."""
    places = {(row.start, row.end): row.number for row in rows}
    return [Sentence(start, end, number) for (start, end), number in sorted(places.items())]


def number_text(number: int | None) -> str:
    return QLocale().toString(number) if number is not None else ""


def mark_selection(
    document_edit: QPlainTextEdit, sentence: Sentence, positions: TextPositions
) -> QTextEdit.ExtraSelection:
    """The mark behind the chosen sentence, tagged with ``MARK_PROPERTY``."""
    document = document_edit.document()
    last = max(document.characterCount() - 1, 0)
    cursor = QTextCursor(document)
    cursor.setPosition(min(positions.to_qt(sentence.start), last))
    cursor.setPosition(min(positions.to_qt(sentence.end), last), QTextCursor.MoveMode.KeepAnchor)
    colour = QColor(document_edit.palette().color(QPalette.ColorRole.Highlight))
    colour.setAlpha(MARK_ALPHA)
    text_format = QTextCharFormat()
    text_format.setBackground(colour)
    text_format.setProperty(MARK_PROPERTY, sentence.number or 0)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor  # type: ignore[misc]
    selection.format = text_format  # type: ignore[misc]
    return selection


def is_mark(selection: QTextEdit.ExtraSelection) -> bool:
    return bool(selection.format.hasProperty(MARK_PROPERTY))


def center_sentence(edit: QPlainTextEdit, sentence: Sentence, positions: TextPositions) -> None:
    """Scroll the sentence's middle to the middle of the view and leave the caret at its
    start (a sentence taller than the view shows from its beginning)."""
    last = max(edit.document().characterCount() - 1, 0)
    cursor = QTextCursor(edit.document())
    middle = (sentence.start + sentence.end) // 2
    cursor.setPosition(min(positions.to_qt(middle), last))
    edit.setTextCursor(cursor)
    edit.centerCursor()
    cursor.setPosition(min(positions.to_qt(sentence.start), last))
    edit.setTextCursor(cursor)  # scrolls only if the start is out of view


class SentenceMargin(QWidget):
    """The margin left of the article's text with the sentence numbers; hidden (and no
    room taken) while there are none."""

    def __init__(self, edit: QPlainTextEdit, positions: TextPositions) -> None:
        super().__init__(edit)
        self._edit = edit
        self.positions = positions
        self._sentences: list[Sentence] = []
        self._starts: list[int] = []
        self.chosen: Sentence | None = None
        edit.installEventFilter(self)
        edit.updateRequest.connect(self._on_update_request)
        self.hide()

    @property
    def sentences(self) -> list[Sentence]:
        return list(self._sentences)

    def set_sentences(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = list(sentences)
        self._starts = [s.start for s in self._sentences]
        self._lay_out()

    def set_chosen(self, sentence: Sentence | None) -> None:
        self.chosen = sentence
        self.update()

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        """Scrolled or laid out anew: the numbers move. (Not for the caret's blinking.)"""
        if dy or rect.contains(self._edit.viewport().rect()):
            self.update()

    def margin_width(self) -> int:
        if not self._sentences:
            return 0
        widest = max((s.number or 0 for s in self._sentences), default=0)
        return self.fontMetrics().horizontalAdvance(number_text(widest)) + 2 * MARGIN_PADDING

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._edit and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False

    def _lay_out(self) -> None:
        width = self.margin_width()
        if width != self._edit.viewportMargins().left():
            self._edit.setViewportMargins(width, 0, 0, 0)
        self.setVisible(width > 0)
        self._place()
        self.update()

    def _place(self) -> None:
        rect = self._edit.contentsRect()
        self.setGeometry(QRect(rect.left(), rect.top(), self.margin_width(), rect.height()))

    def _visible(self) -> list[Sentence]:
        """The sentences that start in the view (a bisect: long articles have many)."""
        edit = self._edit
        first = self.positions.from_qt(edit.firstVisibleBlock().position())
        viewport = edit.viewport().rect()
        last = self.positions.from_qt(edit.cursorForPosition(viewport.bottomRight()).position())
        begin = max(bisect_left(self._starts, first) - 1, 0)
        return [s for s in self._sentences[begin:] if s.start <= last]

    def numbered(self) -> list[tuple[Sentence, int, int]]:
        """The sentences whose numbers are drawn, with the top of their first line and the
        bottom of their last. Two sentences may start on one line: one number a line, the
        chosen one's if it is among them (numbers drawn over each other read as neither)."""
        chosen = self.chosen
        drawn: list[tuple[Sentence, int, int]] = []
        tops: set[int] = set()
        for sentence in sorted(self._visible(), key=lambda s: s != chosen):
            top, bottom = self._span_y(sentence)
            if bottom < 0 or top > self.height() or top in tops:
                continue
            tops.add(top)
            drawn.append((sentence, top, bottom))
        return drawn

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        chosen = self.chosen
        for sentence, top, bottom in self.numbered():
            line = QRect(0, top, self.width() - BAR_WIDTH - 2, self._line_height())
            role = QPalette.ColorRole.PlaceholderText
            font = self.font()
            if sentence == chosen:
                bar = QRect(self.width() - BAR_WIDTH, top, BAR_WIDTH, max(bottom - top, 1))
                painter.fillRect(bar, palette.color(QPalette.ColorRole.Highlight))
                painter.fillRect(line, palette.color(QPalette.ColorRole.Highlight))
                role = QPalette.ColorRole.HighlightedText
                font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(role))
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(line.adjusted(0, 0, -2, 0), align, number_text(sentence.number))
        painter.end()

    def _line_height(self) -> int:
        return self._edit.fontMetrics().height()

    def _span_y(self, sentence: Sentence) -> tuple[int, int]:
        """The top of the sentence's first line and the bottom of its last (margin
        coordinates, which are the viewport's)."""
        edit = self._edit
        last = max(edit.document().characterCount() - 1, 0)
        cursor = QTextCursor(edit.document())
        cursor.setPosition(min(self.positions.to_qt(sentence.start), last))
        top = edit.cursorRect(cursor).top()
        cursor.setPosition(min(self.positions.to_qt(max(sentence.end - 1, sentence.start)), last))
        return top, edit.cursorRect(cursor).bottom()
