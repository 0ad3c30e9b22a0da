"""The stance targets dialog, driven with clicks and keys; what counts is the database after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from gui.target_form import TargetForm
from gui.target_proposals import ProposalModel
from gui.targets_dialog import TargetsDialog
from storage.models import (
    AnnotationState,
    Document,
    Event,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.project import OpenProject, open_project
from storage.stance.store import TargetRecord, add_target, project_targets
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.factories import add_annotator
from tests.gui.helpers import OPEN_TIMEOUT_MS, message_boxes

TEXTS = [
    "Die NATO warnt Russland. Olaf Scholz reist nach Washington.",
    "Die NATO tagt in Brüssel. Olaf Scholz schweigt, Russland auch.",
    "Washington und die NATO beraten. Brüssel wartet.",
]
# The entity spans of the texts: (text, label) wherever the text occurs.
NAMES = {
    "NATO": "ORG",
    "Russland": "LOC",
    "Olaf Scholz": "PER",
    "Washington": "LOC",
    "Brüssel": "LOC",
}


@pytest.fixture
def opened(make_project: Callable[..., Path]) -> Iterator[OpenProject]:
    with open_project(make_project(TEXTS)) as project:
        yield project


@pytest.fixture
def make_dialog(qtbot, opened: OpenProject) -> Iterator[Callable[[], TargetsDialog]]:  # type: ignore[no-untyped-def]
    """Open the dialog on the project as it is now, with the list focused."""
    made: list[TargetsDialog] = []

    def make() -> TargetsDialog:
        dialog = TargetsDialog(opened.db, opened.project_id)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        dialog.view.setFocus()
        qtbot.waitUntil(dialog.view.hasFocus)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.proposals.wait()


def targets(project: OpenProject) -> list[TargetRecord]:
    with project.db.read() as session:
        return [
            TargetRecord(t.name, tuple(sorted(t.aliases)), t.kind)
            for t in project_targets(session, project.project_id)
        ]


def target_actions(project: OpenProject) -> list[str]:
    with project.db.read() as session:
        query = select(Event.action).where(Event.object_type == "stance_target")
        return list(session.scalars(query.order_by(Event.id)))


def fill_form(form: TargetForm, name: str, aliases: str, kind: str) -> None:
    form.name_edit.setText(name)
    form.aliases_edit.setPlainText(aliases)
    form.kind_combo.setCurrentIndex(form.kind_combo.findData(kind))


def press_ok(qtbot, form: TargetForm) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def answer_next_question(dialog: TargetsDialog, button: QMessageBox.StandardButton) -> list[str]:
    """Press ``button`` in the next question box the dialog asks (it waits in exec());
    returns the list its text is put in."""
    asked: list[str] = []

    def press(tries: int = 200) -> None:
        boxes = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
        if not boxes and tries:
            QTimer.singleShot(10, lambda: press(tries - 1))
        elif boxes:
            asked.append(boxes[0].text())
            boxes[0].button(button).click()

    QTimer.singleShot(0, press)
    return asked


def add_entity_spans(project: OpenProject) -> None:
    with project.db.read() as session:
        documents = list(session.scalars(select(Document).order_by(Document.id)))
    for document in documents:
        spans = [
            SpanSuggestion(start, start + len(name), label, 0.9, "model", "m", "1")
            for name, label in NAMES.items()
            if (start := document.text.find(name)) >= 0
        ]
        store_entity_suggestions(project.db, project.project_id, document.id, spans, ["m"])


def label_stance_as_annotator(project: OpenProject, target: str) -> None:
    annotator = add_annotator(project)
    with project.db.write() as session:
        target_id = session.scalar(select(StanceTarget.id).where(StanceTarget.name == target))
        document = session.scalars(select(Document).order_by(Document.id)).first()
        assert document is not None
        session.add(
            StanceAnnotation(
                document_id=document.id,
                doc_length=document.text_length,
                start_offset=0,
                end_offset=document.text.index(".") + 1,
                scope=StanceScope.SENTENCE,
                sentence_index=0,
                target_id=target_id,
                label_id=session.scalar(select(StanceLabel.id).where(StanceLabel.name == "FAVOR")),
                state=AnnotationState.ACCEPTED,
                origin_kind=OriginKind.MANUAL,
                annotator_id=annotator,
            )
        )


# --- adding -------------------------------------------------------------------------------


def test_a_target_is_added_with_its_aliases(qtbot, make_dialog, opened: OpenProject) -> None:
    dialog = make_dialog()
    assert not dialog.edit_button.isEnabled()  # nothing to edit yet
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert form is not None and form.isVisible()
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # no name
    qtbot.keyClicks(form.name_edit, "Russland")
    fill_form(form, "Russland", "Russlands, Moskau\n Kreml* \n\n", "country")
    with qtbot.waitSignal(dialog.targets_changed):
        press_ok(qtbot, form)
    assert targets(opened) == [
        TargetRecord("Russland", ("Kreml*", "Moskau", "Russland", "Russlands"), "country")
    ]
    assert dialog.form is None and not form.isVisible()
    index = dialog.model.index(0, dialog.model.ALIASES)
    assert dialog.model.data(index) == "Kreml*, Moskau, Russlands"
    assert dialog.current_target() is not None and dialog.current_target().name == "Russland"
    assert "Russland" in dialog.status_label.text()


def test_adding_a_name_that_is_a_target_already_keeps_the_form_open(
    qtbot, make_dialog, opened: OpenProject
) -> None:
    add_target(opened.db, opened.project_id, "NATO", [], "organisation")
    dialog = make_dialog()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    fill_form(form, "NATO", "Nato", "other")
    press_ok(qtbot, form)
    [box] = message_boxes(form)
    assert "There is a target “NATO” already" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert form.isVisible() and dialog.form is form  # the user can correct the name
    assert targets(opened) == [TargetRecord("NATO", ("NATO",), "organisation")]
    fill_form(form, "Nato", "*", "other")  # an alias that is only "*" would match every word
    press_ok(qtbot, form)
    assert any("only '*'" in b.text() for b in message_boxes(form))
    assert target_actions(opened) == ["target.create"]


# --- editing ------------------------------------------------------------------------------


def test_enter_on_the_list_edits_the_selected_target(
    qtbot, make_dialog, opened: OpenProject
) -> None:
    add_target(opened.db, opened.project_id, "NATO", ["Nato"], "organisation")
    add_target(opened.db, opened.project_id, "Russland", ["Russlands", "Moskau"], "country")
    dialog = make_dialog()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)  # the first row is selected at first
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    form = dialog.form
    assert form is not None, "Enter did not open the form"
    assert form.name_edit.text() == "Russland"
    assert form.aliases_edit.toPlainText().splitlines() == ["Moskau", "Russlands"]
    assert form.kind_combo.currentData() == "country"
    fill_form(form, "Russische Föderation", "Russland, Kreml*", "country")
    with qtbot.waitSignal(dialog.targets_changed):
        press_ok(qtbot, form)
    assert targets(opened) == [
        TargetRecord("NATO", ("NATO", "Nato"), "organisation"),
        TargetRecord(
            "Russische Föderation", ("Kreml*", "Russische Föderation", "Russland"), "country"
        ),
    ]
    assert dialog.current_target().name == "Russische Föderation"
    assert target_actions(opened)[-1] == "target.update"


def test_renaming_to_another_targets_name_is_refused_with_the_reason(
    qtbot, make_dialog, opened: OpenProject
) -> None:
    add_target(opened.db, opened.project_id, "NATO", [], "organisation")
    add_target(opened.db, opened.project_id, "Russland", ["Moskau"], "country")
    dialog = make_dialog()
    dialog.view.selectRow(1)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    fill_form(form, "NATO", "Moskau", "country")
    with qtbot.assertNotEmitted(dialog.targets_changed):
        press_ok(qtbot, form)
    [box] = message_boxes(form)
    assert "“Russland” was not changed" in box.text()
    assert "that target exists already" in box.text()
    assert [t.name for t in targets(opened)] == ["NATO", "Russland"]


# --- removing -----------------------------------------------------------------------------


def test_delete_removes_the_selected_target_after_asking(
    qtbot, make_dialog, opened: OpenProject
) -> None:
    add_target(opened.db, opened.project_id, "NATO", [], "organisation")
    add_target(opened.db, opened.project_id, "Russland", ["Moskau"], "country")
    dialog = make_dialog()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
    asked = answer_next_question(dialog, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert asked and "“Russland”" in asked[0]
    assert len(targets(opened)) == 2  # cancelled: nothing removed
    dialog.activateWindow()  # a window manager does this when the box closes; offscreen not
    qtbot.waitUntil(dialog.view.hasFocus)  # the dialog gave the focus back to the list
    asked = answer_next_question(dialog, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.targets_changed):
        qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert targets(opened) == [TargetRecord("NATO", ("NATO",), "organisation")]
    assert dialog.model.rowCount() == 1
    assert target_actions(opened)[-1] == "target.delete"


def test_a_target_annotators_labelled_is_not_removed_and_the_message_says_why(
    qtbot, make_dialog, opened: OpenProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_target(opened.db, opened.project_id, "NATO", ["Nato"], "organisation")
    label_stance_as_annotator(opened, "NATO")
    dialog = make_dialog()
    monkeypatch.setattr(dialog, "confirm_removal", lambda name: True)
    with qtbot.assertNotEmitted(dialog.targets_changed):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    [box] = message_boxes(dialog)
    assert "Annotators made 1 stance label" in box.text() and "“NATO”" in box.text()
    assert targets(opened) == [TargetRecord("NATO", ("NATO", "Nato"), "organisation")]
    assert target_actions(opened) == ["target.create"]


# --- proposing ----------------------------------------------------------------------------


def test_checked_proposals_are_added_as_targets(qtbot, make_dialog, opened: OpenProject) -> None:
    add_entity_spans(opened)
    add_target(opened.db, opened.project_id, "Russland", [], "country")
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.proposals.finished, timeout=OPEN_TIMEOUT_MS):
        qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    model = dialog.proposals.model
    shown = [
        tuple(model.data(model.index(row, column)) for column in range(3))
        for row in range(model.rowCount())
    ]
    assert shown == [  # Russland is a target already
        ("NATO", "ORG", "3"),
        ("Brüssel", "LOC", "2"),
        ("Olaf Scholz", "PER", "2"),
        ("Washington", "LOC", "2"),
    ]
    assert not dialog.proposals.add_button.isEnabled()
    view = dialog.proposals.view
    view.setFocus()
    for row in (1, 2):  # check Brüssel and Olaf Scholz with the space bar
        view.setCurrentIndex(model.index(row, ProposalModel.NAME))
        qtbot.keyClick(view, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.targets_changed):
        qtbot.mouseClick(dialog.proposals.add_button, Qt.MouseButton.LeftButton)
    assert targets(opened) == [
        TargetRecord("Brüssel", ("Brüssel",), "country"),
        TargetRecord("Olaf Scholz", ("Olaf Scholz",), "person"),
        TargetRecord("Russland", ("Russland",), "country"),
    ]
    remaining = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert remaining == ["NATO", "Washington"]
    assert dialog.model.rowCount() == 3


def test_a_failing_proposal_query_is_shown_as_a_message(
    qtbot, make_dialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> list[tuple[str, str, int]]:
        raise OperationalError("SELECT …", {}, Exception("database is locked"))

    monkeypatch.setattr("gui.targets_dialog.new_target_proposals", broken)
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.proposals.finished, timeout=OPEN_TIMEOUT_MS):
        qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    [box] = message_boxes(dialog)
    assert box.windowTitle() == "Cannot propose targets"
    assert "database is locked" in box.text() and "Traceback" not in box.text()
    assert dialog.proposals.model.rowCount() == 0
    assert dialog.propose_button.isEnabled()
