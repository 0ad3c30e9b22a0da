"""The labels dialog, driven with clicks and keys; what counts is the database after, and
that a refusal is a message naming the label."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from gui.label_form import LabelForm
from gui.label_schema_dialog import LabelPanel, LabelSchemaDialog
from gui.main_window import MainWindow
from gui.project_workflow import install_setup
from storage.label_schema import LabelRecord, project_labels
from storage.models import Event
from storage.project import OpenProject, open_project
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.gui.helpers import message_boxes, open_and_wait

TEXT = "Die NATO warnt Russland. Olaf Scholz reist nach Washington."


@pytest.fixture
def opened(make_project: Callable[..., Path]) -> Iterator[OpenProject]:
    with open_project(make_project([TEXT])) as project:
        yield project


@pytest.fixture
def dialog(qtbot, opened: OpenProject) -> LabelSchemaDialog:  # type: ignore[no-untyped-def]
    shown = LabelSchemaDialog(opened.db, opened.project_id)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    shown.entity.view.setFocus()
    qtbot.waitUntil(shown.entity.view.hasFocus)
    return shown


def labels(project: OpenProject, kind: str = "entity") -> list[LabelRecord]:
    with project.db.read() as session:
        return project_labels(session, project.project_id, kind)  # type: ignore[arg-type]


def names(project: OpenProject, kind: str = "entity") -> list[str]:
    return [label.name for label in labels(project, kind)]


def label_actions(project: OpenProject) -> list[str]:
    with project.db.read() as session:
        query = select(Event.action).where(Event.object_type.like("%_label"))
        return list(session.scalars(query.order_by(Event.id)))


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def fill(form: LabelForm, name: str, shortcut: str, description: str = "") -> None:
    form.name_edit.setText(name)
    form.shortcut_edit.setText(shortcut)
    form.description_edit.setText(description)


def press_ok(qtbot, form: LabelForm) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Ok))


def open_add_form(qtbot, panel: LabelPanel) -> LabelForm:  # type: ignore[no-untyped-def]
    click(qtbot, panel.add_button)
    assert panel.form is not None and panel.form.isVisible()
    return panel.form


# --- adding ---------------------------------------------------------------------------------


def test_a_label_is_added_with_the_colour_chosen(
    qtbot, dialog: LabelSchemaDialog, opened: OpenProject, monkeypatch
) -> None:
    form = open_add_form(qtbot, dialog.entity)
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # no name
    qtbot.keyClicks(form.name_edit, "EVENT")
    qtbot.keyClicks(form.shortcut_edit, "ev")  # one letter only
    form.description_edit.setText("Wahlen, Gipfel")
    monkeypatch.setattr(form, "choose_colour", lambda current: "#112233")
    click(qtbot, form.colour_button)
    assert form.colour_button.text() == "#112233"
    with qtbot.waitSignal(dialog.labels_changed):
        press_ok(qtbot, form)
    assert labels(opened)[-1] == LabelRecord("EVENT", "#112233", "e", "Wahlen, Gipfel", 4, 0)
    assert label_actions(opened) == ["label.create"]
    assert dialog.entity.current_label().name == "EVENT"
    assert dialog.status_label.text() == "Added “EVENT”."
    assert not form.isVisible() and dialog.entity.form is None


def test_a_cancelled_colour_keeps_the_colour(qtbot, dialog, monkeypatch) -> None:
    form = open_add_form(qtbot, dialog.entity)
    before = form.colour
    monkeypatch.setattr(form, "choose_colour", lambda current: None)
    click(qtbot, form.colour_button)
    assert form.colour == before


@pytest.mark.parametrize(
    ("name", "shortcut", "why"),
    [
        ("EVENT", "3", "cannot be 3: the digits 1-9 choose labels by their number"),
        ("EVENT", "p", "the shortcut 'p' of the entity label 'EVENT' is taken by 'PER'"),
        ("per", "x", "there is already a label 'PER' among the entity labels"),
        ("EVENT", "#", "must be one letter or digit"),
    ],
)
def test_a_refused_label_keeps_the_form_open_with_a_message_saying_why(
    qtbot, dialog: LabelSchemaDialog, opened: OpenProject, name, shortcut, why
) -> None:
    form = open_add_form(qtbot, dialog.entity)
    fill(form, name, shortcut)
    with qtbot.assertNotEmitted(dialog.labels_changed):
        press_ok(qtbot, form)
    [box] = message_boxes(form)
    assert box.windowTitle() == "Cannot add the label"
    assert box.text().startswith(f"“{name}” was not added: ") and why in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert form.isVisible() and dialog.entity.form is form  # to correct it
    assert label_actions(opened) == []


def test_a_stance_label_may_take_an_entity_labels_letter(
    qtbot, dialog: LabelSchemaDialog, opened: OpenProject
) -> None:
    form = open_add_form(qtbot, dialog.stance)
    fill(form, "UNKLAR", "p")  # PER's letter: the keys work in different places
    with qtbot.waitSignal(dialog.labels_changed):
        press_ok(qtbot, form)
    assert names(opened, "stance") == ["FAVOR", "AGAINST", "NEUTRAL", "UNKLAR"]


# --- editing --------------------------------------------------------------------------------


def test_enter_edits_the_selected_label(
    qtbot, dialog: LabelSchemaDialog, opened: OpenProject
) -> None:
    qtbot.keyClick(dialog.entity.view, Qt.Key.Key_Down)  # LOC
    qtbot.keyClick(dialog.entity.view, Qt.Key.Key_Return)
    form = dialog.entity.form
    assert form is not None, "Enter did not open the form"
    assert (form.name_edit.text(), form.shortcut_edit.text()) == ("LOC", "l")
    assert form.colour == "#56b4e9"
    fill(form, "ORT", "r", "Orte")
    with qtbot.waitSignal(dialog.labels_changed):
        press_ok(qtbot, form)
    assert labels(opened)[1] == LabelRecord("ORT", "#56b4e9", "r", "Orte", 1, 0)
    assert label_actions(opened) == ["label.update"]
    assert dialog.entity.current_label().name == "ORT"


def test_another_labels_name_is_refused_when_editing(
    qtbot, dialog: LabelSchemaDialog, opened: OpenProject
) -> None:
    dialog.entity.view.selectRow(1)
    click(qtbot, dialog.entity.edit_button)
    form = dialog.entity.form
    fill(form, "ORG", "l")
    press_ok(qtbot, form)
    [box] = message_boxes(form)
    assert (
        box.text()
        == "“LOC” was not changed: there is already a label 'ORG' among the entity labels"
    )
    assert names(opened) == ["PER", "LOC", "ORG", "MISC"]


# --- moving ---------------------------------------------------------------------------------


def test_labels_move_up_and_down(qtbot, dialog: LabelSchemaDialog, opened: OpenProject) -> None:
    panel = dialog.stance
    assert not panel.up_button.isEnabled() and panel.down_button.isEnabled()  # FAVOR first
    with qtbot.waitSignal(dialog.labels_changed):
        click(qtbot, panel.down_button)
    assert names(opened, "stance") == ["AGAINST", "FAVOR", "NEUTRAL"]
    assert panel.current_label().name == "FAVOR"  # it stays selected
    click(qtbot, panel.down_button)
    assert names(opened, "stance") == ["AGAINST", "NEUTRAL", "FAVOR"]
    assert panel.up_button.isEnabled() and not panel.down_button.isEnabled()
    click(qtbot, panel.up_button)
    assert names(opened, "stance") == ["AGAINST", "FAVOR", "NEUTRAL"]
    model = panel.model
    assert model.data(model.index(1, model.SHORTCUT)) == "2 / f"  # its number changed


# --- removing -------------------------------------------------------------------------------


def test_an_unused_label_is_removed_after_asking(
    qtbot, dialog: LabelSchemaDialog, opened: OpenProject, monkeypatch
) -> None:
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(dialog.entity, "confirm_removal", lambda n: asked.append(n) or answer[0])
    dialog.entity.view.selectRow(3)
    qtbot.keyClick(dialog.entity.view, Qt.Key.Key_Delete)
    assert asked == ["MISC"] and names(opened) == ["PER", "LOC", "ORG", "MISC"]
    answer[0] = True
    with qtbot.waitSignal(dialog.labels_changed):
        click(qtbot, dialog.entity.remove_button)
    assert names(opened) == ["PER", "LOC", "ORG"]
    assert label_actions(opened) == ["label.delete"]
    assert dialog.entity.model.rowCount() == 3


def test_a_used_label_is_not_removed_and_the_message_says_how_often(
    qtbot, dialog: LabelSchemaDialog, opened: OpenProject, monkeypatch
) -> None:
    start = TEXT.index("NATO")
    spans = [SpanSuggestion(start, start + 4, "ORG", 0.9, "model", "m", "1")]
    store_entity_suggestions(opened.db, opened.project_id, 1, spans, ["m"])
    dialog.entity.reload()
    monkeypatch.setattr(dialog.entity, "confirm_removal", lambda name: True)
    dialog.entity.view.selectRow(2)
    model = dialog.entity.model
    assert model.data(model.index(2, model.USES)) == "1"
    with qtbot.assertNotEmitted(dialog.labels_changed):
        click(qtbot, dialog.entity.remove_button)
    [box] = message_boxes(dialog.entity)
    assert box.windowTitle() == "Cannot remove the label"
    assert box.text().startswith("1 annotation(s) use the label “ORG”")
    assert names(opened) == ["PER", "LOC", "ORG", "MISC"]
    assert label_actions(opened) == []


# --- in the window --------------------------------------------------------------------------


def test_the_labels_action_opens_the_dialog_and_changes_repaint(
    qtbot, window: MainWindow, make_project: Callable[..., Path], monkeypatch
) -> None:
    repainted: list[bool] = []
    monkeypatch.setattr(window.suggestions, "repaint", lambda **_: repainted.append(True))
    setup = install_setup(window.context, window.article)
    assert not setup.labels.labels_action.isEnabled()  # no project
    open_and_wait(qtbot, window, make_project([TEXT]))
    assert setup.labels.labels_action.isEnabled()
    repainted.clear()  # opening paints too
    setup.labels.labels_action.trigger()
    shown = setup.labels.dialog
    assert shown is not None and shown.isVisible()
    shown.stance.view.selectRow(0)
    click(qtbot, shown.stance.down_button)
    assert repainted == [True]
    open_and_wait(qtbot, window, make_project([TEXT], name="other"))
    assert setup.labels.dialog is None  # it belonged to the previous project
