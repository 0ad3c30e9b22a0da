"""Where a sentence's clauses begin and how a target mention is governed, from punctuation
and a few function words (no parser: the cold-start suggester must stay fast).

A cue judges only what stands in its own clause: commas, colons, semicolons, brackets,
dashes and quotation marks end a clause, and so do conjunctions ("und", "aber", "dass",
"weil"). The word right before a mention tells its role: "gegen die USA" (what an act is
aimed at, or what a sanction targets), "den USA" (an object, never the subject)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.stance_targets import Token

BOUNDARY_CHARACTERS = frozenset(',;:()[]–—"„“”»«')


@dataclass(frozen=True)
class FunctionWords:
    conjunctions: frozenset[str]  # a clause starts at them
    prepositions: frozenset[str]
    oblique_articles: frozenset[str]  # never before the subject
    aimed_at: frozenset[str]  # "an attack ON x", "aggression AGAINST x": x is the victim
    against: frozenset[str]  # "verteidigen gegen X", "Unterstützung gegen X": X is opposed
    agent: frozenset[str]  # "Aggression durch X": X acts
    passive: frozenset[str]  # auxiliaries and "sich" verbs of a passive clause
    finite: frozenset[str]  # auxiliaries and modals: what follows them is no subject
    participle: re.Pattern[str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS = {
    "de": FunctionWords(
        conjunctions=_words(
            "und oder aber doch sondern denn dass daß weil obwohl obgleich während nachdem "
            "bevor wenn falls ob damit sodass wofür womit wobei wohingegen jedoch"
        ),
        prepositions=_words(
            "gegen auf an in im ins am ans für mit von vom durch zu zur zum nach aus bei beim "
            "über vor gegenüber um unter seitens wegen trotz ohne zwischen seit bis laut "
            "angesichts aufgrund hinter neben"
        ),
        oblique_articles=_words("den dem des einem einen eines"),
        aimed_at=_words("gegen auf an in im gegenüber"),
        against=_words("gegen"),
        agent=_words("durch seitens"),
        passive=_words("wird wurde wurden werden worden fühlt fühlen fühlte fühlten"),
        finite=_words(
            "hat hatte hatten haben habe hätte hätten ist war waren sind sei seien wird wurde "
            "wurden werden würde würden will wollte wollen muss musste müssen soll sollte "
            "sollen kann konnte können könnte dürfte"
        ),
        participle=re.compile(r"\w*ge\w+(t|en)|\w+iert|(ver|be|er|zer|ent)\w+t"),
    ),
    "en": FunctionWords(
        conjunctions=_words(
            "and or but that because although though while whereas after before if whether "
            "unless since so"
        ),
        prepositions=_words(
            "against on at in into for with from by to of about over before toward towards "
            "under despite without between since until per"
        ),
        oblique_articles=frozenset(),
        aimed_at=_words("against on at in into toward towards"),
        against=_words("against"),
        agent=_words("by"),
        passive=_words("is are was were been being be"),
        finite=_words(
            "has have had is are was were will would shall should can could may might must"
        ),
        participle=re.compile(r"\w+(ed|en)"),
    ),
}


def function_words(language: str) -> FunctionWords:
    return FUNCTION_WORDS.get(language, FUNCTION_WORDS["de"])


def clause_ids(sentence: str, tokens: Sequence[Token], words: FunctionWords) -> list[int]:
    """The clause number of each token: it grows at a boundary mark between two tokens and
    at a conjunction (which belongs to the clause it opens)."""
    ids = []
    clause = 0
    previous_end = 0
    for token in tokens:
        gap = sentence[previous_end : token.start]
        if any(c in BOUNDARY_CHARACTERS for c in gap) or token.lower in words.conjunctions:
            clause += 1
        ids.append(clause)
        previous_end = token.end
    return ids


def governing_word(tokens: Sequence[Token], index: int, words: FunctionWords) -> str | None:
    """The preposition or oblique article that governs the mention at token ``index``: the
    word before it, or the one before that when an article or adjective stands between
    ("gegen den Iran", "gegen die Islamische Republik")."""
    for back in (1, 2):
        if index - back < 0:
            return None
        word = tokens[index - back].lower
        if word in words.prepositions or word in words.oblique_articles:
            return word
        if tokens[index - back].text[:1].isupper():  # a noun or name: the phrase began
            return None
    return None


def passive_clauses(
    tokens: Sequence[Token], clauses: Sequence[int], words: FunctionWords
) -> set[int]:
    """Clauses in the passive ("Russland wurde kritisiert", "fühlt sich bedroht"): an
    auxiliary and a participle. Their subject is judged or acted upon, it does not act."""
    with_auxiliary = {clauses[i] for i, t in enumerate(tokens) if t.lower in words.passive}
    return {
        clauses[i]
        for i, t in enumerate(tokens)
        if clauses[i] in with_auxiliary and words.participle.fullmatch(t.lower)
    }


def finite_verbs(tokens: Sequence[Token], words: FunctionWords) -> list[int]:
    """Token indexes of auxiliaries and modals ("hatte Erdogan gewarnt": Erdogan follows
    the finite verb, so he is the object of "gewarnt", not its subject)."""
    return [i for i, t in enumerate(tokens) if t.lower in words.finite]
