"""JSONL training data in Prodigy's task format (and, on request, doccano's ``label``).

One line per document and annotator (see ``annotation_sets``)::

    {"text": ..., "meta": {"title", "source", "language", "document_id", "annotator", ...},
     "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "text", "label", "token_start", "token_end"}],
     "stance": [{"start", "end", "sentence_index", "target", "label", "scope"}],
     "answer": "accept", "_annotator_id": ...,
     "label": [[start, end, label]]}            # only with ExportOptions.doccano

Offsets are code points (Python ``str`` indices). Every line is strict JSON in UTF-8, whatever
the project stores (``storage.export.clean_values.json_text``). Tokens come from
``spacy.blank(language)``; ``token_end`` is inclusive, as in Prodigy. A span off the token
boundaries keeps its own character offsets; its token_start/token_end name the tokens it
overlaps.
"""

from __future__ import annotations

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
        tokens = [
            {
                "text": t.text,
                "start": t.idx,
                "end": t.idx + len(t),
                "id": t.i,
                "ws": bool(t.whitespace_),
            }
            for t in doc
        ]
        for annotation in sets:
            record = self._record(doc, annotation, tokens, report)
            self.file.write(_json_line(record))
            report.records += 1

    def _record(
        self,
        doc: Doc,
        annotation: AnnotationSet,
        tokens: list[dict[str, Any]],
        report: TrainingDataReport,
    ) -> dict[str, Any]:
        document = annotation.document
        spans = _spans(doc, annotation, report)
        record: dict[str, Any] = {
            "text": document.text,
            "meta": {
                **document.meta,
                "title": document.title,
                "source": document.source,
                "language": document.language,
                "document_id": document.id,
                "annotator": annotation.annotator,
            },
            "tokens": tokens,
            "spans": spans,
            "stance": [_stance(row) for row in annotation.stance],
            "answer": "accept",
            "_annotator_id": annotation.annotator,
        }
        if self.options.doccano:
            record["label"] = [[s["start"], s["end"], s["label"]] for s in spans]
        report.stance += len(annotation.stance)
        return record

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
        spans.append(
            {
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "label": span.label,
                "token_start": tokens.start,
                "token_end": tokens.end - 1,
            }
        )
    report.spans += len(spans)
    return spans


def _stance(row: ExportStance) -> dict[str, Any]:
    return {
        "start": row.start,
        "end": row.end,
        "sentence_index": row.sentence_index,
        "target": row.target,
        "label": row.label,
        "scope": row.scope,
    }


def _json_line(record: dict[str, Any]) -> str:
    # Strict JSON in UTF-8 whatever the record holds: lone surrogates as U+FFFD (one for one,
    # so offsets into "text" fit), NaN and infinities in metadata as null.
    line = json_text(record)
    for raw, escaped in _LINE_BREAKS.items():
        line = line.replace(raw, escaped)
    return line + "\n"
