"""*File › Export…*: what to export (format, whose labels, which states and documents, where),
then the export in the background with progress and Cancel, and a summary.

The export runs as ``services.jobs.export_job``, the same export as ``python main.py
export``: it writes to a temporary file and renames it at the end, so a cancelled or failed
export leaves no half file and keeps an older one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from gui.context import WindowContext
from gui.job_progress import JobProgressDialog
from services.changes import Changes
from services.documents import annotator_names
from services.jobs import export_job
from services.values import GOLD_ANNOTATOR, ExportOptions, ExportReport

SUFFIXES = {"xlsx": ".xlsx", "jsonl": ".jsonl", "spacy": ".spacy", "conll": ".conll", "csv": ".csv"}


class ExportDialog(QDialog):
    """The choices of one export; ``options()``, ``format()`` and ``path()`` read them."""

    def __init__(self, annotators: list[str], folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.format_combo = QComboBox()
        formats = [
            ("xlsx", self.tr("Excel workbook (.xlsx)")),
            ("jsonl", self.tr("JSONL for Prodigy and doccano")),
            ("spacy", self.tr("spaCy training data (.spacy)")),
            ("conll", self.tr("CoNLL IOB (.conll)")),
            ("csv", self.tr("CSV tables (.csv)")),
        ]
        for key, text in formats:
            self.format_combo.addItem(text, key)
        self.annotator_combo = QComboBox()
        self.annotator_combo.addItem(self.tr("Every annotator"), None)
        if GOLD_ANNOTATOR in annotators:  # a review made a gold version: offer it first
            self.annotator_combo.addItem(self.tr("Gold version (reviewed)"), GOLD_ANNOTATOR)
        for name in annotators:
            if name != GOLD_ANNOTATOR:
                self.annotator_combo.addItem(name, name)
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("Accepted and edited labels"), "accepted")
        self.state_combo.addItem(self.tr("Everything, suggestions and rejections too"), "all")
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All documents"), "all")
        self.status_combo.addItem(self.tr("Documents marked done"), "done")
        self.dev_share = QDoubleSpinBox()
        self.dev_share.setRange(0.0, 0.9)
        self.dev_share.setSingleStep(0.05)
        self.dev_share.setToolTip(self.tr("The share of documents for a dev set (0: no split)"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 1_000_000)
        self.doccano = QCheckBox(self.tr("Also doccano's label: [[start, end, label]]"))
        self.path_edit = QLineEdit(str(Path(folder) / "export.xlsx"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Format:"), self.format_combo)
        form.addRow(self.tr("&Labels of:"), self.annotator_combo)
        form.addRow(self.tr("&Which labels:"), self.state_combo)
        form.addRow(self.tr("&Documents:"), self.status_combo)
        form.addRow(self.tr("Dev &share:"), self.dev_share)
        form.addRow(self.tr("S&eed:"), self.seed)
        form.addRow("", self.doccano)
        save_as = QLabel(self.tr("&Save as:"))
        save_as.setBuddy(self.path_edit)  # a layout is no buddy: the & would show
        form.addRow(save_as, where)
        form.addRow(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.resize(560, self.sizeHint().height())

    def format(self) -> str:
        return str(self.format_combo.currentData())

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def options(self) -> ExportOptions:
        training = self.format() != "xlsx"
        return ExportOptions(
            annotator=self.annotator_combo.currentData(),
            state=self.state_combo.currentData(),
            status=self.status_combo.currentData(),
            dev_share=self.dev_share.value() if training else 0.0,
            seed=self.seed.value(),
            doccano=training and self.format() == "jsonl" and self.doccano.isChecked(),
        )

    @Slot()
    def _format_changed(self) -> None:
        """Training-data choices only for training data; the file name follows the format."""
        fmt = self.format()
        training = fmt != "xlsx"
        for widget in (self.dev_share, self.seed):
            widget.setEnabled(training)
        self.doccano.setEnabled(fmt == "jsonl")
        path = self.path()
        if path.name:
            self.path_edit.setText(str(path.with_suffix(SUFFIXES[fmt])))

    @Slot()
    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), str(self.path()))
        if chosen:
            self.path_edit.setText(chosen)


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
        dialog = ExportDialog(annotator_names(context.project), folder, context.window)
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
