"""Long articles as fast as short ones: a decision rebuilds only the highlights it changed
(and the result is what a fresh open paints), the Spans panel is told about the changed
row only, and the suggestions that need no model are shown before the model has run."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextEdit
from sqlalchemy import select

from gui.article_text import ArticleText
from gui.main_window import MainWindow
from gui.span_focus import is_open
from gui.spans_dock import SpansDock
from storage.models import EntitySpan
from storage.project import get_or_create_annotator
from tests.gui.helpers import OPEN_TIMEOUT_MS, open_and_wait, press, show_row

CTRL = Qt.KeyboardModifier.ControlModifier
# Twenty different names (accepting one teaches the memory nothing that spreads in here).
NAMES = [
    ("Angela Merkel", "PER"),
    ("Hamburg", "LOC"),
    ("Siemens", "ORG"),
    ("Emmanuel Macron", "PER"),
    ("Lyon", "LOC"),
    ("Airbus", "ORG"),
    ("Joe Biden", "PER"),
    ("Chicago", "LOC"),
    ("Boeing", "ORG"),
    ("Rishi Sunak", "PER"),
    ("Leeds", "LOC"),
    ("Unilever", "ORG"),
    ("Pedro Sánchez", "PER"),
    ("Sevilla", "LOC"),
    ("Iberdrola", "ORG"),
    ("Giorgia Meloni", "PER"),
    ("Turin", "LOC"),
    ("Fiat", "ORG"),
    ("Donald Tusk", "PER"),
    ("Krakau", "LOC"),
]
LONG_TEXT = "\n".join(
    f"Am Montag sprach {name} über die Lage, und viele hörten aufmerksam zu." for name, _ in NAMES
)


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    return tester_window


def painted(text_edit: ArticleText) -> list[tuple[int, int, str, int]]:
    """Each extra selection as painted: where, its background, its underline."""
    return [_selection(s) for s in text_edit.extraSelections()]


def _selection(selection: QTextEdit.ExtraSelection) -> tuple[int, int, str, int]:
    cursor, text_format = selection.cursor, selection.format  # type: ignore[attr-defined]
    background = text_format.background().color().name(QColor.NameFormat.HexArgb)
    return (cursor.anchor(), cursor.position(), background, text_format.underlineStyle().value)


def states(window: MainWindow) -> dict[str, str]:
    """The annotator's own rows in the database: covered text -> state and label."""
    assert window.project is not None
    with window.project.db.read() as session:
        tester = get_or_create_annotator(session, "tester").id
        rows = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id == tester))
        return {LONG_TEXT[r.start_offset : r.end_offset]: f"{r.state}/{r.label.name}" for r in rows}


def test_a_decision_rebuilds_only_the_changed_highlights_and_paints_what_a_fresh_open_does(
    qtbot, window: MainWindow, open_document
) -> None:
    second = "Ein zweiter Text über Bremen."
    text_edit = open_document([LONG_TEXT, second], suggested={LONG_TEXT: NAMES})
    assert len(text_edit.highlighted) == len(NAMES)
    cache = text_edit.selection_cache
    press(qtbot, text_edit, Qt.Key.Key_Tab)  # Angela Merkel
    press(qtbot, text_edit, Qt.Key.Key_Tab)  # Hamburg
    built = cache.built
    press(qtbot, text_edit, Qt.Key.Key_Return)  # accept Hamburg: one highlight changes
    assert cache.built == built + 1
    press(qtbot, text_edit, Qt.Key.Key_Delete)  # reject Siemens: it goes, nothing is built
    assert cache.built == built + 1
    press(qtbot, text_edit, Qt.Key.Key_P)  # Emmanuel Macron is a PER already: accepted
    press(qtbot, text_edit, Qt.Key.Key_O)  # Lyon relabelled ORG
    assert cache.built == built + 3
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Z, CTRL)  # Lyon is LOC again
    assert cache.built == built + 4
    assert states(window) == {
        "Hamburg": "accepted/LOC",
        "Siemens": "rejected/ORG",
        "Emmanuel Macron": "accepted/PER",
    }
    after_keys = painted(text_edit)
    focused = text_edit.focused
    assert focused is not None and LONG_TEXT[focused.start : focused.end] == "Lyon"

    show_row(qtbot, window, 1)  # another document, then this one again: built anew
    text_edit = show_row(qtbot, window, 0)
    text_edit.focus_span(next(s for s in text_edit.highlighted if s.start == focused.start))
    assert cache.built == len(text_edit.highlighted) == len(NAMES) - 1
    assert painted(text_edit) == after_keys


def test_a_decision_tells_the_spans_panel_about_its_row_only(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([LONG_TEXT], suggested={LONG_TEXT: NAMES})
    [dock] = window.findChildren(SpansDock)
    model: QAbstractItemModel = dock.panel.model
    told: list[tuple[str, int, int]] = []
    model.modelReset.connect(lambda: told.append(("reset", -1, -1)))
    model.dataChanged.connect(lambda a, b, *_: told.append(("changed", a.row(), b.row())))
    model.rowsRemoved.connect(lambda _p, a, b: told.append(("removed", a, b)))
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)  # Angela Merkel accepted: row 0 changes
    assert told == [("changed", 0, 0)]
    told.clear()
    press(qtbot, text_edit, Qt.Key.Key_Delete)  # Hamburg rejected: hidden, its row goes
    assert told == [("removed", 1, 1)]
    assert [row[0] for row in dock.panel.row_texts()][:2] == ["Angela Merkel", "Siemens"]


GERMAN = "Die Ukraine und Polen sprachen mit Olaf Scholz über die Lage in Europa."


def test_pattern_and_memory_suggestions_show_before_the_model_has_run(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from services.editing import EntityEditor  # the memory learns from a decision
    from storage.project import open_project
    from storage.suggestions import SpanSuggestion, store_entity_suggestions

    release, started = threading.Event(), threading.Event()

    def slow_model(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        started.set()
        assert release.wait(OPEN_TIMEOUT_MS / 1000)
        from services.suggesting import SuggestReport

        return SuggestReport()

    monkeypatch.setattr("services.suggestion_jobs.suggest_documents", slow_model)
    path = make_project(["Olaf Scholz reiste ab.", GERMAN], languages=["de", "de"])
    with open_project(path) as project:
        olaf = SpanSuggestion(0, 11, "PER", 0.9, "model", "de_test", "1")
        store_entity_suggestions(project.db, project.project_id, 1, [olaf], ["de_test"])
        with project.db.write() as session:
            tester = get_or_create_annotator(session, "tester").id
            span_id = session.scalars(select(EntitySpan.id)).one()
        EntityEditor(project.db, project.project_id, tester).accept(span_id)
    open_and_wait(qtbot, window, path)
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # the unsuggested German article
    text_edit = window.article.text_edit

    def covered() -> set[tuple[str, str]]:
        return {(GERMAN[s.start : s.end], s.origin_kind) for s in text_edit.highlighted}

    try:
        qtbot.waitUntil(lambda: {("Ukraine", "pattern"), ("Olaf Scholz", "memory")} <= covered())
        assert started.is_set() and not release.is_set()  # the model is still "running"
        assert window.status.suggest_label.isVisible()
        assert any(is_open(s) for s in text_edit.highlighted)
    finally:
        release.set()
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS):
        pass
    assert {("Ukraine", "pattern"), ("Olaf Scholz", "memory")} <= covered()
