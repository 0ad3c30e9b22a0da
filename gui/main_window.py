"""The main window: the document list on the left, the selected article on the right.

Slow work (opening a project, importing files, suggesting for all documents) runs in a
``Worker`` through the ``JobRunner``; the window only starts it, shows that it is busy, and
takes the result. One such job runs at a time: the actions that would start another are
disabled meanwhile. The ``SuggestionController`` paints the shown document's entity spans and
suggests for it in the background.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from gui.annotation_commands import StanceActions
from gui.article_view import ArticleView
from gui.document_model import DocumentSource, DocumentTableModel
from gui.document_table import DocumentTable
from gui.import_progress import ImportProgressDialog, summary_message
from gui.job_runner import JobRunner
from gui.jobs import OpenedProject, import_files_job, location_name, open_project_job
from gui.stance_training import StanceTrainer, TrainingOutcome, training_summary
from gui.status_bar import MESSAGE_MS, ProjectStatusBar
from gui.suggest_progress import suggest_all_summary
from gui.suggestion_controller import SuggestionController
from gui.suggestion_jobs import AllSuggested
from gui.targets_dialog import TargetsDialog
from nlp.stance_training import ActiveStance, active_stance
from storage.documents import DocumentRow, get_document
from storage.importing.service import ImportSummary
from storage.project import OpenProject
from storage.stance_edits import StanceEditor
from storage.stance_store import project_targets, targets_changed_at

DEFAULT_SIZE = (1200, 750)
DEFAULT_SPLIT = (560, 640)


class MainWindow(QMainWindow):
    """Opens one project at a time; ``open_project`` and ``import_files`` start the jobs."""

    project_opened = Signal()  # the window shows a newly opened project
    import_finished = Signal(object)  # ImportSummary, after the list was reloaded
    # (document id, spans highlighted) right after a document's highlights were painted:
    # at once for one that was suggested for, else when its suggestions are stored.
    suggestions_shown = Signal(int, int)
    all_suggested = Signal(object)  # AllSuggested, after the list was reloaded
    training_finished = Signal(object)  # TrainingOutcome, after it was announced

    def __init__(
        self,
        samples_dir: Path | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.samples_dir = samples_dir  # imported into a project on its very first start
        self.settings = settings if settings is not None else QSettings()
        self.project: OpenProject | None = None
        self._progress: ImportProgressDialog | None = None
        self._closing = False
        self._announce_training = False  # the user asked for the running training
        self.runner = JobRunner(self)
        self.runner.busy_changed.connect(self._on_busy_changed)

        self.model = DocumentTableModel(self)
        self.table = DocumentTable(self.model)
        self.article = ArticleView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.article)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)  # a wider window gives the article more room
        self.setCentralWidget(self.splitter)
        self.status = ProjectStatusBar(self)
        self.setStatusBar(self.status)
        self.suggestions = SuggestionController(
            self.article, self.status, self.runner, self.settings, self
        )
        self.suggestions.shown.connect(self.suggestions_shown)
        self.suggestions.document_changed.connect(self.model.refresh_document)
        self.suggestions.all_finished.connect(self._on_all_suggested)
        self.suggestions.all_failed.connect(self._on_suggest_all_failed)
        self.undo_stack = QUndoStack(self)
        self.stance_actions = StanceActions(self.undo_stack, self)
        self.stance_actions.changed.connect(self._after_annotation)
        self.stance_actions.failed.connect(self._on_annotation_refused)
        panel = self.article.stance_panel
        panel.accept_requested.connect(self.stance_actions.accept)
        panel.reject_requested.connect(self.stance_actions.reject)
        panel.relabel_requested.connect(self.stance_actions.relabel)
        panel.accept_all_requested.connect(self.stance_actions.accept_all)
        panel.document_stance_requested.connect(self.stance_actions.set_document_stance)
        self.trainer = StanceTrainer(self.settings, self)
        self.trainer.running_changed.connect(self._on_training_running)
        self.trainer.progress.connect(self.status.set_training)
        self.trainer.trained.connect(self._on_stance_trained)
        self.trainer.failed.connect(self._on_training_failed)
        self.trainer.active_changed.connect(self._on_stance_suggester_changed)
        self._create_actions()
        self.model.load_failed.connect(self._on_load_failed)
        self.table.current_document_changed.connect(self._show_document)

        self.setWindowTitle("Standpunkt")
        self.status.set_annotator(self.annotator)
        self._restore_layout()
        self._update_actions()

    @property
    def annotator(self) -> str:
        """Who annotates: the "annotator" setting, or the name the user logged in with."""
        name = str(self.settings.value("annotator", "") or "").strip()
        if name:
            return name
        try:
            return getpass.getuser()
        except (OSError, KeyError):  # no login name (some containers and services)
            return "annotator"

    # --- building ------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.open_action = self._action(self.tr("&Open project…"), "Ctrl+O", self.choose_project)
        self.import_action = self._action(
            self.tr("&Import files…"), "Ctrl+I", self.choose_import_files
        )
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.close)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.suggest_all_action = self._action(
            self.tr("&Suggest for all documents"),
            "Ctrl+Shift+S",
            self.suggestions.suggest_all,
        )
        self.targets_action = self._action(self.tr("Stance &targets…"), "Ctrl+T", self.show_targets)
        self.train_stance_action = self._action(
            self.tr("&Train stance classifier now"), "Ctrl+Shift+T", self.train_stance
        )
        self.stop_training_action = self._action(
            self.tr("Stop &training"), None, self.trainer.cancel
        )
        self.about_action = self._action(self.tr("&About Standpunkt"), None, self.show_about)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.open_action, self.import_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.menuBar().addMenu(self.tr("&Edit")).addActions([self.undo_action, self.redo_action])
        annotate = self.menuBar().addMenu(self.tr("&Annotate"))
        annotate.addAction(self.suggest_all_action)
        annotate.addSeparator()
        annotate.addActions(
            [self.targets_action, self.train_stance_action, self.stop_training_action]
        )
        self.menuBar().addMenu(self.tr("&Help")).addAction(self.about_action)

    def _action(self, text: str, shortcut: str | None, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _update_actions(self) -> None:
        idle = not self.runner.busy
        self.open_action.setEnabled(idle)
        self.import_action.setEnabled(idle and self.project is not None)
        self.suggest_all_action.setEnabled(idle and self.project is not None)
        self.targets_action.setEnabled(self.project is not None)
        training = self.trainer.running
        self.train_stance_action.setEnabled(self.project is not None and not training)
        self.stop_training_action.setEnabled(training)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.status.set_busy(None)
        self._update_actions()

    # --- opening a project ------------------------------------------------------------

    @Slot()
    def choose_project(self) -> None:
        start = str(self.settings.value("paths/projects", "") or "")
        file, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open project"),
            start,
            self.tr("Standpunkt projects (*.sqlite);;All files (*)"),
        )
        if file:
            self.settings.setValue("paths/projects", str(Path(file).parent))
            self.open_project(file, create=False)  # a chosen file exists: never make one

    def open_project(self, location: str | Path, *, create: bool = True) -> None:
        """Open (or create) the project in the background; the current one stays open
        until the new one is ready, and stays if that fails."""
        job = open_project_job(location, self.annotator, self.samples_dir, create=create)
        if self.runner.start(job, self._on_project_opened, self._on_open_failed) is not None:
            self.status.set_busy(self.tr("Opening {0}…").format(location_name(location)))

    @Slot(object)
    def _on_project_opened(self, opened: OpenedProject) -> None:
        if self._closing:  # the window went away while the project was opening
            opened.project.close()
            return
        if self.project is not None:
            self.suggestions.retire(self.project)  # closed when no suggestion job uses it
        self.project = opened.project
        stance = opened.stance
        self.suggestions.set_project(opened.project, opened.annotator_id, opened.stance_since)
        self.trainer.set_project(opened.project, stance)
        self.stance_actions.set_editor(
            StanceEditor(opened.project.db, opened.project.project_id, opened.annotator_id)
        )
        self.status.set_stance_suggester(stance.name if stance else None)
        self.status.set_stance_quality(stance.macro_f1 if stance else None)
        self.model.reset_source(
            DocumentSource(opened.project.db, opened.project.project_id, opened.annotator_id)
        )
        self.setWindowTitle(self.tr("{0} – Standpunkt").format(opened.project.name))
        self.status.set_project(opened.project.name, self.model.total)
        self.status.set_saved(True)
        self.table.select_document(None)
        self._update_actions()
        if opened.samples is not None and opened.samples.imported:
            text = self.tr("New project: imported {0} sample articles.")
            self.status.showMessage(text.format(opened.samples.imported), MESSAGE_MS)
        self.project_opened.emit()

    @Slot(str)
    def _on_open_failed(self, message: str) -> None:
        hint = self.tr("Choose a project with File > Open project…")
        self.show_message(QMessageBox.Icon.Critical, self.tr("Cannot open project"), message, hint)

    # --- importing --------------------------------------------------------------------

    @Slot()
    def choose_import_files(self) -> None:
        start = str(self.settings.value("paths/import", "") or "")
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import files"),
            start,
            self.tr("Articles (*.txt *.jsonl *.csv *.tsv *.xlsx);;All files (*)"),
        )
        if files:
            self.settings.setValue("paths/import", str(Path(files[0]).parent))
            self.import_files([Path(f) for f in files])

    def import_files(self, paths: list[Path]) -> None:
        """Import ``paths`` in the background behind a progress dialog that can cancel."""
        if self.project is None or not paths:
            return
        job = import_files_job(self.project, paths)
        worker = self.runner.start(job, self._on_import_finished, self._on_import_failed)
        if worker is None:
            return
        self._progress = ImportProgressDialog(self)
        worker.signals.progress.connect(self._progress.show_progress)
        self._progress.canceled.connect(self._cancel_job)
        self._progress.show()
        self.status.set_busy(self.tr("Importing…"))
        self.status.set_saved(False)

    @Slot(object)
    def _on_import_finished(self, summary: ImportSummary) -> None:
        self._after_import()
        message = summary_message(summary)
        self.show_message(
            message.icon, message.title, message.text, message.informative, message.details
        )
        self.import_finished.emit(summary)

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self._after_import()  # earlier batches were committed: show them
        title = self.tr("Import failed")
        hint = self.tr("Documents imported before the error were kept.")
        self.show_message(QMessageBox.Icon.Critical, title, message, hint)

    def _after_import(self) -> None:
        if self._progress is not None:
            self._progress.finish()
            self._progress = None
        self._reload_documents()

    def _reload_documents(self) -> None:
        """Read the list again and show the selected document anew."""
        selected = self.table.selected_document()
        self.model.reload()
        self.status.set_documents(self.model.total)
        self.status.set_saved(True)
        self.table.select_document(selected.id if selected is not None else None)

    @Slot()
    def _cancel_job(self) -> None:
        if self.runner.cancel():
            self.status.set_busy(self.tr("Stopping the import…"))

    # --- suggesting for all documents ---------------------------------------------------

    @Slot(object)
    def _on_all_suggested(self, report: AllSuggested) -> None:
        self._reload_documents()
        message = suggest_all_summary(report.entities, report.stance)
        self.show_message(
            message.icon, message.title, message.text, message.informative, message.details
        )
        self.all_suggested.emit(report)

    @Slot(str)
    def _on_suggest_all_failed(self, message: str) -> None:
        self._reload_documents()  # documents suggested for before the error keep theirs
        self.show_message(QMessageBox.Icon.Critical, self.tr("Cannot suggest"), message)

    # --- annotating -------------------------------------------------------------------

    @Slot()
    def _after_annotation(self) -> None:
        """A decision (or its undo) was committed: show it, and learn from it."""
        self.status.set_saved(True)
        self.suggestions.repaint()
        if self.stance_actions.document_id is not None:
            self.model.refresh_document(self.stance_actions.document_id)
        self.trainer.labels_changed()

    @Slot(str)
    def _on_annotation_refused(self, message: str) -> None:
        self.status.showMessage(self.tr("Not done: {0}").format(message), MESSAGE_MS)

    @Slot()
    def show_targets(self) -> None:
        """The stance targets dialog (non-blocking: the window stays usable)."""
        if self.project is None:
            return
        dialog = TargetsDialog(self.project.db, self.project.project_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.targets_changed.connect(self._on_targets_changed)
        dialog.show()

    @Slot()
    def _on_targets_changed(self) -> None:
        """New or changed targets: stance is suggested anew for what is shown and opened."""
        if self.project is None:
            return
        db, project_id = self.project.db, self.project.project_id
        with db.read() as session:
            changed = targets_changed_at(session, project_id)
            has_targets = bool(project_targets(session, project_id))
        active = active_stance(db, project_id) if has_targets else None
        self.status.set_stance_suggester(active.name if active else None)
        self.status.set_stance_quality(active.macro_f1 if active else None)
        self.suggestions.stance_changed_at(changed)

    # --- training the stance classifier ---------------------------------------------

    @Slot()
    def train_stance(self) -> None:
        """Train the stance classifier now, in the background; the result is announced."""
        if self.trainer.train_now():
            self._announce_training = True

    @Slot(bool)
    def _on_training_running(self, running: bool) -> None:
        self.status.set_training(0 if running else None)
        self._update_actions()

    @Slot(object)
    def _on_stance_trained(self, outcome: TrainingOutcome) -> None:
        asked, self._announce_training = self._announce_training, False
        text = training_summary(outcome)
        self.status.showMessage(text, MESSAGE_MS)
        if asked:
            self.show_message(QMessageBox.Icon.Information, self.tr("Stance classifier"), text)
        self.training_finished.emit(outcome)

    @Slot(str)
    def _on_training_failed(self, message: str) -> None:
        self._announce_training = False
        title = self.tr("Cannot train the stance classifier")
        self.show_message(QMessageBox.Icon.Warning, title, message)

    @Slot(object)
    def _on_stance_suggester_changed(self, active: ActiveStance) -> None:
        """Another suggester took over: say so, and let it suggest for what is shown."""
        self.status.set_stance_suggester(active.name)
        self.status.set_stance_quality(active.macro_f1)
        self.suggestions.stance_changed_at(active.activated)

    # --- showing documents ------------------------------------------------------------

    @Slot(object)
    def _show_document(self, row: DocumentRow | None) -> None:
        if row is None or self.project is None:
            self.article.clear()
            self.suggestions.show(None)
            return
        try:
            with self.project.db.read() as session:
                document = get_document(session, self.project.project_id, row.id)
                text = document.text if document is not None else None
        except SQLAlchemyError as exc:
            self._on_load_failed(self.tr("Cannot read the document: {0}").format(exc.orig or exc))
            return
        if text is None:
            self.article.clear()
            self.suggestions.show(None)
            self.status.showMessage(self.tr("The document was deleted."), MESSAGE_MS)
            return
        self.article.show_document(row, text)
        self.stance_actions.document_id = row.id
        self.suggestions.show(row)

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        self.status.showMessage(message, MESSAGE_MS)

    # --- messages, settings, closing --------------------------------------------------

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
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(informative)
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    @Slot()
    def show_about(self) -> None:
        text = self.tr(
            "Standpunkt: label German and English news articles with named entities and stance."
        )
        where = self.project.location if self.project is not None else None
        project = self.tr("Project: {0}").format(where.file or where.url) if where else ""
        self.show_message(QMessageBox.Icon.Information, self.tr("About Standpunkt"), text, project)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)
        splitter = self.settings.value("window/splitter")
        if not (isinstance(splitter, QByteArray) and self.splitter.restoreState(splitter)):
            self.splitter.setSizes(list(DEFAULT_SPLIT))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self._closing = True
        self.trainer.shutdown()
        self.runner.shutdown()  # an import stops after its batch; opening runs to the end
        self.suggestions.shutdown()
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
