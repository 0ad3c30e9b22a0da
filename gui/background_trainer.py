"""Training a suggester in the background: on demand, and by itself once enough new labels
came in since the last run (what counts as enough is the job's business).

The job works on its own connection to the project, so the annotator goes on working
meanwhile and opening another project never waits for it; the result for a project that is
no longer open is dropped. Subclasses name the job and the setting that says how many new
labels start an automatic run (``gui.stance_training``, ``gui.entity_training``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal, Slot

from gui.workers import Worker
from services.session import OpenProject
from services.training_jobs import TrainingOutcome
from services.values import ProjectLocation

# (project location, project id, automatic, every) -> the job a Worker runs
JobFactory = Callable[[ProjectLocation, int, bool, int], Callable[[Worker], TrainingOutcome]]


class BackgroundTrainer(QObject):
    """``train_now`` for the menu action; ``labels_changed`` after every decision that may
    count (it trains by itself when enough came); ``cancel`` stops a run."""

    running_changed = Signal(bool)
    progress = Signal(int, int)  # steps done, of how many
    trained = Signal(object)  # TrainingOutcome of a run that trained or was cancelled
    failed = Signal(str)
    active_changed = Signal(object)  # another suggester, or new figures for it

    def __init__(
        self,
        settings: QSettings,
        every_key: str,
        default_every: int,
        make_job: JobFactory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._every_key, self._default_every = every_key, default_every
        self._make_job = make_job
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._project: OpenProject | None = None
        self._running: tuple[Worker, OpenProject, bool] | None = None  # worker, project, auto
        self._finished: Worker | None = None  # freed when the next job starts
        self._again = False  # labels came in while a check ran: check once more after it
        self.active: Any = None

    @property
    def running(self) -> bool:
        return self._running is not None

    def retrain_every(self) -> int:
        value = self._settings.value(self._every_key, self._default_every)
        try:
            return max(1, int(value))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return self._default_every

    def set_project(self, project: OpenProject | None, active: Any) -> None:
        """Follow the window's project; a run for the previous one is cancelled."""
        self.cancel()
        self._project, self.active, self._again = project, active, False

    def train_now(self) -> bool:
        """Train now, whatever the count of new labels; False while a run goes on."""
        return self._start(automatic=False)

    def labels_changed(self) -> None:
        """An annotator decided: train if enough new labels have come."""
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
        job = self._make_job(project.location, project.project_id, automatic, self.retrain_every())
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
