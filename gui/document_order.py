"""*View › Order documents*: the list in import order, or the documents whose suggestions
are least certain first (what an annotator's decision teaches the suggesters most)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gui.document_table import DocumentTable


class DocumentOrderMenu(QObject):
    """The submenu (``menu``) with one checkable action per order (``actions``)."""

    def __init__(self, table: DocumentTable, parent: QWidget) -> None:
        super().__init__(parent)
        self._table = table
        self._model = table.document_model
        self.menu = QMenu(self.tr("&Order documents"), parent)
        group = QActionGroup(self)
        # Sorting by a column header checks neither entry.
        group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        orders = [
            ("import", self.tr("In &import order")),
            ("uncertainty", self.tr("Most &uncertain suggestions first")),
        ]
        self.actions: dict[str, QAction] = {}
        for order, text in orders:
            action = self.menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(order == self._model.order)
            action.triggered.connect(lambda _=False, o=order: self.set_order(o))
            group.addAction(action)
            self.actions[order] = action
        self._model.modelReset.connect(self._on_order_changed)

    def set_order(self, order: str) -> None:
        """Show the documents in ``order`` ("import" or "uncertainty"), first page first,
        keeping the shown document selected where it is loaded."""
        selected = self._table.selected_document()
        self._model.set_order(order)
        self._table.show_order(order)
        self._table.select_document(selected.id if selected is not None else None)

    @Slot()
    def _on_order_changed(self) -> None:
        """The menu shows the list's order (a header click may have changed it)."""
        for order, action in self.actions.items():
            action.setChecked(order == self._model.order)
