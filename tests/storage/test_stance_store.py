"""Stance targets and stored stance suggestions: idempotent, decisions untouched, logged."""

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
)
from storage.stance.store import (
    SentenceStance,
    add_target,
    project_targets,
    propose_targets,
    store_stance_suggestions,
)
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

SENTENCE_END = GERMAN_TEXT.index(".") + 1


def stance(label: str, target: str = "NATO", confidence: float = 0.7) -> SentenceStance:
    return SentenceStance(
        0,
        0,
        SENTENCE_END,
        target,
        label,
        confidence,
        "cues: besorgt (−1)",
        "pattern",
        "stance-lexicon-de",
        "de-1",
    )


def machine_rows(project):
    with project.db.read() as session:
        return [
            (r.target.name, r.label.name, r.explanation)
            for r in session.scalars(
                select(StanceAnnotation).where(StanceAnnotation.annotator_id.is_(None))
            )
        ]


def test_targets_with_aliases_are_added_and_extended(project):
    add_target(project.db, project.project_id, "Russland", ["Russlands", "Moskau"])
    add_target(project.db, project.project_id, "Russland", ["Kreml*", "Moskau"])
    with project.db.read() as session:
        targets = project_targets(session, project.project_id)
        actions = list(
            session.scalars(select(Event.action).where(Event.object_type == "stance_target"))
        )
    assert [(t.name, sorted(t.aliases)) for t in targets] == [
        ("Russland", ["Kreml*", "Moskau", "Russland", "Russlands"])
    ]
    assert actions == ["target.create", "target.update"]
    with pytest.raises(ValueError, match="needs a name"):
        add_target(project.db, project.project_id, "  ")


def test_targets_are_proposed_from_frequent_names(project):
    docs = add_documents(project, [GERMAN_TEXT, "Die NATO tagt. Berlin wartet."])
    nato = GERMAN_TEXT.index("NATO")
    store_entity_suggestions(
        project.db,
        project.project_id,
        docs[0],
        [SpanSuggestion(nato, nato + 4, "ORG", 0.9, "model", "m", "1")],
        ["m"],
    )
    store_entity_suggestions(
        project.db,
        project.project_id,
        docs[1],
        [
            SpanSuggestion(4, 8, "ORG", 0.9, "model", "m", "1"),
            SpanSuggestion(15, 21, "LOC", 0.9, "model", "m", "1"),
        ],
        ["m"],
    )
    with project.db.read() as session:
        assert propose_targets(session, project.project_id) == [
            ("NATO", "ORG", 2),
            ("Berlin", "LOC", 1),
        ]


def test_stance_suggestions_are_idempotent_and_replace_their_own(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    add_target(project.db, project.project_id, "NATO")
    assert store_stance_suggestions(
        project.db, project.project_id, [(doc, [stance("AGAINST")])], ["stance-lexicon-de"]
    ) == (1, 0, 0)
    assert store_stance_suggestions(
        project.db, project.project_id, [(doc, [stance("AGAINST")])], ["stance-lexicon-de"]
    ) == (0, 1, 0)
    store_stance_suggestions(
        project.db, project.project_id, [(doc, [stance("FAVOR")])], ["stance-lexicon-de"]
    )
    assert machine_rows(project) == [("NATO", "FAVOR", "cues: besorgt (−1)")]
    with project.db.read() as session:
        logged = session.scalar(select(func.count()).where(Event.action == "suggest.stance"))
    assert logged == 3


def test_an_annotators_label_blocks_stance_suggestions(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    add_target(project.db, project.project_id, "NATO")
    anna = add_annotator(project)
    with project.db.write() as session:
        target = session.scalar(select(StanceTarget.id))
        label = session.scalar(select(StanceLabel.id).where(StanceLabel.name == "NEUTRAL"))
        session.add(
            StanceAnnotation(
                document_id=doc,
                doc_length=len(GERMAN_TEXT),
                start_offset=0,
                end_offset=SENTENCE_END,
                scope=StanceScope.SENTENCE,
                sentence_index=0,
                target_id=target,
                label_id=label,
                state=AnnotationState.ACCEPTED,
                origin_kind=OriginKind.MANUAL,
                annotator_id=anna,
            )
        )
    result = store_stance_suggestions(
        project.db, project.project_id, [(doc, [stance("AGAINST")])], ["stance-lexicon-de"]
    )
    assert result == (0, 0, 1) and machine_rows(project) == []


def test_after_a_switch_the_active_suggester_takes_over_the_open_suggestions(project):
    doc = add_documents(project, [GERMAN_TEXT])[0]
    add_target(project.db, project.project_id, "NATO")
    both = ["stance-lexicon-de", "stance-textcat-de"]
    store_stance_suggestions(project.db, project.project_id, [(doc, [stance("AGAINST")])], both)
    model = SentenceStance(
        0, 0, SENTENCE_END, "NATO", "AGAINST", 0.9, "model", "model", "stance-textcat-de", "v2"
    )
    assert store_stance_suggestions(project.db, project.project_id, [(doc, [model])], both) == (
        0,
        1,
        0,
    )
    with project.db.read() as session:
        [row] = session.scalars(
            select(StanceAnnotation).where(StanceAnnotation.annotator_id.is_(None))
        ).all()
        # The same label at the same place: kept, but now the classifier's.
        assert (row.origin_kind, row.origin_name, row.origin_version) == (
            OriginKind.MODEL,
            "stance-textcat-de",
            "v2",
        )
        assert (row.confidence, row.explanation) == (0.9, "model")
