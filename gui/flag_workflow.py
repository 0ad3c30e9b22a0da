"""Flagging the shown document as unsure, with a note (Document › Flag as unsure…,
Ctrl+Shift+U), and clearing the flag: per annotator, each change one logged action on the
window's undo stack. The list shows the flag (``gui.document_model``) and can show only
flagged documents (``gui.document_filter``); the Excel export has the flags and notes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from gui.context import WindowContext
from gui.document_table import DocumentTable
from gui.flag_dialog import FlagChoice, FlagDialog
from gui.flag_icon import unsure_icon
from gui.undo import push_logged_action
from services.document_flags import FlagEditor, flag_set
from services.editing import ActionResult
from services.values import StorageError

if TYPE_CHECKING:
    from services.session import OpenedProject

FLAG_KEY = "Ctrl+Shift+U"  # U for unsure; free in the window (grep QKeySequence in gui/)


class FlagWorkflow(QObject):
    """The two actions (``flag_action``, ``clear_action``), added to ``menu``."""

    def __init__(self, context: WindowContext, table: DocumentTable, menu: QMenu) -> None:
        super().__init__(context)
        self._context = context
        self._table = table
        self.editor: FlagEditor | None = None
        self.document_id: int | None = None
        self.dialog: FlagDialog | None = None
        window = context.window
        self.flag_action = QAction(unsure_icon(), self.tr("Flag as &unsure…"), window)
        self.flag_action.setShortcut(QKeySequence(FLAG_KEY))
        self.flag_action.setToolTip(self.tr("Flag the document as unsure, with a note"))
        self.flag_action.triggered.connect(self.ask)
        self.clear_action = QAction(self.tr("Clear unsure f&lag"), window)
        self.clear_action.triggered.connect(self.clear)
        menu.addSeparator()
        menu.addActions([self.flag_action, self.clear_action])
        context.project_replacing.connect(self._project_opened)
        context.project_closing.connect(self._let_go)
        context.document_shown.connect(self._document_shown)
        self.update_actions()

    def note(self) -> str | None:
        """The annotator's note on the shown document; None: not flagged (or none shown)."""
        editor, document_id = self.editor, self.document_id
        if editor is None or document_id is None:
            return None
        try:
            return editor.note_of(document_id)
        except StorageError:
            return None

    def update_actions(self) -> None:
        shown = self.editor is not None and self.document_id is not None
        self.flag_action.setEnabled(shown)
        self.clear_action.setEnabled(shown and self.note() is not None)

    @Slot()
    def ask(self) -> None:
        """Open the dialog for the shown document (window-modal; it answers in ``_answered``)."""
        if self.editor is None or self.document_id is None:
            return
        row = self._table.selected_document()
        title = row.title if row is not None and row.id == self.document_id else ""
        self.dialog = FlagDialog(title, self.note(), self._context.window)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    @Slot()
    def _answered(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        if dialog.choice == FlagChoice.FLAG:
            self.flag(dialog.note_text())
        elif dialog.choice == FlagChoice.CLEAR:
            self.clear()

    def flag(self, note: str) -> None:
        """Flag the shown document as unsure with ``note`` (one undoable action)."""
        if self._push(self.tr("Flag as unsure"), lambda e, d: e.flag(d, note)) is None:
            return
        said = self.tr("Flagged as unsure: {0}").format(note) if note else ""
        self._context.say(said or self.tr("Flagged as unsure."))

    @Slot()
    def clear(self) -> None:
        """Clear the annotator's flag on the shown document (one undoable action)."""
        if self._push(self.tr("Clear unsure flag"), lambda e, d: e.unflag(d)) is not None:
            self._context.say(self.tr("The unsure flag is cleared."))

    def _push(
        self, text: str, run: Callable[[FlagEditor, int], ActionResult]
    ) -> ActionResult | None:
        editor, document_id = self.editor, self.document_id
        if editor is None or document_id is None:
            return None
        result = push_logged_action(
            self._context.undo_stack,
            text,
            editor,
            lambda e: run(e, document_id),
            lambda: self._changed(document_id),
            self._refused,
        )
        if result is not None:
            self._changed(document_id)
        return result

    def _changed(self, document_id: int) -> None:
        self.update_actions()
        self._context.notify(flag_set(document_id), self)

    @Slot(str)
    def _refused(self, message: str) -> None:
        self._context.say(self.tr("Not done: {0}").format(message))

    def _project_opened(self, opened: OpenedProject) -> None:
        project = opened.project
        self.editor = FlagEditor(project.db, project.project_id, opened.annotator_id)
        self.update_actions()

    def _let_go(self) -> None:
        self.editor = None  # it holds the closing project's database
        self.document_id = None
        self.update_actions()

    def _document_shown(self, document_id: int | None) -> None:
        self.document_id = document_id
        self.update_actions()
