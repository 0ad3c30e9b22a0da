"""JSONL reader: one JSON object per line, as exported by Prodigy, doccano and scripts.

The file is streamed line by line, so a 500 MB export never sits in memory at once.
Every bad line becomes an ``ImportProblem`` at ``"{path}:{line}"`` and the next line is
read as usual: broken JSON, a number ``json.loads`` refuses, a stray NUL byte, a line
too long for any record.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, TypeGuard

from storage.importing.encoding import sniff_not_utf8
from storage.importing.read_txt import check_text, clean_text
from storage.importing.records import (
    ImportedRecord,
    ImportedSpan,
    ImportedStance,
    ImportProblem,
    ReadOptions,
)
from storage.importing.stance_rows import parse_stance
from storage.importing.text_rules import printable, shown
from text.counts import counted

__all__ = ["read_jsonl"]

# Keys that carry annotation-tool bookkeeping or go to record fields, not to meta.
_KNOWN_KEYS = frozenset(
    {
        "spans",
        "stance",
        "label",
        "labels",
        "entities",
        "tokens",
        "_input_hash",
        "_task_hash",
        "_view_id",
        "_session_id",
        "_annotator_id",
        "answer",
        "title",
        "lang",
        "language",
        "meta",
    }
)
_REJECTED_ANSWERS = ("reject", "ignore")
_SNIFF_BYTES = 64 * 1024
# A line holds one record: its text (up to 12 bytes a character as JSON escapes of an
# emoji) and room for metadata; a longer line is skipped without being read into memory.
_BYTES_PER_TEXT_CHAR = 12
_LINE_EXTRA_BYTES = 32 * 1024 * 1024
_MAX_SPAN_ERRORS = 3  # a record with a million bad spans is one bad record, not a million
_FIELDS_SHOWN = 10
_TOO_MANY_DIGITS = re.compile(r"integer string conversion: value has (\d+) digits")
_JSON_TYPES: dict[type, str] = {
    dict: "object",
    list: "list",
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
    type(None): "null",
}

Item = ImportedRecord | ImportProblem


def read_jsonl(path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
    """Read a JSONL file, streaming it line by line.

    Takes the path, the source name to store and the options; yields one
    ``ImportedRecord`` per good line (location ``"{path}:{line}"``, 1-based) and
    ``ImportProblem`` items for bad lines, bad spans and rejected Prodigy answers.
    Blank lines are skipped silently. A file that is UTF-16 or binary gives one problem;
    a line longer than ``max_text_chars * 12`` bytes + 32 MiB is skipped unread.
    """
    limit = options.max_text_chars * _BYTES_PER_TEXT_CHAR + _LINE_EXTRA_BYTES
    with path.open("rb") as handle:
        if sniff_not_utf8(handle.read(_SNIFF_BYTES)) is not None:
            message = "not UTF-8 text: JSONL files must be UTF-8 (this looks like UTF-16 or binary)"
            yield ImportProblem(str(path), message)
            return
        handle.seek(0)
        for number, raw in _lines(handle, limit):
            location = f"{path}:{number}"
            if raw is None:
                size = f"{limit / 2**20:,.0f} MB" if limit >= 2**20 else f"{limit:,} bytes"
                message = f"line is over {size}, more than a record can hold; skipped"
                yield ImportProblem(location, message)
            elif raw.strip():
                yield from _read_line(raw, number, location, source, options)


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Number and bytes of each line, or None for a line over ``limit`` bytes, which is
    skipped in bounded reads so it never sits in memory."""
    number = 0
    while raw := handle.readline(limit + 1):
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(1024 * 1024)
        yield number, None


def _read_line(
    raw: bytes, number: int, location: str, source: str, options: ReadOptions
) -> Iterator[Item]:
    """Parse one non-blank line into a record or problems."""
    if number == 1:
        raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        # Without the line break, the column in JSON error messages is right.
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        yield ImportProblem(
            location, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at position {exc.start + 1}"
        )
        return
    if "\x00" in line:  # json.loads would say "invalid control character"; this says why
        message = f"line contains a NUL byte at position {line.index(chr(0)) + 1} (binary data?)"
        yield ImportProblem(location, message)
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield ImportProblem(location, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    except RecursionError:
        yield ImportProblem(location, "invalid JSON: nested too deeply")
        return
    except ValueError as exc:  # what json.loads refuses past the JSON grammar
        yield ImportProblem(location, f"invalid JSON: {_refusal(exc)}")
        return
    if not isinstance(obj, dict):
        yield ImportProblem(location, f"expected a JSON object, got {_json_type(obj)}")
        return
    yield from _read_object(obj, location, source, options)


def _read_object(
    obj: dict[str, Any], location: str, source: str, options: ReadOptions
) -> Iterator[Item]:
    """Turn one JSON object into a record (or problems when it cannot be imported)."""
    key = options.text_field or ("data" if "text" not in obj and "data" in obj else "text")
    if key not in obj:
        yield ImportProblem(location, f"no field '{key}' (fields: {_field_list(obj)})")
        return
    text = obj[key]
    if not isinstance(text, str):
        yield ImportProblem(location, f"field '{key}' is not a string but {_json_type(text)}")
        return
    span_values = _span_values(obj)
    spans: list[ImportedSpan] = []
    stance: list[ImportedStance] = []
    answer = obj.get("answer")
    if answer in _REJECTED_ANSWERS and (span_values or obj.get("stance")):
        # The annotator said these labels are wrong (or nobody answered, as in our export's
        # record of suggestions); the text itself is still useful.
        message = f"answer is '{answer}': imported the text without its {_labels(obj)}"
        yield ImportProblem(location, message, severity="warning")
    else:
        spans, errors = _parse_spans(span_values, len(text)) if span_values else ([], [])
        stance, stance_errors, left_out = parse_stance(obj.get("stance"), text)
        if errors or stance_errors:
            # Conservative: a record with broken labels is fixed and re-imported as a whole.
            yield from _errors(location, errors, "spans")
            yield from _errors(location, stance_errors, "stance rows")
            return
        if left_out:
            message = f"{counted(left_out, 'stance row')} marked 'suggested' (not labels) left out"
            yield ImportProblem(location, message, severity="warning")
    # Offsets refer to the text as given, so only label-less text is cleaned.
    if not spans and not stance:
        text = clean_text(text)
    problem = check_text(text, options)
    if problem is not None:
        yield ImportProblem(location, problem)
        return
    yield _build_record(obj, key, text, (spans, stance), location, source)


def _labels(obj: dict[str, Any]) -> str:
    """What a rejected record carries, for the message: "spans", "stance labels" or both."""
    kinds = [
        name
        for name, there in (("spans", _span_values(obj)), ("stance labels", obj.get("stance")))
        if there
    ]
    return " and ".join(kinds)


def _errors(location: str, errors: list[str], what: str) -> Iterator[ImportProblem]:
    """The first errors of one kind as problems, then how many more there were."""
    for error in errors[:_MAX_SPAN_ERRORS]:
        yield ImportProblem(location, error)
    if len(errors) > _MAX_SPAN_ERRORS:
        more = len(errors) - _MAX_SPAN_ERRORS
        yield ImportProblem(location, f"… and {more:,} more {what} that are not valid")


def _build_record(
    obj: dict[str, Any],
    key: str,
    text: str,
    labels: tuple[list[ImportedSpan], list[ImportedStance]],
    location: str,
    source: str,
) -> ImportedRecord:
    """Build the record: known fields to record fields, everything else to meta."""
    meta: dict[str, Any] = {k: v for k, v in obj.items() if k != key and k not in _KNOWN_KEYS}
    inner = obj.get("meta")
    if isinstance(inner, dict):
        meta.update(inner)
    elif inner is not None:
        meta["meta"] = inner
    for name in ("label", "labels"):
        # Document-level labels (text classification) are not spans; keep them.
        if name in obj and not _is_span_list(obj[name]):
            meta[name] = obj[name]
    return ImportedRecord(
        text=text,
        source=source,
        location=location,
        title=_take_string(obj, meta, ("title",)),
        language=_take_string(obj, meta, ("lang", "language")),
        meta=meta,
        spans=labels[0],
        stance=labels[1],
    )


def _take_string(obj: dict[str, Any], meta: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """Return the first non-empty string under ``names``, top level before meta.

    A value taken from meta is removed from it; a top-level value that is not used (not
    a string, or a second candidate) is kept in meta so nothing from the input is lost.
    """
    found: str | None = None
    for name in names:
        value = obj.get(name)
        if found is None and isinstance(value, str) and value.strip():
            found = value.strip()
        elif value is not None:
            meta.setdefault(name, value)
    for name in names:
        value = meta.get(name)
        if found is None and isinstance(value, str) and value.strip():
            found = value.strip()
            del meta[name]
    return found


def _is_span_list(value: Any) -> bool:
    """True for doccano ``[[start, end, label], ...]``; False for document labels."""
    return isinstance(value, list) and any(isinstance(item, list) for item in value)


def _span_values(obj: dict[str, Any]) -> list[Any]:
    """Collect the raw span items of all span styles present in ``obj``."""
    values: list[Any] = []
    for name in ("spans", "entities"):
        value = obj.get(name)
        if isinstance(value, list):
            values.extend(value)
        elif value is not None:
            values.append(value)  # reported as "not a span" by _parse_spans
    for name in ("label", "labels"):
        if _is_span_list(obj.get(name)):
            values.extend(obj[name])
    return values


def _parse_spans(values: list[Any], text_length: int) -> tuple[list[ImportedSpan], list[str]]:
    """Validate raw span items; return the spans (in input order, no duplicates) and errors."""
    spans: dict[ImportedSpan, None] = {}
    errors: list[str] = []
    for value in values:
        result = _parse_span(value, text_length)
        if isinstance(result, ImportedSpan):
            spans[result] = None
        else:
            errors.append(f"span {shown(value, limit=120, as_json=True)} {result}; record skipped")
    return list(spans), errors


def _parse_span(value: Any, text_length: int) -> ImportedSpan | str:
    """Return the span, or the reason (a sentence tail) why ``value`` is not a valid span."""
    if isinstance(value, dict):
        start = value.get("start", value.get("start_offset"))
        end = value.get("end", value.get("end_offset"))
        label = value.get("label")
    elif isinstance(value, list) and len(value) == 3:
        start, end, label = value
    else:
        return "is not a span ({start, end, label} or [start, end, label])"
    if not _is_int(start) or not _is_int(end):
        return "has offsets that are not whole numbers"
    if not 0 <= start < end <= text_length:
        return f"is out of range (text has {text_length} characters)"
    if not isinstance(label, str) or not label.strip():
        return "has no label"
    return ImportedSpan(start=start, end=end, label=label)


def _is_int(value: Any) -> TypeGuard[int]:
    # JSON true/false are bools, which Python also counts as ints.
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _field_list(obj: dict[str, Any]) -> str:
    """The first field names of ``obj`` for a message ("id, body, author", "none")."""
    if not obj:
        return "none"
    names = ", ".join(shown(name, 40, quoted=False) for name in islice(obj, _FIELDS_SHOWN))
    more = len(obj) - _FIELDS_SHOWN
    return names + (f", … ({more:,} more)" if more > 0 else "")


def _refusal(exc: ValueError) -> str:
    """Why ``json.loads`` refused a line that is JSON by grammar, in words."""
    digits = _TOO_MANY_DIGITS.search(str(exc))
    if digits is not None:  # Python's guard against slow int parsing (CVE-2020-10735)
        limit = sys.get_int_max_str_digits()
        return f"a number has {int(digits.group(1)):,} digits, more than the {limit:,} allowed"
    return printable(str(exc)[:200])
