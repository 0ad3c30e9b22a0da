"""The document list widget: a table view over ``DocumentTableModel`` set up for long lists."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from gui.document_model import SORTED_COLUMNS, DocumentTableModel
from services.values import DocumentRow, DocumentStatusValue

MIN_TITLE_CHARACTERS = 28  # a title is readable from about this many characters on


class DocumentTable(QTableView):
    """One row per document, one selected at a time; says which document is current."""

    current_document_changed = Signal(object)  # DocumentRow, or None when nothing is selected

    def __init__(self, model: DocumentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed row heights: the view need not measure rows to lay out 100,000 of them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        # The title takes the room the other columns leave, but never less than it needs to
        # be read (a narrow list scrolls sideways instead): see _fit_title.
        header.setSectionResizeMode(DocumentTableModel.TITLE, QHeaderView.ResizeMode.Fixed)
        header.sectionResized.connect(self._on_section_resized)
        for column, width in self._column_widths().items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # A header click sorts (the model pages in that order); no indicator at first, so
        # enabling sorting does not sort: the list starts in import order.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.setSortingEnabled(True)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_title()

    @Slot(int, int, int)
    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != DocumentTableModel.TITLE:
            self._fit_title()

    def _fit_title(self) -> None:
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != DocumentTableModel.TITLE and not header.isSectionHidden(c)
        )
        room = self.viewport().width() - others
        header.resizeSection(DocumentTableModel.TITLE, max(self.min_title_width(), room))

    def min_title_width(self) -> int:
        """Measured now: the text size may have changed since the list was made."""
        return self.fontMetrics().averageCharWidth() * MIN_TITLE_CHARACTERS

    def show_order(self, order: str) -> None:
        """Put the header's sort indicator where ``order`` sorts (none for import order)."""
        column = {name: c for c, name in SORTED_COLUMNS.items()}.get(order.removesuffix("-desc"))
        if order == "uncertainty":
            column = DocumentTableModel.UNCERTAINTY
        descending = order.endswith("-desc") or order == "uncertainty"
        direction = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header = self.horizontalHeader()
        header.blockSignals(True)  # only the indicator: the model is in that order already
        header.setSortIndicator(column if column is not None else -1, direction)
        header.blockSignals(False)

    def selected_document(self) -> DocumentRow | None:
        return self.document_model.document_row(self.currentIndex().row())

    def select_document(self, document_id: int | None) -> None:
        """Select that document if it is loaded, else the first row, else nothing."""
        model = self.document_model
        row = model.row_of(document_id) if document_id is not None else None
        if row is None and model.rowCount() > 0:
            row = 0
        if row is None:
            self.current_document_changed.emit(None)
        elif row == self.currentIndex().row():
            self.current_document_changed.emit(model.document_row(row))  # no change signal
        else:
            self.selectRow(row)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_document_changed.emit(self.document_model.document_row(current.row()))

    def _column_widths(self) -> dict[int, int]:
        """Widths that fit the header and typical values, measured from texts rather than
        rows (measuring rows would read them all)."""
        model, metrics = self.document_model, self.fontMetrics()
        header_metrics = QFontMetrics(self.horizontalHeader().font())
        samples = {
            DocumentTableModel.LANGUAGE: ["en", "de"],
            DocumentTableModel.STATUS: [model.status_text(s) for s in DocumentStatusValue],
            DocumentTableModel.SPANS: [model.spans_text(999, 999)],
            DocumentTableModel.CHARACTERS: [QLocale().toString(999_999)],
            DocumentTableModel.UNCERTAINTY: [model.uncertainty_text(1.0)],
        }
        titles = model.column_titles()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
        padding = 2 * margin + 2 * metrics.averageCharWidth()  # cell margins and some air
        widths = {}
        for column, texts in samples.items():
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            widths[column] = padding + max(widest, header_metrics.horizontalAdvance(titles[column]))
        return widths
