"""Small helpers the GUI tests share."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.article_text import ArticleText
from gui.document_workflow import DocumentWorkflow
from gui.main_window import MainWindow
from storage.importing.records import ImportedRecord
from storage.suggestions import SpanSuggestion

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


def wire_documents(window: MainWindow, _monkeypatch: pytest.MonkeyPatch) -> DocumentWorkflow:
    """The window builds the document workflow and its side panel itself."""
    return window.documents


def as_tester(settings: QSettings) -> QSettings:
    settings.setValue("annotator", "tester")
    return settings


def suggestions(text: str, covered: list[tuple[str, str]]) -> list[SpanSuggestion]:
    return [
        SpanSuggestion(text.index(words), text.index(words) + len(words), label, 0.9, "model",
                       "de_test", "1.0")
        for words, label in covered
    ]  # fmt: skip


def press(
    qtbot, text_edit: ArticleText, key: Qt.Key | str, modifiers=Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(text_edit, key, modifiers)


PAINT_TIMEOUT_MS = 5_000
TEXT = (
    "Wladimir Putin traf Olaf Scholz in Berlin. "
    "Die US-Regierung und die Bundesregierung schwiegen dazu."
)
TEXT_2 = "Friedrich Merz sprach in Paris über die Lage."
SUGGESTED = {  # text -> (covered, label) suggested by a "model"
    TEXT: [("Putin", "PER"), ("Olaf Scholz", "PER"), ("Berlin", "LOC"), ("US-Regierung", "LOC")],
    TEXT_2: [("Friedrich Merz", "PER"), ("Paris", "LOC")],
}


def show_row(qtbot, window: MainWindow, row: int) -> ArticleText:  # type: ignore[no-untyped-def]
    window.table.selectRow(row)
    text_edit = window.article.text_edit
    expected = window.model.document_row(row)
    assert expected is not None
    qtbot.waitUntil(lambda: window.entities.document_id == expected.id, timeout=PAINT_TIMEOUT_MS)  # type: ignore[attr-defined]
    text_edit.setFocus()
    qtbot.waitUntil(text_edit.hasFocus, timeout=PAINT_TIMEOUT_MS)
    return text_edit
