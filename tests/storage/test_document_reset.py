"""Resetting a document to the machine suggestions, and undoable status changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.document_edits import DocumentEditor, reset_document
from storage.editing import AnnotationError
from storage.entity_edits import EntityEditor
from storage.events import snapshot
from storage.models import DocumentStatusValue, EntitySpan, Event, StanceAnnotation
from storage.progress import add_time, status_of
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from tests.factories import GERMAN_TEXT, NATO, SCHOLZ, add_annotator, add_documents, suggest


@pytest.fixture
def doc(project):
    add_target(project.db, project.project_id, "NATO")
    return add_documents(project, [GERMAN_TEXT])[0]


def rows(project, annotator_id):
    """Every entity and stance row of the annotator, as stored (all columns)."""
    with project.db.read() as session:
        spans = session.scalars(
            select(EntitySpan).where(EntitySpan.annotator_id == annotator_id).order_by("id")
        )
        stance = session.scalars(
            select(StanceAnnotation)
            .where(StanceAnnotation.annotator_id == annotator_id)
            .order_by("id")
        )
        return [snapshot(r) for r in spans] + [snapshot(r) for r in stance]


def decide(project, doc, annotator_id):
    entities = EntityEditor(project.db, project.project_id, annotator_id)
    entities.accept(suggest(project, doc, *NATO))
    entities.add(doc, *SCHOLZ, "PER")
    StanceEditor(project.db, project.project_id, annotator_id).set_document_stance(
        doc, "NATO", "AGAINST"
    )


def test_reset_removes_only_the_annotators_rows_and_undo_brings_them_back(project, doc):
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    decide(project, doc, anna)
    decide(project, doc, ben)
    annas, bens = rows(project, anna), rows(project, ben)
    assert len(annas) == 3
    with project.db.read() as session:
        machine = select(EntitySpan.id).where(EntitySpan.annotator_id.is_(None))
        suggestion_ids = sorted(session.scalars(machine))

    result = reset_document(project.db, project.project_id, doc, anna)
    assert sorted(result.span_ids) == sorted(r["id"] for r in annas)
    assert rows(project, anna) == []
    assert rows(project, ben) == bens
    with project.db.read() as session:
        left = session.scalars(select(EntitySpan.id).where(EntitySpan.annotator_id.is_(None)))
        assert sorted(left) == suggestion_ids  # the suggestions are shown again

    editor = DocumentEditor(project.db, project.project_id, anna)
    undone = editor.undo(result.action_id)
    assert rows(project, anna) == annas
    editor.undo(undone.action_id)  # redo
    assert rows(project, anna) == []


def test_reset_is_one_logged_action(project, doc):
    anna = add_annotator(project, "anna")
    decide(project, doc, anna)
    result = reset_document(project.db, project.project_id, doc, anna)
    with project.db.read() as session:
        logged = list(session.scalars(select(Event).where(Event.action == "document.reset")))
    assert {e.action_id for e in logged} == {result.action_id}
    assert len(logged) == 3 and all(e.after is None for e in logged)


def test_nothing_to_reset_logs_nothing(project, doc):
    anna = add_annotator(project, "anna")
    assert reset_document(project.db, project.project_id, doc, anna).span_ids == []


def test_reset_refuses_a_document_of_no_project(project, doc):
    with pytest.raises(AnnotationError, match="not in this project"):
        reset_document(project.db, project.project_id, doc + 99, add_annotator(project))


def test_undoing_a_status_change_keeps_the_time_spent(project, doc):
    anna = add_annotator(project, "anna")
    editor = DocumentEditor(project.db, project.project_id, anna)
    editor.set_status(doc, DocumentStatusValue.IN_PROGRESS)
    done = editor.set_status(doc, DocumentStatusValue.DONE, add_seconds=20)
    add_time(project.db, project.project_id, doc, anna, 5)
    undone = editor.undo(done.action_id)
    assert status_of(project.db, doc, anna) == (DocumentStatusValue.IN_PROGRESS, 25.0)
    editor.undo(undone.action_id)
    assert status_of(project.db, doc, anna) == (DocumentStatusValue.DONE, 25.0)


def test_undoing_the_first_status_goes_back_to_new(project, doc):
    anna = add_annotator(project, "anna")
    editor = DocumentEditor(project.db, project.project_id, anna)
    first = editor.set_status(doc, DocumentStatusValue.SKIPPED, add_seconds=3)
    editor.undo(first.action_id)
    assert status_of(project.db, doc, anna) == (DocumentStatusValue.NEW, 3.0)


def test_another_annotators_action_cannot_be_undone(project, doc):
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    decide(project, doc, anna)
    result = reset_document(project.db, project.project_id, doc, anna)
    with pytest.raises(AnnotationError, match="another annotator"):
        DocumentEditor(project.db, project.project_id, ben).undo(result.action_id)
