"""Stance targets of a project, and stance suggestions stored without touching decisions.

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

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from errors import UserError
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
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
    TargetAlias,
)
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
    target = _find_target(session, project_id, clean)
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


def _find_target(session: Session, project_id: int, name: str) -> StanceTarget | None:
    return session.scalar(
        select(StanceTarget).where(StanceTarget.project_id == project_id, StanceTarget.name == name)
    )


def _described(target: StanceTarget) -> dict[str, object]:
    """A target as the event log records it."""
    return {
        "name": target.name,
        "aliases": [a.alias for a in target.aliases],
        "kind": target.kind,
    }


def clean_aliases(name: str, aliases: Iterable[str]) -> list[str]:
    """The alias list a target ``name`` gets: the name first, then ``aliases`` stripped,
    without blanks and repeats. Raises ``ValueError`` for an alias that is only ``*`` (a
    prefix of every word)."""
    words = [name.strip(), *(a.strip() for a in aliases)]
    if any(word.rstrip("*") == "" and word for word in words):
        raise ValueError(f"the target {name.strip()!r} has an alias that is only '*'")
    return [word for word in dict.fromkeys(words) if word]


def update_target(
    db: Database,
    project_id: int,
    name: str,
    new_name: str,
    aliases: Iterable[str],
    kind: str | None = None,
) -> None:
    """Rename target ``name`` to ``new_name``, replace its aliases with ``aliases`` (the new
    name is always one of them) and, unless ``kind`` is None, set its kind: one transaction,
    logged as one "target.update" event with the target before and after.

    Raises ``ValueError`` naming the target when the new name is empty, another target has
    it, or there is no target ``name``; then nothing changes."""
    clean = new_name.strip()
    if not clean:
        raise ValueError(f"the target {name!r} needs a name")
    wanted = clean_aliases(clean, aliases)
    with db.write() as session:
        target = _find_target(session, project_id, name)
        if target is None:
            raise ValueError(f"there is no target {name!r}")
        if clean != name and _find_target(session, project_id, clean) is not None:
            raise ValueError(f"cannot rename {name!r} to {clean!r}: that target exists already")
        before = _described(target)
        target.name = clean
        if kind is not None:
            target.kind = kind
        for alias in [a for a in target.aliases if a.alias not in wanted]:
            target.aliases.remove(alias)  # delete-orphan: the row goes
        known = {a.alias for a in target.aliases}
        target.aliases.extend(TargetAlias(alias=a) for a in wanted if a not in known)
        session.flush()
        session.refresh(target, ["aliases"])  # in alias order, as it is read back
        record_event(
            session,
            project_id=project_id,
            action_id=new_action_id(),
            annotator_id=None,
            action="target.update",
            object_type="stance_target",
            object_id=target.id,
            document_id=None,
            before=before,
            after=_described(target),
        )


class TargetInUseError(UserError, ValueError):
    """A target annotators labelled stance toward cannot be removed: their work stays."""

    def __init__(self, name: str, labels: int) -> None:
        super().__init__(
            f"cannot remove the target {name!r}: annotators made {labels} stance "
            f"label{'s' if labels != 1 else ''} for it"
        )
        self.name = name
        self.labels = labels


def remove_target(db: Database, project_id: int, name: str) -> int:
    """Delete target ``name``, its aliases and its open machine stance suggestions (those no
    annotator decided on) in one transaction, logged as one "target.delete" event; returns
    how many suggestions went.

    Raises ``TargetInUseError`` (a ``ValueError``) when annotators labelled stance toward
    it, or decided on one of its suggestions, and ``ValueError`` when there is no such
    target; then nothing changes."""
    with db.write() as session:
        target = _find_target(session, project_id, name)
        if target is None:
            raise ValueError(f"there is no target {name!r}")
        machine = select(StanceAnnotation.id).where(
            StanceAnnotation.target_id == target.id, StanceAnnotation.annotator_id.is_(None)
        )
        # Annotators' rows toward it, and those that decided on one of its suggestions (an
        # annotator may have changed the target): deleting the suggestion would cut that link.
        labels = session.scalar(
            select(func.count()).where(
                StanceAnnotation.annotator_id.is_not(None),
                (StanceAnnotation.target_id == target.id)
                | StanceAnnotation.suggestion_id.in_(machine),
            )
        )
        if labels:
            raise TargetInUseError(name, labels)
        before = _described(target)
        removed = session.execute(
            delete(StanceAnnotation).where(StanceAnnotation.id.in_(machine))
        ).rowcount
        before["suggestions_removed"] = removed
        target_id = target.id
        session.delete(target)  # its aliases go with it (delete-orphan)
        record_event(
            session,
            project_id=project_id,
            action_id=new_action_id(),
            annotator_id=None,
            action="target.delete",
            object_type="stance_target",
            object_id=target_id,
            document_id=None,
            before=before,
            after=None,
        )
    return removed


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


def _proposals(project_id: int) -> tuple[Select[tuple[str, str, int]], ColumnElement[str]]:
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
        )


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
                StanceAnnotation.origin_kind,
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
    # Where a review settled a sentence's stance toward a target, its gold label is the one
    # label there; the annotators' own stay theirs but do not count twice.
    reviewed = {(r[0], r[4], r[6]) for r in rows if r[8] == OriginKind.REVIEW}
    return [
        AcceptedStance(*row[:8])
        for row in rows
        if row[8] == OriginKind.REVIEW or (row[0], row[4], row[6]) not in reviewed
    ]


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
