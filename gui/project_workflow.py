"""Setting up the workbench: who annotates, new projects, recently opened projects, and the
preferences and label schema actions, all put into the window's menus by ``install_setup``.

The annotator's name is asked once, on the first start, and can be changed later; the open
project is then opened again so that it shows (and stores) the new annotator's labels. The
recent projects are the files the window opened last, newest first, in QSettings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gui.article_view import ArticleView
from gui.context import WindowContext
from gui.label_schema_workflow import LabelSchemaWorkflow
from gui.preferences import MAX_ANNOTATOR_LENGTH
from gui.preferences_workflow import PreferencesWorkflow
from services.session import OpenProject

ANNOTATOR_KEY = "annotator"
RECENT_KEY = "paths/recent"
PROJECTS_DIR_KEY = "paths/projects"  # where the file dialogs start (shared with the window)
MAX_RECENT = 8
PROJECT_SUFFIX = ".sqlite"


class AnnotatorDialog(QDialog):
    """Asks for the annotator's name; OK only while there is one."""

    def __init__(self, name: str, first_start: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotator"))
        if first_start:
            text = self.tr(
                "Welcome to Standpunkt. Your labels are stored under your name, so that "
                "several annotators can label the same project. Which name should it be?"
            )
        else:
            text = self.tr(
                "Your labels are stored under this name. The open project is opened again "
                "to show the labels of the new name."
            )
        explanation = QLabel(text, self)
        explanation.setWordWrap(True)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setMaxLength(MAX_ANNOTATOR_LENGTH)
        self.name_edit.selectAll()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._name_changed)
        self._name_changed(name)
        self.resize(420, self.sizeHint().height())

    def name(self) -> str:
        return self.name_edit.text().strip()

    @Slot(str)
    def _name_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))


def read_recent(settings: QSettings) -> list[str]:
    """The recent project files, newest first. An INI file gives back a list of one as a
    plain string, and a hand-edited one anything: both are read as well as they can be."""
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if str(item)][:MAX_RECENT]


def reopen_location(project: OpenProject) -> str | Path:
    """What ``MainWindow.open_project`` needs to open ``project`` again (the password of a
    server URL included)."""
    location = project.location
    return location.file if location.file is not None else location.url.render_as_string(False)


class ProjectWorkflow(QObject):
    """File › New project…, Open recent, Change annotator…; owns the preferences
    (``preferences``) and label schema (``labels``) workflows."""

    def __init__(self, context: WindowContext, article: ArticleView) -> None:
        super().__init__(context)
        self._context = context
        window = context.window
        self._settings = context.settings
        self._reopen_pending = False  # the annotator changed while a job ran
        self.new_action = self._action(self.tr("&New project…"), "Ctrl+N", self.new_project)
        self.change_annotator_action = self._action(
            self.tr("Change &annotator…"), None, self.change_annotator
        )
        self.recent_menu = QMenu(self.tr("Open &recent"), window)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)  # files come and go
        self.clear_recent_action = self._action(self.tr("&Clear list"), None, self.clear_recent)
        self.preferences = PreferencesWorkflow(context, article)
        self.preferences.annotator_chosen.connect(self.set_annotator)
        self.labels = LabelSchemaWorkflow(context)
        context.project_opened.connect(self._on_project_opened)
        context.runner.busy_changed.connect(self._on_busy_changed)
        self.fill_recent_menu()
        self.update_actions()

    def _action(self, text: str, shortcut: str | None, slot: object) -> QAction:
        action = QAction(text, self._context.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def update_actions(self) -> None:
        idle = not self._context.runner.busy
        self.new_action.setEnabled(idle)
        self.recent_menu.setEnabled(idle)
        self.labels.update_actions()

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.update_actions()
        if not busy and self._reopen_pending:
            self._reopen()

    @Slot(object)
    def _on_project_opened(self, _opened: object) -> None:
        project = self._context.project
        if project is not None and project.location.file is not None:
            self.remember(project.location.file)
        self.update_actions()

    # --- the annotator ------------------------------------------------------------------

    def ask_annotator_if_unknown(self) -> None:
        """On the first start (no "annotator" setting) ask for the name, prefilled with the
        login name, and store it; cancelled, the login name is stored, so it is asked once."""
        if str(self._settings.value(ANNOTATOR_KEY, "") or "").strip():
            return
        suggested = self._context.chosen_annotator  # the login name while nothing is stored
        name = self.ask_name(suggested, first_start=True) or suggested
        self._settings.setValue(ANNOTATOR_KEY, name)
        self._context.status.set_annotator(name)

    @Slot()
    def change_annotator(self) -> None:
        name = self.ask_name(self._context.chosen_annotator, first_start=False)
        if name:
            self.set_annotator(name)

    @Slot(str)
    def set_annotator(self, name: str) -> None:
        """Store and show ``name``, and open the open project again for it."""
        name = name.strip()
        if not name or name == self._context.chosen_annotator:
            return
        self._settings.setValue(ANNOTATOR_KEY, name)
        handout = self._context.handout
        if handout is not None:  # the file stays its annotator's work; the name is for others
            text = self.tr("This file is {0}'s work and stays so; {1} applies to other projects.")
            self._context.say(text.format(handout.annotator, name))
            return
        self._context.status.set_annotator(name)
        if self._context.project is not None:
            self._reopen_pending = True
            if not self._context.runner.busy:  # else when the running job is done
                self._reopen()

    def _reopen(self) -> None:
        self._reopen_pending = False
        if self._context.project is not None:
            self._context.open_project(reopen_location(self._context.project), create=False)

    def ask_name(self, name: str, first_start: bool) -> str | None:
        """The name the user typed, or None when they cancelled (tests replace this)."""
        dialog = AnnotatorDialog(name, first_start, self._context.window)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.name() if accepted else None
        finally:
            dialog.deleteLater()

    # --- a new project --------------------------------------------------------------------

    @Slot()
    def new_project(self) -> None:
        """Ask for a file that does not exist yet and create the project there, with the
        sample articles if the user wants them."""
        chosen = self.choose_new_file()
        if not chosen:
            return
        file = Path(chosen)
        if file.suffix.lower() != PROJECT_SUFFIX:
            file = file.with_name(file.name + PROJECT_SUFFIX)
        if file.exists():
            text = self.tr("{0} exists already.").format(file)
            hint = self.tr("Choose another name, or open it with File > Open project…")
            title = self.tr("Cannot create the project")
            self._context.show_message(QMessageBox.Icon.Warning, title, text, hint)
            return
        self._settings.setValue(PROJECTS_DIR_KEY, str(file.parent))
        context = self._context
        samples = context.samples_dir
        with_samples = samples is not None and samples.is_dir() and self.ask_samples()
        # The window imports its samples into every project it creates: only when wanted.
        context.samples_dir = samples if with_samples else None
        try:
            context.open_project(file, create=True)
        finally:
            context.samples_dir = samples

    def choose_new_file(self) -> str:
        """The file the user chose for a new project, "" when cancelled (tests replace this)."""
        start = Path(str(self._settings.value(PROJECTS_DIR_KEY, "") or Path.home()))
        file, _ = QFileDialog.getSaveFileName(
            self._context.window,
            self.tr("New project"),
            str(start / self.tr("Project.sqlite")),
            self.tr("Standpunkt projects (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused
        )
        return file

    def ask_samples(self) -> bool:
        """Whether the new project gets the sample articles (tests replace this)."""
        answer = QMessageBox.question(
            self._context.window,
            self.tr("New project"),
            self.tr(
                "Add the sample articles to the new project? They show how entity and "
                "stance suggestions look before you import your own articles."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- recent projects -------------------------------------------------------------------

    def recent_projects(self) -> list[str]:
        return read_recent(self._settings)

    def remember(self, file: str | Path) -> None:
        """Put ``file`` first in the recent list (at most ``MAX_RECENT`` stay)."""
        entry = str(file)
        recent = [entry, *(path for path in self.recent_projects() if path != entry)]
        self._settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
        self.fill_recent_menu()

    def forget(self, file: str) -> None:
        recent = [path for path in self.recent_projects() if path != file]
        self._settings.setValue(RECENT_KEY, recent)
        self.fill_recent_menu()

    @Slot()
    def clear_recent(self) -> None:
        self._settings.setValue(RECENT_KEY, [])
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        """One entry per recent file; one that is gone is shown, disabled, as not found."""
        menu = self.recent_menu
        menu.clear()
        recent = self.recent_projects()
        for number, path in enumerate(recent, start=1):
            file = Path(path)
            # "&" would underline the next letter: a file name is shown as it is.
            text = f"&{number} " + f"{file.name} – {file.parent}".replace("&", "&&")
            action = menu.addAction(text)
            action.setToolTip(path)
            action.setData(path)
            if not file.is_file():
                action.setText(self.tr("{0} (not found)").format(text))
                action.setEnabled(False)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not recent:
            menu.addAction(self.tr("No recent projects")).setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.clear_recent_action)
        self.clear_recent_action.setEnabled(bool(recent))

    def open_recent(self, path: str) -> None:
        """Open a recent project; one that is gone is taken off the list, with a message."""
        if not Path(path).is_file():
            self.forget(path)
            text = self.tr("{0} was not found. It is taken off the list of recent projects.")
            title = self.tr("Cannot open project")
            self._context.show_message(QMessageBox.Icon.Warning, title, text.format(path))
            return
        self._context.open_project(path, create=False)


def install_setup(context: WindowContext, article: ArticleView) -> ProjectWorkflow:
    """Create the setup workflow and put its actions into the window's menus: File (new,
    recent, change annotator), Edit (preferences), View (zoom) and Annotate (labels)."""
    setup = ProjectWorkflow(context, article)
    menus = context.menus
    assert menus is not None
    file_menu = menus.file
    actions = file_menu.actions()
    first = menus.open_action if menus.open_action in actions else menus.quit_action
    after_open = menus.import_action if menus.import_action in actions else menus.quit_action
    file_menu.insertAction(first, setup.new_action)
    file_menu.insertMenu(after_open, setup.recent_menu)
    file_menu.insertAction(menus.quit_action, setup.change_annotator_action)
    file_menu.insertSeparator(menus.quit_action)
    menus.edit.addSeparator()
    menus.edit.addAction(setup.preferences.preferences_action)
    menus.view.addSeparator()
    menus.view.addActions(setup.preferences.zoom.actions)
    menus.annotate.addSeparator()
    menus.annotate.addAction(setup.labels.labels_action)
    return setup
