"""Storing the spans that came with imported records, each one logged."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from storage.importing.records import ImportedRecord, ImportProblem
from storage.label_schema import ensure_entity_label, entity_label_ids
from storage.models import AnnotationState, EntitySpan, Event, OriginKind, utcnow
from storage.project_memory import count_imported


def store_imported_spans(
    session: Session,
    project_id: int,
    action_id: str,
    annotator_id: int | None,
    records: Sequence[ImportedRecord],
    document_ids: Sequence[int],
) -> tuple[int, list[ImportProblem]]:
    """Insert the records' spans (as ``annotator_id``'s accepted labels, or as suggestions
    when it is None) with one ``span.import`` event each; labels the project lacks are
    created. Returns the number of spans and warnings about created labels."""
    labels = entity_label_ids(session, project_id)
    warnings = []
    rows = []
    for record, document_id in zip(records, document_ids, strict=True):
        for span in record.spans:
            if span.label not in labels:
                labels[span.label] = ensure_entity_label(
                    session, project_id, span.label, action_id, annotator_id
                )
                warnings.append(
                    ImportProblem(
                        record.location,
                        f"label {span.label!r} was not in the project; added it",
                        severity="warning",
                    )
                )
            rows.append(
                {
                    "document_id": document_id,
                    "doc_length": len(record.text),
                    "start_offset": span.start,
                    "end_offset": span.end,
                    "label_id": labels[span.label],
                    "state": AnnotationState.SUGGESTED
                    if annotator_id is None
                    else AnnotationState.ACCEPTED,
                    "origin_kind": OriginKind.IMPORT,
                    "origin_name": Path(record.source).name or None,
                    "annotator_id": annotator_id,
                }
            )
    if not rows:
        return 0, warnings
    returning = EntitySpan.__table__.insert().returning(
        EntitySpan.__table__.c.id, sort_by_parameter_order=True
    )
    ids = session.connection().execute(returning, rows).scalars().all()
    names = {label_id: name for name, label_id in labels.items()}
    now = utcnow()
    session.execute(
        insert(Event),
        [
            {
                "project_id": project_id,
                "action_id": action_id,
                "at": now,
                "annotator_id": annotator_id,
                "action": "span.import",
                "object_type": "entity_span",
                "object_id": span_id,
                "document_id": row["document_id"],
                "before": None,
                "after": _snapshot(span_id, row, names[row["label_id"]]),
            }
            for span_id, row in zip(ids, rows, strict=True)
        ],
    )
    if annotator_id is not None:  # an annotator's labels teach the project memory
        count_imported(
            session,
            project_id,
            (
                (record.text[span.start : span.end], labels[span.label], document_id)
                for record, document_id in zip(records, document_ids, strict=True)
                for span in record.spans
            ),
        )
    return len(rows), warnings


def _snapshot(span_id: int, row: dict, label: str) -> dict:
    # The same shape as storage.events.snapshot, so undo and replay read it alike.
    return {
        "id": span_id,
        "document_id": row["document_id"],
        "doc_length": row["doc_length"],
        "start_offset": row["start_offset"],
        "end_offset": row["end_offset"],
        "label_id": row["label_id"],
        "label": label,
        "state": row["state"].value,
        "origin_kind": row["origin_kind"].value,
        "origin_name": row["origin_name"],
        "origin_version": None,
        "origin_detail": None,
        "confidence": None,
        "annotator_id": row["annotator_id"],
        "suggestion_id": None,
    }
