"""Training the stance classifier in the background: on demand, and by itself after every N
new accepted sentence labels once each label has enough of them.

The job works on its own connection to the project (``storage.database.connect``), so the
annotator goes on working meanwhile and opening another project never waits for it; the
result for a project that is no longer open is dropped. A classifier takes over only when
it measured better than what suggests now (``nlp.stance_training``); a switch is announced
in the status bar, which always names the active stance suggester and its held-out
macro-F1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, QThreadPool, Signal, Slot

from gui.workers import JobError, Worker
from nlp.stance_classifier import LABELS, TrainingCancelledError
from nlp.stance_training import (
    MIN_PER_LABEL,
    ActiveStance,
    NotEnoughLabelsError,
    StanceTrainingResult,
    active_stance,
    new_labels_since_training,
    train_project_stance,
)
from storage.database import ProjectLocation, connect
from storage.paths import models_dir_for
from storage.project import OpenProject

RETRAIN_EVERY_KEY = "stance/retrain_every"
DEFAULT_RETRAIN_EVERY = 30  # new accepted sentence labels between automatic runs


@dataclass(frozen=True)
class TrainingOutcome:
    """What a training job did: the run's result (None when it did not train), why not,
    and which suggester is active afterwards."""

    result: StanceTrainingResult | None
    active: ActiveStance
    cancelled: bool = False
    not_yet: str | None = None  # an automatic check found too few labels


def stance_training_job(
    location: ProjectLocation, project_id: int, *, automatic: bool, every: int
) -> Callable[[Worker], TrainingOutcome]:
    """Train (``automatic``: only if there are enough labels and ``every`` new ones since
    the last run), reporting ``step(done, total)``; stops when cancelled."""

    def job(worker: Worker) -> TrainingOutcome:
        with connect(location) as db:
            if automatic:
                counts, new = new_labels_since_training(db, project_id)
                if any(counts[label] < MIN_PER_LABEL for label in LABELS) or new < every:
                    why = f"{new} new labels; " + ", ".join(f"{k} {counts[k]}" for k in LABELS)
                    return TrainingOutcome(None, active_stance(db, project_id), not_yet=why)
            try:
                result = train_project_stance(
                    db,
                    project_id,
                    models_dir_for(location.file),
                    progress=worker.report_step,
                    should_cancel=worker.is_cancelled,
                )
            except NotEnoughLabelsError as exc:  # says what is missing, for a person
                raise JobError(str(exc)) from exc
            except TrainingCancelledError:
                return TrainingOutcome(None, active_stance(db, project_id), cancelled=True)
            return TrainingOutcome(result, active_stance(db, project_id))

    return job


class StanceTrainer(QObject):
    """``train_now`` for the menu action; ``labels_changed`` after every stance decision
    (it trains by itself when enough new labels came); ``cancel`` stops a run."""

    running_changed = Signal(bool)
    progress = Signal(int, int)  # steps done, of how many
    trained = Signal(object)  # TrainingOutcome of a run that trained or was cancelled
    failed = Signal(str)
    active_changed = Signal(object)  # ActiveStance: another suggester, or new figures

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._project: OpenProject | None = None
        self._running: tuple[Worker, OpenProject, bool] | None = None  # worker, project, auto
        self._finished: Worker | None = None  # freed when the next job starts
        self._again = False  # labels came in while a check ran: check once more after it
        self.active: ActiveStance | None = None

    @property
    def running(self) -> bool:
        return self._running is not None

    def retrain_every(self) -> int:
        value = self._settings.value(RETRAIN_EVERY_KEY, DEFAULT_RETRAIN_EVERY)
        try:
            return max(1, int(value))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return DEFAULT_RETRAIN_EVERY

    def set_project(self, project: OpenProject | None, active: ActiveStance | None) -> None:
        """Follow the window's project; a run for the previous one is cancelled."""
        self.cancel()
        self._project, self.active, self._again = project, active, False

    def train_now(self) -> bool:
        """Train now, whatever the count of new labels; False while a run goes on."""
        return self._start(automatic=False)

    def labels_changed(self) -> None:
        """An annotator decided on stance: train if enough new labels have come."""
        if self._running is not None:
            self._again = True
            return
        self._start(automatic=True)

    def cancel(self) -> bool:
        if self._running is None:
            return False
        self._running[0].cancel()
        return True

    def shutdown(self) -> None:
        self._project = None
        self.cancel()
        self._pool.waitForDone()

    def _start(self, *, automatic: bool) -> bool:
        if self._running is not None or self._project is None:
            return False
        self._pool.waitForDone()  # the last worker may still be returning from run()
        self._finished = None
        project = self._project
        job = stance_training_job(
            project.location, project.project_id, automatic=automatic, every=self.retrain_every()
        )
        worker = Worker(job)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.step.connect(self.progress)
        self._running = (worker, project, automatic)
        self.running_changed.emit(True)
        self._pool.start(worker)
        return True

    def _end(self) -> tuple[OpenProject, bool] | None:
        """The finished run's project and whether it was automatic; None when another
        project is open now (its result is of no use)."""
        assert self._running is not None
        worker, project, automatic = self._running
        self._running, self._finished = None, worker
        self.running_changed.emit(False)
        return (project, automatic) if project is self._project else None

    @Slot(object)
    def _on_finished(self, outcome: TrainingOutcome) -> None:
        ended = self._end()
        if ended is None:
            return
        before, self.active = self.active, outcome.active
        if outcome.result is not None or outcome.cancelled:
            self.trained.emit(outcome)
        if before != outcome.active:  # another suggester, or its quality newly measured
            self.active_changed.emit(outcome.active)
        if self._again:
            self._again = False
            self._start(automatic=True)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        ended = self._end()
        if ended is None:
            return
        _project, automatic = ended
        if not automatic:  # a check the user did not ask for fails quietly
            self.failed.emit(message)


def training_summary(outcome: TrainingOutcome) -> str:
    """One sentence on a finished run: whether the new classifier took over, with the
    held-out macro-F1 it was judged by."""
    translate = QCoreApplication.translate
    result = outcome.result
    if result is None:
        return translate("StanceTraining", "Training the stance classifier was cancelled.")
    locale = QLocale()
    new = locale.toString(result.classifier_macro_f1, "f", 2)
    previous_f1 = result.previous_macro_f1
    old = locale.toString(previous_f1 if previous_f1 is not None else 0.0, "f", 2)
    if result.active:
        text = translate(
            "StanceTraining",
            "The new stance classifier takes over: held-out macro-F1 {0} against {1} for {2}.",
        )
    else:
        text = translate(
            "StanceTraining",
            "The new stance classifier is not better (held-out macro-F1 {0} against {1}): "
            "{2} keeps suggesting.",
        )
    return text.format(new, old, result.previous)
