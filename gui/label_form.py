"""The form for one label of the schema: name, colour, shortcut, description."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


@dataclass(frozen=True)
class LabelValues:
    """What the label form holds."""

    name: str
    colour: str
    shortcut: str
    description: str


class LabelForm(QDialog):
    """Name, colour, shortcut and description of one label. OK calls ``save(form,
    values)``; the form closes only when that returns True (otherwise it showed why)."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        values: LabelValues,
        save: Callable[[LabelForm, LabelValues], bool],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.colour = values.colour
        self.name_edit = QLineEdit(values.name, self)
        self.colour_button = QPushButton(self)
        self.colour_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.colour_button.clicked.connect(self.pick_colour)
        self.shortcut_edit = QLineEdit(values.shortcut, self)
        self.shortcut_edit.setMaxLength(1)
        self.shortcut_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("MM") * 2)
        self.description_edit = QLineEdit(values.description, self)
        hint = QLabel(
            self.tr(
                "The shortcut is one letter (or 0): the digits 1–9 choose the labels by "
                "their place in the list. Entity and stance labels may share a letter."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Colour:"), self.colour_button)
        form.addRow(self.tr("&Shortcut:"), self.shortcut_edit)
        form.addRow(self.tr("&Description:"), self.description_edit)
        form.addRow(hint)
        form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._name_changed)
        self._name_changed(values.name)
        self._show_colour()
        self.resize(440, self.sizeHint().height())

    def values(self) -> LabelValues:
        return LabelValues(
            self.name_edit.text().strip(),
            self.colour,
            self.shortcut_edit.text().strip(),
            self.description_edit.text().strip(),
        )

    @Slot()
    def pick_colour(self) -> None:
        chosen = self.choose_colour(self.colour)
        if chosen is not None:
            self.colour = chosen
            self._show_colour()

    def choose_colour(self, current: str) -> str | None:
        """A colour as "#rrggbb" from the colour dialog, None when cancelled (tests replace
        this)."""
        colour = QColorDialog.getColor(QColor(current), self, self.tr("Label colour"))
        return colour.name() if colour.isValid() else None

    def _show_colour(self) -> None:
        self.colour_button.setIcon(swatch(self.colour))
        self.colour_button.setText(self.colour)

    @Slot(str)
    def _name_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def accept(self) -> None:
        if self._save(self, self.values()):
            super().accept()
