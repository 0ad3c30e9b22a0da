"""Editing and removing stance targets, and proposing new ones: logged, refused with a reason
(and then nothing changes), annotators' labels never deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import (
    AnnotationState,
    Event,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
    TargetAlias,
)
from storage.stance.store import (
    SentenceStance,
    TargetRecord,
    add_target,
    add_targets,
    new_target_proposals,
    project_targets,
    store_stance_suggestions,
)
from storage.stance.target_edits import TargetInUseError, remove_target, update_target
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

SENTENCE_END = GERMAN_TEXT.index(".") + 1
SECOND_END = GERMAN_TEXT.index(",") + 1  # any span of the text will do for a second row


def targets(project) -> list[TargetRecord]:
    with project.db.read() as session:
        return [
            TargetRecord(t.name, tuple(sorted(t.aliases)), t.kind)
            for t in project_targets(session, project.project_id)
        ]


def target_events(project) -> list[Event]:
    with project.db.read() as session:
        return list(
            session.scalars(
                select(Event).where(Event.object_type == "stance_target").order_by(Event.id)
            )
        )


def suggest(project, doc: int, target: str, end: int = SENTENCE_END) -> None:
    """A machine stance suggestion toward ``target`` for the text up to ``end``."""
    store_stance_suggestions(
        project.db,
        project.project_id,
        [(doc, [SentenceStance(0, 0, end, target, "AGAINST", 0.7, "cue", "pattern", "lex", "1")])],
        ["lex"],
    )


def stance_rows(project) -> list[tuple[str, int | None, int | None]]:
    with project.db.read() as session:
        return [
            (r.target.name, r.annotator_id, r.suggestion_id)
            for r in session.scalars(select(StanceAnnotation).order_by(StanceAnnotation.id))
        ]


def label_as_annotator(project, doc: int, target: str, annotator: int, decides: bool) -> None:
    """An annotator's own stance label toward ``target``; with ``decides``, as their
    decision on the (only) machine suggestion."""
    with project.db.write() as session:
        target_id = session.scalar(select(StanceTarget.id).where(StanceTarget.name == target))
        label = session.scalar(select(StanceLabel.id).where(StanceLabel.name == "FAVOR"))
        suggestion = session.scalar(
            select(StanceAnnotation.id).where(StanceAnnotation.annotator_id.is_(None))
        )
        session.add(
            StanceAnnotation(
                document_id=doc,
                doc_length=len(GERMAN_TEXT),
                start_offset=0,
                end_offset=SENTENCE_END,
                scope=StanceScope.SENTENCE,
                sentence_index=0,
                target_id=target_id,
                label_id=label,
                state=AnnotationState.EDITED if decides else AnnotationState.ACCEPTED,
                origin_kind=OriginKind.MANUAL,
                annotator_id=annotator,
                suggestion_id=suggestion if decides else None,
            )
        )


# --- update_target ----------------------------------------------------------------------


def test_a_target_is_renamed_and_its_aliases_replaced_in_one_logged_event(project):
    add_target(project.db, project.project_id, "Russland", ["Russlands", "Moskau"], "country")
    update_target(
        project.db,
        project.project_id,
        "Russland",
        " Russische Föderation ",
        ["Russland", "Kreml*", "", "Kreml*"],
    )
    aliases = ("Kreml*", "Russische Föderation", "Russland")
    assert targets(project) == [TargetRecord("Russische Föderation", aliases, "country")]
    *_, event = target_events(project)
    assert event.action == "target.update"
    assert event.before == {
        "name": "Russland",
        "aliases": ["Moskau", "Russland", "Russlands"],
        "kind": "country",
    }
    assert event.after == {
        "name": "Russische Föderation",
        "aliases": ["Kreml*", "Russische Föderation", "Russland"],
        "kind": "country",
    }
    with project.db.read() as session:  # the removed aliases' rows are gone, not orphaned
        assert session.scalar(select(func.count()).select_from(TargetAlias)) == 3


def test_the_kind_changes_only_when_given_and_the_name_stays_an_alias(project):
    add_target(project.db, project.project_id, "NATO", ["Nato"], "organisation")
    update_target(project.db, project.project_id, "NATO", "NATO", [])
    assert targets(project) == [TargetRecord("NATO", ("NATO",), "organisation")]
    update_target(project.db, project.project_id, "NATO", "NATO", ["Nato"], kind="other")
    assert targets(project) == [TargetRecord("NATO", ("NATO", "Nato"), "other")]


def test_a_renamed_target_keeps_its_stance_rows(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    add_target(project.db, project.project_id, "NATO")
    suggest(project, doc, "NATO")
    update_target(project.db, project.project_id, "NATO", "Nato", [])
    assert stance_rows(project) == [("Nato", None, None)]


@pytest.mark.parametrize(
    ("name", "new_name", "aliases", "message"),
    [
        ("NATO", "  ", [], "'NATO' needs a name"),
        ("NATO", "Russland", [], "cannot rename 'NATO' to 'Russland'"),
        ("EU", "Europäische Union", [], "no target 'EU'"),
        ("NATO", "NATO", ["*"], "'NATO' has an alias that is only"),
    ],
)
def test_an_update_is_refused_with_the_target_named_and_nothing_changes(
    project, name: str, new_name: str, aliases: list[str], message: str
):
    add_target(project.db, project.project_id, "NATO", ["Nato"], "organisation")
    add_target(project.db, project.project_id, "Russland", [], "country")
    before, events = targets(project), len(target_events(project))
    with pytest.raises(ValueError, match=message):
        update_target(project.db, project.project_id, name, new_name, aliases)
    assert targets(project) == before
    assert len(target_events(project)) == events


# --- remove_target ----------------------------------------------------------------------


def test_removing_a_target_takes_its_aliases_and_open_suggestions(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    add_target(project.db, project.project_id, "NATO", ["Nato"], "organisation")
    add_target(project.db, project.project_id, "Russland")
    suggest(project, doc, "NATO")
    suggest(project, doc, "Russland", end=SECOND_END)
    assert remove_target(project.db, project.project_id, "NATO") == 1
    assert [t.name for t in targets(project)] == ["Russland"]
    assert stance_rows(project) == [("Russland", None, None)]  # another target's stays
    with project.db.read() as session:
        assert session.scalar(select(func.count()).select_from(TargetAlias)) == 1
    event = target_events(project)[-1]
    assert event.action == "target.delete"
    assert event.before == {
        "name": "NATO",
        "aliases": ["NATO", "Nato"],
        "kind": "organisation",
        "suggestions_removed": 1,
    }
    assert event.after is None


def test_a_target_annotators_labelled_is_not_removed(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    add_target(project.db, project.project_id, "NATO", ["Nato"])
    suggest(project, doc, "NATO")
    label_as_annotator(project, doc, "NATO", add_annotator(project, "anna"), decides=True)
    label_as_annotator(project, doc, "NATO", add_annotator(project, "ben"), decides=False)
    before, rows, events = targets(project), stance_rows(project), len(target_events(project))
    with pytest.raises(TargetInUseError, match="'NATO': annotators made 2 stance labels") as err:
        remove_target(project.db, project.project_id, "NATO")
    assert err.value.labels == 2 and isinstance(err.value, ValueError)
    assert targets(project) == before
    assert stance_rows(project) == rows  # the suggestion they decided on stays too
    assert len(target_events(project)) == events


def test_a_target_whose_suggestion_an_annotator_moved_to_another_target_stays(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    add_target(project.db, project.project_id, "NATO")
    add_target(project.db, project.project_id, "Russland")
    suggest(project, doc, "NATO")
    label_as_annotator(project, doc, "Russland", add_annotator(project), decides=True)
    with pytest.raises(TargetInUseError, match="made 1 stance label for it"):
        remove_target(project.db, project.project_id, "NATO")
    assert [t.name for t in targets(project)] == ["NATO", "Russland"]


def test_removing_an_unknown_target_is_refused(project):
    with pytest.raises(ValueError, match="no target 'EU'"):
        remove_target(project.db, project.project_id, "EU")
    assert target_events(project) == []


# --- adding several, proposing new ones ---------------------------------------------------


def test_checked_proposals_are_added_in_one_action(project):
    add_targets(
        project.db,
        project.project_id,
        [("NATO", [], "organisation"), ("Berlin", ["Berliner*"], "country"), ("NATO", [], "x")],
    )
    assert targets(project) == [
        TargetRecord("Berlin", ("Berlin", "Berliner*"), "country"),
        TargetRecord("NATO", ("NATO",), "organisation"),
    ]
    events = target_events(project)
    assert [e.action for e in events] == ["target.create", "target.create", "target.update"]
    assert len({e.action_id for e in events}) == 1
    with pytest.raises(ValueError, match="needs a name"):
        add_targets(project.db, project.project_id, [("EU", [], "other"), (" ", [], "other")])
    assert len(targets(project)) == 2


def test_proposals_leave_out_targets_and_aliases(project):
    docs = add_documents(project, [GERMAN_TEXT, "Die NATO tagt. Berlin wartet. Putin schweigt."])
    nato = GERMAN_TEXT.index("NATO")
    russland = GERMAN_TEXT.index("Russland")
    berlin = GERMAN_TEXT.index("Berlin")

    def span(start: int, end: int, label: str) -> SpanSuggestion:
        return SpanSuggestion(start, end, label, 0.9, "model", "m", "1")

    first = [span(nato, nato + 4, "ORG"), span(russland, russland + 8, "LOC")]
    first.append(span(berlin, berlin + 6, "LOC"))
    second = [span(4, 8, "ORG"), span(15, 21, "LOC"), span(30, 35, "PER")]
    for doc, spans in zip(docs, (first, second), strict=True):
        store_entity_suggestions(project.db, project.project_id, doc, spans, ["m"])
    with project.db.read() as session:
        assert new_target_proposals(session, project.project_id) == [
            ("Berlin", "LOC", 2),
            ("NATO", "ORG", 2),
            ("Putin", "PER", 1),
            ("Russland", "LOC", 1),
        ]
    add_target(project.db, project.project_id, "Nordatlantikpakt", ["NATO"])
    add_target(project.db, project.project_id, "Russland")
    with project.db.read() as session:
        assert new_target_proposals(session, project.project_id) == [
            ("Berlin", "LOC", 2),
            ("Putin", "PER", 1),
        ]
        assert new_target_proposals(session, project.project_id, limit=1) == [("Berlin", "LOC", 2)]
        assert new_target_proposals(session, project.project_id + 1) == []
