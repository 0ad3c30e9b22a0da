"""The filter bar above the document list: the annotator's status, an entity label, words
of the text, "assigned to me" and "flagged as unsure". The parts combine; the list stays
lazy (the database filters each page).

Ctrl+Shift+F goes to the search field: Ctrl+F finds in the shown article (``gui.find_bar``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSizePolicy, QToolButton, QWidget

from gui.document_model import DocumentTableModel
from gui.flag_icon import unsure_icon
from gui.flow_layout import FlowLayout
from services.values import DocumentFilter, DocumentStatusValue, StorageError

TYPING_PAUSE_MS = 300  # search once the user pauses, not on every key
SEARCH_KEY = "Ctrl+Shift+F"  # Ctrl+F is find in the shown article


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
        self.assigned_box = QCheckBox(self.tr("Assigned to me"))
        self._model = model
        self._assignments_available = False
        self._update_assigned_box()
        # The list's project changes and reloads through the model: ask then whether the
        # project has assignments, so the bar needs no other wiring.
        model.modelReset.connect(self._check_assignments)
        self.unsure_button = unsure_filter_button()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search text…"))
        self.search.setClearButtonEnabled(True)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        metrics = self.search.fontMetrics()  # the placeholder whole, and room to type
        placeholder = metrics.horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(placeholder + 6 * metrics.averageCharWidth())
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self._emit)  # at once, without waiting
        self.status_box.activated.connect(self._emit)
        self.label_box.activated.connect(self._emit)
        self.assigned_box.clicked.connect(self._emit)
        self.unsure_button.clicked.connect(self._emit)
        # A narrow list (a small screen, a large text size) wraps the bar onto more rows
        # rather than cutting its texts short.
        layout = FlowLayout(self, spacing=4)
        layout.addWidget(self.search)
        layout.addWidget(self.status_box)
        layout.addWidget(self.label_box)
        layout.addWidget(self.assigned_box)
        layout.addWidget(self.unsure_button)
        self.search_action = QAction(self.tr("&Find in documents"), self)
        self.search_action.setShortcut(QKeySequence(SEARCH_KEY))
        self.search_action.triggered.connect(self.focus_search)
        self._last = self.current_filter()

    def current_filter(self) -> DocumentFilter:
        status = self.status_box.currentData()
        return DocumentFilter(
            status=DocumentStatusValue(status) if status else None,
            label=self.label_box.currentData(),
            text=self.search.text().strip(),
            assigned=self.assigned_box.isChecked(),
            unsure=self.unsure_button.isChecked(),
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
        self.assigned_box.setChecked(document_filter.assigned)
        self.unsure_button.setChecked(document_filter.unsure)
        self._update_assigned_box()
        self._emit()

    def set_assignments_available(self, available: bool) -> None:
        """Whether the project assigns documents to annotators; without, "Assigned to me"
        is disabled and says why (it would list nothing)."""
        self._assignments_available = available
        self._update_assigned_box()

    def _update_assigned_box(self) -> None:
        available = self._assignments_available
        # Still enabled while checked, so that the user can always switch it off.
        self.assigned_box.setEnabled(available or self.assigned_box.isChecked())
        if available:
            self.assigned_box.setToolTip(self.tr("Show only the documents assigned to you"))
        else:
            self.assigned_box.setToolTip(
                self.tr("No documents are assigned to annotators in this project")
            )

    @Slot()
    def _check_assignments(self) -> None:
        # The model has no public accessor for its source (gui/document_model.py).
        source = self._model._source
        check = getattr(source, "has_assignments", None)
        if check is None:  # no project, or a source that cannot tell
            self.set_assignments_available(False)
            return
        try:
            available = check()
        except StorageError:
            return  # the list reports read errors; keep what the bar showed
        self.set_assignments_available(available)

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def _emit(self) -> None:
        self._typing.stop()
        self._update_assigned_box()  # switched off in a project without assignments: disable
        current = self.current_filter()
        if current != self._last:  # Enter after the pause would search twice
            self._last = current
            self.filter_changed.emit(current)


def unsure_filter_button() -> QToolButton:
    """A flag that, pressed, lists only the documents the annotator flagged as unsure (an
    icon: the bar has no room for another word at 1280×720)."""
    button = QToolButton()
    button.setIcon(unsure_icon())
    button.setCheckable(True)
    button.setAutoRaise(True)
    tip = QCoreApplication.translate(
        "DocumentFilterBar", "Show only documents you flagged as unsure"
    )
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button
