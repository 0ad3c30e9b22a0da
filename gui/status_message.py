"""The status bar's passing message, never cut off: shown elided to the room there is, the
whole text in its tooltip, and every message of the session kept in a log that a click on
the message (or View › Messages…) shows in full (``gui.message_log_dialog``)."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 16  # the least of a message always in sight
LOG_SIZE = 500  # messages kept: a day of work, without growing without end


class MessageLog:
    """The session's messages, oldest first, each with the time it was said."""

    def __init__(self) -> None:
        self._entries: deque[tuple[QDateTime, str]] = deque(maxlen=LOG_SIZE)

    def add(self, text: str) -> None:
        if text:
            self._entries.append((QDateTime.currentDateTime(), text))

    def __len__(self) -> int:
        return len(self._entries)

    def lines(self) -> list[str]:
        """Each message as "time  text" (the time in the user's locale)."""
        locale = QLocale()
        return [
            f"{locale.toString(when.time(), QLocale.FormatType.ShortFormat)}  {text}"
            for when, text in self._entries
        ]


class MessageLabel(QLabel):
    """One message on one line, elided to the label's width; the whole text is its tooltip
    and a click on it emits ``clicked`` (the status bar opens the log)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._message = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(6, 0, 6, 0)
        # Takes the room the other fields leave, and never widens the window for a message.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Room for the start of a message however narrow the window: the rest is a hover
        # or a click away, but an empty field would say nothing was said.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * MIN_CHARS)

    def message(self) -> str:
        return self._message

    def set_message(self, text: str) -> None:
        self._message = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._elide()

    def is_elided(self) -> bool:
        return self.text() != " ".join(self._message.split())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)

    def _elide(self) -> None:
        one_line = " ".join(self._message.split())
        room = self.contentsRect().width()
        elided = self.fontMetrics().elidedText(one_line, Qt.TextElideMode.ElideRight, room)
        super().setText(elided)
