"""Who holds the stance a sentence expresses: the article's author (None), or an actor the
text names, found by these rules, first match wins:

1. a name and a colon opening the sentence ("Putin: Russland hat …"): quote;
2. attribution without a verb ("laut X", "X zufolge", "nach Angaben der X", "…, so X",
   "according to X"): attribution;
3. a verb of saying or judging outside quotation marks (``reporting_<language>.txt``) and its
   subject, before it ("X erklärte, dass …", "X warf Y vor") or after it ("…“, sagte
   Kremlsprecher Dmitri Peskow", "Am Montag teilte das Ministerium mit"): quote when the
   sentence quotes, subject when the verb is a stance cue with an object and no clause
   after it ("Russland kritisierte die USA"), else reported speech; a passive's agent
   ("seitens X"), a relative clause's antecedent ("X, der Y kritisierte") or the subject
   after "sich" ("äußerte sich X") where the subject before it is missing
   (``nlp.holder_clauses``);
4. a target that is the subject of a judging verb, as the scope rules found it: subject;
5. "er"/"sie"/"he"/"she" as that subject: the person last mentioned before it, known from
   person entities and person holders (pronoun; the offsets are that earlier mention's);
6. none of these, but the sentence is indirect speech (Konjunktiv: "sei", "habe",
   "hätten", "werde") or continues a quotation: the previous sentence's holder (continued).

The name comes from ``nlp.holder_names``: the project's actor, else the target, else the
mention as written (an entity span's words when one covers it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from nlp.holder_clauses import after_reflexive, passive_agent, relative_antecedent
from nlp.holder_names import PERSON_LABELS, HolderNamer
from nlp.holder_phrases import (
    Phrase,
    apposition_before,
    broken,
    fronted,
    phrase_after,
    phrase_around,
    phrase_at,
    phrase_before,
    phrase_ending_at,
)
from nlp.holder_pronouns import last_person
from nlp.holder_rules import AFTER, BEFORE, RELAY, HolderRules
from nlp.lexicon_match import EntryIndex
from nlp.stance_targets import Token, tokens_of
from text.sentences import Sentence

REPORTED, ATTRIBUTION, QUOTE = "reported speech", "attribution", "quote"
SUBJECT, CONTINUED, PRONOUN = "subject", "continued", "pronoun"
HOWS = (REPORTED, ATTRIBUTION, QUOTE, SUBJECT, CONTINUED, PRONOUN)
QUOTE_MARKS = frozenset('"„“”»«')
_ANY_QUOTE = re.compile("[" + re.escape("".join(sorted(QUOTE_MARKS))) + "]")
MAX_COLON_NAME = 5  # tokens: "Kremlsprecher Dmitri Peskow:" yes, a clause before a colon no
Entity = tuple[int, int, str]  # document offsets and label
_COLON = re.compile(r":\s")  # a speaker's colon; "0:2" has none
_MORE_NAMES = re.compile(r"(?:[ \t]+[A-ZÄÖÜ][\w-]*)+")  # capitalised words that follow


@dataclass(frozen=True)
class Holder:
    name: str
    start: int  # document offsets of the mention it was found from
    end: int
    how: str
    person: bool = False


@dataclass(frozen=True)
class _Found:
    phrase: Phrase
    how: str


class HolderFinder:
    """The holder rules of one language with the project's actors and targets."""

    def __init__(self, rules: HolderRules, namer: HolderNamer, cues: EntryIndex) -> None:
        self.rules = rules
        self.namer = namer
        self.cues = cues

    def document(self, text: str, entities: Sequence[Entity] = ()) -> DocumentHolders:
        return DocumentHolders(self, text, sorted(entities))


def _quoted(sentence: str, tokens: Sequence[Token], inside: bool) -> tuple[list[bool], bool]:
    """Whether each token stands inside quotation marks, and whether a quotation is still
    open at the sentence's end (``inside``: open at its start)."""
    if not inside and _ANY_QUOTE.search(sentence) is None:
        return [False] * len(tokens), False  # most sentences: nothing to walk through
    flags = []
    position = 0
    for token in tokens:
        for char in sentence[position : token.start]:
            inside = _toggle(char, inside)
        flags.append(inside)
        position = token.start
    for char in sentence[position:]:
        inside = _toggle(char, inside)
    return flags, inside


def _toggle(char: str, inside: bool) -> bool:
    if char == "„":
        return True
    if char == "”":
        return False
    if char in '"“»«':
        return not inside
    return inside


@dataclass
class DocumentHolders:
    """Walks a document's sentences in order, remembering the last holder (for indirect
    speech that goes on) and the persons named so far (for "er"/"sie")."""

    finder: HolderFinder
    text: str
    entities: list[Entity]
    last: Holder | None = None  # the previous sentence's
    recent: Holder | None = None  # the last one found in any sentence before
    persons: list[Holder] = field(default_factory=list)
    in_quote: bool = False

    def holder_of(
        self, sentence: Sentence, speakers: Sequence[tuple[int, int]] = ()
    ) -> Holder | None:
        """The holder of ``sentence`` (None: the author); ``speakers``: sentence offsets of
        targets the scope rules found holding a judgement. Call for every sentence in
        order."""
        tokens = tokens_of(sentence.text)
        started_inside = self.in_quote
        quoted, self.in_quote = _quoted(sentence.text, tokens, started_inside)
        quotes = started_inside or _ANY_QUOTE.search(sentence.text) is not None
        found = self._find(sentence, tokens, quoted, quotes)
        holder = self._holder(sentence, tokens, found) if found is not None else None
        if holder is None and speakers:
            holder = self._speaker(sentence, tokens, *speakers[0])
        if holder is None and self.last is not None and self._continues(tokens, quoted, quotes):
            last = self.last
            holder = Holder(last.name, last.start, last.end, CONTINUED, last.person)
        if holder is not None and holder.how != CONTINUED:
            if holder.person:
                self.persons.append(holder)
            self.recent = holder
        self.last = holder
        return holder

    def _find(
        self, sentence: Sentence, tokens: list[Token], quoted: list[bool], quotes: bool
    ) -> _Found | None:
        rules = self.finder.rules
        return (
            _colon_speaker(sentence.text, tokens, rules)
            or _attributed(sentence.text, tokens, quoted, rules)
            or _verb_speaker(sentence.text, tokens, quoted, quotes, rules, self.finder.cues)
        )

    def _continues(self, tokens: list[Token], quoted: list[bool], quotes: bool) -> bool:
        subjunctive = self.finder.rules.subjunctive
        return any(t.lower in subjunctive for t in tokens) or (quotes and any(quoted))

    def _holder(self, sentence: Sentence, tokens: list[Token], found: _Found) -> Holder | None:
        first, last = tokens[found.phrase.first], tokens[found.phrase.last]
        start, end = sentence.start + first.start, sentence.start + last.end
        if found.phrase.pronoun:
            return self._antecedent(start, first.lower)
        titled = any(
            self.finder.rules.words.is_title(t.text)
            for t in tokens[found.phrase.first : found.phrase.last + 1]
        )
        return self._named(start, end, found.how, titled)

    def _speaker(self, sentence: Sentence, tokens: list[Token], start: int, end: int) -> Holder:
        """A target that holds a judgement, named by the whole phrase it opens
        ("US-Außenminister John Kerry", not only "US-")."""
        index = next((i for i, t in enumerate(tokens) if t.end > start), None)
        phrase = None
        if index is not None:
            phrase = phrase_around(sentence.text, tokens, index, self.finder.rules.words)
        if phrase is not None:
            return self._holder(sentence, tokens, _Found(phrase, SUBJECT)) or self._named(
                sentence.start + start, sentence.start + end, SUBJECT
            )
        return self._named(sentence.start + start, sentence.start + end, SUBJECT)

    def _named(self, start: int, end: int, how: str, titled: bool = False) -> Holder:
        entity = _entity_in(self.text, self.entities, start, end)
        label = None
        if entity is not None:
            start, end, label = entity
        named = self.finder.namer.name(self.text[start:end].split(), label, titled)
        return Holder(named.name, start, end, how, named.person)

    def _antecedent(self, position: int, pronoun: str) -> Holder | None:
        """The person last mentioned before ``position`` (``nlp.holder_pronouns``); without
        one, the most recent holder ("sie" may be a country too)."""
        named = [
            (self._named(start, end, PRONOUN).name, start, end)
            for start, end, label in self.entities
            if end <= position and label in PERSON_LABELS
        ]
        named += [(h.name, h.start, h.end) for h in self.persons if h.end <= position]
        named.sort(key=lambda person: person[2])
        person = last_person(self.text, position, named, self.finder.rules.words.is_title)
        if person is not None:
            return Holder(person[0], person[1], person[2], PRONOUN, True)
        if self.recent is not None:
            recent = self.recent
            return Holder(recent.name, recent.start, recent.end, PRONOUN, recent.person)
        return None


def _entity_in(text: str, entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The entity span that names the mention: one inside it or covering it; a person first
    (with the capitalised words that follow it in the mention: "Benjamin" -> "Benjamin
    Netanjahu"); else the first of two names side by side ("das Weiße Haus Moskau …": the
    subject, then the object); else the last (the head of a German phrase)."""
    inside = [e for e in entities if e[0] < end and start < e[1]]
    inside = [e for e in inside if start <= e[0] and e[1] <= end] or [
        e for e in inside if e[0] <= start and end <= e[1]
    ]
    if not inside:
        return None
    persons = [e for e in inside if e[2] in PERSON_LABELS]
    if persons:
        first, last, label = persons[-1]
        more = _MORE_NAMES.match(text, last, end)
        return first, more.end() if more else last, label
    for one, other in pairwise(inside):
        if not text[one[1] : other[0]].strip():
            return one
    return inside[-1]


def _colon_speaker(sentence: str, tokens: list[Token], rules: HolderRules) -> _Found | None:
    """ "Putin: Russland hat …": a short name opening the sentence, then a colon."""
    phrase = phrase_at(sentence, tokens, 0, rules.words)
    if phrase is None or phrase.pronoun or phrase.last + 1 >= len(tokens):
        return None
    if phrase.last >= MAX_COLON_NAME:
        return None
    gap = sentence[tokens[phrase.last].end : tokens[phrase.last + 1].start]
    if _COLON.search(gap) is None:
        return None  # "0:2" is a score, not a speaker and a colon
    if phrase.first > 0:
        return None  # "Die Zypernfrage:" a topic; a speaker has no article before his name
    return _Found(phrase, QUOTE)


def _attributed(
    sentence: str, tokens: list[Token], quoted: list[bool], rules: HolderRules
) -> _Found | None:
    words = [t.lower for t in tokens]
    for i in range(len(tokens)):
        if quoted[i] or not rules.attribution.may_start(words[i]):
            continue
        hit = rules.attribution.longest_at(words, i)
        if hit is None:
            continue
        end, attribution = hit
        if attribution.after_comma and "," not in sentence[: tokens[i].start].rstrip()[-1:]:
            continue
        phrase = None
        if attribution.where == AFTER:
            phrase = phrase_after(sentence, tokens, end, rules.words, skip=True)
        elif attribution.where == BEFORE and not broken(sentence, tokens, i):
            phrase = phrase_ending_at(sentence, tokens, i - 1, rules.words)
        if phrase is not None:
            return _Found(phrase, ATTRIBUTION)
    return None


def _verb_speaker(
    sentence: str,
    tokens: list[Token],
    quoted: list[bool],
    quotes: bool,
    rules: HolderRules,
    cues: EntryIndex,
) -> _Found | None:
    """The speaker of the sentence's verbs of saying, in this order: one that frames the
    sentence from behind ("…, sagte Peskow"), then the others in text order, then those
    that only relay the news ("…, berichtet die Agentur Insa")."""
    words = [t.lower for t in tokens]
    verbs = []
    for i in range(len(tokens)):
        if quoted[i] or not rules.verbs.may_start(words[i]):
            continue
        hit = rules.verbs.longest_at(words, i)
        if hit is not None:
            framing = i > 0 and broken(sentence, tokens, i)
            relaying = hit[1].startswith(RELAY)
            verbs.append((relaying, not framing, i, hit[0]))
    for _relaying, _inside, i, end in sorted(verbs):
        phrase = _speaker_of(sentence, tokens, i, end, rules)
        if phrase is None:
            continue
        if quotes:
            return _Found(phrase, QUOTE)
        judging = cues.longest_at(words, i) is not None
        clause_follows = end >= len(tokens) or broken(sentence, tokens, end)
        clause_follows = clause_follows or words[end] in {"dass", "daß", "that"}
        return _Found(phrase, SUBJECT if judging and not clause_follows else REPORTED)
    return None


def _speaker_of(
    sentence: str, tokens: list[Token], verb: int, end: int, rules: HolderRules
) -> Phrase | None:
    """Who speaks by the verb at ``verb`` (its words end before ``end``): a passive's agent
    (none without one), a relative clause's antecedent, the subject, or the subject after
    a reflexive "sich" (``nlp.holder_clauses``)."""
    words = rules.words
    passive, agent = passive_agent(sentence, tokens, verb, words)
    if passive:
        return agent
    return (
        relative_antecedent(sentence, tokens, verb, words)
        or _subject_of(sentence, tokens, verb, rules)
        or after_reflexive(sentence, tokens, verb, end, words)
    )


def _subject_of(sentence: str, tokens: list[Token], verb: int, rules: HolderRules) -> Phrase | None:
    subject_after = fronted(sentence, tokens, verb, rules.words)
    if subject_after is None:
        return phrase_before(sentence, tokens, verb, rules.words)
    return phrase_after(sentence, tokens, subject_after + 1, rules.words) or apposition_before(
        sentence, tokens, verb, rules.words
    )
