"""What an annotator must do to turn the suggestions shown for a document into its gold
labels, counted the way ``main.py replay`` reports it.

Entities: a shown suggestion exactly right (offsets and label) costs one key to accept, which
is not a correction; one at the right place with another label costs a relabel; one that
overlaps a gold entity it is paired with costs a resize (and a relabel as well when its label
is wrong too); every other shown suggestion costs a rejection and every gold entity left
without a suggestion an addition. So without suggestions the corrections are exactly the gold
entities, one addition each.

Stance: every sentence–target pair the gold labels, and every pair the suggester shows with
a side that the gold does not list (unlisted means NEUTRAL), is compared: the shown label
(NEUTRAL where nothing is shown) against the gold one; each difference is one correction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp.metrics import score_labels

STANCE_LABELS = ("FAVOR", "AGAINST", "NEUTRAL")
NEUTRAL = "NEUTRAL"
CORRECTION_KINDS = ("reject", "relabel", "resize", "add")


@dataclass(frozen=True)
class Shown:
    """A suggestion as the annotator sees it."""

    id: int
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    label: str


@dataclass
class EntityPlan:
    """The decisions that turn the shown suggestions into the gold, by kind."""

    accept: list[Shown] = field(default_factory=list)
    relabel: list[tuple[Shown, Gold]] = field(default_factory=list)  # same offsets
    resize: list[tuple[Shown, Gold]] = field(default_factory=list)  # overlapping
    reject: list[Shown] = field(default_factory=list)
    add: list[Gold] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Keys and corrections: a resize whose label is wrong too is also a relabel."""
        relabelled = len(self.relabel) + sum(1 for s, g in self.resize if s.label != g.label)
        return {
            "accept": len(self.accept),
            "reject": len(self.reject),
            "relabel": relabelled,
            "resize": len(self.resize),
            "add": len(self.add),
        }


def plan_entities(shown: Sequence[Shown], gold: Sequence[Gold]) -> EntityPlan:
    """Pair each shown suggestion with at most one gold entity: exact matches first, then
    the same offsets, then the largest overlap (ties: the earlier one)."""
    plan = EntityPlan()
    left_shown = list(shown)
    left_gold = list(gold)
    for matches, put in (
        (lambda s, g: (s.start, s.end, s.label) == (g.start, g.end, g.label), "accept"),
        (lambda s, g: (s.start, s.end) == (g.start, g.end), "relabel"),
    ):
        for suggestion in list(left_shown):
            partner = next((g for g in left_gold if matches(suggestion, g)), None)
            if partner is None:
                continue
            left_shown.remove(suggestion)
            left_gold.remove(partner)
            if put == "accept":
                plan.accept.append(suggestion)
            else:
                plan.relabel.append((suggestion, partner))
    overlaps = sorted(
        (
            (-(min(s.end, g.end) - max(s.start, g.start)), s.start, g.start, i, j)
            for i, s in enumerate(left_shown)
            for j, g in enumerate(left_gold)
            if min(s.end, g.end) > max(s.start, g.start)
        ),
    )
    paired_shown: set[int] = set()
    paired_gold: set[int] = set()
    for _size, _s_start, _g_start, i, j in overlaps:
        if i in paired_shown or j in paired_gold:
            continue
        paired_shown.add(i)
        paired_gold.add(j)
        plan.resize.append((left_shown[i], left_gold[j]))
    plan.reject = [s for i, s in enumerate(left_shown) if i not in paired_shown]
    plan.add = [g for j, g in enumerate(left_gold) if j not in paired_gold]
    return plan


@dataclass
class EntityTally:
    """Entity figures summed over documents."""

    gold: int = 0
    suggested: int = 0
    correct: int = 0
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("accept", *CORRECTION_KINDS), 0)
    )

    def add(self, plan: EntityPlan, shown: int, gold: int) -> None:
        """A document's figures: ``plan`` against what was shown when it was opened."""
        self.gold += gold
        self.suggested += shown
        self.correct += len(plan.accept)

    def count(self, kind: str, times: int = 1) -> None:
        """Keys spent on a decision that was made (``accept`` or a correction)."""
        self.counts[kind] += times

    def merge(self, other: EntityTally) -> None:
        self.gold += other.gold
        self.suggested += other.suggested
        self.correct += other.correct
        for kind, value in other.counts.items():
            self.counts[kind] += value

    @property
    def corrections(self) -> int:
        return sum(self.counts[kind] for kind in CORRECTION_KINDS)

    def as_dict(self) -> dict:
        precision = self.correct / self.suggested if self.suggested else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "gold": self.gold,
            "suggested": self.suggested,
            "correct": self.correct,
            "corrections": dict(self.counts),
            "corrections_per_gold": _ratio(self.corrections, self.gold),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }


@dataclass
class StanceTally:
    """Stance pairs summed over documents: the gold and the shown label of each."""

    gold: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)

    def add(self, gold: str, shown: str | None) -> None:
        self.gold.append(gold)
        self.shown.append(shown or NEUTRAL)

    def merge(self, other: StanceTally) -> None:
        self.gold += other.gold
        self.shown += other.shown

    @property
    def corrections(self) -> int:
        return sum(1 for g, s in zip(self.gold, self.shown, strict=True) if g != s)

    def as_dict(self) -> dict:
        pairs = len(self.gold)
        # Over the labels that occur: a block without FAVOR is not marked down for it.
        seen = set(self.gold + self.shown)
        labels = [label for label in STANCE_LABELS if label in seen]
        labels += sorted(seen - set(STANCE_LABELS))
        scores = score_labels(self.gold, self.shown, labels) if pairs else None
        return {
            "pairs": pairs,
            "corrections": self.corrections,
            "corrections_per_pair": _ratio(self.corrections, pairs),
            "accuracy": round(scores.accuracy, 4) if scores else 0.0,
            "macro_f1": round(scores.macro_f1, 4) if scores else 0.0,
        }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
