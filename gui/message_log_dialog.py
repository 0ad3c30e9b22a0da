"""View › Messages…: every status bar message of the session in full, newest last, to read
and copy (a message the status bar had to shorten is all here)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.status_message import MessageLog


class MessageLogDialog(QDialog):
    """The log's messages in a read-only text, the newest one in view."""

    def __init__(self, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Messages"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        empty = QLabel(self.tr("No messages yet."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        empty.setVisible(not len(log))
        self.text.setPlainText("\n".join(log.lines()))
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.text.ensureCursorVisible()
        self.resize(640, 360)
