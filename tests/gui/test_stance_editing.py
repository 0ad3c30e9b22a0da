"""Deciding on stance in the stance panel by keyboard and mouse: each decision is stored at
once, shown at once, undoable across the window, and a label the classifier learns from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gui.main_window import MainWindow
from gui.stance_panel import StancePanel
from storage.models import Event, StanceAnnotation, StanceScope
from storage.project import get_or_create_annotator, open_project
from storage.stance.store import accepted_sentence_labels, add_target
from tests.gui.helpers import open_and_wait

SUGGEST_TIMEOUT_MS = 30_000
TEXT = (
    "Russland verurteilte die Beschlüsse der NATO scharf. "
    "Die Bundesregierung begrüßte die Hilfe für die Ukraine. "
    "Die NATO lobte die Ukraine."
)


@pytest.fixture
def window(stance_window: MainWindow) -> MainWindow:
    return stance_window


@pytest.fixture
def panel(qtbot, window: MainWindow, make_project: Callable[..., Path]) -> StancePanel:  # type: ignore[no-untyped-def]
    path = make_project([TEXT], languages=["de"])
    with open_project(path) as project:
        for name in ("NATO", "Ukraine", "Russland"):
            add_target(project.db, project.project_id, name, ())
    open_and_wait(qtbot, window, path)
    window.table.selectRow(0)
    stance_panel = window.article.stance_panel
    qtbot.waitUntil(lambda: len(stance_panel.row_texts()) >= 3, timeout=SUGGEST_TIMEOUT_MS)
    stance_panel.select_row(0)
    return stance_panel


def own_rows(window: MainWindow) -> list[tuple[str, str, str, int | None]]:
    """The annotator's own sentence rows: (target, label, state, suggestion id)."""
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
        )
        return [(r.target.name, r.label.name, str(r.state), r.suggestion_id) for r in rows]


def states(panel: StancePanel) -> list[str]:
    return [panel.model.stance_row(r).state for r in range(panel.model.rowCount())]


def test_keys_accept_relabel_and_reject_and_each_is_saved_at_once(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    first = panel.model.stance_row(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    # Stored as the annotator's own row pointing back at the suggestion, and shown so.
    assert own_rows(window) == [(first.target, first.label, "accepted", first.stance_id)]
    assert states(panel)[0] == "accepted"
    assert panel.view.currentIndex().row() == 1  # on to the next row
    assert window.status.saved_label.text() == "Saved"

    second = panel.model.stance_row(1)
    other = "AGAINST" if second.label != "AGAINST" else "FAVOR"
    qtbot.keyClick(panel.view, other[0].lower())  # the label's shortcut: f or a
    assert (second.target, other, "edited", second.stance_id) in own_rows(window)
    assert panel.model.stance_row(1).label == other

    third = panel.model.stance_row(2)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert (third.target, third.label, "rejected", third.stance_id) in own_rows(window)
    assert states(panel)[2] == "rejected"

    # Only accepted and edited rows are labels to learn from.
    assert window.project is not None
    learned = {
        (r.target, r.label)
        for r in accepted_sentence_labels(window.project.db, window.project.project_id)
    }
    assert learned == {(first.target, first.label), (second.target, other)}
    with window.project.db.read() as session:
        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
    assert actions[-3:] == ["stance.accept", "stance.relabel", "stance.reject"]


def test_undo_and_redo_replay_the_log(qtbot, window: MainWindow, panel: StancePanel) -> None:
    first = panel.model.stance_row(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_Space)
    qtbot.keyClick(panel.view, "3")  # the third label by number: NEUTRAL
    assert len(own_rows(window)) == 2
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Set stance NEUTRAL"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert own_rows(window) == [(first.target, first.label, "accepted", first.stance_id)]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert own_rows(window) == []
    assert states(panel) == ["suggested"] * len(states(panel))

    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, modifiers)
    assert own_rows(window) == [(first.target, first.label, "accepted", first.stance_id)]
    assert states(panel)[0] == "accepted"
    assert window.project is not None
    with window.project.db.read() as session:
        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
    assert actions[-3:] == ["undo:stance.relabel", "undo:stance.accept", "undo:undo:stance.accept"]


def test_accept_all_and_the_stance_of_the_whole_document(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    qtbot.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert set(states(panel)) == {"accepted"}
    assert len(own_rows(window)) == panel.model.rowCount()

    combo = panel.document_combos["NATO"]
    assert combo.currentText() == "—"
    combo.setCurrentIndex(combo.findData("FAVOR"))
    combo.activated.emit(combo.currentIndex())
    assert window.project is not None
    with window.project.db.read() as session:
        whole = session.scalars(
            select(StanceAnnotation).where(StanceAnnotation.scope == StanceScope.DOCUMENT)
        ).all()
        assert [(r.target.name, r.label.name) for r in whole] == [("NATO", "FAVOR")]
    assert panel.document_combos["NATO"].currentData() == "FAVOR"  # shown after the repaint
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.document_combos["NATO"].currentData() is None


def test_a_refused_decision_is_reported_and_changes_nothing(
    qtbot, window: MainWindow, panel: StancePanel
) -> None:
    row = panel.model.stance_row(0)
    assert row.stance_id is not None
    window.stance.actions.relabel(row.stance_id, "MAYBE")
    assert "unknown stance label 'MAYBE'" in window.status.currentMessage()
    assert own_rows(window) == []
    assert not window.undo_action.isEnabled()


def test_each_decision_asks_the_trainer_whether_to_train(
    qtbot, window: MainWindow, panel: StancePanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(window.stance.trainer, "labels_changed", lambda: calls.append(1))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert len(calls) == 2
