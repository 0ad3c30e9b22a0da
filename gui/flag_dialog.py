"""The small dialog that flags a document as unsure: a note for whoever reviews it, and a
way to clear an earlier flag. Ctrl+Return saves from the note, as Tab then Return does."""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

NOTE_LINES = 4  # the note box's height in lines


class FlagChoice(Enum):
    FLAG = "flag"  # flag (or keep flagged) with the note
    CLEAR = "clear"  # clear the flag
    CANCEL = "cancel"


class FlagDialog(QDialog):
    """``note``: the note now (None: not flagged). After ``exec``, ``choice`` and
    ``note_text()`` say what the annotator wants."""

    def __init__(self, title: str, note: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Flag as unsure"))
        self.choice = FlagChoice.CANCEL
        intro = QLabel(
            self.tr("Why are you unsure about “{0}”? The note goes into the export.").format(title)
        )
        intro.setWordWrap(True)
        self.note_edit = QPlainTextEdit(note or "")
        self.note_edit.setTabChangesFocus(True)  # Tab goes on to the buttons
        self.note_edit.setPlaceholderText(self.tr("e.g. is “Nord Stream” an ORG or a LOC?"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        line = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setFixedHeight(line * NOTE_LINES + 12)
        intro.setBuddy(self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Flag"))
        ok.setToolTip(self.tr("Flag the document with this note (Ctrl+Return)"))
        self.clear_button: QPushButton | None = None
        if note is not None:
            self.clear_button = buttons.addButton(
                self.tr("&Clear flag"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.clear_button.clicked.connect(self._clear)
        buttons.accepted.connect(self._flag)
        buttons.rejected.connect(self.reject)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self._flag)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note_edit)
        layout.addWidget(buttons)
        self.note_edit.setFocus()
        self.note_edit.selectAll()

    def note_text(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _flag(self) -> None:
        self.choice = FlagChoice.FLAG
        self.accept()

    def _clear(self) -> None:
        self.choice = FlagChoice.CLEAR
        self.accept()
