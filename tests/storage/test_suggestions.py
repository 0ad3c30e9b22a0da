"""Stored suggestions never change annotators' decisions, and re-running changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.entity_edits import EntityEditor, visible_spans
from storage.models import AnnotationState, EntitySpan, Event
from storage.suggestions import SpanSuggestion, documents_to_suggest, store_entity_suggestions
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

NATO = SpanSuggestion(4, 8, "ORG", 0.9, "model", "de_test", "1.0")
BERLIN = SpanSuggestion(
    GERMAN_TEXT.index("Berlin"),
    GERMAN_TEXT.index("Berlin") + 6,
    "LOC",
    0.9,
    "pattern",
    "capitals.jsonl",
    "abc",
    "city/berlin",
)


def machine_rows(project):
    with project.db.read() as session:
        return sorted(
            (s.start_offset, s.end_offset, s.label.name, s.origin_kind.value, s.confidence)
            for s in session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.is_(None)))
        )


def store(project, doc, suggestions, replaces=("de_test", "capitals.jsonl")):
    return store_entity_suggestions(project.db, project.project_id, doc, suggestions, replaces)


def test_storing_twice_is_idempotent(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    first = store(project, doc, [NATO, BERLIN])
    before = machine_rows(project)
    second = store(project, doc, [NATO, BERLIN])
    assert (first.added, second.added, second.kept, second.removed) == (2, 0, 2, 0)
    assert machine_rows(project) == before
    assert before[0][3:] == ("model", 0.9) and before[1][3] == "pattern"


def test_a_new_run_withdraws_what_it_no_longer_suggests(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    store(project, doc, [NATO, BERLIN])
    result = store(project, doc, [NATO], replaces=("de_test",))
    assert result.removed == 0  # BERLIN came from another origin, which did not run
    result = store(project, doc, [BERLIN])
    assert result.removed == 1
    assert [row[2] for row in machine_rows(project)] == ["LOC"]


def test_decisions_are_never_touched_and_rejections_not_repeated(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    store(project, doc, [NATO, BERLIN])
    anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    with project.db.read() as session:
        ids = {s.label.name: s.id for s in session.scalars(select(EntitySpan))}
    anna.reject(ids["ORG"])
    anna.accept(ids["LOC"])
    result = store(project, doc, [])  # the suggester changed its mind about both
    assert result.removed == 0  # both were decided on: the suggestions stay as the link
    with project.db.read() as session:
        states = sorted(s.state for s in visible_spans(session, doc, anna.annotator_id))
    assert states == [AnnotationState.ACCEPTED, AnnotationState.REJECTED]


def test_a_rejected_span_is_not_suggested_again(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    span = anna.add(doc, 4, 8, "ORG").span_ids[0]
    anna.relabel(span, "LOC")
    anna.reject(span)  # a human "LOC" at NATO, rejected
    result = store(project, doc, [SpanSuggestion(4, 8, "LOC", 0.8, "model", "de_test", "1")])
    assert (result.added, result.blocked) == (0, 1)
    with project.db.read() as session:
        assert len(visible_spans(session, doc, anna.annotator_id)) == 1


def test_a_suggestion_the_annotator_already_has_is_not_shown_twice(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    anna.add(doc, 4, 8, "ORG")
    ben = add_annotator(project, "ben")
    store(project, doc, [NATO])  # blocked: a human has it
    with project.db.read() as session:
        assert [s.state for s in visible_spans(session, doc, anna.annotator_id)] == [
            AnnotationState.ACCEPTED
        ]
        assert visible_spans(session, doc, ben) == []


def test_each_run_is_logged_and_only_new_skips_seen_documents(project):
    docs = add_documents(project, [GERMAN_TEXT, "Ein zweiter Text über Minsk."])
    store(project, docs[0], [NATO])
    with project.db.read() as session:
        assert documents_to_suggest(session, project.project_id, True, None) == [(docs[1], None)]
        assert len(documents_to_suggest(session, project.project_id, False, None)) == 2
        logged = session.scalar(select(func.count()).where(Event.action == "suggest.entities"))
    assert logged == 1


def test_a_suggested_label_follows_the_label_rule(project):
    """A model whose labels no label may have (made elsewhere, or crafted) adds none: a
    case variant is the project's label, and a name with a control character is dropped."""
    doc = add_documents(project, [GERMAN_TEXT])[0]
    lower = SpanSuggestion(4, 8, "org", 0.9, "model", "de_test", "1.0")
    hostile = SpanSuggestion(
        GERMAN_TEXT.index("Berlin"), GERMAN_TEXT.index("Berlin") + 6, "LOC\x1b[2J", 0.9,
        "model", "de_test", "1.0",
    )  # fmt: skip
    result = store(project, doc, [lower, hostile])
    assert (result.added, result.blocked) == (1, 1)
    assert [row[:3] for row in machine_rows(project)] == [(4, 8, "ORG")]
