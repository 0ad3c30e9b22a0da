"""*View › Statistics…* (Ctrl+Alt+S): one statistics window (``gui.statistics_view``) per
main window, following the window's project."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from gui.context import WindowContext
from gui.statistics_view import SHORTCUT, StatisticsDialog
from services.changes import Changes


class StatisticsWorkflow(QObject):
    """Owns *View › Statistics…*: one statistics window per main window, following the
    window's project."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        self.dialog: StatisticsDialog | None = None
        self.action = QAction(self.tr("&Statistics…"), context.window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(self.show_statistics)
        context.project_opened.connect(self._on_project_opened)
        context.project_closing.connect(self._on_project_closing)
        context.shutting_down.connect(self.shutdown)
        context.changed.connect(self._on_changed)
        self.update_action()

    def update_action(self) -> None:
        self.action.setEnabled(self._context.project is not None)

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project:
            self.update_action()
        elif changes.document_list and self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()  # a merge or an import: the numbers moved on

    @Slot()
    def show_statistics(self) -> None:
        project = self._context.project
        if project is None:
            return
        if self.dialog is None:
            self.dialog = StatisticsDialog(project, self._context.window)
        elif not self.dialog.isVisible():
            self.dialog.refresh()  # the numbers have moved on since it was closed
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()

    def _on_project_closing(self) -> None:
        self.shutdown()
        if self.dialog is not None:
            self.dialog.hide()  # its Refresh would read the file

    @Slot(object)
    def _on_project_opened(self, _opened: object) -> None:
        self.update_action()
        project = self._context.project
        if self.dialog is not None and project is not None:
            self.dialog.set_project(project)


def install_statistics(context: WindowContext) -> StatisticsWorkflow:
    """*View › Statistics…* (Ctrl+Alt+S), at the end of the View menu."""
    workflow = StatisticsWorkflow(context)
    assert context.menus is not None
    context.menus.view.addSeparator()
    context.menus.view.addAction(workflow.action)
    return workflow
