"""*File › Import files…*: choose the files, import them in the background behind a progress
dialog that can cancel, then report what was imported (``gui.import_progress``). The window
owns the menu entry; this owns what it starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.context import WindowContext
from gui.import_progress import ImportProgressDialog, summary_message
from services.changes import DOCUMENTS_IMPORTED
from services.session import import_files_job
from services.values import ImportSummary


class ImportWorkflow(QObject):
    """Imports files into the context's open project as the window's background job;
    ``finished(ImportSummary)`` after the list was reloaded. ``reload_documents`` reads the
    document list again (after a failure, for the batches committed before it)."""

    finished = Signal(object)  # ImportSummary

    def __init__(self, context: WindowContext, reload_documents: Callable[[], None]) -> None:
        super().__init__(context)
        self._context = context
        self._reload_documents = reload_documents
        self._progress: ImportProgressDialog | None = None

    @Slot()
    def choose_files(self) -> None:
        context = self._context
        start = str(context.settings.value("paths/import", "") or "")
        files, _ = QFileDialog.getOpenFileNames(
            context.window,
            self.tr("Import files"),
            start,
            self.tr("Articles (*.txt *.jsonl *.csv *.tsv *.xlsx);;All files (*)"),
        )
        if files:
            context.settings.setValue("paths/import", str(Path(files[0]).parent))
            self.import_files([Path(f) for f in files])

    def import_files(self, paths: list[Path]) -> None:
        """Import ``paths`` in the background behind a progress dialog that can cancel."""
        context = self._context
        if context.project is None or not paths:
            return
        job = import_files_job(context.project, paths)
        worker = context.runner.start(job, self._on_finished, self._on_failed)
        if worker is None:
            return
        self._progress = ImportProgressDialog(context.window)
        worker.signals.progress.connect(self._progress.show_progress)
        self._progress.canceled.connect(self._cancel)
        self._progress.show()
        context.status.set_busy(self.tr("Importing…"))
        context.status.set_saved(False)

    @Slot(object)
    def _on_finished(self, summary: ImportSummary) -> None:
        self._finish_progress()
        # The list shows them, and new documents get what the project memory learnt.
        self._context.notify(DOCUMENTS_IMPORTED, self)
        message = summary_message(summary)
        self._context.show_message(
            message.icon, message.title, message.text, message.informative, message.details
        )
        self.finished.emit(summary)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._finish_progress()
        self._reload_documents()  # earlier batches were committed: show them
        title = self.tr("Import failed")
        hint = self.tr("Documents imported before the error were kept.")
        self._context.show_message(QMessageBox.Icon.Critical, title, message, hint)

    def _finish_progress(self) -> None:
        if self._progress is not None:
            self._progress.finish()
            self._progress = None

    @Slot()
    def _cancel(self) -> None:
        if self._context.runner.cancel():
            self._context.status.set_busy(self.tr("Stopping the import…"))
