"""Metadata as it may be stored: JSON every export can write, of a size a project can hold.

Metadata comes from JSONL keys, CSV/XLSX columns and whatever a script hands the importer.
``clean_meta`` applies the string rule of ``text_rules.clean_string`` to every key and every
string inside (lists and objects included), writes NaN and infinities (which ``json.loads``
accepts but JSON has not) as the strings "NaN", "Infinity" and "-Infinity" so the value
stays visible, and cuts or drops what is over the limits below. It never refuses a record:
it says what it did, key by key, and the importer reports that as one warning.

The limits are far above real article metadata (an id, a date, an author, a URL, a few
tags) and keep one record from filling the database or the Excel export, which makes one
column per key.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from storage.importing.text_rules import clean_string, is_clean, shown

__all__ = ["MAX_META_JSON_CHARS", "MAX_META_KEYS", "MAX_META_STRING_CHARS", "clean_meta"]

MAX_META_KEYS = 256  # keys per document; the rest are dropped
MAX_KEY_CHARS = 200  # characters of a key (an Excel column header in the export)
MAX_META_STRING_CHARS = 65_536  # characters of one string value (64 Ki); longer ones are cut
MAX_META_JSON_CHARS = 1_048_576  # characters of a document's metadata as JSON (1 Mi)
MAX_DEPTH = 32  # lists and objects inside each other; deeper values are dropped
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
# How json.dumps writes control characters other than tab, newline and carriage return.
_ESCAPED_CONTROL = re.compile(r"\\u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F])|\\[bf]")


class _TooDeepError(Exception):
    """A value nests lists and objects more than ``MAX_DEPTH`` levels deep."""


def clean_meta(meta: dict[Any, Any]) -> tuple[dict[str, Any], list[str]]:
    """Make metadata storable and exportable.

    Takes the metadata as read; returns the clean metadata and notes, one per key that was
    changed or dropped ("'Autor': control characters removed"), plus a note on keys
    dropped past ``MAX_META_KEYS``. Keys that are the same once cleaned keep the first.
    When the whole is over ``MAX_META_JSON_CHARS`` as JSON, the largest values are dropped
    until it fits.
    """
    if _needs_nothing(meta):
        return meta, []
    clean: dict[str, Any] = {}
    notes: list[str] = []
    for position, (key, value) in enumerate(meta.items()):
        if position >= MAX_META_KEYS:
            dropped = len(meta) - MAX_META_KEYS
            notes.append(f"{dropped:,} keys after the first {MAX_META_KEYS} dropped")
            break
        name, what = _clean_key(key)
        if name in clean:
            notes.append(f"{shown(key)}: dropped, the same name as another key once cleaned")
            continue
        try:
            clean[name] = _clean_value(value, 1, what)
        except _TooDeepError:
            notes.append(f"{shown(key)}: dropped, nested more than {MAX_DEPTH} levels deep")
            continue
        if what:
            notes.append(f"{shown(key)}: {', '.join(sorted(what))}")
    notes += _fit(clean)
    return clean, notes


def _needs_nothing(meta: dict[Any, Any]) -> bool:
    """True for the usual metadata, which the rules leave as it is: checked on its JSON,
    which is as fast as C and which the database layer writes anyway. Conservative: a
    false "no" only costs the key-by-key check."""
    if len(meta) > MAX_META_KEYS or any(
        type(key) is not str or len(key) > MAX_KEY_CHARS for key in meta
    ):
        return False
    try:
        text = json.dumps(meta, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError, RecursionError):  # NaN, a date from a script, deep nesting
        return False
    return (
        len(text) <= MAX_META_STRING_CHARS  # then no string in it is longer
        and text.count("[") + text.count("{") <= MAX_DEPTH  # then nothing nests deeper
        and _ESCAPED_CONTROL.search(text) is None
        and is_clean(text)
    )


def _clean_key(key: Any) -> tuple[str, set[str]]:
    what: set[str] = set()
    if not isinstance(key, str):  # only a script's dict can have these
        key = str(key)
    name, notes = clean_string(key)
    what.update(f"key: {note}" for note in notes)
    if len(name) > MAX_KEY_CHARS:
        name = name[:MAX_KEY_CHARS]
        what.add(f"key cut to {MAX_KEY_CHARS} characters")
    return name, what


def _clean_value(value: Any, depth: int, what: set[str]) -> Any:
    """The value with the rules applied; what was done goes into ``what``."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        what.add("NaN or infinity stored as text")
        return _NON_FINITE[str(value)]
    if isinstance(value, str):
        text, notes = clean_string(value)
        what.update(notes)
        if len(text) > MAX_META_STRING_CHARS:
            what.add(f"text cut to {MAX_META_STRING_CHARS:,} characters")
            text = text[:MAX_META_STRING_CHARS]
        return text
    if isinstance(value, dict | list | tuple):
        if depth >= MAX_DEPTH:
            raise _TooDeepError
        if isinstance(value, dict):
            inner: dict[str, Any] = {}
            for key, item in value.items():
                name, key_what = _clean_key(key)
                what.update(key_what)
                inner.setdefault(name, _clean_value(item, depth + 1, what))
            return inner
        return [_clean_value(item, depth + 1, what) for item in value]
    what.add(f"{type(value).__name__} stored as text")  # a date from a script, say
    return _clean_value(str(value), depth, what)


def _fit(clean: dict[str, Any]) -> list[str]:
    """Drop the largest values until the metadata fits ``MAX_META_JSON_CHARS``."""
    if len(json.dumps(clean, ensure_ascii=False)) <= MAX_META_JSON_CHARS:
        return []
    sizes = {key: len(json.dumps({key: value}, ensure_ascii=False)) for key, value in clean.items()}
    total = sum(sizes.values())
    notes: list[str] = []
    for key in sorted(sizes, key=lambda k: sizes[k], reverse=True):
        if total <= MAX_META_JSON_CHARS:
            break
        del clean[key]
        total -= sizes[key]
        notes.append(
            f"{shown(key)}: dropped, {sizes[key]:,} characters of JSON where a document's "
            f"metadata may have {MAX_META_JSON_CHARS:,}"
        )
    return notes
