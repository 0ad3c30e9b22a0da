"""Reading documents for lists and views, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Document, DocumentStatus, DocumentStatusValue, EntitySpan


@dataclass(frozen=True)
class DocumentRow:
    """What a document list shows about one document."""

    id: int
    title: str
    source: str
    language: str | None
    characters: int
    status: DocumentStatusValue
    spans: int


def count_documents(session: Session, project_id: int) -> int:
    return (
        session.scalar(select(func.count(Document.id)).where(Document.project_id == project_id))
        or 0
    )


def document_page(
    session: Session,
    project_id: int,
    annotator_id: int | None,
    offset: int,
    limit: int,
    after_id: int | None = None,
) -> list[DocumentRow]:
    """Up to ``limit`` documents in import order, with the annotator's status and the number
    of spans they see (``annotator_id`` None: status new, suggestions only).

    With ``after_id`` the page starts after that document (keyset paging: as fast at row
    100,000 as at row 1); otherwise ``offset`` rows are skipped."""
    status = (
        select(DocumentStatus.status)
        .where(
            DocumentStatus.document_id == Document.id, DocumentStatus.annotator_id == annotator_id
        )
        .scalar_subquery()
    )
    spans = (
        select(func.count(EntitySpan.id))
        .where(
            EntitySpan.document_id == Document.id,
            (EntitySpan.annotator_id == annotator_id) | EntitySpan.annotator_id.is_(None),
        )
        .scalar_subquery()
    )
    query = (
        select(
            Document.id,
            Document.title,
            Document.source,
            Document.language,
            Document.text_length,
            status,
            spans,
            func.substr(Document.text, 1, 120),
        )
        .where(Document.project_id == project_id)
        .order_by(Document.id)
        .limit(limit)
    )
    query = query.where(Document.id > after_id) if after_id is not None else query.offset(offset)
    rows = []
    for doc_id, title, source, language, length, state, span_count, start in session.execute(query):
        rows.append(
            DocumentRow(
                id=doc_id,
                title=title or _title_from_text(start),
                source=source,
                language=language,
                characters=length,
                status=DocumentStatusValue(state) if state else DocumentStatusValue.NEW,
                spans=span_count,
            )
        )
    return rows


def _title_from_text(start: str) -> str:
    """A document without a title is shown by its first words."""
    first_line = start.split("\n", 1)[0].strip()
    return first_line if len(first_line) <= 80 else first_line[:79].rstrip() + "…"


def get_document(session: Session, project_id: int, document_id: int) -> Document | None:
    document = session.get(Document, document_id)
    return document if document is not None and document.project_id == project_id else None


def document_texts(session: Session, project_id: int, document_ids: list[int]) -> dict[int, str]:
    """The texts of those of ``document_ids`` that are in the project, in one query."""
    rows = session.execute(
        select(Document.id, Document.text).where(
            Document.project_id == project_id, Document.id.in_(document_ids)
        )
    )
    return {document_id: text for document_id, text in rows}
