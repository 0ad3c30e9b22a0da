"""Small helpers the GUI tests share."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from gui.main_window import MainWindow
from storage.importing.records import ImportedRecord

OPEN_TIMEOUT_MS = 15_000  # generous for slow CI machines; every wait ends as soon as it can


def make_records(
    texts: Sequence[str],
    titles: Sequence[str | None] | None = None,
    languages: Sequence[str | None] | None = None,
) -> list[ImportedRecord]:
    titles = titles if titles is not None else [None] * len(texts)
    languages = languages if languages is not None else [None] * len(texts)
    return [
        ImportedRecord(
            text=text, source=f"doc{i}.txt", location=f"doc{i}.txt", title=title, language=language
        )
        for i, (text, title, language) in enumerate(zip(texts, titles, languages, strict=True))
    ]


def open_and_wait(qtbot, window: MainWindow, path: Path | str, **kwargs: bool) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        window.open_project(path, **kwargs)


def message_boxes(parent: QWidget) -> list[QMessageBox]:
    """The message boxes the window shows right now (they are its children)."""
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]


def wait_for_message(qtbot, parent: QWidget) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(message_boxes(parent)), timeout=OPEN_TIMEOUT_MS)
    return message_boxes(parent)[-1]
