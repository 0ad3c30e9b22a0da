"""How each suggester's suggestions fared, memory among them, as the stats report says."""

from __future__ import annotations

from sqlalchemy import select

from storage.entity_edits import EntityEditor
from storage.memory.background_pass import propagate_memory
from storage.models import EntitySpan
from storage.project_counts import project_stats, suggestion_outcomes
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests import memory_factories as memory
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

BERLIN = GERMAN_TEXT.index("Berlin")
RUSSLAND = GERMAN_TEXT.index("Russland")
SCHOLZ = GERMAN_TEXT.index("Olaf")


def test_memory_suggestions_count_with_the_other_origins(project, docs):
    anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    [first] = memory.suggest(project, docs, "a", memory.model(*memory.place("a", "Pokrovsk")))
    anna.accept(first)
    anna.accept(memory.open_memory(project, docs["a"]))  # the memory's, accepted unchanged
    propagate_memory(project.db, project.project_id)
    anna.reject(memory.open_memory(project, docs["b"]))  # the memory's, rejected
    with project.db.read() as session:
        outcomes = project_stats(session, project.project_id, project.name).to_dict()[
            "suggestion_outcomes"
        ]
    by_origin = {row["origin"]: row for row in outcomes["by_origin"]}
    assert by_origin["memory"] == {
        "origin": "memory",
        "label": None,
        "suggested": 3,  # a's second mention, b, and c's "Pokrovsks" (2 to 1: no block)
        "accepted": 1,
        "edited": 0,
        "rejected": 1,
        "open": 1,
        "acceptance_rate": 0.5,
    }
    assert by_origin["model"]["accepted"] == 1 and by_origin["model"]["acceptance_rate"] == 1.0
    assert [(r["origin"], r["label"]) for r in outcomes["by_origin_label"]] == [
        ("memory", "LOC"),
        ("model", "LOC"),
    ]


def test_every_kind_of_decision_is_counted_per_origin_and_label(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    suggestions = [
        SpanSuggestion(4, 8, "ORG", 0.9, "model", "de_test", "1.0"),
        SpanSuggestion(BERLIN, BERLIN + 6, "LOC", 0.8, "model", "de_test", "1.0"),
        SpanSuggestion(RUSSLAND, RUSSLAND + 8, "LOC", 0.7, "model", "de_test", "1.0"),
        SpanSuggestion(SCHOLZ, SCHOLZ + 11, "PER", None, "pattern", "people.jsonl", "x"),
    ]
    store_entity_suggestions(project.db, project.project_id, doc, suggestions, ["de_test"])
    anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    ben = EntityEditor(project.db, project.project_id, add_annotator(project, "ben"))
    with project.db.read() as session:
        ids = {row.start_offset: row.id for row in session.scalars(select(EntitySpan))}
    anna.accept(ids[4])  # NATO, as it was
    ben.relabel(ids[4], "LOC")  # the same suggestion, edited by another annotator
    anna.resize(ids[BERLIN], BERLIN, BERLIN + 5)  # edited
    anna.reject(ids[SCHOLZ])
    with project.db.read() as session:
        rows = {(r.origin, r.label): r for r in suggestion_outcomes(session, project.project_id)}
    assert [
        (k, r.suggested, r.accepted, r.edited, r.rejected, r.open) for k, r in rows.items()
    ] == [
        (("model", "LOC"), 2, 0, 1, 0, 1),  # Russland nobody decided on
        (("model", "ORG"), 1, 1, 1, 0, 0),
        (("pattern", "PER"), 1, 0, 0, 1, 0),
    ]
    assert rows[("model", "ORG")].acceptance_rate == 0.5
    assert rows[("model", "LOC")].acceptance_rate == 0.0
    assert rows[("pattern", "PER")].acceptance_rate == 0.0
