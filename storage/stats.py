"""Counts that tell a coordinator where a project stands."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import (
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
    spans: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    stance: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

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
    return stats


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
    session: Session, project_id: int, model: type, label_model: type
) -> dict[str, dict[str, dict[str, int]]]:
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
