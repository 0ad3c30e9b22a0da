"""Reading the ``stance`` list of a JSONL record: our export's rows and labelled stance data
from elsewhere (``../shared/data/stance-news-de`` adds ``holder`` and leaves out ``scope``).

A row is ``{"start", "end", "sentence_index", "target", "label", "scope"}``, optionally with
its holder and evidence (``holder``, ``holder_start``, ``holder_end``, ``holder_text``,
``evidence_start``, ``evidence_end``, ``evidence``: see ``holder_rows``). Scope
"sentence" (the default) names a sentence of the text as ``text.sentences.split_sentences``
finds it, the one the store and the suggesters use: offsets on a sentence's bounds are that
sentence; offsets inside one sentence are taken as it; without offsets, ``sentence_index``
(from 0) names it. Scope "document" is the stance of the whole text (offsets absent, null or
0 and the text's length, as our export writes them). Rows the export marks
``"state": "suggested"`` are the machine's, not labels, and are left out.

Only the label's name is checked here; whether the project knows it is the store's
question (``stance_import``)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeGuard

from storage.importing.holder_rows import parse_holder
from storage.importing.records import ImportedStance
from storage.importing.text_rules import printable, shown
from text.sentences import Sentence, split_sentences

__all__ = ["parse_stance", "resolve_sentence"]

MAX_TARGET_CHARS = 200  # the column's length
SCOPES = ("sentence", "document")
# What an exported row's "state" says when it is not an annotator's label.
_NOT_LABELS = ("suggested", "rejected")

Sentences = Callable[[], list[Sentence]]


def parse_stance(value: Any, text: str) -> tuple[list[ImportedStance], list[str], int]:
    """The stance rows of a record's ``stance`` value for ``text``: the rows (in input order,
    one per place and target), the errors (sentence tails naming the row, each ending "record
    skipped") and how many rows were left out as not labels (suggestions)."""
    if value is None:
        return [], [], 0
    if not isinstance(value, list):
        return (
            [],
            [f"field 'stance' is {_kind(value)}, not a list of stance rows; record skipped"],
            0,
        )
    cache: list[list[Sentence]] = []

    def sentences() -> list[Sentence]:
        if not cache:  # split once per record, and only when a row needs it
            cache.append(split_sentences(text))
        return cache[0]

    rows: dict[tuple[str, int | None, int | None, str], ImportedStance] = {}
    errors: list[str] = []
    left_out = 0
    for item in value:
        if isinstance(item, dict) and item.get("state") in _NOT_LABELS:
            left_out += 1
            continue
        result = _parse_row(item, text, sentences)
        if isinstance(result, str):
            errors.append(
                f"stance row {shown(item, limit=120, as_json=True)} {result}; record skipped"
            )
            continue
        key = (result.scope, result.start, result.end, result.target)
        known = rows.setdefault(key, result)
        if known.label != result.label:
            errors.append(
                f"stance row {shown(item, limit=120, as_json=True)} gives {shown(result.target)} "
                f"the label {shown(result.label)} where an earlier row gives it "
                f"{shown(known.label)}; record skipped"
            )
        elif known != result:  # one row per place and target: a second holder would be lost
            errors.append(
                f"stance row {shown(item, limit=120, as_json=True)} gives {shown(result.target)} "
                "another holder or evidence than an earlier row for the same sentence and "
                "target (one label per sentence and target); record skipped"
            )
    return list(rows.values()), errors, left_out


def _parse_row(item: Any, text: str, sentences: Sentences) -> ImportedStance | str:
    """The row as a stance label, or why it is not one (a sentence tail)."""
    if not isinstance(item, dict):
        return f"is {_kind(item)}, not an object ({{start, end, target, label, scope}})"
    target, label = item.get("target"), item.get("label")
    if not isinstance(target, str) or not target.strip():
        return "has no target"
    if len(target.strip()) > MAX_TARGET_CHARS or printable(target.strip()) != target.strip():
        return (
            f"has a target that cannot be a target's name (over {MAX_TARGET_CHARS} "
            "characters, or a control character)"
        )
    if not isinstance(label, str) or not label.strip():
        return "has no label"
    scope = item.get("scope", "sentence")
    if scope is None:
        scope = "sentence"
    if scope not in SCOPES:
        return f"has the scope {shown(scope)}, not 'sentence' or 'document'"
    holder = parse_holder(item, text)
    if isinstance(holder, str):
        return holder
    row = ImportedStance(target.strip(), label.strip(), **vars(holder))
    if scope == "document":
        return _document_row(item, len(text), row)
    place = resolve_sentence(
        item.get("start"), item.get("end"), item.get("sentence_index"), text, sentences
    )
    if isinstance(place, str):
        return place
    index, sentence = place
    return replace(row, start=sentence.start, end=sentence.end, sentence_index=index)


def _document_row(item: dict[str, Any], length: int, row: ImportedStance) -> ImportedStance | str:
    start, end = item.get("start"), item.get("end")
    if (start, end) != (None, None) and not (
        _is_int(start) and _is_int(end) and (start, end) == (0, length)
    ):
        return (
            f"has scope 'document' but offsets {shown(start)}–{shown(end)}: a document's stance "
            f"covers the whole text (0–{length}) or gives no offsets"
        )
    return replace(row, start=0, end=length, scope="document")


def resolve_sentence(
    start: Any, end: Any, index: Any, text: str, sentences: Sentences | None = None
) -> tuple[int, Sentence] | str:
    """The sentence (index from 0, sentence) of ``text`` that offsets ``start``–``end`` name
    (its bounds, or a stretch inside it), or, without offsets, sentence number ``index``; or
    why there is none (a sentence tail). ``sentences`` gives the split when the caller has it."""
    split = sentences() if sentences is not None else split_sentences(text)
    if start is None and end is None:
        if index is None:
            return "has neither offsets (start, end) nor a sentence_index"
        if not _is_int(index):
            return "has a sentence_index that is not a whole number"
        if not 0 <= index < len(split):
            return f"has sentence_index {index}, but the text has {len(split)} sentences (from 0)"
        return index, split[index]
    if not _is_int(start) or not _is_int(end):
        return "has offsets that are not whole numbers"
    if not 0 <= start < end <= len(text):
        return f"is out of range (text has {len(text)} characters)"
    # The last sentence that starts at or before ``start`` is the only one that can hold it.
    index = bisect_right(split, start, key=lambda s: s.start) - 1
    if index >= 0 and end <= split[index].end:
        return index, split[index]
    # Offsets off the text's sentences (over two of them, or on white space between).
    return f"has offsets {start}–{end} that are not on one sentence of the text"


def _is_int(value: Any) -> TypeGuard[int]:
    # JSON true/false are bools, which Python also counts as ints.
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)
