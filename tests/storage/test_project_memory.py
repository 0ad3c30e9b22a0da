"""The project memory: one decision becomes suggestions everywhere, and a rejection blocks."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from storage.document_edits import DocumentEditor
from storage.entity_edits import EntityEditor, visible_spans
from storage.events import snapshot
from storage.importing.records import ImportedRecord
from storage.importing.service import Importer
from storage.memory.background_pass import WATERMARK, pending_memory, propagate_memory
from storage.memory.learning import MemoryStats, explain, rebuild_memory
from storage.memory.matching import SurfaceMatcher
from storage.models import AnnotationState, EntityMemory, EntitySpan, OriginKind, Project
from storage.suggestions import store_many_suggestions
from tests.factories import add_annotator
from tests.memory_factories import MEMORY_TEXTS, model, open_memory, place, suggest


@pytest.fixture
def anna(project) -> EntityEditor:
    return EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))


def memory_rows(project, docs, key: str) -> list[tuple[str, str, float, str]]:
    """The document's open memory suggestions: (text, label, confidence, explanation)."""
    text = MEMORY_TEXTS[key][1]
    with project.db.read() as session:
        rows = session.scalars(
            select(EntitySpan)
            .where(
                EntitySpan.document_id == docs[key],
                EntitySpan.origin_kind == OriginKind.MEMORY,
                EntitySpan.annotator_id.is_(None),
            )
            .order_by(EntitySpan.start_offset)
        )
        return [
            (text[r.start_offset : r.end_offset], r.label.name, r.confidence, r.origin_detail)
            for r in rows
        ]


def machine_texts(project, docs, key: str) -> list[tuple[str, str]]:
    text = MEMORY_TEXTS[key][1]
    with project.db.read() as session:
        rows = session.scalars(
            select(EntitySpan).where(
                EntitySpan.document_id == docs[key], EntitySpan.annotator_id.is_(None)
            )
        )
        return sorted((text[r.start_offset : r.end_offset], r.label.name) for r in rows)


def counts(project) -> dict[tuple[str, int, int], tuple[int, int]]:
    with project.db.read() as session:
        return {
            (m.surface, m.label_id, m.document_id): (m.accepted, m.rejected)
            for m in session.scalars(select(EntityMemory))
            if m.accepted or m.rejected
        }


def test_an_accepted_name_is_suggested_in_every_document_that_has_it(project, docs, anna):
    [nato] = suggest(project, docs, "a", model(*place("a", "Pokrovsk")))
    accepted = anna.accept(nato)
    # Every document at once, in the editor's own transaction: the name is suggested now.
    assert memory_rows(project, docs, "a") == [
        ("Pokrovsk", "LOC", pytest.approx(2 / 3), "accepted 1 time in 1 document")
    ]
    [effect] = anna.take_effects(accepted.action_id)
    assert (effect.surface, effect.label, effect.added, effect.added_documents) == (
        "Pokrovsk",
        "LOC",
        3,
        3,
    )
    assert pending_memory(project.db, project.project_id) == 1
    report = propagate_memory(project.db, project.project_id)
    assert (report.surfaces, report.added, report.cancelled) == (1, 0, False)
    assert pending_memory(project.db, project.project_id) == 0
    assert memory_rows(project, docs, "b") == [
        ("Pokrovsk", "LOC", pytest.approx(2 / 3), "accepted 1 time in 1 document")
    ]
    # The German genitive, as a whole token and a little less certain.
    assert memory_rows(project, docs, "c") == [
        ("Pokrovsks", "LOC", pytest.approx(0.9 * 2 / 3), "accepted 1 time in 1 document")
    ]
    for key in "defg":  # a compound, lower case, nothing, an English "s"
        assert memory_rows(project, docs, key) == [], key
    # Every other annotator sees them as suggestions too.
    ben = add_annotator(project, "ben")
    with project.db.read() as session:
        shown = visible_spans(session, docs["b"], ben)
        assert [(s.origin_kind, s.state) for s in shown] == [
            (OriginKind.MEMORY, AnnotationState.SUGGESTED)
        ]
    # A second pass finds nothing to do, and changes nothing.
    again = propagate_memory(project.db, project.project_id)
    assert (again.documents, again.added, again.removed) == (0, 0, 0)


def test_a_model_agreeing_with_the_memory_leaves_its_suggestion_as_it_is(project, docs, anna):
    [first] = suggest(project, docs, "a", model(*place("a", "Pokrovsk")))
    anna.accept(first)
    propagate_memory(project.db, project.project_id)
    before = memory_rows(project, docs, "b")
    assert before == [("Pokrovsk", "LOC", pytest.approx(2 / 3), "accepted 1 time in 1 document")]
    # The model now suggests the same span with the same label in b: one row, still the
    # memory's, with what the annotators taught (not the model's 0.7 and no explanation).
    suggest(project, docs, "b", model(*place("b", "Pokrovsk")))
    assert memory_rows(project, docs, "b") == before
    with project.db.read() as session:
        rows = session.scalars(select(EntitySpan).where(EntitySpan.document_id == docs["b"]))
        assert [r.origin_kind for r in rows] == [OriginKind.MEMORY]


def test_confidence_and_explanation_follow_the_counts(project, docs, anna):
    anna.add(docs["a"], *place("a", "Pokrovsk"), "LOC")
    anna.accept(open_memory(project, docs["a"]))  # the second mention, the memory's own
    propagate_memory(project.db, project.project_id)
    anna.accept(open_memory(project, docs["b"]))
    propagate_memory(project.db, project.project_id)
    assert memory_rows(project, docs, "c") == [
        ("Pokrovsks", "LOC", pytest.approx(0.9 * 4 / 5), "accepted 3 times in 2 documents")
    ]
    anna.reject(open_memory(project, docs["c"]))  # blocks this form only
    ben = EntityEditor(project.db, project.project_id, add_annotator(project, "ben"))
    ben.reject(open_memory(project, docs["a"])[0])  # ben disagrees once
    text = "Pokrovsk und Pokrovsks, neu importiert."
    record = ImportedRecord(text=text, source="h.txt", location="h.txt", language="de")
    [new] = Importer(project.db, project.project_id).import_items([record]).document_ids
    propagate_memory(project.db, project.project_id)
    with project.db.read() as session:
        shown = visible_spans(session, new, ben.annotator_id)
        assert [
            (text[s.start_offset : s.end_offset], s.confidence, s.origin_detail) for s in shown
        ] == [
            (
                "Pokrovsk",
                pytest.approx(4 / 6),
                "accepted 3 times in 2 documents, rejected 1 time",
            )
        ]
    assert explain(1, 0, 1) == "accepted 1 time in 1 document"
    assert explain(7, 2, 5) == "accepted 7 times in 5 documents, rejected 2 times"


def test_a_rejection_withdraws_the_name_everywhere_and_keeps_it_out(project, docs, anna):
    first, second = suggest(
        project, docs, "a", model(*place("a", "Pokrovsk")), model(*place("a", "Pokrovsk", 1))
    )
    [in_b] = suggest(project, docs, "b", model(*place("b", "Pokrovsk")))
    ben = EntityEditor(project.db, project.project_id, add_annotator(project, "ben"))
    rejected = anna.reject(first)
    # Everywhere at once: the other mention's suggestion is gone, and b's.
    assert machine_texts(project, docs, "a") == [("Pokrovsk", "LOC")]  # the one rejected
    assert machine_texts(project, docs, "b") == []
    [effect] = anna.take_effects(rejected.action_id)
    assert (effect.withdrawn, effect.withdrawn_documents, effect.added) == (2, 2, 0)
    assert propagate_memory(project.db, project.project_id).removed == 0
    # The model's next run stores it nowhere again, and says so.
    runs = [
        (docs["a"], [model(*place("a", "Pokrovsk", 1))]),
        (docs["b"], [model(*place("b", "Pokrovsk"))]),
    ]
    results = store_many_suggestions(project.db, project.project_id, runs, ["de_test"])
    assert [(r.added, r.blocked) for r in results] == [(0, 1), (0, 1)]
    assert machine_texts(project, docs, "b") == []
    assert memory_rows(project, docs, "c") == []
    with pytest.raises(Exception, match="no span"):
        ben.accept(in_b)  # withdrawn, as nobody had decided on it
    del second


@pytest.mark.parametrize(
    ("accepted", "rejected", "suggests", "blocked"),
    [(0, 0, False, False), (2, 1, True, False), (1, 1, False, True), (0, 1, False, True)],
)
def test_a_tie_blocks(accepted, rejected, suggests, blocked):
    stats = MemoryStats(accepted, rejected, documents=accepted)
    assert (stats.suggests, stats.blocked) == (suggests, blocked)


def test_undo_takes_the_learning_back(project, docs, anna):
    added = anna.add(docs["a"], *place("a", "Pokrovsk"), "LOC")
    propagate_memory(project.db, project.project_id)
    assert memory_rows(project, docs, "b") and memory_rows(project, docs, "a")
    anna.undo(added.action_id)
    assert memory_rows(project, docs, "a") == []  # the shown document at once
    assert counts(project) == {}
    propagate_memory(project.db, project.project_id)
    for key in MEMORY_TEXTS:
        assert memory_rows(project, docs, key) == [], key


def test_redo_survives_a_withdrawn_suggestion(project, docs, anna):
    added = anna.add(docs["a"], *place("a", "Pokrovsk"), "LOC")
    accepted = anna.accept(open_memory(project, docs["a"]))
    undone_accept = anna.undo(accepted.action_id)
    undone_add = anna.undo(added.action_id)  # the memory withdraws its suggestion
    assert open_memory(project, docs["a"]) == []
    anna.undo(undone_add.action_id)
    anna.undo(undone_accept.action_id)  # its suggestion is gone: it comes back as her own
    with project.db.read() as session:
        mine = visible_spans(session, docs["a"], anna.annotator_id)
        assert [(s.state, s.annotator_id) for s in mine] == [
            (AnnotationState.ACCEPTED, anna.annotator_id)
        ] * 2
    assert sum(a for a, _ in counts(project).values()) == 2


def test_decisions_are_never_modified(project, docs, anna):
    ben = EntityEditor(project.db, project.project_id, add_annotator(project, "ben"))
    ids = suggest(
        project,
        docs,
        "a",
        model(*place("a", "Pokrovsk")),
        model(*place("a", "Pokrovsk", 1)),
        model(*place("a", "Russland"), "ORG"),
    )
    [in_b] = suggest(project, docs, "b", model(*place("b", "Pokrovsk")))
    ben.add(docs["c"], *place("c", "Pokrovsks"), "PER")  # before the memory suggests it
    ben.accept(in_b)
    ben.reject(ids[2])
    with project.db.read() as session:
        before = _decided(session)
    accepted = anna.accept(ids[0])
    propagate_memory(project.db, project.project_id)
    anna.undo(accepted.action_id)
    anna.reject(ids[:2])  # two to ben's one: blocked, everywhere
    propagate_memory(project.db, project.project_id)
    assert machine_texts(project, docs, "c") == []  # ben's own span covers it
    with project.db.read() as session:
        after = _decided(session)
    assert {k: v for k, v in after.items() if k in before} == before
    assert len(before) == 5  # ben's three rows and the two suggestions he decided on


def _decided(session) -> dict[int, dict]:
    """Every annotator row and every suggestion somebody decided on, with timestamps."""
    rows = list(session.scalars(select(EntitySpan)))
    decided = {r.suggestion_id for r in rows if r.annotator_id is not None}
    return {
        r.id: {**snapshot(r), "updated_at": r.updated_at}
        for r in rows
        if r.annotator_id is not None or r.id in decided
    }


def test_counts_kept_on_the_way_equal_a_rebuild(project, docs, anna):
    rng = random.Random(4)
    ben = EntityEditor(project.db, project.project_id, add_annotator(project, "ben"))
    resetter = DocumentEditor(project.db, project.project_id, anna.annotator_id)
    for key in MEMORY_TEXTS:
        text = MEMORY_TEXTS[key][1]
        spans = [model(w.start(), w.end()) for w in __import__("re").finditer(r"\w+", text)]
        suggest(project, docs, key, *spans[::2])
    actions = []
    for turn in range(80):
        if turn == 40:  # the document actions' undo goes its own way
            reset = resetter.reset(docs["a"])
            if reset.span_ids:  # an empty reset logs nothing to undo
                resetter.undo(reset.action_id)
        editor = rng.choice([anna, ben])
        key = rng.choice(list(MEMORY_TEXTS))
        with project.db.read() as session:
            shown = visible_spans(session, docs[key], editor.annotator_id)
        step = rng.choice(["accept", "reject", "relabel", "resize", "delete", "add", "undo"])
        try:
            if step == "undo" and actions:
                undoer, action_id = rng.choice(actions)  # not only the newest
                actions.append((undoer, undoer.undo(action_id).action_id))
                continue
            if step == "add":
                start = rng.randrange(len(MEMORY_TEXTS[key][1]) - 5)
                result = editor.add(docs[key], start, start + rng.randint(1, 5), "PER")
            elif not shown:
                continue
            else:
                span = rng.choice(shown)
                if step == "relabel":
                    result = editor.relabel(span.id, rng.choice(["ORG", "PER", "LOC"]))
                elif step == "resize":
                    result = editor.resize(span.id, span.start_offset, span.end_offset - 1)
                else:
                    result = getattr(editor, step)(span.id)
        except Exception as exc:  # refused actions (overlaps, empty spans) change nothing
            assert type(exc).__name__ == "AnnotationError", exc
            continue
        actions.append((editor, result.action_id))
    resetter.reset(docs["a"])
    kept = counts(project)
    assert sum(a + r for a, r in kept.values()) > 10  # the sequence did decide things
    assert rebuild_memory(project.db, project.project_id) == 0
    assert counts(project) == kept


def test_documents_stored_later_are_checked_by_the_next_pass(project, docs, anna):
    anna.add(docs["a"], *place("a", "Pokrovsk"), "LOC")
    propagate_memory(project.db, project.project_id)
    text = "Neu: Pokrovsk."
    record = ImportedRecord(text=text, source="new.txt", location="new.txt", language="de")
    [new] = Importer(project.db, project.project_id).import_items([record]).document_ids
    assert pending_memory(project.db, project.project_id) == 0  # no name changed
    report = propagate_memory(project.db, project.project_id)
    assert (report.new_documents, report.changed_documents) == (1, [new])
    assert propagate_memory(project.db, project.project_id).documents == 0


def test_a_cancelled_pass_keeps_the_watermark_and_resumes(project, docs, anna):
    anna.add(docs["a"], *place("a", "Pokrovsk"), "LOC")
    report = propagate_memory(project.db, project.project_id, should_cancel=lambda: True)
    assert report.cancelled and report.documents == 0
    calls = iter([False, True])
    steps: list[tuple[int, int]] = []
    report = propagate_memory(
        project.db,
        project.project_id,
        progress=lambda done, total: steps.append((done, total)),
        should_cancel=lambda: next(calls),
        batch=1,
    )
    assert report.cancelled and report.documents == 1 and steps[0][0] == 1
    with project.db.read() as session:
        assert WATERMARK not in session.get(Project, project.project_id).settings
    assert pending_memory(project.db, project.project_id) == 1
    report = propagate_memory(project.db, project.project_id, batch=2)
    assert not report.cancelled and report.added == 0  # the editor did b and c already
    assert pending_memory(project.db, project.project_id) == 0
    with project.db.read() as session:
        assert session.get(Project, project.project_id).settings[WATERMARK]


SAMPLE = (
    "Nordkoreas Raketen, die Nordkorea-Krise und Nordkorea selbst; Olaf Scholz und "
    "Olaf  Scholz; Russlands Rolle, Russland, RusslandX, -Russland, U.S. and (AfD) und "
    "Pokrovsken, Berlin_Mitte, Berlin."
)


@pytest.mark.parametrize("inflect", [True, False])
def test_scanning_words_finds_what_searching_finds(inflect):
    names = ["Nordkorea", "Olaf Scholz", "Russland", "U.S.", "(AfD)", "Pokrovsk", "Berlin"]
    filler = [f"Name{i}" for i in range(40)]  # past SMALL_SCOPE: the word scan
    few = SurfaceMatcher(names).find(SAMPLE, inflect)
    many = [m for m in SurfaceMatcher(names + filler).find(SAMPLE, inflect)]
    assert few == many
    found = [SAMPLE[m.start : m.end] for m in few]
    if inflect:
        assert found == [
            "Nordkoreas",
            "Nordkorea",
            "Olaf Scholz",
            "Russlands",
            "Russland",
            "U.S.",
            "(AfD)",
            "Pokrovsken",
            "Berlin",
        ]
    else:
        assert found == ["Nordkorea", "Olaf Scholz", "Russland", "U.S.", "(AfD)", "Berlin"]
