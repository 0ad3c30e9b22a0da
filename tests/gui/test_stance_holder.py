"""The holder and evidence of a stance row, set by the keys a user presses: the picker (H in
the stance panel, Ctrl+H anywhere), the selected article text as holder (Ctrl+Shift+H) or
evidence (Ctrl+Shift+E), back to the author (Ctrl+Alt+H) and no evidence (Ctrl+Alt+E); each
stored at once, undone by Ctrl+Z, shown in the panel's Holder column and marked in the text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextEdit
from sqlalchemy import select

from gui.article_text import ArticleText
from gui.holder_marks import is_evidence_mark, is_holder_mark
from gui.main_window import MainWindow
from gui.stance_panel import StancePanel
from services.stance_data import DocumentStance, SentenceStanceRow
from storage.models import StanceActor, StanceAnnotation, StanceScope
from storage.project import get_or_create_annotator, open_project
from storage.stance.actors import add_actors
from storage.stance.store import add_target
from tests.gui.helpers import open_and_wait

SUGGEST_TIMEOUT_MS = 30_000
TEXT = (
    "Russland verurteilte die Beschlüsse der NATO scharf. "
    "Die Bundesregierung begrüßte die Hilfe für die Ukraine. "
    "Die NATO lobte die Ukraine."
)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(stance_window: MainWindow) -> MainWindow:
    return stance_window


@pytest.fixture
def panel(qtbot, window: MainWindow, make_project: Callable[..., Path]) -> StancePanel:  # type: ignore[no-untyped-def]
    path = make_project([TEXT], languages=["de"])
    with open_project(path) as project:
        for name in ("NATO", "Ukraine", "Russland"):
            add_target(project.db, project.project_id, name, ())
        people = [("Bundesregierung", ["die Bundesregierung"], "organisation")]
        add_actors(project.db, project.project_id, [*people, ("Kreml", ["Moskau"], "country")])
    open_and_wait(qtbot, window, path)
    window.table.selectRow(0)
    stance_panel = window.article.stance_panel
    qtbot.waitUntil(lambda: len(stance_panel.row_texts()) >= 3, timeout=SUGGEST_TIMEOUT_MS)
    stance_panel.select_row(0)
    return stance_panel


def own_holders(window: MainWindow) -> list[tuple[str | None, int | None, int | None, str]]:
    """The annotator's own sentence rows: (actor, holder start, holder end, state)."""
    assert window.project is not None
    with window.project.db.read() as session:
        tester = get_or_create_annotator(session, "tester").id
        rows = session.scalars(
            select(StanceAnnotation)
            .where(
                StanceAnnotation.annotator_id == tester,
                StanceAnnotation.scope == StanceScope.SENTENCE,
            )
            .order_by(StanceAnnotation.start_offset, StanceAnnotation.id)
        ).all()
        actors = {a.id: a.name for a in session.scalars(select(StanceActor))}
        return [
            (actors.get(r.holder_actor_id or 0), r.holder_start, r.holder_end, str(r.state))
            for r in rows
        ]


def own_evidence(window: MainWindow) -> list[tuple[int | None, int | None]]:
    assert window.project is not None
    with window.project.db.read() as session:
        rows = session.scalars(
            select(StanceAnnotation).where(
                StanceAnnotation.annotator_id.is_not(None),
                StanceAnnotation.scope == StanceScope.SENTENCE,
            )
        ).all()
        return [(r.evidence_start, r.evidence_end) for r in rows]


def shown_holder(panel: StancePanel, row: int = 0) -> str:
    return str(panel.model.index(row, panel.model.HOLDER).data())


def marks(text: ArticleText, which: Callable[[QTextEdit.ExtraSelection], bool]) -> list:
    """(start, end) in text offsets of the article's holder or evidence marks."""
    positions = text.positions
    return [
        (positions.from_qt(s.cursor.selectionStart()), positions.from_qt(s.cursor.selectionEnd()))
        for s in text.extraSelections()
        if which(s)
    ]


def select_words(qtbot, text: ArticleText, words: str, occurrence: int = 0) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Select ``words`` in the article with the keyboard, as a user would: the caret to the
    start, then Shift+Right once per character."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.text.index(words, start + 1)
    text.move_to(start)
    for _ in words:
        qtbot.keyClick(text, Qt.Key.Key_Right, SHIFT)
    assert text.selected_range() == (start, start + len(words))
    return start, start + len(words)


def test_the_picker_sets_an_actor_by_keys_and_ctrl_z_undoes_it(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    # The suggester named the holder: "Russland" is the subject of "verurteilte".
    assert shown_holder(panel) == "Russland"
    assert panel.model.stance_row(0).state == "suggested"
    qtbot.keyClick(panel.view, Qt.Key.Key_H)
    picker = window.stance.holders.picker
    assert picker is not None and picker.isVisible()
    assert picker.entries() == [
        "Author",
        "Bundesregierung — die Bundesregierung",
        "Kreml — Moskau",
        "Named in the text: «Russland»",
    ]
    assert picker.current_entry() == "Named in the text: «Russland»"  # the row's holder now
    qtbot.keyClicks(picker.filter_edit, "mosk")  # an alias finds its actor
    assert picker.entries() == ["Kreml — Moskau"]
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    assert not picker.isVisible()

    assert own_holders(window) == [("Kreml", None, None, "edited")]  # differs from the suggestion
    assert shown_holder(panel) == "Kreml"
    assert panel.model.stance_row(0).state == "edited"
    assert panel.view.currentIndex().row() == 0  # the row stays selected

    # Escape cancels: nothing changes.
    qtbot.keyClick(panel.view, Qt.Key.Key_H)
    picker = window.stance.holders.picker
    assert picker is not None
    assert picker.current_entry() == "Kreml — Moskau"
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Up)
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Up)
    assert picker.current_entry() == "Author"
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Escape)
    assert own_holders(window) == [("Kreml", None, None, "edited")]

    assert window.undo_action.text() == "&Undo Set stance holder"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert own_holders(window) == []
    assert shown_holder(panel) == "Russland"


def test_selected_text_as_holder_and_evidence_then_back_to_the_author(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    text = window.article.text_edit
    suggested_holder = (0, len("Russland"))
    suggested_evidence = (TEXT.index("verurteilte"), TEXT.index("scharf") + len("scharf"))
    # The selected suggestion's holder and evidence (its first to last cue) are marked.
    assert marks(text, is_holder_mark) == [suggested_holder]
    assert marks(text, is_evidence_mark) == [suggested_evidence]
    qtbot.keyClick(text, Qt.Key.Key_H, CTRL | ALT)  # the author, not Russland
    assert own_holders(window) == [(None, None, None, "edited")]
    assert shown_holder(panel) == "Author"
    assert marks(text, is_holder_mark) == []

    holder = select_words(qtbot, text, "Russland")
    qtbot.keyClick(text, Qt.Key.Key_H, CTRL | SHIFT)
    assert own_holders(window) == [(None, *holder, "accepted")]  # as suggested again
    assert shown_holder(panel) == "Russland"
    assert marks(text, is_holder_mark) == [holder]

    evidence = select_words(qtbot, text, "verurteilte")
    qtbot.keyClick(text, Qt.Key.Key_E, CTRL | SHIFT)
    assert own_evidence(window) == [evidence]
    assert own_holders(window) == [(None, *holder, "edited")]
    assert marks(text, is_evidence_mark) == [evidence]
    assert marks(text, is_holder_mark) == [holder]

    # Words that are an actor's alias name that actor.
    select_words(qtbot, text, "Die Bundesregierung")
    qtbot.keyClick(text, Qt.Key.Key_H, CTRL | SHIFT)
    assert own_holders(window)[0][0] == "Bundesregierung"
    assert shown_holder(panel) == "Bundesregierung"

    qtbot.keyClick(text, Qt.Key.Key_H, CTRL | ALT)
    qtbot.keyClick(text, Qt.Key.Key_E, CTRL | ALT)
    assert own_holders(window) == [(None, None, None, "edited")]
    assert own_evidence(window) == [(None, None)]
    assert shown_holder(panel) == "Author"
    assert marks(text, is_holder_mark) == marks(text, is_evidence_mark) == []

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the evidence is back
    assert own_evidence(window) == [evidence]


def test_the_picker_takes_the_selected_text_and_marks_follow_the_selected_row(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    text = window.article.text_edit
    # The second row's holder is named in the first sentence: marked there.
    later = next(r for r in range(panel.model.rowCount()) if panel.model.stance_row(r).start > 0)
    panel.select_row(later)
    words = select_words(qtbot, text, "Russland")
    qtbot.keyClick(text, Qt.Key.Key_H, CTRL)
    picker = window.stance.holders.picker
    assert picker is not None
    assert picker.entries()[-1] == "Selected text: «Russland»"
    for _ in range(3):
        qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Down)
    assert picker.current_entry() == "Selected text: «Russland»"
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    assert own_holders(window) == [(None, *words, "edited")]
    assert panel.view.currentIndex().row() == later
    assert marks(text, is_holder_mark) == [words]

    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)  # another row: its holder (the author), unmarked
    assert panel.view.currentIndex().row() == later - 1
    assert marks(text, is_holder_mark) == []
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert marks(text, is_holder_mark) == [words]


def test_holder_keys_without_a_row_or_words_say_what_is_missing(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    text = window.article.text_edit
    text.move_to(0)
    qtbot.keyClick(text, Qt.Key.Key_H, CTRL | SHIFT)  # nothing selected
    assert "Select the words" in window.status.currentMessage()
    assert own_holders(window) == []


def test_a_narrow_panel_keeps_the_holder_in_view_and_elides_long_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    """As wide as the panel is in a 1024 × 600 window (about 460 pixels)."""
    name = "Nordkoreanische Regierung der Demokratischen Volksrepublik"
    rows = [
        SentenceStanceRow(0, 52, 0, "NATO", "AGAINST", "#d62728", "edited", holder=name,
                          holder_actor=name),
        SentenceStanceRow(53, 108, 1, "Ukraine", "FAVOR", "#2ca02c", "suggested"),
    ]  # fmt: skip
    panel = StancePanel()
    qtbot.addWidget(panel)
    panel.resize(460, 300)
    panel.show()
    panel.set_stance(DocumentStance(rows, True, True), TEXT)
    view, holder = panel.view, panel.model.HOLDER
    right = view.columnViewportPosition(holder) + view.columnWidth(holder)
    assert 0 < right <= view.viewport().width()
    assert view.columnWidth(holder) < view.fontMetrics().horizontalAdvance(name)  # elided
    assert shown_holder(panel) == name and shown_holder(panel, 1) == "Author"
