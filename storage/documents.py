"""Reading documents for lists and views, a page at a time.

Orders: import order (by id); uncertainty order for active learning, first the documents
whose open machine suggestions the suggesters are least sure about; and sorting by a column
of the list (title, language, status, spans, characters; ascending or "-desc"). All page by
keyset, so a page deep in a long list costs what the first one does. In uncertainty order
that is one index lookup per document and table for every page (about 0.3 s at 100,000
documents): the order needs every document's value, and nothing stores it. Which
documents a list shows is ``storage.document_filter``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    Subquery,
    and_,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from storage.document_filter import NO_FILTER, DocumentFilter, annotator_status, filter_conditions
from storage.document_flags import flag_note
from storage.models import Document, DocumentStatusValue, EntitySpan, StanceAnnotation

IMPORT_ORDER = "import"
UNCERTAINTY_ORDER = "uncertainty"
# Sorting by a column of the list: "title" ascending, "title-desc" descending, and so on.
SORT_COLUMNS = ("title", "language", "status", "spans", "characters")
DESCENDING = "-desc"
DOCUMENT_ORDERS = (
    IMPORT_ORDER,
    UNCERTAINTY_ORDER,
    *SORT_COLUMNS,
    *(column + DESCENDING for column in SORT_COLUMNS),
)

# Above every confidence: in uncertainty order (1 - this = -1) documents without open
# suggestions come after all others without a NULLS LAST, which not every database has.
_NO_SUGGESTION = 2.0


@dataclass(frozen=True)
class DocumentRow:
    """What a document list shows about one document."""

    id: int
    title: str
    source: str
    language: str | None
    characters: int
    status: DocumentStatusValue
    spans: int  # the suggestions still open for the annotator
    # 1 - the lowest confidence among the machine suggestions the annotator has not decided
    # on yet (entity spans and sentence stance); None when there are none.
    uncertainty: float | None = None
    # The value a column order sorted by (the next page starts after it); None otherwise.
    sort_value: str | int | None = None
    # The annotator's note when they flagged the document as unsure ("" without words);
    # None: not flagged (``storage.document_flags``).
    unsure_note: str | None = None
    decided: int = 0  # the spans the annotator accepted or edited (rejected ones not)


def count_documents(
    session: Session,
    project_id: int,
    annotator_id: int | None = None,
    document_filter: DocumentFilter = NO_FILTER,
) -> int:
    """How many of the project's documents pass ``document_filter`` (all without one)."""
    conditions = filter_conditions(session, project_id, annotator_id, document_filter)
    query = select(func.count(Document.id)).where(Document.project_id == project_id, *conditions)
    return session.scalar(query) or 0


def document_page(
    session: Session,
    project_id: int,
    annotator_id: int | None,
    offset: int,
    limit: int,
    after_id: int | None = None,
    *,
    order: str = IMPORT_ORDER,
    after: tuple[float | None, int] | None = None,
    document_filter: DocumentFilter = NO_FILTER,
) -> list[DocumentRow]:
    """Up to ``limit`` documents with the annotator's status, the number of spans they see
    and their uncertainty (``annotator_id`` None: status new, suggestions only).

    ``order`` "import" lists by id; "uncertainty" lists the most uncertain first, documents
    without open suggestions last, ties by id. ``after`` is the last row's
    ``(uncertainty, id)``: the page starts after it (keyset paging, as fast at row 100,000
    as at row 1). In import order ``after_id`` does the same. Without either, ``offset`` rows
    are skipped. Only documents that pass ``document_filter`` are listed, in either order."""
    if order not in DOCUMENT_ORDERS:
        raise ValueError(f"unknown document order {order!r}")
    conditions = filter_conditions(session, project_id, annotator_id, document_filter)
    if order == UNCERTAINTY_ORDER:
        if after_id is not None:
            raise ValueError("uncertainty order pages after (uncertainty, id), not after an id")
        query = _uncertainty_query(project_id, annotator_id, offset, limit, after, conditions)
    elif order != IMPORT_ORDER:
        if after_id is not None:
            raise ValueError("a column order pages after (value, id), not after an id")
        query = _column_query(project_id, annotator_id, offset, limit, order, after, conditions)
        return [
            replace(_document_row(*row[:-1]), sort_value=row[-1]) for row in session.execute(query)
        ]
    else:
        after_id = after[1] if after is not None else after_id
        query = _import_query(project_id, annotator_id, offset, limit, after_id, conditions)
    return [_document_row(*row) for row in session.execute(query)]


def _column_query(
    project_id: int,
    annotator_id: int | None,
    offset: int,
    limit: int,
    order: str,
    after: tuple[Any, int] | None,
    conditions: list[ColumnElement[bool]],
) -> Select:
    """A page sorted by a column, ties by id; keyset paging after ``(value, id)``. Sorting
    computes every document's value (at 100,000 documents a page costs what a full scan
    does): fine for title, language and length, slower for status and spans."""
    descending = order.endswith(DESCENDING)
    key = _sort_value(order.removesuffix(DESCENDING), annotator_id)
    entity, stance = _lowest_open_confidences(annotator_id)
    lowest = _smaller(func.coalesce(entity, _NO_SUGGESTION), func.coalesce(stance, _NO_SUGGESTION))
    query = _row_query(annotator_id, 1 - lowest).add_columns(key)
    query = query.where(Document.project_id == project_id, *conditions)
    query = query.order_by(key.desc() if descending else key, Document.id).limit(limit)
    if after is None:
        return query.offset(offset)
    value, last_id = after
    beyond = key < value if descending else key > value
    return query.where(or_(beyond, and_(key == value, Document.id > last_id)))


def _sort_value(column: str, annotator_id: int | None) -> SQLColumnExpression[Any]:
    """What a column sorts by, never NULL (NULL would not compare in the keyset)."""
    if column == "title":
        # As the list shows it: the title, or the text's start for a document without one.
        return func.lower(func.coalesce(Document.title, func.substr(Document.text, 1, 120)))
    if column == "language":
        return func.coalesce(Document.language, "")
    if column == "status":
        return func.coalesce(annotator_status(annotator_id), DocumentStatusValue.NEW.value)
    if column == "spans":
        return _span_count(annotator_id)
    return Document.text_length


def _import_query(
    project_id: int,
    annotator_id: int | None,
    offset: int,
    limit: int,
    after_id: int | None,
    conditions: list[ColumnElement[bool]],
) -> Select:
    # Read along the primary key: the per-row subqueries run for the page's rows only.
    query = _import_columns(annotator_id).where(Document.project_id == project_id, *conditions)
    query = query.order_by(Document.id).limit(limit)
    return query.where(Document.id > after_id) if after_id is not None else query.offset(offset)


@lru_cache(maxsize=64)  # built once per annotator: the document list reads a row a decision
def _import_columns(annotator_id: int | None) -> Select:
    """The import order's columns: a statement is immutable, so one serves every page."""
    entity, stance = _lowest_open_confidences(annotator_id)
    lowest = _smaller(func.coalesce(entity, _NO_SUGGESTION), func.coalesce(stance, _NO_SUGGESTION))
    return _row_query(annotator_id, 1 - lowest)


def _uncertainty_query(
    project_id: int,
    annotator_id: int | None,
    offset: int,
    limit: int,
    after: tuple[float | None, int] | None,
    conditions: list[ColumnElement[bool]],
) -> Select:
    page = _uncertainty_page(project_id, annotator_id, offset, limit, after, conditions)
    query = _row_query(annotator_id, page.c.uncertainty)
    query = query.join_from(page, Document, Document.id == page.c.id)
    return query.order_by(page.c.uncertainty.desc(), page.c.id)


def _row_query(annotator_id: int | None, uncertainty: ColumnElement[float]) -> Select:
    """The columns of a DocumentRow; ``uncertainty`` is -1 for no open suggestions."""
    status = annotator_status(annotator_id)
    spans = _span_count(annotator_id)
    decided = _decided_count(annotator_id)
    return select(
        Document.id,
        Document.title,
        Document.source,
        Document.language,
        Document.text_length,
        status,
        spans,
        func.substr(Document.text, 1, 120),
        uncertainty,
        flag_note(annotator_id),
        decided,
    )


def _span_count(annotator_id: int | None) -> ColumnElement[int]:
    """The entity suggestions still open for the annotator: machine suggestions they have
    not decided on (a decision points back to its suggestion) nor have as a span of their
    own at the same place (the spans panel does not show those twice)."""
    suggestion = aliased(EntitySpan, name="counted_suggestion")
    conditions = [
        suggestion.document_id == Document.id,
        suggestion.annotator_id.is_(None),
        suggestion.state == literal_column("'suggested'"),
    ]
    if annotator_id is not None:
        own = aliased(EntitySpan, name="own_span")
        same_place = and_(
            own.document_id == suggestion.document_id,
            own.start_offset == suggestion.start_offset,
            own.end_offset == suggestion.end_offset,
            own.label_id == suggestion.label_id,
        )
        conditions.append(
            ~exists().where(
                own.annotator_id == annotator_id,
                or_(own.suggestion_id == suggestion.id, same_place),
            )
        )
    return select(func.count(suggestion.id)).where(*conditions).scalar_subquery()


def _decided_count(annotator_id: int | None) -> ColumnElement[int]:
    """The annotator's accepted and edited entity spans (0 without an annotator)."""
    if annotator_id is None:
        return literal_column("0")
    return (
        select(func.count(EntitySpan.id))
        .where(
            EntitySpan.document_id == Document.id,
            EntitySpan.annotator_id == annotator_id,
            EntitySpan.state.in_(["accepted", "edited"]),
        )
        .scalar_subquery()
    )


def _document_row(
    doc_id: int,
    title: str | None,
    source: str,
    language: str | None,
    length: int,
    state: str | None,
    span_count: int,
    start: str,
    uncertainty: float,
    unsure_note: str | None = None,
    decided: int = 0,
) -> DocumentRow:
    return DocumentRow(
        id=doc_id,
        title=title or _title_from_text(start),
        source=source,
        language=language,
        characters=length,
        status=DocumentStatusValue(state) if state else DocumentStatusValue.NEW,
        spans=span_count,
        uncertainty=uncertainty if uncertainty >= 0 else None,
        unsure_note=unsure_note,
        decided=decided,
    )


def _uncertainty_page(
    project_id: int,
    annotator_id: int | None,
    offset: int,
    limit: int,
    after: tuple[float | None, int] | None,
    conditions: list[ColumnElement[bool]],
) -> Subquery:
    """The page's ``(id, uncertainty)`` pairs, most uncertain first.

    Ordering needs every document's value, so each document's two lowest confidences are
    computed once (MATERIALIZED, SQLite 3.35+ and PostgreSQL 12+: otherwise the database may
    inline the correlated subqueries wherever the value is used, and compute them three
    times); the heavier columns of a row are read only for the page's rows."""
    entity, stance = _lowest_open_confidences(annotator_id)
    lowest = (
        select(
            Document.id.label("id"),
            func.coalesce(entity, _NO_SUGGESTION).label("entity"),
            func.coalesce(stance, _NO_SUGGESTION).label("stance"),
        )
        .where(Document.project_id == project_id, *conditions)
        .cte("lowest_confidence")
        .prefix_with("MATERIALIZED")
    )
    uncertainty = (1 - _smaller(lowest.c.entity, lowest.c.stance)).label("uncertainty")
    page = select(lowest.c.id, uncertainty).order_by(uncertainty.desc(), lowest.c.id).limit(limit)
    if after is None:
        page = page.offset(offset)
    else:
        last_uncertainty, last_id = after
        key = -1.0 if last_uncertainty is None else last_uncertainty
        page = page.where(or_(uncertainty < key, and_(uncertainty == key, lowest.c.id > last_id)))
    return page.subquery("page")


def _smaller(a: ColumnElement[float], b: ColumnElement[float]) -> ColumnElement[float]:
    # Not MIN(a, b): that is SQLite's spelling; PostgreSQL says LEAST.
    return case((a < b, a), else_=b)


def _lowest_open_confidences(
    annotator_id: int | None,
) -> tuple[ColumnElement[float | None], ColumnElement[float | None]]:
    """Per document (correlated to ``Document``): the lowest confidence among the entity and
    among the sentence stance suggestions the annotator has not decided on, or NULL."""
    return (
        _lowest_open_confidence(EntitySpan, annotator_id),
        _lowest_open_confidence(StanceAnnotation, annotator_id),
    )


@lru_cache(maxsize=64)  # built once per annotator: building it cost a list row 30 ms
def _lowest_open_confidence(
    model: type[EntitySpan] | type[StanceAnnotation], annotator_id: int | None
) -> ColumnElement[float | None]:
    # Constants as literals: the partial index of open suggestions (migration 0003) is used
    # only when the planner sees that the query asks for its rows, and a database that plans
    # a statement once for all parameter values would not see it.
    suggestion = aliased(model, name=f"open_{model.__tablename__}")
    conditions = [
        suggestion.document_id == Document.id,
        suggestion.annotator_id.is_(None),
        suggestion.state == literal_column("'suggested'"),
        suggestion.confidence.is_not(None),
    ]
    if model is StanceAnnotation:
        # The alias of the narrowed model: mypy does not narrow ``suggestion`` with ``model``.
        stance = cast("type[StanceAnnotation]", suggestion)
        conditions.append(stance.scope == literal_column("'sentence'"))
    if annotator_id is not None:
        # Not decided yet: no row of the annotator's points back to the suggestion.
        decision = aliased(model, name=f"decided_{model.__tablename__}")
        conditions.append(
            ~exists().where(
                decision.suggestion_id == suggestion.id, decision.annotator_id == annotator_id
            )
        )
    # The first open one by confidence rather than MIN(): MIN would check every suggestion
    # of the document for a decision; this stops at the first one that has none.
    query = select(suggestion.confidence).where(*conditions)
    return query.order_by(suggestion.confidence).limit(1).scalar_subquery()


def _title_from_text(start: str) -> str:
    """A document without a title is shown by its first words."""
    first_line = start.split("\n", 1)[0].strip()
    return first_line if len(first_line) <= 80 else first_line[:79].rstrip() + "…"


def shown_title(title: str | None, text: str) -> str:
    """The title the document list shows: the stored one, or the text's first words."""
    return title or _title_from_text(text[:120])


def get_document(session: Session, project_id: int, document_id: int) -> Document | None:
    document = session.get(Document, document_id)
    return document if document is not None and document.project_id == project_id else None


def document_texts(session: Session, project_id: int, document_ids: list[int]) -> dict[int, str]:
    """The texts of those of ``document_ids`` that are in the project, in one query."""
    rows = session.execute(
        select(Document.id, Document.text).where(
            Document.project_id == project_id, Document.id.in_(document_ids)
        )
    )
    return {document_id: text for document_id, text in rows}
