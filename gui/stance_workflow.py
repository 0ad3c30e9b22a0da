"""What the window does about stance besides showing it: the annotator's decisions from the
stance panel, its holders and evidence (``gui.holder_workflow``), the targets and actors
dialogs, and training the classifier in the background.

It owns the actions of the Annotate menu for stance and the objects behind them
(``StanceActions`` on the window's undo stack, ``StanceTrainer``); the window builds it once,
tells it when a project was opened or a document shown, and puts its actions in the menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from gui.actors_dialog import ActorsDialog
from gui.article_view import ArticleView
from gui.context import WindowContext
from gui.holder_workflow import HolderWorkflow
from gui.stance_actions import StanceActions
from gui.stance_training import StanceTrainer, TrainingOutcome, training_summary
from gui.targets_dialog import TargetsDialog
from services.changes import MODEL_SWITCHED, Changes
from services.editing import TARGETS_EDITED, StanceEditor, stance_edited
from services.targets import stance_after_target_change

if TYPE_CHECKING:
    from services.session import OpenedProject
    from services.targets import ActiveStance


class StanceWorkflow(QObject):
    """Decisions, targets and training for the window's open project."""

    training_finished = Signal(object)  # TrainingOutcome, after it was announced
    # Stance suggested before this time (a datetime, or None) is out of date: another
    # suggester took over, or the targets changed.
    stance_outdated = Signal(object)

    def __init__(self, context: WindowContext, article: ArticleView) -> None:
        super().__init__(context)
        self._context = context
        self._article = article
        self._announce_training = False  # the user asked for the running training
        self.actors_dialog: ActorsDialog | None = None  # the last one opened (for tests)
        self.actions = StanceActions(context.undo_stack, self)
        self.actions.changed.connect(self._after_annotation)
        self.actions.failed.connect(self._on_annotation_refused)
        context.project_replacing.connect(self.project_opened)
        context.project_closing.connect(self._let_go)
        context.shutting_down.connect(self.shutdown)
        context.document_shown.connect(self.document_shown)
        context.changed.connect(self._on_changed)
        context.runner.busy_changed.connect(self.update_actions)
        panel = article.stance_panel
        panel.accept_requested.connect(self.actions.accept)
        panel.reject_requested.connect(self.actions.reject)
        panel.relabel_requested.connect(self.actions.relabel)
        panel.accept_all_requested.connect(self.actions.accept_all)
        panel.document_stance_requested.connect(self.actions.set_document_stance)
        self.trainer = StanceTrainer(context.settings, self)
        self.trainer.running_changed.connect(self._on_training_running)
        self.trainer.progress.connect(context.status.set_training)
        self.trainer.trained.connect(self._on_stance_trained)
        self.trainer.failed.connect(self._on_training_failed)
        self.trainer.active_changed.connect(self._on_stance_suggester_changed)

        self.targets_action = self._action(self.tr("Stance &targets…"), "Ctrl+T", self.show_targets)
        self.actors_action = self._action(
            self.tr("Stance &actors…"), "Ctrl+Alt+A", self.show_actors
        )
        self.holders = HolderWorkflow(context, article, self.actions)
        self.train_action = self._action(
            self.tr("&Train stance classifier now"), "Ctrl+Shift+T", self.train
        )
        self.stop_training_action = self._action(
            self.tr("Stop stance &training"), None, self.trainer.cancel
        )
        # F6 and Shift+F6 move between panes in Qt applications; here there are two.
        self.switch_action = self._action(
            self.tr("Switch between article and stance &panel"), "F6", self.switch_pane
        )
        self.switch_action.setShortcuts([QKeySequence("F6"), QKeySequence("Shift+F6")])
        self.update_actions()

    @property
    def menu_actions(self) -> list[QAction]:
        return [
            self.switch_action,
            self.targets_action,
            self.actors_action,
            *self.holders.menu_actions,
            self.train_action,
            self.stop_training_action,
        ]

    def _action(self, text: str, shortcut: str | None, slot: object) -> QAction:
        action = QAction(text, self._context.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def update_actions(self) -> None:
        has_project = self._context.project is not None
        self.targets_action.setEnabled(has_project)
        self.actors_action.setEnabled(has_project)
        self.holders.set_enabled(has_project)
        self.switch_action.setEnabled(has_project)
        self.train_action.setEnabled(has_project and not self.trainer.running)
        self.stop_training_action.setEnabled(self.trainer.running)

    # --- the window's project and document ------------------------------------------------

    def project_opened(self, opened: OpenedProject) -> None:
        """Decide, train and show the suggester's quality for the newly opened project."""
        stance = opened.stance
        project = opened.project
        self.trainer.set_project(project, stance)
        self.actions.set_editor(StanceEditor(project.db, project.project_id, opened.annotator_id))
        self._show_active(stance)
        self.update_actions()

    def document_shown(self, document_id: int | None) -> None:
        self.actions.document_id = document_id

    def shutdown(self) -> None:
        self.trainer.shutdown()

    def _let_go(self) -> None:
        self.shutdown()
        self.actions.set_editor(None)  # it holds the closing project's database

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project:
            self.update_actions()
        if changes.stance and not changes.reset:
            self.trainer.labels_changed()  # may start a retraining

    def _show_active(self, active: ActiveStance | None) -> None:
        status = self._context.status
        status.set_stance_suggester(active.name if active else None)
        status.set_stance_quality(active.macro_f1 if active else None)

    # --- annotating ---------------------------------------------------------------------------

    @Slot()
    def switch_pane(self) -> None:
        """From the stance panel to the article text; from anywhere else to the panel, on
        its selected row, else on the first row at or after the article's caret."""
        panel, text = self._article.stance_panel, self._article.text_edit
        if panel.has_focus():
            text.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        caret = text.positions.from_qt(text.textCursor().position())
        if panel.enter(caret):
            return
        if panel.isVisible():
            self._context.say(self.tr("This document has no stance rows to review."))
        else:
            self._context.say(
                self.tr("No stance panel: add stance targets first (Annotate › Stance targets…).")
            )

    @Slot()
    def _after_annotation(self) -> None:
        """A decision (or its undo) was committed: show it, and learn from it."""
        document_id = self.actions.document_id
        documents = [] if document_id is None else [document_id]
        self._context.notify(stance_edited(documents), self)

    @Slot(str)
    def _on_annotation_refused(self, message: str) -> None:
        self._context.say(self.tr("Not done: {0}").format(message))

    # --- targets ------------------------------------------------------------------------------

    @Slot()
    def show_targets(self) -> None:
        """The stance targets dialog (not modal: the window stays usable)."""
        project = self._context.project
        if project is None:
            return
        dialog = TargetsDialog(project.db, project.project_id, self._context.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.targets_changed.connect(self._on_targets_changed)
        dialog.show()

    @Slot()
    def _on_targets_changed(self) -> None:
        """New or changed targets: stance is suggested anew for what is shown and opened."""
        project = self._context.project
        if project is None:
            return
        changed, active = stance_after_target_change(project)
        self._show_active(active)
        self._context.notify(TARGETS_EDITED, self)
        self.stance_outdated.emit(changed)

    @Slot()
    def show_actors(self) -> None:
        """The actors dialog (not modal); changes to actors show in the stance panel."""
        project = self._context.project
        if project is None:
            return
        dialog = ActorsDialog(project, self._context.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.actors_changed.connect(self._after_annotation)
        self.actors_dialog = dialog
        dialog.show()

    # --- training -----------------------------------------------------------------------------

    @Slot()
    def train(self) -> None:
        """Train the stance classifier now, in the background; the result is announced."""
        if self.trainer.train_now():
            self._announce_training = True

    @Slot(bool)
    def _on_training_running(self, running: bool) -> None:
        self._context.status.set_training(0 if running else None)
        self.update_actions()

    @Slot(object)
    def _on_stance_trained(self, outcome: TrainingOutcome) -> None:
        asked, self._announce_training = self._announce_training, False
        text = training_summary(outcome)
        self._context.say(text)
        if asked:
            title = self.tr("Stance classifier")
            self._context.show_message(QMessageBox.Icon.Information, title, text)
        self.training_finished.emit(outcome)

    @Slot(str)
    def _on_training_failed(self, message: str) -> None:
        self._announce_training = False
        title = self.tr("Cannot train the stance classifier")
        self._context.show_message(QMessageBox.Icon.Warning, title, message)

    @Slot(object)
    def _on_stance_suggester_changed(self, active: ActiveStance) -> None:
        """Another suggester took over: say so, and let it suggest for what is shown."""
        self._show_active(active)
        self._context.notify(MODEL_SWITCHED, self)
        self.stance_outdated.emit(active.activated)
