"""The filter bar above the document list: the annotator's status, an entity label, and
words of the text. The parts combine; the list stays lazy (the database filters each page).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from gui.document_model import DocumentTableModel
from storage.documents import DocumentFilter
from storage.models import DocumentStatusValue

TYPING_PAUSE_MS = 300  # search once the user pauses, not on every key


class DocumentFilterBar(QWidget):
    """Emits ``filter_changed(DocumentFilter)`` when the user changes a part."""

    filter_changed = Signal(object)

    def __init__(self, model: DocumentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_box = QComboBox()
        self.status_box.setToolTip(self.tr("Show documents with this status of yours"))
        self.status_box.addItem(self.tr("All statuses"), None)
        for status in DocumentStatusValue:
            # As its text: Qt keeps a str subclass as a plain str anyway.
            self.status_box.addItem(model.status_text(status), status.value)
        self.label_box = QComboBox()
        self.label_box.setToolTip(self.tr("Show documents with a span of this entity label"))
        self.label_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.set_labels([])
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search text…"))
        self.search.setClearButtonEnabled(True)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self._emit)  # at once, without waiting
        self.status_box.activated.connect(self._emit)
        self.label_box.activated.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.status_box)
        layout.addWidget(self.label_box)
        self.search_action = QAction(self.tr("&Find in documents"), self)
        self.search_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.triggered.connect(self.focus_search)
        self._last = self.current_filter()

    def current_filter(self) -> DocumentFilter:
        status = self.status_box.currentData()
        return DocumentFilter(
            status=DocumentStatusValue(status) if status else None,
            label=self.label_box.currentData(),
            text=self.search.text().strip(),
        )

    def set_labels(self, names: Sequence[str]) -> None:
        """The project's entity labels to choose from; keeps the chosen one if it exists."""
        chosen = self.label_box.currentData()
        self.label_box.clear()
        self.label_box.addItem(self.tr("All labels"), None)
        for name in names:
            self.label_box.addItem(name, name)
        index = self.label_box.findData(chosen) if chosen is not None else 0
        self.label_box.setCurrentIndex(max(index, 0))

    def set_filter(self, document_filter: DocumentFilter) -> None:
        """Show ``document_filter`` (e.g. none for a newly opened project) and announce it."""
        self.search.setText(document_filter.text)
        wanted = document_filter.status
        status = self.status_box.findData(wanted.value) if wanted is not None else 0
        self.status_box.setCurrentIndex(max(status, 0))
        label = self.label_box.findData(document_filter.label) if document_filter.label else 0
        self.label_box.setCurrentIndex(max(label, 0))
        self._emit()

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def _emit(self) -> None:
        self._typing.stop()
        current = self.current_filter()
        if current != self._last:  # Enter after the pause would search twice
            self._last = current
            self.filter_changed.emit(current)
