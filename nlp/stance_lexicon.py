"""The cold-start stance suggester: cue words with a polarity, negation, and who they judge.

For each sentence and each target it mentions: the sentence's cue words (``verurteilen`` −,
``begrüßen`` +) are found, a negation near a cue in its clause flips it, and the rules of
scope (``nlp.stance_scope``) decide which target each cue judges: the object of a verb of
judgement, not its subject ("Russland verurteilte …" holds the stance, it is not judged);
the agent of an act, not its victim; the one target an evaluative word stands nearest to.
Too little evidence (below ``MIN_EVIDENCE``) stays NEUTRAL. The explanation names the cue
words, so an annotator sees why. The lexicons in ``resources/stance/`` are our own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.holder_names import HolderNamer, HolderSpec
from nlp.holder_rules import HolderRules, load_holder_rules
from nlp.lexicon_match import GAP, EntryIndex, word_matches
from nlp.stance_clauses import clause_ids, function_words, passive_clauses
from nlp.stance_evidence import Judged, evidence_of, suggestion_of
from nlp.stance_explanations import (
    CUES,
    CUES_CANCEL,
    ELSEWHERE,
    NEGATED_SUFFIX,
    NO_CUES,
    SPEAKER,
    WEAK_CUES,
    explain,
)
from nlp.stance_holders import Entity, Holder, HolderFinder
from nlp.stance_scope import JUDGEMENT, Hit, Scoped, places, scope_cues
from nlp.stance_targets import TargetMention, TargetSpec, Token, find_mentions, tokens_of
from text.sentences import split_sentences

LEXICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "stance"
NEGATION_WINDOW_BEFORE = 4
NEGATION_WINDOW_AFTER = 5
# "alarmierend", "provozierende": a verb used as an adjective judges what it stands next to.
PRESENT_PARTICIPLE = re.compile(r"\w+end(e[nmrs]?)?")
MIN_EVIDENCE = 1.0  # below one cue of normal weight the suggester is unsure: NEUTRAL
FAVOR, AGAINST, NEUTRAL = "FAVOR", "AGAINST", "NEUTRAL"


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]  # lowercase; a trailing * is a prefix
    polarity: int
    weight: float
    kind: str = "verb"  # verb, noun, adj, adv, phrase
    role: str = JUDGEMENT  # act, denial or judgement (``roles_<language>.tsv``)


@dataclass
class StanceLexicon:
    language: str
    cues: list[Cue] = field(default_factory=list)
    negations: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    demonyms: dict[str, str] = field(default_factory=dict)  # stem -> target
    holder_rules: HolderRules | None = None  # who speaks (``nlp.holder_rules``)

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
    holder: str | None = None  # who holds the stance; None: the article's author
    holder_start: int | None = None  # document offsets of the mention the holder was
    holder_end: int | None = None  # found from (an earlier sentence's for "continued")
    holder_how: str = ""  # nlp.stance_holders.HOWS; "" for the author
    evidence_start: int | None = None  # document offsets from the first to the last cue
    evidence_end: int | None = None  # word that decided the label


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    rows = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if row and not row.startswith("#")]


def load_lexicon(language: str, folder: Path = LEXICON_DIR) -> StanceLexicon:
    """The lexicon files of a language (``cues_de.tsv`` …); missing files give empty parts."""
    lexicon = StanceLexicon(language)
    roles = dict(row.split("\t")[:2] for row in _lines(folder / f"roles_{language}.tsv")[1:])
    for row in _lines(folder / f"cues_{language}.tsv")[1:]:  # header first
        cue, polarity, kind, weight = row.split("\t")[:4]
        words = tuple(cue.lower().split())
        role = roles.get(cue, JUDGEMENT)
        lexicon.cues.append(Cue(words, int(polarity), float(weight), kind, role))
    lexicon.negations = [w.lower() for w in _lines(folder / f"negations_{language}.txt")]
    lexicon.reporting = [w.lower() for w in _lines(folder / f"reporting_{language}.txt")]
    for row in _lines(folder / f"demonyms_{language}.tsv")[1:]:
        stem, target = row.split("\t")[:2]
        lexicon.demonyms[stem.lower()] = target
    lexicon.holder_rules = load_holder_rules(language, folder)
    return lexicon


class LexiconStanceSuggester:
    """Stance suggestions for the targets a document mentions."""

    name = "stance-lexicon"
    origin_kind = "pattern"  # rule-based, like the entity patterns

    def __init__(
        self,
        lexicon: StanceLexicon,
        targets: Sequence[TargetSpec],
        holders: Sequence[HolderSpec] = (),
    ) -> None:
        self.lexicon = lexicon
        self.targets = [self._with_demonyms(t) for t in targets]
        self._cue_index = EntryIndex([(cue.words, cue) for cue in lexicon.cues])
        self._words = function_words(lexicon.language)
        rules = lexicon.holder_rules or load_holder_rules(lexicon.language, LEXICON_DIR)
        namer = HolderNamer(holders, [(t.name, t.aliases) for t in targets])
        self.holder_finder = HolderFinder(rules, namer, self._cue_index)

    @property
    def version(self) -> str:
        return self.lexicon.version

    def _with_demonyms(self, target: TargetSpec) -> TargetSpec:
        extra = tuple(s for s, name in self.lexicon.demonyms.items() if name == target.name)
        return TargetSpec(
            target.name, target.aliases, tuple(dict.fromkeys(target.demonyms + extra))
        )

    def suggest(
        self, text: str, entities: Sequence[Entity] | None = None
    ) -> list[StanceSuggestion]:
        """One suggestion per (sentence, mentioned target), FAVOR and AGAINST with their
        holder and evidence; ``entities``: the document's entity spans (start, end, label),
        which name holders better when given."""
        found = []
        holders = self.holder_finder.document(text, entities or ())
        for index, sentence in enumerate(split_sentences(text)):
            judged, speakers = self.judge_sentence(sentence.text)
            holder = holders.holder_of(sentence, speakers)  # every sentence: it remembers
            sides = any(j.label in (FAVOR, AGAINST) for j in judged)
            own = self.own_targets(text, holder) if sides else frozenset()
            for verdict in judged:
                found.append(suggestion_of(index, sentence, verdict, holder, own=own))
        return found

    def own_targets(self, text: str, holder: Holder | None) -> frozenset[str]:
        """The targets the holder's mention says it belongs to, by a demonym ("der türkische
        Innenminister": Türkei) or with a function title ("Kremlsprecher", "Kremlin
        spokesman"): the holder speaks for them ("Kremlin critic" does not)."""
        if holder is None:
            return frozenset()
        said = text[holder.start : holder.end]
        tokens = tokens_of(said)
        is_title = self.holder_finder.rules.words.is_title
        own = set()
        for mention in find_mentions(said, self.targets):
            at = [i for i, t in enumerate(tokens) if mention.start <= t.start < mention.end]
            titled = bool(at) and any(is_title(t.text) for t in tokens[at[0] : at[-1] + 2])
            if mention.how == "demonym" or titled:
                own.add(mention.target)
        return frozenset(own)

    def suggest_sentence(self, sentence: str) -> list[tuple[str, str, float, str]]:
        """(target, label, confidence, explanation) for each target the sentence mentions."""
        judged, _speakers = self.judge_sentence(sentence)
        return [(j.target, j.label, j.confidence, j.explanation) for j in judged]

    def judge_sentence(self, sentence: str) -> tuple[list[Judged], list[tuple[int, int]]]:
        """The verdict on each target the sentence mentions, and the sentence offsets of
        the targets that hold a judgement in it (the subjects of judging verbs)."""
        mentions = find_mentions(sentence, self.targets)
        if not mentions:
            return [], []
        tokens = tokens_of(sentence)
        clauses = clause_ids(sentence, tokens, self._words)
        hits = self._cues(tokens, clauses)
        indexed = _token_indexes(mentions, tokens)
        found = places([(target, i) for target, i, _m in indexed], tokens, clauses, self._words)
        passive = passive_clauses(tokens, clauses, self._words)
        scoped = scope_cues(hits, found, clauses, self._words, passive)
        judged = [
            Judged(target, *_verdict(target, scoped, hits), evidence_of(scoped, target, tokens))
            for target in dict.fromkeys(m.target for m in mentions)
        ]
        where = {(target, i): (m.start, m.end) for target, i, m in indexed}
        speakers = [where[(p.target, p.index)] for p in scoped.speakers]
        return judged, speakers

    def _cues(self, tokens: list[Token], clauses: list[int]) -> list[Hit]:
        words = [t.lower for t in tokens]
        # A compound is judged by its last part: "US-Angriff", "Hacking-Vorwürfe".
        heads = [w.rsplit("-", 1)[-1] if "-" in w.strip("-") else w for w in words]
        hits = []
        i = 0
        while i < len(words):
            found = self._cue_index.longest_at(words, i) or self._cue_index.longest_at(heads, i)
            if found is None:
                i += 1
                continue
            end, cue = found
            value = cue.polarity * cue.weight
            text = " ".join(tokens[k].text for k in range(i, end))
            if self._negated(words, clauses, i, end):
                value, text = -value, text + NEGATED_SUFFIX
            kind = "adj" if PRESENT_PARTICIPLE.fullmatch(words[i]) else cue.kind
            hits.append(Hit(i, text, value, kind, cue.role, cue.weight, end))
            # The words inside a gap ("wies die Vorwürfe zurück") may be cues themselves.
            i = i + 1 if GAP in cue.words else end
        return hits

    def _negated(self, words: list[str], clauses: list[int], start: int, end: int) -> bool:
        """A negator near the cue, in the cue's clause."""
        before = range(max(0, start - NEGATION_WINDOW_BEFORE), start)
        after = range(end, min(len(words), end + NEGATION_WINDOW_AFTER))
        window = [words[k] for k in (*before, *after) if clauses[k] == clauses[start]]
        return any(word_matches(n, w) for n in self.lexicon.negations for w in window)


def _token_indexes(
    mentions: list[TargetMention], tokens: list[Token]
) -> list[tuple[str, int, TargetMention]]:
    """(target, index of the token the mention starts in, mention) for each mention."""
    found = []
    for mention in mentions:
        index = next((i for i, t in enumerate(tokens) if t.end > mention.start), None)
        if index is not None:
            found.append((mention.target, index, mention))
    return found


def _cue_list(cues: list[tuple[str, float]]) -> str:
    return ", ".join(f"{text} ({'+' if v > 0 else '−'}{abs(v):g})" for text, v in cues)


def _verdict(target: str, scoped: Scoped, hits: list[Hit]) -> tuple[str, float, str]:
    cues = scoped.applied.get(target, [])
    if not cues:
        if target in scoped.holders:
            return NEUTRAL, 0.6, explain(SPEAKER, target)
        if hits:
            return NEUTRAL, 0.55, explain(ELSEWHERE, _cue_list([(h.text, h.value) for h in hits]))
        return NEUTRAL, 0.5, explain(NO_CUES)
    score = sum(value for _text, value in cues)
    if score == 0:
        return NEUTRAL, 0.5, explain(CUES_CANCEL, _cue_list(cues))
    if abs(score) < MIN_EVIDENCE:
        return NEUTRAL, 0.5, explain(WEAK_CUES, _cue_list(cues))
    confidence = round(0.5 + 0.5 * (1 - math.exp(-abs(score))), 3)
    return (FAVOR if score > 0 else AGAINST), confidence, explain(CUES, _cue_list(cues))
