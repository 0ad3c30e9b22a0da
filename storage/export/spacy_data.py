"""spaCy training data: a ``DocBin`` with one ``Doc`` per document and annotator.

Each doc holds
- ``doc.ents``: the annotator's entity spans, widened to whole tokens
  (``doc.char_span(start, end, label, alignment_mode="expand")`` after trimming outer spaces).
  Tokens outside them are ``O`` when the set is complete (see ``AnnotationSet``), otherwise
  missing. When spans overlap (after widening), ``doc.ents`` stays unset and the spans go to
  ``doc.spans["sc"]`` (spancat's default key) instead;
- ``doc.spans["stance"]``: sentence (and span) stance, each labelled ``"TARGET:LABEL"``
  (``"NATO:AGAINST"``); the label is the part after the last colon;
- ``doc.cats``: document stance as ``{"TARGET:LABEL": 1.0}``;
- who holds each stance and the words that carry it: ``doc.spans["stance"].attrs["holders"]``,
  ``doc.spans["stance_holder"]``, ``doc.spans["stance_evidence"]`` and
  ``doc.user_data["document_stance_holders"]`` (see ``storage.export.spacy_holders``);
- ``doc.user_data``: ``document_id`` and ``annotator`` (None: machine suggestions).

The machine's open suggestions (exported with state "all", annotator None) are no labels: their
doc has no ``doc.ents`` (missing) and no ``doc.cats``; entity suggestions are in
``doc.spans["suggestions"]``, sentence stance suggestions in ``doc.spans["stance_suggestions"]``,
each group with ``attrs["confidences"]`` in span order (the stance suggestions' holders and
evidence in ``"stance_suggestion_holder"`` and ``"stance_suggestion_evidence"``), and
document stance suggestions in
``doc.user_data["document_stance_suggestions"]`` as ``{"TARGET:LABEL": confidence}``.
Tokens come from ``spacy.blank(language)``, so any pipeline of that language reads them.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span

from storage.export.annotation_sets import (
    AnnotationSet,
    annotation_sets,
    is_aligned,
    token_span,
    tokenize,
)
from storage.export.clean_values import utf8_text
from storage.export.records import ExportDocument, ExportStance
from storage.export.spacy_holders import (
    SUGGESTION_EVIDENCE_GROUP,
    SUGGESTION_HOLDER_GROUP,
    add_holders,
    document_holder,
)
from storage.export.training_report import TrainingDataReport

ENTITY_GROUP = "sc"
STANCE_GROUP = "stance"
SUGGESTION_GROUP = "suggestions"  # open machine suggestions: no spaCy component trains on them
STANCE_SUGGESTION_GROUP = "stance_suggestions"


class DocBinWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.docs = DocBin(store_user_data=True)

    def add(self, document: ExportDocument, report: TrainingDataReport) -> None:
        for annotation in annotation_sets(document, report):
            self.docs.add(annotated_doc(annotation, report))
            report.records += 1

    def close(self) -> None:
        self.docs.to_disk(self.path)


def annotated_doc(annotation: AnnotationSet, report: TrainingDataReport) -> Doc:
    """The document's tokens with one annotation set's entities, stance and cats."""
    doc = tokenize(annotation.document)
    doc.user_data["document_id"] = annotation.document.id
    annotator = annotation.annotator
    doc.user_data["annotator"] = utf8_text(annotator) if annotator is not None else None
    if annotation.annotator is None and (annotation.spans or annotation.stance):
        _add_suggestions(doc, annotation, report)
        return doc
    entities = entity_spans(doc, annotation, report)
    if _overlapping(entities):
        doc.spans[ENTITY_GROUP] = entities
    elif annotation.complete:
        doc.ents = entities  # the tokens outside them become O
    else:
        doc.set_ents(entities, default="missing")
    _add_stance(doc, annotation, report)
    return doc


def entity_spans(doc: Doc, annotation: AnnotationSet, report: TrainingDataReport) -> list[Span]:
    """The set's entity spans as whole-token spans of ``doc``, sorted, without duplicates
    (two spans that widen to the same tokens and label are one); whitespace-only spans are
    skipped and spans off the token boundaries counted as misaligned."""
    found: dict[tuple[int, int, str], Span] = {}
    text = utf8_text(annotation.document.text)  # what the doc was made of
    for span in annotation.spans:
        tokens = token_span(doc, text, span.start, span.end, span.label)
        if tokens is None:
            report.skipped_spans += 1
            report.note(annotation.document.id, f"whitespace-only span {span.start}-{span.end}")
            continue
        if not is_aligned(tokens, span.start, span.end):
            report.misaligned_spans += 1
            report.note(
                annotation.document.id,
                f"span {span.text!r} ({span.start}-{span.end}) widened to {tokens.text!r}",
            )
        found.setdefault((tokens.start, tokens.end, span.label), tokens)
    report.spans += len(found)
    return [found[key] for key in sorted(found)]


def _add_suggestions(doc: Doc, annotation: AnnotationSet, report: TrainingDataReport) -> None:
    """The machine's open suggestions, kept apart from labels: no ``doc.ents`` (entities stay
    missing) and no ``doc.cats``, which training reads as gold; span groups of their own
    instead, with each suggestion's confidence in the group's ``attrs["confidences"]`` (in
    span order), and document stance in ``user_data["document_stance_suggestions"]``."""
    entities = entity_spans(doc, annotation, report)
    doc.spans[SUGGESTION_GROUP] = entities
    doc.spans[SUGGESTION_GROUP].attrs["confidences"] = _confidences(doc, annotation, entities)
    stance: list[Span] = []
    kept: list[ExportStance] = []
    confidences: list[float | None] = []
    document: dict[str, float | None] = {}
    text = utf8_text(annotation.document.text)
    for row in annotation.stance:
        label = utf8_text(f"{row.target}:{row.label}")
        span = token_span(doc, text, row.start, row.end, label)
        if row.scope == "document":
            document[label] = row.confidence
        elif span is None:
            report.skipped_stance += 1
            continue
        else:
            stance.append(span)
            kept.append(row)
            confidences.append(row.confidence)
        report.stance += 1
    doc.spans[STANCE_SUGGESTION_GROUP] = stance
    doc.spans[STANCE_SUGGESTION_GROUP].attrs["confidences"] = confidences
    groups = (SUGGESTION_HOLDER_GROUP, SUGGESTION_EVIDENCE_GROUP)
    add_holders(doc, text, STANCE_SUGGESTION_GROUP, kept, groups)
    doc.user_data["document_stance_suggestions"] = document


def _confidences(doc: Doc, annotation: AnnotationSet, spans: list[Span]) -> list[float | None]:
    """The confidence of each of ``spans`` (the widened suggestions), the highest where two
    suggestions widened to the same tokens."""
    text = utf8_text(annotation.document.text)
    best: dict[tuple[int, int, str], float | None] = {}
    for suggestion in annotation.spans:
        tokens = token_span(doc, text, suggestion.start, suggestion.end)
        if tokens is None:
            continue
        key = (tokens.start, tokens.end, utf8_text(suggestion.label))
        known = best.get(key)
        if key not in best or (known or 0.0) < (suggestion.confidence or 0.0):
            best[key] = suggestion.confidence
    return [best.get((span.start, span.end, span.label_)) for span in spans]


def _overlapping(spans: list[Span]) -> bool:
    return any(later.start < earlier.end for earlier, later in pairwise(spans))


def _add_stance(doc: Doc, annotation: AnnotationSet, report: TrainingDataReport) -> None:
    stance: list[Span] = []
    kept: list[ExportStance] = []
    text = utf8_text(annotation.document.text)  # what the doc was made of
    for row in annotation.stance:
        label = utf8_text(f"{row.target}:{row.label}")
        if row.scope == "document":
            doc.cats[label] = 1.0
            document_holder(doc, row)
            report.stance += 1
            continue
        span = token_span(doc, text, row.start, row.end, label)
        if span is None:
            report.skipped_stance += 1
            report.note(annotation.document.id, f"stance on whitespace {row.start}-{row.end}")
            continue
        stance.append(span)
        kept.append(row)
        report.stance += 1
    if stance:
        doc.spans[STANCE_GROUP] = stance
        add_holders(doc, text, STANCE_GROUP, kept)
