"""Review: one document's annotators' entity spans and sentence stance labels side by side
(``review_view``), and the reserved annotator whose rows are the reviewer's gold version.

The gold version is stored as the rows of a reserved annotator called ``gold`` (origin
``review``, no origin name or version, state accepted), so that nothing has to change in the
schema and everything that reads "an annotator's rows" can read it; every annotator's own rows
stay exactly as they are. The reviewer's changes to it are ``storage.review.edits``.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import ScalarResult, select
from sqlalchemy.orm import Session

from storage.editing import AnnotationError
from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntityLabel,
    EntitySpan,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
)
from storage.project import get_or_create_annotator
from storage.review.holders import StanceHolder, holder_of, holders_differ
from storage.stance.holder_names import HolderNames

GOLD_ANNOTATOR = "gold"  # reserved: the reviewed version's rows belong to this annotator
DECISIONS = (AnnotationState.ACCEPTED, AnnotationState.EDITED)


class Agreement(enum.StrEnum):
    AGREE = "agree"  # every annotator of the document has this place with the same label
    # Annotators gave it different labels, or (stance) one sided label held by different
    # holders: either way the reviewer has to decide (``ReviewItem.holder_differs`` says which).
    DIFFER = "differ"
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
    holders: dict[str, StanceHolder] = field(default_factory=dict)  # stance items only
    gold_holder: StanceHolder | None = None  # with an accepted gold stance label

    @property
    def holder_differs(self) -> bool:
        """The annotators agree on a label that takes a side, but not on who holds it."""
        return holders_differ(self.labels, self.holders)

    @property
    def status(self) -> Agreement:
        if len(set(self.labels.values())) > 1 or self.holder_differs:
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
    # Keyed as the rows' annotator ids are typed (machine rows have none; none is read here).
    names: dict[int | None, str] = dict(session.execute(select(Annotator.id, Annotator.name)).all())
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
    people = {names[r.annotator_id] for r in spans if r.state in DECISIONS}
    people |= {names[r.annotator_id] for r in stance if r.state in DECISIONS}
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
        stance=_stance_items(stance, names, HolderNames(session, project_id), annotators, text),
        entity_labels=_choices(session, EntityLabel, project_id),
        stance_labels=_choices(session, StanceLabel, project_id),
    )


def _entity_items(
    spans: Sequence[EntitySpan], names: dict[int | None, str], annotators: list[str], text: str
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
    rows: Sequence[StanceAnnotation],
    names: dict[int | None, str],
    holder_names: HolderNames,
    annotators: list[str],
    text: str,
) -> list[ReviewItem]:
    labels: dict[tuple[int, int, str], dict[str, str]] = {}
    holders: dict[tuple[int, int, str], dict[str, StanceHolder]] = {}
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
            holders.setdefault(place, {})[who] = holder_of(row, holder_names, text)
    items = []
    for start, end, target in sorted(set(labels) | set(gold)):
        gold_row = gold.get((start, end, target))
        accepted = gold_row is not None and gold_row.state != AnnotationState.REJECTED
        items.append(
            ReviewItem(
                start,
                end,
                text[start:end],
                labels.get((start, end, target), {}),
                tuple(annotators),
                gold=gold_row.label.name if accepted and gold_row is not None else None,
                gold_removed=gold_row is not None and not accepted,
                target=target,
                sentence_index=index[start, end, target],
                holders=holders.get((start, end, target), {}),
                gold_holder=(
                    holder_of(gold_row, holder_names, text)
                    if accepted and gold_row is not None
                    else None
                ),
            )
        )
    return items


def _choices(
    session: Session, model: type[EntityLabel] | type[StanceLabel], project_id: int
) -> list[LabelChoice]:
    rows = cast(
        "ScalarResult[EntityLabel | StanceLabel]",
        session.scalars(
            select(model).where(model.project_id == project_id).order_by(model.position, model.name)
        ),
    )
    return [LabelChoice(r.name, r.colour, r.shortcut) for r in rows]


def gold_annotator_id(session: Session) -> int:
    """The id of the reserved ``gold`` annotator, created on first use."""
    return get_or_create_annotator(session, GOLD_ANNOTATOR).id
