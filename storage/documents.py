"""Reading documents for lists and views, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
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
    session: Session, project_id: int, annotator_id: int | None, offset: int, limit: int
) -> list[DocumentRow]:
    """Documents ``offset`` to ``offset + limit`` in import order, with the annotator's status
    and the number of spans they see (``annotator_id`` None: status new, suggestions only)."""
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
        .offset(offset)
        .limit(limit)
    )
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


def search_documents(session: Session, project_id: int, query: str, limit: int = 1000) -> list[int]:
    """Ids of documents whose title or text contain every word of ``query`` (as word
    prefixes), best matches first. The query is taken literally, never as FTS syntax."""
    words = [w.replace('"', '""') for w in query.split()]
    if not words:
        return []
    if session.get_bind().dialect.name != "sqlite":
        conditions = [Document.text.contains(w) for w in query.split()]
        found = select(Document.id).where(Document.project_id == project_id, *conditions)
        return list(session.scalars(found.limit(limit)))
    match = " ".join(f'"{w}"*' for w in words)
    rows = session.execute(
        text(
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.rowid "
            "WHERE documents_fts MATCH :match AND d.project_id = :project "
            "ORDER BY f.rank LIMIT :limit"
        ),
        {"match": match, "project": project_id, "limit": limit},
    )
    return [row[0] for row in rows]
