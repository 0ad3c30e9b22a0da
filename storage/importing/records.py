"""Plain records that readers produce and the import service stores.

Readers never touch the database: they turn files into ``ImportedRecord`` items and
``ImportProblem`` items (bad input), so every format can be tested on its own and the
service decides about batching, duplicates and transactions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportedSpan:
    """An entity span that came with the input (Prodigy or doccano style)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class ImportedStance:
    """A stance label that came with the input (the ``stance`` records of our JSONL export):
    a sentence's (``scope`` "sentence", the sentence's offsets) or the whole document's
    (``scope`` "document", offsets None or the whole text)."""

    target: str
    label: str  # FAVOR, AGAINST, NEUTRAL or another of the project's stance labels
    start: int | None = None
    end: int | None = None
    scope: str = "sentence"
    # The sentence's index (0-based) in text.sentences.split_sentences: the JSONL reader
    # sets it from the offsets (they decide), or takes the file's when there are none.
    sentence_index: int | None = None
    # Who holds it: an actor's name or the words naming the holder (None: the article's
    # author), and where the text names them; the words that carry the stance. Offsets are
    # into the record's text, both or neither (``holder_rows`` checks them).
    holder: str | None = None
    holder_start: int | None = None
    holder_end: int | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None


@dataclass
class ImportedRecord:
    """One document read from a file, not yet stored."""

    text: str
    source: str  # the source name stored with the document, e.g. "folder/a.txt"
    location: str  # where it was read, for messages: "data/x.jsonl:12", "a.xlsx:Sheet1 row 4"
    title: str | None = None
    language: str | None = None  # only when the input says so; otherwise detected later
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[ImportedSpan] = field(default_factory=list)
    stance: list[ImportedStance] = field(default_factory=list)


@dataclass(frozen=True)
class ImportProblem:
    """Input that could not be imported (or only partly), with where and why."""

    location: str  # "data/x.jsonl:12", "data/bin.txt", "a.csv line 7"
    message: str  # one sentence a person understands, e.g. "invalid JSON: Expecting ',' ..."
    severity: str = "error"  # "error": the item was skipped; "warning": imported with a caveat


@dataclass(frozen=True)
class ReadOptions:
    """Options that apply to every reader."""

    text_field: str | None = None  # CSV/XLSX/JSONL column or key holding the text
    max_file_bytes: int = 512 * 1024 * 1024
    max_text_chars: int = 2_000_000
