"""Where the window was and how it was laid out (size, the list/article split, toolbar and
docks, the document list's column widths), kept in QSettings from one start to the next.

A first start fits the window to the screen it opens on (a 1024×700 laptop screen too), and
gives the list, the article and the spans dock shares of that width."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QHeaderView, QMainWindow, QSplitter

from gui.article_view import TEXT_SPLITTER

DEFAULT_SIZE = (1440, 860)
SCREEN_SHARE = 0.92  # of the available screen a first window takes at most
LIST_SHARE = 0.30  # of the window's width: the document list (the rest: the article)
DOCK_SHARE = 0.26  # of the window's width: a dock beside the article (the spans panel)
TEXT_SPLIT_KEY = "window/text_splitter"
TEXT_SHARE = 0.62  # of the article's height: the text, above the stance panel
COLUMNS_KEY = "window/document_columns"
COLUMN_COUNT_KEY = "window/document_column_count"  # a stored header of another shape is not used


def first_size(window: QMainWindow) -> QSize:
    """The default size, made smaller where the screen is (its taskbar and panels left out)."""
    screen = window.screen()
    width, height = DEFAULT_SIZE
    if screen is None:
        return QSize(width, height)
    available = screen.availableGeometry()
    return QSize(
        min(width, int(available.width() * SCREEN_SHARE)),
        min(height, int(available.height() * SCREEN_SHARE)),
    )


def share_width(window: QMainWindow, splitter: QSplitter | None, *, docks: bool = True) -> None:
    """The default shares of the window's width: the list and the article (``splitter``),
    the docks beside the article (``docks``)."""
    width = window.width()
    if splitter is not None:
        splitter.setSizes([int(width * LIST_SHARE), int(width * (1 - LIST_SHARE - DOCK_SHARE))])
    shown = [d for d in window.findChildren(QDockWidget) if not d.isFloating()] if docks else []
    if shown:
        window.resizeDocks(shown, [int(width * DOCK_SHARE)] * len(shown), Qt.Orientation.Horizontal)


def restore_layout(
    window: QMainWindow,
    splitter: QSplitter,
    settings: QSettings,
    columns: QHeaderView | None = None,
) -> None:
    """The layout saved last, else the defaults for this screen."""
    geometry = settings.value("window/geometry")
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        window.resize(first_size(window))
    split = settings.value("window/splitter")
    if not (isinstance(split, QByteArray) and splitter.restoreState(split)):
        share_width(window, splitter, docks=False)
    _restore_text_split(window, settings)
    state = settings.value("window/state")  # toolbar and docks
    if not (isinstance(state, QByteArray) and window.restoreState(state)):
        share_width(window, None, docks=True)
    if columns is not None:
        _restore_columns(columns, settings)


def save_layout(
    window: QMainWindow,
    splitter: QSplitter,
    settings: QSettings,
    columns: QHeaderView | None = None,
) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", splitter.saveState())
    settings.setValue("window/state", window.saveState())
    text_split = window.findChild(QSplitter, TEXT_SPLITTER)
    if text_split is not None:
        settings.setValue(TEXT_SPLIT_KEY, text_split.saveState())
    if columns is not None:
        settings.setValue(COLUMNS_KEY, columns.saveState())
        settings.setValue(COLUMN_COUNT_KEY, columns.count())


def _restore_text_split(window: QMainWindow, settings: QSettings) -> None:
    """The article text above the stance panel: as left, else two thirds for the text (the
    panel's own size hint would leave the text a few lines at a large text size)."""
    text_split = window.findChild(QSplitter, TEXT_SPLITTER)
    if text_split is None:
        return
    state = settings.value(TEXT_SPLIT_KEY)
    if not (isinstance(state, QByteArray) and text_split.restoreState(state)):
        height = window.height()
        text_split.setSizes([int(height * TEXT_SHARE), int(height * (1 - TEXT_SHARE))])


def _restore_columns(columns: QHeaderView, settings: QSettings) -> None:
    """The column widths (and order) the user left; the sort indicator stays as the list
    starts (import order), and a header of another version's columns is not used."""
    state = settings.value(COLUMNS_KEY)
    if (
        not isinstance(state, QByteArray)
        or _int(settings.value(COLUMN_COUNT_KEY)) != columns.count()
    ):
        return
    indicator = (columns.sortIndicatorSection(), columns.sortIndicatorOrder())
    columns.blockSignals(True)  # restoring the indicator must not sort the list
    columns.restoreState(state)
    columns.setSortIndicator(*indicator)
    columns.blockSignals(False)


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
