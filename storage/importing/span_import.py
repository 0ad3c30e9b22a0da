"""Storing the spans that came with imported records, each one logged.

Label names arrive cleaned (``record_checks.prepare_record``). A name that differs from a
project label only in case ("per" where the project has "PER") is taken as that label,
with a warning: the schema editor refuses such pairs because they would look like one
label in the legend and in exports, and the annotator meant the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from storage.importing.logged_rows import ImportAction, insert_logged
from storage.importing.records import ImportedRecord, ImportProblem
from storage.importing.text_rules import shown
from storage.label_schema import ensure_entity_label, entity_label_ids
from storage.memory.learning import count_imported
from storage.models import AnnotationState, EntitySpan, OriginKind


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
    created, labels differing only in case from a project label are taken as it. Returns
    the number of spans and warnings about created and matched labels."""
    labels = _ProjectLabels(session, project_id, action_id, annotator_id)
    warnings: list[ImportProblem] = []
    rows, taught = [], []
    state = AnnotationState.SUGGESTED if annotator_id is None else AnnotationState.ACCEPTED
    for record, document_id in zip(records, document_ids, strict=True):
        for span in record.spans:
            label_id, message = labels.resolve(span.label)
            if message is not None:
                warnings.append(ImportProblem(record.location, message, severity="warning"))
            taught.append((record.text[span.start : span.end], label_id, document_id))
            rows.append(
                {
                    "document_id": document_id,
                    "doc_length": len(record.text),
                    "start_offset": span.start,
                    "end_offset": span.end,
                    "label_id": label_id,
                    "state": state,
                    "origin_kind": OriginKind.IMPORT,
                    "origin_name": Path(record.source).name or None,
                    "annotator_id": annotator_id,
                }
            )
    if rows:
        _insert_logged(session, project_id, action_id, annotator_id, rows, labels.names())
    if rows and annotator_id is not None:  # an annotator's labels teach the project memory
        count_imported(session, project_id, taught)
    return len(rows), warnings


class _ProjectLabels:
    """The project's entity labels by name, found ignoring case, created when missing."""

    def __init__(
        self, session: Session, project_id: int, action_id: str, annotator_id: int | None
    ) -> None:
        self.session, self.project_id = session, project_id
        self.action_id, self.annotator_id = action_id, annotator_id
        self.ids = entity_label_ids(session, project_id)
        self.folded = {name.casefold(): name for name in self.ids}

    def resolve(self, label: str) -> tuple[int, str | None]:
        """The id for ``label`` and a warning when it was created or matched ignoring case."""
        name = label if label in self.ids else self.folded.get(label.casefold())
        if name == label:
            return self.ids[name], None
        if name is not None:
            return self.ids[name], (
                f"label {shown(label)} taken as the project's label {shown(name)} "
                "(names differing only in case are one label)"
            )
        self.ids[label] = ensure_entity_label(
            self.session, self.project_id, label, self.action_id, self.annotator_id
        )
        self.folded[label.casefold()] = label
        return self.ids[label], f"label {shown(label)} was not in the project; added it"

    def names(self) -> dict[int, str]:
        return {label_id: name for name, label_id in self.ids.items()}


def _insert_logged(
    session: Session,
    project_id: int,
    action_id: str,
    annotator_id: int | None,
    rows: list[dict],
    names: dict[int, str],
) -> None:
    """Insert the span rows, each with its ``span.import`` event."""
    action = ImportAction(project_id, action_id, annotator_id, "span.import", "entity_span")
    insert_logged(
        session,
        EntitySpan.__table__,
        rows,
        action,
        lambda span_id, row: _snapshot(span_id, row, names[row["label_id"]]),
    )


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
