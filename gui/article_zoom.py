"""View › Zoom in/out/Reset: the article text's size, stored in QSettings and shown again at
the next start. Preferences set the size the text has unzoomed; Reset goes back to it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit

from gui.preferences import (
    FONT_SIZE_KEY,
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
    ZOOM_SIZE_KEY,
    stored_font_size,
    stored_zoom_size,
)


class ArticleZoom(QObject):
    """The article text's size: the size set in Preferences (else the built-in one), zoomed
    in or out from it by the zoom actions; Reset shows the Preferences' size again."""

    def __init__(self, text: QPlainTextEdit, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self._text, self._settings = text, settings
        self.default_size = text.font().pointSizeF()  # the size ArticleView chose
        self.zoom_in_action = self._action(
            self.tr("Zoom &in"), ["Ctrl++", "Ctrl+="], lambda: self.zoom(1)
        )
        self.zoom_out_action = self._action(self.tr("Zoom &out"), ["Ctrl+-"], lambda: self.zoom(-1))
        self.reset_action = self._action(self.tr("&Reset zoom"), ["Ctrl+0"], self.reset)
        zoomed = stored_zoom_size(settings)
        if zoomed is not None or stored_font_size(settings) is not None:
            self._show(zoomed if zoomed is not None else self.preferred_size())

    @property
    def actions(self) -> list[QAction]:
        return [self.zoom_in_action, self.zoom_out_action, self.reset_action]

    def _action(self, text: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.parent())
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        return action

    def font_size(self) -> int:
        return round(self._text.font().pointSizeF())

    def preferred_size(self) -> float:
        """The size set in Preferences, else the built-in one: what Reset shows."""
        stored = stored_font_size(self._settings)
        return stored if stored is not None else self.default_size

    def set_font_size(self, size: int) -> None:
        """The Preferences' size: show the text at ``size`` points (within the limits),
        unzoomed, and remember it."""
        size = _within_limits(size)
        self._settings.setValue(FONT_SIZE_KEY, size)
        self._settings.remove(ZOOM_SIZE_KEY)
        self._show(size)

    def zoom(self, steps: int) -> None:
        """``steps`` points larger (or smaller), remembered apart from the Preferences' size."""
        size = _within_limits(self.font_size() + steps)
        self._settings.setValue(ZOOM_SIZE_KEY, size)
        self._show(size)

    @Slot()
    def reset(self) -> None:
        self._settings.remove(ZOOM_SIZE_KEY)
        self._show(self.preferred_size())

    def _show(self, size: float) -> None:
        font = self._text.font()
        font.setPointSizeF(size)
        self._text.setFont(font)


def _within_limits(size: int) -> int:
    return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
