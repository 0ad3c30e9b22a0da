"""The main window: the document list on the left, the selected article on the right.

Slow work (opening a project, importing files, suggesting for all documents) runs in a
``Worker`` through the ``JobRunner``; the window only starts it, shows that it is busy, and
takes the result. One such job runs at a time: the actions that would start another are
disabled meanwhile. The ``SuggestionController`` paints the shown document's entity spans and
suggests for it in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from gui.article_view import ArticleView
from gui.context import WindowContext, WindowMenus
from gui.document_model import DocumentSource, DocumentTableModel
from gui.document_order import DocumentOrderMenu
from gui.document_table import DocumentTable
from gui.document_workflow import DocumentWorkflow, document_side_panel
from gui.entity_training import install_entity_training
from gui.entity_workflow import EntityWorkflow
from gui.export_workflow import install_export
from gui.find_bar import install_find
from gui.flag_workflow import FlagWorkflow
from gui.import_workflow import ImportWorkflow
from gui.job_runner import JobRunner
from gui.main_toolbar import install_toolbar
from gui.project_opening import ProjectOpener
from gui.project_watch import install_project_watch
from gui.project_workflow import install_setup
from gui.restore_workflow import install_restore
from gui.review_workflow import install_review
from gui.shortcut_sheet import install_shortcut_sheet
from gui.spans_dock import SpansDock
from gui.stance_workflow import StanceWorkflow
from gui.statistics_workflow import install_statistics
from gui.status_bar import MESSAGE_MS, ProjectStatusBar
from gui.suggest_progress import suggest_all_summary
from gui.suggestion_controller import SuggestionController
from gui.team_workflow import install_team
from gui.undo import say_what_is_replayed
from gui.window_layout import restore_layout, save_layout
from services.changes import PROJECT_SWITCHED, Changes
from services.document_view import document_text
from services.session import (
    OpenedProject,
    OpenProject,
)
from services.suggestion_jobs import AllSuggested
from services.values import DocumentRow, StorageError, storage_error_text


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
        self.settings = settings if settings is not None else QSettings()
        self._closing = False
        self.runner = JobRunner(self)
        self.runner.busy_changed.connect(self._on_busy_changed)

        self._build_views()
        self.undo_stack = QUndoStack(self)
        self.context = WindowContext(
            self, self.settings, self.runner, self.undo_stack, self.status, samples_dir
        )
        self.opener = ProjectOpener(self.context)
        self.opener.opened.connect(self._on_project_opened)
        self.context.set_project_handlers(self.opener.open, self.close_project)
        self._connect_views()
        self._install_workflows(self.context)
        self.spans = SpansDock(self, self.article, self.view_menu, self.entities, self.settings)
        self.view_menu.addAction(self.status.log_action)  # messages in full
        self.toolbar = install_toolbar(self)
        self.shortcuts_action = install_shortcut_sheet(self, self.article, self.help_menu)
        self.model.load_failed.connect(self._on_load_failed)
        self.table.current_document_changed.connect(self._show_document)

        self.setWindowTitle("Standpunkt")
        self.status.set_annotator(self.annotator)
        restore_layout(self, self.splitter, self.settings, self.table.horizontalHeader())
        self._update_actions()

    @property
    def annotator(self) -> str:
        """Who annotates: the "annotator" setting, or the name the user logged in with."""
        return self.context.annotator

    @property
    def project(self) -> OpenProject | None:
        return self.context.project

    @project.setter
    def project(self, project: OpenProject | None) -> None:
        self.context.project = project

    @property
    def samples_dir(self) -> Path | None:
        """Imported into a project on its very first start."""
        return self.context.samples_dir

    @samples_dir.setter
    def samples_dir(self, samples: Path | None) -> None:
        self.context.samples_dir = samples

    # --- building ------------------------------------------------------------------------

    def _build_views(self) -> None:
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

    def _connect_views(self) -> None:
        """The views follow the context's news and the suggester's."""
        self.suggestions.shown.connect(self.suggestions_shown)
        self.suggestions.document_changed.connect(self.model.refresh_document)
        self.suggestions.all_finished.connect(self._on_all_suggested)
        self.suggestions.all_failed.connect(self._on_suggest_all_failed)
        # The shown document is repainted first (what the annotator waits for), then the list.
        self.context.changed.connect(self.suggestions.on_changed)
        self.context.changed.connect(self._on_changed)

    def _install_workflows(self, context: WindowContext) -> None:
        """Each takes the context (and the few widgets it works on) and puts its actions
        into the window's menus; the window only wires what they say to its views."""
        self.importer = ImportWorkflow(context, self._reload_documents)
        self.importer.finished.connect(self.import_finished)
        self.stance = StanceWorkflow(context, self.article)
        self.stance.training_finished.connect(self.training_finished)
        self.stance.stance_outdated.connect(self.suggestions.stance_changed_at)
        self.entities = EntityWorkflow(context, self.article.text_edit, self.table)
        self.article.spans_shown.connect(self.entities.on_spans_shown)
        self._create_actions()  # the Annotate menu takes the two above's actions
        self.documents = DocumentWorkflow(context, self.table)
        self.flags = FlagWorkflow(context, self.table, self.documents.menu)
        self.splitter.insertWidget(0, document_side_panel(self.documents, self.table))
        self.setup = install_setup(context, self.article)  # projects, annotator, preferences
        self.export = install_export(context)
        self.restore = install_restore(context)  # File › Restore from backup…
        self.team = install_team(context)  # File › Hand out…, Merge annotators' work…
        self.opener.damaged.connect(self.restore.offer)
        self.statistics = install_statistics(context)
        self.project_watch = install_project_watch(context)  # View › Reload (F5)
        self.review = install_review(context, self.table)
        self.entity_training = install_entity_training(context)
        self.entity_training.model_changed.connect(self.suggestions.set_entity_model)

    def _create_actions(self) -> None:
        self.open_action = self._action(self.tr("&Open project…"), "Ctrl+O", self.opener.choose)
        self.import_action = self._action(
            self.tr("&Import files…"), "Ctrl+I", self.importer.choose_files
        )
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.close)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        say_what_is_replayed(self.undo_stack, self.undo_action, self.redo_action, self.context.say)
        self.suggest_all_action = self._action(
            self.tr("&Suggest for all documents"),
            "Ctrl+Shift+S",
            self.suggestions.suggest_all,
        )
        self.about_action = self._action(self.tr("&About Standpunkt"), None, self.show_about)
        # The menus are attributes: the workflows (stance, …) add their actions to them.
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addActions([self.open_action, self.import_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.find_actions = install_find(self.article.find_bar, self, self.edit_menu)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.document_order = DocumentOrderMenu(self.table, self)
        self.order_actions = self.document_order.actions
        self.view_menu.addMenu(self.document_order.menu)
        self.annotate_menu = self.menuBar().addMenu(self.tr("&Annotate"))
        self.annotate_menu.addAction(self.suggest_all_action)
        self.annotate_menu.addSeparator()
        self.annotate_menu.addActions(self.entities.menu_actions)
        self.annotate_menu.addSeparator()
        self.annotate_menu.addActions(self.stance.menu_actions)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)
        self.context.menus = WindowMenus(
            self.file_menu,
            self.edit_menu,
            self.view_menu,
            self.annotate_menu,
            self.help_menu,
            self.open_action,
            self.import_action,
            self.quit_action,
        )

    def set_document_order(self, order: str) -> None:
        """Show the documents in ``order`` ("import" or "uncertainty")."""
        self.document_order.set_order(order)

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

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.status.set_busy(None)
        self._update_actions()

    # --- opening a project ------------------------------------------------------------

    def open_project(self, location: str | Path, *, create: bool = True) -> None:
        """Open (or create) the project in the background; the current one stays open
        until the new one is ready, and stays if that fails."""
        self.opener.open(location, create)

    @Slot(object)
    def _on_project_opened(self, opened: OpenedProject) -> None:
        if self._closing:  # the window went away while the project was opening
            opened.project.close()
            return
        old = self.project
        self.context.set_opened(opened)
        self.suggestions.set_project(opened.project, opened.annotator_id, opened.stance_since)
        # The workflows take the new project; the old one's shown document stores its time.
        self.context.project_replacing.emit(opened)
        if old is not None:
            self.suggestions.retire(old)  # closed when no suggestion job uses it
        self.model.reset_source(
            DocumentSource(opened.project.db, opened.project.project_id, opened.annotator_id)
        )
        self.setWindowTitle(self.tr("{0} – Standpunkt").format(opened.project.name))
        self.status.set_project(opened.project.name, self.model.total)
        self.status.set_saved(True)
        self.table.select_document(None)
        self._update_actions()
        self.context.notify(PROJECT_SWITCHED, self)
        if opened.samples is not None and opened.samples.imported:
            text = self.tr("New project: imported {0} sample articles.")
            self.status.showMessage(text.format(opened.samples.imported), MESSAGE_MS)
        self.context.project_opened.emit(opened)
        self.project_opened.emit()

    def close_project(self) -> None:
        """Close the open project and show none (before its file is replaced by a backup;
        opening another project needs no closing). The shown document's time is stored,
        the work in the background that reads or writes the project stops (this waits for
        its current step), and its undo history ends. Only while the runner is idle: its
        jobs use the project too."""
        project = self.project
        if project is None:
            return
        if self.runner.busy:  # callers wait for the runner: a job would lose its project
            raise RuntimeError("a job of the runner still uses the project")
        # Each stops what uses the project and lets go of its editors (which hold its
        # database: an engine disposed of still opens new connections); the shown
        # document's time is stored first, while the project is open.
        self.context.project_closing.emit()
        self._show_nothing()
        self.suggestions.shutdown()
        self.undo_stack.clear()  # undoing replays the log of this project
        self.context.set_opened(None)
        self.model.reset_source(None)
        project.close()
        self.setWindowTitle("Standpunkt")
        self.status.set_project(None)
        self.status.set_stance_suggester(None)
        self.status.set_stance_quality(None)
        self._update_actions()
        self.context.notify(PROJECT_SWITCHED, self)

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        """The document list and the status bar follow what changed."""
        if changes.project:
            return  # opening and closing set the list up themselves
        if changes.document_list:
            self._reload_documents()
            return
        if not changes.data:
            return
        self.status.set_saved(True)
        if changes.status:  # what the list is for: said at once
            for document_id in sorted(changes.documents or ()):
                self.model.refresh_document(document_id)
        else:  # decisions change the counts: read once the article is painted
            self.model.refresh_later(changes.documents or ())

    def _reload_documents(self) -> None:
        """Read the list again and show the selected document anew."""
        selected = self.table.selected_document()
        self.model.reload()
        self.status.set_documents(self.model.total)
        self.status.set_saved(True)
        self.table.select_document(selected.id if selected is not None else None)

    def import_files(self, paths: list[Path]) -> None:
        """Import ``paths`` in the background behind a progress dialog that can cancel."""
        self.importer.import_files(paths)

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

    # --- showing documents ------------------------------------------------------------

    @Slot(object)
    def _show_document(self, row: DocumentRow | None) -> None:
        if row is None or self.project is None:
            self._show_nothing()
            return
        try:
            text = document_text(self.project, row.id)
        except StorageError as exc:
            message = self.tr("Cannot read the document: {0}").format(storage_error_text(exc))
            self._on_load_failed(message)
            return
        if text is None:
            self._show_nothing()
            self.status.showMessage(self.tr("The document was deleted."), MESSAGE_MS)
            return
        self.article.show_document(row, text)
        self.context.document_shown.emit(row.id)
        self.suggestions.show(row)

    def _show_nothing(self) -> None:
        self.article.clear()
        self.context.document_shown.emit(None)
        self.suggestions.show(None)

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
        """A window-modal box that does not block the caller (``WindowContext.show_message``)."""
        return self.context.show_message(icon, title, text, informative, details)

    @Slot()
    def show_about(self) -> None:
        text = self.tr(
            "Standpunkt: label German and English news articles with named entities and stance."
        )
        where = self.project.location if self.project is not None else None
        project = self.tr("Project: {0}").format(where.file or where.url) if where else ""
        self.show_message(QMessageBox.Icon.Information, self.tr("About Standpunkt"), text, project)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        save_layout(self, self.splitter, self.settings, self.table.horizontalHeader())
        self._closing = True
        self.context.shutting_down.emit()  # trainers, passes and checks stop
        self.runner.shutdown()  # an import stops after its batch; opening runs to the end
        self.suggestions.shutdown()
        project = self.project
        if project is not None:
            self.context.project_closing.emit()  # the shown document's time spent
            self.model.reset_source(None)  # the list asks no more of a closed project
            project.close()
            self.context.set_opened(None)
        super().closeEvent(event)
