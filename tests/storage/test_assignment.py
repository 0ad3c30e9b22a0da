"""Assigning documents to annotators: the overlap every annotator gets, a balanced split of
the rest, the same plan for the same seed, idempotent re-runs, the event log, and the
document list's "assigned to me" filter."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import select

from storage.assignment import (
    ASSIGN_ACTION,
    UNASSIGN_ACTION,
    AssignmentError,
    assign_documents,
    assigned_documents,
    assignment_counts,
    has_assignments,
    plan_assignments,
    unassign,
)
from storage.document_filter import DocumentFilter
from storage.documents import count_documents
from storage.models import Annotator, Assignment, DocumentStatusValue, Event
from storage.progress import set_status
from tests.factories import add_annotator, add_documents, listed, make_documents


def shares(project) -> dict[str, set[int]]:
    """Each annotator's assigned document ids, by name."""
    with project.db.read() as session:
        rows = session.execute(
            select(Annotator.name, Assignment.document_id).join(
                Assignment, Assignment.annotator_id == Annotator.id
            )
        )
        result: dict[str, set[int]] = {}
        for name, document_id in rows:
            result.setdefault(name, set()).add(document_id)
        return result


def texts(n: int) -> list[str]:
    return [f"Dokument Nummer {i}." for i in range(n)]


@pytest.mark.parametrize(("n", "names", "overlap"), [(23, 3, 0.2), (10, 2, 0.1), (7, 4, 0.5)])
def test_the_overlap_goes_to_everyone_and_the_rest_is_split_evenly(project, n, names, overlap):
    docs = add_documents(project, texts(n))
    annotators = [f"a{i}" for i in range(names)]
    report = assign_documents(project.db, project.project_id, annotators, overlap=overlap)
    got = shares(project)
    shared = set.intersection(*got.values())
    assert len(report.overlap_documents) == round(overlap * n)
    assert shared == set(report.overlap_documents)
    own = {name: ids - shared for name, ids in got.items()}
    # Every document is assigned; the non-overlap ones to exactly one annotator.
    assert set.union(*got.values()) == set(docs)
    assert sum(len(ids) for ids in own.values()) == n - len(shared)
    sizes = [len(ids) for ids in own.values()]
    assert max(sizes) - min(sizes) <= 1
    assert report.documents == n and report.skipped == 0
    assert report.new_per_annotator == {name: len(got[name]) for name in annotators}
    assert report.created == sum(len(ids) for ids in got.values())


def test_the_plan_depends_on_the_seed_only(project):
    ids = list(range(1, 101))
    first = plan_assignments(ids, ["a", "b", "c"], 0.1, seed=7)
    assert plan_assignments(list(reversed(ids)), ["a", "b", "c"], 0.1, seed=7) == first
    assert plan_assignments(ids, ["a", "b", "c"], 0.1, seed=8) != first
    docs = add_documents(project, texts(30))
    report = assign_documents(project.db, project.project_id, ["a", "b"], overlap=0.2, seed=7)
    expected_overlap, expected = plan_assignments(docs, ["a", "b"], 0.2, seed=7)
    assert report.overlap_documents == expected_overlap
    assert shares(project) == {name: set(ids) for name, ids in expected.items()}


def test_overlap_zero_and_one(project):
    docs = add_documents(project, texts(9))
    overlap, everyone = plan_assignments(docs, ["a", "b"], 1.0)
    assert overlap == sorted(docs) and everyone == {"a": sorted(docs), "b": sorted(docs)}
    none, split = plan_assignments(docs, ["a", "b"], 0.0)
    assert none == [] and sorted(split["a"] + split["b"]) == sorted(docs)
    assert abs(len(split["a"]) - len(split["b"])) == 1


def test_running_again_assigns_only_new_documents(project):
    add_documents(project, texts(20))
    first = assign_documents(project.db, project.project_id, ["a", "b", "c"], overlap=0.1)
    before = shares(project)
    again = assign_documents(project.db, project.project_id, ["a", "b", "c"], overlap=0.1)
    assert again.created == 0 and again.documents == 0 and again.skipped == 20
    assert shares(project) == before
    new = add_documents(project, [f"Neues Dokument {i}." for i in range(10)])
    later = assign_documents(project.db, project.project_id, ["a", "b", "c"], overlap=0.1)
    assert later.documents == 10 and later.skipped == 20
    after = shares(project)
    assert set.union(*after.values()) - set.union(*before.values()) == set(new)
    # Still balanced over both runs: each has its overlap (2 + 1) and a share of the rest.
    own = [len(after[name]) - 3 for name in "abc"]
    assert max(own) - min(own) <= 1
    assert first.total_per_annotator != later.total_per_annotator


def test_replanning_everything_adds_only_missing_pairs(project):
    add_documents(project, texts(12))
    assign_documents(project.db, project.project_id, ["a", "b"], overlap=0.25)
    before = shares(project)
    again = assign_documents(
        project.db, project.project_id, ["a", "b"], overlap=0.25, only_unassigned=False
    )
    assert again.created == 0 and again.documents == 12
    assert shares(project) == before


def test_annotators_are_created_when_missing(project):
    add_documents(project, texts(4))
    anna = add_annotator(project, "anna")
    assign_documents(project.db, project.project_id, [" anna ", "ben"], overlap=0)
    with project.db.read() as session:
        names = set(session.scalars(select(Annotator.name)))
        assert {"anna", "ben"} <= names  # and whoever imported
        assert len(assigned_documents(session, project.project_id, anna)) == 2
        assert assignment_counts(session, project.project_id) == {"anna": 2, "ben": 2}


@pytest.mark.parametrize(
    ("annotators", "overlap", "message"),
    [
        (["a", "b"], 1.5, r"--overlap must be a share between 0 and 1 .* not 1\.5"),
        (["a", "b"], -0.1, r"--overlap .* not -0\.1"),
        (["a", "b"], math.nan, r"--overlap .* not nan"),
        ([], 0.1, r"--annotators needs at least one annotator name"),
        (["a", " "], 0.1, r"--annotators has an empty name"),
        (["a", "b", "a "], 0.1, r"--annotators names 'a' twice"),
    ],
)
def test_options_that_make_no_sense_are_refused(project, annotators, overlap, message):
    add_documents(project, texts(3))
    with project.db.read() as session:
        people = set(session.scalars(select(Annotator.name)))
    with pytest.raises(AssignmentError, match=message) as raised:
        assign_documents(project.db, project.project_id, annotators, overlap=overlap)
    assert isinstance(raised.value, ValueError)
    with project.db.read() as session:
        assert not has_assignments(session, project.project_id)
        assert set(session.scalars(select(Annotator.name))) == people  # nothing half done


def test_the_event_log_has_one_action_with_each_assignment(project):
    add_documents(project, texts(5))
    report = assign_documents(project.db, project.project_id, ["a", "b"], overlap=0.4)
    with project.db.read() as session:
        events = session.scalars(select(Event).where(Event.action == ASSIGN_ACTION)).all()
        assignments = session.scalars(select(Assignment)).all()
    assert {e.action_id for e in events} == {report.action_id}
    assert len(events) == len(assignments) == report.created == 2 * 2 + 3
    by_id = {a.id: a for a in assignments}
    for event in events:
        stored = by_id[event.object_id]
        assert event.object_type == "assignment" and event.before is None
        assert event.document_id == stored.document_id
        assert event.after["annotator_id"] == stored.annotator_id
        assert event.after["overlap"] == (stored.document_id in report.overlap_documents)
    assert sum(e.after["overlap"] for e in events) == 4
    assert sorted({e.after["annotator"] for e in events}) == ["a", "b"]


def test_unassign_removes_and_logs(project):
    add_documents(project, texts(6))
    assign_documents(project.db, project.project_id, ["a", "b"], overlap=0)
    assert unassign(project.db, project.project_id, ["a"]) == 3
    assert set(shares(project)) == {"b"}
    assert unassign(project.db, project.project_id) == 3
    with project.db.read() as session:
        assert not has_assignments(session, project.project_id)
        events = session.scalars(select(Event).where(Event.action == UNASSIGN_ACTION)).all()
    assert len(events) == 6 and len({e.action_id for e in events}) == 2
    assert all(e.after is None and e.before["annotator"] in "ab" for e in events)


def test_deleting_a_document_removes_its_assignments(project):
    from storage.models import Document

    docs = add_documents(project, texts(2))
    assign_documents(project.db, project.project_id, ["a"], overlap=0)
    with project.db.write() as session:
        session.delete(session.get(Document, docs[0]))
    with project.db.read() as session:
        assert session.scalars(select(Assignment.document_id)).all() == [docs[1]]


def test_the_list_filter_shows_the_annotators_documents(project):
    docs = make_documents(project, 12)
    assign_documents(project.db, project.project_id, ["anna", "ben"], overlap=0.25, seed=3)
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    carl = add_annotator(project, "carl")
    with project.db.read() as session:
        mine = {a: assigned_documents(session, project.project_id, a) for a in (anna, ben)}
    assigned = DocumentFilter(assigned=True)
    assert assigned.active
    assert len(mine[anna] & mine[ben]) == 3 and mine[anna] | mine[ben] == set(docs)
    assert listed(project, anna, assigned) == sorted(mine[anna])  # import order
    for order in ("uncertainty", "title"):
        # One page of 100: the helper pages after (uncertainty, id), not after a title.
        assert sorted(listed(project, anna, assigned, order, 100)) == sorted(mine[anna])
        assert sorted(listed(project, ben, assigned, order, 100)) == sorted(mine[ben])
    assert listed(project, carl, assigned) == []
    with project.db.read() as session:
        assert count_documents(session, project.project_id, anna, assigned) == len(mine[anna])
        assert count_documents(session, project.project_id, None, assigned) == 0
    # Combined with a status: anna's done documents among hers.
    first = min(mine[anna])
    set_status(project.db, project.project_id, first, anna, DocumentStatusValue.DONE)
    done = DocumentFilter(status=DocumentStatusValue.DONE, assigned=True)
    assert listed(project, anna, done) == [first]
    assert listed(project, ben, done) == []
