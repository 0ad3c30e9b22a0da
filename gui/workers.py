"""Running slow work (opening a project, importing files) off the GUI thread.

A ``Worker`` runs one job in a thread pool and reports back through Qt signals, which Qt
delivers in the GUI thread because ``WorkerSignals`` lives there. Every exception of the job
becomes ``failed(message)``: the user gets a sentence, never a traceback. A caller that acts on
the kind of failure (a damaged project offers its backups) finds the exception itself in the
worker's ``error``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from services.jobs import JobError, describe_error
from services.values import DatabaseError

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """What a worker tells the GUI thread; a separate QObject because QRunnable is none."""

    finished = Signal(object)  # the job's result
    failed = Signal(str)  # a message for a person
    progress = Signal(int, str)  # items done so far, where the job is (e.g. a file name)
    step = Signal(int, int)  # items done so far, of how many (when the total is known)


class Worker(QRunnable):
    """Runs ``job(worker)`` once in a thread pool.

    The job receives the worker so it can report progress (``report_progress``) and ask
    ``is_cancelled()`` between steps; cancelling is a request, the job decides where to stop.
    """

    def __init__(self, job: Callable[[Worker], Any]) -> None:
        super().__init__()
        # Python keeps the worker (the window holds a reference until it is done); with
        # auto-delete, Qt could free it while its signals are still queued for delivery.
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self._job = job
        self._cancelled = threading.Event()
        # The job's exception, set before ``failed`` is emitted (so it is there when the
        # signal arrives); None while it runs and after it succeeded.
        self.error: BaseException | None = None

    def cancel(self) -> None:
        """Ask the job to stop at its next checkpoint (thread-safe)."""
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def report_progress(self, done: int, where: str) -> None:
        """Called by the job in the worker thread; delivered to the GUI thread queued."""
        self.signals.progress.emit(done, where)

    def report_step(self, done: int, total: int) -> None:
        """Like ``report_progress``, for jobs that know their total."""
        self.signals.step.emit(done, total)

    def run(self) -> None:
        try:
            result = self._job(self)
        except (DatabaseError, JobError) as exc:
            # Written for a person already ("x.sqlite is not a Standpunkt project").
            self.error = exc
            self.signals.failed.emit(str(exc))
        except Exception as exc:
            # Unexpected: the traceback goes to the log for us, one line to the user.
            log.exception("background job failed")
            self.error = exc
            self.signals.failed.emit(describe_error(exc))
        else:
            self.signals.finished.emit(result)
