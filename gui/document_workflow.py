"""What an annotator does with whole documents: mark one done and go on, skip it, reopen it,
reset it to the machine suggestions; the time spent on each; how far they are; which
documents the list shows.

Keys (anywhere in the window): Ctrl+Return / Ctrl+Enter mark the shown document done and
show the next one that is new or in progress for the annotator (in the list's order, round
its end); Ctrl+Shift+Return / Ctrl+Shift+Enter skip it the same way; Ctrl+R reopens it (in
progress); Ctrl+Shift+F goes to the filter bar's search field (Ctrl+F finds in the
article). "Reset to suggestions" has no key: it asks first. Every status change and reset
is one logged action on the window's undo stack.

A visit's time runs while a document is shown and the window is active; a pause without a
key press or mouse input counts as at most ``IDLE_SECONDS``. It is stored once per visit.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from gui.context import WindowContext
from gui.document_filter import DocumentFilterBar
from gui.document_table import DocumentTable
from gui.undo import push_logged_action
from services.changes import Changes
from services.documents import add_time, entity_label_names, is_new_for, progress
from services.editing import DocumentEditor, document_reset, status_set
from services.values import (
    NO_FILTER,
    DocumentFilter,
    DocumentStatusValue,
    StorageError,
    storage_error_text,
)

if TYPE_CHECKING:
    from services.session import OpenedProject

IDLE_SECONDS = 300.0  # longer without input: the annotator is away, not reading
OPEN = (DocumentStatusValue.NEW, DocumentStatusValue.IN_PROGRESS)  # what "next" goes to
_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def _now() -> float:
    return time.monotonic()


class VisitClock:
    """Seconds spent on the shown document: counted between inputs while active, each gap
    counted up to ``idle_limit``."""

    def __init__(self, idle_limit: float = IDLE_SECONDS) -> None:
        self.idle_limit = idle_limit
        self.active = True
        self._last: float | None = None  # None: no document shown
        self._counted = 0.0

    def start(self, now: float) -> None:
        self._last, self._counted = now, 0.0

    def touch(self, now: float) -> None:
        """Input (or a pause or stop): count the time since the last one."""
        if self._last is None:
            return
        if self.active:
            self._counted += min(max(now - self._last, 0.0), self.idle_limit)
        self._last = now

    def set_active(self, active: bool, now: float) -> None:
        self.touch(now)
        self.active = active

    def take(self, now: float) -> float:
        """The seconds counted so far; counting goes on from zero."""
        self.touch(now)
        seconds, self._counted = self._counted, 0.0
        return seconds

    def stop(self, now: float) -> float:
        seconds = self.take(now)
        self._last = None
        return seconds


class DocumentWorkflow(QObject):
    """The Document menu's actions, time keeping, progress bar and filter bar."""

    def __init__(self, context: WindowContext, table: DocumentTable) -> None:
        super().__init__(context)
        self._context = context
        self._table = table
        self._model = table.document_model
        self.editor: DocumentEditor | None = None
        self.document_id: int | None = None
        self.clock = VisitClock()
        self.filter_bar = DocumentFilterBar(self._model)
        self.filter_bar.filter_changed.connect(self.set_filter)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self._create_actions()
        self._model.modelReset.connect(self.update_progress)
        context.add_window_action(self.filter_bar.search_action)
        context.project_replacing.connect(self.project_opened)
        context.project_closing.connect(self._let_go)
        context.shutting_down.connect(self._leave)  # the time spent, before the jobs stop
        context.document_shown.connect(self.document_shown)
        context.changed.connect(self._on_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.update_progress()
        self.update_actions()

    def _create_actions(self) -> None:
        self.done_action = self._action(
            self.tr("Mark &done and next"), ["Ctrl+Return", "Ctrl+Enter"], self.mark_done
        )
        self.skip_action = self._action(
            self.tr("&Skip and next"), ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], self.skip
        )
        self.reopen_action = self._action(
            self.tr("Mark in progress (&reopen)"), ["Ctrl+R"], self.reopen
        )
        self.reset_action = self._action(self.tr("Reset to &suggestions…"), [], self.reset)
        window = self._context.window
        self.menu = QMenu(self.tr("&Document"), window)
        self.menu.addActions([self.done_action, self.skip_action, self.reopen_action])
        self.menu.addSeparator()
        self.menu.addAction(self.reset_action)
        self.menu.addSeparator()
        self.menu.addAction(self.filter_bar.search_action)
        menus = self._context.menus
        before = menus.annotate.menuAction() if menus is not None else None
        window.menuBar().insertMenu(before, self.menu)

    def _action(self, text: str, keys: list[str], slot: object) -> QAction:
        action = QAction(text, self._context.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        return action

    def update_actions(self) -> None:
        shown = self.editor is not None and self.document_id is not None
        for action in (self.done_action, self.skip_action, self.reopen_action, self.reset_action):
            action.setEnabled(shown)

    # --- the window's project and document ------------------------------------------------

    def project_opened(self, opened: OpenedProject) -> None:
        """Call before the list shows the new project: stores the time of the old one's
        shown document, and shows every document of the new one."""
        self._leave()
        project = opened.project
        self.editor = DocumentEditor(project.db, project.project_id, opened.annotator_id)
        try:
            labels = entity_label_names(project)
        except StorageError:
            labels = []
        self.filter_bar.blockSignals(True)
        self.filter_bar.set_labels(labels)
        self.filter_bar.set_filter(NO_FILTER)
        self.filter_bar.blockSignals(False)
        self._model.set_filter(NO_FILTER, reload=False)
        self.update_actions()

    def document_shown(self, document_id: int | None) -> None:
        """The window shows ``document_id`` (None: none): the last one's visit ends, and a
        document opened for the first time is now in progress."""
        if document_id == self.document_id:
            return
        self._leave()
        self.document_id = document_id
        if document_id is not None and self.editor is not None:
            self.clock.start(_now())
            self._mark_opened(document_id)
        self.update_actions()

    def shutdown(self) -> None:
        """The window closes: store the shown document's time while the project is open."""
        self._leave()
        self.document_id = None

    def _let_go(self) -> None:
        self.shutdown()
        self.editor = None  # it holds the closing project's database

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.status or changes.reset:
            self.update_progress()

    def _leave(self) -> None:
        seconds = self.clock.stop(_now())
        editor, document_id = self.editor, self.document_id
        if editor is None or document_id is None or seconds < 0.5:
            return
        try:
            add_time(editor.db, editor.project_id, document_id, editor.annotator_id, seconds)
        except StorageError as exc:  # the project went away: the time is lost, say so
            self._tell(self.tr("Time spent not saved: {0}").format(storage_error_text(exc)))

    def _mark_opened(self, document_id: int) -> None:
        editor = self.editor
        assert editor is not None
        try:
            if is_new_for(editor.db, document_id, editor.annotator_id):
                editor.set_status(document_id, DocumentStatusValue.IN_PROGRESS)
        except StorageError as exc:
            text = self.tr("Cannot mark the document as opened: {0}")
            self._tell(text.format(storage_error_text(exc)))
            return
        self._model.refresh_document(document_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in _INPUT:
            self.clock.touch(_now())
        elif watched is self._context.window and kind == QEvent.Type.WindowActivate:
            self.clock.set_active(True, _now())
        elif watched is self._context.window and kind == QEvent.Type.WindowDeactivate:
            self.clock.set_active(False, _now())
        return False

    # --- status -------------------------------------------------------------------------------

    @Slot()
    def mark_done(self) -> None:
        self._set_status(DocumentStatusValue.DONE, self.tr("Mark done"), go_on=True)

    @Slot()
    def skip(self) -> None:
        self._set_status(DocumentStatusValue.SKIPPED, self.tr("Skip document"), go_on=True)

    @Slot()
    def reopen(self) -> None:
        self._set_status(DocumentStatusValue.IN_PROGRESS, self.tr("Reopen document"))

    def _set_status(self, status: DocumentStatusValue, text: str, go_on: bool = False) -> None:
        editor, document_id = self.editor, self.document_id
        if editor is None or document_id is None:
            return
        seconds = self.clock.take(_now())  # the visit's time so far goes with the change
        result = push_logged_action(
            self._context.undo_stack,
            text,
            editor,
            lambda e: e.set_status(document_id, status, seconds),
            lambda: self._changed(document_id),
            self._refused,
        )
        if result is None:
            return
        self._changed(document_id, status)
        if go_on:
            self.show_next_open(document_id)

    def _changed(self, document_id: int, status: DocumentStatusValue | None = None) -> None:
        self._context.notify(status_set(document_id, status), self)

    @Slot(str)
    def _refused(self, message: str) -> None:
        self._tell(self.tr("Not done: {0}").format(message))

    def _tell(self, message: str) -> None:
        self._context.say(message)

    # --- going on -------------------------------------------------------------------------------

    def show_next_open(self, after_id: int) -> None:
        """Select the next document that is new or in progress after ``after_id`` in the
        list's order, reading further pages as needed, then from the top."""
        model = self._model
        start = model.row_of(after_id)
        start = -1 if start is None else start
        row = self._find_open(start + 1, None, after_id)
        if row is None:
            row = self._find_open(0, start, after_id)
        if row is None:
            self._tell(self.tr("Every listed document is done or skipped."))
            return
        table = self._table
        table.selectRow(row)
        table.scrollTo(model.index(row, 0))

    def _find_open(self, first: int, end: int | None, not_id: int) -> int | None:
        model, row = self._model, first
        while end is None or row < end:
            if row >= model.rowCount():
                if end is not None or not model.canFetchMore():
                    return None
                model.fetchMore()
                continue
            document = model.document_row(row)
            if document is not None and document.id != not_id and document.status in OPEN:
                return row
            row += 1
        return None

    # --- reset --------------------------------------------------------------------------------

    @Slot()
    def reset(self) -> None:
        editor, document_id = self.editor, self.document_id
        if editor is None or document_id is None or not self.confirm_reset():
            return
        result = push_logged_action(
            self._context.undo_stack,
            self.tr("Reset to suggestions"),
            editor,
            lambda e: e.reset(document_id),
            lambda: self._after_reset(document_id),
            self._refused,
        )
        if result is None:
            self._tell(self.tr("Nothing to reset: no decisions of yours in this document."))
            return
        self._after_reset(document_id)

    def confirm_reset(self) -> bool:
        """Ask before throwing away the annotator's decisions in the shown document."""
        answer = QMessageBox.question(
            self._context.window,
            self.tr("Reset to suggestions"),
            self.tr(
                "Remove your entity spans and stance decisions in this document, so that it "
                "shows the machine suggestions again? Undo brings them back."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _after_reset(self, document_id: int) -> None:
        # Its spans and stance are the machine's again: shown anew if it is shown.
        self._context.notify(document_reset(document_id), self)

    # --- progress and filter ------------------------------------------------------------------

    @Slot()
    def update_progress(self) -> None:
        """ "12 of 40 done": the annotator's done documents of all in the project."""
        editor, done, total = self.editor, 0, 0
        if editor is not None:
            try:
                done, total = progress(editor.db, editor.project_id, editor.annotator_id)
            except StorageError as exc:
                text = self.tr("Cannot count your progress: {0}")
                self._tell(text.format(storage_error_text(exc)))
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        text = self.tr("{0} of {1} done").format(done, total)
        self.progress_bar.setFormat(text.replace("%", "%%"))  # % starts a placeholder there

    @Slot(object)
    def set_filter(self, document_filter: DocumentFilter) -> None:
        """List only what passes ``document_filter``; the shown document stays selected if
        it is listed and loaded."""
        self._model.set_filter(document_filter)
        self._context.status.set_documents(self._model.total)
        self._table.select_document(self.document_id)


def document_side_panel(documents: DocumentWorkflow, table: DocumentTable) -> QWidget:
    """The left side of the window: the filter bar, the document list (``table``, moved
    here) and the progress bar."""
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 4, 0, 0)  # the filter bar off the toolbar's edge
    layout.setSpacing(4)
    layout.addWidget(documents.filter_bar)
    layout.addWidget(table, 1)
    layout.addWidget(documents.progress_bar)
    return panel
