"""*File › Export…*: asks with the ``ExportDialog``, then runs the export in the background
with progress and Cancel, and reports a summary.

The export runs as ``services.jobs.export_job``, the same export as ``python main.py
export``: it writes to a temporary file and renames it at the end, so a cancelled or failed
export leaves no half file and keeps an older one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QSettings, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from gui.context import WindowContext
from gui.export_dialog import ExportDialog
from gui.highlights import DEFAULT_MIN_CONFIDENCE
from gui.job_progress import JobProgressDialog
from gui.suggestion_controller import MIN_CONFIDENCE_KEY
from services.changes import Changes
from services.documents import annotator_names
from services.jobs import export_job
from services.values import ExportOptions, ExportReport


def display_threshold(settings: QSettings) -> float:
    """The confidence below which this user's article hides suggestions (Preferences)."""
    try:
        value = float(settings.value(MIN_CONFIDENCE_KEY, DEFAULT_MIN_CONFIDENCE))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_MIN_CONFIDENCE
    return value if 0.0 <= value <= 1.0 else DEFAULT_MIN_CONFIDENCE


class ExportWorkflow(QObject):
    """Owns *File › Export…*: asks, runs the export as the window's background job, reports."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        self._progress: JobProgressDialog | None = None
        self.action = QAction(self.tr("&Export…"), context.window)
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.triggered.connect(self.choose_export)
        context.runner.busy_changed.connect(self.update_action)
        context.changed.connect(self._on_changed)
        self.update_action()

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project:
            self.update_action()

    def update_action(self) -> None:
        context = self._context
        self.action.setEnabled(context.project is not None and not context.runner.busy)

    @Slot()
    def choose_export(self) -> None:
        context = self._context
        if context.project is None:
            return
        folder = str(context.settings.value("paths/export", "") or Path.home())
        threshold = display_threshold(context.settings)
        dialog = ExportDialog(annotator_names(context.project), folder, context.window, threshold)
        if self.ask(dialog):
            context.settings.setValue("paths/export", str(dialog.path().parent))
            self.export(dialog.format(), dialog.path(), dialog.options())

    def ask(self, dialog: ExportDialog) -> bool:
        """Whether the user chose to export (tests replace this)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def export(self, fmt: str, out: Path, options: ExportOptions) -> None:
        """Export in the background behind a progress dialog that can cancel."""
        context = self._context
        if context.project is None:
            return
        job = export_job(context.project, fmt, out, options)
        worker = context.runner.start(job, self._on_finished, self._on_failed)
        if worker is None:
            return
        title, busy = self.tr("Export"), self.tr("Exporting…")
        self._progress = JobProgressDialog(context.window, title, busy)
        worker.signals.step.connect(self._show_progress)
        self._progress.canceled.connect(context.runner.cancel)
        self._progress.show()
        context.status.set_busy(self.tr("Exporting…"))

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self._progress is None or self._progress.wasCanceled():
            return
        locale = QLocale()
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)
        text = self.tr("Exported {0} of {1} documents")
        self._progress.setLabelText(text.format(locale.toString(done), locale.toString(total)))

    def _end(self) -> None:
        if self._progress is not None:
            self._progress.finish()
            self._progress = None

    @Slot(object)
    def _on_finished(self, report: ExportReport | None) -> None:
        self._end()
        window = self._context
        if report is None:
            text = self.tr("The export was cancelled; nothing was written.")
            window.show_message(QMessageBox.Icon.Information, self.tr("Export"), text)
            return
        locale = QLocale()
        files = "\n".join(str(f) for f in report.files or (report.path,))
        text = self.tr("Exported {0} documents, {1} entities and {2} stance rows.").format(
            locale.toString(report.documents),
            locale.toString(report.entities),
            locale.toString(report.stance),
        )
        window.show_message(
            QMessageBox.Icon.Information, self.tr("Export"), text, files, "\n".join(report.details)
        )

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end()
        title = self.tr("Cannot export")
        self._context.show_message(QMessageBox.Icon.Critical, title, message)


def install_export(context: WindowContext) -> ExportWorkflow:
    """*File › Export…* (Ctrl+E), right after *Import files…*."""
    workflow = ExportWorkflow(context)
    menus = context.menus
    assert menus is not None
    actions = menus.file.actions()
    after = actions.index(menus.import_action) + 1
    before = actions[after] if after < len(actions) else None
    menus.file.insertAction(before, workflow.action)  # None: at the end
    return workflow
