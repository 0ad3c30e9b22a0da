"""*Annotate › Train entity model now*: fine-tune the entity model on the project's accepted
spans in the background, with progress and Cancel in a dialog that does not block the window,
then say how the new model scored against the one it started from.

The job works on its own connection to the project (``storage.database.connect``), as stance
training does, so annotating goes on meanwhile; the model is written beside the project
(``<project>.sqlite.models/ner-<version>``). It is not activated from here: the project's
active entity model is switched with ``train --activate`` (see ``nlp.ner_training``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt, QThreadPool, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from gui.job_progress import JobProgressDialog
from gui.workers import JobError, Worker
from nlp.ner_training import NerTrainingError, NerTrainingResult, train_project_ner
from nlp.pipelines import PipelineUnavailableError
from nlp.stance_classifier import TrainingCancelledError
from storage.database import ProjectLocation, connect
from storage.paths import models_dir_for

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def entity_training_job(
    location: ProjectLocation, project_id: int
) -> Callable[[Worker], NerTrainingResult | None]:
    """A job that trains (None when cancelled: nothing was saved)."""

    def job(worker: Worker) -> NerTrainingResult | None:
        with connect(location) as db:
            try:
                return train_project_ner(
                    db,
                    project_id,
                    models_dir_for(location.file),
                    progress=worker.report_step,
                    should_cancel=worker.is_cancelled,
                )
            except TrainingCancelledError:
                return None
            except (NerTrainingError, PipelineUnavailableError) as exc:  # says what is missing
                raise JobError(str(exc)) from exc

    return job


class EntityTrainingWorkflow(QObject):
    """Owns the action; one training at a time, on a pool of its own."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._worker: Worker | None = None
        self._progress: JobProgressDialog | None = None
        self.action = QAction(self.tr("Train &entity model now"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Alt+T"))
        self.action.triggered.connect(self.train)

    def update_action(self) -> None:
        self.action.setEnabled(self._window.project is not None and self._worker is None)

    @Slot()
    def train(self) -> None:
        project = self._window.project
        if project is None or self._worker is not None:
            return
        self._pool.waitForDone()  # the last worker may still be returning from run()
        worker = Worker(entity_training_job(project.location, project.project_id))
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.step.connect(self._show_progress)
        self._worker = worker
        title = self.tr("Train entity model")
        self._progress = JobProgressDialog(self._window, title, self.tr("Loading the model…"))
        self._progress.setWindowModality(Qt.WindowModality.NonModal)  # annotating goes on
        self._progress.canceled.connect(worker.cancel)
        self._progress.show()
        self.update_action()
        self._pool.start(worker)

    def shutdown(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
        self._pool.waitForDone()

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self._progress is None or self._progress.wasCanceled():
            return
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)
        text = self.tr("Training: step {0} of {1}")
        locale = QLocale()
        self._progress.setLabelText(text.format(locale.toString(done), locale.toString(total)))

    def _end(self) -> None:
        self._worker = None
        if self._progress is not None:
            self._progress.finish()
            self._progress = None
        self.update_action()

    @Slot(object)
    def _on_finished(self, result: NerTrainingResult | None) -> None:
        self._end()
        title = self.tr("Entity model")
        if result is None:
            text = self.tr("Training the entity model was cancelled; nothing was saved.")
            self._window.show_message(QMessageBox.Icon.Information, title, text)
            return
        locale = QLocale()
        text = self.tr(
            "The new entity model reaches a held-out F1 of {0} against {1} for {2} "
            "({3} documents trained on, {4} held out)."
        ).format(
            locale.toString(result.f1, "f", 3),
            locale.toString(float(result.base_scores["f1"]), "f", 3),
            result.base,
            locale.toString(result.training_documents),
            locale.toString(result.held_out_documents),
        )
        self._window.show_message(QMessageBox.Icon.Information, title, text, result.path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end()
        title = self.tr("Cannot train the entity model")
        self._window.show_message(QMessageBox.Icon.Warning, title, message)


def install_entity_training(window: MainWindow) -> EntityTrainingWorkflow:
    """The action in *Annotate*, after the stance training actions."""
    workflow = EntityTrainingWorkflow(window)
    window.annotate_menu.addAction(workflow.action)
    return workflow
