"""The reviewer's gold version: each change is one transaction and one logged action on the
rows of the reserved ``gold`` annotator (``storage.review.comparison``).

A span the reviewer removes from gold is kept as a *rejected* gold row: training
(``nlp.ner_training.gold_annotation``) lets a review's rejection remove the annotators' span
there, while a missing gold row would let theirs through. The events name the *reviewer* as
the actor (``Event.annotator_id``) while the rows belong to ``gold``: the log must say who
decided, and several reviewers can share one gold version. Undo works from the log like
everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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
    EntityLabel,
    EntitySpan,
    Project,
    StanceAnnotation,
    StanceLabel,
)
from storage.review.comparison import (
    GOLD_ANNOTATOR,
    Agreement,
    ReviewItem,
    gold_annotator_id,
    review_view,
)
from storage.review.gold_rows import (
    Sentence,
    annotator_holder,
    annotator_name,
    annotator_spans,
    detail,
    gold_overlapping,
    gold_spans,
    gold_stance,
    gold_stance_rows,
    new_gold_span,
    new_gold_stance,
    picked_holder,
    sentence_of,
    stance_pickers,
)
from storage.stance.edits import STANCE

ACTION_PREFIX = "review."
GoldRow = EntitySpan | StanceAnnotation


@dataclass(frozen=True)
class _Review:
    """One review action under way: its session and id, the document, gold and reviewer."""

    session: Session
    action_id: str
    document: Document
    gold_id: int
    reviewer: str  # the reviewer's name, for the gold rows' origin detail


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
        with self._review(document_id) as review:
            check_offsets(review.document, start, end)
            label_id = find_label_id(review.session, EntityLabel, self.project_id, label)
            return ActionResult(review.action_id, self._pick_entity(review, start, end, label_id))

    def remove_entity(self, document_id: int, start: int, end: int) -> ActionResult:
        """Gold says "no entity at ``start``–``end``": its row there becomes rejected (one is
        made when gold had none, with the annotators' majority label, so training drops
        theirs). Removing twice changes nothing."""
        with self._review(document_id) as review:
            session, gold_id = review.session, review.gold_id
            check_offsets(review.document, start, end)
            rows = gold_spans(session, document_id, gold_id, start, end)
            changed: list[int] = []
            for row in rows:
                if row.state != AnnotationState.REJECTED:
                    self._reject(review, "review.remove_entity", row, _snapshot(row))
                    changed.append(row.id)
            theirs = [] if rows else annotator_spans(session, document_id, gold_id, start, end)
            if theirs:
                label_id = Counter(s.label_id for s in theirs).most_common(1)[0][0]
                own = detail(review.reviewer, [])
                row = new_gold_span(session, review.document, gold_id, start, end, label_id, own)
                self._reject(review, "review.remove_entity", row, None)
                changed.append(row.id)
            return ActionResult(review.action_id, changed)

    def accept_all_agreed(self, document_id: int) -> ActionResult:
        """Copy into gold every entity span and sentence stance label all annotators of the
        document agree on (and gold does not have yet), as one action. Places where gold
        already says something are left alone: the reviewer decided there; so are sided
        labels whose holders differ (``Agreement.DIFFER``): whose stance it is, is a decision."""
        with self._review(document_id) as review:
            session = review.session
            view = review_view(session, self.project_id, document_id)
            ids: list[int] = []
            entity_labels = label_ids(session, EntityLabel, self.project_id)
            stance_labels = label_ids(session, StanceLabel, self.project_id)
            targets = target_ids(session, self.project_id)
            for item in _agreed(view.entities):
                label = item.labels[view.annotators[0]]
                if label not in entity_labels:
                    continue  # two labels of one person at one place: the reviewer decides
                label_id = entity_labels[label]
                ids += self._pick_entity(review, item.start, item.end, label_id, False)
            for item in _agreed(view.stance):
                label = item.labels[view.annotators[0]]
                assert item.target is not None
                sentence = (item.start, item.end, item.sentence_index)
                target_id, label_id = targets[item.target], stance_labels[label]
                ids.append(self._pick_stance(review, sentence, target_id, label_id))
            return ActionResult(review.action_id, ids)

    # -- stance ----------------------------------------------------------------------------

    def pick_stance(
        self,
        document_id: int,
        sentence_index: int,
        target: int | str,
        label: str,
        from_annotator: str | None = None,
    ) -> ActionResult:
        """Gold's label for sentence ``sentence_index`` toward ``target`` (its id or name):
        the sentence's offsets are taken from the annotators' rows there. Gold takes the
        holder and evidence of ``from_annotator``'s label (refused unless they gave
        ``label`` there), else those most annotators of ``label`` gave."""
        with self._review(document_id, refresh_memory=False) as review:
            session = review.session
            target_id = find_target_id(session, self.project_id, target)
            label_id = find_label_id(session, StanceLabel, self.project_id, label)
            sentence = sentence_of(session, document_id, sentence_index, target_id)
            row_id = self._pick_stance(review, sentence, target_id, label_id, from_annotator)
            return ActionResult(review.action_id, [row_id])

    def remove_stance(
        self, document_id: int, sentence_index: int, target: int | str
    ) -> ActionResult:
        """Gold has no stance label for the sentence and target: its row there is rejected
        (kept, so it says the reviewer decided)."""
        with self._review(document_id, refresh_memory=False) as review:
            target_id = find_target_id(review.session, self.project_id, target)
            rows = gold_stance_rows(
                review.session, document_id, review.gold_id, sentence_index, target_id
            )
            for row in rows:
                self._reject(review, "review.remove_stance", row, _snapshot(row))
            return ActionResult(review.action_id, [r.id for r in rows])

    # -- undo ------------------------------------------------------------------------------

    def _refuse_undo(self, action_id: str, events: list[Event]) -> None:
        """Only review actions (entity and stance alike) are undone here."""
        super()._refuse_undo(action_id, [e for e in events if e.object_type in self.UNDOES])
        if any(not _is_review(e.action) for e in events if e.object_type in self.UNDOES):
            raise AnnotationError(f"action {action_id} is no review action")

    # -- helpers ---------------------------------------------------------------------------

    @contextmanager
    def _review(self, document_id: int, refresh_memory: bool = True) -> Iterator[_Review]:
        """One review action on a document of the project, by a reviewer who is not gold."""
        with self._action(refresh_memory) as (session, action_id):
            document = self._document(session, document_id)
            gold_id = gold_annotator_id(session)
            if self.reviewer_id == gold_id:
                raise AnnotationError(f"“{GOLD_ANNOTATOR}” is reserved and cannot review")
            reviewer = session.get(Annotator, self.reviewer_id)
            if reviewer is None:
                raise AnnotationError(f"no annotator {self.reviewer_id}")
            yield _Review(session, action_id, document, gold_id, reviewer.name)

    def _pick_entity(
        self, review: _Review, start: int, end: int, label_id: int, replace_overlaps: bool = True
    ) -> list[int]:
        session, document, gold_id = review.session, review.document, review.gold_id
        changed: list[int] = []
        project = session.get(Project, self.project_id)
        overlapping_allowed = bool(project and project.settings.get("allow_overlapping_spans"))
        if replace_overlaps and not overlapping_allowed:
            for other in gold_overlapping(session, document.id, gold_id, start, end):
                self._reject(review, "review.remove_entity", other, _snapshot(other))
                changed.append(other.id)
        theirs = annotator_spans(session, document.id, gold_id, start, end)
        picked = sorted(
            {annotator_name(session, s.annotator_id) for s in theirs if s.label_id == label_id}
        )
        rows = gold_spans(session, document.id, gold_id, start, end)
        row = next((r for r in rows if r.label_id == label_id), rows[0] if rows else None)
        if row is None:
            origin = detail(review.reviewer, picked)
            row = new_gold_span(session, document, gold_id, start, end, label_id, origin)
            self._log_gold(review, "review.pick_entity", row, None)
        else:
            self._take(review, "review.pick_entity", row, label_id, picked)
        changed.append(row.id)
        return changed

    def _pick_stance(
        self,
        review: _Review,
        sentence: Sentence,
        target_id: int,
        label_id: int,
        from_annotator: str | None = None,
    ) -> int:
        session, document, gold_id = review.session, review.document, review.gold_id
        place = (session, document.id, gold_id, sentence, target_id, label_id)
        # Gold takes the holder and evidence of the version it takes.
        if from_annotator is not None:
            holder, picked = annotator_holder(*place, from_annotator)
        else:
            picked = stance_pickers(*place)
            holder = picked_holder(*place)
        row = gold_stance(session, document.id, gold_id, sentence, target_id)
        if row is None:
            origin = detail(review.reviewer, picked)
            row = new_gold_stance(session, document, gold_id, sentence, target_id, label_id, origin)
            before = None
        else:
            before = _snapshot(row)
            row.label_id, row.state = label_id, AnnotationState.ACCEPTED
            row.origin_detail = detail(review.reviewer, picked)
        for column, value in holder.items():
            setattr(row, column, value)
        session.flush()
        session.refresh(row)
        self._log_gold(review, "review.pick_stance", row, before)
        return row.id

    def _take(
        self, review: _Review, action: str, row: GoldRow, label_id: int, picked: list[str]
    ) -> None:
        """Gold's existing ``row`` gets ``label_id``, accepted, as the version of ``picked``."""
        before = _snapshot(row)
        row.label_id = label_id
        row.state = AnnotationState.ACCEPTED
        row.origin_detail = detail(review.reviewer, picked)
        review.session.flush()
        review.session.refresh(row)
        self._log_gold(review, action, row, before)

    def _reject(self, review: _Review, action: str, row: GoldRow, before: dict | None) -> None:
        """Gold says "no label here": ``row`` is kept, rejected (``before``: None for new)."""
        row.state = AnnotationState.REJECTED
        row.origin_detail = detail(review.reviewer, [], removed=True)
        review.session.flush()
        self._log_gold(review, action, row, before)

    def _log_gold(self, review: _Review, action: str, row: GoldRow, before: dict | None) -> None:
        # The reviewer is logged as who decided; the row itself is gold's.
        object_type = SPAN if isinstance(row, EntitySpan) else STANCE
        self._log(
            review.session, review.action_id, action, row, before, _snapshot(row), object_type
        )


def _agreed(items: list[ReviewItem]) -> list[ReviewItem]:
    """The places every annotator gave the same label (stance: held by the same holder,
    unless NEUTRAL) and gold says nothing about yet."""
    return [
        item
        for item in items
        if item.status == Agreement.AGREE and not item.gold and not item.gold_removed
    ]


def _is_review(action: str) -> bool:
    return action.removeprefix("undo:").startswith(ACTION_PREFIX)
