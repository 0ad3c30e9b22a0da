"""Token boundaries for snapping and resizing entity spans by whole words.

A fast regular expression, not a full tokenizer: what matters here is where an annotator
expects a word to begin and end. A token is

- a word, with hyphens, apostrophes and soft hyphens inside it ("US-Regierung", "Macron's"),
  and with a hyphen at its end before "und"/"oder" ("Bundes- und Landesregierung");
- a number, with separators between digits ("30.000", "3,5", "12:30");
- otherwise any one character that is neither a letter, a digit nor whitespace: punctuation,
  German quotes („ and “ are tokens of their own), brackets, an emoji.

Offsets are into a Python string (code points), as the database stores them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# A word character, a soft hyphen (web text hides them inside words) or a combining accent.
_W = r"[\w\u00ad\u0300-\u036f]"
_TOKEN = re.compile(
    rf"""
    {_W}+
    (?: (?: [-\u2010\u2011'’] | (?<=\d)[.,:](?=\d) ) {_W}+ )*   # compounds, 30.000, it's
    (?: -(?=\s+(?:und|oder|bzw\.|sowie|bis)\s) )?             # "Bundes- und Landes…"
    | [^\w\s]                                                 # one other character
    """,
    re.VERBOSE,
)


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token of ``text``, in order."""
    return [match.span() for match in _TOKEN.finditer(text)]


class Tokens:
    """A text's tokens, and where a span's ends move to when it grows or shrinks by one.

    Every method takes a span as ``start``, ``end`` (code points, ``start < end``) and returns
    the new offset, or ``None`` when there is no token to move to."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = token_spans(text)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def __len__(self) -> int:
        return len(self.starts)

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        """The smallest run of whole tokens covering every token that [start, end) touches;
        ``None`` when it touches none (only whitespace, or nothing)."""
        first = bisect_right(self.ends, start)  # the first token ending after start
        last = bisect_left(self.starts, end) - 1  # the last token starting before end
        if first > last:
            return None
        return self.starts[first], self.ends[last]

    def grow_end(self, start: int, end: int) -> int | None:
        """The end of the next token after ``end``."""
        index = bisect_right(self.ends, end)
        return self.ends[index] if index < len(self.ends) else None

    def shrink_end(self, start: int, end: int) -> int | None:
        """The end of the token before the span's last one (``None``: one token left)."""
        index = bisect_left(self.ends, end) - 1
        return self.ends[index] if index >= 0 and self.ends[index] > start else None

    def grow_start(self, start: int, end: int) -> int | None:
        """The start of the token before ``start``."""
        index = bisect_left(self.starts, start) - 1
        return self.starts[index] if index >= 0 else None

    def shrink_start(self, start: int, end: int) -> int | None:
        """The start of the span's second token (``None``: one token left)."""
        index = bisect_right(self.starts, start)
        if index < len(self.starts) and self.starts[index] < end:
            return self.starts[index]
        return None


def trim_spaces(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without the whitespace around it, as offsets; None when only
    whitespace is there."""
    chosen = text[start:end]
    stripped = chosen.strip()
    if not stripped:
        return None
    first = start + len(chosen) - len(chosen.lstrip())
    return first, first + len(stripped)
