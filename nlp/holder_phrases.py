"""The name phrase a holder rule points at: the words after "laut" or a fronted verb of
saying, or the subject before a verb, read from tokens and capitalisation (no parser: the
cold-start suggester must stay fast).

A phrase is: an optional article, a few lowercase adjectives ("der russische Präsident"),
then capitalised words ("Kremlsprecher Dmitri Peskow"), and one genitive attachment in German
("der Sprecher des Außenministeriums"). English phrases may hold lowercase function titles
("Kremlin spokesman Dmitry Peskov") and a possessive ("Russia's foreign ministry")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.stance_clauses import BOUNDARY_CHARACTERS, FunctionWords
from nlp.stance_targets import Token

ARTICLES = frozenset("der die das des dem den ein eine einer eines einem einen the a an".split())
GENITIVE = frozenset({"des", "der"})
PRONOUNS = frozenset({"er", "sie", "he", "she", "they"})
# Sentence adverbs that open a clause without being its subject ("Auch die USA warnten").
ADVERBS = frozenset(
    "auch zudem außerdem ebenso dann nun jetzt jedoch doch allerdings bereits schon also "
    "später zuvor daher deshalb deswegen trotzdem dennoch so dabei damals heute gestern "
    "überdies ferner indes indessen inzwischen mittlerweile gleichzeitig zugleich "
    "schließlich zuletzt bisher weiterhin stattdessen vielmehr immerhin jedenfalls offenbar "
    "offensichtlich angeblich demnach demzufolge darum dort hier danach davor anschließend "
    "ebenfalls nämlich hingegen dagegen "
    "also too then now however meanwhile later earlier yesterday today".split()
)
# Nouns of time that open a clause as an adverbial ("Vergangene Woche hatte X erklärt").
TIME_WORDS = frozenset(
    "woche wochen wochenende monat monaten jahr jahres tag tage tagen abend morgen nacht "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag anfang ende mitte "
    "week weekend month year day night evening morning monday tuesday wednesday thursday "
    "friday saturday sunday".split()
)
# Lowercase German words that may stand between an article and a name: adjectives.
ADJECTIVE = re.compile(r"\w+(e|en|er|es|em)")
MAX_ADJECTIVES = 2
MAX_SKIP = 3  # "sagte am Montag der Sprecher": words between a verb and its subject
STOP = BOUNDARY_CHARACTERS | {".", "!", "?"}


@dataclass(frozen=True)
class Phrase:
    first: int  # token indexes, inclusive, of the name (the leading article left out)
    last: int
    pronoun: bool = False


@dataclass(frozen=True)
class Words:
    """What the phrase reader needs of a language."""

    language: str
    function: FunctionWords
    titles: tuple[str, ...]  # lowercase word ends: "sprecher", "minister"

    def __post_init__(self) -> None:
        ends = "|".join(re.escape(t) for t in sorted(self.titles, key=len, reverse=True))
        # One expression instead of a loop over the titles: it runs on every name word.
        object.__setattr__(self, "_title", re.compile(f"(?:{ends})$" if ends else r"(?!)"))

    def is_title(self, word: str) -> bool:
        return self._title.search(word.lower()) is not None  # type: ignore[attr-defined]


def broken(sentence: str, tokens: Sequence[Token], index: int) -> bool:
    """Whether punctuation stands between token ``index`` and the one before it."""
    if index <= 0:
        return True
    return any(c in STOP for c in sentence[tokens[index - 1].end : tokens[index].start])


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _name_part(token: Token, words: Words, following: Token | None = None) -> bool:
    if _capitalised(token):
        return True
    # English keeps lowercase titles, a possessive "s", and a lowercase noun between names
    # ("Kremlin critic Alexei Navalny") inside a name phrase.
    if words.language != "en" or token.lower in words.function.prepositions:
        return False
    between = following is not None and _capitalised(following)
    return words.is_title(token.text) or token.text == "s" or between


def phrase_at(
    sentence: str, tokens: Sequence[Token], k: int, words: Words, limit: int | None = None
) -> Phrase | None:
    """The name phrase that starts at token ``k`` (after its article) and ends before token
    ``limit``, or None."""
    n = len(tokens) if limit is None else min(limit, len(tokens))
    if k >= n:
        return None
    if tokens[k].lower in PRONOUNS:
        return Phrase(k, k, pronoun=True)
    if _not_a_subject(tokens[k], words):
        return None
    while k < n and tokens[k].lower in ARTICLES:
        k += 1
    first = k
    adjectives = 0
    while k < n and not _capitalised(tokens[k]) and adjectives < MAX_ADJECTIVES:
        if not _adjective(tokens[k], words) or (k > first and broken(sentence, tokens, k)):
            return None
        k += 1
        adjectives += 1
    if k >= n:
        return None
    last = _name_run(sentence, tokens[:n], k, words)
    if last is None:
        return None
    if words.language == "de":
        last = _genitive(sentence, tokens[:n], last, words)
    return Phrase(first, last)


def _not_a_subject(token: Token, words: Words) -> bool:
    """A preposition, conjunction, adverb or finite verb cannot open a name phrase."""
    lower = token.lower
    function = words.function
    return (
        lower in function.prepositions
        or lower in function.conjunctions
        or lower in function.finite
        or lower in ADVERBS
    )


def _adjective(token: Token, words: Words) -> bool:
    if words.language == "en":
        return token.lower not in words.function.prepositions and not token.lower.isdigit()
    return (
        ADJECTIVE.fullmatch(token.lower) is not None
        and token.lower not in words.function.finite
        and token.lower not in words.function.conjunctions
        and token.lower not in words.function.prepositions
    )


def _name_run(sentence: str, tokens: Sequence[Token], k: int, words: Words) -> int | None:
    """The last token of the capitalised run from ``k`` (None when ``k`` starts none)."""
    if k >= len(tokens) or not _capitalised(tokens[k]):
        return None
    last = k
    while (
        last + 1 < len(tokens)
        and not broken(sentence, tokens, last + 1)
        and _name_part(tokens[last + 1], words, _next(tokens, last + 2))
        and tokens[last + 1].lower not in ARTICLES
    ):
        last += 1
    return last


def _next(tokens: Sequence[Token], k: int) -> Token | None:
    return tokens[k] if k < len(tokens) else None


def _genitive(sentence: str, tokens: Sequence[Token], last: int, words: Words) -> int:
    """ "Sprecher des Außenministeriums": one genitive attachment joins the phrase."""
    k = last + 1
    if k >= len(tokens) or tokens[k].lower not in GENITIVE or broken(sentence, tokens, k):
        return last
    k += 1
    while k < len(tokens) and not _capitalised(tokens[k]) and _adjective(tokens[k], words):
        k += 1
    end = _name_run(sentence, tokens, k, words) if not broken(sentence, tokens, k) else None
    return end if end is not None else last


def phrase_after(
    sentence: str, tokens: Sequence[Token], k: int, words: Words, skip: bool = True
) -> Phrase | None:
    """The name phrase at token ``k`` or a few words later ("sagte am Montag der Sprecher",
    "laut Angaben von X"); None at punctuation."""
    for step in range(MAX_SKIP + 1 if skip else 1):
        at = k + step
        if at >= len(tokens) or (step > 0 and broken(sentence, tokens, at)):
            return None
        if step == 0 and at > 0 and broken(sentence, tokens, at):
            return None
        lower = tokens[at].lower
        if lower in words.function.conjunctions:
            return None
        found = phrase_at(sentence, tokens, at, words)
        if found is not None:
            if not (step > 0 and _after_preposition(tokens, at, words)):
                return found
            continue  # "am Montag": read on
        skippable = lower in words.function.prepositions or lower in {"von", "by", "of"}
        if not skippable and (_capitalised(tokens[at]) or lower in ARTICLES):
            return None  # a phrase stood here and was no name
    return None


def _after_preposition(tokens: Sequence[Token], at: int, words: Words) -> bool:
    """ "am Montag", "in Moskau": a capitalised word governed by a preposition is no
    subject (but "von X" after "nach Angaben" is the source)."""
    before = tokens[at - 1].lower
    return before in words.function.prepositions and before not in {"von", "by", "of"}


def clause_start(sentence: str, tokens: Sequence[Token], index: int, words: Words) -> int:
    """The first token of the clause token ``index`` stands in, after a conjunction."""
    k = index
    while k > 0 and not broken(sentence, tokens, k):
        k -= 1
    while k < index and tokens[k].lower in words.function.conjunctions:
        k += 1
    return k


def fronted(sentence: str, tokens: Sequence[Token], verb: int, words: Words) -> int | None:
    """When the verb at ``verb`` opens its clause or follows a clause opening that is no
    subject ("Am Montag erklärte", "Zudem warnte", "…“, sagte", "Vergangene Woche hatte X
    erklärt"), the token its subject follows: the clause's first finite verb, else the
    verb itself; None when a subject may open the clause."""
    start = clause_start(sentence, tokens, verb, words)
    if start < verb and not _not_a_subject(tokens[start], words):
        opening = phrase_at(sentence, tokens, start, words, limit=verb)
        if opening is None or tokens[opening.last].lower not in TIME_WORDS:
            return None
    finite = [k for k in range(start, verb) if tokens[k].lower in words.function.finite]
    return finite[0] if finite else verb


def phrase_before(sentence: str, tokens: Sequence[Token], verb: int, words: Words) -> Phrase | None:
    """The subject standing before the verb at token ``verb`` at the start of its clause
    ("Der russische Präsident Wladimir Putin erklärte", "Putin hat erklärt")."""
    start = clause_start(sentence, tokens, verb, words)
    if start >= verb:
        return None
    found = phrase_at(sentence, tokens, start, words, limit=verb)
    if found is None:
        return _head_before(sentence, tokens, start, verb, words)
    if found.pronoun:
        return found  # "Er hat … erklärt", "He strongly condemned"
    rest = [t.lower for t in tokens[found.last + 1 : verb]]
    subordinate = start > 0 and tokens[start - 1].lower in words.function.conjunctions
    if not rest or rest[0] in words.function.finite or subordinate:
        return found  # a subordinate clause ends with its verb: "nachdem X Y … kritisiert hatte"
    # "Russia's foreign ministry said": English lowercase nouns end the subject.
    if words.language == "en" and all(
        w not in words.function.prepositions and w not in words.function.finite for w in rest
    ):
        return Phrase(found.first, verb - 1)
    return None


def _head_before(
    sentence: str, tokens: Sequence[Token], start: int, verb: int, words: Words
) -> Phrase | None:
    """ "Der mit Assad eng verbundene Iran verurteilt": a clause opening with an article
    whose phrase is too long to read ends with its head noun right before the verb."""
    if tokens[start].lower not in ARTICLES or verb - 1 <= start:
        return None
    if tokens[verb - 2].lower in words.function.prepositions:
        return None  # "die Regierung in Moskau erklärte": no head of ours
    return phrase_ending_at(sentence, tokens, verb - 1, words)


def phrase_ending_at(sentence: str, tokens: Sequence[Token], k: int, words: Words) -> Phrase | None:
    """The name phrase whose last token is ``k`` ("US-Geheimdiensten zufolge")."""
    if k < 0 or not _capitalised(tokens[k]):
        return None
    first = k
    while first > 0 and not broken(sentence, tokens, first):
        before = tokens[first - 1]
        if before.lower in ARTICLES or not _name_part(before, words):
            break
        first -= 1
    return Phrase(first, k)


def apposition_before(
    sentence: str, tokens: Sequence[Token], verb: int, words: Words
) -> Phrase | None:
    """ "Der Chef des Ausschusses, Viktor Oserow, sagte": a name set off by commas right
    before the verb, filling the clause between them."""
    k = verb - 1
    if k < 0 or "," not in sentence[tokens[k].end : tokens[verb].start]:
        return None
    start = clause_start(sentence, tokens, k, words)
    if start == 0 or "," not in sentence[tokens[start - 1].end : tokens[start].start]:
        return None
    found = phrase_at(sentence, tokens, start, words, limit=verb)
    return found if found is not None and found.last == k and not found.pronoun else None


def phrase_around(
    sentence: str, tokens: Sequence[Token], index: int, words: Words
) -> Phrase | None:
    """The name phrase opening the clause that holds token ``index``, if it holds it
    ("EU-Kommissionschef Jean-Claude Juncker" around "EU-Kommissionschef")."""
    start = clause_start(sentence, tokens, index, words)
    found = phrase_at(sentence, tokens, start, words)
    if found is None or found.pronoun or not found.first <= index <= found.last:
        return None
    return found
