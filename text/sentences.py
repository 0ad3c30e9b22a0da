"""Sentence boundaries for German (and English) news text, as character offsets.

Rules, in the order they matter for news: a line break always ends a sentence (headings have
no full stop); ``.``, ``!`` and ``?`` end one when whitespace and a capital letter, digit or
opening quote follow, except after a known abbreviation (``z. B.``, ``Dr.``, ``Nr.``) or an
ordinal number (``am 3. Oktober``); closing quotes and brackets after the mark belong to the
sentence („… verstärken.“). Numbers like ``30.000`` never split, as no space follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    "z b d h u a v ggf bzw ca dr prof nr str st mio mrd jh abs art vgl evtl inkl usw etc "
    "sog bspw zb dh ua mr mrs ms jr sr vs no gen lt col sen rep gov corp inc ltd co "
    "jan feb mär apr jun jul aug sep sept okt nov dez".split()
)
# Months after an ordinal ("am 3. Oktober") do not start a new sentence.
MONTHS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember".split()
)
# "der 5. Raketentest", "am 3. Oktober": a number after these words is an ordinal.
ORDINAL_CONTEXT = frozenset(
    "der die das dem den des am im zum zur vom beim ab seit bis ihr ihre sein seine unser "
    "jeder jede jedes".split()
)
_END = re.compile(r"[.!?]+[\"“”»«'’)\]]*")
_NEXT_STARTS = re.compile(r"\s+[\"„“»«'‚(\[]?[A-ZÄÖÜ0-9]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, with offsets into it (outer spaces excluded)."""
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        for start, end in _split_line(line):
            sentences.append(Sentence(offset + start, offset + end, line[start:end]))
        offset += len(line) + 1
    return sentences


def _split_line(line: str) -> list[tuple[int, int]]:
    pieces = []
    start = 0
    for match in _END.finditer(line):
        end = match.end()
        if not _NEXT_STARTS.match(line, end) or _is_abbreviation(line, match.start()):
            continue
        if line[match.start()] == "." and _is_ordinal_before_month(line, match.start(), end):
            continue
        pieces.append((start, end))
        start = end
    pieces.append((start, len(line)))
    return [_trimmed(line, a, b) for a, b in pieces if line[a:b].strip()]


def _word_before(line: str, position: int) -> str:
    # Scans back from ``position``: a search over the whole prefix would make long lines
    # quadratic.
    start = position
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] == "_"):
        start -= 1
    return line[start:position]


def _is_abbreviation(line: str, period: int) -> bool:
    if line[period] != ".":
        return False
    word = _word_before(line, period)
    if word.lower() in ABBREVIATIONS:
        return True
    # Single capital letters are initials ("Donald J. Trump"), not sentence ends.
    return len(word) == 1 and word.isalpha() and word.isupper()


def _is_ordinal_before_month(line: str, period: int, end: int) -> bool:
    number = _word_before(line, period)
    if not number.isdigit():
        return False
    following = re.match(r"\s+(\w+)", line[end:])
    if following and following.group(1).lower() in MONTHS:
        return True
    head = line[: period - len(number)].rstrip()
    before = _word_before(head, len(head)).lower()
    return before in ORDINAL_CONTEXT


def _trimmed(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
