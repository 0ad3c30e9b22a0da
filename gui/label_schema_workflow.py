"""*Annotate › Labels…*: opens the ``LabelSchemaDialog`` on the window's open project, closes
it when another project opens, and announces every change the dialog made."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction

from gui.context import WindowContext
from gui.label_schema_dialog import LabelSchemaDialog
from services.editing import LABELS_EDITED


class LabelSchemaWorkflow(QObject):
    """Annotate › Labels… for the window's open project; ``labels_changed`` after every
    change made in the dialog."""

    labels_changed = Signal()

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        self.dialog: LabelSchemaDialog | None = None  # while it is open
        self.labels_action = QAction(self.tr("&Labels…"), context.window)
        self.labels_action.triggered.connect(self.show_labels)
        context.project_opened.connect(self._close_dialog)  # it edits the previous project
        self.update_actions()

    def update_actions(self) -> None:
        self.labels_action.setEnabled(self._context.project is not None)

    @Slot()
    def show_labels(self) -> LabelSchemaDialog | None:
        """The labels dialog (not modal: the window stays usable)."""
        project = self._context.project
        if project is None:
            return None
        if self.dialog is None:
            self.dialog = LabelSchemaDialog(project.db, project.project_id, self._context.window)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.labels_changed.connect(self._on_labels_changed)
            self.dialog.finished.connect(self._forget_dialog)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    @Slot()
    def _on_labels_changed(self) -> None:
        self._context.notify(LABELS_EDITED, self)  # repainted
        self.labels_changed.emit()

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None

    @Slot(object)
    def _close_dialog(self, _opened: object = None) -> None:
        if self.dialog is not None:
            self.dialog.close()
