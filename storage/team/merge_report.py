"""What a merge reports: per file, per annotator, and each conflict (``storage.team.merge``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Conflict:
    """One annotator edited one document in two places."""

    annotator: str
    document_id: int
    document: str  # title or source, for people
    kept: str  # "file" or "project": whose version the project holds now
    set_aside: str  # where the other version came from (a file's uid, or "project")
    differences: list[str]  # the spans and stance rows that differ, as text

    def to_json(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "document_id": self.document_id,
            "document": self.document,
            "kept": self.kept,
            "set_aside_from": self.set_aside,
            "differences": self.differences,
        }


@dataclass
class AnnotatorMerge:
    """One annotator's part of one file."""

    annotator: str
    documents: int = 0  # documents with their work in the file
    decisions: int = 0  # spans, stance rows and statuses brought in
    taken: int = 0  # documents whose work came in (new or updated)
    unchanged: int = 0  # documents whose work the project had already (or newer)
    new_documents: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "documents": self.documents,
            "decisions": self.decisions,
            "documents_updated": self.taken,
            "documents_unchanged": self.unchanged,
            "new_documents": self.new_documents,
            "conflicts": [conflict.to_json() for conflict in self.conflicts],
        }


@dataclass
class FileMerge:
    """What merging one file did."""

    source: str  # the file or URL, as given
    uid: str  # the file's identity as a merge source
    annotators: list[AnnotatorMerge] = field(default_factory=list)
    new_documents: int = 0
    labels_added: list[str] = field(default_factory=list)  # "entity label EVENT", ...
    events: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.new_documents
            or self.labels_added
            or self.events
            or any(person.taken or person.conflicts for person in self.annotators)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "source_uid": self.uid,
            "new_documents": self.new_documents,
            "schema_added": self.labels_added,
            "events": self.events,
            "annotators": [item.to_json() for item in self.annotators],
        }


@dataclass
class MergeReport:
    files: list[FileMerge] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for f in self.files for a in f.annotators for c in a.conflicts]

    def lines(self) -> list[str]:
        lines = []
        for item in self.files:
            lines.append(
                f"{item.source}: {item.new_documents} new documents, {item.events} log entries"
            )
            lines += [f"  added {what}" for what in item.labels_added]
            for person in item.annotators:
                lines.append(
                    f"  {person.annotator}: {person.documents} documents, "
                    f"{person.decisions} decisions, {person.taken} updated, "
                    f"{person.new_documents} new documents, {len(person.conflicts)} conflicts"
                )
                for conflict in person.conflicts:
                    lines.append(
                        f"    conflict in document {conflict.document_id} "
                        f"({conflict.document}): kept the {conflict.kept}'s version, the "
                        f"other is set aside; differs in {'; '.join(conflict.differences[:5])}"
                    )
        conflicts = len(self.conflicts)
        lines.append(
            f"merged {len(self.files)} files, {conflicts} conflicts"
            + (" (the version edited last wins; the other is set aside)" if conflicts else "")
        )
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [item.to_json() for item in self.files],
            "conflicts": len(self.conflicts),
        }
