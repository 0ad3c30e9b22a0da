"""The backups of a project file, listed and checked in the background one after the other,
newest first, so that a dialog can show each result as it comes (checking a backup in full
takes about 2 s per GB).

The jobs only use ``storage`` (``list_backups``, ``backup_info``, ``sqlite_problem``: the
pieces of ``storage.backup_listing.backup_states``, taken apart to report each backup as soon
as it is checked).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from gui.workers import Worker
from services.backups import BackupRow, check_job, listing_job


class BackupChecker(QObject):
    """Lists a project's backups, then checks them one at a time in a thread of its own.

    ``cancel`` starts no further check; the one running ends by itself (a check cannot be
    interrupted) and its result is dropped. ``shutdown`` also waits for it.
    """

    listed = Signal(object)  # list[BackupRow], newest first
    checked = Signal(int, object)  # row, BackupRow with the check's result
    finished = Signal()  # every backup checked, or cancelled and the last check ended
    failed = Signal(str)  # the backups could not be listed (a message for a person)

    def __init__(self, project_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project_file = project_file
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._rows: list[BackupRow] = []
        self._next = 0  # the row checked next
        self._worker: Worker | None = None  # the job running
        self._done: Worker | None = None  # the last one, freed when the next one starts
        self._cancelled = False

    @property
    def running(self) -> bool:
        return self._worker is not None

    def start(self) -> None:
        """List the backups, then check each; ``listed``, ``checked`` and ``finished`` tell."""
        self._cancelled = False
        self._run(listing_job(self.project_file), self._on_listed)

    def cancel(self) -> None:
        self._cancelled = True

    def shutdown(self) -> None:
        """Cancel, and wait for the check that runs (the dialog or the window closes)."""
        self.cancel()
        self._pool.waitForDone()

    def _run(self, job: Callable[[Worker], object], done: Callable[[object], None]) -> None:
        self._pool.waitForDone()  # the last worker may still be returning from run()
        self._done = None
        worker = Worker(job)
        worker.signals.finished.connect(done)
        worker.signals.failed.connect(self._on_failed)
        self._worker = worker
        self._pool.start(worker)

    def _end_job(self) -> None:
        self._done, self._worker = self._worker, None

    @Slot(object)
    def _on_listed(self, rows: list[BackupRow]) -> None:
        self._end_job()
        if self._cancelled:
            self.finished.emit()
            return
        self._rows, self._next = rows, 0
        self.listed.emit(rows)
        self._check_next()

    @Slot(object)
    def _on_checked(self, row: BackupRow) -> None:
        self._end_job()
        if self._cancelled:
            self.finished.emit()
            return
        self.checked.emit(self._next, row)
        self._next += 1
        self._check_next()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end_job()
        if not self._cancelled:
            self.failed.emit(message)
        self.finished.emit()

    def _check_next(self) -> None:
        if self._next >= len(self._rows):
            self.finished.emit()
            return
        self._run(check_job(self._rows[self._next]), self._on_checked)
