"""Labels that come with a text the project already has: another annotator's work on the
same article. They are added to the document there as that annotator's labels, instead of
the record being skipped as a duplicate, unless the annotator has labelled the document
already (then nothing of theirs is changed and the record is reported as a duplicate)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from storage.events import new_action_id
from storage.importing.records import ImportedRecord, ImportProblem
from storage.importing.span_import import store_imported_spans
from storage.importing.stance_import import store_imported_stance
from storage.models import EntitySpan, StanceAnnotation


@dataclass(frozen=True)
class Candidate:
    record: ImportedRecord
    document_id: int
    source: str  # the existing document's source, for messages


@dataclass
class Attached:
    notes: list[ImportProblem] = field(default_factory=list)  # labels added to a document
    duplicates: list[ImportProblem] = field(default_factory=list)  # labelled already: skipped
    warnings: list[ImportProblem] = field(default_factory=list)  # labels or targets created
    spans: int = 0
    stance: int = 0
    actors: int = 0  # holder names that became new actors


def attach_labels(
    session: Session,
    project_id: int,
    annotator_id: int,
    annotator: str,
    candidates: list[Candidate],
) -> Attached:
    """Store each candidate's labels on its existing document as ``annotator_id``'s, in the
    caller's transaction, one action for all."""
    result = Attached()
    labelled = _labelled_by(session, annotator_id, [c.document_id for c in candidates])
    taken: list[Candidate] = []
    for candidate in candidates:
        where = f"“{candidate.source}”"
        if candidate.document_id in labelled:
            message = f"duplicate of {where}, which {annotator} labelled already; labels not added"
            result.duplicates.append(ImportProblem(candidate.record.location, message))
            continue
        labelled.add(candidate.document_id)  # the same text twice in one import: once
        taken.append(candidate)
        message = f"labels added to {where}, already in the project"
        result.notes.append(ImportProblem(candidate.record.location, message, "note"))
    if not taken:
        return result
    action_id = new_action_id()
    records = [c.record for c in taken]
    ids = [c.document_id for c in taken]
    if any(r.spans for r in records):
        result.spans, warnings = store_imported_spans(
            session, project_id, action_id, annotator_id, records, ids
        )
        result.warnings += warnings
    if any(r.stance for r in records):
        stance = store_imported_stance(session, project_id, action_id, annotator_id, records, ids)
        result.stance = stance.stored
        result.actors = stance.actors
        result.warnings += stance.warnings
    return result


def _labelled_by(session: Session, annotator_id: int, document_ids: list[int]) -> set[int]:
    """The documents among ``document_ids`` where the annotator has any span or stance row."""
    spans = select(EntitySpan.document_id).where(
        EntitySpan.annotator_id == annotator_id, EntitySpan.document_id.in_(document_ids)
    )
    stance = select(StanceAnnotation.document_id).where(
        StanceAnnotation.annotator_id == annotator_id,
        StanceAnnotation.document_id.in_(document_ids),
    )
    return set(session.scalars(union(spans, stance)))
