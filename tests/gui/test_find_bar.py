"""Find in the shown article by keys: Ctrl+F opens the bar, typing marks every match (any
case) and counts them, F3 / Shift+F3 and Return / Shift+Return go round them, Escape gives
the article the keys back; the entity highlights stay as they were."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from gui.find_bar import CURRENT_COLOUR, MATCH_COLOUR, find_matches
from gui.shortcut_sheet import shortcut_groups, shortcut_text
from tests.gui.helpers import TEXT, TEXT_2

SHIFT = Qt.KeyboardModifier.ShiftModifier
# "die" three times in any case, "Die" once at the start of the second sentence.
FIND_TEXT = TEXT + " Die Opposition widersprach; die Regierung nicht."


def _colours(text_edit) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.format.background().color().name() for s in text_edit.extraSelections()]


def _open(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    text_edit = open_document([FIND_TEXT, TEXT_2], suggested={FIND_TEXT: [("Putin", "PER")]})
    qtbot.waitUntil(lambda: len(text_edit.highlighted) == 1)
    return text_edit, window.article.find_bar


def test_ctrl_f_marks_every_match_and_f3_goes_round_them(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    text_edit, bar = _open(qtbot, window, open_document)
    spans_before = len(text_edit.highlighted)
    qtbot.keyClick(text_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "die")
    starts = [m.start() for m in re.finditer("(?i)die", FIND_TEXT)]
    assert [start for start, _ in bar.matches] == starts and len(starts) == 4
    assert bar.count_label.text() == "1 of 4"
    colours = _colours(text_edit)
    assert colours.count(MATCH_COLOUR) == 4 and colours[-1] == CURRENT_COLOUR
    # The entity highlight is still there, between the matches and the current one.
    assert len(text_edit.highlighted) == spans_before
    assert len(text_edit.extraSelections()) == 4 + spans_before + 1
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.count_label.text() == "2 of 4"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.current_match() == (starts[2], starts[2] + 3)
    assert text_edit.textCursor().position() == starts[2]  # the view went there
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, SHIFT)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, SHIFT)  # round the start to the last
    assert bar.count_label.text() == "4 of 4"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)  # and round the end to the first
    assert bar.count_label.text() == "1 of 4"


def test_escape_closes_the_bar_and_the_article_has_the_keys(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    text_edit, bar = _open(qtbot, window, open_document)
    qtbot.keyClick(text_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.edit, "opposition")
    assert bar.count_label.text() == "1 of 1"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.waitUntil(text_edit.hasFocus)
    assert MATCH_COLOUR not in _colours(text_edit) and CURRENT_COLOUR not in _colours(text_edit)
    assert len(text_edit.extraSelections()) == len(text_edit.highlighted) == 1
    start = FIND_TEXT.index("Opposition")
    assert text_edit.selected_range() == (start, start + len("Opposition"))
    # A label key labels the match, as any selection.
    qtbot.keyClick(text_edit, "o")
    qtbot.waitUntil(lambda: len(text_edit.highlighted) == 2)
    added = [s for s in text_edit.highlighted if s.start == start]
    assert [(s.end, s.label.name) for s in added] == [(start + len("Opposition"), "ORG")]
    # F3 from the article opens the bar again on the same words.
    qtbot.keyClick(text_edit, Qt.Key.Key_F3)
    assert bar.isVisible() and bar.count_label.text() == "1 of 1"


def test_case_no_match_and_another_document(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    text_edit, bar = _open(qtbot, window, open_document)
    qtbot.keyClick(text_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.edit, "Die")
    bar.case_box.setChecked(True)
    assert [s for s, _ in bar.matches] == [FIND_TEXT.index("Die"), FIND_TEXT.index("Die O")]
    qtbot.keyClicks(bar.edit, "xyz")
    assert bar.matches == [] and bar.count_label.text() == "No matches"
    assert CURRENT_COLOUR not in _colours(text_edit)
    # Another document shown is searched anew, with the bar still open.
    bar.edit.setText("Paris")
    assert bar.count_label.text() == "No matches"
    window.table.selectRow(1)
    qtbot.waitUntil(lambda: text_edit.text == TEXT_2)
    assert bar.count_label.text() == "1 of 1"
    assert _colours(text_edit)[-1] == CURRENT_COLOUR


def test_ctrl_f_is_the_articles_and_the_list_search_keeps_its_own_key(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    _text_edit, bar = _open(qtbot, window, open_document)
    search = window.documents.filter_bar.search
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.edit.hasFocus()  # from the list too: there is one Ctrl+F in the window
    qtbot.keyClick(bar.edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert search.hasFocus()
    keys = [key.toString() for action in window.findChildren(QAction) for key in action.shortcuts()]
    for key in ("Ctrl+F", "F3", "Shift+F3", "Ctrl+Shift+F", "Ctrl+Shift+U"):
        assert keys.count(key) == 1, key
    # The F1 sheet lists them, and the bar's own keys.
    groups = {
        title: [shortcut_text(action) for action in actions]
        for title, actions in shortcut_groups(window, window.article)
    }
    assert {"Ctrl+F", "F3", "Shift+F3"} <= set(groups["Edit"])
    assert "Return / Enter" in groups["Find bar"] and "Esc" in groups["Find bar"]
    assert "Ctrl+Shift+U" in groups["Document"] and "Ctrl+Shift+F" in groups["Document"]


def test_find_matches_ignores_case_by_default() -> None:
    assert find_matches("Kiew, KIEW und kiew", "kiew") == [(0, 4), (6, 10), (15, 19)]
    assert find_matches("Kiew, KIEW und kiew", "kiew", match_case=True) == [(15, 19)]
    assert find_matches("Straße", "") == []
    assert find_matches("a.b a+b", "a+b") == [(4, 7)]  # words, not patterns
