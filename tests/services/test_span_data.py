"""The spans read again after a decision: unchanged ones are the objects read before (the
spans panel and the article's selections tell them apart by identity), changed ones new."""

from __future__ import annotations

from services.span_data import read_document_spans
from storage.entity_edits import EntityEditor
from tests.factories import GERMAN_TEXT, NATO, SCHOLZ, add_annotator, add_documents, suggest


def read(project, doc, annotator):  # type: ignore[no-untyped-def]
    with project.db.read() as session:
        spans = read_document_spans(session, project.project_id, doc, annotator).spans
    return {(s.start, s.end): s for s in spans}


def test_a_decision_keeps_the_unchanged_spans_objects(project) -> None:  # type: ignore[no-untyped-def]
    doc = add_documents(project, [GERMAN_TEXT])[0]
    annotator = add_annotator(project, "anna")
    nato = suggest(project, doc, *NATO)
    suggest(project, doc, *SCHOLZ, label="PER")
    before = read(project, doc, annotator)

    EntityEditor(project.db, project.project_id, annotator).accept(nato)
    after = read(project, doc, annotator)

    assert after[SCHOLZ] is before[SCHOLZ]
    assert after[NATO] is not before[NATO]
    assert (after[NATO].state, before[NATO].state) == ("accepted", "suggested")
    assert after[NATO].span_id != before[NATO].span_id
