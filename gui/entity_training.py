"""Training the entity model in the background: on demand (*Annotate › Train entity model
now*, with progress and Cancel in a dialog that does not block the window), and by itself
after every N documents marked done since the last run (Preferences; default 20).

A new model takes over only when it scores better than the active one on the project's
held-out documents (``nlp.ner_training``); a switch is announced in the status bar, which
names the active entity model with its held-out F1, and the shown document gets the new
model's suggestions at once.

The training runs in a process of its own (``services.entity_training_process``: a thread
would share the interpreter lock with the window, which then waited up to 300 ms between events), so
annotating goes on meanwhile; models are written beside the project
(``<project>.sqlite.models/ner-<version>``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from gui.background_trainer import BackgroundTrainer, TrainingOutcome
from gui.context import WindowContext
from gui.job_progress import JobProgressDialog
from services.changes import MODEL_SWITCHED, Changes
from services.display import ENTITY_RETRAIN_EVERY
from services.training_jobs import NerTrainingResult, entity_training_job
from services.values import ModelInfo

if TYPE_CHECKING:
    from services.session import OpenedProject

RETRAIN_EVERY_KEY = "entities/retrain_every"
DEFAULT_RETRAIN_EVERY = ENTITY_RETRAIN_EVERY  # documents marked done between automatic runs


class EntityTrainer(BackgroundTrainer):
    """Trains the entity model; ``labels_changed`` after a document was marked done."""

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(
            settings, RETRAIN_EVERY_KEY, DEFAULT_RETRAIN_EVERY, entity_training_job, parent
        )


def training_summary(result: NerTrainingResult | None) -> str:
    """One sentence on a finished run: whether the new model took over, with the held-out
    F1 it was judged by."""
    translate = QCoreApplication.translate
    if result is None:
        return translate(
            "EntityTraining", "Training the entity model was cancelled; nothing was saved."
        )
    locale = QLocale()
    values = (
        locale.toString(result.f1, "f", 3),
        locale.toString(result.base_f1, "f", 3),
        result.base,
        locale.toString(result.training_documents),
        locale.toString(result.held_out_documents),
    )
    if result.active:
        text = translate(
            "EntityTraining",
            "The new entity model takes over: held-out F1 {0} against {1} for {2} "
            "({3} documents trained on, {4} held out).",
        )
    else:
        text = translate(
            "EntityTraining",
            "The new entity model reaches a held-out F1 of {0} against {1} for {2}, which "
            "keeps suggesting ({3} documents trained on, {4} held out).",
        )
    return text.format(*values)


class EntityTrainingWorkflow(QObject):
    """Owns the action and the trainer of the window's project."""

    # (ModelInfo or None, resuggest): the project's model that suggests now; with resuggest
    # the shown document gets its suggestions at once.
    model_changed = Signal(object, bool)

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        window = context.window
        self._progress: JobProgressDialog | None = None
        self._asked = False  # the user started the running training: answer with a message
        self.trainer = EntityTrainer(context.settings, self)
        self.trainer.running_changed.connect(self._on_running)
        self.trainer.progress.connect(self._show_progress)
        self.trainer.trained.connect(self._on_trained)
        self.trainer.failed.connect(self._on_failed)
        self.trainer.active_changed.connect(self._on_active_changed)
        self.action = QAction(self.tr("Train &entity model now"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Alt+T"))
        self.action.triggered.connect(self.train)
        # An automatic run has no dialog to cancel it from.
        self.stop_action = QAction(self.tr("Stop entity model training"), window)
        self.stop_action.triggered.connect(self.trainer.cancel)
        context.project_replacing.connect(self.project_opened)
        context.project_closing.connect(self.shutdown)
        context.shutting_down.connect(self.shutdown)
        context.changed.connect(self._on_changed)
        context.runner.busy_changed.connect(self.update_action)

    def update_action(self) -> None:
        self.action.setEnabled(self._context.project is not None and not self.trainer.running)
        self.stop_action.setEnabled(self.trainer.running)

    def project_opened(self, opened: OpenedProject) -> None:
        self.trainer.set_project(opened.project, opened.entity_model)
        self.model_changed.emit(opened.entity_model, False)

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project:
            self.update_action()
        if changes.done:
            self.documents_done()

    def documents_done(self) -> None:
        """A document was marked done: train by itself once enough were."""
        self.trainer.labels_changed()

    @Slot()
    def train(self) -> None:
        if not self.trainer.train_now():
            return
        self._asked = True
        title = self.tr("Train entity model")
        self._progress = JobProgressDialog(
            self._context.window, title, self.tr("Loading the model…")
        )
        self._progress.setWindowModality(Qt.WindowModality.NonModal)  # annotating goes on
        self._progress.canceled.connect(self.trainer.cancel)
        self._progress.show()

    def shutdown(self) -> None:
        self.trainer.shutdown()

    @Slot(bool)
    def _on_running(self, running: bool) -> None:
        self._context.status.set_training(0 if running else None, component="ner")
        if not running and self._progress is not None:
            self._progress.finish()
            self._progress = None
        self.update_action()

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        self._context.status.set_training(done, total, component="ner")
        if self._progress is None or self._progress.wasCanceled():
            return
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)
        text = self.tr("Training: step {0} of {1}")
        locale = QLocale()
        self._progress.setLabelText(text.format(locale.toString(done), locale.toString(total)))

    @Slot(object)
    def _on_trained(self, outcome: TrainingOutcome) -> None:
        asked, self._asked = self._asked, False
        result: NerTrainingResult | None = outcome.result
        text = training_summary(result)
        self._context.say(text)
        if asked:
            details = result.path if result is not None else ""
            title = self.tr("Entity model")
            self._context.show_message(QMessageBox.Icon.Information, title, text, details)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._asked = False
        title = self.tr("Cannot train the entity model")
        self._context.show_message(QMessageBox.Icon.Warning, title, message)

    @Slot(object)
    def _on_active_changed(self, active: ModelInfo | None) -> None:
        """Another model took over: the shown document gets its suggestions at once."""
        self.model_changed.emit(active, True)
        self._context.notify(MODEL_SWITCHED, self)


def install_entity_training(context: WindowContext) -> EntityTrainingWorkflow:
    """The action in *Annotate*, after the stance training actions."""
    workflow = EntityTrainingWorkflow(context)
    assert context.menus is not None
    context.menus.annotate.addAction(workflow.action)
    context.menus.annotate.addAction(workflow.stop_action)
    return workflow
