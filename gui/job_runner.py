"""The window's exclusive background jobs: opening a project, importing, suggesting for all.

One such job runs at a time, because each of them may replace or fill the open project; the
window disables the actions that would start another while ``busy`` is true.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from gui.workers import Worker

Handler = Callable[[Any], None]


class JobRunner(QObject):
    """Starts one ``Worker`` at a time and hands its result (or message) to the caller's
    handlers in the GUI thread, after ``busy_changed(False)``."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._job: Worker | None = None
        self._finished_job: Worker | None = None
        self._handlers: tuple[Handler, Handler] | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, job: Callable[[Worker], Any], done: Handler, failed: Handler) -> Worker | None:
        """Run ``job`` in the background; None (and nothing started) while another runs."""
        if self._job is not None or self._closed:
            return None
        # The last job emitted its final signal but its thread may still be returning from
        # run(): let it, before the Python wrapper that Qt is running is freed.
        self._pool.waitForDone()
        self._finished_job = None
        worker = Worker(job)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        self._job, self._handlers = worker, (done, failed)  # alive until its signals arrived
        self.busy_changed.emit(True)
        self._pool.start(worker)
        return worker

    def cancel(self) -> bool:
        """Ask the running job to stop at its next checkpoint; False when none runs."""
        if self._job is None:
            return False
        self._job.cancel()
        return True

    def shutdown(self) -> None:
        """Cancel the running job and wait for it; no job starts afterwards."""
        self._closed = True
        self.cancel()
        self._pool.waitForDone()

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        done, _ = self._release()
        done(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        _, failed = self._release()
        failed(message)

    def _release(self) -> tuple[Handler, Handler]:
        assert self._handlers is not None
        handlers, self._handlers = self._handlers, None
        self._finished_job, self._job = self._job, None  # freed when the next job starts
        self.busy_changed.emit(False)
        return handlers
