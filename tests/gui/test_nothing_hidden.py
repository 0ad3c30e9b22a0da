"""Nothing hidden in the way: an annotator's add replaces the open suggestions it overlaps
(shown or hidden for their low confidence) in one undoable action, and the spans panel
decides by the article's keys and by a context menu, listing hidden suggestions only when
asked. Checked in the database and in the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import select

from gui.article_text import ArticleText
from gui.main_window import MainWindow
from gui.span_list import SpanListPanel
from gui.span_list_actions import SHOW_HIDDEN_KEY
from gui.span_list_model import SpanListModel
from services.span_data import DocumentSpans, HighlightSpan, LabelInfo
from storage.models import Document, EntitySpan
from storage.project import get_or_create_annotator, open_project
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.gui.helpers import open_and_wait, press, show_row

CTRL = Qt.KeyboardModifier.ControlModifier
NATO_TEXT = (
    "Generalsekretär Jens Stoltenberg warnte in Brüssel vor Russland. "
    "Die Ukraine bat um mehr Hilfe."
)
# (covered, label, confidence): the ORG one is hidden below the display threshold (0.3).
SUGGESTED = [
    ("Generalsekretär Jens Stoltenberg", "ORG", 0.04),
    ("Brüssel", "LOC", 0.9),
    ("Russland", "LOC", 0.8),
    ("Ukraine", "LOC", 0.7),
]


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    return tester_window


@pytest.fixture
def nato(qtbot, window: MainWindow, make_project: Callable[..., Path]) -> ArticleText:  # type: ignore[no-untyped-def]
    path = make_project([NATO_TEXT], languages=["de"])
    with open_project(path) as project:
        with project.db.read() as session:
            document_id = session.scalars(select(Document.id)).one()
        found = [
            SpanSuggestion(
                NATO_TEXT.index(covered),
                NATO_TEXT.index(covered) + len(covered),
                label,
                confidence,
                "model",
                "de_test",
                "1.0",
            )
            for covered, label, confidence in SUGGESTED
        ]
        store_entity_suggestions(project.db, project.project_id, document_id, found, ["de_test"])
    open_and_wait(qtbot, window, path)
    return show_row(qtbot, window, 0)


def own_spans(window: MainWindow) -> list[tuple[str, str, str]]:
    """The annotator's own rows: (covered text, label, state), in text order."""
    assert window.project is not None
    with window.project.db.read() as session:
        tester = get_or_create_annotator(session, "tester").id
        rows = session.scalars(
            select(EntitySpan)
            .where(EntitySpan.annotator_id == tester)
            .order_by(EntitySpan.start_offset, EntitySpan.end_offset)
        )
        return [
            (NATO_TEXT[r.start_offset : r.end_offset], r.label.name, r.state.value) for r in rows
        ]


def highlights(text_edit: ArticleText) -> list[tuple[str, str, str]]:
    return [(NATO_TEXT[s.start : s.end], s.label.name, s.state) for s in text_edit.highlighted]


def panel_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(text, label) of each row of the spans panel."""
    return [(row[0], row[1]) for row in window.spans.panel.row_texts()]


def focus_row(qtbot, panel: SpanListPanel, covered: str) -> None:  # type: ignore[no-untyped-def]
    """Click the row of ``covered`` and give the table the keyboard focus."""
    row = [text for text, *_ in panel.row_texts()].index(covered)
    rect = panel.view.visualRect(panel.model.index(row, SpanListModel.LABEL))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    assert panel.selected_span() is not None


def right_click_menu(qtbot, panel: SpanListPanel, covered: str, window: MainWindow) -> QMenu:  # type: ignore[no-untyped-def]
    """What a right click on the row of ``covered`` opens."""
    row = [text for text, *_ in panel.row_texts()].index(covered)
    at = panel.view.visualRect(panel.model.index(row, SpanListModel.TEXT)).center()
    viewport = panel.view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at))
    QApplication.sendEvent(viewport, event)
    menu = window.spans.actions.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    return menu


def test_p_on_a_name_inside_a_hidden_suggestion_replaces_it_and_ctrl_z_brings_it_back(
    qtbot, window: MainWindow, nato: ArticleText
) -> None:
    assert ("Generalsekretär Jens Stoltenberg", "ORG", "suggested") not in highlights(nato)
    start = NATO_TEXT.index("Jens")
    nato.select_range(start, start + len("Jens Stoltenberg"))
    press(qtbot, nato, "p")
    assert own_spans(window) == [
        ("Generalsekretär Jens Stoltenberg", "ORG", "rejected"),
        ("Jens Stoltenberg", "PER", "accepted"),
    ]
    assert ("Jens Stoltenberg", "PER", "accepted") in highlights(nato)
    assert window.status.currentMessage() == (
        "PER “Jens Stoltenberg” replaces 1 overlapping suggestion (Ctrl+Z brings it back)."
    )
    assert window.undo_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # one undo: the span goes, the suggestion is back
    assert own_spans(window) == []
    assert ("Jens Stoltenberg", "PER", "accepted") not in highlights(nato)
    window.spans.actions.show_hidden_action.trigger()
    assert ("Generalsekretär Jens Stoltenberg", "ORG") in panel_rows(window)


def test_an_add_over_a_decided_span_is_refused_saying_so(
    qtbot, window: MainWindow, nato: ArticleText
) -> None:
    press(qtbot, nato, Qt.Key.Key_Tab)  # Brüssel
    press(qtbot, nato, Qt.Key.Key_Return)
    start = NATO_TEXT.index("in Brüssel")
    nato.select_range(start, start + len("in Brüssel"))
    press(qtbot, nato, "o")
    message = window.status.currentMessage()
    assert "overlaps LOC “Brüssel”" in message and "decided already" in message
    assert own_spans(window) == [("Brüssel", "LOC", "accepted")]


def test_the_spans_panel_decides_by_the_article_keys(
    qtbot, window: MainWindow, nato: ArticleText
) -> None:
    panel = window.spans.panel
    assert "Generalsekretär Jens Stoltenberg" not in [text for text, _ in panel_rows(window)]
    focus_row(qtbot, panel, "Russland")
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    focus_row(qtbot, panel, "Brüssel")
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    focus_row(qtbot, panel, "Ukraine")
    qtbot.keyClick(panel.view, "o")  # ORG's letter, as in the article
    assert own_spans(window) == [
        ("Brüssel", "LOC", "accepted"),
        ("Russland", "LOC", "rejected"),
        ("Ukraine", "ORG", "edited"),
    ]
    assert ("Ukraine", "ORG", "edited") in highlights(nato)
    assert ("Russland", "LOC", "suggested") not in highlights(nato)
    assert panel.view.hasFocus()  # deciding keeps the keys in the panel
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert ("Ukraine", "LOC", "suggested") in highlights(nato)


def test_the_spans_panel_context_menu_rejects_relabels_and_goes_to(
    qtbot, window: MainWindow, nato: ArticleText
) -> None:
    panel = window.spans.panel
    menu = right_click_menu(qtbot, panel, "Russland", window)
    qtbot.keyClick(menu, "r")  # &Reject or delete
    assert own_spans(window) == [("Russland", "LOC", "rejected")]
    menu = right_click_menu(qtbot, panel, "Brüssel", window)
    labels = window.spans.actions.label_menu
    qtbot.keyClick(menu, "b")  # Rela&bel as › … (the label letters are its entries' keys)
    qtbot.waitUntil(labels.isVisible)
    names = [action.text() for action in labels.actions()]
    for _ in range(names.index("PER")):
        qtbot.keyClick(labels, Qt.Key.Key_Down)
    qtbot.keyClick(labels, Qt.Key.Key_Return)
    assert ("Brüssel", "PER", "edited") in own_spans(window)
    menu = right_click_menu(qtbot, panel, "Ukraine", window)
    qtbot.keyClick(menu, "g")  # &Go to in the text
    focused = nato.focused
    assert focused is not None and NATO_TEXT[focused.start : focused.end] == "Ukraine"


def test_hidden_suggestions_are_listed_only_when_asked_and_the_choice_is_kept(
    qtbot, window: MainWindow, nato: ArticleText
) -> None:
    panel = window.spans.panel
    hidden = ("Generalsekretär Jens Stoltenberg", "ORG")
    assert hidden not in panel_rows(window)
    assert "1 hidden" in panel.count_label.text()
    menu = right_click_menu(qtbot, panel, "Brüssel", window)
    qtbot.keyClick(menu, "h")  # Show &hidden suggestions
    assert hidden in panel_rows(window)
    assert window.settings.value(SHOW_HIDDEN_KEY) in (True, "true")
    focus_row(qtbot, panel, hidden[0])
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)  # decided although the article hides it
    assert own_spans(window) == [("Generalsekretär Jens Stoltenberg", "ORG", "rejected")]
    window.spans.actions.show_hidden_action.trigger()
    assert window.settings.value(SHOW_HIDDEN_KEY) in (False, "false")
    panel.hide_rejected_check.setChecked(False)
    assert hidden in panel_rows(window)  # a decided one is no longer a hidden suggestion


def test_the_toggle_is_read_back_from_the_settings(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    settings.setValue(SHOW_HIDDEN_KEY, True)
    main = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(main)
    assert main.spans.actions.show_hidden_action.isChecked()
    assert main.spans.actions.show_hidden_action in main.view_menu.actions()
    main.close()


def test_a_long_message_is_elided_with_all_of_it_on_hover_and_a_click_away(
    qtbot, window: MainWindow, nato: ArticleText
) -> None:
    press(qtbot, nato, Qt.Key.Key_Tab)  # Brüssel
    press(qtbot, nato, Qt.Key.Key_Return)
    start = NATO_TEXT.index("in Brüssel")
    nato.select_range(start, start + len("in Brüssel"))
    window.resize(window.minimumSizeHint())  # as narrow as it goes: the refusal cannot fit
    press(qtbot, nato, "o")
    label = window.status.message_label
    message = window.status.currentMessage()
    assert message.startswith("Not done: overlaps LOC “Brüssel”")
    assert message.endswith("change or delete that span first")
    qtbot.waitUntil(label.is_elided)
    assert label.text().endswith("…")
    assert label.toolTip() == message  # all of it on hover
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    dialog = window.status.log_dialog
    assert dialog is not None and dialog.isVisible()
    assert message in dialog.text.toPlainText()  # all of it, to read and copy
    dialog.close()
    assert window.status.log_action in window.view_menu.actions()


LINES_TEXT = "\n".join(
    f"Zeile {n}: " + ("Kiew meldet neue Angriffe." if n % 12 == 6 else "Nichts Neues.")
    for n in range(80)
)


def test_tab_keeps_three_lines_of_context_above_and_below_the_focused_span(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    path = make_project([LINES_TEXT], languages=["de"])
    with open_project(path) as project:
        with project.db.read() as session:
            document_id = session.scalars(select(Document.id)).one()
        found, at = [], LINES_TEXT.find("Kiew")
        while at >= 0:
            found.append(SpanSuggestion(at, at + 4, "LOC", 0.9, "model", "de_test", "1.0"))
            at = LINES_TEXT.find("Kiew", at + 1)
        store_entity_suggestions(project.db, project.project_id, document_id, found, ["de_test"])
    open_and_wait(qtbot, window, path)
    text_edit = show_row(qtbot, window, 0)
    window.resize(1200, 600)
    viewport = text_edit.viewport()
    seen = []
    for key in [Qt.Key.Key_Tab] * len(found) + [Qt.Key.Key_Backtab] * 3:
        press(qtbot, text_edit, key)
        span = text_edit.focused
        assert span is not None
        cursor = QTextCursor(text_edit.document())
        cursor.setPosition(text_edit.positions.to_qt(span.start))
        rect = text_edit.cursorRect(cursor)
        seen.append(span.start)
        assert rect.top() >= 3 * rect.height() - 2, (span.start, rect.top())
        assert rect.bottom() <= viewport.height() - 3 * rect.height() + 2, (span.start, rect)
    assert len(set(seen)) == len(found)  # every one visited, the far ones too


def test_a_listed_hidden_suggestion_is_set_apart(
    qtbot, window: MainWindow, nato: ArticleText
) -> None:
    window.spans.actions.show_hidden_action.trigger()
    model = window.spans.panel.model
    rows = {model.span_text(model.span(row)): row for row in range(model.rowCount())}
    hidden = model.index(rows["Generalsekretär Jens Stoltenberg"], SpanListModel.TEXT)
    shown = model.index(rows["Brüssel"], SpanListModel.TEXT)
    assert hidden.data(Qt.ItemDataRole.FontRole).italic()
    assert "too low" in hidden.data(Qt.ItemDataRole.ToolTipRole)
    assert shown.data(Qt.ItemDataRole.FontRole) is None


def test_the_spans_panel_keeps_rows_above_and_below_the_selected_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(f"Ort{n:02d}" for n in range(60))
    loc = LabelInfo("LOC", "#3cb44b", "l")
    spans = [
        HighlightSpan(6 * n, 6 * n + 5, loc, "suggested", "model", span_id=n + 1, confidence=0.9)
        for n in range(60)
    ]
    panel = SpanListPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 320)
    panel.show()
    panel.set_spans(text, DocumentSpans([loc], spans, True))
    view = panel.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _ in range(40):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        rect = view.visualRect(view.currentIndex())
        assert rect.bottom() <= view.viewport().height() - 3 * rect.height() + 1
    panel.select_span(59)  # followed from the article: near the end, as far as it goes
    assert view.visualRect(view.currentIndex()).bottom() <= view.viewport().height()
