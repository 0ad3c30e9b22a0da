"""A picture of the main window showing one document with its final highlights: for the
README, and to look at the window where there is no screen (``python main.py gui
--screenshot``).

The window is the app's own, driven as a user would: open the project (a new one gets the
sample articles and their stance targets, as on the app's first start), select a document,
wait until its highlights are final, grab. "Final" is the window's ``suggestions_shown``
signal for that document: it comes at once for a document the suggesters have run over, else
after the background job that suggests its entities and then, in a project with stance
targets, its stance (both in one job, ``suggest_document_job``), so the stance tints and the
stance panel's rows are painted by then too.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QSettings,
    QTimer,
    QtMsgType,
    SignalInstance,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from errors import UserError
from gui.app import MainWindow, create_application, keep_out_of_garbage_collection
from gui.window_layout import share_width
from services.values import DocumentRow

DEFAULT_SIZE = (1400, 860)
SETTLE_MS = 200  # after painting: let posted layout requests (panel, table columns) run
# Qt's offscreen platform says so on every top-level resize; nothing is wrong.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


class ScreenshotError(UserError):
    """Why no picture was taken, in one line for a person."""


def take_screenshot(
    project: str | Path,
    out: str | Path,
    document_index: int = 0,
    size: tuple[int, int] = DEFAULT_SIZE,
    timeout_s: float = 120,
    samples_dir: Path | None = None,
) -> None:
    """Open ``project`` in the main window sized ``size`` (width, height), show its document
    at list position ``document_index`` (0: the first) with its final highlights, and save
    the window as a PNG to ``out``. A project that does not exist is created, with the
    articles in ``samples_dir`` when given (as the app does on its first start).

    Raises ``ScreenshotError`` when the project cannot be opened, has no such document, the
    highlights are not painted within ``timeout_s`` seconds (the model loads within it), or
    the file cannot be written. The window is closed, and its background jobs finished,
    before this returns.
    """
    app = create_application(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="standpunkt-screenshot-"))
    window = MainWindow(samples_dir=samples_dir, settings=_settings_copy(folder))
    keep_out_of_garbage_collection()  # as the app does once its window is built
    try:
        with _quiet_offscreen(app):
            try:
                window.resize(*size)
                share_width(window, window.splitter)  # the default layout at this size
                window.show()
                window.activateWindow()  # selections in the active colours, as users see them
                deadline = time.monotonic() + timeout_s
                _show(window, project, document_index, deadline, timeout_s)
                _run_events(SETTLE_MS)
                _grab(window, size, out)
            finally:
                window.close()  # waits for running jobs; closes the project
                window.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _grab(window: MainWindow, size: tuple[int, int], out: str | Path) -> None:
    if (window.width(), window.height()) != tuple(size):
        # The widgets' minimum sizes won: a picture of another size than asked for would
        # surprise whoever places it.
        needs = window.minimumSizeHint()
        raise ScreenshotError(
            f"the window cannot be {size[0]}x{size[1]} with this document: it needs at "
            f"least {needs.width()}x{needs.height()}"
        )
    # Heights set while the highlights came in (the whole-document stance row fits its
    # targets) are laid out by posted events: let them run, so the picture is the window
    # a user sees.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.processEvents()
    if not window.grab().save(str(out), "PNG"):
        raise ScreenshotError(f"cannot write the picture to {out}")


@contextmanager
def _quiet_offscreen(app: QApplication) -> Iterator[None]:
    """Drop the offscreen platform's harmless warning; every other message goes on to the
    handler before (or to stderr, Qt's default)."""
    if app.platformName() != "offscreen":
        yield
        return

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == OFFSCREEN_NOISE:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handle)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _settings_copy(folder: Path) -> QSettings:
    """The user's settings (annotator name, confidence threshold) in a file of our own, so
    that the window's layout on closing is not saved over the user's. The user's window
    layout is left out: pictures are taken at the size asked for, in the default layout."""
    user = QSettings()
    copy = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    for key in user.allKeys():
        if not key.startswith("window/"):
            copy.setValue(key, user.value(key))
    return copy


def _show(
    window: MainWindow, project: str | Path, index: int, deadline: float, timeout_s: float
) -> None:
    """Open the project, select document ``index`` and wait for its final highlights."""
    shown: set[int] = set()  # documents whose final highlights were painted
    # Connected before opening: the first document is selected as the project opens, and
    # painted at once when the suggesters have run over it.
    window.suggestions_shown.connect(lambda document_id, _count: shown.add(document_id))
    window.open_project(project)
    _wait_until(lambda: not window.runner.busy, [window.runner.busy_changed], deadline)
    if window.project is None:
        raise ScreenshotError(_open_failure(window, project, timeout_s))
    document = _document_at(window, index)
    if window.table.currentIndex().row() != index:
        shown.discard(document.id)
        window.table.selectRow(index)
    if not _wait_until(lambda: document.id in shown, [window.suggestions_shown], deadline):
        doing = window.status.suggest_label.text() or "nothing reported"
        raise ScreenshotError(
            f"the highlights of document {index + 1} (“{document.title}”) were not painted "
            f"within {timeout_s:g} s (the suggester: {doing})"
        )


def _open_failure(window: MainWindow, project: str | Path, timeout_s: float) -> str:
    if window.runner.busy:
        return f"{project} did not open within {timeout_s:g} s"
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    why = boxes[-1].text() if boxes else "unknown reason"
    return f"cannot open {project}: {why}"


def _document_at(window: MainWindow, index: int) -> DocumentRow:
    """The document at list position ``index``, loading pages of the list up to it."""
    model = window.model
    if not 0 <= index < model.total:
        count = f"{model.total} document{'s' if model.total != 1 else ''}"
        raise ScreenshotError(f"the project has {count}: there is no document {index + 1}")
    while model.rowCount() <= index and model.canFetchMore():
        model.fetchMore()
    document = model.document_row(index)
    if document is None:  # deleted meanwhile
        raise ScreenshotError(f"document {index + 1} could not be read")
    return document


def _wait_until(
    condition: Callable[[], bool], signals: list[SignalInstance], deadline: float
) -> bool:
    """Run the event loop until ``condition()`` holds (checked whenever one of ``signals``
    fires) or ``deadline`` (``time.monotonic()``) passes; whether it holds."""
    if condition():
        return True
    loop = QEventLoop()

    def check(*_args: object) -> None:
        if condition():
            loop.quit()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(max(0, int((deadline - time.monotonic()) * 1000)))
    for signal in signals:
        signal.connect(check)
    try:
        loop.exec()
    finally:
        timer.stop()
        for signal in signals:
            signal.disconnect(check)
    return condition()


def _run_events(milliseconds: int) -> None:
    """Let the event loop run for a while (posted layout and paint requests)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
