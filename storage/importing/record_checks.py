"""Last checks on a record before it is stored, whatever reader produced it.

``unstorable_reason`` refuses what the database cannot hold; ``prepare_record`` applies the
rules every stored value follows (label names, titles, language codes, metadata) and says
what it changed, so one reader's oddity never becomes an export that cannot be written.
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise

from storage.importing.meta_rules import clean_meta
from storage.importing.records import ImportedRecord, ImportedSpan, ImportProblem
from storage.importing.text_rules import clean_string, shown
from storage.label_rules import clean_label_name

MAX_TITLE_CHARS = 500  # the column's length
MAX_SOURCE_CHARS = 1000  # the column's length
MAX_LANGUAGE_CHARS = 16  # the column's length; "de", "pt-br", "zh-hant-tw" fit
MAX_NOTES_SHOWN = 5  # per warning: a record with 200 odd keys still gets one readable line


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


def prepare_record(record: ImportedRecord) -> tuple[ImportedRecord, list[str]] | ImportProblem:
    """The record as it will be stored with what was changed, or the error that skips it.

    Takes a record whose text is storable; returns a copy with span labels, title,
    language and metadata cleaned, and one warning message per field that changed. A span
    label that breaks the label rule (``storage.label_rules.clean_label_name``) other
    than by surrounding white space makes the record an error; spans that are the same
    once cleaned are kept once. Source: ``clean_source`` (silently: the readers report
    it once per file). Title: the string rule of ``text_rules.clean_string``, outer white
    space removed, cut to 500 characters. Language: the same rule, lower case; a code over
    16 characters is left out (the language is then detected).
    """
    warnings: list[str] = []
    spans = _clean_spans(record.spans, warnings)
    if isinstance(spans, str):
        return ImportProblem(record.location, spans)
    title = _clean_title(record.title, warnings)
    language = _clean_language(record.language, warnings)
    meta, notes = clean_meta(record.meta)
    if notes:
        more = len(notes) - MAX_NOTES_SHOWN
        listed = "; ".join(notes[:MAX_NOTES_SHOWN]) + (f"; … and {more:,} more" if more > 0 else "")
        warnings.append(f"metadata cleaned: {listed}")
    prepared = dataclasses.replace(
        record,
        source=clean_source(record.source)[0],
        spans=spans,
        title=title,
        language=language,
        meta=meta,
    )
    return prepared, warnings


def _clean_spans(spans: list[ImportedSpan], warnings: list[str]) -> list[ImportedSpan] | str:
    """The spans with clean labels, or the error message that skips the record."""
    # Keyed ignoring case: the project keeps "PER" and "per" as one label (see span_import).
    clean: dict[tuple[int, int, str], ImportedSpan] = {}
    for span in spans:
        where = f"span {span.start}–{span.end}"
        try:
            label = clean_label_name(span.label)
        except ValueError as exc:
            return f"{where} has a label that cannot be used: {exc}; record skipped"
        if label != span.label:
            warnings.append(f"{where}: white space around the label {shown(span.label)} removed")
        key = (span.start, span.end, label.casefold())
        clean.setdefault(key, ImportedSpan(span.start, span.end, label))
    return list(clean.values())


def _clean_title(title: str | None, warnings: list[str]) -> str | None:
    if title is None:
        return None
    clean, notes = clean_string(title)
    clean = clean.strip()
    if notes:
        warnings.append(f"title {shown(title)}: {', '.join(notes)}")
    if len(clean) > MAX_TITLE_CHARS:
        warnings.append(f"title cut from {len(clean):,} to {MAX_TITLE_CHARS} characters")
        clean = clean[:MAX_TITLE_CHARS].rstrip()
    return clean or None


def _clean_language(language: str | None, warnings: list[str]) -> str | None:
    if language is None:
        return None
    clean, notes = clean_string(language)
    clean = clean.strip().lower()
    if notes:
        warnings.append(f"language {shown(language)}: {', '.join(notes)}")
    if len(clean) > MAX_LANGUAGE_CHARS:
        warnings.append(
            f"language {shown(language)} is longer than {MAX_LANGUAGE_CHARS} characters, "
            "not a language code; left out"
        )
        return None
    return clean or None


def clean_source(source: str) -> tuple[str, list[str]]:
    """A source name (a file name) as stored, and what was changed: bytes that were not
    UTF-8 become U+FFFD, control characters are removed, it is cut to 1000 characters.
    The readers report the changes once per file; ``prepare_record`` applies it to records
    that came another way."""
    safe = safe_text(source)
    changed = [] if safe == source else ["bytes that are not UTF-8 replaced by U+FFFD"]
    clean, notes = clean_string(safe)
    changed += notes
    if len(clean) > MAX_SOURCE_CHARS:
        changed.append(f"cut to {MAX_SOURCE_CHARS} characters")
        clean = clean[:MAX_SOURCE_CHARS]
    return clean, changed


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
