"""The form for one actor (who holds stances): its name, aliases and kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from gui.target_form import kind_text, split_aliases
from services.actors import ACTOR_KINDS


@dataclass(frozen=True)
class ActorValues:
    """What the actor form holds."""

    name: str
    aliases: tuple[str, ...]
    kind: str


class ActorForm(QDialog):
    """Name, aliases and kind of one actor. OK calls ``save(form, values)``; the form closes
    only when that returns True (otherwise it has shown why)."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        values: ActorValues,
        save: Callable[[ActorForm, ActorValues], bool],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.name_edit = QLineEdit(values.name, self)
        self.aliases_edit = QPlainTextEdit("\n".join(values.aliases), self)
        self.aliases_edit.setTabChangesFocus(True)
        self.aliases_edit.setPlaceholderText("Putin\nWladimir Putin\nder russische Präsident")
        self.kind_combo = QComboBox(self)
        kinds = list(ACTOR_KINDS)
        if values.kind not in kinds:
            kinds.append(values.kind)  # a kind set elsewhere stays
        for kind in kinds:
            self.kind_combo.addItem(kind_text(kind), kind)
        self.kind_combo.setCurrentIndex(kinds.index(values.kind))
        hint = QLabel(
            self.tr(
                "One alias per line, or separated by commas: the ways the articles name this "
                "actor. Words selected as a holder that match an alias count for the actor."
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
        form.addRow(self.tr("&Aliases:"), self.aliases_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(hint)
        form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._name_changed)
        self._name_changed(values.name)
        self.resize(420, self.sizeHint().height())

    def values(self) -> ActorValues:
        return ActorValues(
            self.name_edit.text().strip(),
            tuple(split_aliases(self.aliases_edit.toPlainText())),
            self.kind_combo.currentData(),
        )

    @Slot(str)
    def _name_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    def accept(self) -> None:
        if self._save(self, self.values()):
            super().accept()
