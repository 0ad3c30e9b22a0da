"""A verdict's evidence (the cue words that decided it) and the suggestion made of a verdict
and its sentence's holder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.stance_explanations import with_holder
from nlp.stance_scope import Scoped
from nlp.stance_targets import Token

if TYPE_CHECKING:
    from nlp.stance_holders import Holder
    from nlp.stance_lexicon import StanceSuggestion
    from text.sentences import Sentence

SIDES = {"FAVOR": 1, "AGAINST": -1}


@dataclass(frozen=True)
class Judged:
    """The lexicon's verdict on one target of a sentence."""

    target: str
    label: str
    confidence: float
    explanation: str
    cues: tuple[tuple[int, int, float], ...] = ()  # sentence offsets and value of each cue


def evidence_of(
    scoped: Scoped, target: str, tokens: Sequence[Token]
) -> tuple[tuple[int, int, float], ...]:
    """The sentence offsets and value of each cue that reached ``target``."""
    return tuple(
        (tokens[first].start, tokens[last].end, value)
        for first, last, value in scoped.spans.get(target, [])
    )


def evidence_span(cues: Sequence[tuple[int, int, float]], label: str) -> tuple[int, int] | None:
    """From the first to the last cue that speaks for ``label`` (FAVOR: the positive
    ones); None for NEUTRAL or when no cue does."""
    side = SIDES.get(label)
    if side is None:
        return None
    deciding = [(start, end) for start, end, value in cues if value * side > 0]
    if not deciding:
        return None
    return min(s for s, _e in deciding), max(e for _s, e in deciding)


def suggestion_of(
    index: int,
    sentence: Sentence,
    verdict: Judged,
    holder: Holder | None,
    label: str | None = None,
    confidence: float | None = None,
    explanation: str | None = None,
    own: frozenset[str] = frozenset(),
) -> StanceSuggestion:
    """The suggestion for a verdict (``label``, ``confidence`` and ``explanation`` given:
    another suggester's, with the lexicon's evidence): FAVOR and AGAINST carry the holder,
    in their fields and their explanation, and the evidence in document offsets. ``own``:
    the targets the holder's mention names (it speaks for them)."""
    from nlp.stance_lexicon import StanceSuggestion

    label = label or verdict.label
    confidence = verdict.confidence if confidence is None else confidence
    explanation = explanation or verdict.explanation
    if label not in SIDES:
        return StanceSuggestion(
            index, sentence.start, sentence.end, verdict.target, label, confidence, explanation
        )
    speaks_for_target = holder is not None and (
        holder.name == verdict.target or verdict.target in own
    )
    if speaks_for_target and label == "AGAINST":
        # A target is not against itself, nor are those who speak for it ("der türkische
        # Innenminister"): its own threat or attack, told as such, is the author's
        # portrayal ("Iran droht den USA").
        holder = None
    evidence = evidence_span(verdict.cues, label)
    at = (None, None) if evidence is None else tuple(sentence.start + o for o in evidence)
    return StanceSuggestion(
        index,
        sentence.start,
        sentence.end,
        verdict.target,
        label,
        confidence,
        with_holder(explanation, holder.name if holder else None, holder.how if holder else ""),
        holder.name if holder else None,
        holder.start if holder else None,
        holder.end if holder else None,
        holder.how if holder else "",
        at[0],
        at[1],
    )
