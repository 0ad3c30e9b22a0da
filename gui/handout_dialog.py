"""The questions of *File › Hand out to annotators…*: who, into which folder, how much
overlap, which seed (the options of ``python main.py handout``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

DEFAULT_OVERLAP = 0.2
MAX_SEED = 2_147_483_647


def split_names(text: str) -> list[str]:
    """ "anna, ben,, carl " → ["anna", "ben", "carl"]."""
    return [name.strip() for name in text.split(",") if name.strip()]


class HandoutDialog(QDialog):
    """Asks for the annotators (comma-separated), the folder, the overlap and the seed; OK
    only with a name and a folder."""

    def __init__(self, names: list[str], folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hand out to annotators"))
        self.names_edit = QLineEdit(", ".join(names), self)
        self.names_edit.setPlaceholderText(self.tr("anna, ben, carl"))
        self.folder_edit = QLineEdit(folder, self)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.clicked.connect(self._browse)
        self.overlap_box = QDoubleSpinBox(self)
        self.overlap_box.setRange(0.0, 1.0)
        self.overlap_box.setSingleStep(0.05)
        self.overlap_box.setDecimals(2)
        self.overlap_box.setValue(DEFAULT_OVERLAP)
        self.overlap_box.setToolTip(
            self.tr("The share of the documents every annotator gets, for agreement")
        )
        self.seed_box = QSpinBox(self)
        self.seed_box.setRange(0, MAX_SEED)
        self.seed_box.setToolTip(self.tr("Which documents overlap; the same seed, the same"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Hand out"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.names_edit.textChanged.connect(self._update_ok)
        self.folder_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Annotators:"), self.names_edit)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        folder_label = QLabel(self.tr("Output &folder:"), self)
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        form.addRow(self.tr("O&verlap:"), self.overlap_box)
        form.addRow(self.tr("&Seed:"), self.seed_box)
        hint = QLabel(
            self.tr(
                "Each annotator gets a project file <folder>/<name>.sqlite with their "
                "documents; it opens with that annotator preset. Handing out again writes "
                "only documents not handed out before."
            ),
            self,
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)  # "<folder>" is no markup
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def annotators(self) -> list[str]:
        return split_names(self.names_edit.text())

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def overlap(self) -> float:
        return self.overlap_box.value()

    def seed(self) -> int:
        return self.seed_box.value()

    @Slot()
    def _update_ok(self) -> None:
        ready = bool(self.annotators()) and bool(self.folder_edit.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    @Slot()
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Output folder"), self.folder_edit.text().strip()
        )
        if chosen:
            self.folder_edit.setText(chosen)
