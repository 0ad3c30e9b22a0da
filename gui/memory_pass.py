"""Spreading what the project memory learnt to the other documents, in the background.

An entity decision updates the shown document at once (the editor does that in the same
transaction); every other document that contains the name gets its memory suggestions from
this pass, which runs on its own connection a moment after the last decision, so a burst of
keys makes one pass, and the window never waits for it. A pass that is running when more
decisions come is followed by another one; the pass resumes where it stopped if the app was
closed meanwhile (``storage.memory.background_pass`` keeps a watermark in the project).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from gui.workers import Worker
from services.jobs import PassReport, memory_pass_job
from services.session import OpenProject

DELAY_MS = 1500  # after the last decision: a burst of accepts makes one pass


class MemoryPropagator(QObject):
    """``decisions_changed`` after every entity decision; ``finished`` after each pass."""

    finished = Signal(object)  # PassReport
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._project: OpenProject | None = None
        self._worker: Worker | None = None
        self._again = False

    @property
    def running(self) -> bool:
        return self._worker is not None

    def set_project(self, project: OpenProject | None) -> None:
        """Follow the window's project; a pass for the previous one stops (it resumes the
        next time that project is open)."""
        self.cancel()
        self._project = project
        if project is not None:
            self._timer.start()  # what an earlier session left to spread

    def decisions_changed(self) -> None:
        if self._project is None:
            return
        if self._worker is not None:
            self._again = True
        else:
            self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._again = False
        if self._worker is not None:
            self._worker.cancel()

    def shutdown(self) -> None:
        self.cancel()
        self._pool.waitForDone()

    @Slot()
    def _start(self) -> None:
        project = self._project
        if project is None or self._worker is not None:
            return
        self._pool.waitForDone()  # the last worker may still be returning from run()
        worker = Worker(memory_pass_job(project.location, project.project_id))
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        self._worker = worker
        self._pool.start(worker)

    def _end(self) -> None:
        self._worker = None
        if self._again:
            self._again = False
            self._timer.start()

    @Slot(object)
    def _on_finished(self, report: PassReport) -> None:
        self._end()
        self.finished.emit(report)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)
