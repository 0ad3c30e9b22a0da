"""Annotate › Stance actors… (Ctrl+Alt+A), driven by keys: actors added, merged, refused
removal while a label names them, proposed from entities that hold stances; what counts is
the database after, and the stance panel's holder names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui.actors_dialog import ActorsDialog
from gui.main_window import MainWindow
from gui.target_proposals import ProposalModel
from storage.project import get_or_create_annotator, open_project
from storage.stance.actors import add_actors, project_actors
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.gui.helpers import OPEN_TIMEOUT_MS, message_boxes, open_and_wait

TEXT = "Wladimir Putin sagte, die NATO bedrohe Russland. Der Kreml schwieg."
PUTIN = (0, len("Wladimir Putin"))
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    return tester_window


@pytest.fixture
def project_path(make_project: Callable[..., Path]) -> Path:
    """One document whose first sentence is labelled AGAINST NATO, held by the actor
    "Kreml", named by the words "Wladimir Putin" (a PER entity); the actors "Kreml" and
    "Moskau" exist."""
    path = make_project([TEXT], languages=["de"])
    with open_project(path) as project:
        add_target(project.db, project.project_id, "NATO", ())
        add_actors(project.db, project.project_id, [("Kreml", [], "country")])
        add_actors(project.db, project.project_id, [("Moskau", ["Russland"], "country")])
        with project.db.write() as session:
            annotator = get_or_create_annotator(session, "tester").id
            document_id = 1
        suggestion = SpanSuggestion(*PUTIN, "PER", 0.9, "model", "de_test", "1.0")
        store_entity_suggestions(
            project.db, project.project_id, document_id, [suggestion], {"model"}
        )
        editor = StanceEditor(project.db, project.project_id, annotator)
        sentence = TEXT.index(".") + 1
        row = editor.set_sentence(document_id, 0, sentence, 0, "NATO", "AGAINST").span_ids[0]
        editor.set_holder(row, "Kreml", *PUTIN)
    return path


def actors(window: MainWindow) -> dict[str, tuple[str, ...]]:
    assert window.project is not None
    with window.project.db.read() as session:
        return {a.name: a.aliases for a in project_actors(session, window.project.project_id)}


def open_dialog(qtbot, window: MainWindow) -> ActorsDialog:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | ALT)
    dialog = window.stance.actors_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()  # a window manager does this; offscreen not
    dialog.view.setFocus()
    qtbot.waitUntil(dialog.view.hasFocus)
    return dialog


def test_add_an_actor_and_merge_two_by_keys(qtbot, window: MainWindow, project_path: Path) -> None:
    open_and_wait(qtbot, window, project_path)
    dialog = open_dialog(qtbot, window)
    assert [dialog.model.record(r).name for r in range(dialog.model.rowCount())] == [  # type: ignore[union-attr]
        "Kreml",
        "Moskau",
    ]
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Insert)  # Add
    form = dialog.form
    assert form is not None
    form.activateWindow()
    form.name_edit.setFocus()
    qtbot.waitUntil(form.name_edit.hasFocus)
    qtbot.keyClicks(form.name_edit, "Wladimir Putin")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Tab)
    assert form.aliases_edit.hasFocus()
    qtbot.keyClicks(form.aliases_edit, "Putin, der russische Staatschef")
    qtbot.keyClick(form.aliases_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(form.kind_combo, Qt.Key.Key_Return)  # OK, the default button
    assert set(actors(window)["Wladimir Putin"]) >= {"Putin", "der russische Staatschef"}
    assert dialog.status_label.text() == "Added “Wladimir Putin”."

    # Kreml and Moskau are one actor: select both (Shift+Down), merge into Kreml.
    dialog.activateWindow()  # a window manager does this when the form closes; offscreen not
    qtbot.waitUntil(dialog.view.hasFocus)
    dialog.view.selectRow(0)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert [a.name for a in dialog.selected_actors()] == ["Kreml", "Moskau"]
    dialog.choose_merged = lambda names: "Kreml"  # type: ignore[method-assign]
    qtbot.keyClick(dialog.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)  # Merge
    assert set(actors(window)) == {"Kreml", "Wladimir Putin"}
    assert set(actors(window)["Kreml"]) == {"Kreml", "Moskau", "Russland"}
    assert dialog.status_label.text() == "Merged into “Kreml”; 0 stance label(s) moved."


def test_removal_is_refused_while_a_label_names_the_actor_and_proposals_add_actors(
    qtbot, window: MainWindow, project_path: Path
) -> None:
    open_and_wait(qtbot, window, project_path)
    dialog = open_dialog(qtbot, window)
    with qtbot.waitSignal(dialog.proposals.finished, timeout=OPEN_TIMEOUT_MS):  # a worker
        qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    model = dialog.proposals.model
    assert model.rowCount() == 1
    assert model.index(0, ProposalModel.NAME).data() == "Wladimir Putin"
    model.setData(model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.mouseClick(dialog.proposals.add_button, Qt.MouseButton.LeftButton)
    assert "Wladimir Putin" in actors(window)
    assert dialog.status_label.text() == "Added 1 actor(s): Wladimir Putin."
    assert model.rowCount() == 0
    window.table.selectRow(0)
    panel = window.article.stance_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=OPEN_TIMEOUT_MS)
    assert panel.model.index(0, panel.model.HOLDER).data() == "Kreml"

    # A label names Kreml as its holder: removing it is refused, with the reason.
    dialog.view.selectRow(dialog.model.row_of("Kreml") or 0)
    dialog.confirm_removal = lambda name: True  # type: ignore[method-assign]
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(message_boxes(dialog)), timeout=OPEN_TIMEOUT_MS)
    box = message_boxes(dialog)[-1]
    assert box.icon() == QMessageBox.Icon.Warning
    assert "1 stance label names it as holder" in box.text()
    box.close()
    assert "Kreml" in actors(window)
