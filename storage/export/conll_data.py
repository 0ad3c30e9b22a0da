"""CoNLL-2003 style entity data: one token per line as ``TOKEN<TAB>TAG``.

Tags are IOB2 (every entity starts with ``B-``). Sentences (``text.sentences``) are separated
by an empty line, but never inside an entity; each document and annotator (see
``annotation_sets``) starts with a ``-DOCSTART- -X- O O`` line and an empty line, as in
CoNLL-2003. Tokens come from ``spacy.blank(language)``; whitespace tokens (line breaks,
double spaces) are left out. A tab separates the columns because spaCy tokens never contain
one, while other whitespace (no-break spaces) may end up inside a token. IOB cannot show
overlapping spans: of overlapping spans the longest (then the first) is kept, the others are
counted as skipped. ``nlp.conll.read_docs`` reads the files back. The machine's open
suggestions (exported with state "all") are left out: a tag cannot say "suggested".

Columns are separated by whitespace, so a label that holds whitespace (a project may have
stored one) is written with ``_`` for each whitespace character, and said so in the report.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from storage.export.annotation_sets import annotation_sets, tokenize
from storage.export.clean_values import utf8_text
from storage.export.records import ExportDocument
from storage.export.spacy_data import entity_spans
from storage.export.training_report import TrainingDataReport
from text.sentences import split_sentences

DOCSTART = "-DOCSTART- -X- O O\n"


class ConllWriter:
    def __init__(self, path: Path) -> None:
        self.file = path.open("w", encoding="utf-8", newline="\n")
        self._renamed: set[str] = set()  # labels with whitespace, noted once each
        self._said_suggestions = False

    def add(self, document: ExportDocument, report: TrainingDataReport) -> None:
        sentence_starts = [s.start for s in split_sentences(document.text)]
        document = self._without_suggestions(document, report)
        for annotation in annotation_sets(document, report):
            doc = tokenize(document)
            spans = entity_spans(doc, annotation, report)
            kept = filter_spans(spans)
            if len(kept) < len(spans):
                report.skipped_spans += len(spans) - len(kept)
                report.spans -= len(spans) - len(kept)
                report.note(document.id, "overlapping spans: only the longest kept in CoNLL")
            self._note_renamed(document.id, kept, report)
            self.file.write(DOCSTART + "\n")
            self.file.write(conll_lines(doc, kept, sentence_starts))
            report.records += 1

    def _without_suggestions(
        self, document: ExportDocument, report: TrainingDataReport
    ) -> ExportDocument:
        """``document`` without the machine's open suggestions: IOB tags cannot mark a
        suggestion, and written as tags they would read as labels. The document is written
        as an export without suggestions writes it."""
        open_ones = [s for s in document.spans if s.annotator is None]
        if not open_ones:
            return document
        report.skipped_spans += len(open_ones)
        if not self._said_suggestions:
            self._said_suggestions = True
            report.note(document.id, "open suggestions left out: CoNLL cannot mark them")
        return replace(
            document,
            spans=[s for s in document.spans if s.annotator is not None],
            stance=[s for s in document.stance if s.annotator is not None],
        )

    def _note_renamed(
        self, document_id: int, spans: list[Span], report: TrainingDataReport
    ) -> None:
        for span in spans:
            label = span.label_
            if label not in self._renamed and tag_label(label) != label:
                self._renamed.add(label)
                report.note(document_id, f"label {label!r} written as {tag_label(label)!r}")

    def close(self) -> None:
        self.file.close()


def tag_label(label: str) -> str:
    """``label`` as a tag column can hold it: whitespace (which separates columns) as ``_``,
    one for one, and no lone surrogates (UTF-8 cannot encode them)."""
    return "".join("_" if c.isspace() else c for c in utf8_text(label))


def iob2_tags(doc: Doc, spans: list[Span]) -> list[str]:
    """One IOB2 tag per token of ``doc`` for non-overlapping ``spans``."""
    tags = ["O"] * len(doc)
    for span in spans:
        label = tag_label(span.label_)
        tags[span.start] = f"B-{label}"
        for index in range(span.start + 1, span.end):
            tags[index] = f"I-{label}"
    return tags


def conll_lines(doc: Doc, spans: list[Span], sentence_starts: list[int]) -> str:
    """The token lines of ``doc``, an empty line after each sentence (and at the end).
    ``sentence_starts`` are character offsets in ascending order."""
    tags = iob2_tags(doc, spans)
    lines: list[str] = []
    pending = 0  # the index of the next sentence start not yet passed
    for token, tag in zip(doc, tags, strict=True):
        if token.is_space:
            continue
        passed = bisect_right(sentence_starts, token.idx, lo=pending)
        # A sentence boundary the tokens or an entity straddle joins the two sentences.
        if passed > pending and not tag.startswith("I-") and lines:
            lines.append("")
        pending = passed
        lines.append(f"{utf8_text(token.text)}\t{tag}")
    if lines:
        lines.append("")
    return "".join(line + "\n" for line in lines)
