"""Review: the annotators' versions side by side, and a gold version that leaves theirs alone."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.editing import AnnotationError
from storage.entity_edits import EntityEditor
from storage.export.gather import iter_export_documents
from storage.export.records import ExportOptions
from storage.models import (
    AnnotationState,
    Annotator,
    EntitySpan,
    Event,
    OriginKind,
)
from storage.project import OpenProject
from storage.review.comparison import GOLD_ANNOTATOR, Agreement, review_view
from tests.factories import (
    SECOND,
    Reviewed,
    german_at,
    own_rows,
    three_annotators,
)


def gold_rows(project: OpenProject) -> list[EntitySpan]:
    with project.db.read() as session:
        gold = session.scalar(select(Annotator.id).where(Annotator.name == GOLD_ANNOTATOR))
        rows = session.scalars(
            select(EntitySpan).where(EntitySpan.annotator_id == gold).order_by(EntitySpan.id)
        )
        return [r for r in rows if r.label is not None]


@pytest.fixture
def reviewed(project: OpenProject) -> Reviewed:
    return three_annotators(project)


def view(project: OpenProject, reviewed: Reviewed):  # type: ignore[no-untyped-def]
    with project.db.read() as session:
        return review_view(session, project.project_id, reviewed.document_id)


def test_the_comparison_aligns_places_and_marks_agreement(project, reviewed) -> None:
    shown = view(project, reviewed)
    assert shown.annotators == ["anna", "ben", "carla"]
    by_text = {item.text: item for item in shown.entities}
    assert list(by_text) == ["NATO", "Russland", "Olaf Scholz", "Scholz", "Berlin"]
    assert by_text["NATO"].status == Agreement.AGREE
    assert by_text["Berlin"].labels == {"anna": "LOC", "ben": "LOC", "carla": "LOC"}
    assert by_text["Russland"].status == Agreement.DIFFER
    assert by_text["Russland"].majority == "LOC"
    assert by_text["Russland"].who("ORG") == ["carla"]
    assert by_text["Olaf Scholz"].status == Agreement.PARTIAL
    assert by_text["Scholz"].labels == {"carla": "PER"}
    assert all(item.gold is None for item in shown.entities)
    # Stance: one item per sentence and target.
    stance = {(item.sentence_index, item.target): item for item in shown.stance}
    assert stance[0, "NATO"].status == Agreement.AGREE
    assert stance[1, "Russland"].status == Agreement.DIFFER
    assert stance[1, "Russland"].majority == "AGAINST"
    assert stance[1, "Russland"].text.startswith("Russland verurteilte")
    assert [c.name for c in shown.entity_labels] == ["PER", "LOC", "ORG", "MISC"]


def test_picking_stores_gold_with_origin_review_and_leaves_annotators_alone(
    project, reviewed
) -> None:
    before = own_rows(project, list(reviewed.annotators.values()))
    reviewed.editor.pick_entity(reviewed.document_id, *german_at("Russland"), "LOC")
    reviewed.editor.pick_stance(reviewed.document_id, 1, "Russland", "AGAINST")
    assert own_rows(project, list(reviewed.annotators.values())) == before
    (gold,) = gold_rows(project)
    assert gold.origin_kind == OriginKind.REVIEW
    assert gold.state == AnnotationState.ACCEPTED
    assert (gold.origin_name, gold.origin_version) == (None, None)
    assert gold.origin_detail == "reviewer: rita; picked: anna, ben"
    shown = view(project, reviewed)
    assert {i.text: i.gold for i in shown.entities}["Russland"] == "LOC"
    assert "gold" not in shown.annotators  # gold is no annotator to compare
    assert {i.target: i.gold for i in shown.stance}["Russland"] == "AGAINST"
    with project.db.read() as session:
        events = session.scalars(select(Event).where(Event.action.like("review.%"))).all()
        assert {e.annotator_id for e in events} == {reviewed.reviewer_id}  # the reviewer acted


def test_picking_another_version_replaces_overlapping_gold(project, reviewed) -> None:
    reviewed.editor.pick_entity(reviewed.document_id, *german_at("Olaf Scholz"), "PER")
    reviewed.editor.pick_entity(reviewed.document_id, *german_at("Scholz"), "PER")
    shown = {i.text: i for i in view(project, reviewed).entities}
    assert shown["Scholz"].gold == "PER"
    assert shown["Olaf Scholz"].gold is None and shown["Olaf Scholz"].gold_removed


def test_removing_and_undo(project, reviewed) -> None:
    before = own_rows(project, list(reviewed.annotators.values()))
    picked = reviewed.editor.pick_entity(reviewed.document_id, *german_at("NATO"), "MISC")
    removed = reviewed.editor.remove_entity(reviewed.document_id, *german_at("NATO"))
    nato = {i.text: i for i in view(project, reviewed).entities}["NATO"]
    assert nato.gold is None and nato.gold_removed
    reviewed.editor.undo(removed.action_id)
    assert {i.text: i.gold for i in view(project, reviewed).entities}["NATO"] == "MISC"
    reviewed.editor.undo(picked.action_id)
    assert gold_rows(project) == []  # the gold row the pick made is gone again
    assert own_rows(project, list(reviewed.annotators.values())) == before


def test_removing_where_gold_had_nothing_overrules_the_annotators(project, reviewed) -> None:
    reviewed.editor.remove_entity(reviewed.document_id, *german_at("Berlin"))
    (row,) = gold_rows(project)
    assert row.state == AnnotationState.REJECTED and row.label.name == "LOC"


def test_accept_all_agreed_copies_only_what_everybody_agrees_on(project, reviewed) -> None:
    before = own_rows(project, list(reviewed.annotators.values()))
    result = reviewed.editor.accept_all_agreed(reviewed.document_id)
    shown = view(project, reviewed)
    assert {i.text: i.gold for i in shown.entities if i.gold} == {"NATO": "ORG", "Berlin": "LOC"}
    assert {i.target: i.gold for i in shown.stance if i.gold} == {"NATO": "NEUTRAL"}
    assert len(result.span_ids) == 3
    assert own_rows(project, list(reviewed.annotators.values())) == before
    # Once more adds nothing; undo takes the whole action back in one step.
    assert reviewed.editor.accept_all_agreed(reviewed.document_id).span_ids == []
    reviewed.editor.undo(result.action_id)
    shown = view(project, reviewed)
    assert not any(i.gold for i in [*shown.entities, *shown.stance])


def test_accept_all_agreed_keeps_what_the_reviewer_decided(project, reviewed) -> None:
    reviewed.editor.pick_entity(reviewed.document_id, *german_at("NATO"), "MISC")
    reviewed.editor.accept_all_agreed(reviewed.document_id)
    assert {i.text: i.gold for i in view(project, reviewed).entities}["NATO"] == "MISC"


def test_gold_is_what_training_takes_as_the_review(project, reviewed) -> None:
    from services.entity_training import REVIEWED

    reviewed.editor.pick_entity(reviewed.document_id, *german_at("Russland"), "LOC")
    (document,) = iter_export_documents(project.db, project.project_id, ExportOptions(state="all"))
    gold = [s for s in document.spans if s.annotator == GOLD_ANNOTATOR]
    assert [s.origin for s in gold] == [REVIEWED]


def test_refusals(project, reviewed) -> None:
    with pytest.raises(AnnotationError, match="unknown entity label"):
        reviewed.editor.pick_entity(reviewed.document_id, *german_at("NATO"), "NOPE")
    with pytest.raises(AnnotationError, match="outside"):
        reviewed.editor.pick_entity(reviewed.document_id, 0, 10_000, "ORG")
    with pytest.raises(AnnotationError, match="no stance target"):
        reviewed.editor.pick_stance(reviewed.document_id, 0, "Mars", "FAVOR")
    anna = EntityEditor(project.db, project.project_id, reviewed.annotators["anna"])
    action = anna.add(reviewed.document_id, *german_at("Beschlüsse"), "MISC")
    with pytest.raises(AnnotationError, match="no review action"):
        reviewed.editor.undo(action.action_id)


def test_the_gold_version_is_no_vote_in_agreement(project, reviewed) -> None:
    from storage.agreement_data import agreement_documents

    reviewed.editor.accept_all_agreed(reviewed.document_id)
    reviewed.editor.pick_entity(reviewed.document_id, *german_at("Russland"), "LOC")
    [document] = agreement_documents(project.db, project.project_id)
    assert document.annotators == {"anna", "ben", "carla"}


def test_stance_training_takes_the_gold_label_where_a_review_settled_it(project, reviewed) -> None:
    from storage.stance.store import accepted_sentence_labels

    def labels() -> list[tuple[str, str]]:
        rows = accepted_sentence_labels(project.db, project.project_id)
        return sorted((r.target, r.label) for r in rows)

    before = labels()
    assert before.count(("Russland", "AGAINST")) == 2 and ("Russland", "FAVOR") in before
    reviewed.editor.pick_stance(reviewed.document_id, 1, "Russland", "FAVOR")
    after = labels()
    assert [lab for lab in after if lab[0] == "Russland"] == [("Russland", "FAVOR")]
    assert after.count(("NATO", "NEUTRAL")) == 3  # not reviewed: everybody's labels count


def test_gold_takes_the_holder_and_evidence_most_annotators_of_the_picked_label_gave(
    project, reviewed
) -> None:
    from storage.models import StanceAnnotation
    from storage.stance.edits import StanceEditor

    document = reviewed.document_id
    russland = german_at("Russland")
    for name in ("anna", "ben", "carla"):
        editor = StanceEditor(project.db, project.project_id, reviewed.annotators[name])
        row = editor.set_sentence(document, *SECOND, 1, "Russland", "AGAINST")
        editor.set_holder(row.span_ids[0], start=russland[0], end=russland[1])
    editor = StanceEditor(project.db, project.project_id, reviewed.annotators["anna"])
    editor.set_evidence(row_id_of(project, reviewed, "anna"), *german_at("verurteilte"))
    reviewed.editor.pick_stance(document, 1, "Russland", "AGAINST")
    gold = gold_stance_row(project)
    # All three named the words "Russland"; anna's evidence is hers alone, so the version
    # two share (ben's and carla's: no evidence) wins over the earliest row (anna's).
    assert (gold.holder_start, gold.holder_end) == russland
    assert gold.evidence_start is None
    reviewed.editor.pick_stance(document, 1, "Russland", "FAVOR")  # nobody's: the author
    gold = gold_stance_row(project)
    assert (gold.holder_start, gold.holder_actor_id) == (None, None)
    assert isinstance(gold, StanceAnnotation)


def row_id_of(project: OpenProject, reviewed: Reviewed, name: str) -> int:
    from storage.models import StanceAnnotation

    with project.db.read() as session:
        return session.scalars(
            select(StanceAnnotation.id).where(
                StanceAnnotation.annotator_id == reviewed.annotators[name],
                StanceAnnotation.sentence_index == 1,
            )
        ).one()


def gold_stance_row(project: OpenProject):  # type: ignore[no-untyped-def]
    from storage.models import StanceAnnotation

    with project.db.read() as session:
        gold = session.scalar(select(Annotator.id).where(Annotator.name == GOLD_ANNOTATOR))
        row = session.scalars(
            select(StanceAnnotation).where(StanceAnnotation.annotator_id == gold)
        ).one()
        session.expunge(row)
        return row
