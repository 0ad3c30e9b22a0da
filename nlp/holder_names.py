"""A holder's name: the project's actor a mention refers to, else the stance target it names
(targets are actors too: "Moskau" -> Russland), else the mention as written, trimmed to the
name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.holder_phrases import ARTICLES

PERSON_LABELS = frozenset({"PER", "PERSON"})
MAX_INFLECTION = 2  # "Kreml*" names "Kremls", not "Kremlsprecher"


@dataclass(frozen=True)
class HolderSpec:
    """An actor of the project who can hold a stance, and the words that refer to it
    ("Putin": "Wladimir Putin", "der russische Präsident"). Aliases are compared without
    case; an alias ending in ``*`` also matches the word plus a short ending."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Named:
    name: str
    person: bool


def _alias_matches(alias: str, text: str) -> bool:
    alias, text = alias.casefold(), text.casefold()
    if alias.endswith("*"):
        stem = alias[:-1]
        return text.startswith(stem) and len(text) - len(stem) <= MAX_INFLECTION
    return text == alias


def _without_article(words: Sequence[str]) -> list[str]:
    return list(words[1:]) if words and words[0].lower() in ARTICLES else list(words)


def _heads(words: Sequence[str]) -> list[str]:
    """The name and its ends: "US-Präsident Donald Trump", "Donald Trump", "Trump"."""
    return [" ".join(words[i:]) for i in range(len(words))]


class HolderNamer:
    """Names holders from the project's actors and targets."""

    def __init__(
        self,
        holders: Sequence[HolderSpec],
        targets: Sequence[tuple[str, Sequence[str]]],  # (name, aliases)
    ) -> None:
        self._specs = [(h.name, (h.name, *h.aliases)) for h in holders]
        self._targets = [(name, (name, *aliases)) for name, aliases in targets]

    def actor_of(self, words: Sequence[str]) -> str | None:
        """The actor, or else the target, the words name (whole or by their end)."""
        candidates = [" ".join(words), *_heads(_without_article(words))]
        for specs in (self._specs, self._targets):
            for candidate in candidates:
                for name, aliases in specs:
                    if any(_alias_matches(a, candidate) for a in aliases):
                        return name
        return None

    def name(self, words: Sequence[str], label: str | None, titled: bool) -> Named:
        """The holder's name for a mention of ``words`` (an entity span's words when one
        covers it, with its ``label``); ``titled``: the phrase holds a function title."""
        actor = self.actor_of(words)
        if actor is not None:
            return Named(actor, label in PERSON_LABELS or (label is None and titled))
        trimmed = _without_article(words) or list(words)
        if label is not None:
            return Named(" ".join(trimmed), label in PERSON_LABELS)
        capitalised = [w for w in trimmed if w[:1].isupper()]
        person = titled or (len(capitalised) >= 2 and len(capitalised) == len(trimmed))
        return Named(" ".join(trimmed), person)
