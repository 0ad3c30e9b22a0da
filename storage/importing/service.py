"""Storing what the readers read: batches of documents, one transaction each.

A batch is all or nothing, so a failure never leaves half a document; a batch the database
refuses is retried record by record, so one bad record is reported and the others stored.
Duplicates (same SHA-256 in the project) are reported and skipped; bad input is reported
with its file and line and the import goes on. Before a record is stored, the rules of
``record_checks.prepare_record`` clean what it carries (labels, title, language, metadata)
and say what they changed as warnings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError, StatementError
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id
from storage.importing.attach_labels import Candidate, attach_labels
from storage.importing.readers import read_paths
from storage.importing.record_checks import overlapping_spans, prepare_record, unstorable_reason
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from storage.importing.span_import import store_imported_spans
from storage.importing.stance_import import (
    stance_label_names,
    store_imported_stance,
    unknown_stance_label,
)
from storage.importing.text_rules import printable, shown
from storage.models import Document, Event, Project, utcnow
from storage.project import get_or_create_annotator
from text.counts import counted

LanguageDetector = Callable[[str], str | None]
BATCH_DOCUMENTS = 500
BATCH_CHARACTERS = 20_000_000
MAX_REPORTED_PROBLEMS = 1000  # a garbage file must not fill memory with messages
MAX_REPORTED_DUPLICATES = 1000  # nor does a re-import of a million articles
MAX_ANNOTATOR_CHARS = 200  # the column's length
# A stored record with what preparing it changed (warnings, reported once it is committed).
_Prepared = tuple[ImportedRecord, list[str]]


@dataclass(frozen=True)
class ImportSettings:
    """How stored records are treated; ``annotator`` is who imported annotations belong to.

    Raises ``ValueError`` saying why when the annotator's name cannot be stored (empty, over
    200 characters, a control character or a lone surrogate, as a command line argument in
    a broken encoding gives): before anything is written, not halfway through an import.
    """

    annotator: str = "import"
    # Imported spans and sentence stance as suggestions to review, not labels.
    spans_as_suggestions: bool = False
    detect_language: LanguageDetector | None = None

    def __post_init__(self) -> None:
        name = self.annotator.strip()
        if not name:
            raise ValueError("an annotator needs a name")
        if len(name) > MAX_ANNOTATOR_CHARS:
            raise ValueError(
                f"the annotator name {shown(name)} is longer than {MAX_ANNOTATOR_CHARS} characters"
            )
        if printable(name) != name:
            raise ValueError(
                f"the annotator name {shown(name)} contains a control character or an invalid "
                "character (a lone surrogate: was it given in another encoding than UTF-8?)"
            )


@dataclass
class ImportSummary:
    """What an import did, for the command line and the GUI."""

    imported: int = 0
    spans: int = 0
    stance: int = 0  # stance labels (or suggestions) stored
    actors: int = 0  # holder names that became new actors
    duplicates: list[ImportProblem] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    attached: list[ImportProblem] = field(default_factory=list)  # labels added to a document
    # already there (another annotator's work on the same text); listed up to the cap
    attached_count: int = 0
    cancelled: bool = False
    unreported_errors: int = 0  # errors past MAX_REPORTED_PROBLEMS, counted but not kept
    unreported_warnings: int = 0  # warnings past MAX_REPORTED_PROBLEMS
    unreported_duplicates: int = 0  # duplicates past MAX_REPORTED_DUPLICATES

    def add_problem(self, problem: ImportProblem) -> None:
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(problem)
        elif problem.severity == "error":
            self.unreported_errors += 1
        else:
            self.unreported_warnings += 1

    def add_duplicate(self, duplicate: ImportProblem) -> None:
        if len(self.duplicates) < MAX_REPORTED_DUPLICATES:
            self.duplicates.append(duplicate)
        else:
            self.unreported_duplicates += 1

    @property
    def duplicate_count(self) -> int:
        """Every duplicate skipped, listed in ``duplicates`` or not."""
        return len(self.duplicates) + self.unreported_duplicates

    @property
    def error_count(self) -> int:
        """Every input skipped for an error, listed in ``problems`` or not."""
        return sum(1 for p in self.problems if p.severity == "error") + self.unreported_errors

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.problems if p.severity != "error") + self.unreported_warnings

    @property
    def skipped(self) -> int:
        return self.duplicate_count + self.error_count

    def lines(self) -> list[str]:
        """A human-readable report: one line per problem (at most the first 1000 problems
        and 1000 duplicates, then how many more), then the totals. Every line is printable:
        control characters and invalid characters of file names are shown as escapes."""
        report = [printable(f"{p.location}: {p.severity}: {p.message}") for p in self.problems]
        if self.unreported_errors:
            report.append(f"… and {self.unreported_errors} more errors not listed")
        if self.unreported_warnings:
            report.append(f"… and {self.unreported_warnings} more warnings not listed")
        report += [printable(f"{d.location}: skipped: {d.message}") for d in self.duplicates]
        report += [printable(f"{a.location}: {a.message}") for a in self.attached]
        if self.unreported_duplicates:
            report.append(f"… and {self.unreported_duplicates} more duplicates not listed")
        stance = f", {counted(self.stance, 'stance label')}" if self.stance else ""
        if self.actors:
            stance += f", {counted(self.actors, 'new actor')}"
        attached = (
            f"labels added to {counted(self.attached_count, 'document')} already there, "
            if self.attached_count
            else ""
        )
        report.append(
            f"imported {counted(self.imported, 'document')} ({counted(self.spans, 'span')}"
            f"{stance}), {attached}"
            f"skipped {counted(self.duplicate_count, 'duplicate')} and "
            f"{self.error_count} with errors" + (" — cancelled" if self.cancelled else "")
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
        self._stance_labels: list[str] | None = None
        self._label_notes: set[str] = set()  # label warnings said once per import

    def import_paths(
        self, paths: Sequence[Path], options: ReadOptions | None = None
    ) -> ImportSummary:
        """Read ``paths`` (files or folders) and store their documents."""
        return self.import_items(read_paths(paths, options or ReadOptions()))

    def import_items(self, items: Iterable[ImportedRecord | ImportProblem]) -> ImportSummary:
        """Store the records among ``items`` and report the problems. Raises
        ``ImportInterruptedError`` (with the summary so far) when the database fails."""
        summary = ImportSummary()
        batch: list[_Prepared] = []
        size = seen = 0
        for item in items:
            prepared = item if isinstance(item, ImportProblem) else self._prepare(item)
            if isinstance(prepared, ImportProblem):
                summary.add_problem(prepared)
                continue
            batch.append(prepared)
            size += len(prepared[0].text)
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

    def _prepare(self, record: ImportedRecord) -> _Prepared | ImportProblem:
        """The record as it will be stored with its warnings, or why it is skipped."""
        reason = unstorable_reason(record)
        if reason is not None:
            return ImportProblem(record.location, reason)
        prepared = prepare_record(record)
        if isinstance(prepared, ImportProblem):
            return prepared
        spans = prepared[0].spans
        if spans and not self._allows_overlaps():
            pair = overlapping_spans(spans)
            if pair is not None:
                first, second = pair
                return ImportProblem(
                    record.location,
                    f"spans {first.start}–{first.end} {first.label} and {second.start}–"
                    f"{second.end} {second.label} overlap, which this project does not allow; "
                    "record skipped",
                )
        if prepared[0].stance:
            reason = unknown_stance_label(prepared[0].stance, self._project_stance_labels())
            if reason is not None:
                return ImportProblem(record.location, reason)
        return prepared

    def _project_stance_labels(self) -> list[str]:
        # Read once: labels an import creates are the defaults, always allowed.
        if self._stance_labels is None:
            with self.db.read() as session:
                self._stance_labels = stance_label_names(session, self.project_id)
        return self._stance_labels

    def _allows_overlaps(self) -> bool:
        if self._overlaps_allowed is None:
            with self.db.read() as session:
                project = session.get(Project, self.project_id)
                settings = project.settings if project is not None else {}
                self._overlaps_allowed = bool(settings.get("allow_overlapping_spans"))
        return self._overlaps_allowed

    def _store_batch(self, batch: list[_Prepared], summary: ImportSummary, seen: int) -> None:
        try:
            self._write_batch(batch, summary)
        except (IntegrityError, DataError) as exc:
            # A value the database refuses (PostgreSQL checks more than SQLite) costs only
            # the record that holds it.
            if len(batch) == 1:  # this is the record the database refuses
                reason = str(exc.orig or exc).splitlines()[0]
                location = batch[0][0].location
                summary.add_problem(ImportProblem(location, f"cannot be stored: {reason}"))
            else:
                for prepared in batch:
                    self._store_batch([prepared], summary, seen)
                return
        except SQLAlchemyError as exc:
            # Only a statement's error carries the driver's own (``orig``), the clearer one.
            orig = exc.orig if isinstance(exc, StatementError) else None
            raise ImportInterruptedError(summary, str(orig or exc).splitlines()[0]) from exc
        if self.progress is not None:
            self.progress(seen, batch[-1][0].location)

    def _write_batch(self, batch: list[_Prepared], summary: ImportSummary) -> None:
        """One transaction: the batch's new documents, their spans and their events."""
        hashes = [text_hash(record.text) for record, _ in batch]
        languages = [self._language(record) for record, _ in batch]
        ids: list[int] = []
        spans = stance = actors = 0
        warnings: list[ImportProblem] = []
        with self.db.write() as session:
            annotator_id = self._importing_annotator(session)
            existing = self._existing(session, hashes)
            rows: list[dict] = []
            kept: list[ImportedRecord] = []
            duplicates: list[ImportProblem] = []
            notes: list[ImportProblem] = []
            candidates: list[Candidate] = []
            for (record, said), digest, language in zip(batch, hashes, languages, strict=True):
                if digest in existing:
                    document_id, source = existing[digest]
                    if document_id is not None and self._attaches(record):
                        candidates.append(Candidate(record, document_id, source))
                    else:
                        duplicates.append(
                            ImportProblem(record.location, f"duplicate of “{source}”")
                        )
                    continue
                existing[digest] = (None, record.source or record.location)
                rows.append(self._document_row(record, digest, language))
                kept.append(record)
                notes += (ImportProblem(record.location, m, severity="warning") for m in said)
            if rows:
                ids, (spans, stance, actors), warnings = self._insert(
                    session, rows, kept, annotator_id
                )
            if candidates:
                attached = attach_labels(
                    session, self.project_id, annotator_id, self.settings.annotator, candidates
                )
        # Counted (and remembered) only once the transaction committed.
        self._annotator_id = annotator_id
        if candidates:
            duplicates += attached.duplicates
            warnings += attached.warnings
            spans, stance = spans + attached.spans, stance + attached.stance
            actors += attached.actors
            summary.attached_count += len(attached.notes)
            room = MAX_REPORTED_DUPLICATES - len(summary.attached)
            summary.attached += attached.notes[: max(room, 0)]
        for duplicate in duplicates:
            summary.add_duplicate(duplicate)
        for note in notes:
            summary.add_problem(note)
        for warning in warnings:
            if warning.message not in self._label_notes:  # "added label X" once, not per record
                self._label_notes.add(warning.message)
                summary.add_problem(warning)
        summary.spans += spans
        summary.stance += stance
        summary.actors += actors
        summary.imported += len(ids)
        summary.document_ids.extend(ids)

    def _insert(
        self, session: Session, rows: list[dict], kept: list[ImportedRecord], annotator_id: int
    ) -> tuple[list[int], tuple[int, int, int], list[ImportProblem]]:
        """Insert the documents, their events, spans and stance rows; return the new ids, the
        number of spans, of stance rows and of new actors (holders), and the warnings about
        labels, targets and actors."""
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
        owner = None if self.settings.spans_as_suggestions else annotator_id
        spans, warnings = 0, list[ImportProblem]()
        if any(record.spans for record in kept):
            spans, warnings = store_imported_spans(
                session, self.project_id, action_id, owner, kept, ids
            )
        if not any(record.stance for record in kept):
            return ids, (spans, 0, 0), warnings
        stance = store_imported_stance(session, self.project_id, action_id, owner, kept, ids)
        return ids, (spans, stance.stored, stance.actors), warnings + stance.warnings

    def _importing_annotator(self, session: Session) -> int:
        # Not cached here: the transaction that creates the annotator may still roll back.
        if self._annotator_id is not None:
            return self._annotator_id
        return get_or_create_annotator(session, self.settings.annotator).id

    def _existing(self, session: Session, hashes: list[str]) -> dict[str, tuple[int | None, str]]:
        """Digest -> (id, source) of the documents the project has with these texts."""
        found: dict[str, tuple[int | None, str]] = {}
        for start in range(0, len(hashes), 500):  # stay under SQLite's variable limit
            chunk = hashes[start : start + 500]
            query = select(Document.sha256, Document.id, Document.source).where(
                Document.project_id == self.project_id, Document.sha256.in_(chunk)
            )
            found.update({digest: (i, source) for digest, i, source in session.execute(query)})
        return found

    def _attaches(self, record: ImportedRecord) -> bool:
        """Whether a text the project has already gets this record's labels: when it has
        labels and they are imported as an annotator's (not as suggestions)."""
        return bool(record.spans or record.stance) and not self.settings.spans_as_suggestions

    def _language(self, record: ImportedRecord) -> str | None:
        if record.language:  # prepare_record has cleaned it
            return record.language
        detect = self.settings.detect_language
        return detect(record.text) if detect is not None else None

    def _document_row(self, record: ImportedRecord, digest: str, language: str | None) -> dict:
        return {
            "project_id": self.project_id,
            "sha256": digest,
            "text": record.text,
            "text_length": len(record.text),
            "title": record.title,
            "source": record.source,
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
