"""A decision that changes what the project memory suggests says so in the status bar, and
one Ctrl+Z takes all of it back (every withdrawn or spread suggestion, and the counts);
Ctrl+Shift+Z does it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gui.main_window import MainWindow
from storage.events import snapshot
from storage.models import Document, EntityMemory, EntitySpan
from storage.project import open_project
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.gui.helpers import open_and_wait, press, show_row

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TEXTS = [
    "In Charkiw fielen Bomben. Charkiw ist die zweitgrößte Stadt, sagte man in Berlin.",
    "Die Lage in Charkiw bleibt angespannt.",
    "Aus Charkiw kamen neue Bilder.",
    "Berlin schweigt.",
]


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    return tester_window


def _everywhere(text: str, words: str, only_first: bool = False) -> list[SpanSuggestion]:
    found, start = [], text.find(words)
    while start != -1:
        found.append(SpanSuggestion(start, start + len(words), "LOC", 0.8, "model", "de_test", "1"))
        start = -1 if only_first else text.find(words, start + 1)
    return found


def _open(qtbot, window: MainWindow, make_project, everywhere: bool):  # type: ignore[no-untyped-def]
    """The project of ``TEXTS`` with Charkiw suggested by a "model" (in every place, or
    only at the first document's first one) and Berlin, the first document shown."""
    path: Path = make_project(TEXTS, languages=["de"] * len(TEXTS))
    with open_project(path) as project:
        with project.db.read() as session:
            ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        for number, (document_id, text) in enumerate(zip(ids, TEXTS, strict=True)):
            found = _everywhere(text, "Berlin")
            if everywhere or number == 0:
                found += _everywhere(text, "Charkiw", only_first=not everywhere)
            store_entity_suggestions(project.db, project.project_id, document_id, found, ["t"])
    open_and_wait(qtbot, window, path)
    text_edit = show_row(qtbot, window, 0)
    press(qtbot, text_edit, Qt.Key.Key_Tab)  # the first Charkiw
    assert text_edit.focused is not None
    assert text_edit.text[text_edit.focused.start : text_edit.focused.end] == "Charkiw"
    return text_edit


def machine_rows(window: MainWindow) -> dict[int, dict]:
    assert window.project is not None
    with window.project.db.read() as session:
        rows = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.is_(None)))
        return {r.id: snapshot(r) for r in rows}


def votes(window: MainWindow) -> dict[tuple, tuple[int, int]]:
    assert window.project is not None
    with window.project.db.read() as session:
        rows = session.scalars(select(EntityMemory))
        found = {(m.surface, m.document_id): (m.accepted, m.rejected) for m in rows}
    return {key: value for key, value in found.items() if value != (0, 0)}


def test_delete_withdraws_the_name_everywhere_says_so_and_one_undo_brings_all_back(  # type: ignore[no-untyped-def]
    qtbot, window, make_project
):
    text_edit = _open(qtbot, window, make_project, everywhere=True)
    before, before_votes = machine_rows(window), votes(window)

    press(qtbot, text_edit, Qt.Key.Key_Delete)
    assert window.status.currentMessage() == (
        "Charkiw (LOC) is no longer suggested: 3 suggestions withdrawn in 3 documents"
    )
    left = machine_rows(window)
    assert len(left) == len(before) - 3  # the other three Charkiw suggestions, project-wide
    assert ("Charkiw", window.entities.document_id) in votes(window)

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert machine_rows(window) == before  # every one back, with its id and values
    assert votes(window) == before_votes
    assert window.status.currentMessage() == (
        "Undone: Reject LOC “Charkiw” — Charkiw (LOC) suggested in 3 more places in 3 documents"
    )
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)  # redo: withdrawn again
    assert machine_rows(window) == left
    assert "3 suggestions withdrawn in 3 documents" in window.status.currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert machine_rows(window) == before


def test_an_accept_that_spreads_says_where_and_one_undo_takes_it_back(  # type: ignore[no-untyped-def]
    qtbot, window, make_project
):
    text_edit = _open(qtbot, window, make_project, everywhere=False)
    before = machine_rows(window)

    press(qtbot, text_edit, Qt.Key.Key_Return)
    assert window.status.currentMessage() == (
        "Charkiw (LOC) suggested in 3 more places in 3 documents"
    )
    spread = machine_rows(window)
    assert len(spread) == len(before) + 3
    # The list's rows of the other documents count their new suggestion.
    assert window.undo_stack.count() == 1

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert machine_rows(window) == before
    assert votes(window) == {}
    assert "Charkiw (LOC) is no longer suggested: 3 suggestions withdrawn in 3 documents" in (
        window.status.currentMessage()
    )
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert machine_rows(window) == spread  # the very rows again
