"""Finding where a sentence mentions a stance target: by its aliases and inflected forms
("Russland", "Russlands", "Moskau", "Kreml"), by hyphenated compounds ("US-Regierung"), by
demonyms ("russische Streitkräfte" → Russland) and by entity spans that name it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlp.lexicon_match import match_at

_TOKEN = re.compile(r"\w[\w.]*(?:-\w+)*-?", re.UNICODE)


@dataclass(frozen=True)
class TargetSpec:
    """A target and the words that refer to it. Aliases are case-sensitive and match whole
    tokens or the first part of a hyphenated compound; an alias ending in ``*`` matches as a
    prefix. Demonyms are lowercase and match lowercased tokens: ``russisch*`` as a prefix,
    a word without ``*`` exactly, several words as consecutive tokens."""

    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetMention:
    target: str
    start: int  # offsets into the text given to ``find_mentions``
    end: int
    how: str  # "alias", "demonym" or "entity"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens_of(text: str) -> list[Token]:
    """Word tokens with offsets (hyphenated compounds stay one token)."""
    return [
        Token(m.group().rstrip("."), m.start(), m.start() + len(m.group().rstrip(".")))
        for m in _TOKEN.finditer(text)
    ]


def _alias_matches(alias: str, token: str) -> bool:
    if alias.endswith("*"):
        return token.startswith(alias[:-1])
    return token == alias or token.startswith(alias + "-")


def _phrase_mentions(tokens: list[Token], targets: Sequence[TargetSpec]) -> list[TargetMention]:
    """Mentions by multi-word aliases ("Weißes Haus") and demonyms ("north korean*")."""
    found = []
    lowered = [t.lower for t in tokens]
    for target in targets:
        for alias in (a for a in target.aliases if " " in a):
            words = alias.split()
            for i in range(len(tokens) - len(words) + 1):
                window = tokens[i : i + len(words)]
                if all(_alias_matches(w, t.text) for w, t in zip(words, window, strict=True)):
                    found.append(
                        TargetMention(target.name, window[0].start, window[-1].end, "alias")
                    )
        for stem in (d for d in target.demonyms if " " in d):
            for i in range(len(tokens)):
                end = match_at(stem.split(), lowered, i)
                if end is not None:
                    found.append(
                        TargetMention(target.name, tokens[i].start, tokens[end - 1].end, "demonym")
                    )
    return found


@lru_cache(maxsize=32)
def _word_matcher(
    targets: tuple[TargetSpec, ...],
) -> Callable[[Token], tuple[str, str] | None]:
    """One-token matching compiled once per target set: dictionaries for exact aliases and
    regular expressions for prefixes, instead of trying every alias on every token."""
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    exact_demonyms: dict[str, str] = {}
    demonym_prefixes: list[tuple[str, str]] = []
    for target in targets:
        for alias in (a for a in target.aliases if " " not in a):
            if alias.endswith("*"):
                prefixes.append((alias[:-1], target.name))
            else:
                exact.setdefault(alias, target.name)
        for stem in (d for d in target.demonyms if " " not in d):
            if stem.endswith("*"):
                demonym_prefixes.append((stem[:-1], target.name))
            else:
                exact_demonyms.setdefault(stem, target.name)
    alias_re = _prefix_regex(prefixes)
    demonym_re = _prefix_regex(demonym_prefixes)

    def match(token: Token) -> tuple[str, str] | None:
        text = token.text
        head = text.split("-", 1)[0] if "-" in text else None
        name = exact.get(text) or (exact.get(head) if head else None)
        if name is None and alias_re is not None:
            hit = alias_re.match(text)
            name = _owner(prefixes, hit.group()) if hit else None
        if name is not None:
            return name, "alias"
        lower = token.lower
        name = exact_demonyms.get(lower)
        if name is None and demonym_re is not None:
            hit = demonym_re.match(lower)
            name = _owner(demonym_prefixes, hit.group()) if hit else None
        return (name, "demonym") if name is not None else None

    return match


def _prefix_regex(prefixes: list[tuple[str, str]]) -> re.Pattern[str] | None:
    if not prefixes:
        return None
    ordered = sorted({p for p, _ in prefixes}, key=len, reverse=True)  # longest wins
    return re.compile("|".join(re.escape(p) for p in ordered))


def _owner(prefixes: list[tuple[str, str]], matched: str) -> str:
    return next(name for prefix, name in prefixes if prefix == matched)


def find_mentions(
    text: str,
    targets: Sequence[TargetSpec],
    entity_spans: Iterable[tuple[int, int]] = (),
) -> list[TargetMention]:
    """The mentions of ``targets`` in ``text``, in text order, at most one per token."""
    mentions: list[TargetMention] = []
    tokens = tokens_of(text)
    mentions += _phrase_mentions(tokens, targets)
    taken = {i for m in mentions for i, t in enumerate(tokens) if m.start <= t.start < m.end}
    matcher = _word_matcher(tuple(targets))
    for index, token in enumerate(tokens):
        if index not in taken:
            found = matcher(token)
            if found is not None:
                mentions.append(TargetMention(found[0], token.start, token.end, found[1]))
    # An entity span that names a target in another spelling ("Nato" for "NATO").
    covered = {(m.start, m.end) for m in mentions}
    for start, end in entity_spans:
        name = text[start:end].lower()
        for target in targets:
            names = {target.name.lower(), *(a.lower() for a in target.aliases)}
            if (start, end) not in covered and name in names:
                mentions.append(TargetMention(target.name, start, end, "entity"))
                break
    return sorted(mentions, key=lambda m: m.start)
