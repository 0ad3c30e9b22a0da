"""The spans read again after a decision: unchanged ones are the objects read before (the
spans panel and the article's selections tell them apart by identity), changed ones new."""

from __future__ import annotations

import random

import pytest

from services.span_data import read_document_spans
from storage.editing import AnnotationError
from storage.entity_edits import EntityEditor
from tests.factories import GERMAN_TEXT, NATO, SCHOLZ, add_annotator, add_documents, suggest
from tests.memory_factories import add_memory_documents, model, place
from tests.memory_factories import suggest as memory_suggest


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


def read_fields(project, doc, annotator, since_last_read: bool) -> list[tuple]:  # type: ignore[no-untyped-def]
    with project.db.read() as session:
        spans = read_document_spans(
            session, project.project_id, doc, annotator, since_last_read=since_last_read
        ).spans
    return [
        (s.start, s.end, s.label.name, s.state, s.origin_kind, s.confidence, s.span_id)
        for s in spans
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reading_only_what_changed_equals_reading_everything(project, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Random decisions (the memory answering in the same document), undos and a foreign
    annotator's and a suggester's writes: after each, the rows the log says changed, read
    onto the last read, show what a full read shows."""
    rng = random.Random(seed)
    docs = add_memory_documents(project)
    doc = docs["a"]
    anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    ben = EntityEditor(project.db, project.project_id, add_annotator(project, "ben"))
    words = [place("a", "Pokrovsk"), place("a", "Pokrovsk", 1), place("a", "Russland")]
    # The second Pokrovsk is the memory's to suggest, with a confidence that follows the counts.
    memory_suggest(project, docs, "a", model(*words[0]), model(*words[2]))
    read_fields(project, doc, anna.annotator_id, False)
    first = read_fields(project, doc, anna.annotator_id, False)[0][6]
    done = [anna.accept(first).action_id]  # the memory suggests the second Pokrovsk
    assert read_fields(project, doc, anna.annotator_id, True)[2][4] == "memory"
    ben.accept(first)  # and is surer of it: its confidence changes in anna's view
    assert read_fields(project, doc, anna.annotator_id, True) == read_fields(
        project, doc, anna.annotator_id, False
    )
    for _ in range(40):
        shown = read_fields(project, doc, anna.annotator_id, False)
        open_ids = [s[6] for s in shown if s[3] == "suggested"]
        kind = rng.choice(["accept", "reject", "relabel", "add", "undo", "ben", "suggest"])
        try:
            if kind in ("accept", "reject", "relabel") and open_ids:
                span = rng.choice(open_ids)
                if kind == "relabel":
                    done.append(anna.relabel(span, rng.choice(["PER", "ORG"])).action_id)
                else:
                    done.append(getattr(anna, kind)(span).action_id)
            elif kind == "add":
                done.append(anna.add(doc, *rng.choice(words), "LOC").action_id)
            elif kind == "undo" and done:
                anna.undo(done.pop())
            elif kind == "ben" and open_ids:
                ben.accept(rng.choice(open_ids))
            elif kind == "suggest":
                memory_suggest(project, docs, "a", model(*rng.choice(words), label="ORG"))
        except AnnotationError:
            pass  # refused (an overlap, nothing to undo): nothing changed
        incremental = read_fields(project, doc, anna.annotator_id, True)
        assert incremental == read_fields(project, doc, anna.annotator_id, False), kind


def test_a_suggesters_run_reads_everything_again(project) -> None:  # type: ignore[no-untyped-def]
    """A run logs one event for the document, not one per row: the rows are all read."""
    docs = add_memory_documents(project)
    annotator = add_annotator(project, "anna")
    read_fields(project, docs["a"], annotator, False)
    memory_suggest(project, docs, "a", model(*place("a", "Russland")))
    fields = read_fields(project, docs["a"], annotator, True)
    assert [(f[0], f[1]) for f in fields] == [place("a", "Russland")]
