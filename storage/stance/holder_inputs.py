"""What the stance suggester reads to name holders: the documents' entity spans."""

from __future__ import annotations

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from storage.models import AnnotationState, EntityLabel, EntitySpan

EntityTriple = tuple[int, int, str]  # start, end, label name


def document_entities(session: Session, document_ids: list[int]) -> dict[int, list[EntityTriple]]:
    """The entity spans of ``document_ids`` that nobody rejected, in one query: every
    annotator's accepted and edited spans and the open machine suggestions (those no
    annotator has rejected), each place and label once, in text order."""
    if not document_ids:
        return {}
    decision = aliased(EntitySpan)
    rejected = exists().where(
        decision.suggestion_id == EntitySpan.id,
        decision.state == AnnotationState.REJECTED,
    )
    kept = or_(
        EntitySpan.state.in_([AnnotationState.ACCEPTED, AnnotationState.EDITED]),
        and_(
            EntitySpan.annotator_id.is_(None),
            EntitySpan.state == AnnotationState.SUGGESTED,
            ~rejected,
        ),
    )
    rows = session.execute(
        select(
            EntitySpan.document_id,
            EntitySpan.start_offset,
            EntitySpan.end_offset,
            EntityLabel.name,
        )
        .join(EntityLabel, EntityLabel.id == EntitySpan.label_id)
        .where(EntitySpan.document_id.in_(document_ids), kept)
    )
    found: dict[int, set[EntityTriple]] = {}
    for document_id, start, end, label in rows:
        found.setdefault(document_id, set()).add((start, end, label))
    return {document_id: sorted(spans) for document_id, spans in found.items()}
