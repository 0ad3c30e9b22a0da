"""Annotate › Review document…: the annotators' labels side by side, differences marked, and
keys that store the gold version at once without touching anybody's own labels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

from gui.main_window import MainWindow
from gui.review_dialog import STANCE, ReviewDialog, Target
from gui.review_workflow import install_review
from storage.project import OpenProject, open_project
from storage.review.comparison import review_view
from tests.factories import Reviewed, own_rows, three_annotators
from tests.gui.helpers import open_and_wait

GOLD = "Gold"
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[OpenProject, Reviewed]]:
    with open_project(tmp_path / "review.sqlite") as project:
        yield project, three_annotators(project)


@pytest.fixture
def dialog(qtbot, built) -> ReviewDialog:  # type: ignore[no-untyped-def]
    project, reviewed = built
    shown = ReviewDialog(Target(project.db, project.project_id, reviewed.reviewer_id))
    qtbot.addWidget(shown)
    shown.set_document(reviewed.document_id)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def cells(dialog: ReviewDialog, kind: int = 0) -> list[list[str]]:
    model = dialog.models[kind]
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def gold_of(built, kind: str = "entities") -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    project, reviewed = built
    with project.db.read() as session:
        shown = review_view(session, project.project_id, reviewed.document_id)
    items = shown.entities if kind == "entities" else shown.stance
    return {i.text if kind == "entities" else str(i.target): i.gold for i in items}


def select(qtbot, dialog: ReviewDialog, row: int, column: int, kind: int = 0) -> None:  # type: ignore[no-untyped-def]
    dialog.tabs.setCurrentIndex(kind)
    table = dialog.tables[kind]
    table.setFocus()
    table.setCurrentIndex(dialog.models[kind].index(row, column))


def test_rows_columns_and_markers(dialog: ReviewDialog) -> None:
    model = dialog.models[0]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Text", "Agreement", "anna", "ben", "carla", GOLD]
    rows = cells(dialog)
    assert rows[0] == ["NATO", "✓ agree", "ORG", "ORG", "ORG", "not reviewed"]
    assert rows[1] == ["Russland", "≠ differs", "LOC", "LOC", "ORG", "not reviewed"]
    assert rows[3] == ["Scholz", "◐ only some", "—", "—", "PER", "not reviewed"]
    # Differences are coloured as well as marked in words.
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "different labels" in model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "anna" in dialog.windowTitle() and "carla" in dialog.windowTitle()
    stance = cells(dialog, STANCE)
    assert [r[1:3] for r in stance] == [["NATO", "✓ agree"], ["Russland", "≠ differs"]]
    dialog.only_differences.setChecked(True)
    assert [r[0] for r in cells(dialog)] == ["Russland", "Olaf Scholz", "Scholz"]
    assert len(cells(dialog, STANCE)) == 1


def test_keys_store_gold_at_once_and_leave_annotators_alone(qtbot, dialog, built) -> None:  # type: ignore[no-untyped-def]
    project, reviewed = built
    before = own_rows(project, list(reviewed.annotators.values()))
    table = dialog.tables[0]
    select(qtbot, dialog, 1, 4)  # Russland, carla's ORG
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert gold_of(built)["Russland"] == "ORG"
    select(qtbot, dialog, 1, 0)  # the text: the majority's LOC
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert gold_of(built)["Russland"] == "LOC"
    select(qtbot, dialog, 0, 0)
    qtbot.keyClick(table, Qt.Key.Key_M)  # MISC's key
    assert gold_of(built)["NATO"] == "MISC"
    assert cells(dialog)[0][-1] == "MISC"
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert gold_of(built)["NATO"] is None
    assert cells(dialog)[0][-1] == "✗ removed"
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_of(built)["NATO"] == "MISC"
    # Stance: the label keys are the stance labels' on its tab.
    select(qtbot, dialog, 1, 0, STANCE)
    qtbot.keyClick(dialog.tables[STANCE], Qt.Key.Key_A)  # AGAINST
    assert gold_of(built, "stance")["Russland"] == "AGAINST"
    assert own_rows(project, list(reviewed.annotators.values())) == before


def test_accept_all_agreed_key(qtbot, dialog, built) -> None:  # type: ignore[no-untyped-def]
    select(qtbot, dialog, 0, 0)
    qtbot.keyClick(
        dialog.tables[0],
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert gold_of(built) == {
        "NATO": "ORG",
        "Russland": None,
        "Olaf Scholz": None,
        "Scholz": None,
        "Berlin": "LOC",
    }
    assert gold_of(built, "stance") == {"NATO": "NEUTRAL", "Russland": None}
    dialog.tabs.setCurrentIndex(0)
    dialog.resize(1000, 420)
    dialog.grab().save("/tmp/review-entities.png")
    dialog.only_differences.setChecked(True)
    dialog.tabs.setCurrentIndex(STANCE)
    dialog.grab().save("/tmp/review-stance.png")


def test_the_annotate_menu_opens_the_review_of_the_shown_document(
    qtbot, window: MainWindow, built
) -> None:  # type: ignore[no-untyped-def]
    project, reviewed = built
    path = project.location.file
    project.close()
    workflow = install_review(window.context, window.table)
    assert workflow.action in window.annotate_menu.actions()
    assert workflow.action.shortcut() == QKeySequence("Ctrl+Alt+R")
    assert not workflow.action.isEnabled()
    open_and_wait(qtbot, window, path)
    window.table.select_document(reviewed.document_id)
    qtbot.waitUntil(lambda: window.entities.document_id == reviewed.document_id)
    workflow.action.trigger()
    dialog = workflow.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.document_id == reviewed.document_id
    assert len(cells(dialog)) == 5


def test_redo_brings_back_what_undo_took_back(qtbot, dialog: ReviewDialog, built) -> None:  # type: ignore[no-untyped-def]
    select(qtbot, dialog, 1, 4)  # Russland, carla's ORG
    table = dialog.tables[0]
    qtbot.keyClick(table, Qt.Key.Key_Return)
    taken = gold_of(built)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_of(built) != taken
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert gold_of(built) == taken
    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "Nothing to redo in this review."


def test_the_dialog_undoes_only_its_own_commands_on_the_shared_stack(  # type: ignore[no-untyped-def]
    qtbot, built
) -> None:
    project, reviewed = built
    stack = QUndoStack()
    shown = ReviewDialog(Target(project.db, project.project_id, reviewed.reviewer_id), None, stack)
    qtbot.addWidget(shown)
    shown.set_document(reviewed.document_id)
    shown.accept_all_agreed()
    assert stack.count() == 1
    other = QUndoCommand("the window's")
    stack.push(other)
    shown.undo_last()
    assert stack.index() == 2  # the window's command is on top: not the dialog's to undo
    assert shown.message.text() == "Nothing to undo in this review."
    stack.undo()
    shown.undo_last()
    assert stack.index() == 0


def test_an_undo_from_the_window_after_the_dialog_closed_is_said(qtbot, built) -> None:  # type: ignore[no-untyped-def]
    project, reviewed = built
    stack, said = QUndoStack(), []
    target = Target(project.db, project.project_id, reviewed.reviewer_id)
    shown = ReviewDialog(target, None, stack, said.append)
    qtbot.addWidget(shown)
    shown.set_document(reviewed.document_id)
    shown.show()
    shown.accept_all_agreed()
    taken = gold_of(built)
    assert said == []  # the dialog shows its own outcome while it is open
    shown.close()
    stack.undo()  # Edit › Undo of the window
    assert gold_of(built) != taken
    assert said == ["A review decision was undone or redone: the gold version changed."]
