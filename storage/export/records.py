"""What an export writes, as plain records: one ``ExportDocument`` per document with the
spans and stance rows that passed the export's filters. Every writer (Excel, JSONL, spaCy,
CoNLL, CSV) takes these, so they all export the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

State = Literal["accepted", "all"]
Status = Literal["done", "all"]
# The app's default display threshold (``gui.highlights.DEFAULT_MIN_CONFIDENCE``): annotators
# never see a machine entity suggestion less confident than this.
DISPLAY_THRESHOLD = 0.3


@dataclass(frozen=True)
class ExportOptions:
    """Which records go out: one annotator's (None: every annotator's), only what they
    accepted or edited ("accepted") or also open suggestions (those above the display
    threshold ``min_confidence``) and rejections ("all"), only
    documents they marked done ("done") or all; an optional train/dev split by seed."""

    annotator: str | None = None
    state: State = "accepted"
    status: Status = "all"
    dev_share: float = 0.0  # 0: no split; 0.2: a fifth of the documents go to dev
    seed: int = 0
    doccano: bool = False  # JSONL: doccano's label: [[start, end, label]] besides spans
    # With state "all": open machine entity suggestions less confident than this stay out
    # (nobody saw them, so they are no one's work); 0 lets every one out.
    min_confidence: float = DISPLAY_THRESHOLD


@dataclass(frozen=True)
class ExportSpan:
    start: int  # offsets into the document's text, in characters (code points)
    end: int
    text: str  # always text[start:end] of its document
    label: str
    state: str  # suggested, accepted, edited, rejected
    origin: str  # e.g. "model de_standpunkt_ner 0.1.0", "pattern countries.jsonl", "manual"
    confidence: float | None
    annotator: str | None  # None: a machine suggestion
    created_at: str  # ISO 8601, UTC
    updated_at: str


@dataclass(frozen=True)
class ExportStance:
    scope: str  # "sentence" or "document"
    sentence_index: int | None
    start: int  # the sentence's offsets (the whole text for scope "document")
    end: int
    text: str
    target: str
    label: str
    state: str
    origin: str
    confidence: float | None
    annotator: str | None
    explanation: str | None
    # Who holds the stance: an actor's name, the words that name the holder, or "author";
    # where the text names them and the words that carry the stance (offsets and text, or
    # None where not marked).
    holder: str = "author"
    holder_start: int | None = None
    holder_end: int | None = None
    holder_text: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class ExportDocument:
    id: int
    title: str
    source: str
    language: str | None
    text: str
    meta: dict[str, Any]
    status: dict[str, str]  # annotator -> status
    seconds: dict[str, float]  # annotator -> time spent
    spans: list[ExportSpan] = field(default_factory=list)
    stance: list[ExportStance] = field(default_factory=list)
    split: Literal["train", "dev"] = "train"
    unsure: dict[str, str] = field(default_factory=dict)  # annotator -> note, when flagged
