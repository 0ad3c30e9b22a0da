"""What inter-annotator agreement compares: per document, each annotator's own decided entity
spans and sentence stance labels.

An annotator's decisions are their own rows in state accepted or edited (see
``storage.models``); open suggestions belong to nobody and rejections say only "not this",
so neither is a label. A document counts when at least two annotators have a decision in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    EntityLabel,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.stance.holder_names import HolderNames

DECISIONS = (AnnotationState.ACCEPTED, AnnotationState.EDITED)

EntitySpanKey = tuple[int, int, str]  # start, end, entity label
SentenceKey = tuple[int, int, str]  # sentence start, end, target name


@dataclass
class AgreementDocument:
    """One document's labels, by annotator name."""

    id: int
    text: str = ""
    entities: dict[str, set[EntitySpanKey]] = field(default_factory=dict)
    stance: dict[str, dict[SentenceKey, str]] = field(default_factory=dict)  # -> stance label
    holders: dict[str, dict[SentenceKey, str]] = field(default_factory=dict)  # -> holder name

    @property
    def annotators(self) -> set[str]:
        return set(self.entities) | set(self.stance)


def agreement_documents(db: Database, project_id: int) -> list[AgreementDocument]:
    """The project's documents that at least two annotators labelled, in id order, with each
    annotator's decided entity spans and sentence stance labels."""
    with db.read() as session:
        documents: dict[int, AgreementDocument] = {}
        _read_entities(session, project_id, documents)
        _read_stance(session, project_id, documents)
        shared = [d for _, d in sorted(documents.items()) if len(d.annotators) >= 2]
        # Only the shared documents' texts: token kappa needs them, the rest is not compared.
        texts = session.execute(
            select(Document.id, Document.text).where(Document.id.in_([d.id for d in shared]))
        )
        by_id = {d.id: d for d in shared}
        for document_id, text in texts:
            by_id[document_id].text = text
    return shared


def _read_entities(
    session: Session, project_id: int, documents: dict[int, AgreementDocument]
) -> None:
    rows = session.execute(
        select(
            EntitySpan.document_id,
            Annotator.name,
            EntitySpan.start_offset,
            EntitySpan.end_offset,
            EntityLabel.name,
        )
        .join(Annotator, Annotator.id == EntitySpan.annotator_id)
        .join(EntityLabel, EntityLabel.id == EntitySpan.label_id)
        .join(Document, Document.id == EntitySpan.document_id)
        .where(
            Document.project_id == project_id,
            EntitySpan.state.in_(DECISIONS),
            EntitySpan.origin_kind != OriginKind.REVIEW,  # the gold version is nobody's vote
        )
    )
    for document_id, annotator, start, end, label in rows:
        _document(documents, document_id).entities.setdefault(annotator, set()).add(
            (start, end, label)
        )


def _read_stance(
    session: Session, project_id: int, documents: dict[int, AgreementDocument]
) -> None:
    words = func.substr(
        Document.text,
        StanceAnnotation.holder_start + 1,
        StanceAnnotation.holder_end - StanceAnnotation.holder_start,
    )
    names = HolderNames(session, project_id)
    rows = session.execute(
        select(
            StanceAnnotation.document_id,
            Annotator.name,
            StanceAnnotation.start_offset,
            StanceAnnotation.end_offset,
            StanceTarget.name,
            StanceLabel.name,
            StanceAnnotation.holder_actor_id,
            words,
        )
        .join(Annotator, Annotator.id == StanceAnnotation.annotator_id)
        .join(StanceTarget, StanceTarget.id == StanceAnnotation.target_id)
        .join(StanceLabel, StanceLabel.id == StanceAnnotation.label_id)
        .join(Document, Document.id == StanceAnnotation.document_id)
        .where(
            Document.project_id == project_id,
            StanceAnnotation.scope == StanceScope.SENTENCE,
            StanceAnnotation.state.in_(DECISIONS),
            StanceAnnotation.origin_kind != OriginKind.REVIEW,
        )
    )
    for document_id, annotator, start, end, target, label, actor, holder_words in rows:
        document = _document(documents, document_id)
        document.stance.setdefault(annotator, {})[start, end, target] = label
        holder = names.name(actor, holder_words)
        document.holders.setdefault(annotator, {})[start, end, target] = holder


def _document(documents: dict[int, AgreementDocument], document_id: int) -> AgreementDocument:
    return documents.setdefault(document_id, AgreementDocument(document_id))
