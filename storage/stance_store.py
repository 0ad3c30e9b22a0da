"""Stance targets of a project, and stance suggestions stored without touching decisions.

A sentence has at most one open machine suggestion per target: a new run replaces it (unless
an annotator decided on it) and never suggests where an annotator already labelled that
sentence for that target. Every change is logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id, record_event
from storage.models import (
    AnnotationState,
    Document,
    EntityLabel,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
    TargetAlias,
)

SUGGEST_STANCE_ACTION = "suggest.stance"


@dataclass(frozen=True)
class TargetRecord:
    name: str
    aliases: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class SentenceStance:
    """A stance suggestion to store (the suggester's output in storage's terms)."""

    sentence_index: int
    start: int
    end: int
    target: str
    label: str
    confidence: float
    explanation: str
    origin_kind: str
    origin_name: str
    origin_version: str


def project_targets(session: Session, project_id: int) -> list[TargetRecord]:
    targets = session.scalars(
        select(StanceTarget)
        .where(StanceTarget.project_id == project_id)
        .order_by(StanceTarget.name)
    )
    return [TargetRecord(t.name, tuple(a.alias for a in t.aliases), t.kind) for t in targets]


def add_target(
    db: Database, project_id: int, name: str, aliases: Iterable[str] = (), kind: str = "other"
) -> None:
    """Add a target (or add aliases to an existing one); logged as one action."""
    clean = name.strip()
    if not clean:
        raise ValueError("a target needs a name")
    with db.write() as session:
        target = session.scalar(
            select(StanceTarget).where(
                StanceTarget.project_id == project_id, StanceTarget.name == clean
            )
        )
        before = None
        if target is None:
            target = StanceTarget(project_id=project_id, name=clean, kind=kind)
            session.add(target)
        else:
            before = {"name": target.name, "aliases": [a.alias for a in target.aliases]}
        known = {a.alias for a in target.aliases}
        for alias in dict.fromkeys([clean, *(a.strip() for a in aliases)]):
            if alias and alias not in known:
                target.aliases.append(TargetAlias(alias=alias))
        session.flush()
        record_event(
            session,
            project_id=project_id,
            action_id=new_action_id(),
            annotator_id=None,
            action="target.create" if before is None else "target.update",
            object_type="stance_target",
            object_id=target.id,
            document_id=None,
            before=before,
            after={"name": target.name, "aliases": [a.alias for a in target.aliases]},
        )


def propose_targets(
    session: Session, project_id: int, limit: int = 10
) -> list[tuple[str, str, int]]:
    """The most frequent PER, ORG and LOC names of the project (not rejected), as (text,
    label, occurrences): candidates for targets, for the user to confirm."""
    text = func.substr(
        Document.text, EntitySpan.start_offset + 1, EntitySpan.end_offset - EntitySpan.start_offset
    )
    rows = session.execute(
        select(text, EntityLabel.name, func.count())
        .select_from(EntitySpan)
        .join(Document, Document.id == EntitySpan.document_id)
        .join(EntityLabel, EntityLabel.id == EntitySpan.label_id)
        .where(
            Document.project_id == project_id,
            EntitySpan.state != AnnotationState.REJECTED,
            EntityLabel.name.in_(["PER", "ORG", "LOC"]),
        )
        .group_by(text, EntityLabel.name)
        .order_by(func.count().desc(), text)
        .limit(limit)
    )
    return [(name, label, count) for name, label, count in rows]


def store_stance_suggestions(
    db: Database,
    project_id: int,
    documents: Sequence[tuple[int, Sequence[SentenceStance]]],
    replaces: Iterable[str],
) -> tuple[int, int, int]:
    """Store the documents' stance suggestions in one transaction; returns (added, kept,
    blocked). ``replaces``: origin names whose open suggestions this run may replace."""
    replaced = set(replaces)
    action_id = new_action_id()
    added = kept = blocked = 0
    with db.write() as session:
        targets = {
            t.name: t.id
            for t in session.scalars(
                select(StanceTarget).where(StanceTarget.project_id == project_id)
            )
        }
        labels = {
            label.name: label.id
            for label in session.scalars(
                select(StanceLabel).where(StanceLabel.project_id == project_id)
            )
        }
        for document_id, suggestions in documents:
            document = session.get(Document, document_id)
            if document is None:
                continue
            rows = list(
                session.scalars(
                    select(StanceAnnotation).where(
                        StanceAnnotation.document_id == document_id,
                        StanceAnnotation.scope == StanceScope.SENTENCE,
                    )
                )
            )
            human = {
                (r.start_offset, r.end_offset, r.target_id)
                for r in rows
                if r.annotator_id is not None
            }
            decided = {r.suggestion_id for r in rows if r.suggestion_id is not None}
            machine = {
                (r.start_offset, r.end_offset, r.target_id): r
                for r in rows
                if r.annotator_id is None
            }
            counts = [0, 0, 0]
            for s in suggestions:
                if s.target not in targets or s.label not in labels:
                    continue
                key = (s.start, s.end, targets[s.target])
                if key in human:
                    counts[2] += 1
                    continue
                old = machine.pop(key, None)
                if old is not None and (old.id in decided or old.origin_name not in replaced):
                    counts[2] += 1  # another suggester's, or decided on: it stays
                    continue
                if old is not None and old.label_id == labels[s.label]:
                    old.confidence, old.explanation = s.confidence, s.explanation
                    old.origin_version = s.origin_version
                    counts[1] += 1
                    continue
                if old is not None:
                    session.delete(old)
                session.add(
                    StanceAnnotation(
                        document_id=document_id,
                        doc_length=document.text_length,
                        start_offset=s.start,
                        end_offset=s.end,
                        scope=StanceScope.SENTENCE,
                        sentence_index=s.sentence_index,
                        target_id=key[2],
                        label_id=labels[s.label],
                        state=AnnotationState.SUGGESTED,
                        origin_kind=OriginKind(s.origin_kind),
                        origin_name=s.origin_name,
                        origin_version=s.origin_version,
                        confidence=s.confidence,
                        explanation=s.explanation,
                        annotator_id=None,
                    )
                )
                counts[0] += 1
            added, kept, blocked = added + counts[0], kept + counts[1], blocked + counts[2]
            record_event(
                session,
                project_id=project_id,
                action_id=action_id,
                annotator_id=None,
                action=SUGGEST_STANCE_ACTION,
                object_type="document",
                object_id=document_id,
                document_id=document_id,
                before=None,
                after={
                    "origins": sorted(replaced),
                    "added": counts[0],
                    "kept": counts[1],
                    "blocked": counts[2],
                },
            )
    return added, kept, blocked


@dataclass(frozen=True)
class AcceptedStance:
    """A sentence label an annotator accepted or edited, with its document."""

    document_id: int
    document_sha256: str
    document_text: str
    language: str | None
    start: int
    end: int
    target: str
    label: str


def accepted_sentence_labels(db: Database, project_id: int) -> list[AcceptedStance]:
    """Every sentence stance label annotators accepted or edited, in document order: what
    stance suggesters are trained on and scored against."""
    with db.read() as session:
        rows = session.execute(
            select(
                Document.id,
                Document.sha256,
                Document.text,
                Document.language,
                StanceAnnotation.start_offset,
                StanceAnnotation.end_offset,
                StanceTarget.name,
                StanceLabel.name,
            )
            .join(StanceAnnotation, StanceAnnotation.document_id == Document.id)
            .join(StanceTarget, StanceTarget.id == StanceAnnotation.target_id)
            .join(StanceLabel, StanceLabel.id == StanceAnnotation.label_id)
            .where(
                Document.project_id == project_id,
                StanceAnnotation.annotator_id.is_not(None),
                StanceAnnotation.scope == StanceScope.SENTENCE,
                StanceAnnotation.state.in_((AnnotationState.ACCEPTED, AnnotationState.EDITED)),
            )
            .order_by(Document.id, StanceAnnotation.start_offset)
        ).all()
    return [AcceptedStance(*row) for row in rows]
