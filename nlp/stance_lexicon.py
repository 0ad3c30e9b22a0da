"""The cold-start stance suggester: cue words with a polarity, negation, and who speaks.

For each sentence and each target it mentions: the sentence's cue words (``verurteilen`` −,
``begrüßen`` +) are summed, a negation near a cue flips it, and a target that is the speaker
(the subject before the cue or reporting verb: "Russland verurteilte …", "laut Moskau …") is
not what the cue judges, so it stays NEUTRAL. The explanation names the cue words, so an
annotator sees why. The lexicons in ``resources/stance/`` are our own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.lexicon_match import EntryIndex, word_matches
from nlp.stance_explanations import CUES, CUES_CANCEL, NEGATED_SUFFIX, NO_CUES, SPEAKER, explain
from nlp.stance_targets import TargetMention, TargetSpec, Token, find_mentions, tokens_of
from text.sentences import split_sentences

LEXICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "stance"
NEGATION_WINDOW_BEFORE = 4
NEGATION_WINDOW_AFTER = 5
SPEAKER_WINDOW = 6  # a speaker is named within the first tokens of the sentence
FAVOR, AGAINST, NEUTRAL = "FAVOR", "AGAINST", "NEUTRAL"


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]  # lowercase; a trailing * is a prefix
    polarity: int
    weight: float


@dataclass
class StanceLexicon:
    language: str
    cues: list[Cue] = field(default_factory=list)
    negations: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    demonyms: dict[str, str] = field(default_factory=dict)  # stem -> target

    @property
    def version(self) -> str:
        return f"{self.language}-{len(self.cues)}"


@dataclass(frozen=True)
class StanceSuggestion:
    sentence_index: int
    start: int  # the sentence's offsets in the document
    end: int
    target: str
    label: str
    confidence: float
    explanation: str


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    rows = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if row and not row.startswith("#")]


def load_lexicon(language: str, folder: Path = LEXICON_DIR) -> StanceLexicon:
    """The lexicon files of a language (``cues_de.tsv`` …); missing files give empty parts."""
    lexicon = StanceLexicon(language)
    for row in _lines(folder / f"cues_{language}.tsv")[1:]:  # header first
        cue, polarity, _kind, weight = row.split("\t")[:4]
        lexicon.cues.append(Cue(tuple(cue.lower().split()), int(polarity), float(weight)))
    lexicon.negations = [w.lower() for w in _lines(folder / f"negations_{language}.txt")]
    lexicon.reporting = [w.lower() for w in _lines(folder / f"reporting_{language}.txt")]
    for row in _lines(folder / f"demonyms_{language}.tsv")[1:]:
        stem, target = row.split("\t")[:2]
        lexicon.demonyms[stem.lower()] = target
    return lexicon


@dataclass(frozen=True)
class _Hit:
    index: int  # token index where the cue starts
    text: str
    value: float  # polarity × weight, after negation


class LexiconStanceSuggester:
    """Stance suggestions for the targets a document mentions."""

    name = "stance-lexicon"
    origin_kind = "pattern"  # rule-based, like the entity patterns

    def __init__(self, lexicon: StanceLexicon, targets: Sequence[TargetSpec]) -> None:
        self.lexicon = lexicon
        self.targets = [self._with_demonyms(t) for t in targets]
        self._cue_index = EntryIndex([(cue.words, cue) for cue in lexicon.cues])
        self._reporting_index = EntryIndex(
            [(tuple(r.split()), r) for r in lexicon.reporting if r[:1].isalnum()]
        )

    @property
    def version(self) -> str:
        return self.lexicon.version

    def _with_demonyms(self, target: TargetSpec) -> TargetSpec:
        extra = tuple(s for s, name in self.lexicon.demonyms.items() if name == target.name)
        return TargetSpec(
            target.name, target.aliases, tuple(dict.fromkeys(target.demonyms + extra))
        )

    def suggest(self, text: str) -> list[StanceSuggestion]:
        """One suggestion per (sentence, mentioned target)."""
        found = []
        for index, sentence in enumerate(split_sentences(text)):
            for suggestion in self.suggest_sentence(sentence.text):
                found.append(StanceSuggestion(index, sentence.start, sentence.end, *suggestion))
        return found

    def suggest_sentence(self, sentence: str) -> list[tuple[str, str, float, str]]:
        """(target, label, confidence, explanation) for each target the sentence mentions."""
        mentions = find_mentions(sentence, self.targets)
        if not mentions:
            return []
        tokens = tokens_of(sentence)
        hits = self._cues(tokens)
        speaker = self._speaker(tokens, mentions, hits)
        results = []
        for target in dict.fromkeys(m.target for m in mentions):
            if target == speaker:
                results.append((target, NEUTRAL, 0.6, explain(SPEAKER, target)))
                continue
            results.append((target, *_verdict(hits)))
        return results

    def _cues(self, tokens: list[Token]) -> list[_Hit]:
        words = [t.lower for t in tokens]
        hits = []
        i = 0
        while i < len(words):
            found = self._cue_index.longest_at(words, i)
            if found is None:
                i += 1
                continue
            end, cue = found
            value = cue.polarity * cue.weight
            text = " ".join(tokens[k].text for k in range(i, end))
            if self._negated(words, i, end):
                value, text = -value, text + NEGATED_SUFFIX
            hits.append(_Hit(i, text, value))
            i = end
        return hits

    def _negated(self, words: list[str], start: int, end: int) -> bool:
        window = words[max(0, start - NEGATION_WINDOW_BEFORE) : start]
        window += words[end : end + NEGATION_WINDOW_AFTER]
        return any(word_matches(n, w) for n in self.lexicon.negations for w in window)

    def _speaker(
        self, tokens: list[Token], mentions: list[TargetMention], hits: list[_Hit]
    ) -> str | None:
        """The target that speaks: named before the first cue or reporting word, near the
        start of the sentence ("Russland verurteilte …"), or after "laut"/"so"."""
        words = [t.lower for t in tokens]
        reporting = [
            i for i in range(len(words)) if self._reporting_index.longest_at(words, i) is not None
        ]
        verbs = sorted([h.index for h in hits] + reporting)
        if not verbs:
            return None
        first = next((m for m in mentions), None)
        if first is None:
            return None
        token_index = next((i for i, t in enumerate(tokens) if t.start >= first.start), 0)
        if token_index < min(verbs) and token_index < SPEAKER_WINDOW:
            return first.target
        return None


def _verdict(hits: list[_Hit]) -> tuple[str, float, str]:
    score = sum(h.value for h in hits)
    cues = ", ".join(f"{h.text} ({'+' if h.value > 0 else '−'}{abs(h.value):g})" for h in hits)
    if score == 0:
        why = explain(CUES_CANCEL, cues) if hits else explain(NO_CUES)
        return NEUTRAL, 0.5, why
    confidence = round(0.5 + 0.5 * (1 - math.exp(-abs(score))), 3)
    return (FAVOR if score > 0 else AGAINST), confidence, explain(CUES, cues)
