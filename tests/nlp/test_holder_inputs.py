"""The entity spans the stance suggester reads to name holders (storage/stance/holder_inputs.py)."""

from __future__ import annotations

from storage.models import AnnotationState
from storage.stance.holder_inputs import document_entities
from tests.factories import TEXT, add_annotator, add_documents, add_entity


def test_entity_spans_nobody_rejected_in_one_read(project):
    # Texts of TEXT's length (the factory's spans assume it), different so none is skipped.
    first, second, third = add_documents(project, [TEXT[:-1] + str(n) for n in range(3)])
    anna = add_annotator(project, "anna")
    add_entity(project, first, 0.9, start=0)  # open suggestion: kept
    rejected = add_entity(project, first, 0.9, start=16)
    add_entity(project, first, None, anna, rejected, AnnotationState.REJECTED, start=16)
    accepted = add_entity(project, second, 0.7, start=4)
    add_entity(project, second, None, anna, accepted, AnnotationState.ACCEPTED, start=4)
    add_entity(project, second, None, anna, None, AnnotationState.EDITED, start=20)
    with project.db.read() as session:
        found = document_entities(session, [first, second, third])
    assert found == {
        first: [(0, 4, "ORG")],
        second: [(4, 8, "ORG"), (20, 24, "ORG")],  # the accepted one once
    }
    with project.db.read() as session:
        assert document_entities(session, []) == {}


def test_suggesting_stance_names_holders_from_the_documents_entity_spans(project):
    from sqlalchemy import select

    from nlp.suggest_stance import suggest_stance
    from storage.label_schema import entity_label_ids
    from storage.models import EntitySpan, OriginKind, StanceAnnotation
    from storage.stance.store import add_target

    text = "Der Militärexperte Jack Watling warnte, dass Russland die Ukraine brutal angreife."
    (document,) = add_documents(project, [text])
    add_target(project.db, project.project_id, "Russland", ["Russland"])
    start = text.index("Jack")
    with project.db.write() as session:
        session.add(
            EntitySpan(
                document_id=document,
                doc_length=len(text),
                start_offset=start,
                end_offset=start + len("Jack Watling"),
                label_id=entity_label_ids(session, project.project_id)["PER"],
                state=AnnotationState.SUGGESTED,
                origin_kind=OriginKind.MODEL,
                confidence=0.9,
            )
        )
    report = suggest_stance(project.db, project.project_id, [(document, "de")])
    assert report.added == 1
    with project.db.read() as session:
        (explanation,) = session.scalars(select(StanceAnnotation.explanation))
    # The entity span named him: his title is not part of the name.
    assert explanation.endswith("; holder: Jack Watling, reported speech")
