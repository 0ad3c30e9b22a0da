"""The numbers behind the statistics view, one function per chart, as plain dataclasses.

* ``label_distribution``: each annotator's decided (accepted or edited) entity spans and
  stance labels, by label;
* ``progress_over_time``: per annotator, how many documents they had marked done by each
  day (from the event log: a document counts on the day it was first marked done);
* ``time_per_document``: the seconds annotators spent on the documents they marked done,
  with ``time_histogram`` to bin them;
* ``suggestion_outcomes``: how annotators decided on machine suggestions, per kind of
  suggester (origin kind) and the label it suggested.

Agreement per label comes from ``services.agreement``.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, tzinfo
from itertools import accumulate

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntityLabel,
    EntitySpan,
    Event,
    StanceAnnotation,
    StanceLabel,
)
from storage.project_counts import suggestion_outcomes as entity_suggestion_outcomes

DECIDED = (AnnotationState.ACCEPTED, AnnotationState.EDITED)
DECISIONS = (AnnotationState.ACCEPTED, AnnotationState.EDITED, AnnotationState.REJECTED)
DONE_ACTION = f"document.{DocumentStatusValue.DONE.value}"
# Histogram bin widths in seconds a person reads at a glance: 15 s … 1 h, then whole hours.
NICE_STEPS = (15, 30, 60, 120, 300, 600, 900, 1800, 3600)


# --- label distribution ---------------------------------------------------------------------


@dataclass(frozen=True)
class LabelCounts:
    """One kind of label (entity or stance): the schema's labels in order, their colours,
    and annotator -> label -> how many decided annotations carry it."""

    labels: list[str]
    colours: dict[str, str]
    counts: dict[str, dict[str, int]]

    def used_labels(self) -> list[str]:
        """The labels somebody used, in schema order."""
        return [label for label in self.labels if any(label in c for c in self.counts.values())]


@dataclass(frozen=True)
class LabelDistribution:
    entities: LabelCounts
    stance: LabelCounts


def label_distribution(session: Session, project_id: int) -> LabelDistribution:
    return LabelDistribution(
        _label_counts(session, project_id, EntitySpan, EntityLabel),
        _label_counts(session, project_id, StanceAnnotation, StanceLabel),
    )


def entity_label_colours(session: Session, project_id: int) -> dict[str, str]:
    """Entity label -> colour ("#rrggbb"), in the schema's order."""
    return _schema(session, project_id, EntityLabel)


def _schema(
    session: Session, project_id: int, label_model: type[EntityLabel] | type[StanceLabel]
) -> dict[str, str]:
    rows = session.execute(
        select(label_model.name, label_model.colour)
        .where(label_model.project_id == project_id)
        .order_by(label_model.position, label_model.id)
    )
    return {name: colour for name, colour in rows}


def _label_counts(
    session: Session,
    project_id: int,
    model: type[EntitySpan] | type[StanceAnnotation],
    label_model: type[EntityLabel] | type[StanceLabel],
) -> LabelCounts:
    schema = _schema(session, project_id, label_model)
    rows = session.execute(
        select(Annotator.name, label_model.name, func.count())
        .select_from(model)
        .join(Annotator, Annotator.id == model.annotator_id)
        .join(label_model, label_model.id == model.label_id)
        .where(label_model.project_id == project_id, model.state.in_(DECIDED))
        .group_by(Annotator.name, label_model.name)
        .order_by(Annotator.name)
    )
    counts: dict[str, dict[str, int]] = {}
    for annotator, label, count in rows:
        counts.setdefault(annotator, {})[label] = count
    return LabelCounts(list(schema), schema, counts)


# --- progress over time ---------------------------------------------------------------------


@dataclass(frozen=True)
class AnnotatorProgress:
    """The days on which the annotator finished documents, and how many they had finished
    by the end of each of them."""

    annotator: str
    days: list[date]
    cumulative: list[int]


@dataclass(frozen=True)
class ProgressOverTime:
    documents: int  # in the project
    annotators: list[AnnotatorProgress]


def progress_over_time(
    session: Session, project_id: int, tz: tzinfo | None = None
) -> ProgressOverTime:
    """Cumulative documents marked done per day and annotator, days in ``tz`` (None: the
    computer's time zone, where the people who look at the chart work). A document that was
    reopened and marked done again counts once, on the first day."""
    first_done = (
        select(Annotator.name, func.min(Event.at))
        .select_from(Event)
        .join(Annotator, Annotator.id == Event.annotator_id)
        .where(Event.project_id == project_id, Event.action == DONE_ACTION)
        .group_by(Annotator.name, Event.document_id)
    )
    per_day: dict[str, dict[date, int]] = {}
    for annotator, at in session.execute(first_done):
        day = at.replace(tzinfo=UTC).astimezone(tz).date()  # stored as naive UTC
        days = per_day.setdefault(annotator, {})
        days[day] = days.get(day, 0) + 1
    documents = session.scalar(
        select(func.count(Document.id)).where(Document.project_id == project_id)
    )
    annotators = []
    for annotator, days in sorted(per_day.items()):
        ordered = sorted(days)
        cumulative = list(accumulate(days[d] for d in ordered))
        annotators.append(AnnotatorProgress(annotator, ordered, cumulative))
    return ProgressOverTime(documents or 0, annotators)


# --- time per document ----------------------------------------------------------------------


@dataclass(frozen=True)
class AnnotatorTimes:
    annotator: str
    seconds: list[float]  # one per document marked done, ascending

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass(frozen=True)
class TimePerDocument:
    annotators: list[AnnotatorTimes]


def time_per_document(session: Session, project_id: int) -> TimePerDocument:
    """The seconds each annotator spent on each document they marked done. Documents done
    without any time measured (0 seconds) are left out: they would only pull the median
    down."""
    rows = session.execute(
        select(Annotator.name, DocumentStatus.seconds_spent)
        .select_from(DocumentStatus)
        .join(Annotator, Annotator.id == DocumentStatus.annotator_id)
        .join(Document, Document.id == DocumentStatus.document_id)
        .where(
            Document.project_id == project_id,
            DocumentStatus.status == DocumentStatusValue.DONE,
            DocumentStatus.seconds_spent > 0,
        )
        .order_by(Annotator.name, DocumentStatus.seconds_spent)
    )
    by_annotator: dict[str, list[float]] = {}
    for annotator, seconds in rows:
        by_annotator.setdefault(annotator, []).append(seconds)
    return TimePerDocument([AnnotatorTimes(a, s) for a, s in by_annotator.items()])


@dataclass(frozen=True)
class TimeHistogram:
    """Bins of equal width from 0 (``edges`` in seconds, one more than bins); the last bin
    also holds everything longer when ``open_ended``."""

    edges: list[float]
    counts: dict[str, list[int]]  # annotator -> documents per bin
    open_ended: bool


def time_histogram(times: TimePerDocument, max_bins: int = 12) -> TimeHistogram:
    """Shared bins for every annotator, wide enough that ``max_bins`` cover 95 % of all
    times: a few documents left open over lunch would squash the rest into one bar."""
    values = sorted(s for a in times.annotators for s in a.seconds)
    if not values:
        return TimeHistogram([], {}, False)
    upper = values[max(0, math.ceil(0.95 * len(values)) - 1)]  # nearest-rank 95th percentile
    step = _nice_step(upper, max_bins)
    bins = int(upper // step) + 1  # at most max_bins: upper < step * max_bins
    edges = [i * step for i in range(bins + 1)]
    counts = {}
    for annotator in times.annotators:
        row = [0] * bins
        for seconds in annotator.seconds:
            row[min(int(seconds // step), bins - 1)] += 1
        counts[annotator.annotator] = row
    return TimeHistogram(edges, counts, values[-1] >= edges[-1])


def _nice_step(upper: float, max_bins: int) -> float:
    for step in NICE_STEPS:
        if upper < step * max_bins:
            return float(step)
    return 3600.0 * math.ceil(upper / (3600 * max_bins) + 1e-9)


# --- suggestion outcomes --------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestionOutcome:
    """How annotators decided on one kind of suggester's suggestions of one label.

    Each annotator decides for themselves, so a suggestion two annotators accepted counts
    twice; ``open`` counts the suggestions nobody has decided on yet."""

    kind: str  # "entity" or "stance"
    origin_kind: str  # "model", "pattern", ...
    label: str  # what the suggester suggested
    accepted: int = 0  # taken as it was
    edited: int = 0  # taken with another label or other boundaries
    rejected: int = 0
    open: int = 0

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected

    @property
    def acceptance_rate(self) -> float | None:
        """The share of decisions that took the suggestion unchanged (None: no decision)."""
        return self.accepted / self.decided if self.decided else None


@dataclass(frozen=True)
class SuggestionOutcomes:
    rows: list[SuggestionOutcome] = field(default_factory=list)


def suggestion_outcomes(session: Session, project_id: int) -> SuggestionOutcomes:
    """Entity and stance suggestions by origin kind and label, ordered so; a label is the
    one suggested, even when an annotator changed it. Entities as ``storage.project_counts`` counts
    them for ``python main.py stats``."""
    rows = [
        SuggestionOutcome("entity", r.origin, r.label, r.accepted, r.edited, r.rejected, r.open)
        for r in entity_suggestion_outcomes(session, project_id)
        if r.label is not None  # a total over every label
    ]
    return SuggestionOutcomes(rows + _stance_outcomes(session, project_id))


def _stance_outcomes(session: Session, project_id: int) -> list[SuggestionOutcome]:
    # An annotator's decision is their own row pointing back to the suggestion (its copy
    # carries the annotator's label and state; the suggestion keeps what was suggested).
    suggestion = aliased(StanceAnnotation)
    decisions = session.execute(
        select(suggestion.origin_kind, StanceLabel.name, StanceAnnotation.state, func.count())
        .select_from(StanceAnnotation)
        .join(suggestion, suggestion.id == StanceAnnotation.suggestion_id)
        .join(StanceLabel, StanceLabel.id == suggestion.label_id)
        .where(
            StanceLabel.project_id == project_id,
            StanceAnnotation.annotator_id.is_not(None),
            StanceAnnotation.state.in_(DECISIONS),
        )
        .group_by(suggestion.origin_kind, StanceLabel.name, StanceAnnotation.state)
    )
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for origin, label, state, count in decisions:
        counts.setdefault((origin.value, label), {})[state.value] = count
    decided_on = select(StanceAnnotation.suggestion_id).where(
        StanceAnnotation.suggestion_id.is_not(None)
    )
    still_open = session.execute(
        select(StanceAnnotation.origin_kind, StanceLabel.name, func.count())
        .select_from(StanceAnnotation)
        .join(StanceLabel, StanceLabel.id == StanceAnnotation.label_id)
        .where(
            StanceLabel.project_id == project_id,
            StanceAnnotation.annotator_id.is_(None),
            StanceAnnotation.state == AnnotationState.SUGGESTED,
            StanceAnnotation.id.not_in(decided_on),
        )
        .group_by(StanceAnnotation.origin_kind, StanceLabel.name)
    )
    for origin, label, count in still_open:
        counts.setdefault((origin.value, label), {})["open"] = count
    return [
        SuggestionOutcome(
            "stance",
            origin,
            label,
            accepted=c.get(AnnotationState.ACCEPTED.value, 0),
            edited=c.get(AnnotationState.EDITED.value, 0),
            rejected=c.get(AnnotationState.REJECTED.value, 0),
            open=c.get("open", 0),
        )
        for (origin, label), c in sorted(counts.items())
    ]
