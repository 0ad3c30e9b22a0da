"""Last checks on a record before it is stored, whatever reader produced it."""

from __future__ import annotations

from itertools import pairwise

from storage.importing.records import ImportedRecord, ImportedSpan


def unstorable_reason(record: ImportedRecord) -> str | None:
    """Why the record's text cannot be stored as it is, or None.

    A NUL character would make SQLite count the text shorter than Python does (and is a sign
    of binary data); a lone surrogate cannot be written as UTF-8 at all.
    """
    text = record.text
    if "\x00" in text:
        return f"text contains a NUL character at position {text.index(chr(0))} (binary data?)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(text[exc.start])
        return f"text contains an invalid character (U+{code:04X}) at position {exc.start}"
    return None


def safe_text(value: str) -> str:
    """A title or source name that can be stored: bytes of a file name that were not UTF-8
    (kept by Python as surrogates) and lone surrogates become U+FFFD; NULs are dropped."""
    value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape" if _only_escapes(value) else "replace")
        return raw.decode("utf-8", "replace")


def _only_escapes(value: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in value)


def overlapping_spans(spans: list[ImportedSpan]) -> tuple[ImportedSpan, ImportedSpan] | None:
    """The first two spans that overlap, or None."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for first, second in pairwise(ordered):
        if second.start < first.end:
            return first, second
    return None
