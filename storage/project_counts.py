"""Counts that tell a coordinator where a project stands."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntityLabel,
    EntitySpan,
    StanceAnnotation,
    StanceLabel,
)


@dataclass
class ProjectStats:
    project: str
    documents: int = 0
    characters: int = 0
    by_language: dict[str, int] = field(default_factory=dict)
    # annotator -> status -> documents; documents nobody has opened count as "new"
    by_status: dict[str, dict[str, int]] = field(default_factory=dict)
    spans: dict[str, dict[str, int]] = field(default_factory=dict)
    stance: dict[str, dict[str, int]] = field(default_factory=dict)
    # How each suggester's entity suggestions fared: "by_origin" and "by_origin_label"
    suggestion_outcomes: dict[str, list[SuggestionOutcome]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def project_stats(session: Session, project_id: int, project_name: str) -> ProjectStats:
    """Documents by language and status, spans and stance records by label, state and origin."""
    stats = ProjectStats(project=project_name)
    in_project = Document.project_id == project_id
    total = session.execute(
        select(func.count(Document.id), func.coalesce(func.sum(Document.text_length), 0)).where(
            in_project
        )
    ).one()
    stats.documents, stats.characters = int(total[0]), int(total[1])
    languages = session.execute(
        select(Document.language, func.count()).where(in_project).group_by(Document.language)
    )
    stats.by_language = {lang or "unknown": n for lang, n in languages}
    stats.by_status = _status_counts(session, project_id, stats.documents)
    stats.spans = _annotation_counts(session, project_id, EntitySpan, EntityLabel)
    stats.stance = _annotation_counts(session, project_id, StanceAnnotation, StanceLabel)
    outcomes = suggestion_outcomes(session, project_id)
    stats.suggestion_outcomes = {
        "by_origin": outcome_totals(outcomes),
        "by_origin_label": outcomes,
    }
    return stats


@dataclass
class SuggestionOutcome:
    """What became of one suggester's entity suggestions (one origin kind, one label or all
    labels): how many it made, and how annotators decided on them."""

    origin: str
    label: str | None  # None: every label
    suggested: int = 0  # machine suggestions stored now
    accepted: int = 0  # decisions that took a suggestion as it was
    edited: int = 0  # decisions that changed its label or boundaries
    rejected: int = 0
    open: int = 0  # suggestions nobody has decided on yet
    acceptance_rate: float | None = None  # accepted / decisions; None before any decision

    def rate(self) -> None:
        decisions = self.accepted + self.edited + self.rejected
        self.acceptance_rate = round(self.accepted / decisions, 4) if decisions else None


def suggestion_outcomes(session: Session, project_id: int) -> list[SuggestionOutcome]:
    """Per (origin kind, suggested label): suggestions, and annotators' decisions on them.

    A decision is an annotator's own row that points to a machine suggestion; it counts
    under its own origin kind (copied from the suggestion when deciding, so a suggestion a
    later run re-labelled as another origin still counts where it was decided on)."""
    suggestion, own = aliased(EntitySpan), aliased(EntitySpan)
    in_project = (
        select(suggestion)
        .join(Document, Document.id == suggestion.document_id)
        .join(EntityLabel, EntityLabel.id == suggestion.label_id)
        .where(Document.project_id == project_id, suggestion.annotator_id.is_(None))
    )
    rows: dict[tuple[str, str], SuggestionOutcome] = {}

    def row(origin: str, label: str) -> SuggestionOutcome:
        return rows.setdefault((origin, label), SuggestionOutcome(origin, label))

    made = in_project.with_only_columns(
        suggestion.origin_kind, EntityLabel.name, func.count()
    ).group_by(suggestion.origin_kind, EntityLabel.name)
    for origin, label, count in session.execute(made):
        row(origin.value, label).suggested = count
    undecided = ~exists().where(own.suggestion_id == suggestion.id, own.annotator_id.is_not(None))
    for origin, label, count in session.execute(made.where(undecided)):
        row(origin.value, label).open = count
    decisions = (
        in_project.join(own, own.suggestion_id == suggestion.id)
        .where(own.annotator_id.is_not(None))
        .with_only_columns(own.origin_kind, EntityLabel.name, own.state, func.count())
        .group_by(own.origin_kind, EntityLabel.name, own.state)
    )
    for origin, label, state, count in session.execute(decisions):
        if state != AnnotationState.SUGGESTED:
            outcome = row(origin.value, label)
            setattr(outcome, state.value, getattr(outcome, state.value) + count)
    for outcome in rows.values():
        outcome.rate()
    return [rows[key] for key in sorted(rows)]


def outcome_totals(outcomes: list[SuggestionOutcome]) -> list[SuggestionOutcome]:
    """The same outcomes summed over labels, one per origin kind."""
    totals: dict[str, SuggestionOutcome] = {}
    for outcome in outcomes:
        total = totals.setdefault(outcome.origin, SuggestionOutcome(outcome.origin, None))
        for name in ("suggested", "accepted", "edited", "rejected", "open"):
            setattr(total, name, getattr(total, name) + getattr(outcome, name))
    for total in totals.values():
        total.rate()
    return [totals[origin] for origin in sorted(totals)]


def _status_counts(session: Session, project_id: int, documents: int) -> dict[str, dict[str, int]]:
    rows = session.execute(
        select(Annotator.name, DocumentStatus.status, func.count())
        .join(Annotator, Annotator.id == DocumentStatus.annotator_id)
        .join(Document, Document.id == DocumentStatus.document_id)
        .where(Document.project_id == project_id)
        .group_by(Annotator.name, DocumentStatus.status)
    )
    result: dict[str, dict[str, int]] = {}
    for name, status, count in rows:
        result.setdefault(name, {s.value: 0 for s in DocumentStatusValue})[status.value] = count
    for counts in result.values():
        counts[DocumentStatusValue.NEW.value] += documents - sum(counts.values())
    return result


def _annotation_counts(
    session: Session,
    project_id: int,
    model: type[EntitySpan] | type[StanceAnnotation],
    label_model: type[EntityLabel] | type[StanceLabel],
) -> dict[str, dict[str, int]]:
    """{"by_label": {...}, "by_state": {...}, "by_origin": {...}} for a kind of annotation."""
    base = (
        select(label_model.name, model.state, model.origin_kind, func.count())
        .join(label_model, label_model.id == model.label_id)
        .join(Document, Document.id == model.document_id)
        .where(Document.project_id == project_id)
        .group_by(label_model.name, model.state, model.origin_kind)
    )
    result: dict[str, dict[str, int]] = {"by_label": {}, "by_state": {}, "by_origin": {}}
    for label, state, origin, count in session.execute(base):
        for key, value in (
            ("by_label", label),
            ("by_state", state.value),
            ("by_origin", origin.value),
        ):
            result[key][value] = result[key].get(value, 0) + count
    return result
