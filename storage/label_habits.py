"""What annotators do with a suggester's labels: when a project's convention names an entity
class differently from the model ("PERSON" where the model says "PER", "GPE" for its
"LOC"), its annotators relabel the same way again and again. Those habits are learnt
from their decisions, so the model's suggestions can come with the project's label."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session, aliased

from storage.models import AnnotationState, EntityLabel, EntitySpan, OriginKind

MIN_RELABELS = 3  # fewer could be one annotator's slip
MIN_SHARE = 0.6  # of the decisions that kept the suggestion's place
MIN_REJECTIONS = 5
REJECTED_SHARE = 0.9  # of all decisions on the label's suggestions
REJECTED = ""  # no label is empty: the key of rejections among the outcomes


@dataclass(frozen=True)
class LabelHabit:
    """Suggestions of ``origin_kind`` labelled ``given`` are kept at their place and
    labelled ``taken`` in ``times`` of ``decisions`` decisions."""

    given: str
    taken: str
    times: int
    decisions: int


def label_outcomes(session: Session, project_id: int) -> dict[tuple[str, str], Counter[str]]:
    """(origin kind, suggested label) -> how often annotators kept the place of the model's
    and the patterns' suggestions with each label, and rejected them (key ``REJECTED``)."""
    suggestion, own = aliased(EntitySpan), aliased(EntitySpan)
    given, taken = aliased(EntityLabel), aliased(EntityLabel)
    kinds = (OriginKind.MODEL, OriginKind.PATTERN)
    query = (
        select(
            type_coerce(suggestion.origin_kind, String),
            given.name,
            taken.name,
            own.state == AnnotationState.REJECTED,
        )
        .select_from(own)
        .join(suggestion, own.suggestion_id == suggestion.id)
        .join(given, suggestion.label_id == given.id)
        .join(taken, own.label_id == taken.id)
        .where(
            given.project_id == project_id,
            suggestion.origin_kind.in_(kinds),
            own.start_offset == suggestion.start_offset,
            own.end_offset == suggestion.end_offset,
        )
    )
    outcomes: dict[tuple[str, str], Counter[str]] = {}
    for kind, suggested, kept, rejected in session.execute(query):
        outcomes.setdefault((kind, suggested), Counter())[REJECTED if rejected else kept] += 1
    return outcomes


def relabel_habits(session: Session, project_id: int) -> dict[tuple[str, str], LabelHabit]:
    """(origin kind, suggested label) -> the habit, for the model's and the patterns'
    suggestions whose place annotators keep with another label most of the time."""
    habits = {}
    for (kind, suggested), counts in label_outcomes(session, project_id).items():
        kept = Counter({label: n for label, n in counts.items() if label != REJECTED})
        if not kept:
            continue
        label, times = kept.most_common(1)[0]
        decisions = sum(kept.values())
        if label != suggested and times >= MIN_RELABELS and times >= MIN_SHARE * decisions:
            habits[(kind, suggested)] = LabelHabit(suggested, label, times, decisions)
    return habits


def rejected_labels(session: Session, project_id: int) -> set[tuple[str, str]]:
    """(origin kind, label) of the suggestions annotators reject nearly always: a class the
    project's convention does not annotate (OntoNotes has no MISC)."""
    return {
        key
        for key, counts in label_outcomes(session, project_id).items()
        if counts[REJECTED] >= MIN_REJECTIONS
        and counts[REJECTED] >= REJECTED_SHARE * sum(counts.values())
    }
