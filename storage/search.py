"""Full-text search over a project's documents.

On SQLite the FTS5 index is filled after imports (see migration 0002): ``refresh_search_index``
indexes what is new, in committed batches, and ``search_documents`` calls it first, so a
search never misses a stored document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Select,
    and_,
    literal_column,
    or_,
    select,
    table,
    text,
)

from storage.database import Database
from storage.models import Document

INDEX_BATCH = 2000


def _uses_fts(db: Database) -> bool:
    return db.engine.dialect.name == "sqlite"


def refresh_search_index(db: Database, should_cancel: Callable[[], bool] = lambda: False) -> int:
    """Index the documents stored since the last refresh; return how many were indexed."""
    if not _uses_fts(db):
        return 0
    indexed = 0
    while not should_cancel():
        with db.write() as session:
            done_up_to = session.execute(
                text("SELECT indexed_up_to FROM search_index_state WHERE id = 1")
            ).scalar_one()
            batch_end = session.execute(
                text(
                    "SELECT max(id) FROM (SELECT id FROM documents WHERE id > :done "
                    "ORDER BY id LIMIT :n)"
                ),
                {"done": done_up_to, "n": INDEX_BATCH},
            ).scalar()
            if batch_end is None:
                return indexed
            # An INSERT's result is a CursorResult, which has the rowcount.
            result = cast(
                "CursorResult[Any]",
                session.execute(
                    text(
                        "INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text "
                        "FROM documents WHERE id > :done AND id <= :end"
                    ),
                    {"done": done_up_to, "end": batch_end},
                ),
            )
            session.execute(
                text("UPDATE search_index_state SET indexed_up_to = :end WHERE id = 1"),
                {"end": batch_end},
            )
            indexed += result.rowcount
    return indexed


def search_documents(db: Database, project_id: int, query: str, limit: int = 1000) -> list[int]:
    """Ids of the project's documents whose title or text contain every word of ``query``
    (as word prefixes), best matches first. The query is taken literally, never as syntax."""
    words = query.split()
    if not words:
        return []
    if not _uses_fts(db):
        with db.read() as session:
            found = select(Document.id).where(
                Document.project_id == project_id, *(_contains(word) for word in words)
            )
            return list(session.scalars(found.order_by(Document.id).limit(limit)))
    refresh_search_index(db)
    match = fts_match_expression(query)
    with db.read() as session:
        rows = session.execute(
            text(
                "SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.rowid "
                "WHERE documents_fts MATCH :match AND d.project_id = :project "
                "ORDER BY f.rank LIMIT :limit"
            ),
            {"match": match, "project": project_id, "limit": limit},
        )
        return [row[0] for row in rows]


def fts_match_expression(query: str) -> str | None:
    """The FTS5 MATCH text for ``query``: every word as a literal word prefix (quotes
    doubled, so nothing in it is read as syntax); None for a query without words."""
    words = query.split()
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _contains(word: str) -> ColumnElement[bool]:
    """Title or text contains ``word``, case-insensitively like FTS5, and literally: ``%``
    and ``_`` are escaped (the substring search of databases without the FTS5 index)."""
    return or_(
        Document.text.icontains(word, autoescape=True),
        Document.title.icontains(word, autoescape=True),
    )


def text_match_condition(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A condition on ``Document`` for "title or text contains every word of ``query``" to
    use inside a larger query (the document list's filter): the FTS5 index on SQLite, plain
    substring tests elsewhere. None for a query without words. On SQLite call
    ``refresh_search_index`` first, or documents stored since the last refresh are missed."""
    match = fts_match_expression(query)
    if match is None:
        return None
    if dialect != "sqlite":
        return and_(*(_contains(word) for word in query.split()))
    matching: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(table("documents_fts"))
        .where(text("documents_fts MATCH :fts_match").bindparams(fts_match=match))
    )
    return Document.id.in_(matching)
