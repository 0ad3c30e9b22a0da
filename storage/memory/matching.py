"""Finding remembered surfaces in a text, the way the project memory suggests them.

A surface matches as a whole token, case-sensitively ("Nordkorea" is not in
"Nordkorea-Krise"), and in German texts also with a -s/-es/-n/-en/-ns ending ("Pokrovsks").
Plain string work, without a database: ``storage.memory.suggestions`` runs it over each
document it refreshes, so it must stay fast for thousands of surfaces, and is easiest to
test and time on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

SUFFIXES = ("s", "es", "n", "en", "ns")  # German genitive/dative/plural endings of names
SMALL_SCOPE = 16  # up to this many surfaces, str.find beats scanning the document's words
_WORD = re.compile(r"\w+")


class Match(NamedTuple):
    start: int
    end: int
    surface: str  # what the memory knows; the text at start:end for an exact match
    inflected: bool


def inflectable(surface: str) -> bool:
    return len(surface) >= 3 and surface[-1].isalpha()


def inflects_german(language: str | None) -> bool:
    return language is None or language == "de"


def inflections(surface: str) -> list[str]:
    return [surface + suffix for suffix in SUFFIXES] if inflectable(surface) else []


def bases(text_: str) -> list[str]:
    """The surfaces ``text_`` could be an inflected form of."""
    found = []
    for suffix in SUFFIXES:
        if text_.endswith(suffix) and inflectable(text_[: -len(suffix)]):
            found.append(text_[: -len(suffix)])
    return found


def _free(text_: str, index: int) -> bool:
    """Whether position ``index`` does not continue a token (outside, or not a word character
    or hyphen: "Nordkorea-Krise" is not "Nordkorea")."""
    if index < 0 or index >= len(text_):
        return True
    char = text_[index]
    return not (char.isalnum() or char == "_" or char == "-")


def _match_at(text_: str, start: int, surface: str, inflect: bool) -> Match | None:
    """``surface`` (or, with ``inflect``, an inflected form) as a whole token at ``start``,
    whose left side the caller has checked."""
    if not text_.startswith(surface, start):
        return None
    end = start + len(surface)
    if _free(text_, end):
        return Match(start, end, surface, False)
    if inflect and inflectable(surface):
        for suffix in SUFFIXES:
            if text_.startswith(suffix, end) and _free(text_, end + len(suffix)):
                return Match(start, end + len(suffix), surface, True)
    return None


class SurfaceMatcher:
    """Finds many surfaces in a text at once: surfaces are indexed by their first word, and
    the text's words are scanned once (a handful of surfaces are simply searched for)."""

    def __init__(self, surfaces: Iterable[str]) -> None:
        self.surfaces = sorted(set(surfaces))
        self._by_head: dict[str, list[str]] = {}
        self._odd: list[str] = []  # not starting with a word character: searched for
        for surface in self.surfaces:
            head = _WORD.match(surface)
            if head is None:
                self._odd.append(surface)
            else:
                self._by_head.setdefault(head.group(), []).append(surface)

    def find(self, text_: str, inflect: bool) -> list[Match]:
        if len(self.surfaces) <= SMALL_SCOPE:
            found = [m for s in self.surfaces for m in _search(text_, s, inflect)]
        else:
            found = list(self._scan(text_, inflect))
            found += [m for s in self._odd for m in _search(text_, s, inflect)]
        return sorted(found)

    def _scan(self, text_: str, inflect: bool) -> Iterator[Match]:
        by_head = self._by_head
        for word in _WORD.finditer(text_):
            start = word.start()
            if start and text_[start - 1] == "-":
                continue
            token = word.group()
            for surface in by_head.get(token, ()):
                match = _match_at(text_, start, surface, inflect)
                if match is not None:
                    yield match
            if not inflect:
                continue
            for suffix in SUFFIXES:
                if token.endswith(suffix) and len(token) > len(suffix):
                    base = token[: -len(suffix)]
                    for surface in by_head.get(base, ()):
                        # Longer surfaces with this head were tried with the token itself.
                        if surface == base:
                            match = _match_at(text_, start, surface, inflect)
                            if match is not None:
                                yield match


def _search(text_: str, surface: str, inflect: bool) -> Iterator[Match]:
    index = text_.find(surface)
    while index != -1:
        if _free(text_, index - 1):
            match = _match_at(text_, index, surface, inflect)
            if match is not None:
                yield match
        index = text_.find(surface, index + 1)
