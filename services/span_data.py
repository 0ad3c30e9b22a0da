"""What the article view shows about a document's entity spans, read from the project.

Plain values (no database objects), so they can be passed between threads and built in
tests without a project.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from storage.memory.row_log import SPAN as SPAN_OBJECT  # a span row's object type in the log
from storage.models import EntityLabel, EntitySpan, Event, Project
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
    *,
    since_last_read: bool = False,
) -> DocumentSpans:
    """The spans ``annotator_id`` sees in the document (their own and the open
    suggestions), in text order; ``suggested`` says whether a suggester ran over it since
    ``suggested_since`` (when the model that suggests now took over).

    ``since_last_read``: when this document was the last one read, read again only the rows
    the event log says changed since (after the window's own decision); a full read when
    the log cannot say (a change logged per document, not per row)."""
    columns = EntityLabel.__table__.c
    query = (
        select(columns.id, columns.name, columns.colour, columns.shortcut)
        .where(columns.project_id == project_id)
        .order_by(columns.position, columns.id)
    )
    labels = {r[0]: _label(tuple(r)) for r in session.connection().execute(query)}
    rows = _candidate_rows(session, document_id, annotator_id, since_last_read)
    project = session.get(Project, project_id)
    overlaps_allowed = bool(project is not None and project.settings.get(OVERLAPS_SETTING))
    spans = _visible(rows, labels, overlaps_allowed)
    suggested = was_suggested(session, document_id, suggested_since)
    return DocumentSpans(list(labels.values()), spans, suggested)


# The objects of the last read, by their row: a decision reads a document's spans again and
# changes one or two, so the rest are the objects read before. Building 2,700 frozen
# dataclasses cost 18 ms a decision; and a span that is the same object as before is
# recognised unchanged by identity (the spans panel, the article's selections).
# Replaced whole on each read (bounded by one document); another thread's read only misses.
_UNKNOWN = LabelInfo("?", "")
_LABELS: dict[Any, LabelInfo] = {}
_SPANS: dict[int, tuple[Any, HighlightSpan]] = {}  # span id -> (row, span)

# A row: start, end, label id, state, origin kind, origin name, origin version, origin
# detail, confidence, id, annotator id, suggestion id.
Row = tuple[Any, ...]
_ORIGIN_KIND, _ANNOTATOR, _SUGGESTION = 4, 10, 11
OVERLAPS_SETTING = "allow_overlapping_spans"
MEMORY_KIND, REJECTED_STATE = "memory", "rejected"  # as stored
# More changed rows than this since the last read: reading them all is as quick.
_MOST_CHANGED = 500


@dataclass(frozen=True)
class _LastRead:
    """The rows one annotator may see in one document (their own and the machine's), as
    read when the log's newest event for the document was ``last_event``. Any such
    snapshot is a sound base: replaying the span events after ``last_event`` (re-reading
    those rows) brings it up to date, so a read by another thread may replace it."""

    document_id: int
    annotator_id: int
    last_event: int
    rows: dict[int, Row]


_LAST_READ: _LastRead | None = None


def _label(row: Any) -> LabelInfo:
    label = _LABELS.get(row)
    if label is None:
        label = _LABELS[row] = LabelInfo(row[1], row[2], row[3])
    return label


def _columns() -> tuple[Any, ...]:
    spans = EntitySpan.__table__.c
    return (
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
        spans.suggestion_id,
    )


def _theirs_or_machine() -> ColumnElement[bool]:
    spans = EntitySpan.__table__.c
    annotator_id = bindparam("annotator_id", type_=Integer)
    return or_(spans.annotator_id == annotator_id, spans.annotator_id.is_(None))


@lru_cache(maxsize=1)  # built once: building a query cost a decision milliseconds
def _document_rows_query() -> Select[Any]:
    """The rows ``annotator_id`` may see in ``document_id`` (both bound when it runs)."""
    spans = EntitySpan.__table__.c
    document_id = bindparam("document_id", type_=Integer)
    return select(*_columns()).where(spans.document_id == document_id, _theirs_or_machine())


@lru_cache(maxsize=1)
def _rows_by_id_query() -> Select[Any]:
    """Those of the rows ``ids`` that ``annotator_id`` may see in ``document_id``."""
    spans = EntitySpan.__table__.c
    ids: BindParameter[int] = bindparam("ids", expanding=True)
    document_id = bindparam("document_id", type_=Integer)
    return select(*_columns()).where(
        spans.id.in_(ids), spans.document_id == document_id, _theirs_or_machine()
    )


@lru_cache(maxsize=1)
def _last_event_query() -> Select[Any]:
    events = Event.__table__.c
    return select(func.max(events.id)).where(events.document_id == bindparam("document_id"))


@lru_cache(maxsize=1)
def _events_since_query() -> Select[Any]:
    events = Event.__table__.c
    return select(events.object_type, events.object_id).where(
        events.document_id == bindparam("document_id"), events.id > bindparam("after")
    )


def _candidate_rows(
    session: Session, document_id: int, annotator_id: int, since_last_read: bool
) -> dict[int, Row]:
    global _LAST_READ
    connection = session.connection()
    bound = {"document_id": document_id, "annotator_id": annotator_id}
    # The newest event before the rows: whatever is logged later is replayed next time.
    last_event = connection.execute(_last_event_query(), bound).scalar() or 0
    previous = _LAST_READ
    changed = None
    if (
        since_last_read
        and previous is not None
        and (previous.document_id, previous.annotator_id) == (document_id, annotator_id)
        # With concurrent writers (a server) events may commit out of id order.
        and connection.dialect.name == "sqlite"
    ):
        changed = _changed_since(session, document_id, previous.last_event)
    if changed is None:
        rows = {r[9]: r for r in map(tuple, connection.execute(_document_rows_query(), bound))}
    else:
        assert previous is not None
        rows = dict(previous.rows)
        for span_id in changed:
            rows.pop(span_id, None)
        if changed:
            found = connection.execute(_rows_by_id_query(), {**bound, "ids": sorted(changed)})
            rows.update((r[9], r) for r in map(tuple, found))
    _LAST_READ = _LastRead(document_id, annotator_id, last_event, rows)
    return rows


def _changed_since(session: Session, document_id: int, after: int) -> set[int] | None:
    """The span rows the log changed in the document after event ``after``; None when an
    event there does not name its row (a suggester's run, a reset, …) or there are many."""
    changed: set[int] = set()
    bound = {"document_id": document_id, "after": after}
    for object_type, object_id in session.connection().execute(_events_since_query(), bound):
        if object_type != SPAN_OBJECT or object_id is None or len(changed) >= _MOST_CHANGED:
            return None
        changed.add(object_id)
    return changed


_place = itemgetter(0, 1, 9)  # start, end, id: text order


def _visible(
    rows: dict[int, Row], labels: dict[int, LabelInfo], overlaps_allowed: bool = False
) -> list[HighlightSpan]:
    """What the annotator sees of ``rows``, in text order: their own rows, and the machine's
    that they have not decided on (a suggestion they have as their own span is not shown
    twice, by its link or by its place and label)."""
    own = [r for r in rows.values() if r[_ANNOTATOR] is not None]
    own_keys = {(r[0], r[1], r[2]) for r in own}
    decided = {r[_SUGGESTION] for r in own}
    open_rows = [r for r in rows.values() if r[_ANNOTATOR] is None and r[9] not in decided]
    overruled = _overruled([r for r in open_rows if r[:3] not in own_keys], own, overlaps_allowed)
    global _SPANS
    known, read = _SPANS, {}
    for r in sorted(rows.values(), key=_place):
        if r[_ANNOTATOR] is None and (r[9] in decided or r[:3] in own_keys or r[9] in overruled):
            continue
        label = labels.get(r[2], _UNKNOWN)
        before = known.get(r[9])
        # A row not read again is the same tuple: no need to compare its values.
        if before is not None and (before[0] is r or before[0] == r):
            span = before[1]
            if span.label is not label:
                span = HighlightSpan(r[0], r[1], label, r[3], r[4], *r[5:10])
        else:
            span = HighlightSpan(r[0], r[1], label, r[3], r[4], *r[5:10])
        read[r[9]] = (r, span)
    _SPANS = read
    return [span for _, span in read.values()]


def _overruled(open_rows: list[Row], own: list[Row], overlaps_allowed: bool) -> set[int]:
    """The open suggestions not worth showing. The project memory says what this project's
    annotators decided about that very text, and a kept span says it for this place, so a
    model's or pattern's suggestion overlapping either would only cost a rejection; except
    that a machine suggestion holding a memory suggestion inside it has seen a longer name
    ("Matthias Platzeck" around a remembered "Matthias"): there the memory's gives way.
    Kept spans count unless the project allows overlapping spans."""
    memory = sorted((r for r in open_rows if r[_ORIGIN_KIND] == MEMORY_KIND), key=_place)
    kept = [] if overlaps_allowed else [r for r in own if r[3] != REJECTED_STATE]
    if not memory and not kept:
        return set()
    overruled: set[int] = set()
    kept_places = sorted((r[0], r[1]) for r in kept)
    kept_starts = [start for start, _ in kept_places]
    kept_reach = list(accumulate((end for _, end in kept_places), max))
    memory_starts = [r[0] for r in memory]
    longest = max((r[1] - r[0] for r in memory), default=0)
    for r in open_rows:
        if r[_ORIGIN_KIND] == MEMORY_KIND:
            continue
        i = bisect_left(kept_starts, r[1]) - 1  # of the kept spans starting before r ends
        if i >= 0 and kept_reach[i] > r[0]:  # one reaches into it
            overruled.add(r[9])
            continue
        first = bisect_left(memory_starts, r[0] - longest)
        last = bisect_left(memory_starts, r[1])
        crossing = False
        for m in memory[first:last]:
            if m[1] <= r[0]:
                continue
            if r[0] <= m[0] and m[1] <= r[1] and (m[0], m[1]) != (r[0], r[1]):
                overruled.add(m[9])  # a shorter name inside the machine's longer one
            else:
                crossing = True
        if crossing:
            overruled.add(r[9])
    return overruled
