"""What the article view shows about a document's sentence stance, read from the project.

Plain values (no database objects), so they can be passed between threads and built in
tests without a project. Which rows an annotator sees mirrors ``visible_spans`` for
entities: their own rows, plus the machine suggestions they have not decided on yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from services.span_data import LabelInfo
from storage.models import (
    AnnotationState,
    Document,
    Event,
    Project,
    StanceAnnotation,
    StanceScope,
)
from storage.stance.holder_names import AUTHOR, HolderNames
from storage.stance.store import SUGGEST_STANCE_ACTION, project_targets

NEUTRAL = "NEUTRAL"


@dataclass(frozen=True)
class SentenceStanceRow:
    """One stance toward one target in one sentence, as an annotator sees it.

    ``start`` and ``end`` are the sentence's offsets into the document's text in characters
    (code points), as the database stores them."""

    start: int
    end: int
    sentence_index: int | None
    target: str
    label: str
    colour: str  # "#rrggbb" of the label
    state: str  # "suggested", "accepted", "edited" or "rejected"
    confidence: float | None = None
    explanation: str | None = None
    origin_name: str | None = None
    origin_version: str | None = None
    stance_id: int | None = None
    holder: str = AUTHOR  # the actor's name, the words that name the holder, or "author"
    holder_actor: str | None = None  # the actor, when the holder is one of the project's
    holder_start: int | None = None  # where the text names the holder (document offsets)
    holder_end: int | None = None
    evidence_start: int | None = None  # the words that carry the stance
    evidence_end: int | None = None

    @property
    def by_author(self) -> bool:
        return self.holder == AUTHOR and self.holder_start is None

    @property
    def number(self) -> int | None:
        """The sentence's number as people count: from 1 (the stored index counts from 0,
        as the JSONL and CSV exports do); None where none was stored."""
        return self.sentence_index + 1 if self.sentence_index is not None else None

    @property
    def takes_side(self) -> bool:
        """FAVOR or AGAINST (anything but NEUTRAL), and not rejected."""
        return self.label.upper() != NEUTRAL and self.state != "rejected"


@dataclass(frozen=True)
class DocumentStance:
    """A document's sentence stance for one annotator; whether the project has targets
    and whether a stance suggester has run over the document; the project's stance labels
    and the annotator's stance of the whole document per target."""

    rows: list[SentenceStanceRow]
    has_targets: bool
    suggested: bool
    labels: list[LabelInfo] = field(default_factory=list)
    document_labels: dict[str, str] = field(default_factory=dict)  # target -> label

    @property
    def targets(self) -> list[str]:
        """The targets the document is about: those its sentences mention and those the
        annotator gave a document stance, by name."""
        return sorted({row.target for row in self.rows} | set(self.document_labels))

    @property
    def needs_suggesting(self) -> bool:
        return self.has_targets and not self.suggested


def visible_stance(session: Session, document_id: int, annotator_id: int) -> list[StanceAnnotation]:
    """The sentence stance rows an annotator works with in a document, in text order."""
    own = StanceAnnotation.annotator_id == annotator_id
    decided = select(StanceAnnotation.suggestion_id).where(
        StanceAnnotation.document_id == document_id,
        own,
        StanceAnnotation.suggestion_id.is_not(None),
    )
    open_suggestion = and_(
        StanceAnnotation.annotator_id.is_(None), StanceAnnotation.id.not_in(decided)
    )
    query = (
        select(StanceAnnotation)
        .where(
            StanceAnnotation.document_id == document_id,
            StanceAnnotation.scope == StanceScope.SENTENCE,
            or_(own, open_suggestion),
        )
        .order_by(StanceAnnotation.start_offset, StanceAnnotation.id)
    )
    rows = list(session.scalars(query))
    # A suggestion the annotator already has as their own row is not shown twice.
    own_keys = {_place(r) for r in rows if r.annotator_id == annotator_id}
    return [r for r in rows if r.annotator_id is not None or _place(r) not in own_keys]


def _place(row: StanceAnnotation) -> tuple[int, int, int]:
    return (row.start_offset, row.end_offset, row.target_id)


def was_stance_suggested(session: Session, document_id: int, since: datetime | None = None) -> bool:
    """Whether a stance suggester has run over the document (its "suggest.stance" event),
    at or after ``since`` when given (a classifier that took over then has not, before)."""
    query = select(Event.id).where(
        Event.document_id == document_id, Event.action == SUGGEST_STANCE_ACTION
    )
    if since is not None:
        query = query.where(Event.at >= since)
    return session.scalars(query.limit(1)).first() is not None


def read_document_stance(
    session: Session,
    project_id: int,
    document_id: int,
    annotator_id: int,
    since: datetime | None = None,
) -> DocumentStance:
    """What the annotator sees of the document's sentence stance; ``suggested`` tells
    whether the active suggester (active since ``since``) has run over it."""
    names = HolderNames(session, project_id)
    document = session.get_one(Document, document_id)
    rows = [
        _row(r, names, document.text) for r in visible_stance(session, document_id, annotator_id)
    ]
    rows.sort(key=lambda r: (r.start, r.target))
    has_targets = bool(project_targets(session, project_id))
    project = session.get_one(Project, project_id)
    labels = [LabelInfo(lb.name, lb.colour, lb.shortcut) for lb in project.stance_labels]
    whole = session.scalars(
        select(StanceAnnotation).where(
            StanceAnnotation.document_id == document_id,
            StanceAnnotation.annotator_id == annotator_id,
            StanceAnnotation.scope == StanceScope.DOCUMENT,
            StanceAnnotation.state != AnnotationState.REJECTED,
        )
    )
    document_labels = {row.target.name: row.label.name for row in whole}
    suggested = was_stance_suggested(session, document_id, since)
    return DocumentStance(rows, has_targets, suggested, labels, document_labels)


def _row(row: StanceAnnotation, names: HolderNames, text: str) -> SentenceStanceRow:
    words = (
        text[row.holder_start : row.holder_end]
        if row.holder_start is not None and row.holder_end is not None
        else None
    )
    return SentenceStanceRow(
        start=row.start_offset,
        end=row.end_offset,
        sentence_index=row.sentence_index,
        target=row.target.name,
        label=row.label.name,
        colour=row.label.colour,
        state=str(row.state),
        confidence=row.confidence,
        explanation=row.explanation,
        origin_name=row.origin_name,
        origin_version=row.origin_version,
        stance_id=row.id,
        holder=names.name(row.holder_actor_id, words),
        holder_actor=names.by_id.get(row.holder_actor_id) if row.holder_actor_id else None,
        holder_start=row.holder_start,
        holder_end=row.holder_end,
        evidence_start=row.evidence_start,
        evidence_end=row.evidence_end,
    )
