"""Finding where a sentence mentions a stance target: by its aliases and inflected forms
("Russland", "Russlands", "Moskau", "Kreml"), by hyphenated compounds ("US-Regierung"), by
demonyms ("russische Streitkräfte" → Russland) and by entity spans that name it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nlp.lexicon_match import match_at, word_matches

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
    for index, token in enumerate(tokens):
        if index in taken:
            continue
        for target in targets:
            if any(_alias_matches(alias, token.text) for alias in target.aliases):
                mentions.append(TargetMention(target.name, token.start, token.end, "alias"))
                break
            if any(word_matches(d, token.lower) for d in target.demonyms if " " not in d):
                mentions.append(TargetMention(target.name, token.start, token.end, "demonym"))
                break
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
