"""The choices of *File › Export…*: format, whose labels, which states and documents, where.
``gui.export_workflow`` asks with it and runs the export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from gui.number_fields import DecimalSpinBox
from services.values import DISPLAY_THRESHOLD, GOLD_ANNOTATOR, ExportOptions

SUFFIXES = {"xlsx": ".xlsx", "jsonl": ".jsonl", "spacy": ".spacy", "conll": ".conll", "csv": ".csv"}


class ExportDialog(QDialog):
    """The choices of one export; ``options()``, ``format()`` and ``path()`` read them."""

    def __init__(
        self,
        annotators: list[str],
        folder: str,
        parent: QWidget | None = None,
        min_confidence: float = DISPLAY_THRESHOLD,
    ) -> None:
        super().__init__(parent)
        self._min_confidence = min_confidence  # the display threshold the annotators work with
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
        percent = QLocale().toString(round(min_confidence * 100))
        self.hidden_suggestions = QCheckBox(
            self.tr("Also suggestions &hidden below {0} % confidence").format(percent)
        )
        self.hidden_suggestions.setToolTip(
            self.tr("Annotators never saw these; they are left out unless you ask for them")
        )
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All documents"), "all")
        self.status_combo.addItem(self.tr("Documents marked done"), "done")
        self.dev_share = DecimalSpinBox()
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
        form.addRow("", self.hidden_suggestions)
        form.addRow(self.tr("&Documents:"), self.status_combo)
        form.addRow(self.tr("Dev &share:"), self.dev_share)
        form.addRow(self.tr("S&eed:"), self.seed)
        form.addRow("", self.doccano)
        save_as = QLabel(self.tr("&Save as:"))
        save_as.setBuddy(self.path_edit)  # a layout is no buddy: the & would show
        form.addRow(save_as, where)
        form.addRow(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.state_combo.currentIndexChanged.connect(self._state_changed)
        self._format_changed()
        self._state_changed()
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
            min_confidence=0.0 if self.hidden_suggestions.isChecked() else self._min_confidence,
        )

    @Slot()
    def _state_changed(self) -> None:
        """Hidden suggestions only matter when suggestions go out at all."""
        self.hidden_suggestions.setEnabled(self.state_combo.currentData() == "all")

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
