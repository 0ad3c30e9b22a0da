"""Storing what the readers read: batches of documents, one transaction each.

A batch is all or nothing, so a failure never leaves half a document; a batch the database
refuses is retried record by record, so one bad record is reported and the others stored.
Duplicates (same SHA-256 in the project) are reported and skipped; bad input is reported
with its file and line and the import goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id
from storage.importing.readers import read_paths
from storage.importing.record_checks import overlapping_spans, safe_text, unstorable_reason
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from storage.importing.span_import import store_imported_spans
from storage.models import Document, Event, Project, utcnow
from storage.project import get_or_create_annotator

LanguageDetector = Callable[[str], str | None]
BATCH_DOCUMENTS = 500
BATCH_CHARACTERS = 20_000_000
MAX_REPORTED_PROBLEMS = 1000  # a garbage file must not fill memory with messages


@dataclass(frozen=True)
class ImportSettings:
    """How stored records are treated; ``annotator`` is who imported annotations belong to."""

    annotator: str = "import"
    spans_as_suggestions: bool = False  # imported spans as suggestions to review, not labels
    detect_language: LanguageDetector | None = None


@dataclass
class ImportSummary:
    """What an import did, for the command line and the GUI."""

    imported: int = 0
    spans: int = 0
    duplicates: list[ImportProblem] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    unreported_errors: int = 0  # errors past MAX_REPORTED_PROBLEMS, counted but not kept

    def add_problem(self, problem: ImportProblem) -> None:
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(problem)
        elif problem.severity == "error":
            self.unreported_errors += 1

    @property
    def skipped(self) -> int:
        errors = sum(1 for p in self.problems if p.severity == "error")
        return len(self.duplicates) + errors + self.unreported_errors

    def lines(self) -> list[str]:
        """A human-readable report: one line per problem, then the totals."""
        report = [f"{p.location}: {p.severity}: {p.message}" for p in self.problems]
        if self.unreported_errors:
            report.append(f"… and {self.unreported_errors} more errors not listed")
        report += [f"{d.location}: skipped: {d.message}" for d in self.duplicates]
        report.append(
            f"imported {self.imported} documents ({self.spans} spans), "
            f"skipped {len(self.duplicates)} duplicates and "
            f"{self.skipped - len(self.duplicates)} with errors"
            + (" — cancelled" if self.cancelled else "")
        )
        return report


class ImportInterruptedError(Exception):
    """The database failed mid-import (locked, disk full); ``summary`` says what was
    committed before."""

    def __init__(self, summary: ImportSummary, reason: str) -> None:
        super().__init__(reason)
        self.summary = summary
        self.reason = reason


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Importer:
    """Imports files into one project.

    ``progress(records_seen, location)`` is called after each batch; ``should_cancel()`` is
    asked between batches (what was committed stays).
    """

    def __init__(
        self,
        db: Database,
        project_id: int,
        settings: ImportSettings | None = None,
        progress: Callable[[int, str], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.db = db
        self.project_id = project_id
        self.settings = settings or ImportSettings()
        self.progress = progress
        self.should_cancel = should_cancel or (lambda: False)
        self._annotator_id: int | None = None
        self._overlaps_allowed: bool | None = None

    def import_paths(
        self, paths: Sequence[Path], options: ReadOptions | None = None
    ) -> ImportSummary:
        """Read ``paths`` (files or folders) and store their documents."""
        return self.import_items(read_paths(paths, options or ReadOptions()))

    def import_items(self, items: Iterable[ImportedRecord | ImportProblem]) -> ImportSummary:
        """Store the records among ``items`` and report the problems. Raises
        ``ImportInterruptedError`` (with the summary so far) when the database fails."""
        summary = ImportSummary()
        batch: list[ImportedRecord] = []
        size = seen = 0
        for item in items:
            problem = item if isinstance(item, ImportProblem) else self._refusal(item)
            if problem is not None:
                summary.add_problem(problem)
                continue
            batch.append(item)
            size += len(item.text)
            seen += 1
            if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_CHARACTERS:
                self._store_batch(batch, summary, seen)
                batch, size = [], 0
                if self.should_cancel():
                    summary.cancelled = True
                    return summary
        if batch:
            self._store_batch(batch, summary, seen)
        return summary

    def _refusal(self, record: ImportedRecord) -> ImportProblem | None:
        reason = unstorable_reason(record)
        if reason is None and record.spans and not self._allows_overlaps():
            pair = overlapping_spans(record.spans)
            if pair is not None:
                first, second = pair
                reason = (
                    f"spans {first.start}–{first.end} {first.label} and {second.start}–"
                    f"{second.end} {second.label} overlap, which this project does not allow; "
                    "record skipped"
                )
        return None if reason is None else ImportProblem(record.location, reason)

    def _allows_overlaps(self) -> bool:
        if self._overlaps_allowed is None:
            with self.db.read() as session:
                project = session.get(Project, self.project_id)
                settings = project.settings if project is not None else {}
                self._overlaps_allowed = bool(settings.get("allow_overlapping_spans"))
        return self._overlaps_allowed

    def _store_batch(self, batch: list[ImportedRecord], summary: ImportSummary, seen: int) -> None:
        try:
            self._write_batch(batch, summary)
        except IntegrityError as exc:
            if len(batch) == 1:  # this is the record the database refuses
                reason = str(exc.orig or exc).splitlines()[0]
                summary.add_problem(ImportProblem(batch[0].location, f"cannot be stored: {reason}"))
            else:
                for record in batch:
                    self._store_batch([record], summary, seen)
                return
        except SQLAlchemyError as exc:
            raise ImportInterruptedError(summary, str(exc.orig or exc).splitlines()[0]) from exc
        if self.progress is not None:
            self.progress(seen, batch[-1].location)

    def _write_batch(self, batch: list[ImportedRecord], summary: ImportSummary) -> None:
        """One transaction: the batch's new documents, their spans and their events."""
        hashes = [text_hash(record.text) for record in batch]
        languages = [self._language(record) for record in batch]
        duplicates: list[ImportProblem] = []
        with self.db.write() as session:
            annotator_id = self._importing_annotator(session)
            existing = self._existing(session, hashes)
            rows, kept = [], []
            for record, digest, language in zip(batch, hashes, languages, strict=True):
                if digest in existing:
                    duplicates.append(
                        ImportProblem(record.location, f"duplicate of “{existing[digest]}”")
                    )
                    continue
                existing[digest] = record.source or record.location
                rows.append(self._document_row(record, digest, language))
                kept.append(record)
            ids: list[int] = []
            spans, warnings = 0, []
            if rows:
                # Core statements on the tables: the ORM's bulk path costs more than SQLite.
                connection = session.connection()
                returning = Document.__table__.insert().returning(
                    Document.__table__.c.id, sort_by_parameter_order=True
                )
                ids = list(connection.execute(returning, rows).scalars().all())
                action_id = new_action_id()
                connection.execute(
                    Event.__table__.insert(),
                    [
                        self._event_row(action_id, i, r, annotator_id)
                        for i, r in zip(ids, rows, strict=True)
                    ],
                )
                if any(record.spans for record in kept):
                    owner = None if self.settings.spans_as_suggestions else annotator_id
                    spans, warnings = store_imported_spans(
                        session, self.project_id, action_id, owner, kept, ids
                    )
        # Counted (and remembered) only once the transaction committed.
        self._annotator_id = annotator_id
        summary.duplicates.extend(duplicates)
        for warning in warnings:
            summary.add_problem(warning)
        summary.spans += spans
        summary.imported += len(ids)
        summary.document_ids.extend(ids)

    def _importing_annotator(self, session: Session) -> int:
        # Not cached here: the transaction that creates the annotator may still roll back.
        if self._annotator_id is not None:
            return self._annotator_id
        return get_or_create_annotator(session, self.settings.annotator).id

    def _existing(self, session: Session, hashes: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(hashes), 500):  # stay under SQLite's variable limit
            chunk = hashes[start : start + 500]
            query = select(Document.sha256, Document.source).where(
                Document.project_id == self.project_id, Document.sha256.in_(chunk)
            )
            found.update({digest: source for digest, source in session.execute(query)})
        return found

    def _language(self, record: ImportedRecord) -> str | None:
        if record.language:
            return safe_text(record.language).strip().lower()[:16] or None
        detect = self.settings.detect_language
        return detect(record.text) if detect is not None else None

    def _document_row(self, record: ImportedRecord, digest: str, language: str | None) -> dict:
        title = safe_text(record.title)[:500] if record.title else None
        return {
            "project_id": self.project_id,
            "sha256": digest,
            "text": record.text,
            "text_length": len(record.text),
            "title": title or None,
            "source": safe_text(record.source)[:1000],
            "language": language,
            "meta": record.meta,
            "created_at": utcnow(),
        }

    def _event_row(
        self, action_id: str, document_id: int, row: dict, annotator_id: int | None
    ) -> dict:
        after = {k: row[k] for k in ("sha256", "title", "source", "language", "text_length")}
        return {
            "project_id": self.project_id,
            "action_id": action_id,
            "at": row["created_at"],
            "annotator_id": annotator_id,
            "action": "document.import",
            "object_type": "document",
            "object_id": document_id,
            "document_id": document_id,
            "before": None,
            "after": after,
        }
