"""The spans panel: every entity span of the shown document in a table (text, label, state,
origin, confidence; ``gui.span_list_model``), filtered by text or label and by state;
choosing a row asks the window to jump to that span in the article.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QSize,
    Qt,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QFontMetrics, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.flow_layout import FlowLayout
from gui.span_list_model import SpanFilter, SpanListModel
from gui.stance_view import percent_text, state_text
from services.span_data import DocumentSpans, HighlightSpan

CONTEXT_ROWS = 3  # rows kept above and below the selected one where the view has room
NO_SPAN_ID = -1  # what ``span_chosen`` sends for a span not stored yet (span_id None)


class _SpanTable(QTableView):
    """Remembers which row was current before a mouse press: a press on another row changes
    the current row (which already jumps there), a click on the current row must jump too."""

    row_before_press = -1

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.row_before_press = self.currentIndex().row()
        super().mousePressEvent(event)


class SpanListPanel(QWidget):
    """``set_spans`` lists a document's spans; choosing one (click, keys, Enter) emits
    ``span_chosen``; ``select_span`` follows the span focused in the article quietly."""

    # (start offset, span id or NO_SPAN_ID): the current row changed or a row was clicked
    # or activated. Arrow keys emit it for each row passed: jump there, keep the list focused.
    span_chosen = Signal(int, int)
    # The same for a double click: the user wants to work in the text now. (Enter accepts
    # the span: ``gui.span_list_actions`` gives the table the article's keys.)
    span_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False  # selecting for the window, not for the user: no signals
        self._choosing = False  # the window handles a span chosen here: keep it selected
        # The span last chosen here or focused in the text: selected again when it is listed
        # again (after a filter change, or spans read anew that bring a new id for it).
        self._followed: int | None = None
        self._preferred_width = 0  # the columns' measured widths together
        self._threshold: float | None = None  # the article's display threshold
        self._show_hidden = False  # list the suggestions below it too
        self.model = SpanListModel(self)
        self.filter_edit = QLineEdit()
        # Short enough for a narrow dock; the tooltip says what it filters by.
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setToolTip(self.tr("Filter by text or label"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter spans"))
        self.hide_rejected_check = QCheckBox(self.tr("Hide rejected"))
        self.hide_rejected_check.setChecked(self.model.span_filter.hide_rejected)
        self.suggestions_only_check = QCheckBox(self.tr("Suggestions only"))
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.view = self._table()

        checks = FlowLayout()  # wraps in a narrow dock rather than cutting texts short
        checks.addWidget(self.hide_rejected_check)
        checks.addWidget(self.suggestions_only_check)
        checks.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addLayout(checks)
        layout.addWidget(self.view, 1)

        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.hide_rejected_check.toggled.connect(self._on_filter_changed)
        self.suggestions_only_check.toggled.connect(self._on_filter_changed)
        self._update_count()

    # --- what the window calls -------------------------------------------------------------

    def set_spans(
        self, text: str, spans: DocumentSpans, min_confidence: float | None = None
    ) -> None:
        """List the spans of the document whose text is ``text``; the selected span stays
        selected if it is still listed (by id, else by place), else the one ``select_span``
        asked for last is selected if it is listed now. Suggestions below ``min_confidence``
        (the article's display threshold) are left out unless ``set_show_hidden``. Emits
        nothing."""
        self._threshold = self.model.threshold = min_confidence
        span_filter = self._span_filter()
        self._keeping_current(lambda: self.model.set_spans(text, spans.spans, span_filter))

    def set_show_hidden(self, show: bool) -> None:
        """List the suggestions the article hides for their low confidence too (or not)."""
        self._show_hidden = show
        self._on_filter_changed()

    def select_span(self, span_id: int | None) -> None:
        """Select and show the row of that span (None, or a span not listed: select none).
        Emits nothing: the window calls this when the span focused in the text changes
        (ignored while the window handles a span chosen in the list)."""
        if self._choosing:
            return
        self._followed = span_id
        self._select_row(self.model.row_of(span_id) if span_id is not None else None)

    def _select_row(self, row: int | None) -> None:
        self._quiet = True
        try:
            if row is None:
                self.view.selectionModel().clear()
            else:
                index = self.model.index(row, SpanListModel.TEXT)
                self.view.setCurrentIndex(index)
                self._scroll_with_context(index)
        finally:
            self._quiet = False

    def _scroll_with_context(self, index: QModelIndex) -> None:
        """Show the row with a few rows around it, as the article keeps lines around its
        focused span: a row near an edge of the view is scrolled to the middle."""
        view = self.view
        rect, height = view.visualRect(index), view.viewport().height()
        room = CONTEXT_ROWS * max(rect.height(), 1)
        if rect.top() < room or rect.bottom() > height - room:
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def selected_span(self) -> HighlightSpan | None:
        index = self.view.currentIndex()
        return self.model.span(index.row()) if index.isValid() else None

    def row_texts(self) -> list[tuple[str, ...]]:
        """The cells of each row as shown (text, label, state, origin, confidence)."""
        model = self.model
        return [
            tuple(str(model.index(row, column).data()) for column in range(model.COLUMNS))
            for row in range(model.rowCount())
        ]

    def sizeHint(self) -> QSize:  # noqa: N802
        """Wide enough for the columns at their measured widths (a dock starts at this)."""
        hint = super().sizeHint()
        frame = 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        margins = self.layout().contentsMargins()
        width = self._preferred_width + frame + margins.left() + margins.right()
        hint.setWidth(max(hint.width(), width))
        return hint

    # --- building ----------------------------------------------------------------------------

    def _table(self) -> _SpanTable:
        view = _SpanTable()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        rows = view.verticalHeader()
        rows.hide()
        # Fixed heights and widths: the view never measures 2,000 rows to lay them out.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 6)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        widths = self._column_widths(view)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # The origin gives way first in a narrow dock: its tooltip has it in full.
        header.setSectionResizeMode(SpanListModel.ORIGIN, QHeaderView.ResizeMode.Stretch)
        # The dock starts with half the origin shown: the article needs the room more.
        self._preferred_width = sum(widths.values()) - widths[SpanListModel.ORIGIN] // 2
        view.clicked.connect(self._on_clicked)
        view.activated.connect(self._on_activated)
        view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        return view

    def _column_widths(self, view: QTableView) -> dict[int, int]:
        """Widths that fit the titles and typical values, measured from sample texts (not
        from rows, which change with every document)."""
        metrics, header = view.fontMetrics(), QFontMetrics(view.horizontalHeader().font())
        model = self.model
        states = ["suggested", "accepted", "edited", "rejected"]
        samples = {
            model.TEXT: ["Bundesregierung"],
            model.LABEL: ["PERSON"],
            model.STATE: [state_text(state) for state in states],
            model.ORIGIN: ["pattern countries.jsonl"],
            model.CONFIDENCE: [percent_text(1.0)],
        }
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
        padding = 2 * margin + 2 * metrics.averageCharWidth()
        icon = view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + margin
        titles = model.column_titles()
        widths = {}
        for column, texts in samples.items():
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            if column == model.LABEL:
                widest += icon  # the colour swatch before the name
            widths[column] = padding + max(widest, header.horizontalAdvance(titles[column]))
        return widths

    # --- filtering -----------------------------------------------------------------------------

    @Slot()
    def _on_filter_changed(self) -> None:
        span_filter = self._span_filter()
        self._keeping_current(lambda: self.model.set_filter(span_filter))

    def _span_filter(self) -> SpanFilter:
        return SpanFilter(
            self.filter_edit.text(),
            self.hide_rejected_check.isChecked(),
            self.suggestions_only_check.isChecked(),
            None if self._show_hidden else self._threshold,
        )

    def _keeping_current(self, reset: Callable[[], None]) -> None:
        """Run ``reset`` (a model reset), then select the span that was selected, or else
        the followed one, quietly."""
        selected = self.selected_span()
        self._quiet = True
        try:
            reset()
        finally:
            self._quiet = False
        row = self.model.row_of_span(selected) if selected is not None else None
        if row is None and self._followed is not None:
            row = self.model.row_of(self._followed)
        self._select_row(row)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        locale = QLocale()
        if shown == total:
            text = self.tr("{0} spans").format(locale.toString(total))
        else:
            text = self.tr("{0} of {1} spans").format(
                locale.toString(shown), locale.toString(total)
            )
        hidden = self.model.hidden
        if hidden:
            text += " " + self.tr("(%n hidden)", "", hidden)
        self.count_label.setText(text)
        self.count_label.setToolTip(
            self.tr("View › Show hidden suggestions lists them too.") if hidden else ""
        )

    # --- choosing --------------------------------------------------------------------------------

    def _emit_for(self, index: QModelIndex, signal: SignalInstance) -> None:
        if self._quiet or not index.isValid():
            return
        span = self.model.span(index.row())
        self._followed = span.span_id
        # Jumping there may move the text's focus off any span (a rejected span is not
        # highlighted); the user's choice stays selected all the same.
        self._choosing = True
        try:
            signal.emit(span.start, span.span_id if span.span_id is not None else NO_SPAN_ID)
        finally:
            self._choosing = False

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._scroll_with_context(current)  # arrow keys too
        self._emit_for(current, self.span_chosen)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        # A click on another row changed the current row, which emitted already.
        if index.row() == self.view.row_before_press:
            self._emit_for(index, self.span_chosen)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        self._emit_for(index, self.span_chosen)
        self._emit_for(index, self.span_activated)
