"""Review of stance holders: each annotator's holder beside their label, a sided label held
by different holders is a difference, and gold takes the holder of the version picked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.editing import AnnotationError
from storage.models import Annotator, StanceActor, StanceAnnotation
from storage.project import OpenProject
from storage.review.comparison import GOLD_ANNOTATOR, Agreement, ReviewItem, review_view
from storage.review.holders import StanceHolder
from storage.stance.holder_names import AUTHOR
from tests.factories import Reviewed, german_at, own_rows
from tests.review_holders import differing_holders

RUSSLAND = german_at("Russland")


@pytest.fixture
def reviewed(project: OpenProject) -> Reviewed:
    return differing_holders(project)


def stance(project: OpenProject, reviewed: Reviewed) -> dict[str, ReviewItem]:
    with project.db.read() as session:
        shown = review_view(session, project.project_id, reviewed.document_id)
    return {str(item.target): item for item in shown.stance}


def gold_row(project: OpenProject, target: str = "Russland") -> StanceAnnotation:
    with project.db.read() as session:
        gold = session.scalar(select(Annotator.id).where(Annotator.name == GOLD_ANNOTATOR))
        row = session.scalars(
            select(StanceAnnotation).where(
                StanceAnnotation.annotator_id == gold,
                StanceAnnotation.sentence_index == (1 if target == "Russland" else 0),
            )
        ).one()
        session.expunge(row)
        return row


def actor_id(project: OpenProject, name: str) -> int:
    with project.db.read() as session:
        return session.scalars(select(StanceActor.id).where(StanceActor.name == name)).one()


def test_each_annotators_holder_and_evidence_is_read(project, reviewed) -> None:
    russland = stance(project, reviewed)["Russland"]
    assert russland.labels == {"anna": "AGAINST", "ben": "AGAINST", "carla": "AGAINST"}
    assert russland.holders == {
        "anna": StanceHolder("Russland", "Russland", "verurteilte"),
        "ben": StanceHolder("Russland"),
        "carla": StanceHolder(AUTHOR),
    }
    assert russland.holders["carla"].by_author and not russland.holders["ben"].by_author
    assert russland.gold_holder is None


def test_a_sided_label_held_by_different_holders_differs(project, reviewed) -> None:
    items = stance(project, reviewed)
    assert items["Russland"].holder_differs
    assert items["Russland"].status == Agreement.DIFFER
    # NEUTRAL takes no side: who holds it is not compared.
    assert items["NATO"].holders["anna"].name == "NATO"
    assert not items["NATO"].holder_differs and items["NATO"].status == Agreement.AGREE


def test_the_actor_and_the_words_that_name_it_are_one_holder(project, reviewed) -> None:
    carla = reviewed.annotators["carla"]
    from storage.stance.edits import StanceEditor
    from tests.review_holders import stance_row_id

    StanceEditor(project.db, project.project_id, carla).set_holder(
        stance_row_id(project, carla, 1), start=RUSSLAND[0], end=RUSSLAND[1]
    )
    russland = stance(project, reviewed)["Russland"]
    assert not russland.holder_differs and russland.status == Agreement.AGREE


def test_accept_all_agreed_leaves_a_differing_holder_to_the_reviewer(project, reviewed) -> None:
    reviewed.editor.accept_all_agreed(reviewed.document_id)
    items = stance(project, reviewed)
    assert items["NATO"].gold == "NEUTRAL"
    assert items["NATO"].gold_holder == StanceHolder(AUTHOR)  # ben's and carla's: the author
    assert items["Russland"].gold is None


def test_gold_takes_the_named_annotators_holder_and_evidence(project, reviewed) -> None:
    before = own_rows(project, list(reviewed.annotators.values()))
    document = reviewed.document_id
    reviewed.editor.pick_stance(document, 1, "Russland", "AGAINST", from_annotator="carla")
    row = gold_row(project)
    assert (row.holder_actor_id, row.holder_start, row.evidence_start) == (None, None, None)
    assert row.origin_detail == "reviewer: rita; picked: carla"
    taken = reviewed.editor.pick_stance(document, 1, "Russland", "AGAINST", from_annotator="anna")
    row = gold_row(project)
    assert row.holder_actor_id == actor_id(project, "Russland")
    assert (row.holder_start, row.holder_end) == RUSSLAND
    assert (row.evidence_start, row.evidence_end) == german_at("verurteilte")
    assert row.origin_detail == "reviewer: rita; picked: anna"
    assert stance(project, reviewed)["Russland"].gold_holder == StanceHolder(
        "Russland", "Russland", "verurteilte"
    )
    bens = reviewed.editor.pick_stance(document, 1, "Russland", "AGAINST", from_annotator="ben")
    row = gold_row(project)
    assert (row.holder_actor_id, row.holder_start, row.evidence_start) == (
        actor_id(project, "Russland"),
        None,
        None,
    )
    # Undo takes back one pick: anna's holder and evidence again.
    reviewed.editor.undo(bens.action_id)
    assert (gold_row(project).evidence_start, gold_row(project).holder_start) == (
        german_at("verurteilte")[0],
        RUSSLAND[0],
    )
    reviewed.editor.undo(taken.action_id)
    assert gold_row(project).holder_start is None  # carla's: the author
    assert own_rows(project, list(reviewed.annotators.values())) == before


def test_without_an_annotator_the_majority_rule_stays(project, reviewed) -> None:
    # Three different versions: the earliest row's (anna's) wins, as before.
    reviewed.editor.pick_stance(reviewed.document_id, 1, "Russland", "AGAINST")
    row = gold_row(project)
    assert (row.holder_start, row.evidence_start) == (RUSSLAND[0], german_at("verurteilte")[0])
    assert row.origin_detail == "reviewer: rita; picked: anna, ben, carla"


def test_an_annotator_who_did_not_give_the_label_is_refused(project, reviewed) -> None:
    document = reviewed.document_id
    with pytest.raises(AnnotationError, match="carla did not label sentence 2 FAVOR"):
        reviewed.editor.pick_stance(document, 1, "Russland", "FAVOR", from_annotator="carla")
    with pytest.raises(AnnotationError, match="nobody did not label"):
        reviewed.editor.pick_stance(document, 1, "Russland", "AGAINST", from_annotator="nobody")
    assert stance(project, reviewed)["Russland"].gold is None
