"""The spans panel's table model: every entity span of the shown document as a row (text,
label, state, origin, confidence), filtered by text or label and by state.

The model reads the span texts from the document's text when a row is drawn, and filters
in plain Python: a 2,000-span article is set in a few milliseconds.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from gui.highlights import (
    REJECTED,
    SUGGESTED,
    is_highlighted,
    label_colour,
    origin_text,
    span_tooltip,
)
from gui.row_diff import RowEdit, row_edits
from gui.stance_view import percent_text, state_text
from services.span_data import HighlightSpan

ANSWERED_ROLES = frozenset(
    int(role.value)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
    )
)
MAX_ROW_EDITS = 100  # more rows changed than this: a reset costs less
REJECTED_COLOUR = "#888888"  # rejected rows are greyed, as in the stance panel
_INDEX = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SpanFilter:
    """Which spans the panel lists: ``text`` (any case) in the span's text or label name,
    without rejected spans, only open suggestions; without the suggestions the article
    hides for a confidence below ``hidden_below`` (None: with them)."""

    text: str = ""
    hide_rejected: bool = True
    suggestions_only: bool = False
    hidden_below: float | None = None

    def accepts(self, span: HighlightSpan, span_text: str) -> bool:
        if not self.passes(span):
            return False
        needle = self.needle
        return not needle or needle in span_text.casefold() or needle in span.label.name.casefold()

    @property
    def needle(self) -> str:
        """What ``text`` asks for, in any case ("" when it asks for nothing)."""
        return self.text.strip().casefold()

    def passes(self, span: HighlightSpan) -> bool:
        """Whether ``span`` passes the filter but for its ``text``."""
        state = span.state
        if state == SUGGESTED:  # ``hides`` inlined: 2,700 calls a decision
            threshold, confidence = self.hidden_below, span.confidence
            return threshold is None or confidence is None or confidence >= threshold
        return not self.suggestions_only and not (self.hide_rejected and state == REJECTED)

    def hides(self, span: HighlightSpan) -> bool:
        """A suggestion the article does not show for its low confidence, left out."""
        threshold = self.hidden_below
        return (
            threshold is not None
            and span.state == SUGGESTED
            and not is_highlighted(span, threshold)
        )


_place = attrgetter("start", "end")


def shown_text(text: str) -> str:
    """A span's text on one line: a table cell has no room for its line breaks."""
    return " ".join(text.split())


class SpanListModel(QAbstractTableModel):
    """The spans of one document that pass the filter, in text order."""

    COLUMNS = 5
    TEXT, LABEL, STATE, ORIGIN, CONFIDENCE = range(COLUMNS)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._spans: list[HighlightSpan] = []
        self._shown: list[HighlightSpan] = []  # the rows: the spans that pass the filter
        self._row_of_id: dict[int, int] = {}
        self._row_of_place: dict[tuple[int, int], int] = {}
        self._filter = SpanFilter()
        # The article's display threshold: a suggestion below it, listed when the hidden ones
        # are asked for, is set in italics and says so in its tooltip.
        self.threshold: float | None = None

    def set_spans(
        self, text: str, spans: Sequence[HighlightSpan], span_filter: SpanFilter | None = None
    ) -> None:
        """List ``spans``, whose offsets are into ``text`` (code points, as stored), through
        ``span_filter`` if given (else the current one). The same text and filter with as
        many rows listed (a decision): only the changed rows are told (``dataChanged``), so
        the view repaints those, not all of them."""
        old_text, old_shown, old_filter = self._text, self._shown, self._filter
        self._text = text
        self._filter = span_filter or self._filter
        self._spans = sorted(spans, key=_place)
        self._apply_filter()
        same = text == old_text and self._filter == old_filter
        edits = row_edits(old_shown, self._shown, MAX_ROW_EDITS) if same else None
        if edits is None:
            # The view sees the old rows until it is told the reset begins (Qt's contract).
            shown, self._shown = self._shown, old_shown
            self.beginResetModel()
            self._shown = shown
            self.endResetModel()
            return
        self._edit_rows(old_shown, edits)

    def _edit_rows(self, old_shown: list[HighlightSpan], edits: list[RowEdit]) -> None:
        """Tell the view each edit that turns ``old_shown`` into the rows listed now: while
        it is told, it sees the rows as edited so far."""
        shown, self._shown = self._shown, list(old_shown)
        root, last = QModelIndex(), self.COLUMNS - 1
        for edit in edits:
            if edit.kind == "change":
                self._shown[edit.row] = edit.span  # type: ignore[assignment]
                self.dataChanged.emit(self.index(edit.row, 0), self.index(edit.row, last))
            elif edit.kind == "insert":
                self.beginInsertRows(root, edit.row, edit.row)
                self._shown.insert(edit.row, edit.span)  # type: ignore[arg-type]
                self.endInsertRows()
            else:
                self.beginRemoveRows(root, edit.row, edit.row)
                del self._shown[edit.row]
                self.endRemoveRows()
        self._shown = shown

    def set_filter(self, span_filter: SpanFilter) -> None:
        self.beginResetModel()
        self._filter = span_filter
        self._apply_filter()
        self.endResetModel()

    @property
    def span_filter(self) -> SpanFilter:
        return self._filter

    @property
    def total(self) -> int:
        """How many spans the document has, shown or filtered out."""
        return len(self._spans)

    @property
    def hidden(self) -> int:
        """How many suggestions are left out for their low confidence."""
        threshold = self._filter.hidden_below
        if not threshold:
            return 0
        # ``hides`` inlined: the panel asks after each decision, 2,700 calls in a long article
        return sum(
            1
            for span in self._spans
            if span.state == SUGGESTED
            and span.confidence is not None
            and span.confidence < threshold
        )

    def span(self, row: int) -> HighlightSpan:
        return self._shown[row]

    def span_text(self, span: HighlightSpan) -> str:
        return self._text[span.start : span.end]

    def row_of(self, span_id: int) -> int | None:
        """The row showing that span; None if it is filtered out or not in the document."""
        return self._row_of_id.get(span_id)

    def row_of_span(self, span: HighlightSpan) -> int | None:
        """The row showing ``span`` as read anew: by id, else by place (a decided suggestion
        becomes the annotator's own row, with a new id, at the same place)."""
        row = self.row_of(span.span_id) if span.span_id is not None else None
        return row if row is not None else self._row_of_place.get((span.start, span.end))

    def _apply_filter(self) -> None:
        span_filter, text = self._filter, self._text
        if span_filter.needle:
            accepts = span_filter.accepts
            self._shown = [
                span for span in self._spans if accepts(span, text[span.start : span.end])
            ]
        else:  # no text asked for (the usual case): no span's text to slice and fold
            self._shown = list(filter(span_filter.passes, self._spans))
        self._row_of_id = {
            span.span_id: row for row, span in enumerate(self._shown) if span.span_id is not None
        }
        # The first row at each place: built backwards so that earlier rows overwrite later.
        last = len(self._shown) - 1
        self._row_of_place = {
            (span.start, span.end): last - row for row, span in enumerate(reversed(self._shown))
        }

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def column_titles(self) -> list[str]:
        return [
            self.tr("Text"),
            self.tr("Label"),
            self.tr("State"),
            self.tr("Origin"),
            self.tr("Confidence"),
        ]

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.column_titles()
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # The view asks about ten roles per cell and repaint: the ones never answered are
        # turned away first (a full repaint of the panel cost 60 ms in Python).
        if role not in ANSWERED_ROLES:
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        span, column = self._shown[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(span, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            return label_colour(span.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(span)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CONFIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and span.state == REJECTED:
            return QBrush(QColor(REJECTED_COLOUR))
        if role == Qt.ItemDataRole.FontRole and self._hidden_in_article(span):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _hidden_in_article(self, span: HighlightSpan) -> bool:
        return SpanFilter(hidden_below=self.threshold).hides(span)

    def _display(self, span: HighlightSpan, column: int) -> str | None:
        if column == self.TEXT:
            return shown_text(self.span_text(span))
        if column == self.LABEL:
            return span.label.name
        if column == self.STATE:
            return state_text(span.state)
        if column == self.ORIGIN:
            return origin_text(span)
        if column == self.CONFIDENCE:
            return percent_text(span.confidence)
        return None

    def _tooltip(self, span: HighlightSpan) -> str:
        """The span's text over its label, state, origin and confidence. Tooltips are
        rich text when they look like markup, so everything is escaped inside <qt>."""
        lines = [self.span_text(span), span_tooltip(span)]
        if self._hidden_in_article(span):
            lines.append(self.tr("Not highlighted in the article: its confidence is too low."))
        return "<qt>" + "<br>".join(html.escape(line).replace("\n", "<br>") for line in lines)
