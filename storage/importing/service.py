"""Storing what the readers read: batches of documents, one transaction each.

A batch is all or nothing, so a failure never leaves half a document; duplicates (same
SHA-256 in the project) are reported and skipped; bad input is reported with its file and
line and the import goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id
from storage.importing.readers import read_paths
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from storage.label_schema import ensure_entity_label, entity_label_ids
from storage.models import AnnotationState, Document, EntitySpan, Event, OriginKind, utcnow
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

    def import_paths(
        self, paths: Sequence[Path], options: ReadOptions | None = None
    ) -> ImportSummary:
        """Read ``paths`` (files or folders) and store their documents."""
        return self.import_items(read_paths(paths, options or ReadOptions()))

    def import_items(self, items: Iterable[ImportedRecord | ImportProblem]) -> ImportSummary:
        summary = ImportSummary()
        batch: list[ImportedRecord] = []
        size = seen = 0
        for item in items:
            if isinstance(item, ImportProblem):
                summary.add_problem(item)
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

    def _store_batch(self, batch: list[ImportedRecord], summary: ImportSummary, seen: int) -> None:
        hashes = [text_hash(record.text) for record in batch]
        languages = [self._language(record) for record in batch]
        with self.db.write() as session:
            existing = self._existing(session, hashes)
            rows, kept = [], []
            for record, digest, language in zip(batch, hashes, languages, strict=True):
                if digest in existing:
                    summary.duplicates.append(
                        ImportProblem(record.location, f"duplicate of “{existing[digest]}”")
                    )
                    continue
                existing[digest] = record.source or record.location
                rows.append(self._document_row(record, digest, language))
                kept.append(record)
            if not rows:
                return
            # Core statements on the tables: the ORM's bulk path costs more than SQLite here.
            connection = session.connection()
            returning = Document.__table__.insert().returning(
                Document.__table__.c.id, sort_by_parameter_order=True
            )
            ids = connection.execute(returning, rows).scalars().all()
            action_id = new_action_id()
            connection.execute(
                Event.__table__.insert(),
                [self._event_row(action_id, i, r) for i, r in zip(ids, rows, strict=True)],
            )
            summary.spans += self._store_spans(session, kept, ids, summary)
        summary.imported += len(rows)
        summary.document_ids.extend(ids)
        if self.progress is not None:
            self.progress(seen, batch[-1].location)

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
            return record.language.strip().lower()[:16] or None
        detect = self.settings.detect_language
        return detect(record.text) if detect is not None else None

    def _document_row(self, record: ImportedRecord, digest: str, language: str | None) -> dict:
        return {
            "project_id": self.project_id,
            "sha256": digest,
            "text": record.text,
            "text_length": len(record.text),
            "title": (record.title or None) and record.title[:500],
            "source": record.source[:1000],
            "language": language,
            "meta": record.meta,
            "created_at": utcnow(),
        }

    def _event_row(self, action_id: str, document_id: int, row: dict) -> dict:
        after = {k: row[k] for k in ("sha256", "title", "source", "language", "text_length")}
        return {
            "project_id": self.project_id,
            "action_id": action_id,
            "at": row["created_at"],
            "annotator_id": None,
            "action": "document.import",
            "object_type": "document",
            "object_id": document_id,
            "document_id": document_id,
            "before": None,
            "after": after,
        }

    def _store_spans(
        self,
        session: Session,
        records: list[ImportedRecord],
        ids: Sequence[int],
        summary: ImportSummary,
    ) -> int:
        if not any(record.spans for record in records):
            return 0
        labels = entity_label_ids(session, self.project_id)
        as_suggestions = self.settings.spans_as_suggestions
        annotator_id = None
        if not as_suggestions:
            annotator_id = get_or_create_annotator(session, self.settings.annotator).id
        rows = []
        for record, document_id in zip(records, ids, strict=True):
            for span in record.spans:
                if span.label not in labels:
                    labels[span.label] = ensure_entity_label(session, self.project_id, span.label)
                    summary.add_problem(
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
                        if as_suggestions
                        else AnnotationState.ACCEPTED,
                        "origin_kind": OriginKind.IMPORT,
                        "origin_name": Path(record.source).name or None,
                        "annotator_id": annotator_id,
                    }
                )
        if rows:
            session.execute(insert(EntitySpan), rows)
        return len(rows)
