"""What the token-based training formats (JSONL, spaCy, CoNLL) share: one annotator's
annotations of one document, and the document's tokens from a blank spaCy tokenizer.

Labels of different people are never merged: each document yields one ``AnnotationSet`` per
annotator, and one for the machine's open suggestions (annotator ``None``) when the export
includes them. Rejected spans and stance rows are left out here: a rejection says the label is
wrong, so it is no training example (the CSV tables still list them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from storage.export.clean_values import utf8_text
from storage.export.records import ExportDocument, ExportSpan, ExportStance
from storage.export.training_report import TrainingDataReport
from text.tokens import trim_spaces

REJECTED = "rejected"
FALLBACK_LANGUAGE = "xx"  # spaCy's multi-language tokenizer, for unknown or missing languages


@dataclass(frozen=True)
class AnnotationSet:
    """One annotator's (``None``: the machine's) spans and stance rows of one document.

    ``complete`` means tokens outside the spans are known to be no entity (``O``): the set
    has entity spans, or the annotator marked the document done. Otherwise the spaCy export
    leaves entity annotation missing rather than teach "no entity here"."""

    document: ExportDocument
    annotator: str | None
    spans: list[ExportSpan]
    stance: list[ExportStance]
    complete: bool


def annotation_sets(document: ExportDocument, report: TrainingDataReport) -> list[AnnotationSet]:
    """The document's annotation sets, sorted by annotator (the machine's last); rejected
    rows are counted in ``report`` as skipped. A document nobody annotated yields one empty
    set."""
    spans = [s for s in document.spans if s.state != REJECTED]
    stance = [s for s in document.stance if s.state != REJECTED]
    report.skipped_spans += len(document.spans) - len(spans)
    report.skipped_stance += len(document.stance) - len(stance)
    done = {name for name, status in document.status.items() if status == "done"}
    people = {s.annotator for s in spans} | {s.annotator for s in stance} | done
    annotators = sorted(people, key=lambda name: (name is None, name or ""))
    if not annotators:
        return [AnnotationSet(document, None, [], [], complete=False)]
    return [
        AnnotationSet(
            document,
            name,
            [s for s in spans if s.annotator == name],
            [s for s in stance if s.annotator == name],
            complete=name in done or any(s.annotator == name for s in spans),
        )
        for name in annotators
    ]


@lru_cache(maxsize=16)
def blank_pipeline(language: str | None) -> Language:
    """A blank spaCy pipeline (tokenizer only, offline) for an ISO 639-1 code."""
    try:
        return spacy.blank(language or FALLBACK_LANGUAGE)
    except (ImportError, KeyError):  # spaCy has no tokenizer for this code
        return spacy.blank(FALLBACK_LANGUAGE)


def tokenize(document: ExportDocument) -> Doc:
    """The document's text as a spaCy doc: tokens only, from ``spacy.blank(language)``. A lone
    surrogate (no file format's UTF-8 can hold one) becomes U+FFFD: same length, same
    offsets."""
    return blank_pipeline(document.language).make_doc(utf8_text(document.text))


def token_span(doc: Doc, text: str, start: int, end: int, label: str = "") -> Span | None:
    """The whole tokens covering ``text[start:end]`` without its outer whitespace
    (``doc.char_span(..., alignment_mode="expand")``, a binary search); None for a
    whitespace-only span. ``text`` is ``doc.text``, passed in because ``Doc.text`` joins every
    token anew on each call, which made each span cost as much as the whole document."""
    trimmed = trim_spaces(text, start, end)
    if trimmed is None:
        return None
    label = utf8_text(label)
    return doc.char_span(trimmed[0], trimmed[1], label=label, alignment_mode="expand")


def is_aligned(span: Span, start: int, end: int) -> bool:
    """Whether ``[start, end)`` falls exactly on the token boundaries of ``span``."""
    return (span.start_char, span.end_char) == (start, end)
