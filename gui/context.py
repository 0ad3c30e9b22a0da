"""What the window's workflows share, in one object they receive instead of the window.

The context holds the open project, the annotator, the one undo stack, the job runner, the
settings, and ways to say something (status bar, message box). It also carries the window's
news as signals: ``changed(Changes, initiator)`` after every action or job that changed the
project (each view subscribes and redraws what concerns it), ``project_replacing`` /
``project_opened`` / ``project_closing`` around a project's life in the window,
``document_shown``, and ``shutting_down`` when the window closes. Nothing here knows the
window's class: the window wires itself to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from gui.job_runner import JobRunner
from gui.status_bar import MESSAGE_MS, ProjectStatusBar
from services.changes import Changes
from services.session import annotator_name

if TYPE_CHECKING:
    from services.handout_preset import HandedOut
    from services.session import OpenedProject, OpenProject

Opener = Callable[[str | Path, bool], None]


@dataclass
class WindowMenus:
    """The window's menus and the File entries others insert their actions around."""

    file: QMenu
    edit: QMenu
    view: QMenu
    annotate: QMenu
    help: QMenu
    open_action: QAction
    import_action: QAction
    quit_action: QAction


class WindowContext(QObject):
    """One per window; ``window`` is only the parent of dialogs, actions and docks."""

    # (Changes, initiator): what an action or a job changed; the initiator (the object that
    # did it, or None) lets a view skip what it has drawn already.
    changed = Signal(object, object)
    # OpenedProject: take it (the project it replaces is still open, closed right after).
    project_replacing = Signal(object)
    project_opened = Signal(object)  # OpenedProject: the window shows it now
    project_closing = Signal()  # stop using the open project and let go of it: it closes next
    shutting_down = Signal()  # the window closes: stop and wait for work in the background
    document_shown = Signal(object)  # the id of the document the window shows (None: none)

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        runner: JobRunner,
        undo_stack: QUndoStack,
        status: ProjectStatusBar,
        samples_dir: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.runner = runner
        self.undo_stack = undo_stack
        self.status = status
        self.samples_dir = samples_dir  # imported into a project on its very first start
        # The open project as opened (None: none) and the project itself: set together by
        # the window (``project`` alone only by tests that stand in a project).
        self.opened: OpenedProject | None = None
        self.project: OpenProject | None = None
        self.menus: WindowMenus | None = None  # set once the window built its menus
        self._opener: Opener | None = None
        self._closer: Callable[[], None] | None = None

    def set_opened(self, opened: OpenedProject | None) -> None:
        self.opened = opened
        self.project = opened.project if opened is not None else None

    @property
    def annotator(self) -> str:
        """Who annotates in the open project: the annotator a handed-out file names, else
        ``chosen_annotator``."""
        handout = self.handout
        return handout.annotator if handout is not None else self.chosen_annotator

    @property
    def chosen_annotator(self) -> str:
        """The user's own name: the "annotator" setting, or the name they logged in with.
        A handed-out file does not change it, so other projects are opened as them."""
        return annotator_name(str(self.settings.value("annotator", "") or ""))

    @property
    def handout(self) -> HandedOut | None:
        """Whose work the open project is, when it was handed out to one annotator."""
        return self.opened.handout if self.opened is not None else None

    # --- news -----------------------------------------------------------------------------

    def notify(self, changes: Changes, initiator: object | None = None) -> None:
        """Tell every view what ``changes`` an action or a job made."""
        self.changed.emit(changes, initiator)

    # --- opening and closing (done by the window, asked for by workflows) --------------------

    def set_project_handlers(self, opener: Opener, closer: Callable[[], None]) -> None:
        self._opener, self._closer = opener, closer

    def open_project(self, location: str | Path, *, create: bool = True) -> None:
        """Open (or create) the project in the background; see ``MainWindow.open_project``."""
        if self._opener is not None:
            self._opener(location, create)

    def close_project(self) -> None:
        if self._closer is not None:
            self._closer()

    # --- saying things ----------------------------------------------------------------------

    def say(self, text: str, milliseconds: int = MESSAGE_MS) -> None:
        """A passing message in the status bar."""
        self.status.showMessage(text, milliseconds)

    def show_message(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        informative: str = "",
        details: str = "",
    ) -> QMessageBox:
        """A window-modal box that does not block the caller; ``text`` is shown as plain
        text because it may quote file names and article content."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(informative)
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def add_window_action(self, action: QAction) -> None:
        """An action whose keys work anywhere in the window."""
        self.window.addAction(action)

    def menu_bar_actions(self) -> list[QAction]:
        return self.window.menuBar().actions()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        name = self.project.name if self.project is not None else None
        return f"<WindowContext project={name!r}>"
