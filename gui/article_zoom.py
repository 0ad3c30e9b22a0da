"""View › Zoom in/out/Reset: the article text's size, stored in QSettings and shown again at
the next start; the preferences set it too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit

from gui.preferences import FONT_SIZE_KEY, MAX_FONT_SIZE, MIN_FONT_SIZE, stored_font_size


class ArticleZoom(QObject):
    """The article text's size: the stored one at start, changed by the zoom actions and
    the preferences, reset to the built-in size."""

    def __init__(self, text: QPlainTextEdit, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self._text, self._settings = text, settings
        self.default_size = text.font().pointSizeF()  # the size ArticleView chose
        self.zoom_in_action = self._action(
            self.tr("Zoom &in"), ["Ctrl++", "Ctrl+="], lambda: self.zoom(1)
        )
        self.zoom_out_action = self._action(self.tr("Zoom &out"), ["Ctrl+-"], lambda: self.zoom(-1))
        self.reset_action = self._action(self.tr("&Reset zoom"), ["Ctrl+0"], self.reset)
        stored = stored_font_size(settings)
        if stored is not None:
            self._show(stored)

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

    def set_font_size(self, size: int) -> None:
        """Show the text at ``size`` points (within the limits) and remember it."""
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        self._settings.setValue(FONT_SIZE_KEY, size)
        self._show(size)

    def zoom(self, steps: int) -> None:
        self.set_font_size(self.font_size() + steps)

    @Slot()
    def reset(self) -> None:
        self._settings.remove(FONT_SIZE_KEY)
        self._show(self.default_size)

    def _show(self, size: float) -> None:
        font = self._text.font()
        font.setPointSizeF(size)
        self._text.setFont(font)
