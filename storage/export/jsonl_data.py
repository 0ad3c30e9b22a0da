"""JSONL training data in Prodigy's task format (and, on request, doccano's ``label``).

One line per document and annotator (see ``annotation_sets``)::

    {"text": ..., "meta": {"title", "source", "language", "document_id", "annotator", ...},
     "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "text", "label", "token_start", "token_end"}],
     "stance": [{"start", "end", "sentence_index", "target", "label", "scope",
                 "holder", "holder_start", "holder_end", "holder_text",
                 "evidence_start", "evidence_end", "evidence"}],
     "answer": "accept", "_annotator_id": ...,
     "label": [[start, end, label]]}            # only with ExportOptions.doccano

Each stance row says who holds it: ``holder`` is the actor's name (from the project's actor
list, aliases resolved), else the words that name the holder, else ``"author"`` (the article's
author, the default); ``holder_start``/``holder_end``/``holder_text`` are where the text
names the holder and ``evidence_start``/``evidence_end``/``evidence`` the words that carry the
stance (document offsets; null where not marked). The JSONL import reads them back.

Offsets are code points (Python ``str`` indices). Every line is strict JSON in UTF-8, whatever
the project stores (``storage.export.clean_values.json_text``). Tokens come from
``spacy.blank(language)``; ``token_end`` is inclusive, as in Prodigy. A span off the token
boundaries keeps its own character offsets; its token_start/token_end name the tokens it
overlaps.

The machine's open suggestions (only in an export of everything, and only those confident
enough to be shown: ``ExportOptions.min_confidence``) are a record of their own with annotator
null, marked as what they are: each span and stance row has ``"state": "suggested"`` and its
``"confidence"``, the record's answer is ``"ignore"`` (nobody answered it; Prodigy trains on
accepted answers only) and its doccano ``label`` is empty (doccano cannot mark a suggestion).
"""

from __future__ import annotations

from json.encoder import encode_basestring as _json_string  # json.dumps's, non-ASCII kept
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storage.export.annotation_sets import AnnotationSet, annotation_sets, is_aligned, tokenize
from storage.export.annotation_sets import token_span as covering_tokens
from storage.export.clean_values import json_text, utf8_text
from storage.export.records import ExportDocument, ExportOptions, ExportStance
from storage.export.training_report import TrainingDataReport

# JSON allows these raw inside strings, but line-based readers that split on every Unicode
# line break (str.splitlines, JavaScript) would cut the record in two.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


class JsonlWriter:
    def __init__(self, path: Path, options: ExportOptions) -> None:
        self.options = options
        self.file = path.open("w", encoding="utf-8", newline="\n")

    def add(self, document: ExportDocument, report: TrainingDataReport) -> None:
        sets = annotation_sets(document, report)
        doc = tokenize(document)
        tokens = tokens_json(doc, utf8_text(document.text))  # the same for every set
        for annotation in sets:
            head, tail = self._record(doc, annotation, report)
            self.file.write(_json_line(head, tokens, tail))
            report.records += 1

    def _record(
        self, doc: Doc, annotation: AnnotationSet, report: TrainingDataReport
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The record's fields before "tokens" and after it."""
        document = annotation.document
        machine = annotation.annotator is None
        spans = _spans(doc, annotation, report)
        head: dict[str, Any] = {
            "text": document.text,
            "meta": {
                **document.meta,
                "title": document.title,
                "source": document.source,
                "language": document.language,
                "document_id": document.id,
                "annotator": annotation.annotator,
            },
        }
        tail: dict[str, Any] = {
            "spans": spans,
            "stance": [_stance(row, machine) for row in annotation.stance],
            # Open suggestions are nobody's answer: Prodigy leaves "ignore" out of training.
            "answer": "ignore" if machine and (spans or annotation.stance) else "accept",
            "_annotator_id": annotation.annotator,
        }
        if self.options.doccano:
            # doccano reads "label" as labels and cannot mark a suggestion: none there.
            labelled = [] if machine else spans
            tail["label"] = [[s["start"], s["end"], s["label"]] for s in labelled]
        report.stance += len(annotation.stance)
        return head, tail

    def close(self) -> None:
        self.file.close()


def _spans(doc: Doc, annotation: AnnotationSet, report: TrainingDataReport) -> list[dict]:
    spans = []
    text = utf8_text(annotation.document.text)  # what the doc was made of
    for span in sorted(annotation.spans, key=lambda s: (s.start, s.end, s.label)):
        tokens = covering_tokens(doc, text, span.start, span.end)
        if tokens is None:
            report.skipped_spans += 1
            report.note(annotation.document.id, f"whitespace-only span {span.start}-{span.end}")
            continue
        if not is_aligned(tokens, span.start, span.end):
            report.misaligned_spans += 1
            report.note(
                annotation.document.id,
                f"span {span.text!r} ({span.start}-{span.end}) is not on token boundaries",
            )
        row: dict[str, Any] = {
            "start": span.start,
            "end": span.end,
            "text": span.text,
            "label": span.label,
            "token_start": tokens.start,
            "token_end": tokens.end - 1,
        }
        if annotation.annotator is None:  # a suggestion says so, and how sure it was
            row |= {"state": span.state, "confidence": span.confidence}
        spans.append(row)
    report.spans += len(spans)
    return spans


def tokens_json(doc: Doc, text: str) -> str:
    """Prodigy's token list of ``doc`` (made of ``text``) as JSON text, exactly as
    ``json.dumps(..., ensure_ascii=False)`` writes it. Written here rather than as dicts for
    ``json.dumps`` and read as one array rather than token by token: both took longer than
    the tokenizer (a document has hundreds of tokens and a few spans)."""
    parts = []
    for index, (start, length, space) in enumerate(
        doc.to_array(["IDX", "LENGTH", "SPACY"]).tolist()
    ):
        end = start + length
        parts.append(
            f'{{"text": {_json_string(text[start:end])}, "start": {start}, "end": {end}, '
            f'"id": {index}, "ws": {"true" if space else "false"}}}'
        )
    return "[" + ", ".join(parts) + "]"


def _stance(row: ExportStance, suggestion: bool = False) -> dict[str, Any]:
    stance: dict[str, Any] = {
        "start": row.start,
        "end": row.end,
        "sentence_index": row.sentence_index,
        "target": row.target,
        "label": row.label,
        "scope": row.scope,
        "holder": row.holder,
        "holder_start": row.holder_start,
        "holder_end": row.holder_end,
        "holder_text": row.holder_text,
        "evidence_start": row.evidence_start,
        "evidence_end": row.evidence_end,
        "evidence": row.evidence,
    }
    if suggestion:
        stance |= {"state": row.state, "confidence": row.confidence}
    return stance


def _json_line(head: dict[str, Any], tokens: str, tail: dict[str, Any]) -> str:
    """One record: ``head``'s fields, "tokens" (JSON text already), ``tail``'s fields."""
    # Strict JSON in UTF-8 whatever the record holds: lone surrogates as U+FFFD (one for one,
    # so offsets into "text" fit), NaN and infinities in metadata as null.
    line = f'{json_text(head)[:-1]}, "tokens": {tokens}, {json_text(tail)[1:]}'
    for raw, escaped in _LINE_BREAKS.items():
        line = line.replace(raw, escaped)
    return line + "\n"
