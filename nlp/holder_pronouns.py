"""Whom "er", "sie", "he" or "she" refers to when it speaks: the person last named before it.

A person is known by the names of the person entity spans and of the holders found to be
persons; each of their name words ("Wladimir Putin": "Wladimir", "Putin") marks a later
mention of that person too ("Putin reagierte mit Spott: …, sagte er"), so the most recent
mention wins, whether or not an entity span covers it there."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

MIN_NAME_WORD = 3
Person = tuple[str, int, int]  # name, document offsets of the mention


def name_words(text: str, is_title: Callable[[str], bool]) -> list[str]:
    """The words of a name that can stand for it alone: capitalised, not a function title."""
    return [
        w
        for w in re.findall(r"[\w-]+", text)
        if w[:1].isupper() and len(w) >= MIN_NAME_WORD and not is_title(w)
    ]


def last_person(
    text: str,
    position: int,
    named: Sequence[Person],
    is_title: Callable[[str], bool],
) -> Person | None:
    """The person mentioned last before ``position``: ``named`` lists the persons known so
    far (a later entry's name wins a word both share), each by one mention."""
    known: dict[str, str] = {}
    for name, start, end in named:
        for word in name_words(text[start:end], is_title) + name_words(name, is_title):
            known[word] = name
    if not known:
        return None
    pattern = r"\b(?:" + "|".join(re.escape(w) for w in sorted(known, key=len, reverse=True))
    mentions = list(re.finditer(pattern + r")\b", text[:position]))
    if not mentions:
        return None
    last = mentions[-1]
    # Inside a known mention ("Sergej Lawrow"), the whole mention, not its last word.
    whole = [(s, e) for _n, s, e in named if s <= last.start() and last.end() <= e]
    start, end = whole[-1] if whole else (last.start(), last.end())
    return known[last.group()], start, end
