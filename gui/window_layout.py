"""Where the window was and how it was laid out (size, the list/article split, toolbar and
docks), kept in QSettings from one start to the next."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

DEFAULT_SIZE = (1440, 860)
DEFAULT_SPLIT = (520, 640)


def restore_layout(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    """The layout saved last, else the defaults."""
    geometry = settings.value("window/geometry")
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        window.resize(*DEFAULT_SIZE)
    split = settings.value("window/splitter")
    if not (isinstance(split, QByteArray) and splitter.restoreState(split)):
        splitter.setSizes(list(DEFAULT_SPLIT))
    state = settings.value("window/state")  # toolbar and docks
    if isinstance(state, QByteArray):
        window.restoreState(state)


def save_layout(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", splitter.saveState())
    settings.setValue("window/state", window.saveState())
