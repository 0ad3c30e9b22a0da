"""What a short string from an import may hold, and how input is shown in messages.

Titles, sources, language codes and metadata end up in exports (JSONL, Excel, CSV), in the
window and on the terminal. Two kinds of character break those places and mean nothing in
a news article's metadata: lone surrogates (no UTF-8 exists for them; they come from
``"\\ud800"`` escapes in JSON) and control characters (Excel refuses them, a terminal
obeys them). ``clean_string`` is the one rule for them; ``shown`` and ``printable`` make
messages about hostile input safe to print.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["clean_string", "is_clean", "printable", "shown"]

# Control characters except tab, newline and carriage return (C0, DEL and C1).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_CLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# What a one-line message must not contain: every control character and lone surrogate.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
SURROGATES_REPLACED = "lone surrogates replaced by U+FFFD"
CONTROLS_REMOVED = "control characters removed"


def clean_string(value: str) -> tuple[str, tuple[str, ...]]:
    """Apply the rule for short strings: lone surrogates become U+FFFD (the replacement
    character), control characters other than tab, newline and carriage return are
    removed. Takes the string; returns the clean string and notes of what was done (empty
    when nothing was), e.g. ``("control characters removed",)``."""
    if is_clean(value):  # nearly always: one search, no copy
        return value, ()
    notes: list[str] = []
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
        notes.append(SURROGATES_REPLACED)
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
        notes.append(CONTROLS_REMOVED)
    return value, tuple(notes)


def is_clean(value: str) -> bool:
    """True when ``clean_string`` would leave ``value`` as it is."""
    return _NOT_CLEAN.search(value) is None


def shown(value: Any, limit: int = 60, *, as_json: bool = False, quoted: bool = True) -> str:
    """A value from the input as a message shows it: strings in single quotes (none
    without ``quoted``; JSON's double quotes with ``as_json``), other values as JSON,
    control characters and lone surrogates escaped, cut to ``limit`` characters and "…"
    (a 10,000-character label must not fill the report)."""
    if isinstance(value, str) and not as_json:
        text = value[:limit] + ("…" if len(value) > limit else "")
        text = f"'{text}'" if quoted else text
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (ValueError, TypeError, RecursionError):  # too deep, or not JSON at all
            text = type(value).__name__
        text = text[:limit] + ("…" if len(text) > limit else "")
    return printable(text)


def printable(text: str) -> str:
    """``text`` as one printable line: control characters (newlines too) and lone
    surrogates written as escapes like ``\\x1b`` and ``\\udce9``, so a report can always
    be encoded and a terminal never obeys a file name."""
    return _UNPRINTABLE.sub(lambda bad: ascii(bad.group())[1:-1], text)
