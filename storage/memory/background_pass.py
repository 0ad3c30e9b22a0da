"""The background pass: spreading what the project memory learnt to the other documents.

The editor refreshes only the document it shows; this pass refreshes every other document
that contains a surface whose counts changed since the last finished pass, and checks the
documents stored since against all of the memory, a few documents per write transaction so
the window's own writes go in between. Two watermarks in the project's settings say how far
it got, so a cancelled or interrupted pass is simply run again (``gui.memory_pass`` runs it
off the GUI thread).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from storage.database import Database
from storage.memory.learning import chunks, rebuild_memory
from storage.memory.suggestions import load_memory, refresh_document_memory
from storage.models import Document, EntityMemory, Project
from storage.search import fts_match_expression

WATERMARK = "memory_propagated_at"  # Project.settings key: memory rows up to it are spread
DOCUMENTS_SEEN = "memory_documents_up_to"  # ... and documents up to this id were checked
ALL_DOCUMENTS_ABOVE = 2000  # changed surfaces: past this, a pass just visits every document
_WORD = re.compile(r"\w+")


@dataclass
class PassReport:
    surfaces: int = 0  # changed surfaces the pass spread
    new_documents: int = 0  # documents stored since the last pass, checked against it all
    documents: int = 0  # documents refreshed
    added: int = 0
    updated: int = 0
    removed: int = 0
    changed_documents: list[int] = field(default_factory=list)  # whose suggestions changed
    cancelled: bool = False


def _watermark(project: Project | None) -> datetime | None:
    value = (project.settings or {}).get(WATERMARK) if project is not None else None
    return datetime.fromisoformat(value) if value else None


def _documents_seen(project: Project | None) -> int:
    return int((project.settings or {}).get(DOCUMENTS_SEEN, 0)) if project is not None else 0


def _changed_surfaces(
    session: Session, project_id: int, since: datetime | None, until: datetime | None = None
) -> list[str]:
    table = EntityMemory.__table__
    query = select(table.c.surface).distinct().where(table.c.project_id == project_id)
    if since is not None:
        query = query.where(table.c.updated_at > since)
    if until is not None:
        query = query.where(table.c.updated_at <= until)
    return sorted(session.scalars(query))


def pending_memory(db: Database, project_id: int) -> int:
    """How many surfaces changed since the last finished pass (0: nothing to spread)."""
    with db.read() as session:
        since = _watermark(session.get(Project, project_id))
        return len(_changed_surfaces(session, project_id, since))


_FTS_QUERY = text(
    "SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.rowid "
    "WHERE documents_fts MATCH :match AND d.project_id = :project"
)


def documents_containing(session: Session, project_id: int, surfaces: Iterable[str]) -> set[int]:
    """Ids of the project's documents that may contain any of ``surfaces`` (a superset:
    matches are checked when refreshing). Uses the full-text index where it is up to date,
    and a plain substring test for documents stored since and on other databases."""
    surfaces = sorted(set(surfaces))
    found: set[int] = set()
    unindexed_from = 0  # documents with a larger id are not in the full-text index
    plain = surfaces
    if session.get_bind().dialect.name == "sqlite":
        unindexed_from = session.execute(
            text("SELECT indexed_up_to FROM search_index_state WHERE id = 1")
        ).scalar_one()
        plain = []
        for surface in surfaces:
            match = fts_match_expression(surface)
            if match is None or any(_WORD.search(w) is None for w in surface.split()):
                plain.append(surface)  # nothing the index could find it by
                continue
            found.update(session.scalars(_FTS_QUERY, {"match": match, "project": project_id}))
        tail = select(Document.id).where(
            Document.project_id == project_id, Document.id > unindexed_from
        )
        for chunk in chunks(surfaces, 50):
            contains = [Document.text.contains(s, autoescape=True) for s in chunk]
            found.update(session.scalars(tail.where(or_(*contains))))
    in_project = select(Document.id).where(Document.project_id == project_id)
    for chunk in chunks(plain, 50):
        contains = [Document.text.contains(s, autoescape=True) for s in chunk]
        found.update(session.scalars(in_project.where(or_(*contains))))
    return found


def propagate_memory(
    db: Database,
    project_id: int,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
    batch: int = 64,
) -> PassReport:
    """Spread what the memory learnt since the last finished pass to every document that
    contains a changed surface, and check documents stored since then against the whole
    memory: ``batch`` documents per write transaction (the window's own writes go in
    between), ``progress(done, total)`` after each. A cancelled pass keeps the watermarks,
    so the next one does it again (refreshing twice changes nothing).

    The project's first pass recomputes the counts from the spans (``rebuild_memory``):
    decisions made before the memory existed were never counted."""
    report = PassReport()
    with db.read() as session:
        project = session.get(Project, project_id)
        since, seen = _watermark(project), _documents_seen(project)
    if since is None:
        rebuild_memory(db, project_id)
    with db.read() as session:
        plan = _plan(session, project_id, since, seen)
    report.surfaces, report.new_documents = len(plan.surfaces), len(plan.new_documents)
    steps = [(plan.new_documents, None), (plan.changed_documents, set(plan.surfaces))]
    total, done = len(plan.new_documents) + len(plan.changed_documents), 0
    for documents, scope in steps:
        for first in range(0, len(documents), max(1, batch)):
            if should_cancel():
                report.cancelled = True
                return report
            chunk = documents[first : first + max(1, batch)]
            with db.write() as session:
                view = load_memory(session, project_id, scope)
                for document_id in chunk:
                    result = refresh_document_memory(session, project_id, document_id, view=view)
                    report.documents += 1
                    report.added += result.added
                    report.updated += result.updated
                    report.removed += result.removed
                    if result.changed:
                        report.changed_documents.append(document_id)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    _advance(db, project_id, plan.until or datetime.min, plan.last_document)
    return report


@dataclass
class _Plan:
    until: datetime | None  # the newest memory change the pass covers
    last_document: int  # the newest document it covers
    surfaces: list[str]  # changed since the last pass
    new_documents: list[int]  # stored since the last pass: against all of the memory
    changed_documents: list[int]  # the others that contain a changed surface


def _plan(session: Session, project_id: int, since: datetime | None, seen: int) -> _Plan:
    table = EntityMemory.__table__
    in_project = table.c.project_id == project_id
    until = session.scalar(select(func.max(table.c.updated_at)).where(in_project))
    last = session.scalar(select(func.max(Document.id)).where(Document.project_id == project_id))
    plan = _Plan(until, last or 0, [], [], [])
    if until is None:
        return plan  # the memory is empty: nothing to spread, nothing to check
    plan.surfaces = _changed_surfaces(session, project_id, since, until)
    says_something = table.c.accepted + table.c.rejected > 0
    if session.scalar(select(table.c.id).where(in_project, says_something).limit(1)) is None:
        seen = plan.last_document  # nothing to suggest or block in new documents
    if len(plan.surfaces) > ALL_DOCUMENTS_ABOVE:
        seen = 0  # so much changed: every document against all of the memory
    documents = select(Document.id).where(Document.project_id == project_id)
    plan.new_documents = sorted(
        session.scalars(documents.where(Document.id > seen, Document.id <= plan.last_document))
    )
    if plan.surfaces and seen:
        containing = documents_containing(session, project_id, plan.surfaces)
        plan.changed_documents = sorted(d for d in containing if d <= seen)
    return plan


def _advance(db: Database, project_id: int, until: datetime, last_document: int) -> None:
    """Move the watermarks forward (never back: a slower, older pass may finish last)."""
    with db.write() as session:
        project = session.get(Project, project_id)
        if project is None:
            return
        settings = dict(project.settings or {})
        current = _watermark(project)
        if current is None or current < until:
            settings[WATERMARK] = until.isoformat()
        settings[DOCUMENTS_SEEN] = max(_documents_seen(project), last_document)
        # A new dict: the JSON column does not notice changes made inside the old one.
        project.settings = settings
