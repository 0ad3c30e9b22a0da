"""Who holds a stance: the project's actors, setting a label's holder and evidence, how a
holder is named, suggestions that carry one, and agreement on holders."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from services.agreement import project_agreement
from storage.editing import AnnotationError
from storage.models import AnnotationState, StanceAnnotation
from storage.project import OpenProject, open_project
from storage.stance.actors import (
    ActorError,
    actor_by_words,
    add_actors,
    merge_actors,
    project_actors,
    remove_actor,
    update_actor,
)
from storage.stance.edits import StanceEditor
from storage.stance.holder_names import AUTHOR, HolderNames
from storage.stance.store import SentenceStance, add_target, store_stance_suggestions
from tests.factories import GERMAN_TEXT, add_annotator, add_documents, run

SECOND = (GERMAN_TEXT.index("Russland"), len(GERMAN_TEXT))  # "Russland verurteilte ..."


def at(word: str) -> tuple[int, int]:
    start = GERMAN_TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path):
    with open_project(tmp_path / "p.sqlite") as opened:
        add_target(opened.db, opened.project_id, "NATO")
        yield opened


def suggest_with_holder(project: OpenProject, document: int, **holder) -> int:
    """A machine suggestion: the second sentence AGAINST NATO, with ``holder`` fields."""
    stance = SentenceStance(
        1,
        *SECOND,
        "NATO",
        "AGAINST",
        0.8,
        "cues: verurteilte (−1)",
        "pattern",
        "stance-lexicon-de",
        "de-1",
        **holder,
    )
    store_stance_suggestions(project.db, project.project_id, [(document, [stance])], [])
    with project.db.read() as session:
        return session.scalars(select(StanceAnnotation.id)).one()


def row(project: OpenProject, row_id: int) -> StanceAnnotation:
    with project.db.read() as session:
        found = session.get_one(StanceAnnotation, row_id)
        session.expunge(found)
        return found


def test_actors_are_listed_found_by_alias_changed_and_merged(project):
    add_actors(project.db, project.project_id, [("Putin", ["Wladimir Putin"], "person")])
    add_actors(project.db, project.project_id, [("Kremlchef", [], "other")])
    with project.db.read() as session:
        assert actor_by_words(session, project.project_id, "wladimir  putin".replace("  ", " "))
        assert actor_by_words(session, project.project_id, "WLADIMIR PUTIN").name == "Putin"
        assert actor_by_words(session, project.project_id, "Scholz") is None
    update_actor(
        project.db, project.project_id, "Kremlchef", "Kremlchef", ["der Kremlchef"], "person"
    )
    (document,) = add_documents(project, [GERMAN_TEXT])
    editor = StanceEditor(project.db, project.project_id, add_annotator(project))
    result = editor.set_sentence(document, *SECOND, 1, "NATO", "AGAINST")
    editor.set_holder(result.span_ids[0], actor="Kremlchef")
    moved = merge_actors(project.db, project.project_id, ["Kremlchef"], "Putin")
    assert moved == 1
    with project.db.read() as session:
        assert project_actors(session, project.project_id) == [
            type(project_actors(session, project.project_id)[0])(
                "Putin", ("Kremlchef", "Putin", "Wladimir Putin", "der Kremlchef"), "person"
            )
        ]
    assert (
        HolderNamesOf(project).name(row(project, result.span_ids[0]).holder_actor_id, None)
        == "Putin"
    )


def HolderNamesOf(project: OpenProject) -> HolderNames:  # noqa: N802 - reads like the class
    with project.db.read() as session:
        return HolderNames(session, project.project_id)


def test_an_actor_a_label_names_cannot_be_removed_and_bad_actors_are_refused(project):
    add_actors(project.db, project.project_id, [("Putin", [], "person"), ("Lawrow", [], "person")])
    (document,) = add_documents(project, [GERMAN_TEXT])
    editor = StanceEditor(project.db, project.project_id, add_annotator(project))
    result = editor.set_sentence(document, *SECOND, 1, "NATO", "AGAINST")
    editor.set_holder(result.span_ids[0], actor="Putin")
    with pytest.raises(ActorError, match=r"'Putin'.*1 stance label names it"):
        remove_actor(project.db, project.project_id, "Putin")
    remove_actor(project.db, project.project_id, "Lawrow")
    with pytest.raises(ActorError, match="needs a name"):
        add_actors(project.db, project.project_id, [("  ", [], "person")])
    with pytest.raises(ActorError, match="kind 'alien'"):
        add_actors(project.db, project.project_id, [("X", [], "alien")])
    with pytest.raises(ActorError, match="exists already"):
        add_actors(project.db, project.project_id, [("Scholz", [], "person")])
        update_actor(project.db, project.project_id, "Scholz", "Putin", [], "person")
    with project.db.read() as session:
        assert [a.name for a in project_actors(session, project.project_id)] == ["Putin", "Scholz"]


def test_setting_the_holder_of_a_suggestion_edits_the_annotators_copy_and_undoes(project):
    add_actors(project.db, project.project_id, [("Russland", ["Moskau"], "country")])
    (document,) = add_documents(project, [GERMAN_TEXT])
    suggestion = suggest_with_holder(project, document)
    editor = StanceEditor(project.db, project.project_id, add_annotator(project))
    # The words "Russland" name the actor Russland (by its name).
    result = editor.set_holder(suggestion, start=at("Russland")[0], end=at("Russland")[1])
    own = row(project, result.span_ids[0])
    assert own.annotator_id is not None and own.suggestion_id == suggestion
    assert (own.holder_start, own.holder_end) == at("Russland")
    assert HolderNamesOf(project).by_id[own.holder_actor_id] == "Russland"
    assert own.state == AnnotationState.EDITED  # the suggestion said: the author
    assert row(project, suggestion).holder_actor_id is None  # the suggestion is untouched
    evidence = editor.set_evidence(suggestion, *at("verurteilte"))
    assert (
        row(project, evidence.span_ids[0]).evidence_start,
        row(project, evidence.span_ids[0]).evidence_end,
    ) == at("verurteilte")
    editor.undo(evidence.action_id)
    assert row(project, own.id).evidence_start is None
    back = editor.set_holder(own.id)  # neither actor nor words: the author
    assert row(project, back.span_ids[0]).holder_actor_id is None
    assert row(project, back.span_ids[0]).holder_start is None
    assert row(project, back.span_ids[0]).state == AnnotationState.ACCEPTED  # as suggested again
    editor.undo(back.action_id)
    assert row(project, own.id).holder_start == at("Russland")[0]


def test_bad_holders_and_evidence_are_refused_and_change_nothing(project):
    (document,) = add_documents(project, [GERMAN_TEXT])
    suggestion = suggest_with_holder(project, document)
    editor = StanceEditor(project.db, project.project_id, add_annotator(project))
    own = editor.accept(suggestion).span_ids[0]
    before = row(project, own)
    with pytest.raises(AnnotationError, match="no actor 'Nobody'"):
        editor.set_holder(own, actor="Nobody")
    with pytest.raises(AnnotationError, match="holder 5–999 is outside document"):
        editor.set_holder(own, start=5, end=999)
    with pytest.raises(AnnotationError, match="start and an end"):
        editor.set_holder(own, start=5)
    with pytest.raises(AnnotationError, match="evidence offsets must be whole numbers"):
        editor.set_evidence(own, 1.5, 3)  # type: ignore[arg-type]
    after = row(project, own)
    assert (after.holder_actor_id, after.holder_start, after.evidence_start, after.state) == (
        before.holder_actor_id,
        before.holder_start,
        before.evidence_start,
        before.state,
    )


def test_the_schema_refuses_half_a_holder_and_words_outside_the_text(project):
    (document,) = add_documents(project, [GERMAN_TEXT])
    suggestion = suggest_with_holder(project, document)
    connection = sqlite3.connect(project.db.engine.url.database)
    try:
        for columns in (
            "holder_start = 3",
            "evidence_end = 4",
            "holder_start = 3, holder_end = 9999",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                connection.execute(
                    f"UPDATE stance_annotations SET {columns} WHERE id = ?", (suggestion,)
                )
    finally:
        connection.close()


def test_a_holder_is_named_by_its_actor_else_by_an_alias_of_its_words_else_by_its_words(project):
    add_actors(project.db, project.project_id, [("Russland", ["Moskau"], "country")])
    names = HolderNamesOf(project)
    actor = next(iter(names.by_id))
    assert names.name(actor, "Scholz") == "Russland"
    assert names.name(None, "moskau") == "Russland"
    assert names.name(None, " Olaf\nScholz ") == "Olaf Scholz"
    assert names.name(None, None) == AUTHOR


def test_suggestions_store_their_holder_and_evidence_and_leave_out_stretches_off_the_text(project):
    add_actors(project.db, project.project_id, [("Russland", [], "country")])
    (document,) = add_documents(project, [GERMAN_TEXT])
    suggestion = suggest_with_holder(
        project,
        document,
        holder="Russland",
        holder_start=at("Russland")[0],
        holder_end=at("Russland")[1],
        evidence_start=5,
        evidence_end=len(GERMAN_TEXT) + 4,
    )
    stored = row(project, suggestion)
    assert stored.holder_actor_id is not None
    assert (stored.holder_start, stored.holder_end) == at("Russland")
    assert (stored.evidence_start, stored.evidence_end) == (None, None)


def test_agreement_reports_how_often_annotators_name_the_same_holder(project, capsys):
    add_target(project.db, project.project_id, "Russland")
    add_actors(project.db, project.project_id, [("Russland", ["Moskau"], "country")])
    (document,) = add_documents(project, [GERMAN_TEXT])
    first = (0, GERMAN_TEXT.index(".") + 1)
    for name, holder in (("anna", "Russland"), ("ben", None)):
        editor = StanceEditor(project.db, project.project_id, add_annotator(project, name))
        russland = editor.set_sentence(document, *SECOND, 1, "Russland", "AGAINST").span_ids[0]
        nato = editor.set_sentence(document, *SECOND, 1, "NATO", "AGAINST").span_ids[0]
        editor.set_sentence(document, *first, 0, "NATO", "NEUTRAL")
        editor.set_holder(nato, start=at("Russland")[0], end=at("Russland")[1])
        if holder:
            editor.set_holder(russland, actor=holder)
    # Same side on two labels (NATO and Russland AGAINST; NEUTRAL holds no stance): the
    # holder of NATO's agrees (both the words "Russland"), Russland's does not (actor/author).
    report = project_agreement(project.db, project.project_id)
    assert report.to_dict()["stance"]["holder"] == {
        "sided_labels": 2,
        "same_holder": 1,
        "agreement": 0.5,
    }
    code, out, _ = run(capsys, "agreement", "--project", str(project.db.engine.url.database))
    assert code == 0
    assert "holders: same holder on 1 of 2 labels both gave the same side (50%)" in out
