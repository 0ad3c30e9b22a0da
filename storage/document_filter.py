"""Which documents a list shows: the filter an annotator sets (status, label, words,
assignment) as conditions on ``Document``, for the counts and pages of
``storage.documents``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from storage.models import (
    AnnotationState,
    Assignment,
    Document,
    DocumentFlag,
    DocumentStatus,
    DocumentStatusValue,
    EntityLabel,
    EntitySpan,
)
from storage.search import text_match_condition


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a list shows, as one annotator sees them; the parts combine (and).

    ``status``: the annotator's status (a document never opened counts as new). ``label``:
    an entity label's name; documents with a span of it that the annotator sees (their own
    rows, less rejected ones, and the suggestions they have not decided on). ``text``: every
    word in the title or text (full-text search; see ``storage.search``). ``assigned``:
    only the documents assigned to the annotator (``storage.assignment``); none for no
    annotator. ``unsure``: only the documents the annotator flagged as unsure
    (``storage.document_flags``)."""

    status: DocumentStatusValue | None = None
    label: str | None = None
    text: str = ""
    assigned: bool = False
    unsure: bool = False

    @property
    def active(self) -> bool:
        return (
            self.status is not None
            or bool(self.label)
            or bool(self.text.split())
            or self.assigned
            or self.unsure
        )


NO_FILTER = DocumentFilter()


def filter_conditions(
    session: Session, project_id: int, annotator_id: int | None, document_filter: DocumentFilter
) -> list[ColumnElement[bool]]:
    """Conditions on ``Document`` (for correlated use) that make up ``document_filter``."""
    conditions: list[ColumnElement[bool]] = []
    if document_filter.status is not None:
        status = func.coalesce(annotator_status(annotator_id), DocumentStatusValue.NEW.value)
        conditions.append(status == document_filter.status.value)
    if document_filter.label:
        conditions.append(_has_label(project_id, annotator_id, document_filter.label))
    if document_filter.assigned:
        conditions.append(_assigned_to(annotator_id))
    if document_filter.unsure:
        conditions.append(_flagged_by(annotator_id))
    dialect = session.get_bind().dialect.name
    matches = text_match_condition(dialect, document_filter.text)
    if matches is not None:
        conditions.append(matches)
    return conditions


def _has_label(project_id: int, annotator_id: int | None, label: str) -> ColumnElement[bool]:
    span = aliased(EntitySpan, name="labelled_span")
    label_id = (
        select(EntityLabel.id)
        .where(EntityLabel.project_id == project_id, EntityLabel.name == label)
        .scalar_subquery()
    )
    suggestion = span.annotator_id.is_(None)
    if annotator_id is not None:
        decision = aliased(EntitySpan, name="label_decision")
        decided = exists().where(
            decision.suggestion_id == span.id, decision.annotator_id == annotator_id
        )
        own = and_(span.annotator_id == annotator_id, span.state != AnnotationState.REJECTED)
        seen = or_(own, and_(suggestion, ~decided))
    else:
        seen = suggestion
    return exists().where(span.document_id == Document.id, span.label_id == label_id, seen)


def _assigned_to(annotator_id: int | None) -> ColumnElement[bool]:
    # One lookup per document in the unique (document_id, annotator_id) index; no annotator
    # has no assignments (annotator_id = NULL matches nothing).
    return exists().where(
        Assignment.document_id == Document.id, Assignment.annotator_id == annotator_id
    )


def _flagged_by(annotator_id: int | None) -> ColumnElement[bool]:
    # One lookup per document in the unique (document_id, annotator_id) index.
    return exists().where(
        DocumentFlag.document_id == Document.id, DocumentFlag.annotator_id == annotator_id
    )


def annotator_status(annotator_id: int | None) -> ColumnElement[str | None]:
    """The annotator's status of the document (correlated to ``Document``); NULL: new."""
    return (
        select(DocumentStatus.status)
        .where(
            DocumentStatus.document_id == Document.id, DocumentStatus.annotator_id == annotator_id
        )
        .scalar_subquery()
    )
