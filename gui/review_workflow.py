"""*Annotate › Review document…*: one review window per main window, following the shown
document, on the window's one undo stack."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence

from gui.context import WindowContext
from gui.document_table import DocumentTable
from gui.review_dialog import ReviewDialog, Target

SHORTCUT = "Ctrl+Alt+R"  # opens the dialog (free in gui/: grep QKeySequence)


class ReviewWorkflow(QObject):
    """Owns *Annotate › Review document…*: one review window per main window, following the
    shown document."""

    def __init__(self, context: WindowContext, table: DocumentTable) -> None:
        super().__init__(context)
        self._context = context
        self._shown: int | None = None  # the document the window shows
        self.dialog: ReviewDialog | None = None
        self.action = QAction(self.tr("&Review document…"), context.window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setToolTip(
            self.tr("Compare the annotators' labels of this document and store the gold version")
        )
        self.action.triggered.connect(self.show_review)
        context.project_opened.connect(self._on_project_opened)
        context.document_shown.connect(self._on_shown)
        table.current_document_changed.connect(self._on_document_changed)
        self.update_action()

    def _document_id(self) -> int | None:
        return self._shown

    @Slot(object)
    def _on_shown(self, document_id: int | None) -> None:
        self._shown = document_id

    def update_action(self) -> None:
        self.action.setEnabled(self._context.project is not None)

    @Slot()
    def show_review(self) -> None:
        opened = self._context.opened
        if opened is None:
            return
        if self.dialog is None:
            project = opened.project
            target = Target(project.db, project.project_id, opened.annotator_id)
            context = self._context
            self.dialog = ReviewDialog(target, context.window, context.undo_stack, context.say)
        self.dialog.set_document(self._document_id())
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    @Slot(object)
    def _on_project_opened(self, _opened: object) -> None:
        self.update_action()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None  # a new project, perhaps another reviewer: a new dialog

    @Slot(object)
    def _on_document_changed(self, row: Any) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_document(row.id if row is not None else None)


def install_review(context: WindowContext, table: DocumentTable) -> ReviewWorkflow:
    """*Annotate › Review document…* (Ctrl+Alt+R), at the end of the Annotate menu."""
    workflow = ReviewWorkflow(context, table)
    assert context.menus is not None
    context.menus.annotate.addSeparator()
    context.menus.annotate.addAction(workflow.action)
    return workflow
