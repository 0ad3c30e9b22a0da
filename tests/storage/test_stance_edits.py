"""Stance actions: one committed, logged, undoable transaction each; suggestions untouched."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from services.stance_data import visible_stance
from storage.editing import AnnotationError
from storage.importing.service import text_hash
from storage.label_schema import add_default_schema
from storage.models import (
    AnnotationState,
    Document,
    Event,
    OriginKind,
    Project,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.stance.edits import STANCE, StanceEditor, open_suggestions
from storage.stance.store import (
    SentenceStance,
    accepted_sentence_labels,
    add_target,
    store_stance_suggestions,
)
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

FIRST = (0, GERMAN_TEXT.index(".") + 1)  # "Die NATO hat sich besorgt geäußert."
SECOND = (FIRST[1] + 1, len(GERMAN_TEXT))  # "Russland verurteilte ..."
ORIGIN = "stance-lexicon-de"


@pytest.fixture
def doc(project):
    add_target(project.db, project.project_id, "NATO")
    add_target(project.db, project.project_id, "Russland")
    return add_documents(project, [GERMAN_TEXT])[0]


@pytest.fixture
def anna(project):
    return StanceEditor(project.db, project.project_id, add_annotator(project, "anna"))


@pytest.fixture
def ben(project):
    return StanceEditor(project.db, project.project_id, add_annotator(project, "ben"))


def suggest(project, doc, place=FIRST, target="NATO", label="AGAINST", index=0) -> int:
    """A machine sentence suggestion, as a stance suggester stores it."""
    with project.db.write() as session:
        row = StanceAnnotation(
            document_id=doc,
            doc_length=len(GERMAN_TEXT),
            start_offset=place[0],
            end_offset=place[1],
            scope=StanceScope.SENTENCE,
            sentence_index=index,
            target_id=_id(session, StanceTarget, target),
            label_id=_id(session, StanceLabel, label),
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.PATTERN,
            origin_name=ORIGIN,
            origin_version="de-1",
            confidence=0.7,
            explanation="cues: besorgt (−1)",
        )
        session.add(row)
        session.flush()
        return row.id


def _id(session, model, name):
    return session.scalar(select(model.id).where(model.name == name))


def view(project, doc, editor):
    """What the annotator sees, as the GUI reads it: (place, target, label, state)."""
    with project.db.read() as session:
        return [
            ((r.start_offset, r.end_offset), r.target.name, r.label.name, r.state.value)
            for r in visible_stance(session, doc, editor.annotator_id)
        ]


def row(project, stance_id) -> StanceAnnotation | None:
    with project.db.read() as session:
        return session.get(StanceAnnotation, stance_id)


def dump(project, table):
    """Every row of ``table`` without its timestamps (which a re-created row cannot keep)."""
    with project.db.read() as session:
        result = session.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        keep = [i for i, c in enumerate(result.keys()) if c not in ("created_at", "updated_at")]
        return [tuple(r[i] for i in keep) for r in result]


def stance_events(project):
    """(action, annotator, before state and label, after state and label) of stance events."""
    with project.db.read() as session:
        events = session.scalars(
            select(Event).where(Event.object_type == STANCE).order_by(Event.id)
        )
        return [
            (e.action, e.annotator_id, _state(e.before), _state(e.after), e.action_id)
            for e in events
        ]


def _state(values):
    return values and (values["state"], values["label"])


def test_accepting_a_suggestion_writes_an_own_row_and_leaves_it_open_for_others(
    project, doc, anna, ben
):
    suggestion = suggest(project, doc)
    untouched = dump(project, "stance_annotations")
    result = anna.accept(suggestion)
    (own_id,) = result.span_ids
    assert own_id != suggestion
    own = row(project, own_id)
    assert (own.suggestion_id, own.annotator_id, own.state) == (
        suggestion,
        anna.annotator_id,
        AnnotationState.ACCEPTED,
    )
    assert (own.origin_name, own.confidence, own.explanation, own.sentence_index) == (
        ORIGIN,
        0.7,
        "cues: besorgt (−1)",
        0,
    )
    assert dump(project, "stance_annotations")[0] == untouched[0]
    assert view(project, doc, anna) == [(FIRST, "NATO", "AGAINST", "accepted")]
    assert view(project, doc, ben) == [(FIRST, "NATO", "AGAINST", "suggested")]
    assert [e[:4] for e in stance_events(project)] == [
        ("stance.accept", anna.annotator_id, None, ("accepted", "AGAINST"))
    ]


def test_a_rejection_is_kept_and_the_suggestion_stays_for_others(project, doc, anna, ben):
    suggestion = suggest(project, doc)
    (own_id,) = anna.reject([suggestion]).span_ids
    assert row(project, own_id).suggestion_id == suggestion
    assert row(project, suggestion).state == AnnotationState.SUGGESTED
    assert view(project, doc, anna) == [(FIRST, "NATO", "AGAINST", "rejected")]
    assert view(project, doc, ben) == [(FIRST, "NATO", "AGAINST", "suggested")]
    assert [e[0] for e in stance_events(project)] == ["stance.reject"]
    # Deciding again on the suggestion changes the same own row, not a second one.
    assert anna.accept(suggestion).span_ids == [own_id]
    assert view(project, doc, anna) == [(FIRST, "NATO", "AGAINST", "accepted")]


def test_relabelling_a_suggestion_marks_the_own_copy_edited(project, doc, anna, ben):
    suggestion = suggest(project, doc)
    (own_id,) = anna.relabel(suggestion, "NEUTRAL").span_ids
    assert row(project, own_id).suggestion_id == suggestion
    assert view(project, doc, anna) == [(FIRST, "NATO", "NEUTRAL", "edited")]
    assert view(project, doc, ben) == [(FIRST, "NATO", "AGAINST", "suggested")]
    anna.accept(own_id)  # accepting an edit keeps the record that it was edited
    assert view(project, doc, anna) == [(FIRST, "NATO", "NEUTRAL", "edited")]
    # Back to what the machine said: no longer an edit.
    assert anna.relabel(own_id, "AGAINST").span_ids == [own_id]
    assert view(project, doc, anna) == [(FIRST, "NATO", "AGAINST", "accepted")]
    assert [e[:4] for e in stance_events(project)] == [
        ("stance.relabel", anna.annotator_id, None, ("edited", "NEUTRAL")),
        ("stance.accept", anna.annotator_id, ("edited", "NEUTRAL"), ("edited", "NEUTRAL")),
        ("stance.relabel", anna.annotator_id, ("edited", "NEUTRAL"), ("accepted", "AGAINST")),
    ]


def test_relabelling_a_manual_row_keeps_it_accepted(project, doc, anna):
    (own_id,) = anna.set_sentence(doc, *FIRST, 0, "NATO", "FAVOR").span_ids
    anna.relabel(own_id, "AGAINST")
    assert view(project, doc, anna) == [(FIRST, "NATO", "AGAINST", "accepted")]


def test_set_sentence_without_a_row_adds_a_manual_one(project, doc, anna):
    (own_id,) = anna.set_sentence(doc, *SECOND, 1, "Russland", "AGAINST").span_ids
    own = row(project, own_id)
    assert (own.origin_kind, own.state, own.scope, own.sentence_index, own.suggestion_id) == (
        OriginKind.MANUAL,
        AnnotationState.ACCEPTED,
        StanceScope.SENTENCE,
        1,
        None,
    )
    assert view(project, doc, anna) == [(SECOND, "Russland", "AGAINST", "accepted")]
    assert [e[:4] for e in stance_events(project)] == [
        ("stance.set", anna.annotator_id, None, ("accepted", "AGAINST"))
    ]


@pytest.mark.parametrize(("label", "state"), [("FAVOR", "edited"), ("AGAINST", "accepted")])
def test_set_sentence_on_a_suggestion_makes_the_own_copy(project, doc, anna, ben, label, state):
    suggestion = suggest(project, doc)
    (own_id,) = anna.set_sentence(doc, *FIRST, 0, "NATO", label).span_ids
    assert row(project, own_id).suggestion_id == suggestion
    assert row(project, suggestion).label.name == "AGAINST"
    assert view(project, doc, anna) == [(FIRST, "NATO", label, state)]
    assert view(project, doc, ben) == [(FIRST, "NATO", "AGAINST", "suggested")]
    assert [e[:4] for e in stance_events(project)] == [
        ("stance.set", anna.annotator_id, None, (state, label))
    ]


def test_set_sentence_on_an_own_row_relabels_it(project, doc, anna):
    (own_id,) = anna.set_sentence(doc, *FIRST, 0, "NATO", "FAVOR").span_ids
    assert anna.set_sentence(doc, *FIRST, 0, "NATO", "NEUTRAL").span_ids == [own_id]
    # The other target of the same sentence is a row of its own.
    other = anna.set_sentence(doc, *FIRST, 0, "Russland", "FAVOR").span_ids
    assert other != [own_id]
    assert view(project, doc, anna) == [
        (FIRST, "NATO", "NEUTRAL", "accepted"),
        (FIRST, "Russland", "FAVOR", "accepted"),
    ]
    assert [e[2:4] for e in stance_events(project)] == [
        (None, ("accepted", "FAVOR")),
        (("accepted", "FAVOR"), ("accepted", "NEUTRAL")),
        (None, ("accepted", "FAVOR")),
    ]


def test_clearing_a_manual_row_deletes_it(project, doc, anna):
    (own_id,) = anna.set_sentence(doc, *FIRST, 0, "NATO", "FAVOR").span_ids
    assert anna.clear(own_id).span_ids == [own_id]
    assert row(project, own_id) is None
    assert view(project, doc, anna) == []
    assert [e[:4] for e in stance_events(project)][-1] == (
        "stance.clear",
        anna.annotator_id,
        ("accepted", "FAVOR"),
        None,
    )


@pytest.mark.parametrize("clear_own_copy", [False, True])
def test_clearing_a_suggested_label_rejects_it_so_it_is_not_suggested_again(
    project, doc, anna, ben, clear_own_copy
):
    suggestion = suggest(project, doc)
    target = anna.accept(suggestion).span_ids[0] if clear_own_copy else suggestion
    (own_id,) = anna.clear(target).span_ids
    assert row(project, own_id).suggestion_id == suggestion
    assert row(project, suggestion) is not None
    assert view(project, doc, anna) == [(FIRST, "NATO", "AGAINST", "rejected")]
    assert view(project, doc, ben) == [(FIRST, "NATO", "AGAINST", "suggested")]
    assert stance_events(project)[-1][:4] == (
        "stance.clear",
        anna.annotator_id,
        ("accepted", "AGAINST") if clear_own_copy else None,
        ("rejected", "AGAINST"),
    )
    again = SentenceStance(0, *FIRST, "NATO", "FAVOR", 0.9, "", "pattern", "other", "1")
    assert store_stance_suggestions(project.db, project.project_id, [(doc, [again])], [])[0] == 0


def test_accept_all_accepts_only_the_open_suggestions_in_one_action(project, doc, anna, ben):
    first = suggest(project, doc)
    second = suggest(project, doc, SECOND, "Russland", "FAVOR", 1)
    rejected = suggest(project, doc, SECOND, "NATO", "NEUTRAL", 1)
    anna.reject(rejected)
    anna.set_sentence(doc, *FIRST, 0, "Russland", "FAVOR")
    hidden = suggest(project, doc, FIRST, "Russland", "NEUTRAL")  # anna's own label hides it
    with project.db.read() as session:
        shown = {r.id for r in visible_stance(session, doc, anna.annotator_id)}
        open_ids = [r.id for r in open_suggestions(session, doc, anna.annotator_id)]
    assert open_ids == [first, second] and set(open_ids) <= shown and hidden not in shown
    result = anna.accept_all(doc)
    assert [row(project, i).suggestion_id for i in result.span_ids] == [first, second]
    assert sorted(view(project, doc, anna)) == [
        (FIRST, "NATO", "AGAINST", "accepted"),
        (FIRST, "Russland", "FAVOR", "accepted"),
        (SECOND, "NATO", "NEUTRAL", "rejected"),
        (SECOND, "Russland", "FAVOR", "accepted"),
    ]
    logged = [e for e in stance_events(project) if e[0] == "stance.accept_all"]
    assert {e[4] for e in logged} == {result.action_id} and len(logged) == 2
    assert {e[1] for e in logged} == {anna.annotator_id}
    assert [s for *_, s in view(project, doc, ben)] == ["suggested"] * 4
    assert anna.accept_all(doc).span_ids == []


def test_document_stance_is_set_changed_and_deleted(project, doc, anna, ben):
    (own_id,) = anna.set_document_stance(doc, "NATO", "FAVOR").span_ids
    own = row(project, own_id)
    assert (own.scope, own.start_offset, own.end_offset, own.sentence_index) == (
        StanceScope.DOCUMENT,
        0,
        len(GERMAN_TEXT),
        None,
    )
    assert (own.origin_kind, own.state) == (OriginKind.MANUAL, AnnotationState.ACCEPTED)
    assert anna.document_stance(doc) == {"NATO": "FAVOR"}
    assert anna.set_document_stance(doc, "NATO", "AGAINST").span_ids == [own_id]
    anna.set_document_stance(doc, "Russland", "NEUTRAL")
    assert anna.document_stance(doc) == {"NATO": "AGAINST", "Russland": "NEUTRAL"}
    assert ben.document_stance(doc) == {}
    assert view(project, doc, anna) == []  # not a sentence label
    assert anna.set_document_stance(doc, "NATO", None).span_ids == [own_id]
    assert row(project, own_id) is None
    assert anna.document_stance(doc) == {"Russland": "NEUTRAL"}
    events = dump(project, "events")
    assert anna.set_document_stance(doc, "NATO", None).span_ids == []
    assert dump(project, "events") == events
    assert [e[:4] for e in stance_events(project)] == [
        ("stance.document", anna.annotator_id, None, ("accepted", "FAVOR")),
        ("stance.document", anna.annotator_id, ("accepted", "FAVOR"), ("accepted", "AGAINST")),
        ("stance.document", anna.annotator_id, None, ("accepted", "NEUTRAL")),
        ("stance.document", anna.annotator_id, ("accepted", "AGAINST"), None),
    ]


def test_undo_and_redo_restore_the_exact_rows(project, doc, anna):
    suggest(project, doc)
    initial = dump(project, "stance_annotations")
    accepted = anna.accept_all(doc)
    after_accept = dump(project, "stance_annotations")
    relabelled = anna.relabel(accepted.span_ids[0], "FAVOR")
    after_relabel = dump(project, "stance_annotations")

    undo_relabel = anna.undo(relabelled.action_id)
    assert undo_relabel.span_ids == accepted.span_ids
    assert dump(project, "stance_annotations") == after_accept
    undo_accept = anna.undo(accepted.action_id)
    assert dump(project, "stance_annotations") == initial
    anna.undo(undo_accept.action_id)  # redo is the undo of an undo
    assert dump(project, "stance_annotations") == after_accept
    anna.undo(undo_relabel.action_id)
    assert dump(project, "stance_annotations") == after_relabel
    assert [e[:4] for e in stance_events(project)][2:] == [
        ("undo:stance.relabel", anna.annotator_id, ("edited", "FAVOR"), ("accepted", "AGAINST")),
        ("undo:stance.accept_all", anna.annotator_id, ("accepted", "AGAINST"), None),
        ("undo:undo:stance.accept_all", anna.annotator_id, None, ("accepted", "AGAINST")),
        (
            "undo:undo:stance.relabel",
            anna.annotator_id,
            ("accepted", "AGAINST"),
            ("edited", "FAVOR"),
        ),
    ]


@pytest.mark.parametrize("action", ["clear", "document"])
def test_undo_brings_a_deleted_row_back(project, doc, anna, action):
    if action == "clear":
        (own_id,) = anna.set_sentence(doc, *FIRST, 0, "NATO", "FAVOR").span_ids
        before = dump(project, "stance_annotations")
        deleted = anna.clear(own_id)
    else:
        (own_id,) = anna.set_document_stance(doc, "NATO", "FAVOR").span_ids
        before = dump(project, "stance_annotations")
        deleted = anna.set_document_stance(doc, "NATO", None)
    assert dump(project, "stance_annotations") == []
    assert anna.undo(deleted.action_id).span_ids == [own_id]
    assert dump(project, "stance_annotations") == before


def test_accepted_and_edited_sentence_labels_are_what_the_classifier_learns(
    project, doc, anna, ben
):
    accepted = suggest(project, doc)
    edited = suggest(project, doc, SECOND, "Russland", "FAVOR", 1)
    rejected = suggest(project, doc, SECOND, "NATO", "NEUTRAL", 1)
    anna.accept(accepted)
    anna.relabel(edited, "AGAINST")
    anna.reject(rejected)
    anna.set_sentence(doc, *FIRST, 0, "Russland", "NEUTRAL")
    cleared = anna.set_sentence(doc, *SECOND, 1, "NATO", "FAVOR")  # relabels the rejection
    anna.clear(cleared.span_ids[0])  # rejected again
    anna.set_document_stance(doc, "NATO", "FAVOR")
    labels = accepted_sentence_labels(project.db, project.project_id)
    assert [(x.start, x.end, x.target, x.label) for x in labels] == [
        (*FIRST, "NATO", "AGAINST"),
        (*FIRST, "Russland", "NEUTRAL"),
        (*SECOND, "Russland", "AGAINST"),
    ]


@pytest.fixture
def other_project(project):
    """A second project in the same database, with a document and a stance row of its own."""
    with project.db.write() as session:
        other = Project(name="other", settings={})
        add_default_schema(other)
        session.add(other)
        session.flush()
        document = Document(
            project_id=other.id,
            sha256=text_hash(GERMAN_TEXT),
            text=GERMAN_TEXT,
            text_length=len(GERMAN_TEXT),
        )
        target = StanceTarget(project_id=other.id, name="NATO")
        session.add_all([document, target])
        session.flush()
        stance = StanceAnnotation(
            document_id=document.id,
            doc_length=len(GERMAN_TEXT),
            start_offset=FIRST[0],
            end_offset=FIRST[1],
            scope=StanceScope.SENTENCE,
            target_id=target.id,
            label_id=other.stance_labels[0].id,
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.PATTERN,
        )
        session.add(stance)
        session.flush()
        return {"document": document.id, "stance": stance.id}


@pytest.fixture
def ids(project, doc, ben, other_project):
    bens = ben.set_sentence(doc, *SECOND, 1, "NATO", "FAVOR").span_ids[0]
    return {"doc": doc, "suggestion": suggest(project, doc), "bens": bens, **other_project}


BAD_ACTIONS = [
    (
        lambda e, i: e.relabel(i["suggestion"], "X"),
        r"unknown stance label 'X' \(labels: AGAINST, FAVOR, NEUTRAL\)",
    ),
    (lambda e, i: e.set_sentence(i["doc"], *FIRST, 0, "NATO", "X"), "unknown stance label 'X'"),
    (lambda e, i: e.set_document_stance(i["doc"], "NATO", "X"), "unknown stance label 'X'"),
    (
        lambda e, i: e.set_sentence(i["doc"], *FIRST, 0, "Y", "FAVOR"),
        "no stance target 'Y' in this project",
    ),
    (
        lambda e, i: e.set_document_stance(i["doc"], "Y", "FAVOR"),
        "no stance target 'Y' in this project",
    ),
    (lambda e, i: e.set_document_stance(i["doc"], "Y", None), "no stance target 'Y'"),
    (
        lambda e, i: e.set_sentence(i["doc"], 0, 10_000, 0, "NATO", "FAVOR"),
        r"sentence 0–10000 is outside document \d+ \(its text has \d+ characters\)",
    ),
    (
        lambda e, i: e.set_sentence(i["doc"], 5, 5, 0, "NATO", "FAVOR"),
        "sentence 5–5 is outside document",
    ),
    (lambda e, i: e.set_sentence(i["doc"], 0.5, 5, 0, "NATO", "FAVOR"), "whole numbers"),
    (lambda e, i: e.accept(i["bens"]), r"stance annotation \d+ belongs to another annotator"),
    (lambda e, i: e.reject(i["bens"]), "belongs to another annotator"),
    (lambda e, i: e.relabel(i["bens"], "NEUTRAL"), "belongs to another annotator"),
    (lambda e, i: e.clear(i["bens"]), "belongs to another annotator"),
    (lambda e, i: e.accept([i["suggestion"], i["bens"]]), "belongs to another annotator"),
    (lambda e, i: e.accept(999_999), "no stance annotation 999999 in this project"),
    (lambda e, i: e.clear(999_999), "no stance annotation 999999 in this project"),
    (lambda e, i: e.accept(i["stance"]), r"no stance annotation \d+ in this project"),
    (
        lambda e, i: e.set_sentence(i["document"], *FIRST, 0, "NATO", "FAVOR"),
        r"no document \d+ in this project",
    ),
    (
        lambda e, i: e.set_document_stance(i["document"], "NATO", "FAVOR"),
        r"no document \d+ in this project",
    ),
    (lambda e, i: e.accept_all(i["document"]), r"no document \d+ in this project"),
    (lambda e, i: e.document_stance(i["document"]), r"no document \d+ in this project"),
    (lambda e, i: e.undo("0" * 32), "no stance change to undo in action 0{32}"),
]


@pytest.mark.parametrize(("act", "message"), BAD_ACTIONS)
def test_bad_actions_are_refused_by_name_and_change_nothing(project, anna, ids, act, message):
    before = dump(project, "stance_annotations"), dump(project, "events")
    with pytest.raises(AnnotationError, match=message):
        act(anna, ids)
    assert (dump(project, "stance_annotations"), dump(project, "events")) == before


def test_another_annotators_action_cannot_be_undone(project, doc, anna, ben):
    done = ben.set_sentence(doc, *FIRST, 0, "NATO", "FAVOR")
    before = dump(project, "stance_annotations"), dump(project, "events")
    with pytest.raises(AnnotationError, match=f"action {done.action_id} was done by another"):
        anna.undo(done.action_id)
    assert (dump(project, "stance_annotations"), dump(project, "events")) == before
