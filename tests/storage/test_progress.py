"""Status and time per annotator and document, logged and counted in the statistics."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import DocumentStatusValue, Event
from storage.progress import add_time, done_count, set_status, status_of
from storage.project_counts import project_stats
from tests.factories import add_annotator, add_documents


def test_status_and_time_per_annotator(project):
    docs = add_documents(project, ["Eins über Kiew.", "Zwei über Minsk.", "Drei über Riga."])
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    set_status(project.db, project.project_id, docs[0], anna, DocumentStatusValue.IN_PROGRESS, 30)
    set_status(project.db, project.project_id, docs[0], anna, DocumentStatusValue.DONE, 12.5)
    set_status(project.db, project.project_id, docs[1], ben, DocumentStatusValue.SKIPPED)
    assert status_of(project.db, docs[0], anna) == (DocumentStatusValue.DONE, 42.5)
    assert status_of(project.db, docs[0], ben) == (DocumentStatusValue.NEW, 0.0)
    with project.db.read() as session:
        stats = project_stats(session, project.project_id, project.name)
        actions = [
            e.action
            for e in session.scalars(
                select(Event).where(Event.object_type == "document_status").order_by(Event.id)
            )
        ]
    assert stats.by_status == {
        "anna": {"new": 2, "in_progress": 0, "done": 1, "skipped": 0},
        "ben": {"new": 2, "in_progress": 0, "done": 0, "skipped": 1},
    }
    assert actions == ["document.in_progress", "document.done", "document.skipped"]


def test_time_cannot_be_negative(project):
    doc = add_documents(project, ["Text."])[0]
    with pytest.raises(ValueError, match=">= 0"):
        set_status(
            project.db,
            project.project_id,
            doc,
            add_annotator(project),
            DocumentStatusValue.DONE,
            -1,
        )


@pytest.mark.parametrize("seconds", [float("nan"), float("inf")])
def test_time_must_be_finite(project, seconds):
    doc = add_documents(project, ["Text."])[0]
    with pytest.raises(ValueError, match="finite"):
        set_status(
            project.db,
            project.project_id,
            doc,
            add_annotator(project),
            DocumentStatusValue.DONE,
            seconds,
        )


def test_add_time_keeps_the_status_and_logs_one_event(project):
    doc = add_documents(project, ["Text."])[0]
    anna = add_annotator(project)
    set_status(project.db, project.project_id, doc, anna, DocumentStatusValue.SKIPPED, 2)
    assert add_time(project.db, project.project_id, doc, anna, 0) is None
    add_time(project.db, project.project_id, doc, anna, 40.5)
    assert status_of(project.db, doc, anna) == (DocumentStatusValue.SKIPPED, 42.5)
    with project.db.read() as session:
        times = list(session.scalars(select(Event).where(Event.action == "document.time")))
    assert len(times) == 1 and times[0].after["seconds_spent"] == 42.5


def test_done_count_is_per_annotator_and_project(project):
    docs = add_documents(project, ["Eins.", "Zwei.", "Drei."])
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    for doc in docs[:2]:
        set_status(project.db, project.project_id, doc, anna, DocumentStatusValue.DONE)
    set_status(project.db, project.project_id, docs[2], anna, DocumentStatusValue.SKIPPED)
    set_status(project.db, project.project_id, docs[2], ben, DocumentStatusValue.DONE)
    with project.db.read() as session:
        assert done_count(session, project.project_id, anna) == 2
        assert done_count(session, project.project_id, ben) == 1
        assert done_count(session, project.project_id + 1, anna) == 0
