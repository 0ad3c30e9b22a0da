"""The article's text: read-only plain text with entity highlights and a tooltip on each,
over a light tint behind the sentences that take a stance."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from gui.highlights import TextPositions, extra_selections, spans_at, tooltip_html
from gui.span_data import HighlightSpan
from gui.stance_data import SentenceStanceRow
from gui.stance_view import stance_at, stance_selections, stance_tooltip_html


class ArticleText(QPlainTextEdit):
    """``show_text`` sets the text (never as HTML); ``set_highlights`` paints spans on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self._spans: list[HighlightSpan] = []
        self._stance: list[SentenceStanceRow] = []
        self._positions = TextPositions("")

    @property
    def highlighted(self) -> list[HighlightSpan]:
        """The spans painted now, in the order of ``extraSelections()``."""
        return list(self._spans)

    def show_text(self, text: str) -> None:
        """Show ``text`` without highlights."""
        self._stance = []
        self.set_highlights([])
        self._positions = TextPositions(text)
        self.setPlainText(text)  # never setHtml: article text is not markup

    def clear(self) -> None:
        self.show_text("")

    def set_highlights(self, spans: Sequence[HighlightSpan]) -> None:
        """Paint ``spans`` (offsets into the text shown), replacing the earlier ones."""
        self._spans = list(spans)
        self._paint()

    def set_stance(self, rows: Sequence[SentenceStanceRow]) -> None:
        """Tint the sentences of ``rows`` that take a side, under the entity highlights."""
        self._stance = list(rows)
        self._paint()

    @property
    def stance_selection_count(self) -> int:
        """How many of ``extraSelections()`` (the first ones) are stance tints."""
        return len(self.extraSelections()) - len(self._spans)

    def move_to(self, offset: int, focus: bool = True) -> None:
        """Put the text cursor at text ``offset`` and scroll it into view; ``focus``: and
        take the keyboard focus (not while the stance panel is worked by keys)."""
        cursor = QTextCursor(self.document())
        last = max(self.document().characterCount() - 1, 0)
        cursor.setPosition(min(self._positions.to_qt(offset), last))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        if focus:
            self.setFocus()

    def _paint(self) -> None:
        document = self.document()
        # Stance first: later selections paint on top, so entity highlights stay visible.
        selections = stance_selections(document, self._stance, self._positions)
        selections += extra_selections(document, self._spans, self._positions)
        self.setExtraSelections(selections)

    def offset_at(self, point: QPoint) -> int | None:
        """The text offset of the character under ``point`` (viewport coordinates), or None
        where there is no character (margins, after the end of a line or of the text)."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if point.x() < self.cursorRect(cursor).left() and position > 0:
            position -= 1  # the point is on the character before the nearest gap
        if not self._character_rect(position).contains(point):
            return None
        return self._positions.from_qt(position)

    def tooltip_at(self, point: QPoint) -> str:
        """Rich text describing the highlighted spans under ``point``, else the stance of
        the sentence there; "" if there is neither."""
        offset = self.offset_at(point)
        if offset is None:
            return ""
        spans = spans_at(self._spans, offset)
        if spans:
            return tooltip_html(spans)
        stance = stance_at(self._stance, offset)
        return stance_tooltip_html(stance) if stance else ""

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _character_rect(self, position: int) -> QRect:
        """Where the character at Qt ``position`` is drawn; empty for the end of a block."""
        document = self.document()
        if position >= document.characterCount() - 1 or document.characterAt(position) in (
            "\u2029",
            "\u2028",
        ):
            return QRect()  # the end of the text or of a paragraph: nothing drawn there
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        left = self.cursorRect(cursor)
        cursor.setPosition(position + 1)
        right = self.cursorRect(cursor)
        width = right.left() - left.left() if right.top() == left.top() else 0
        if width <= 0:  # the last character of a wrapped line
            width = self.fontMetrics().averageCharWidth()
        return QRect(left.left(), left.top(), width, left.height())
