"""Reading what an export writes: the project's documents with the spans and stance rows that
pass the export's filters, as ``ExportDocument`` records, a batch of documents at a time.

Annotations are kept per annotator (see ``storage.models``): an annotator's rows are their
decisions, a machine suggestion belongs to nobody. With ``state="all"`` the open suggestions
go out too, but not one an annotator already decided on (their own row stands for it) and
not an entity suggestion below the display threshold, which annotators never saw.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVarTuple

from sqlalchemy import Select, Text, and_, cast, exists, func, select
from sqlalchemy.orm import Session, defer

from storage.database import Database
from storage.document_flags import flag_notes
from storage.export.clean_values import parse_json_object
from storage.export.records import ExportDocument, ExportOptions, ExportSpan, ExportStance
from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.stance.holder_names import HolderNames

BATCH_SIZE = 200
_Columns = TypeVarTuple("_Columns")  # what a filtered query selects stays what it was
DECISIONS = (AnnotationState.ACCEPTED, AnnotationState.EDITED)
# Metadata is read as the stored text and parsed here (``parse_json_object``): whatever an
# old project holds there (no JSON, a number too long for Python) must not stop an export.
_META_TEXT = cast(Document.meta, Text)


@dataclass(frozen=True)
class _Scope:
    """The resolved filters: which annotator's rows (None: everybody's), which states."""

    annotator_id: int | None
    names: dict[int, str]  # annotator id -> name
    options: ExportOptions


def known_annotators(session: Session) -> list[str]:
    """Every annotator's name, sorted."""
    return sorted(session.scalars(select(Annotator.name)))


def resolve_annotator(session: Session, name: str | None) -> int | None:
    """The id of the annotator called ``name`` (None for None); a ValueError naming it and the
    known annotators if there is nobody of that name."""
    if name is None:
        return None
    annotator_id = session.scalar(select(Annotator.id).where(Annotator.name == name.strip()))
    if annotator_id is None:
        known = ", ".join(known_annotators(session)) or "none"
        raise ValueError(f"no annotator called {name!r} (known annotators: {known})")
    return annotator_id


def count_export_documents(db: Database, project_id: int, options: ExportOptions) -> int:
    """How many documents ``iter_export_documents`` yields (for a progress bar)."""
    with db.read() as session:
        annotator_id = resolve_annotator(session, options.annotator)
        query = _document_filter(select(func.count(Document.id)), project_id, options, annotator_id)
        return session.scalar(query) or 0


def export_meta_keys(db: Database, project_id: int) -> list[str]:
    """The metadata keys the project's documents use, the most used first, then by name (the
    Documents sheet's columns; when there are more than fit, the first ones are shown)."""
    uses: Counter[str] = Counter()
    with db.read() as session:
        rows = session.execute(
            select(_META_TEXT)
            .where(Document.project_id == project_id)
            .execution_options(yield_per=1000)
        )
        for (meta,) in rows:
            uses.update(parse_json_object(meta).keys())
    return sorted(uses, key=lambda key: (-uses[key], key))


def export_annotators(db: Database, project_id: int, options: ExportOptions) -> list[str]:
    """The annotators whose status and time the export shows: the chosen one, or, sorted,
    everyone who did something in the project (a status other than new, time spent, an
    entity or stance row of their own). One nobody used (the "import" annotator of an
    import without labels) would only add empty columns."""
    with db.read() as session:
        if options.annotator is not None:
            resolve_annotator(session, options.annotator)
            return [options.annotator.strip()]
        return sorted(session.scalars(select(Annotator.name).where(_did_something(project_id))))


def _did_something(project_id: int) -> Any:
    worked = exists().where(
        DocumentStatus.annotator_id == Annotator.id,
        DocumentStatus.document_id == Document.id,
        Document.project_id == project_id,
        (DocumentStatus.status != DocumentStatusValue.NEW) | (DocumentStatus.seconds_spent > 0),
    )
    rows = [
        exists().where(
            model.annotator_id == Annotator.id,
            model.document_id == Document.id,
            Document.project_id == project_id,
        )
        for model in (EntitySpan, StanceAnnotation)
    ]
    return worked | rows[0] | rows[1]


def iter_export_documents(
    db: Database, project_id: int, options: ExportOptions
) -> Iterator[ExportDocument]:
    """The project's documents that pass ``options``, in id order, with their spans and stance
    rows. Streams: documents are read ``BATCH_SIZE`` at a time, each batch in its own read
    session. Raises ValueError for an unknown annotator (before anything is yielded)."""
    with db.read() as session:
        annotator_id = resolve_annotator(session, options.annotator)
        names = dict(session.execute(select(Annotator.id, Annotator.name)).all())
    scope = _Scope(annotator_id, names, options)
    last_id = 0
    while True:
        with db.read() as session:
            batch = _read_batch(session, project_id, scope, last_id)
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id


def _document_filter(
    query: Select[*_Columns], project_id: int, options: ExportOptions, annotator_id: int | None
) -> Select[*_Columns]:
    query = query.where(Document.project_id == project_id)
    if options.status == "done":
        done = and_(
            DocumentStatus.document_id == Document.id,
            DocumentStatus.status == DocumentStatusValue.DONE,
        )
        if annotator_id is not None:
            done = and_(done, DocumentStatus.annotator_id == annotator_id)
        query = query.where(exists().where(done))
    return query


def _read_batch(
    session: Session, project_id: int, scope: _Scope, after_id: int
) -> list[ExportDocument]:
    query = _document_filter(
        select(Document, _META_TEXT).options(defer(Document.meta)),
        project_id,
        scope.options,
        scope.annotator_id,
    )
    rows = list(
        session.execute(query.where(Document.id > after_id).order_by(Document.id).limit(BATCH_SIZE))
    )
    documents = [document for document, _ in rows]
    metas = {document.id: parse_json_object(meta) for document, meta in rows}
    if not documents:
        return []
    ids = [d.id for d in documents]
    texts = {d.id: d.text for d in documents}
    spans = _spans(session, ids, texts, scope)
    stance = _stance(session, ids, texts, scope, HolderNames(session, project_id))
    status, seconds = _status(session, ids, scope)
    flags = flag_notes(session, ids, scope.annotator_id)
    return [
        ExportDocument(
            id=d.id,
            title=d.title or "",
            source=d.source or "",
            language=d.language,
            text=d.text,
            meta=metas[d.id],
            status=status.get(d.id, {}),
            seconds=seconds.get(d.id, {}),
            unsure={scope.names[a]: note for a, note in flags.get(d.id, {}).items()},
            spans=spans.get(d.id, []),
            stance=stance.get(d.id, []),
            split=split_of(d.sha256, scope.options),
        )
        for d in documents
    ]


def split_of(text_hash: str, options: ExportOptions) -> Literal["train", "dev"]:
    """ "train" or "dev", from a hash of the document's text hash and the seed: the same
    document lands on the same side in every export with the same seed and share."""
    if options.dev_share <= 0:
        return "train"
    digest = hashlib.sha256(f"{options.seed}:{text_hash}".encode()).digest()
    share = int.from_bytes(digest[:8], "big") / 2**64
    return "dev" if share < options.dev_share else "train"


def _row_filter(model: type[EntitySpan] | type[StanceAnnotation], scope: _Scope) -> Any:
    """Which stored rows to read: the chosen annotator's (or everybody's) decisions, and with
    state "all" the machine suggestions too (whether still open is decided in Python), but
    not entity suggestions the app hides (``ExportOptions.min_confidence``; stance
    suggestions are always shown)."""
    own = (
        model.annotator_id.is_not(None)
        if scope.annotator_id is None
        else model.annotator_id == scope.annotator_id
    )
    if scope.options.state == "accepted":
        return and_(own, model.state.in_(DECISIONS))
    suggestion: Any = model.annotator_id.is_(None)
    if model is EntitySpan:  # hidden below the display threshold: annotators never saw it
        threshold = scope.options.min_confidence
        suggestion = and_(
            suggestion, EntitySpan.confidence.is_(None) | (EntitySpan.confidence >= threshold)
        )
    return own | suggestion


def _open_suggestions_only(rows: list[Any], place: Any) -> list[Any]:
    """Drops the suggestions an annotator of the export decided on: those their own rows point
    back to, and those at the place of an own row (from another suggester, or by hand)."""
    own = [r for r in rows if r.annotator_id is not None]
    decided = {r.suggestion_id for r in own if r.suggestion_id is not None}
    places = {place(r) for r in own}
    return [
        r
        for r in rows
        if r.annotator_id is not None or (r.id not in decided and place(r) not in places)
    ]


def _spans(
    session: Session, ids: Sequence[int], texts: dict[int, str], scope: _Scope
) -> dict[int, list[ExportSpan]]:
    query = (
        select(EntitySpan)
        .where(EntitySpan.document_id.in_(ids), _row_filter(EntitySpan, scope))
        .order_by(
            EntitySpan.document_id, EntitySpan.start_offset, EntitySpan.end_offset, EntitySpan.id
        )
    )
    by_document: dict[int, list[EntitySpan]] = {}
    for span in session.scalars(query).unique():
        by_document.setdefault(span.document_id, []).append(span)
    result: dict[int, list[ExportSpan]] = {}
    for document_id, spans in by_document.items():
        kept = _open_suggestions_only(spans, lambda s: (s.start_offset, s.end_offset, s.label_id))
        text = texts[document_id]
        result[document_id] = [_export_span(s, text, scope) for s in kept]
    return result


def _export_span(span: EntitySpan, text: str, scope: _Scope) -> ExportSpan:
    exported = ExportSpan(
        start=span.start_offset,
        end=span.end_offset,
        text=text[span.start_offset : span.end_offset],
        label=span.label.name,
        state=span.state.value,
        origin=origin_text(span.origin_kind, span.origin_name, span.origin_version),
        confidence=span.confidence,
        annotator=scope.names.get(span.annotator_id) if span.annotator_id else None,
        created_at=_iso(span.created_at),
        updated_at=_iso(span.updated_at),
    )
    # The schema's CHECKs guarantee the offsets; a mismatch here would be a bug of ours.
    assert exported.text == text[exported.start : exported.end] and exported.text
    return exported


def _stance(
    session: Session,
    ids: Sequence[int],
    texts: dict[int, str],
    scope: _Scope,
    holders: HolderNames,
) -> dict[int, list[ExportStance]]:
    query = (
        select(StanceAnnotation)
        .join(StanceTarget, StanceTarget.id == StanceAnnotation.target_id)
        .join(StanceLabel, StanceLabel.id == StanceAnnotation.label_id)
        .where(StanceAnnotation.document_id.in_(ids), _row_filter(StanceAnnotation, scope))
        .order_by(
            StanceAnnotation.document_id,
            StanceAnnotation.scope,
            StanceAnnotation.start_offset,
            StanceTarget.name,
            StanceAnnotation.id,
        )
    )
    by_document: dict[int, list[StanceAnnotation]] = {}
    for row in session.scalars(query).unique():
        by_document.setdefault(row.document_id, []).append(row)
    result: dict[int, list[ExportStance]] = {}
    for document_id, rows in by_document.items():
        # Stance decisions sit at their suggestion's place (stance rows never move).
        kept = _open_suggestions_only(
            rows, lambda r: (r.scope, r.start_offset, r.end_offset, r.target_id)
        )
        text = texts[document_id]
        result[document_id] = [_export_stance(r, text, scope, holders) for r in kept]
    return result


def _stretch(text: str, start: int | None, end: int | None) -> str | None:
    return text[start:end] if start is not None and end is not None else None


def _export_stance(
    row: StanceAnnotation, text: str, scope: _Scope, holders: HolderNames
) -> ExportStance:
    holder_text = _stretch(text, row.holder_start, row.holder_end)
    return ExportStance(
        scope=row.scope.value,
        sentence_index=row.sentence_index if row.scope != StanceScope.DOCUMENT else None,
        start=row.start_offset,
        end=row.end_offset,
        text=text[row.start_offset : row.end_offset],
        target=row.target.name,
        label=row.label.name,
        state=row.state.value,
        origin=origin_text(row.origin_kind, row.origin_name, row.origin_version),
        confidence=row.confidence,
        annotator=scope.names.get(row.annotator_id) if row.annotator_id else None,
        explanation=row.explanation,
        holder=holders.name(row.holder_actor_id, holder_text),
        holder_start=row.holder_start,
        holder_end=row.holder_end,
        holder_text=holder_text,
        evidence_start=row.evidence_start,
        evidence_end=row.evidence_end,
        evidence=_stretch(text, row.evidence_start, row.evidence_end),
    )


def _status(
    session: Session, ids: Sequence[int], scope: _Scope
) -> tuple[dict[int, dict[str, str]], dict[int, dict[str, float]]]:
    query = select(
        DocumentStatus.document_id,
        DocumentStatus.annotator_id,
        DocumentStatus.status,
        DocumentStatus.seconds_spent,
    ).where(DocumentStatus.document_id.in_(ids))
    if scope.annotator_id is not None:
        query = query.where(DocumentStatus.annotator_id == scope.annotator_id)
    status: dict[int, dict[str, str]] = {}
    seconds: dict[int, dict[str, float]] = {}
    for document_id, annotator_id, value, spent in session.execute(query):
        name = scope.names[annotator_id]
        status.setdefault(document_id, {})[name] = value.value
        seconds.setdefault(document_id, {})[name] = spent
    return status, seconds


def origin_text(kind: OriginKind, name: str | None, version: str | None) -> str:
    """Where a row came from, for a person: "model de_standpunkt_ner 0.1.0", "pattern
    countries.jsonl", "manual", "import", "review"."""
    if kind == OriginKind.MODEL:
        return " ".join(part for part in (kind.value, name, version) if part)
    if kind == OriginKind.PATTERN:
        return " ".join(part for part in (kind.value, name) if part)
    return kind.value


def _iso(moment: datetime | None) -> str:
    # Stored as naive UTC (see storage.models.utcnow).
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds")
