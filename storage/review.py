"""Review: one document's annotators' entity spans and sentence stance labels side by side,
and the reviewer's gold version of them.

The gold version is stored as the rows of a reserved annotator called ``gold`` (origin
``review``, no origin name or version, state accepted), so that nothing has to change in the
schema and everything that reads "an annotator's rows" can read it; every annotator's own rows
stay exactly as they are. A span the reviewer removes from gold is kept as a *rejected* gold
row: training (``nlp.ner_training.gold_annotation``) lets a review's rejection remove the
annotators' span there, while a missing gold row would let theirs through.

Every change is one transaction and one logged action. The events name the *reviewer* as the
actor (``Event.annotator_id``) while the rows belong to ``gold``: the log must say who decided,
and several reviewers can share one gold version. Undo works from the log like everywhere.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.editing import (
    ActionResult,
    AnnotationError,
    Editor,
    check_offsets,
    find_label_id,
    find_target_id,
    label_ids,
    target_ids,
)
from storage.entity_edits import SPAN
from storage.events import Event
from storage.events import snapshot as _snapshot
from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntityLabel,
    EntitySpan,
    OriginKind,
    Project,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
)
from storage.project import get_or_create_annotator
from storage.stance_edits import STANCE

GOLD_ANNOTATOR = "gold"  # reserved: the reviewed version's rows belong to this annotator
DECISIONS = (AnnotationState.ACCEPTED, AnnotationState.EDITED)
ACTION_PREFIX = "review."


class Agreement(enum.StrEnum):
    AGREE = "agree"  # every annotator of the document has this place with the same label
    DIFFER = "differ"  # annotators gave it different labels
    PARTIAL = "partial"  # the same label, but not every annotator has it


@dataclass(frozen=True)
class LabelChoice:
    """A label the reviewer can pick: name, colour and its one-key shortcut."""

    name: str
    colour: str
    shortcut: str | None


@dataclass(frozen=True)
class ReviewItem:
    """One place of the comparison: an entity span (``start``–``end``) or a sentence and
    target; the annotators' labels there (name -> label) and the gold label."""

    start: int
    end: int
    text: str
    labels: dict[str, str]
    annotators: tuple[str, ...]  # everybody compared in the document, for the status
    gold: str | None = None  # the gold label (accepted row), None when gold has none
    gold_removed: bool = False  # gold says "no label here" (a rejected gold row)
    target: str | None = None  # stance items only
    sentence_index: int | None = None

    @property
    def status(self) -> Agreement:
        if len(set(self.labels.values())) > 1:
            return Agreement.DIFFER
        if set(self.labels) >= set(self.annotators):
            return Agreement.AGREE
        return Agreement.PARTIAL

    @property
    def majority(self) -> str | None:
        """The label most annotators gave (ties: the first by name); None for no label."""
        if not self.labels:
            return None
        counts = Counter(self.labels.values())
        best = max(counts.values())
        return min(label for label, n in counts.items() if n == best)

    def who(self, label: str) -> list[str]:
        """The annotators who gave ``label`` here, by name."""
        return sorted(name for name, given in self.labels.items() if given == label)


@dataclass
class ReviewView:
    """One document for review: who is compared, and the aligned entity and stance items."""

    document_id: int
    title: str
    text: str
    annotators: list[str]
    entities: list[ReviewItem] = field(default_factory=list)
    stance: list[ReviewItem] = field(default_factory=list)
    entity_labels: list[LabelChoice] = field(default_factory=list)
    stance_labels: list[LabelChoice] = field(default_factory=list)


def review_view(session: Session, project_id: int, document_id: int) -> ReviewView:
    """The comparison of ``document_id``: every annotator who decided something in it (or
    marked it done) except ``gold``; per entity place and per sentence/target, who gave which
    label, and the current gold label."""
    document = session.get(Document, document_id)
    if document is None or document.project_id != project_id:
        raise AnnotationError(f"no document {document_id} in this project")
    names = dict(session.execute(select(Annotator.id, Annotator.name)).all())
    spans = session.scalars(
        select(EntitySpan)
        .where(EntitySpan.document_id == document_id, EntitySpan.annotator_id.is_not(None))
        .order_by(EntitySpan.start_offset, EntitySpan.end_offset, EntitySpan.id)
    ).all()
    stance = session.scalars(
        select(StanceAnnotation)
        .where(
            StanceAnnotation.document_id == document_id,
            StanceAnnotation.annotator_id.is_not(None),
            StanceAnnotation.scope == StanceScope.SENTENCE,
        )
        .order_by(StanceAnnotation.start_offset, StanceAnnotation.id)
    ).all()
    done = session.scalars(
        select(DocumentStatus.annotator_id).where(
            DocumentStatus.document_id == document_id,
            DocumentStatus.status == DocumentStatusValue.DONE,
        )
    ).all()
    people = {names[r.annotator_id] for r in [*spans, *stance] if r.state in DECISIONS}
    # Marking a document done with no span there says "no entity here": that person counts.
    people |= {names[a] for a in done}
    people.discard(GOLD_ANNOTATOR)
    annotators = sorted(people)
    text = document.text
    return ReviewView(
        document_id=document.id,
        title=document.title or document.source or f"#{document.id}",
        text=text,
        annotators=annotators,
        entities=_entity_items(spans, names, annotators, text),
        stance=_stance_items(stance, names, annotators, text),
        entity_labels=_choices(session, EntityLabel, project_id),
        stance_labels=_choices(session, StanceLabel, project_id),
    )


def _entity_items(
    spans: Sequence[EntitySpan], names: dict[int, str], annotators: list[str], text: str
) -> list[ReviewItem]:
    labels: dict[tuple[int, int], dict[str, str]] = {}
    gold: dict[tuple[int, int], EntitySpan] = {}
    for span in spans:
        place = (span.start_offset, span.end_offset)
        who = names[span.annotator_id]
        if who == GOLD_ANNOTATOR:
            # An accepted gold row wins over a rejected one at the same place.
            if place not in gold or gold[place].state == AnnotationState.REJECTED:
                gold[place] = span
        elif span.state in DECISIONS:
            given = labels.setdefault(place, {})
            # Two labels of one person at one place (overlaps allowed): both, as one label.
            given[who] = "+".join(sorted({*given.get(who, "").split("+"), span.label.name} - {""}))
    items = []
    for start, end in sorted(set(labels) | set(gold)):
        row = gold.get((start, end))
        accepted = row is not None and row.state != AnnotationState.REJECTED
        items.append(
            ReviewItem(
                start,
                end,
                text[start:end],
                labels.get((start, end), {}),
                tuple(annotators),
                gold=row.label.name if accepted and row is not None else None,
                gold_removed=row is not None and not accepted,
            )
        )
    return items


def _stance_items(
    rows: Sequence[StanceAnnotation], names: dict[int, str], annotators: list[str], text: str
) -> list[ReviewItem]:
    labels: dict[tuple[int, int, str], dict[str, str]] = {}
    gold: dict[tuple[int, int, str], StanceAnnotation] = {}
    index: dict[tuple[int, int, str], int | None] = {}
    for row in rows:
        place = (row.start_offset, row.end_offset, row.target.name)
        index.setdefault(place, row.sentence_index)
        who = names[row.annotator_id]
        if who == GOLD_ANNOTATOR:
            if place not in gold or gold[place].state == AnnotationState.REJECTED:
                gold[place] = row
        elif row.state in DECISIONS:
            labels.setdefault(place, {})[who] = row.label.name
    items = []
    for start, end, target in sorted(set(labels) | set(gold)):
        row = gold.get((start, end, target))
        accepted = row is not None and row.state != AnnotationState.REJECTED
        items.append(
            ReviewItem(
                start,
                end,
                text[start:end],
                labels.get((start, end, target), {}),
                tuple(annotators),
                gold=row.label.name if accepted and row is not None else None,
                gold_removed=row is not None and not accepted,
                target=target,
                sentence_index=index[start, end, target],
            )
        )
    return items


def _choices(
    session: Session, model: type[EntityLabel] | type[StanceLabel], project_id: int
) -> list[LabelChoice]:
    rows = session.scalars(
        select(model).where(model.project_id == project_id).order_by(model.position, model.name)
    )
    return [LabelChoice(r.name, r.colour, r.shortcut) for r in rows]


def gold_annotator_id(session: Session) -> int:
    """The id of the reserved ``gold`` annotator, created on first use."""
    return get_or_create_annotator(session, GOLD_ANNOTATOR).id


class ReviewEditor(Editor):
    """The reviewer's changes to one project's gold version; each call is one committed,
    logged, undoable action. No annotator's own rows are ever touched. Entity changes
    bring the project memory up to date, stance changes have nothing to tell it."""

    UNDOES = (SPAN, STANCE)
    REFRESHES_MEMORY = True

    def __init__(self, db: Database, project_id: int, reviewer_annotator_id: int) -> None:
        super().__init__(db, project_id, reviewer_annotator_id)

    @property
    def reviewer_id(self) -> int:
        return self.actor_id

    # -- entity spans ----------------------------------------------------------------------

    def pick_entity(self, document_id: int, start: int, end: int, label: str) -> ActionResult:
        """Gold gets the span ``start``–``end`` with ``label``; gold spans it overlaps are
        removed (unless the project allows overlapping spans): picking one version of a
        name replaces the others."""
        with self._action() as (session, action_id):
            document, gold_id, reviewer = self._begin(session, document_id)
            check_offsets(document, start, end)
            label_id = find_label_id(session, EntityLabel, self.project_id, label)
            ids = self._pick_entity(
                session, action_id, document, gold_id, reviewer, start, end, label_id
            )
            return ActionResult(action_id, ids)

    def remove_entity(self, document_id: int, start: int, end: int) -> ActionResult:
        """Gold says "no entity at ``start``–``end``": its row there becomes rejected (one is
        made when gold had none, with the annotators' majority label, so training drops
        theirs). Removing twice changes nothing."""
        with self._action() as (session, action_id):
            document, gold_id, reviewer = self._begin(session, document_id)
            check_offsets(document, start, end)
            rows = self._gold_spans(session, document_id, gold_id, start, end)
            changed: list[int] = []
            for row in rows:
                if row.state != AnnotationState.REJECTED:
                    before = _snapshot(row)
                    row.state = AnnotationState.REJECTED
                    row.origin_detail = _detail(reviewer, [], removed=True)
                    session.flush()
                    self._log_gold(session, action_id, "review.remove_entity", row, before)
                    changed.append(row.id)
            if not rows:
                theirs = _annotator_spans(session, document_id, gold_id, start, end)
                if theirs:
                    votes = Counter(s.label_id for s in theirs)
                    label_id = votes.most_common(1)[0][0]
                    row = self._new_span(
                        session, document, gold_id, start, end, label_id, reviewer, []
                    )
                    row.state = AnnotationState.REJECTED
                    row.origin_detail = _detail(reviewer, [], removed=True)
                    session.flush()
                    self._log_gold(session, action_id, "review.remove_entity", row, None)
                    changed.append(row.id)
            return ActionResult(action_id, changed)

    def accept_all_agreed(self, document_id: int) -> ActionResult:
        """Copy into gold every entity span and sentence stance label all annotators of the
        document agree on (and gold does not have yet), as one action. Places where gold
        already says something are left alone: the reviewer decided there."""
        with self._action() as (session, action_id):
            document, gold_id, reviewer = self._begin(session, document_id)
            view = review_view(session, self.project_id, document_id)
            ids: list[int] = []
            entity_labels = label_ids(session, EntityLabel, self.project_id)
            stance_labels = label_ids(session, StanceLabel, self.project_id)
            targets = target_ids(session, self.project_id)
            for item in view.entities:
                if item.status != Agreement.AGREE or item.gold or item.gold_removed:
                    continue
                label = item.labels[view.annotators[0]]
                if label not in entity_labels:
                    continue  # two labels of one person at one place: the reviewer decides
                ids += self._pick_entity(
                    session,
                    action_id,
                    document,
                    gold_id,
                    reviewer,
                    item.start,
                    item.end,
                    entity_labels[label],
                    replace_overlaps=False,
                )
            for item in view.stance:
                if item.status != Agreement.AGREE or item.gold or item.gold_removed:
                    continue
                label = item.labels[view.annotators[0]]
                assert item.target is not None
                ids.append(
                    self._pick_stance(
                        session,
                        action_id,
                        document,
                        gold_id,
                        reviewer,
                        (item.start, item.end, item.sentence_index),
                        targets[item.target],
                        stance_labels[label],
                    )
                )
            return ActionResult(action_id, ids)

    # -- stance ----------------------------------------------------------------------------

    def pick_stance(
        self, document_id: int, sentence_index: int, target: int | str, label: str
    ) -> ActionResult:
        """Gold's label for sentence ``sentence_index`` toward ``target`` (its id or name):
        the sentence's offsets are taken from the annotators' rows there."""
        with self._action(refresh_memory=False) as (session, action_id):
            document, gold_id, reviewer = self._begin(session, document_id)
            target_id = find_target_id(session, self.project_id, target)
            label_id = find_label_id(session, StanceLabel, self.project_id, label)
            sentence = self._sentence(session, document_id, sentence_index, target_id)
            row_id = self._pick_stance(
                session, action_id, document, gold_id, reviewer, sentence, target_id, label_id
            )
            return ActionResult(action_id, [row_id])

    def remove_stance(
        self, document_id: int, sentence_index: int, target: int | str
    ) -> ActionResult:
        """Gold has no stance label for the sentence and target: its row there is rejected
        (kept, so it says the reviewer decided)."""
        with self._action(refresh_memory=False) as (session, action_id):
            _document, gold_id, reviewer = self._begin(session, document_id)
            target_id = find_target_id(session, self.project_id, target)
            rows = session.scalars(
                select(StanceAnnotation).where(
                    StanceAnnotation.document_id == document_id,
                    StanceAnnotation.annotator_id == gold_id,
                    StanceAnnotation.scope == StanceScope.SENTENCE,
                    StanceAnnotation.sentence_index == sentence_index,
                    StanceAnnotation.target_id == target_id,
                    StanceAnnotation.state != AnnotationState.REJECTED,
                )
            ).all()
            for row in rows:
                before = _snapshot(row)
                row.state = AnnotationState.REJECTED
                row.origin_detail = _detail(reviewer, [], removed=True)
                session.flush()
                self._log_gold(session, action_id, "review.remove_stance", row, before)
            return ActionResult(action_id, [r.id for r in rows])

    # -- undo ------------------------------------------------------------------------------

    def _refuse_undo(self, action_id: str, events: list[Event]) -> None:
        """Only review actions (entity and stance alike) are undone here."""
        super()._refuse_undo(action_id, [e for e in events if e.object_type in self.UNDOES])
        if any(not _is_review(e.action) for e in events if e.object_type in self.UNDOES):
            raise AnnotationError(f"action {action_id} is no review action")

    # -- helpers ---------------------------------------------------------------------------

    def _begin(self, session: Session, document_id: int) -> tuple[Document, int, str]:
        document = self._document(session, document_id)
        gold_id = gold_annotator_id(session)
        if self.reviewer_id == gold_id:
            raise AnnotationError(f"“{GOLD_ANNOTATOR}” is reserved and cannot review")
        reviewer = session.get(Annotator, self.reviewer_id)
        if reviewer is None:
            raise AnnotationError(f"no annotator {self.reviewer_id}")
        return document, gold_id, reviewer.name

    def _pick_entity(
        self,
        session: Session,
        action_id: str,
        document: Document,
        gold_id: int,
        reviewer: str,
        start: int,
        end: int,
        label_id: int,
        replace_overlaps: bool = True,
    ) -> list[int]:
        changed: list[int] = []
        project = session.get(Project, self.project_id)
        overlapping_allowed = bool(project and project.settings.get("allow_overlapping_spans"))
        if replace_overlaps and not overlapping_allowed:
            for other in _gold_overlapping(session, document.id, gold_id, start, end):
                before = _snapshot(other)
                other.state = AnnotationState.REJECTED
                other.origin_detail = _detail(reviewer, [], removed=True)
                session.flush()
                self._log_gold(session, action_id, "review.remove_entity", other, before)
                changed.append(other.id)
        picked = sorted(
            {
                name
                for s in _annotator_spans(session, document.id, gold_id, start, end)
                if s.label_id == label_id
                for name in [_name(session, s.annotator_id)]
            }
        )
        rows = self._gold_spans(session, document.id, gold_id, start, end)
        row = next((r for r in rows if r.label_id == label_id), rows[0] if rows else None)
        if row is None:
            row = self._new_span(session, document, gold_id, start, end, label_id, reviewer, picked)
            self._log_gold(session, action_id, "review.pick_entity", row, None)
        else:
            before = _snapshot(row)
            row.label_id = label_id
            row.state = AnnotationState.ACCEPTED
            row.origin_detail = _detail(reviewer, picked)
            session.flush()
            session.refresh(row)
            self._log_gold(session, action_id, "review.pick_entity", row, before)
        changed.append(row.id)
        return changed

    def _new_span(
        self,
        session: Session,
        document: Document,
        gold_id: int,
        start: int,
        end: int,
        label_id: int,
        reviewer: str,
        picked: list[str],
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
            origin_detail=_detail(reviewer, picked),
            annotator_id=gold_id,
        )
        session.add(row)
        session.flush()
        session.refresh(row)
        return row

    def _pick_stance(
        self,
        session: Session,
        action_id: str,
        document: Document,
        gold_id: int,
        reviewer: str,
        sentence: tuple[int, int, int | None],
        target_id: int,
        label_id: int,
    ) -> int:
        start, end, sentence_index = sentence
        place = (
            StanceAnnotation.document_id == document.id,
            StanceAnnotation.scope == StanceScope.SENTENCE,
            StanceAnnotation.start_offset == start,
            StanceAnnotation.end_offset == end,
            StanceAnnotation.target_id == target_id,
        )
        theirs = session.scalars(
            select(StanceAnnotation).where(
                *place,
                StanceAnnotation.annotator_id.is_not(None),
                StanceAnnotation.annotator_id != gold_id,
                StanceAnnotation.state.in_(DECISIONS),
                StanceAnnotation.label_id == label_id,
            )
        ).all()
        picked = sorted({_name(session, r.annotator_id) for r in theirs})
        row = session.scalars(
            select(StanceAnnotation)
            .where(*place, StanceAnnotation.annotator_id == gold_id)
            .order_by(StanceAnnotation.id)
        ).first()
        if row is None:
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
                origin_detail=_detail(reviewer, picked),
                annotator_id=gold_id,
            )
            session.add(row)
            session.flush()
            session.refresh(row)
            self._log_gold(session, action_id, "review.pick_stance", row, None)
        else:
            before = _snapshot(row)
            row.label_id = label_id
            row.state = AnnotationState.ACCEPTED
            row.origin_detail = _detail(reviewer, picked)
            session.flush()
            session.refresh(row)
            self._log_gold(session, action_id, "review.pick_stance", row, before)
        return row.id

    def _gold_spans(
        self, session: Session, document_id: int, gold_id: int, start: int, end: int
    ) -> list[EntitySpan]:
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

    def _sentence(
        self, session: Session, document_id: int, sentence_index: int, target_id: int
    ) -> tuple[int, int, int | None]:
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
            raise AnnotationError(f"nobody labelled sentence {sentence_index} of this document")
        return row.start_offset, row.end_offset, row.sentence_index

    def _log_gold(
        self, session: Session, action_id: str, action: str, row: Any, before: dict | None
    ) -> None:
        # The reviewer is logged as who decided; the row itself is gold's.
        object_type = SPAN if isinstance(row, EntitySpan) else STANCE
        self._log(session, action_id, action, row, before, _snapshot(row), object_type)


def _is_review(action: str) -> bool:
    return action.removeprefix("undo:").startswith(ACTION_PREFIX)


def _detail(reviewer: str, picked: Iterable[str], removed: bool = False) -> str:
    """What ``origin_detail`` says: who reviewed, and whose version gold took."""
    if removed:
        return f"reviewer: {reviewer}; removed"
    names = ", ".join(picked)
    return f"reviewer: {reviewer}; picked: {names}" if names else f"reviewer: {reviewer}; own"


def _name(session: Session, annotator_id: int | None) -> str:
    annotator = session.get(Annotator, annotator_id) if annotator_id is not None else None
    return annotator.name if annotator is not None else ""


def _annotator_spans(
    session: Session, document_id: int, gold_id: int, start: int, end: int
) -> list[EntitySpan]:
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


def _gold_overlapping(
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
