"""Matching lexicon entries against lowercased tokens: ``*`` ends a prefix, several words are
consecutive tokens, and ``...`` is a gap of up to eight tokens (German separable verbs:
"lehnte den Plan ab" for ``lehnt* ... ab``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, TypeVar

GAP = "..."
MAX_GAP = 8
KEY_LENGTH = 3

T = TypeVar("T")


def word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def match_at(pattern: Sequence[str], words: Sequence[str], start: int) -> int | None:
    """The end (exclusive) of ``pattern`` matched from ``words[start]``, or None."""

    def extend(p: int, k: int) -> int | None:
        if p == len(pattern):
            return k
        if pattern[p] == GAP:
            for skip in range(MAX_GAP + 1):
                end = extend(p + 1, k + skip)
                if end is not None:
                    return end
            return None
        if k < len(words) and word_matches(pattern[p], words[k]):
            return extend(p + 1, k + 1)
        return None

    return extend(0, start)


class EntryIndex(Generic[T]):
    """Entries looked up by the first letters of their first word, so a sentence is checked
    against a handful of candidates instead of the whole lexicon."""

    def __init__(self, entries: Sequence[tuple[Sequence[str], T]]) -> None:
        self._by_key: dict[str, list[tuple[Sequence[str], T]]] = defaultdict(list)
        self._short: list[tuple[Sequence[str], T]] = []
        for words, value in entries:
            first = words[0].rstrip("*")
            if len(first) >= KEY_LENGTH:
                self._by_key[first[:KEY_LENGTH]].append((words, value))
            else:
                self._short.append((words, value))

    def may_start(self, word: str) -> bool:
        """Whether any entry could match from ``word`` (a cheap test before ``longest_at``)."""
        return bool(self._short) or word[:KEY_LENGTH] in self._by_key

    def longest_at(self, words: Sequence[str], start: int) -> tuple[int, T] | None:
        """The entry matching at ``start`` that covers most tokens (then the most specific
        first word), with its end."""
        best: tuple[int, int, T] | None = None
        word = words[start]
        candidates = self._by_key.get(word[:KEY_LENGTH], ())
        for pattern, value in (*candidates, *self._short) if self._short else candidates:
            if not word_matches(pattern[0], word):
                continue  # most candidates fail on the first word: no recursion for them
            end = match_at(pattern, words, start)
            if end is None:
                continue
            rank = (end - start) * 100 + len(pattern[0])
            if best is None or rank > best[0]:
                best = (rank, end, value)
        return None if best is None else (best[1], best[2])
