"""Stance review by sentence, by keyboard alone: F6 into the stance panel, Down through its
rows (the article marks each row's sentence, numbered from 1, and centres it), the label
keys decide, F6 / Shift+F6 back to the article; and a whole-document row for many targets
that leaves the Spans panel its room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from sqlalchemy import select

from gui.article_text import ArticleText
from gui.main_window import MainWindow
from gui.sentence_mark import Sentence, is_mark
from gui.stance_panel import StancePanel
from gui.stance_view import StanceTableModel
from services.span_data import LabelInfo
from services.stance_data import DocumentStance
from storage.models import StanceAnnotation, StanceScope
from storage.project import get_or_create_annotator, open_project
from storage.stance.store import add_target
from tests.gui.helpers import open_and_wait

SUGGEST_TIMEOUT_MS = 30_000
FIRST = "Russland verurteilte die Beschlüsse der NATO scharf."
SECOND = "Die Bundesregierung begrüßte die Hilfe für die Ukraine."
FILLER = [f"Am Tag {n} blieb es in der Stadt ruhig." for n in range(1, 31)]
# The second sentence comes after 30 others: far enough down to be scrolled to.
TEXT = "\n".join([FIRST, *FILLER, SECOND, *FILLER[:10]])
SECOND_NUMBER = 32  # counted from 1: the first sentence, 30 fillers, then this one


@pytest.fixture
def window(stance_window: MainWindow) -> MainWindow:
    stance_window.resize(1280, 720)
    return stance_window


@pytest.fixture
def panel(qtbot, window: MainWindow, make_project: Callable[..., Path]) -> StancePanel:  # type: ignore[no-untyped-def]
    path = make_project([TEXT], languages=["de"])
    with open_project(path) as project:
        for name in ("NATO", "Ukraine"):
            add_target(project.db, project.project_id, name, ())
    open_and_wait(qtbot, window, path)
    window.table.selectRow(0)
    stance_panel = window.article.stance_panel
    qtbot.waitUntil(lambda: len(stance_panel.row_texts()) >= 2, timeout=SUGGEST_TIMEOUT_MS)
    window.activateWindow()
    return stance_panel


def own_labels(window: MainWindow) -> list[tuple[str, str, str]]:
    """The annotator's own sentence rows: (target, label, state)."""
    assert window.project is not None
    with window.project.db.read() as session:
        tester = get_or_create_annotator(session, "tester").id
        rows = session.scalars(
            select(StanceAnnotation)
            .where(
                StanceAnnotation.annotator_id == tester,
                StanceAnnotation.scope == StanceScope.SENTENCE,
            )
            .order_by(StanceAnnotation.start_offset)
        )
        return [(r.target.name, r.label.name, str(r.state)) for r in rows]


def whole_document(window: MainWindow) -> list[tuple[str, str]]:
    """The annotator's stance of the whole document: (target, label)."""
    assert window.project is not None
    with window.project.db.read() as session:
        tester = get_or_create_annotator(session, "tester").id
        rows = session.scalars(
            select(StanceAnnotation).where(
                StanceAnnotation.annotator_id == tester,
                StanceAnnotation.scope == StanceScope.DOCUMENT,
            )
        )
        return [(r.target.name, r.label.name) for r in rows]


def marked_text(window: MainWindow) -> list[str]:
    text_edit = window.article.text_edit
    return [s.cursor.selectedText() for s in text_edit.extraSelections() if is_mark(s)]


def centre_offset(window: MainWindow, sentence: str) -> float:
    """How far the sentence's middle is from the view's middle, in lines."""
    text_edit = window.article.text_edit
    start = TEXT.index(sentence)
    rects = text_edit.range_rects(start, start + len(sentence))
    middle = (rects[0].top() + rects[-1].bottom()) / 2
    line = text_edit.fontMetrics().height()
    return abs(middle - text_edit.viewport().height() / 2) / line


def test_stance_is_reviewed_by_keyboard_alone(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    text_edit = window.article.text_edit
    text_edit.setFocus()
    qtbot.keyClick(text_edit, Qt.Key.Key_F6)
    assert panel.view.hasFocus()
    assert panel.view.currentIndex().row() == 0
    assert marked_text(window) == [FIRST]  # the first row's sentence, clearly marked
    assert text_edit.chosen_sentence is not None and text_edit.chosen_sentence.number == 1

    model = panel.model
    rows = [model.stance_row(r) for r in range(model.rowCount())]
    second = next(r for r, row in enumerate(rows) if row.start == TEXT.index(SECOND))
    for _ in range(second):
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.view.currentIndex().row() == second
    # The article follows: marked, numbered from 1 in the margin, in the middle of the view.
    assert marked_text(window) == [SECOND]
    margin = text_edit.sentence_margin
    assert margin.isVisible() and margin.width() > 0
    assert margin.chosen is not None and margin.chosen.number == SECOND_NUMBER
    assert text_edit.verticalScrollBar().value() > 0
    assert centre_offset(window, SECOND) < 1.5
    # The row shows the number and the sentence; its tooltip the whole sentence.
    assert model.index(second, StanceTableModel.NUMBER).data() == str(SECOND_NUMBER)
    assert model.index(second, StanceTableModel.SENTENCE).data() == SECOND
    tip = model.index(second, StanceTableModel.SENTENCE).data(Qt.ItemDataRole.ToolTipRole)
    assert SECOND in tip

    # A label key decides, stored at once; the panel keeps the keys.
    target = rows[second].target
    qtbot.keyClick(panel.view, "a")
    assert (target, "AGAINST", "edited") in own_labels(window)
    assert panel.view.hasFocus()
    assert panel.model.stance_row(second).label == "AGAINST"

    # Tab goes on to the whole-document stance; a key there sets it, stored at once.
    qtbot.keyClick(panel.view, Qt.Key.Key_Tab)
    combo = next(iter(panel.document_combos.values()))
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert whole_document(window) == [(next(iter(panel.document_combos)), combo.itemText(1))]
    qtbot.keyClick(combo, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert panel.view.hasFocus()

    # F6 back to the article, F6 to the panel again (same row), Shift+F6 back.
    qtbot.keyClick(panel.view, Qt.Key.Key_F6)
    assert text_edit.hasFocus()
    current = panel.view.currentIndex().row()
    qtbot.keyClick(text_edit, Qt.Key.Key_F6)
    assert panel.view.hasFocus() and panel.view.currentIndex().row() == current
    qtbot.keyClick(panel.view, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert text_edit.hasFocus()

    # From the caret in the article: the first row at or after it.
    panel.view.setCurrentIndex(panel.model.index(-1, -1))
    text_edit.move_to(TEXT.index(FILLER[3]))
    qtbot.keyClick(text_edit, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert panel.selected_row() is not None
    assert panel.selected_row().start == TEXT.index(SECOND)  # type: ignore[union-attr]
    assert marked_text(window) == [SECOND]


def test_another_document_forgets_the_mark(qtbot, window: MainWindow, panel: StancePanel) -> None:
    panel.select_row(0)
    assert marked_text(window) == [FIRST]
    window.article.text_edit.show_text("Ein anderer Text.")
    assert marked_text(window) == []
    assert not window.article.text_edit.sentence_margin.isVisible()


@pytest.mark.parametrize("count", [5, 20])
def test_many_targets_leave_the_spans_panel_its_room(
    qtbot, window: MainWindow, open_document, count: int
) -> None:
    open_document(["Die NATO und die Ukraine."])
    spans = window.spans.panel
    before = spans.width()
    panel = window.article.stance_panel
    targets = [f"Zielland {n}" for n in range(1, count + 1)]
    labels = [LabelInfo(name, "#888888", key) for name, key in (("FAVOR", "f"), ("AGAINST", "a"))]
    chosen = {target: "FAVOR" for target in targets}
    window.article.show_stance(DocumentStance([], True, True, labels, chosen))
    qtbot.wait(10)  # let the layout settle
    assert window.width() <= 1280
    assert spans.width() >= before - 5  # not squeezed
    table = spans.findChild(QTableView)
    if table is not None:
        header = table.horizontalHeader()
        assert all(header.sectionSize(c) > 20 for c in range(header.count()))
    # The pairs wrap: the panel asks for no more width than one pair, none is cut off.
    assert panel.minimumSizeHint().width() < 500
    pairs = panel.document_box.pairs
    for combo in panel.document_combos.values():
        right = combo.mapTo(pairs, QPoint(combo.width(), 0)).x()
        assert right <= pairs.width() <= panel.width()
    # Every target is there; at most two lines of them, the rest scrolled to.
    assert list(panel.document_combos) == sorted(targets)
    assert panel.document_combos[targets[-1]].currentData() == "FAVOR"
    area = panel.document_box.area
    line = panel.document_combos[targets[0]].sizeHint().height()
    assert area.height() <= 2 * line + 4


def test_two_sentences_on_one_line_show_one_number_the_chosen_ones(qtbot) -> None:  # type: ignore[no-untyped-def]
    text_edit = ArticleText()
    qtbot.addWidget(text_edit)
    text_edit.resize(600, 300)
    text_edit.show()
    text = "Erster Satz. Zweiter Satz.\nDritter Satz."
    text_edit.show_text(text)
    first, second, third = (
        Sentence(text.index(s), text.index(s) + len(s), n)
        for n, s in enumerate(("Erster Satz.", "Zweiter Satz.", "Dritter Satz."), start=1)
    )
    margin = text_edit.sentence_margin
    margin.set_sentences([first, second, third])

    def numbers() -> list[int | None]:
        return sorted(sentence.number for sentence, _top, _bottom in margin.numbered())

    assert numbers() == [1, 3]  # 1 and 2 start on one line: drawn over each other before
    margin.set_chosen(second)
    assert numbers() == [2, 3]
