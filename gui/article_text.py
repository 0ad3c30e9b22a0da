"""The article's text: read-only plain text with entity highlights and a tooltip on each,
over a light tint behind the sentences that take a stance, and one focused span that the
annotator's keys act on (see ``gui.entity_workflow``).

The text cannot be changed, but it can be selected by mouse and by keyboard (the caret moves
with the arrow keys, Shift+arrows select): a selection is how a new span is made. Clicking a
highlight focuses it; moving the caret off the focused span, or selecting, unfocuses it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from gui.context_lines import keep_context
from gui.highlights import TextPositions, focus_colour, spans_at, tooltip_html
from gui.holder_marks import holder_frame, holder_selections
from gui.selection_cache import SelectionCache
from gui.sentence_mark import (
    Sentence,
    SentenceMargin,
    center_sentence,
    mark_selection,
    sentences_of,
)
from gui.span_focus import clicked_span, find_again
from gui.stance_view import stance_at, stance_tooltip_html
from services.span_data import HighlightSpan
from services.stance_data import SentenceStanceRow

FRAME_WIDTH = 2.0  # pixels: the frame around the focused span
FRAME_RADIUS = 3.0


class ArticleText(QPlainTextEdit):
    """``show_text`` sets the text (never as HTML); ``set_highlights`` paints spans on it;
    ``focus_span`` marks the span the keys act on."""

    focus_changed = Signal(object)  # the focused HighlightSpan, or None
    highlights_changed = Signal()  # other spans are painted (``highlighted``)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # Read-only, yet with a caret and Shift+arrow selection: spans are made by keyboard too.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # Tab is a key of the entity workflow (the next suggestion), not "next widget".
        self.setTabChangesFocus(False)
        self._text = ""
        self._spans: list[HighlightSpan] = []
        self._focused: HighlightSpan | None = None
        self._stance: list[SentenceStanceRow] = []
        self._holder_row: SentenceStanceRow | None = None  # its holder and evidence marked
        self._positions = TextPositions("")
        self.sentence_margin = SentenceMargin(self, self._positions)
        self.selection_cache = SelectionCache()
        self._placing_caret = False  # the caret moves to a focused span: keep the focus
        # Find in the article (``gui.find_bar``): all matches under the entity highlights,
        # the current one over everything; their own selections, the spans' stay as they are.
        self._find_under: list[QTextEdit.ExtraSelection] = []
        self._find_over: list[QTextEdit.ExtraSelection] = []
        self.cursorPositionChanged.connect(self._on_caret_moved)

    @property
    def highlighted(self) -> list[HighlightSpan]:
        """The spans painted now, in the order of ``extraSelections()`` (after the stance
        tints and find matches; then the focused span's mark, if any, and the current find
        match, if any)."""
        return list(self._spans)

    @property
    def text(self) -> str:
        """The text shown, as stored (offsets into it are code points)."""
        return self._text

    @property
    def positions(self) -> TextPositions:
        return self._positions

    @property
    def focused(self) -> HighlightSpan | None:
        """The span the annotator's keys act on, or None."""
        return self._focused

    def show_text(self, text: str) -> None:
        """Show ``text`` without highlights."""
        self._stance = []
        self._holder_row = None
        self.sentence_margin.set_chosen(None)
        self.sentence_margin.set_sentences([])
        self._text = text
        self._positions = TextPositions(text)
        self.sentence_margin.positions = self._positions
        # The text first: the old highlights' cursors collapse with it, and clearing 2,000
        # collapsed selections is cheap (Qt works out where each removed one was drawn).
        self.setPlainText(text)  # never setHtml: article text is not markup
        self.selection_cache.reset(self.document(), self._positions)
        self.set_highlights([])

    def clear(self) -> None:
        self.show_text("")

    def set_highlights(self, spans: Sequence[HighlightSpan]) -> None:
        """Paint ``spans`` (offsets into the text shown), replacing the earlier ones; the
        focused span stays focused if it is still there (by id, else by place)."""
        self._spans = list(spans)
        old = self._focused
        self._focused = find_again(self._spans, old) if old is not None else None
        self.selection_cache.set_spans(self._spans)
        self._paint(old)
        self.highlights_changed.emit()
        if self._focused != old:
            self.focus_changed.emit(self._focused)

    def focus_span(self, span: HighlightSpan | None) -> None:
        """Focus ``span`` (one of ``highlighted``), put the caret at its start and scroll it
        into view; None: no span is focused (the caret stays)."""
        if span is not None and span not in self._spans:
            span = None
        old = self._focused
        changed = span != old
        self._focused = span
        if span is not None:
            self._show_range(span.start, span.end)
        self._paint(old)
        if changed:
            self.focus_changed.emit(span)

    def selected_range(self) -> tuple[int, int] | None:
        """The selected text as (start, end) offsets into ``text``, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._positions.from_qt(cursor.selectionStart())
        return start, self._positions.from_qt(cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` as a user would, with the caret at ``end``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.to_qt(start))
        cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def set_stance(self, rows: Sequence[SentenceStanceRow], paint: bool = True) -> None:
        """Tint the sentences of ``rows`` that take a side, under the entity highlights
        (``paint`` False: with the next ``set_highlights``)."""
        self._stance = list(rows)
        sentences = sentences_of(self._stance)
        if sentences != self.sentence_margin.sentences:
            self.sentence_margin.set_sentences(sentences)
        if paint:
            self._paint(self._focused)

    @property
    def stance_selection_count(self) -> int:
        """How many of ``extraSelections()`` (the first ones) are stance tints."""
        return self.selection_cache.stance_count

    def set_find_marks(
        self, under: list[QTextEdit.ExtraSelection], over: list[QTextEdit.ExtraSelection]
    ) -> None:
        """Paint find matches: ``under`` the entity highlights (after the stance tints and
        the chosen sentence's mark), ``over`` on top of everything (the current match)."""
        self._find_under, self._find_over = under, over
        self._paint(self._focused)

    @property
    def chosen_sentence(self) -> Sentence | None:
        """The sentence chosen in the stance panel, marked in the text, or None."""
        return self.sentence_margin.chosen

    def show_sentence(self, sentence: Sentence) -> None:
        """Mark the sentence (after the stance tints, under the entity highlights), number
        it in the margin and scroll it to the middle of the view; the focus stays."""
        self.sentence_margin.set_chosen(sentence)
        # The other selections are kept as built (``selection_cache``): only the mark is new.
        self._paint(self._focused)
        center_sentence(self, sentence, self._positions)

    def show_holder(self, row: SentenceStanceRow | None) -> None:
        """Mark the holder's and the evidence's words of ``row`` (the stance panel's selected
        row) over everything else; None: no marks."""
        if row != self._holder_row:
            self._holder_row = row
            self._paint(self._focused)
            self.viewport().update()  # the holder's box, where it was and where it is now

    def _chosen_mark(self) -> list[QTextEdit.ExtraSelection]:
        chosen = self.sentence_margin.chosen
        return [] if chosen is None else [mark_selection(self, chosen, self._positions)]

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

    def _paint(self, old_focus: HighlightSpan | None) -> None:
        """Set the extra selections (only the changed ones are built again, and Qt repaints
        only where they differ); ``old_focus``: the span the frame was drawn around."""
        cache = self.selection_cache
        # Stance first: later selections paint on top, so entity highlights stay visible,
        # and the focused span's mark over all of them.
        cache.set_stance(self._stance)
        cache.set_focus(self._focused)
        holder = holder_selections(self, self._holder_row, self._positions)
        over = [*holder, *self._find_over]
        selections = cache.selections(self._chosen_mark(), self._find_under, over)
        self.setExtraSelections(selections)
        self._update_frames(old_focus)  # the focus frame is drawn in paintEvent

    def _update_frames(self, old_focus: HighlightSpan | None) -> None:
        """Repaint where the focus frame was and where it is now (after a scroll too: Qt
        scrolls by moving the pixels, the old frame with them, and paints what came in)."""
        viewport = self.viewport()
        for span in (old_focus, self._focused):
            if span is None:
                continue
            for rect in self.range_rects(span.start, span.end):
                margin = FRAME_WIDTH + 2
                viewport.update(rect.adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def _show_range(self, start: int, end: int) -> None:
        """Scroll ``text[start:end]`` into view (its end, then its start: a long span shows
        from its beginning) and leave the caret at its start, without a selection."""
        last = max(self.document().characterCount() - 1, 0)
        self._placing_caret = True
        try:
            for offset in (end, start):
                cursor = QTextCursor(self.document())
                cursor.setPosition(min(self._positions.to_qt(offset), last))
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
            keep_context(self, *(min(self._positions.to_qt(o), last) for o in (start, end)))
        finally:
            self._placing_caret = False

    def _on_caret_moved(self) -> None:
        """Selecting, or moving the caret off the focused span, unfocuses it: the keys then
        act on the selection (a new span) instead."""
        span = self._focused
        if span is None or self._placing_caret:
            return
        cursor = self.textCursor()
        inside = (
            self._positions.to_qt(span.start)
            <= cursor.position()
            <= self._positions.to_qt(span.end)
        )
        if cursor.hasSelection() or not inside:
            self.focus_span(None)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """A click (not a drag that selected text) on a highlight focuses it; a click on
        plain text unfocuses. Where spans overlap, clicking again focuses the next one."""
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        offset = self.offset_at(event.position().toPoint())
        focused = self._focused
        self.focus_span(clicked_span(self._spans, offset, focused) if offset is not None else None)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        span, holder = self._focused, holder_frame(self._holder_row)
        if span is None and holder is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if holder is not None:  # under the focus frame: a dashed box around the holder
            (start, end), pen = holder
            painter.setPen(pen)
            for rect in self.range_rects(start, end):
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), FRAME_RADIUS, FRAME_RADIUS)
        if span is not None:
            painter.setPen(QPen(focus_colour(span.label), FRAME_WIDTH))
            for rect in self.range_rects(span.start, span.end):
                painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), FRAME_RADIUS, FRAME_RADIUS)
        painter.end()

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Where ``text[start:end]`` is drawn, one rectangle per line it is on (viewport
        coordinates)."""
        first, last = self._positions.to_qt(start), self._positions.to_qt(end)
        rects = []
        offset = self.contentOffset()
        block = self.document().findBlock(first)
        while block.isValid() and block.position() < last and block.isVisible():
            layout = block.layout()
            top_left = self.blockBoundingGeometry(block).translated(offset).topLeft()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                line_start = block.position() + line.textStart()
                left = max(first, line_start) - block.position()
                right = min(last, line_start + line.textLength()) - block.position()
                if left >= right:
                    continue
                x_left, x_right = line.cursorToX(left)[0], line.cursorToX(right)[0]
                rects.append(
                    QRectF(
                        top_left.x() + x_left,
                        top_left.y() + line.y(),
                        x_right - x_left,
                        line.height(),
                    )
                )
            block = block.next()
        return rects

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
