"""Stance targets of a project (listed, added, proposed; changing and removing them is
``storage.stance.target_edits``), stance suggestions stored without touching decisions, and the
sentence labels annotators accepted.

A sentence has at most one open machine suggestion per target: a new run replaces it (unless
an annotator decided on it) and never suggests where an annotator already labelled that
sentence for that target. Every change is logged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from storage.database import Database
from storage.editing import label_ids, target_ids
from storage.events import new_action_id, record_event
from storage.models import (
    AnnotationState,
    Document,
    EntityLabel,
    EntitySpan,
    Event,
    OriginKind,
    StanceActor,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
    TargetAlias,
)
from storage.stance.holder_names import AUTHOR, HolderNames
from storage.stance.target_edits import find_target
from storage.suggestion_merge import MergeCounts, SuggestionMerge, log_run

SUGGEST_STANCE_ACTION = "suggest.stance"
TARGET_KINDS = ("country", "organisation", "person", "other")
# What kind of target a proposed name becomes, by its entity label.
KIND_OF_LABEL = {"LOC": "country", "ORG": "organisation", "PER": "person"}


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
    # Who holds it (None: the author; an actor's name, or the words that name someone) and
    # where the text names them, and the words that carry the stance: document offsets.
    holder: str | None = None
    holder_start: int | None = None
    holder_end: int | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None


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
    add_targets(db, project_id, [(name, aliases, kind)])


def add_targets(
    db: Database, project_id: int, targets: Iterable[tuple[str, Iterable[str], str]]
) -> None:
    """Add several targets, each as ``(name, aliases, kind)``, in one transaction logged as
    one action (e.g. the proposals a user checked); a name that is a target already gets
    the aliases added. Raises ``ValueError`` (and adds nothing) when a name is empty."""
    wanted = [(name.strip(), aliases, kind) for name, aliases, kind in targets]
    if any(not name for name, _, _ in wanted):
        raise ValueError("a target needs a name")
    action_id = new_action_id()
    with db.write() as session:
        for name, aliases, kind in wanted:
            _add_target(session, project_id, name, aliases, kind, action_id)


def _add_target(
    session: Session,
    project_id: int,
    clean: str,
    aliases: Iterable[str],
    kind: str,
    action_id: str,
) -> None:
    target = find_target(session, project_id, clean)
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
            known.add(alias)
    session.flush()
    record_event(
        session,
        project_id=project_id,
        action_id=action_id,
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
    rows = session.execute(_proposals(project_id)[0].limit(limit))
    return [(name, label, count) for name, label, count in rows]


def new_target_proposals(
    session: Session, project_id: int, limit: int = 15
) -> list[tuple[str, str, int]]:
    """Like ``propose_targets``, without the names that are a target already or an alias
    of one (compared as written, case and all)."""
    query, text = _proposals(project_id)
    taken = (
        select(TargetAlias.alias)
        .join(StanceTarget, StanceTarget.id == TargetAlias.target_id)
        .where(StanceTarget.project_id == project_id)
        .union(select(StanceTarget.name).where(StanceTarget.project_id == project_id))
    )
    rows = session.execute(query.where(text.not_in(taken)).limit(limit))
    return [(name, label, count) for name, label, count in rows]


def _proposals(project_id: int) -> tuple[Select[str, str, int], ColumnElement[str]]:
    """The query of frequent names, most frequent first, and its name column."""
    text = func.substr(
        Document.text, EntitySpan.start_offset + 1, EntitySpan.end_offset - EntitySpan.start_offset
    )
    query = (
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
    )
    return query, text


class StanceCounts(NamedTuple):
    """What storing stance suggestions did, over all documents of the call."""

    added: int
    kept: int
    blocked: int  # not stored: an annotator labelled there, or it was decided or not ours


def store_stance_suggestions(
    db: Database,
    project_id: int,
    documents: Sequence[tuple[int, Sequence[SentenceStance]]],
    replaces: Iterable[str],
) -> StanceCounts:
    """Store the documents' stance suggestions in one transaction; returns (added, kept,
    blocked). ``replaces``: origin names whose open suggestions this run may replace."""
    replaced = set(replaces)
    action_id = new_action_id()
    merged: list[MergeCounts] = []
    with db.write() as session:
        merge = _StanceMerge(session, replaced, project_id)
        for document_id, suggestions in documents:
            document = session.get(Document, document_id)
            if document is None:
                continue
            merge.document = document
            rows = session.scalars(
                select(StanceAnnotation).where(
                    StanceAnnotation.document_id == document_id,
                    StanceAnnotation.scope == StanceScope.SENTENCE,
                )
            )
            counts = merge.merge(list(rows), suggestions)
            action = SUGGEST_STANCE_ACTION
            log_run(session, project_id, action_id, action, document_id, replaced, counts, _LOGGED)
            merged.append(counts)
    return StanceCounts(*(sum(getattr(c, name) for c in merged) for name in _LOGGED))


_LOGGED = ("added", "kept", "blocked")  # what a stance run counts (it withdraws nothing)


class _StanceMerge(SuggestionMerge[StanceAnnotation, SentenceStance]):
    """Sentence stance sits at a sentence's offsets and target, one open suggestion per
    place: a new label replaces this run's undecided suggestion there."""

    GUARDS_OTHERS = True
    ONE_ANSWER_PER_ROW = True

    def __init__(self, session: Session, replaced: set[str], project_id: int) -> None:
        super().__init__(session, replaced)
        self.targets = target_ids(session, project_id)
        self.labels = label_ids(session, StanceLabel, project_id)
        self.actors = {
            name: actor_id
            for actor_id, name in session.execute(
                select(StanceActor.id, StanceActor.name).where(StanceActor.project_id == project_id)
            )
        }
        self.document: Document | None = None  # the document being merged

    def place(self, suggestion: SentenceStance) -> tuple[int, int, int] | None:
        if suggestion.target not in self.targets or suggestion.label not in self.labels:
            return None
        return (suggestion.start, suggestion.end, self.targets[suggestion.target])

    def row_place(self, row: StanceAnnotation) -> tuple[int, int, int]:
        return (row.start_offset, row.end_offset, row.target_id)

    def same(self, row: StanceAnnotation, suggestion: SentenceStance) -> bool:
        return row.label_id == self.labels[suggestion.label]

    def refresh(self, row: StanceAnnotation, suggestion: SentenceStance) -> None:
        row.confidence, row.explanation = suggestion.confidence, suggestion.explanation
        for column, value in self._holder(suggestion).items():
            setattr(row, column, value)
        # Kept where it is, but now the other suggester's (after a switch).
        row.origin_kind = OriginKind(suggestion.origin_kind)
        row.origin_name, row.origin_version = suggestion.origin_name, suggestion.origin_version

    def new_row(self, suggestion: SentenceStance) -> StanceAnnotation:
        assert self.document is not None
        return StanceAnnotation(
            document_id=self.document.id,
            doc_length=self.document.text_length,
            start_offset=suggestion.start,
            end_offset=suggestion.end,
            scope=StanceScope.SENTENCE,
            sentence_index=suggestion.sentence_index,
            target_id=self.targets[suggestion.target],
            label_id=self.labels[suggestion.label],
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind(suggestion.origin_kind),
            origin_name=suggestion.origin_name,
            origin_version=suggestion.origin_version,
            confidence=suggestion.confidence,
            explanation=suggestion.explanation,
            annotator_id=None,
            **self._holder(suggestion),
        )

    def _holder(self, suggestion: SentenceStance) -> dict[str, int | None]:
        """The holder and evidence columns of a suggestion; a stretch outside the text (a
        suggester's slip) is left out rather than refused with the whole batch."""
        assert self.document is not None
        length = self.document.text_length
        actor = self.actors.get(suggestion.holder) if suggestion.holder else None
        holder = _stretch(suggestion.holder_start, suggestion.holder_end, length)
        evidence = _stretch(suggestion.evidence_start, suggestion.evidence_end, length)
        return {
            "holder_actor_id": actor,
            "holder_start": holder[0],
            "holder_end": holder[1],
            "evidence_start": evidence[0],
            "evidence_end": evidence[1],
        }


def _stretch(start: int | None, end: int | None, length: int) -> tuple[int | None, int | None]:
    if start is None or end is None or not 0 <= start < end <= length:
        return None, None
    return start, end


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
    holder: str = AUTHOR  # its holder's name (``holder_names``)


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
                StanceAnnotation.origin_kind,
                StanceAnnotation.holder_actor_id,
                StanceAnnotation.holder_start,
                StanceAnnotation.holder_end,
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
        names = HolderNames(session, project_id)
    # Where a review settled a sentence's stance toward a target, its gold label is the one
    # label there; the annotators' own stay theirs but do not count twice.
    reviewed = {(r[0], r[4], r[6]) for r in rows if r[8] == OriginKind.REVIEW}
    return [
        AcceptedStance(*row[:8], holder=_holder(names, row[2], row[9], row[10], row[11]))
        for row in rows
        if row[8] == OriginKind.REVIEW or (row[0], row[4], row[6]) not in reviewed
    ]


def _holder(
    names: HolderNames, text: str, actor: int | None, start: int | None, end: int | None
) -> str:
    words = text[start:end] if start is not None and end is not None else None
    return names.name(actor, words)


def accepted_label_counts(session: Session, project_id: int) -> Counter[str]:
    """How many sentence stance labels annotators accepted or edited, by label: what decides
    whether there is enough to train on (cheaper than reading them)."""
    rows = session.execute(
        select(StanceLabel.name, func.count())
        .select_from(StanceAnnotation)
        .join(Document, Document.id == StanceAnnotation.document_id)
        .join(StanceLabel, StanceLabel.id == StanceAnnotation.label_id)
        .where(
            Document.project_id == project_id,
            StanceAnnotation.annotator_id.is_not(None),
            StanceAnnotation.scope == StanceScope.SENTENCE,
            StanceAnnotation.state.in_((AnnotationState.ACCEPTED, AnnotationState.EDITED)),
        )
        .group_by(StanceLabel.name)
    )
    return Counter({name: count for name, count in rows})


def targets_changed_at(session: Session, project_id: int) -> datetime | None:
    """When the project's targets last changed (added, edited, removed), from the event log:
    stance suggested for a document before then may miss a target."""
    return session.scalar(
        select(func.max(Event.at)).where(
            # Target events belong to no document: the document index finds them at once.
            Event.document_id.is_(None),
            Event.project_id == project_id,
            Event.object_type == "stance_target",
        )
    )
