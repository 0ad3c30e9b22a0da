"""Which target a cue judges: the cold-start suggester's rules of scope.

- A cue reaches only the targets in its own clause (``nlp.stance_clauses``).
- A verb of judgement (kritisieren, verurteilen, vorwerfen, loben, unterstützen) judges its
  object, not its subject: the target named before it and not governed by a preposition or
  an oblique article is the one who speaks ("Russland kritisierte die USA": AGAINST USA,
  Russland only holds that stance).
- A verb of judgement whose object is itself a judgement judges that, and the two combine
  toward the target beyond it: "begrüßte die Hilfe für Kiew" favours Kiew, "kritisierte
  Sanktionen gegen Russland" (two negatives) says too little to call.
- Denying an accusation ("wies die Vorwürfe zurück") defends whoever the clause names.
- An act (Angriff, Aggression, Annexion, Verstoß, drohen) portrays its agent negatively, not
  its victim: a target after "gegen", "auf", "an" is what the act was aimed at.
- A noun, adjective or adverb judges the one target it stands nearest to, so "alarmierend"
  does not colour every target of the sentence.
- In the passive ("Russland wurde kritisiert", "Moskau fühlt sich bedroht") the subject is
  judged or acted upon: it holds nothing and does nothing.
- "gegen X" turns any judgement against X ("sich gegen die USA verteidigen").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp.stance_clauses import FunctionWords, finite_verbs, governing_word
from nlp.stance_targets import Token

ACT, DENIAL, JUDGEMENT = "act", "denial", "judgement"
VERB_KINDS = ("verb", "phrase")
# Criticising a sanction against X says little about X; welcoming aid for X favours X.
DOUBLE_NEGATIVE_FACTOR = 0.5
CHAIN_MIN_WEIGHT = 1.0  # weak verbs ("verschärfen", "fordern") do not judge their object


@dataclass(frozen=True)
class Hit:
    index: int  # token index where the cue starts
    text: str
    value: float  # polarity × weight, after negation
    kind: str  # verb, noun, adj, adv, phrase
    role: str  # act, denial or judgement
    weight: float
    end: int = -1  # token index after the cue's last word (-1: just the first)

    @property
    def is_verb(self) -> bool:
        return self.kind in VERB_KINDS


@dataclass(frozen=True)
class Place:
    """A target mention's place in the sentence."""

    target: str
    index: int  # its token
    clause: int
    governed_by: str | None  # the preposition or oblique article before it
    after_finite: bool = False  # a finite auxiliary or modal stands before it in its clause


@dataclass
class Scoped:
    """What reached each target: (cue text, value) pairs and the tokens each cue spans,
    and the targets that hold a judgement in the sentence (its speakers, and where)."""

    applied: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    holders: set[str] = field(default_factory=set)
    spans: dict[str, list[tuple[int, int, float]]] = field(default_factory=dict)
    speakers: list[Place] = field(default_factory=list)

    def add(self, target: str, text: str, value: float, tokens: tuple[int, int]) -> None:
        """``tokens``: the first and the last token index of the cue's words."""
        self.applied.setdefault(target, []).append((text, value))
        self.spans.setdefault(target, []).append((*tokens, value))


def _token_span(*hits: Hit) -> tuple[int, int]:
    first = min(h.index for h in hits)
    return first, max(max(h.index, h.end - 1) for h in hits)


def places(
    mention_tokens: Sequence[tuple[str, int]],
    tokens: Sequence[Token],
    clauses: Sequence[int],
    words: FunctionWords,
) -> list[Place]:
    finite = finite_verbs(tokens, words)
    return [
        Place(
            target,
            index,
            clauses[index],
            governing_word(tokens, index, words),
            any(f < index and clauses[f] == clauses[index] for f in finite),
        )
        for target, index in mention_tokens
    ]


def scope_cues(
    hits: Sequence[Hit],
    found: Sequence[Place],
    clauses: Sequence[int],
    words: FunctionWords,
    passive: set[int] = frozenset(),  # type: ignore[assignment]
) -> Scoped:
    scoped = Scoped()
    consumed = _chain(hits, found, clauses, scoped)
    for hit in hits:
        if id(hit) in consumed:
            continue
        clause = clauses[hit.index]
        in_clause = [p for p in found if p.clause == clause]
        if not in_clause:
            continue  # the cue judges something the sentence does not name as a target
        for place in _reached(hit, in_clause, words, clause in passive, scoped):
            value = hit.value
            if hit.role != ACT and place.governed_by in words.against:
                value = -abs(value)  # "verteidigen gegen X", "Unterstützung gegen X"
            scoped.add(place.target, hit.text, value, _token_span(hit))
    return scoped


def _reached(
    hit: Hit, in_clause: list[Place], words: FunctionWords, passive: bool, scoped: Scoped
) -> list[Place]:
    subject = _subject(hit, in_clause)
    if hit.role == ACT:
        # In the passive the subject is what was acted upon ("Russland wurde angegriffen").
        agents = [
            p
            for p in in_clause
            if p.governed_by not in words.aimed_at and not (passive and p in subject)
        ]
        return agents if hit.is_verb else _named_or_nearest(hit, agents, words)
    holders = [] if passive or not hit.is_verb else subject
    scoped.holders.update(p.target for p in holders)
    others = [p for p in in_clause if p.target not in {h.target for h in holders}]
    if others:
        # Only a verb that judges someone here makes its subject the sentence's holder: in
        # "Während die Länder die Ukraine unterstützen, …" the Ukraine holds nothing.
        scoped.speakers.extend(p for p in holders if p not in scoped.speakers)
    if hit.is_verb:
        return others
    # A compound names who acts ("US-Sanktionen") or whom it aims at ("Iran-Sanktionen").
    return _named_or_nearest(hit, [p for p in others if p.index != hit.index], words)


def _named_or_nearest(hit: Hit, candidates: list[Place], words: FunctionWords) -> list[Place]:
    """The agent named with "durch" or "seitens" if there is one, else the nearest."""
    named = [p for p in candidates if p.governed_by in words.agent]
    return named if named else _nearest(hit, candidates)


SUBJECT_SPAN = 4  # "Der russische Präsident Wladimir Putin": one subject, two targets


def _subject(hit: Hit, in_clause: list[Place]) -> list[Place]:
    """The clause's subject before the cue: the first mention governed by no preposition
    or oblique article and not after a finite auxiliary, with the mentions right after it
    in the same phrase."""
    before = [
        p
        for p in in_clause
        if p.index <= hit.index and p.governed_by is None and not p.after_finite
    ]
    if not before:
        return []
    first = before[0].index
    return [p for p in before if p.index - first <= SUBJECT_SPAN and p.index < hit.index]


NOUN_REACH = 4  # tokens: an evaluative word governs a target close to it, not across a clause


def _nearest(hit: Hit, candidates: list[Place]) -> list[Place]:
    close = [p for p in candidates if abs(p.index - hit.index) <= NOUN_REACH]
    if not close:
        return []
    best = min(close, key=lambda p: (abs(p.index - hit.index), p.index < hit.index))
    return [best]


def _chain(
    hits: Sequence[Hit], found: Sequence[Place], clauses: Sequence[int], scoped: Scoped
) -> set[int]:
    """Verbs of judgement whose object is a judgement noun in the same clause: a denial of
    an accusation defends every target of the clause, any other pair adds the product of
    their polarities, weakly, to the targets the noun would reach. Returns the ids of the
    hits used up."""
    consumed: set[int] = set()
    for verb in (h for h in hits if h.is_verb and h.role != ACT and h.weight >= CHAIN_MIN_WEIGHT):
        if id(verb) in consumed:
            continue
        noun = next(
            (
                h
                for h in hits
                if h is not verb
                and h.kind == "noun"
                and h.role == JUDGEMENT
                and id(h) not in consumed
                and clauses[h.index] == clauses[verb.index]
            ),
            None,
        )
        if noun is None:
            continue
        consumed |= {id(verb), id(noun)}
        in_clause = [p for p in found if p.clause == clauses[verb.index]]
        text = f"{verb.text} + {noun.text}"
        if verb.role == DENIAL and noun.value < 0:
            for target in dict.fromkeys(p.target for p in in_clause):
                scoped.add(target, text, abs(verb.value), _token_span(verb, noun))
            continue
        sign = (1 if verb.value > 0 else -1) * (1 if noun.value > 0 else -1)
        factor = DOUBLE_NEGATIVE_FACTOR if verb.value < 0 and noun.value < 0 else 1.0
        reached = _nearest(noun, [p for p in in_clause if p.index > noun.index])
        for place in reached:
            value = sign * factor * min(verb.weight, noun.weight)
            scoped.add(place.target, text, value, _token_span(verb, noun))
    return consumed
