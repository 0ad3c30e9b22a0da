"""The labelled file ``main.py replay`` replays: read with the import's JSONL reader (our
export, Prodigy and doccano spans, stance rows), checked before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from errors import UserError
from storage.importing.read_jsonl import read_jsonl
from storage.importing.records import ImportedRecord, ImportedSpan, ReadOptions
from storage.importing.service import text_hash

MAX_PROBLEMS_SHOWN = 5


class ReplayError(UserError):
    """Why a replay cannot start (a bad gold file, a project that holds its texts)."""


@dataclass
class GoldFile:
    """The usable records in file order, and what was left out (``file:line: why``)."""

    records: list[ImportedRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def hashes(self) -> list[str]:
        return [text_hash(r.text) for r in self.records]


def read_gold(path: Path, limit: int | None = None) -> GoldFile:
    """The first ``limit`` (all: None) records of a labelled JSONL file. Lines the reader
    refuses are notes, as are texts seen before (a document is annotated once) and gold
    spans that overlap an earlier one (the window refuses those); a file with no usable
    record raises ``ReplayError`` naming the file and its first problems."""
    if not path.is_file():
        raise ReplayError(f"{path}: no such file")
    gold = GoldFile()
    errors: list[str] = []
    seen: dict[str, str] = {}
    for item in read_jsonl(path, path.name, ReadOptions()):
        if not isinstance(item, ImportedRecord):
            (errors if item.severity == "error" else gold.notes).append(
                f"{item.location}: {item.message}"
            )
            continue
        digest = text_hash(item.text)
        if digest in seen:
            gold.notes.append(f"{item.location}: the same text as {seen[digest]}; left out")
            continue
        seen[digest] = item.location
        item.spans = _without_overlaps(item.spans, item.location, gold.notes)
        gold.records.append(item)
        if limit is not None and len(gold.records) >= limit:
            break
    gold.notes = errors + gold.notes
    if not gold.records:
        shown = "; ".join(errors[:MAX_PROBLEMS_SHOWN]) or "the file holds no records"
        raise ReplayError(f"{path}: no labelled document to replay ({shown})")
    return gold


def _without_overlaps(
    spans: Sequence[ImportedSpan], location: str, notes: list[str]
) -> list[ImportedSpan]:
    kept: list[ImportedSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        clash = next((k for k in kept if k.start < span.end and span.start < k.end), None)
        if clash is None:
            kept.append(span)
        else:
            notes.append(
                f"{location}: gold span {span.start}–{span.end} {span.label} overlaps "
                f"{clash.start}–{clash.end} {clash.label}; left out"
            )
    return kept
