"""Finding and making the rows a review works on: gold's rows at a place, the annotators'
decisions there, and new gold rows (origin ``review``, accepted) saying who reviewed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.editing import AnnotationError
from storage.models import (
    HOLDER_COLUMNS,
    AnnotationState,
    Annotator,
    Document,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
)
from storage.review.comparison import DECISIONS

Sentence = tuple[int, int, int | None]  # start, end, sentence index


def detail(reviewer: str, picked: Iterable[str], removed: bool = False) -> str:
    """What ``origin_detail`` says: who reviewed, and whose version gold took."""
    if removed:
        return f"reviewer: {reviewer}; removed"
    names = ", ".join(picked)
    return f"reviewer: {reviewer}; picked: {names}" if names else f"reviewer: {reviewer}; own"


def annotator_name(session: Session, annotator_id: int | None) -> str:
    annotator = session.get(Annotator, annotator_id) if annotator_id is not None else None
    return annotator.name if annotator is not None else ""


# -- entity spans ----------------------------------------------------------------------------


def gold_spans(
    session: Session, document_id: int, gold_id: int, start: int, end: int
) -> list[EntitySpan]:
    """Gold's rows at ``start``–``end`` (rejected ones too), oldest first."""
    return list(
        session.scalars(
            select(EntitySpan)
            .where(
                EntitySpan.document_id == document_id,
                EntitySpan.annotator_id == gold_id,
                EntitySpan.start_offset == start,
                EntitySpan.end_offset == end,
            )
            .order_by(EntitySpan.id)
        )
    )


def annotator_spans(
    session: Session, document_id: int, gold_id: int, start: int, end: int
) -> list[EntitySpan]:
    """The annotators' accepted or edited spans at ``start``–``end``."""
    return list(
        session.scalars(
            select(EntitySpan).where(
                EntitySpan.document_id == document_id,
                EntitySpan.annotator_id.is_not(None),
                EntitySpan.annotator_id != gold_id,
                EntitySpan.state.in_(DECISIONS),
                EntitySpan.start_offset == start,
                EntitySpan.end_offset == end,
            )
        )
    )


def gold_overlapping(
    session: Session, document_id: int, gold_id: int, start: int, end: int
) -> list[EntitySpan]:
    """Gold's accepted spans that overlap ``start``–``end`` at another place."""
    rows = session.scalars(
        select(EntitySpan).where(
            EntitySpan.document_id == document_id,
            EntitySpan.annotator_id == gold_id,
            EntitySpan.state != AnnotationState.REJECTED,
            EntitySpan.start_offset < end,
            EntitySpan.end_offset > start,
        )
    )
    return [r for r in rows if (r.start_offset, r.end_offset) != (start, end)]


def new_gold_span(
    session: Session,
    document: Document,
    gold_id: int,
    start: int,
    end: int,
    label_id: int,
    origin_detail: str,
) -> EntitySpan:
    row = EntitySpan(
        document_id=document.id,
        doc_length=document.text_length,
        start_offset=start,
        end_offset=end,
        label_id=label_id,
        state=AnnotationState.ACCEPTED,
        # No origin name or version: training recognises a review by "review" alone.
        origin_kind=OriginKind.REVIEW,
        origin_detail=origin_detail,
        annotator_id=gold_id,
    )
    return _added(session, row)


# -- sentence stance -------------------------------------------------------------------------


def sentence_of(
    session: Session, document_id: int, sentence_index: int, target_id: int
) -> Sentence:
    """Sentence ``sentence_index``'s offsets, from the rows there (toward ``target_id``
    first); refused when nobody labelled it."""
    row = session.scalars(
        select(StanceAnnotation)
        .where(
            StanceAnnotation.document_id == document_id,
            StanceAnnotation.scope == StanceScope.SENTENCE,
            StanceAnnotation.sentence_index == sentence_index,
        )
        .order_by((StanceAnnotation.target_id == target_id).desc(), StanceAnnotation.id)
    ).first()
    if row is None:
        # Said as people count sentences (from 1), as the app and the workbook do.
        raise AnnotationError(f"nobody labelled sentence {sentence_index + 1} of this document")
    return row.start_offset, row.end_offset, row.sentence_index


def stance_pickers(
    session: Session,
    document_id: int,
    gold_id: int,
    sentence: Sentence,
    target_id: int,
    label_id: int,
) -> list[str]:
    """The names of the annotators who gave the sentence ``label_id`` toward the target."""
    theirs = _label_rows(session, document_id, gold_id, sentence, target_id, label_id)
    return sorted({annotator_name(session, r.annotator_id) for r in theirs})


def picked_holder(
    session: Session,
    document_id: int,
    gold_id: int,
    sentence: Sentence,
    target_id: int,
    label_id: int,
) -> dict[str, int | None]:
    """The holder and evidence gold takes with the label ``label_id``: those most of the
    annotators who gave that label named (the earliest row's on a tie); the author and no
    evidence when nobody gave it."""
    theirs = _label_rows(session, document_id, gold_id, sentence, target_id, label_id)
    versions = [_holder_columns(r) for r in theirs]
    if not versions:
        return dict.fromkeys(HOLDER_COLUMNS)
    chosen = max(versions, key=lambda v: (versions.count(v), -versions.index(v)))
    return dict(zip(HOLDER_COLUMNS, chosen, strict=True))


def annotator_holder(
    session: Session,
    document_id: int,
    gold_id: int,
    sentence: Sentence,
    target_id: int,
    label_id: int,
    annotator: str,
) -> tuple[dict[str, int | None], list[str]]:
    """``annotator``'s holder and evidence with the label ``label_id``, and everybody who gave
    that label with the same holder and evidence (whose version gold takes); refused when
    ``annotator`` did not give that label there."""
    theirs = _label_rows(session, document_id, gold_id, sentence, target_id, label_id)
    named = {annotator_name(session, r.annotator_id): _holder_columns(r) for r in reversed(theirs)}
    if annotator not in named:
        label = session.get(StanceLabel, label_id)
        raise AnnotationError(
            f"{annotator} did not label sentence {(sentence[2] or 0) + 1} "
            f"{label.name if label is not None else label_id} toward this target"
        )
    chosen = named[annotator]
    same = sorted(name for name, version in named.items() if version == chosen)
    return dict(zip(HOLDER_COLUMNS, chosen, strict=True)), same


def _label_rows(
    session: Session,
    document_id: int,
    gold_id: int,
    sentence: Sentence,
    target_id: int,
    label_id: int,
) -> list[StanceAnnotation]:
    """The annotators' decisions ``label_id`` for the sentence and target, oldest first."""
    return list(
        session.scalars(
            select(StanceAnnotation)
            .where(
                *_stance_place(document_id, sentence, target_id),
                StanceAnnotation.annotator_id.is_not(None),
                StanceAnnotation.annotator_id != gold_id,
                StanceAnnotation.state.in_(DECISIONS),
                StanceAnnotation.label_id == label_id,
            )
            .order_by(StanceAnnotation.id)
        ).all()
    )


def _holder_columns(row: StanceAnnotation) -> tuple[int | None, ...]:
    return tuple(getattr(row, c) for c in HOLDER_COLUMNS)


def gold_stance(
    session: Session, document_id: int, gold_id: int, sentence: Sentence, target_id: int
) -> StanceAnnotation | None:
    """Gold's (oldest) row for the sentence and target, rejected or not."""
    return session.scalars(
        select(StanceAnnotation)
        .where(
            *_stance_place(document_id, sentence, target_id),
            StanceAnnotation.annotator_id == gold_id,
        )
        .order_by(StanceAnnotation.id)
    ).first()


def gold_stance_rows(
    session: Session, document_id: int, gold_id: int, sentence_index: int, target_id: int
) -> list[StanceAnnotation]:
    """Gold's accepted rows for sentence ``sentence_index`` and the target."""
    return list(
        session.scalars(
            select(StanceAnnotation).where(
                StanceAnnotation.document_id == document_id,
                StanceAnnotation.annotator_id == gold_id,
                StanceAnnotation.scope == StanceScope.SENTENCE,
                StanceAnnotation.sentence_index == sentence_index,
                StanceAnnotation.target_id == target_id,
                StanceAnnotation.state != AnnotationState.REJECTED,
            )
        ).all()
    )


def new_gold_stance(
    session: Session,
    document: Document,
    gold_id: int,
    sentence: Sentence,
    target_id: int,
    label_id: int,
    origin_detail: str,
) -> StanceAnnotation:
    start, end, sentence_index = sentence
    row = StanceAnnotation(
        document_id=document.id,
        doc_length=document.text_length,
        start_offset=start,
        end_offset=end,
        scope=StanceScope.SENTENCE,
        sentence_index=sentence_index,
        target_id=target_id,
        label_id=label_id,
        state=AnnotationState.ACCEPTED,
        origin_kind=OriginKind.REVIEW,
        origin_detail=origin_detail,
        annotator_id=gold_id,
    )
    return _added(session, row)


def _stance_place(document_id: int, sentence: Sentence, target_id: int) -> tuple[Any, ...]:
    start, end, _index = sentence
    return (
        StanceAnnotation.document_id == document_id,
        StanceAnnotation.scope == StanceScope.SENTENCE,
        StanceAnnotation.start_offset == start,
        StanceAnnotation.end_offset == end,
        StanceAnnotation.target_id == target_id,
    )


Row = TypeVar("Row", EntitySpan, StanceAnnotation)


def _added(session: Session, row: Row) -> Row:
    session.add(row)
    session.flush()
    session.refresh(row)  # the loaded label must match label_id for the snapshot
    return row
