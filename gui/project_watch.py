"""Documents another program added to the open project (``python main.py import`` while
the window has it open) appear in the window by themselves, and *View › Reload* (F5) reads
the list and its counts again, both without touching the undo history.

Looking costs one small query (how many documents are newer than the newest one the window
knows), done a moment after the project's SQLite file changed on disk, when the window
becomes active again, and every few seconds for a server database (nothing on disk to
watch). Not while a job of the window runs: its own import announces itself.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QLocale, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from gui.context import WindowContext
from services.changes import Changes
from services.documents import documents_after
from services.session import OpenedProject
from services.values import StorageError

SETTLE_MS = 500  # after the file changed: an import writes in several transactions
POLL_MS = 5_000  # a server database: nothing on disk to watch
# What a reload may show anew: the list, its counts, and the shown document.
RELOADED = Changes(documents=None, document_list=True, entities=True, stance=True, status=True)


class ProjectWatch(QObject):
    """Notices documents added by another program; ``reload_action`` is View › Reload."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        self._newest = 0  # the newest document id the window knows
        self._files = QFileSystemWatcher(self)
        self._files.fileChanged.connect(self._soon)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check)
        self.reload_action = QAction(self.tr("&Reload"), context.window)
        self.reload_action.setShortcut(QKeySequence("F5"))
        self.reload_action.setStatusTip(
            self.tr("Read the document list and its counts again (keeps the undo history)")
        )
        self.reload_action.triggered.connect(self.reload)
        self.reload_action.setEnabled(False)
        context.project_opened.connect(self._opened)
        context.project_closing.connect(self._closed)
        context.changed.connect(self._on_changed)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.applicationStateChanged.connect(self._on_application_state)

    # --- the project ------------------------------------------------------------------------

    @Slot(object)
    def _opened(self, opened: OpenedProject) -> None:
        self._closed()
        self._newest = self._look(0)[1]
        location = opened.project.location
        if location.file is not None:
            wal = location.file.with_name(location.file.name + "-wal")
            self._files.addPaths([str(p) for p in (location.file, wal) if p.exists()])
        else:
            self._poll.start()
        self.reload_action.setEnabled(True)

    @Slot()
    def _closed(self) -> None:
        if self._files.files():
            self._files.removePaths(self._files.files())
        self._settle.stop()
        self._poll.stop()
        self._newest = 0
        self.reload_action.setEnabled(False)

    @Slot(object, object)
    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.document_list and initiator is not self:
            self._newest = self._look(0)[1]  # the window's own import: said already

    # --- looking ----------------------------------------------------------------------------

    @Slot(str)
    def _soon(self, path: str) -> None:
        if path not in self._files.files():  # replaced on disk: watch the new file
            self._files.addPath(path)
        self._settle.start()

    @Slot(Qt.ApplicationState)
    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def _look(self, after_id: int) -> tuple[int, int]:
        """(documents newer than ``after_id``, the newest id); nothing when unreadable."""
        project = self._context.project
        if project is None:
            return (0, after_id)
        try:
            return documents_after(project.db, project.project_id, after_id)
        except StorageError:
            return (0, after_id)  # the next look, or the next action, says what is wrong

    @Slot()
    def check(self) -> int:
        """Show the documents another program added since the last look, and say so.
        Returns how many there were."""
        if self._context.project is None or self._context.runner.busy:
            return 0
        added, newest = self._look(self._newest)
        if not added:
            return 0
        self._newest = newest
        self._context.notify(RELOADED, self)
        self._context.say(self._added_text(added))
        return added

    @Slot()
    def reload(self) -> None:
        """View › Reload: the list, its counts and the shown document read again."""
        if self._context.project is None:
            return
        added, self._newest = self._look(self._newest)
        self._context.notify(RELOADED, self)
        if added:
            self._context.say(self._added_text(added))
        else:
            self._context.say(self.tr("Reloaded the document list."))

    def _added_text(self, added: int) -> str:
        if added == 1:
            return self.tr("1 document added by another program")
        text = self.tr("{0} documents added by another program")
        return text.format(QLocale().toString(added))


def install_project_watch(context: WindowContext) -> ProjectWatch:
    """*View › Reload* (F5), at the top of the View menu, and the watch behind it."""
    watch = ProjectWatch(context)
    assert context.menus is not None
    view = context.menus.view
    first = view.actions()[0] if view.actions() else None
    view.insertAction(first, watch.reload_action)
    if first is not None:
        view.insertSeparator(first)
    context.add_window_action(watch.reload_action)
    return watch
