"""What the article view shows about a document's entity spans, read from the project.

Plain values (no database objects), so they can be passed between threads and built in
tests without a project.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storage.entity_edits import visible_spans
from storage.models import EntityLabel, EntitySpan, Project
from storage.suggestions import was_suggested


@dataclass(frozen=True)
class LabelInfo:
    """An entity label as the legend shows it."""

    name: str
    colour: str  # "#rrggbb"
    shortcut: str | None = None


@dataclass(frozen=True)
class HighlightSpan:
    """One span an annotator sees: where, which label, its state and where it came from.

    ``start`` and ``end`` are offsets into the document's text in characters (code points),
    as the database stores them."""

    start: int
    end: int
    label: LabelInfo
    state: str  # "suggested", "accepted", "edited" or "rejected"
    origin_kind: str  # "model", "pattern", "manual", "import" or "review"
    origin_name: str | None = None
    origin_version: str | None = None
    origin_detail: str | None = None
    confidence: float | None = None
    span_id: int | None = None


@dataclass(frozen=True)
class DocumentSpans:
    """A document's spans for one annotator, the project's labels, and whether any
    suggester has run over the document."""

    labels: list[LabelInfo]
    spans: list[HighlightSpan]
    suggested: bool


def read_document_spans(
    session: Session,
    project_id: int,
    document_id: int,
    annotator_id: int,
    suggested_since: datetime | None = None,
) -> DocumentSpans:
    """The spans ``annotator_id`` sees in the document (their own and the open
    suggestions), in text order; ``suggested`` says whether a suggester ran over it since
    ``suggested_since`` (when the model that suggests now took over)."""
    project = session.get(Project, project_id)
    labels = [_label(label) for label in project.entity_labels] if project is not None else []
    spans = [_span(span) for span in visible_spans(session, document_id, annotator_id)]
    return DocumentSpans(labels, spans, was_suggested(session, document_id, suggested_since))


def _label(label: EntityLabel) -> LabelInfo:
    return LabelInfo(label.name, label.colour, label.shortcut)


def _span(span: EntitySpan) -> HighlightSpan:
    return HighlightSpan(
        start=span.start_offset,
        end=span.end_offset,
        label=_label(span.label),
        state=str(span.state),
        origin_kind=str(span.origin_kind),
        origin_name=span.origin_name,
        origin_version=span.origin_version,
        origin_detail=span.origin_detail,
        confidence=span.confidence,
        span_id=span.id,
    )
