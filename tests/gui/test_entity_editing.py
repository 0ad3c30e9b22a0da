"""Correcting entity suggestions in the article text by keyboard and mouse: each change is
stored at once (checked in the database, not only on screen), shown at once, undoable across
documents. Suggestions are stored without the model, so the documents are painted at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from sqlalchemy import select

from gui.article_text import ArticleText
from gui.highlights import FOCUS_ALPHA
from gui.main_window import MainWindow
from gui.span_focus import clicked_span, excerpt, find_again, next_open
from services.span_data import HighlightSpan, LabelInfo
from storage.models import Document, EntitySpan, Event
from storage.project import get_or_create_annotator
from tests.gui.helpers import (
    TEXT,
    TEXT_2,
    press,
    show_row,
)

SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    return tester_window


def shown(text_edit: ArticleText) -> list[tuple[str, str, str]]:
    """(covered text, label, state) of each highlight."""
    text = text_edit.text
    return [(text[s.start : s.end], s.label.name, s.state) for s in text_edit.highlighted]


def focused(text_edit: ArticleText) -> str | None:
    span = text_edit.focused
    return text_edit.text[span.start : span.end] if span is not None else None


def own_spans(window: MainWindow) -> list[tuple[str, str, str, int, int]]:
    """The annotator's own rows in the database: (covered, label, state, start, end)."""
    assert window.project is not None
    with window.project.db.read() as session:
        tester = get_or_create_annotator(session, "tester").id
        texts = {i: t for i, t in session.execute(select(Document.id, Document.text))}
        rows = session.scalars(
            select(EntitySpan)
            .where(EntitySpan.annotator_id == tester)
            .order_by(EntitySpan.document_id, EntitySpan.start_offset)
        )
        return [
            (
                texts[r.document_id][r.start_offset : r.end_offset],
                r.label.name,
                str(r.state),
                r.start_offset,
                r.end_offset,
            )
            for r in rows
        ]


def actions(window: MainWindow) -> list[str]:
    """The logged actions, in order, without the suggesters' runs (those on a shown document
    may land at any time)."""
    assert window.project is not None
    with window.project.db.read() as session:
        events = session.scalars(select(Event).order_by(Event.id))
        return [e.action for e in events if not e.action.startswith("suggest.")]


def point_at(text_edit: ArticleText, offset: int) -> QPoint:
    """The middle of the character at ``offset`` (code points), in viewport coordinates."""
    cursor = QTextCursor(text_edit.document())
    position = text_edit.positions.to_qt(offset)
    cursor.setPosition(position)
    left = text_edit.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = text_edit.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def boundary_at(text_edit: ArticleText, offset: int) -> QPoint:
    """The gap before the character at ``offset`` (code points), in viewport coordinates."""
    cursor = QTextCursor(text_edit.document())
    cursor.setPosition(text_edit.positions.to_qt(offset))
    rect = text_edit.cursorRect(cursor)
    return QPoint(rect.left(), rect.center().y())


def drag(qtbot, text_edit: ArticleText, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    """Select ``text[start:end]`` with the mouse: press at one gap, move, release at the other."""
    viewport = text_edit.viewport()
    first, last = boundary_at(text_edit, start), boundary_at(text_edit, end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseMove(viewport, last)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=last)


# --- focus and navigation ---------------------------------------------------------------------


def test_tab_and_shift_tab_visit_the_open_suggestions_in_reading_order(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    assert focused(text_edit) is None
    visited = []
    for _ in range(5):
        press(qtbot, text_edit, Qt.Key.Key_Tab)
        visited.append(focused(text_edit))
    assert visited == ["Putin", "Olaf Scholz", "Berlin", "US-Regierung", "Putin"]  # round
    assert text_edit.hasFocus()  # Tab did not move the keyboard focus to another widget
    press(qtbot, text_edit, Qt.Key.Key_Backtab, SHIFT)
    assert focused(text_edit) == "US-Regierung"
    press(qtbot, text_edit, Qt.Key.Key_Tab, SHIFT)  # as some platforms send Shift+Tab
    assert focused(text_edit) == "Berlin"

    # Obvious on screen: a strong mark on top of the highlights, the caret at the span.
    mark = text_edit.extraSelections()[-1]
    berlin = TEXT.index("Berlin")
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (berlin, berlin + 6)
    assert mark.format.background().color().alpha() == FOCUS_ALPHA
    assert text_edit.textCursor().position() == berlin
    assert not text_edit.textCursor().hasSelection()
    assert len(text_edit.range_rects(berlin, berlin + 6)) == 1  # the frame is drawn there

    press(qtbot, text_edit, Qt.Key.Key_Escape)
    assert focused(text_edit) is None
    assert len(text_edit.extraSelections()) == len(text_edit.highlighted)


def test_a_focused_span_far_down_is_scrolled_into_view(
    qtbot, window: MainWindow, open_document
) -> None:
    text = "Ein langer Absatz ohne Namen.\n" * 80 + "Am Ende spricht Putin."
    text_edit = open_document([text], suggested={text: [("Putin", "PER")]})
    assert text_edit.verticalScrollBar().value() == 0
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    assert focused(text_edit) == "Putin"
    assert text_edit.verticalScrollBar().value() > 0
    putin = text.index("Putin")
    (frame,) = text_edit.range_rects(putin, putin + 5)
    assert text_edit.viewport().rect().contains(frame.toRect())


def test_clicking_a_highlight_focuses_it_and_plain_text_unfocuses(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    viewport = text_edit.viewport()
    click = Qt.MouseButton.LeftButton
    qtbot.mouseClick(viewport, click, pos=point_at(text_edit, TEXT.index("Scholz") + 2))
    assert focused(text_edit) == "Olaf Scholz"
    qtbot.mouseClick(viewport, click, pos=point_at(text_edit, TEXT.index("traf") + 1))
    assert focused(text_edit) is None
    qtbot.mouseClick(viewport, click, pos=point_at(text_edit, TEXT.index("Berlin")))
    assert focused(text_edit) == "Berlin"
    press(qtbot, text_edit, Qt.Key.Key_Tab)  # on from the clicked span
    assert focused(text_edit) == "US-Regierung"


# --- deciding ---------------------------------------------------------------------------------


def test_enter_and_space_accept_and_the_next_suggestion_is_focused(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)
    putin = TEXT.index("Putin")
    assert own_spans(window) == [("Putin", "PER", "accepted", putin, putin + 5)]
    assert shown(text_edit)[0] == ("Putin", "PER", "accepted")
    assert focused(text_edit) == "Olaf Scholz"
    assert window.status.saved_label.text() == "Saved"

    press(qtbot, text_edit, Qt.Key.Key_Space)
    assert [row[:3] for row in own_spans(window)] == [
        ("Putin", "PER", "accepted"),
        ("Olaf Scholz", "PER", "accepted"),
    ]
    assert focused(text_edit) == "Berlin"
    assert window.undo_action.text() == "&Undo Accept PER “Olaf Scholz”"
    assert actions(window)[-2:] == ["span.accept", "span.accept"]

    # The keys are the article text's: with the focus in the document list, Enter is not
    # an entity decision.
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert len(own_spans(window)) == 2


def test_the_actions_are_in_the_annotate_menu_with_their_keys(
    qtbot, window: MainWindow, open_document
) -> None:
    open_document([TEXT])
    entities = window.entities  # type: ignore[attr-defined]
    menu = window.annotate_menu.actions()
    assert entities.accept_action in menu and entities.accept_all_action in menu
    assert entities.label_menu.menuAction() in menu
    keys = {a.text(): a.shortcut().toString() for a in entities.label_menu.actions()}
    assert keys["PER (p)"] == "1" and keys["MISC (m)"] == "4"
    assert keys["ORG, exactly as selected"] == "Alt+3"
    # Every shortcut of the text is one of its actions, in the text's shortcut context.
    for action in window.article.text_edit.actions():
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut or (
            action is entities.accept_all_action
        )


def test_delete_and_backspace_reject_suggestions(qtbot, window: MainWindow, open_document) -> None:
    text_edit = open_document([TEXT])
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Delete)
    press(qtbot, text_edit, Qt.Key.Key_Backspace)
    assert [row[:3] for row in own_spans(window)] == [
        ("Putin", "PER", "rejected"),
        ("Olaf Scholz", "PER", "rejected"),
    ]
    assert [words for words, _, _ in shown(text_edit)] == ["Berlin", "US-Regierung"]  # hidden
    assert focused(text_edit) == "Berlin"
    assert window.undo_action.text() == "&Undo Reject PER “Olaf Scholz”"
    assert actions(window)[-2:] == ["span.reject", "span.reject"]


def test_relabel_with_a_number_and_with_a_letter(qtbot, window: MainWindow, open_document) -> None:
    text_edit = open_document([TEXT])
    for _ in range(4):
        press(qtbot, text_edit, Qt.Key.Key_Tab)
    assert focused(text_edit) == "US-Regierung"
    press(qtbot, text_edit, "3")  # the third label: ORG
    assert [row[:3] for row in own_spans(window)] == [("US-Regierung", "ORG", "edited")]
    assert ("US-Regierung", "ORG", "edited") in shown(text_edit)
    assert focused(text_edit) == "Putin"  # on to the next open one, round the end
    assert window.undo_action.text() == "&Undo Label “US-Regierung” as ORG"

    press(qtbot, text_edit, Qt.Key.Key_Backtab, SHIFT)  # back round: "US-Regierung" is decided
    assert focused(text_edit) == "Berlin"
    press(qtbot, text_edit, "m")  # MISC by its letter
    assert ("Berlin", "MISC", "edited") in [row[:3] for row in own_spans(window)]
    press(qtbot, text_edit, "p")  # the label a suggestion has already: accepts it
    assert ("Putin", "PER", "accepted") in [row[:3] for row in own_spans(window)]
    assert actions(window)[-3:] == ["span.relabel", "span.relabel", "span.accept"]


def test_accept_all_remaining_suggestions_is_one_undoable_step(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Delete)  # Putin: rejected, stays rejected
    press(qtbot, text_edit, Qt.Key.Key_A, CTRL | SHIFT)
    assert [row[:3] for row in own_spans(window)] == [
        ("Putin", "PER", "rejected"),
        ("Olaf Scholz", "PER", "accepted"),
        ("Berlin", "LOC", "accepted"),
        ("US-Regierung", "LOC", "accepted"),
    ]
    assert {state for _, _, state in shown(text_edit)} == {"accepted"}
    assert window.undo_action.text() == "&Undo Accept all 3 entity suggestion(s)"
    assert not window.entities.accept_all_action.isEnabled()  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert [row[:3] for row in own_spans(window)] == [("Putin", "PER", "rejected")]


# --- resizing ---------------------------------------------------------------------------------


def test_grow_and_shrink_the_focused_span_by_a_token_at_both_ends(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Left, ALT)  # the start one token left
    assert own_spans(window) == [("Wladimir Putin", "PER", "edited", 0, 14)]
    assert focused(text_edit) == "Wladimir Putin"  # resizing keeps the focus
    press(qtbot, text_edit, Qt.Key.Key_Right, SHIFT)  # the end one token right
    assert own_spans(window) == [("Wladimir Putin traf", "PER", "edited", 0, 19)]
    press(qtbot, text_edit, Qt.Key.Key_Left, SHIFT)  # the end back
    press(qtbot, text_edit, Qt.Key.Key_Right, ALT)  # the start back
    putin = TEXT.index("Putin")
    assert own_spans(window) == [("Putin", "PER", "edited", putin, putin + 5)]
    assert focused(text_edit) == "Putin"
    assert window.undo_action.text() == "&Undo Resize PER to “Putin”"

    press(qtbot, text_edit, Qt.Key.Key_Left, SHIFT)  # one token: cannot shrink
    assert "cannot change" in window.status.currentMessage()
    press(qtbot, text_edit, Qt.Key.Key_Right, SHIFT)
    press(qtbot, text_edit, Qt.Key.Key_Right, SHIFT)  # would take "Olaf": refused
    assert "overlaps PER “Olaf Scholz”" in window.status.currentMessage()
    assert own_spans(window)[0][:3] == ("Putin traf", "PER", "edited")
    assert focused(text_edit) == "Putin traf"


# --- adding -----------------------------------------------------------------------------------


def test_add_by_mouse_selection_snaps_to_whole_words(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    start = TEXT.index("Bundesregierung")
    drag(qtbot, text_edit, start + 3, start + 9)  # "desreg"
    assert text_edit.selected_range() == (start + 3, start + 9)
    assert focused(text_edit) is None
    press(qtbot, text_edit, "o")
    end = start + len("Bundesregierung")
    assert own_spans(window) == [("Bundesregierung", "ORG", "accepted", start, end)]
    assert ("Bundesregierung", "ORG", "accepted") in shown(text_edit)
    assert focused(text_edit) == "Bundesregierung"  # the new span, to adjust or delete
    assert window.undo_action.text() == "&Undo Add ORG “Bundesregierung”"
    assert actions(window)[-1] == "span.add"


def test_add_exactly_the_selected_characters_with_alt(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    start = TEXT.index("Bundesregierung")
    drag(qtbot, text_edit, start, start + 6)  # "Bundes"
    press(qtbot, text_edit, "3", ALT)
    assert own_spans(window) == [("Bundes", "ORG", "accepted", start, start + 6)]
    # Keyboard only: Shift+arrows select (no span is focused after Escape), Alt+letter adds.
    press(qtbot, text_edit, Qt.Key.Key_Escape)
    dazu = TEXT.index("dazu")
    text_edit.move_to(dazu)
    for _ in range(3):
        press(qtbot, text_edit, Qt.Key.Key_Right, SHIFT)
    assert text_edit.selected_range() == (dazu, dazu + 3)
    press(qtbot, text_edit, "m", ALT)
    assert own_spans(window)[-1] == ("daz", "MISC", "accepted", dazu, dazu + 3)


def test_a_span_overlapping_a_decided_one_is_refused_with_a_message_and_nothing_stored(
    qtbot, window: MainWindow, open_document
) -> None:
    text_edit = open_document([TEXT])
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)  # Olaf Scholz accepted: decided
    decided = own_spans(window)
    start = TEXT.index("traf")
    drag(qtbot, text_edit, start, TEXT.index("Olaf") + 2)  # "traf Ol"
    press(qtbot, text_edit, "p")
    message = window.status.currentMessage()
    assert "overlaps PER “Olaf Scholz”" in message and "decided already" in message
    assert own_spans(window) == decided
    assert "span.add" not in actions(window)
    assert window.undo_stack.count() == 1  # the acceptance only
    assert text_edit.selected_range() == (start, TEXT.index("Olaf") + 2)  # to correct it


def test_delete_removes_a_span_added_by_hand(qtbot, window: MainWindow, open_document) -> None:
    text_edit = open_document([TEXT])
    start = TEXT.index("Bundesregierung")
    text_edit.select_range(start, start + 5)
    press(qtbot, text_edit, "o")
    assert focused(text_edit) == "Bundesregierung"
    press(qtbot, text_edit, Qt.Key.Key_Delete)
    assert own_spans(window) == []  # gone, not kept as rejected
    assert "Bundesregierung" not in [words for words, _, _ in shown(text_edit)]
    assert window.undo_action.text() == "&Undo Delete ORG “Bundesregierung”"
    assert actions(window)[-2:] == ["span.add", "span.delete"]


# --- undo and redo ----------------------------------------------------------------------------


def test_undo_and_redo_across_two_documents(qtbot, window: MainWindow, open_document) -> None:
    text_edit = open_document([TEXT, TEXT_2])
    first_document = window.entities.document_id  # type: ignore[attr-defined]
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)  # accept Putin in the first document
    text_edit = show_row(qtbot, window, 1)
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Delete)  # reject Friedrich Merz in the second
    accepted = ("Putin", "PER", "accepted")
    rejected = ("Friedrich Merz", "PER", "rejected")
    assert [row[:3] for row in own_spans(window)] == [accepted, rejected]

    undo, redo = (Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(window, *undo)
    assert [row[:3] for row in own_spans(window)] == [accepted]
    assert focused(text_edit) == "Friedrich Merz"  # back, and open again
    qtbot.keyClick(window, *undo)  # the first document's action: it is shown again
    assert own_spans(window) == []
    assert window.entities.document_id == first_document  # type: ignore[attr-defined]
    assert text_edit.toPlainText() == TEXT
    assert focused(text_edit) == "Putin"
    assert shown(text_edit)[0] == ("Putin", "PER", "suggested")

    qtbot.keyClick(window, *redo)
    assert [row[:3] for row in own_spans(window)] == [accepted]
    assert shown(text_edit)[0] == accepted
    assert focused(text_edit) == "Putin"
    qtbot.keyClick(window, *redo)
    assert [row[:3] for row in own_spans(window)] == [accepted, rejected]
    assert text_edit.toPlainText() == TEXT_2
    assert "Friedrich Merz" not in [words for words, _, _ in shown(text_edit)]
    assert [a for a in actions(window) if "span." in a][-4:] == [
        "undo:span.reject",
        "undo:span.accept",
        "undo:undo:span.accept",
        "undo:undo:span.reject",
    ]


# --- offsets ----------------------------------------------------------------------------------


def test_markup_characters_are_text_and_spans_over_them_keep_exact_offsets(
    qtbot, window: MainWindow, open_document
) -> None:
    text = "Die Zeitung zeigte <b>Merz</b> und <img src=x> im Bild."
    text_edit = open_document([text])
    assert text_edit.toPlainText() == text
    bold = text.index("<b>")
    drag(qtbot, text_edit, bold, bold + 11)
    press(qtbot, text_edit, "p")
    image = text.index("<img")
    text_edit.select_range(image + 1, image + 10)  # "img src=x", exactly
    press(qtbot, text_edit, "4", ALT)
    assert own_spans(window) == [
        ("<b>Merz</b>", "PER", "accepted", bold, bold + 11),
        ("img src=x", "MISC", "accepted", image + 1, image + 10),
    ]
    assert ("<b>Merz</b>", "PER", "accepted") in shown(text_edit)


def test_an_emoji_before_a_span(qtbot, window: MainWindow, open_document) -> None:
    text = "😀 Putin sprach in Moskau."
    text_edit = open_document([text], suggested={text: [("Putin", "PER")]})
    putin = text.index("Putin")  # 2 code points, 3 UTF-16 units
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    mark = text_edit.extraSelections()[-1]
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (putin + 1, putin + 6)
    press(qtbot, text_edit, Qt.Key.Key_Left, ALT)  # the emoji is a token
    assert own_spans(window) == [("😀 Putin", "PER", "edited", 0, putin + 5)]
    press(qtbot, text_edit, Qt.Key.Key_Right, ALT)
    assert own_spans(window) == [("Putin", "PER", "edited", putin, putin + 5)]

    press(qtbot, text_edit, Qt.Key.Key_Escape)
    moskau = text.index("Moskau")
    drag(qtbot, text_edit, moskau + 1, moskau + 4)
    assert text_edit.selected_range() == (moskau + 1, moskau + 4)
    press(qtbot, text_edit, "l")
    assert own_spans(window)[-1] == ("Moskau", "LOC", "accepted", moskau, moskau + 6)
    mark = text_edit.extraSelections()[-1]
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (moskau + 1, moskau + 7)


# --- the focus rules without widgets ----------------------------------------------------------

LOC = LabelInfo("LOC", "#56b4e9", "l")


def span(start: int, end: int, state: str = "suggested", span_id: int = 0) -> HighlightSpan:
    return HighlightSpan(start, end, LOC, state, "model", span_id=span_id or start + 1)


def test_next_open_goes_in_reading_order_round_the_end() -> None:
    spans = [span(0, 5), span(10, 15, "accepted"), span(20, 25), span(20, 30)]
    assert next_open(spans, (0, 5)) == spans[2]
    assert next_open(spans, (20, 25)) == spans[3]  # the longer one at the same start: after
    assert next_open(spans, (20, 30)) == spans[0]  # round
    assert next_open(spans, (0, 5), backwards=True) == spans[3]
    assert next_open(spans, (12, 12)) == spans[2]  # from the caret
    assert next_open([span(0, 5, "accepted")], (0, 0)) is None


def test_the_focus_is_found_again_by_id_then_by_place() -> None:
    old = span(10, 15, span_id=7)
    relabelled = HighlightSpan(10, 15, LabelInfo("ORG", "#e69f00"), "edited", "model", span_id=7)
    assert find_again([span(0, 5), relabelled], old) == relabelled
    accepted = span(10, 15, "accepted", span_id=99)  # the annotator's own row now
    assert find_again([accepted], old) == accepted
    assert find_again([span(10, 16)], old) is None


def test_a_click_picks_the_innermost_span_and_cycles_where_they_overlap() -> None:
    outer, inner = span(0, 20), span(5, 10)
    assert clicked_span([outer, inner], 6, None) == inner
    assert clicked_span([outer, inner], 6, inner) == outer
    assert clicked_span([outer, inner], 15, None) == outer
    assert clicked_span([outer, inner], 25, outer) is None


def test_undo_texts_quote_a_short_excerpt() -> None:
    assert excerpt("Olaf\nScholz") == "Olaf Scholz"
    assert excerpt("x" * 50, limit=10) == "xxxxxxxxx…"


def test_undo_and_redo_say_what_they_did(qtbot, window: MainWindow, open_document) -> None:  # type: ignore[no-untyped-def]
    text_edit = open_document([TEXT])
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)  # accept Putin
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert own_spans(window) == []
    assert window.status.currentMessage() == "Undone: Accept PER “Putin”"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [row[:3] for row in own_spans(window)] == [("Putin", "PER", "accepted")]
    assert window.status.currentMessage() == "Redone: Accept PER “Putin”"
