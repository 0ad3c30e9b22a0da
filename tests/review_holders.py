"""A review where the annotators agree on a label but not on who holds it (the review's
holder tests, of the storage and of the window)."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import StanceAnnotation
from storage.project import OpenProject
from storage.stance.actors import add_actors
from storage.stance.edits import StanceEditor
from tests.factories import SECOND, Reviewed, german_at, three_annotators


def stance_row_id(project: OpenProject, annotator_id: int, sentence_index: int) -> int:
    with project.db.read() as session:
        return session.scalars(
            select(StanceAnnotation.id).where(
                StanceAnnotation.annotator_id == annotator_id,
                StanceAnnotation.sentence_index == sentence_index,
            )
        ).one()


def differing_holders(project: OpenProject) -> Reviewed:
    """``three_annotators`` and an actor "Russland": sentence 1 toward Russland AGAINST by
    all three, held by Russland for anna (the words "Russland", evidence "verurteilte") and
    ben (the actor, no words), by the author for carla. Sentence 0 toward NATO stays NEUTRAL
    by all, anna naming NATO its holder (a NEUTRAL label's holder is not compared)."""
    reviewed = three_annotators(project)
    add_actors(project.db, project.project_id, [("Russland", [], "country")])
    ids = reviewed.annotators
    editors = {n: StanceEditor(project.db, project.project_id, i) for n, i in ids.items()}
    editors["ben"].set_sentence(reviewed.document_id, *SECOND, 1, "Russland", "AGAINST")
    anna = stance_row_id(project, ids["anna"], 1)
    editors["anna"].set_holder(anna, start=german_at("Russland")[0], end=german_at("Russland")[1])
    editors["anna"].set_evidence(anna, *german_at("verurteilte"))
    editors["ben"].set_holder(stance_row_id(project, ids["ben"], 1), actor="Russland")
    nato = german_at("NATO")
    editors["anna"].set_holder(stance_row_id(project, ids["anna"], 0), start=nato[0], end=nato[1])
    return reviewed
