"""What a decision changes elsewhere through the project memory happens in the action, is
said (``take_effects``), and one undo takes all of it back: withdrawn suggestions with their
ids and values, made ones, and the counts; redo does it again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.entity_edits import EntityEditor
from storage.events import snapshot
from storage.models import EntityMemory, EntitySpan
from tests.factories import add_annotator
from tests.memory_factories import model, place, suggest


@pytest.fixture
def anna(project) -> EntityEditor:
    return EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))


def machine_rows(project) -> dict[int, dict]:
    """Every open machine row, as its snapshot (ids and values)."""
    with project.db.read() as session:
        rows = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.is_(None)))
        return {r.id: snapshot(r) for r in rows}


def counts(project) -> dict[tuple, tuple[int, int]]:
    with project.db.read() as session:
        return {
            (m.surface, m.label_id, m.document_id): (m.accepted, m.rejected)
            for m in session.scalars(select(EntityMemory))
        }


def voting(found: dict[tuple, tuple[int, int]]) -> dict[tuple, tuple[int, int]]:
    return {key: votes for key, votes in found.items() if votes != (0, 0)}


def test_one_undo_brings_back_every_withdrawn_suggestion(project, docs, anna):
    first, _ = suggest(
        project, docs, "a", model(*place("a", "Pokrovsk")), model(*place("a", "Pokrovsk", 1))
    )
    suggest(project, docs, "b", model(*place("b", "Pokrovsk")))
    suggest(project, docs, "c", model(*place("c", "Pokrovsks")))  # another form: stays
    before_rows, before_counts = machine_rows(project), counts(project)

    rejected = anna.reject(first)
    [effect] = anna.take_effects(rejected.action_id)
    assert (effect.surface, effect.label) == ("Pokrovsk", "LOC")
    assert (effect.withdrawn, effect.withdrawn_documents) == (2, 2)  # a's second, b's
    left = machine_rows(project)
    assert len(left) == len(before_rows) - 2 and first in left  # the rejected one is decided

    undone = anna.undo(rejected.action_id)
    assert machine_rows(project) == before_rows  # the same ids, the same values
    assert voting(counts(project)) == voting(before_counts) == {}
    [back] = anna.take_effects(undone.action_id)
    assert (back.added, back.added_documents, back.withdrawn) == (2, 2, 0)
    assert len(undone.span_ids) == 1  # the annotator's row, not the suggestions with it

    redone = anna.undo(undone.action_id)  # redo: withdrawn again
    assert machine_rows(project) == left
    assert anna.take_effects(redone.action_id)[0].withdrawn == 2
    anna.undo(redone.action_id)
    assert machine_rows(project) == before_rows


def test_one_undo_takes_back_a_spread_acceptance(project, docs, anna):
    [first] = suggest(project, docs, "a", model(*place("a", "Pokrovsk")))
    before_rows = machine_rows(project)

    accepted = anna.accept(first)
    [effect] = anna.take_effects(accepted.action_id)
    assert (effect.added, effect.added_documents, effect.withdrawn) == (3, 3, 0)
    spread = machine_rows(project)
    assert len(spread) == len(before_rows) + 3

    undone = anna.undo(accepted.action_id)
    assert machine_rows(project) == before_rows
    assert voting(counts(project)) == {}
    assert anna.take_effects(undone.action_id)[0].withdrawn == 3

    redone = anna.undo(undone.action_id)
    assert machine_rows(project) == spread  # the very rows again
    assert anna.take_effects(redone.action_id)[0].added == 3


def test_a_decision_that_changes_no_verdict_says_nothing(project, docs, anna):
    first, second = suggest(
        project, docs, "a", model(*place("a", "Pokrovsk")), model(*place("a", "Pokrovsk", 1))
    )
    anna.accept(first)
    again = anna.accept(second)  # suggested already: only confidences change
    assert anna.take_effects(again.action_id) == ()
