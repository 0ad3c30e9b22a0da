"""The form for one stance target: its name, aliases and kind."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Slot
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

from services.targets import TARGET_KINDS

_ALIAS_SEPARATORS = re.compile(r"[,\n]")


def kind_text(kind: str) -> str:
    """A target kind in the user's language (an unknown kind as it is stored)."""
    translate = QCoreApplication.translate
    names = {
        "country": translate("TargetKind", "country"),
        "organisation": translate("TargetKind", "organisation"),
        "person": translate("TargetKind", "person"),
        "other": translate("TargetKind", "other"),
    }
    return names.get(kind, kind)


def split_aliases(text: str) -> list[str]:
    """Aliases typed one per line or separated by commas, without blanks."""
    return [part.strip() for part in _ALIAS_SEPARATORS.split(text) if part.strip()]


@dataclass(frozen=True)
class TargetValues:
    """What the target form holds."""

    name: str
    aliases: tuple[str, ...]
    kind: str


class TargetForm(QDialog):
    """Name, aliases and kind of one target (or, given the actors' ``kinds``, ``placeholder``
    and ``hint``, of one actor). OK calls ``save(form, values)``; the form closes only when
    that returns True (otherwise it has shown why, and the user can correct it)."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        values: TargetValues,
        save: Callable[[TargetForm, TargetValues], bool],
        kinds: Sequence[str] = TARGET_KINDS,
        placeholder: str = "Russlands\nMoskau\nKreml*",
        hint: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.name_edit = QLineEdit(values.name, self)
        self.aliases_edit = QPlainTextEdit("\n".join(values.aliases), self)
        self.aliases_edit.setTabChangesFocus(True)
        self.aliases_edit.setPlaceholderText(placeholder)
        self.kind_combo = QComboBox(self)
        kinds = list(kinds)
        if values.kind not in kinds:
            kinds.append(values.kind)  # a kind set elsewhere (the command line) stays
        for kind in kinds:
            self.kind_combo.addItem(kind_text(kind), kind)
        self.kind_combo.setCurrentIndex(kinds.index(values.kind))
        if hint is None:
            hint = self.tr(
                "One alias per line, or separated by commas. An alias ending in * matches "
                "every word that starts with it (Kreml*). The name is always an alias; "
                "inflected forms, compounds and demonyms are found without aliases."
            )
        hint_label = QLabel(hint, self)
        hint_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Aliases:"), self.aliases_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(hint_label)
        form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._name_changed)
        self._name_changed(values.name)
        self.resize(420, self.sizeHint().height())

    def values(self) -> TargetValues:
        return TargetValues(
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
