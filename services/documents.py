"""The project's documents as the window lists and keeps them: pages of the list, one
document's text, the annotator's progress and the time spent on a document."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from storage.assignment import has_assignments
from storage.database import Database
from storage.documents import (
    IMPORT_ORDER,
    NO_FILTER,
    DocumentFilter,
    DocumentRow,
    count_documents,
    document_page,
)
from storage.label_schema import entity_label_ids
from storage.models import Annotator, Document, DocumentStatusValue
from storage.progress import add_time, done_count, status_of
from storage.project import OpenProject
from storage.search import refresh_search_index

__all__ = [
    "DocumentSource",
    "add_time",
    "annotator_names",
    "documents_after",
    "entity_label_names",
    "is_new_for",
    "progress",
]


@dataclass(frozen=True)
class DocumentSource:
    """Where the rows come from: one project's documents as one annotator sees them."""

    db: Database
    project_id: int
    annotator_id: int | None

    def count(self, document_filter: DocumentFilter = NO_FILTER) -> int:
        """How many documents pass ``document_filter``; a text filter first indexes what was
        stored since the last search, so it misses nothing."""
        if document_filter.text.split():
            refresh_search_index(self.db)
        with self.db.read() as session:
            return count_documents(session, self.project_id, self.annotator_id, document_filter)

    def page(
        self,
        offset: int,
        limit: int,
        after_id: int | None = None,
        *,
        order: str = IMPORT_ORDER,
        after: tuple[float | None, int] | None = None,
        document_filter: DocumentFilter = NO_FILTER,
    ) -> list[DocumentRow]:
        """A page in ``order`` ("import" or "uncertainty"); see ``document_page``."""
        with self.db.read() as session:
            return document_page(
                session,
                self.project_id,
                self.annotator_id,
                offset,
                limit,
                after_id,
                order=order,
                after=after,
                document_filter=document_filter,
            )

    def has_assignments(self) -> bool:
        """Whether any document of the project is assigned (what the list's filter offers)."""
        with self.db.read() as session:
            return has_assignments(session, self.project_id)

    def row(self, document_id: int) -> DocumentRow | None:
        """One document's row (the page of one that starts right before it in import order,
        whatever order the list is in)."""
        rows = self.page(0, 1, after_id=document_id - 1)
        return rows[0] if rows and rows[0].id == document_id else None


def progress(db: Database, project_id: int, annotator_id: int) -> tuple[int, int]:
    """(documents the annotator marked done, all documents of the project)."""
    with db.read() as session:
        return done_count(session, project_id, annotator_id), count_documents(session, project_id)


def documents_after(db: Database, project_id: int, after_id: int) -> tuple[int, int]:
    """(how many of the project's documents have an id above ``after_id``, the largest id):
    a cheap look whether another program (``python main.py import``) added documents."""
    with db.read() as session:
        count, newest = session.execute(
            select(func.count(Document.id), func.max(Document.id)).where(
                Document.project_id == project_id, Document.id > after_id
            )
        ).one()
    return int(count), int(newest or after_id)


def is_new_for(db: Database, document_id: int, annotator_id: int) -> bool:
    """Whether the annotator has not opened the document before."""
    status, _seconds = status_of(db, document_id, annotator_id)
    return status == DocumentStatusValue.NEW


def entity_label_names(project: OpenProject) -> list[str]:
    """The project's entity labels (what the list's filter offers)."""
    with project.db.read() as session:
        return list(entity_label_ids(session, project.project_id))


def annotator_names(project: OpenProject) -> list[str]:
    """Everybody who annotates in the project's database, by name."""
    with project.db.read() as session:
        return sorted(session.scalars(select(Annotator.name)))
