"""What the article view shows about a document's entity spans, read from the project.

Plain values (no database objects), so they can be passed between threads and built in
tests without a project.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Select, String, and_, bindparam, or_, select, type_coerce
from sqlalchemy.orm import Session

from storage.models import EntityLabel, EntitySpan
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
    columns = EntityLabel.__table__.c
    query = (
        select(columns.id, columns.name, columns.colour, columns.shortcut)
        .where(columns.project_id == project_id)
        .order_by(columns.position, columns.id)
    )
    labels = {r[0]: _label(tuple(r)) for r in session.connection().execute(query)}
    spans = _visible_rows(session, document_id, annotator_id, labels)
    suggested = was_suggested(session, document_id, suggested_since)
    return DocumentSpans(list(labels.values()), spans, suggested)


# The objects of the last read, by their row: a decision reads a document's spans again and
# changes one or two, so the rest are the objects read before. Building 2,700 frozen
# dataclasses cost 18 ms a decision; and a span that is the same object as before is
# recognised unchanged by identity (the spans panel, the article's selections).
# Replaced whole on each read (bounded by one document); another thread's read only misses.
_UNKNOWN = LabelInfo("?", "")
_LABELS: dict[Any, LabelInfo] = {}
_SPANS: dict[Any, HighlightSpan] = {}


def _label(row: Any) -> LabelInfo:
    label = _LABELS.get(row)
    if label is None:
        label = _LABELS[row] = LabelInfo(row[1], row[2], row[3])
    return label


@lru_cache(maxsize=1)  # built once: building it cost a decision milliseconds
def _visible_query() -> Select[Any]:
    """The spans ``annotator_id`` sees in ``document_id`` (both bound when it runs)."""
    spans = EntitySpan.__table__.c
    document_id = bindparam("document_id", type_=Integer)
    annotator_id = bindparam("annotator_id", type_=Integer)
    own = spans.annotator_id == annotator_id
    decided = select(spans.suggestion_id).where(
        spans.document_id == document_id, own, spans.suggestion_id.is_not(None)
    )
    open_suggestion = and_(spans.annotator_id.is_(None), spans.id.not_in(decided))
    return (
        select(
            spans.start_offset,
            spans.end_offset,
            spans.label_id,
            type_coerce(spans.state, String),  # the stored strings: no enum members to make
            type_coerce(spans.origin_kind, String),
            spans.origin_name,
            spans.origin_version,
            spans.origin_detail,
            spans.confidence,
            spans.id,
            spans.annotator_id,
        )
        .where(spans.document_id == document_id, or_(own, open_suggestion))
        .order_by(spans.start_offset, spans.end_offset, spans.id)
    )


def _visible_rows(
    session: Session, document_id: int, annotator_id: int, labels: dict[int, LabelInfo]
) -> list[HighlightSpan]:
    """``storage.entity_edits.visible_spans`` as plain columns, not ORM objects: after each
    decision a 2,700-span article is read again, and objects cost ten times as much."""
    query = _visible_query()
    bound = {"document_id": document_id, "annotator_id": annotator_id}
    # Plain tuples: they are the keys of the spans read before, and a Row compares slowly.
    rows = list(map(tuple, session.connection().execute(query, bound).all()))
    # A suggestion the annotator already has as their own span is not shown twice.
    own_keys = {(r[0], r[1], r[2]) for r in rows if r[10] is not None}
    global _SPANS
    known, read = _SPANS, {}
    for r in rows:
        if r[10] is None and (r[0], r[1], r[2]) in own_keys:
            continue
        label = labels.get(r[2], _UNKNOWN)
        span = known.get(r)
        if span is None or span.label is not label:
            span = HighlightSpan(r[0], r[1], label, r[3], r[4], *r[5:10])
        read[r] = span
    _SPANS = read
    return list(read.values())
