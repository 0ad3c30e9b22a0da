"""Storing machine suggestions without ever touching what annotators decided.

For one document and one suggester run: suggestions that are already there stay (their
confidence and origin are refreshed), new ones are added, and the run's earlier suggestions
it no longer makes are removed unless an annotator has decided on them. Nothing is suggested
where an annotator already rejected the same span with the same label, or already has it,
nor anywhere a text with a label the project memory has blocked (rejected at least as often
as accepted, see ``storage.memory.learning``). Running the same suggester twice changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id
from storage.label_schema import ensure_entity_label, entity_label_ids
from storage.memory.learning import blocked_pairs
from storage.models import AnnotationState, Document, EntitySpan, Event, OriginKind
from storage.suggestion_merge import MergeCounts, SuggestionMerge, log_run

SUGGEST_ACTION = "suggest.entities"


@dataclass(frozen=True)
class SpanSuggestion:
    """A suggestion to store (the suggester's output in storage's terms)."""

    start: int
    end: int
    label: str
    confidence: float | None
    origin_kind: str  # "model" or "pattern"
    origin_name: str
    origin_version: str
    origin_detail: str | None = None


# What storing one document's suggestions did; ``blocked``: not stored, because an annotator
# rejected or has that span, or the memory blocked it.
StoreResult = MergeCounts


def documents_to_suggest(
    session: Session,
    project_id: int,
    only_new: bool,
    language: str | None,
    action: str = SUGGEST_ACTION,
) -> list[tuple[int, str | None]]:
    """(id, language) of the documents a suggest run should cover, in id order; with
    ``only_new``, those the suggester of ``action`` (entities by default) has not seen."""
    query = select(Document.id, Document.language).where(Document.project_id == project_id)
    if language is not None:
        query = query.where((Document.language == language) | Document.language.is_(None))
    if only_new:
        done = select(Event.document_id).where(
            Event.project_id == project_id, Event.action == action
        )
        query = query.where(Document.id.not_in(done))
    return [(row[0], row[1]) for row in session.execute(query.order_by(Document.id))]


def was_suggested(session: Session, document_id: int, since: datetime | None = None) -> bool:
    """Whether any suggester has run over the document (even if it found nothing), since
    ``since`` if given (when the model that suggests now took over)."""
    query = select(Event.id).where(Event.document_id == document_id, Event.action == SUGGEST_ACTION)
    if since is not None:
        query = query.where(Event.at >= since)
    return session.scalar(query.limit(1)) is not None


def store_entity_suggestions(
    db: Database,
    project_id: int,
    document_id: int,
    suggestions: Sequence[SpanSuggestion],
    replaces: Iterable[str],
) -> StoreResult:
    """Store one document's suggestions in one transaction. ``replaces`` names the origin
    names (model or pattern files) this run speaks for: their earlier suggestions that it
    does not repeat are removed, if nobody decided on them."""
    return store_many_suggestions(db, project_id, [(document_id, suggestions)], replaces)[0]


def store_many_suggestions(
    db: Database,
    project_id: int,
    documents: Sequence[tuple[int, Sequence[SpanSuggestion]]],
    replaces: Iterable[str],
) -> list[StoreResult]:
    """Store several documents' suggestions in one transaction (a batch run is one action:
    one commit for many documents instead of one each)."""
    replaced = set(replaces)
    action_id = new_action_id()
    with db.write() as session:
        blocked = blocked_pairs(session, project_id)
        return [
            _store_one(session, project_id, document_id, suggestions, replaced, action_id, blocked)
            for document_id, suggestions in documents
        ]


def _store_one(
    session: Session,
    project_id: int,
    document_id: int,
    suggestions: Sequence[SpanSuggestion],
    replaced: set[str],
    action_id: str,
    blocked: set[tuple[str, int]],
) -> StoreResult:
    document = session.get(Document, document_id)
    if document is None:
        return StoreResult()
    rows = list(session.scalars(select(EntitySpan).where(EntitySpan.document_id == document_id)))
    merge = _EntityMerge(session, replaced, project_id, document, action_id, blocked)
    result = merge.merge(rows, suggestions)
    log_run(session, project_id, action_id, SUGGEST_ACTION, document_id, replaced, result)
    return result


class _EntityMerge(SuggestionMerge[EntitySpan, SpanSuggestion]):
    """Entity spans sit at their offsets and label: a suggestion already there is kept, and
    the run's earlier suggestions it does not repeat are withdrawn."""

    WITHDRAWS_STALE = True

    def __init__(
        self,
        session: Session,
        replaced: set[str],
        project_id: int,
        document: Document,
        action_id: str,
        blocked: set[tuple[str, int]],
    ) -> None:
        super().__init__(session, replaced)
        self.project_id, self.document, self.action_id = project_id, document, action_id
        self.blocked = blocked
        self.labels = entity_label_ids(session, project_id)

    def place(self, suggestion: SpanSuggestion) -> tuple[int, int, str]:
        return (suggestion.start, suggestion.end, suggestion.label)

    def row_place(self, row: EntitySpan) -> tuple[int, int, str]:
        return (row.start_offset, row.end_offset, row.label.name)

    def refused(self, suggestion: SpanSuggestion) -> bool:
        # Blocked by the memory, and not wanted either: an earlier one of this run's origins
        # there is withdrawn.
        text = self.document.text[suggestion.start : suggestion.end]
        return (text, self.labels.get(suggestion.label)) in self.blocked

    def same(self, row: EntitySpan, suggestion: SpanSuggestion) -> bool:
        return True  # the label is part of the place

    def refresh(self, row: EntitySpan, suggestion: SpanSuggestion) -> None:
        # What annotators taught (the project memory) says more than a model or a pattern
        # agreeing with it: its origin, confidence and explanation stay.
        if row.origin_kind == OriginKind.MEMORY:
            return
        row.confidence = suggestion.confidence
        row.origin_kind = OriginKind(suggestion.origin_kind)
        row.origin_name = suggestion.origin_name
        row.origin_version = suggestion.origin_version
        row.origin_detail = suggestion.origin_detail

    def new_row(self, suggestion: SpanSuggestion) -> EntitySpan | None:
        if suggestion.label not in self.labels:
            try:
                self.labels[suggestion.label] = ensure_entity_label(
                    self.session, self.project_id, suggestion.label, self.action_id
                )
            except ValueError:  # a label no name may be (a model of somebody else's)
                return None
        return EntitySpan(
            document_id=self.document.id,
            doc_length=self.document.text_length,
            start_offset=suggestion.start,
            end_offset=suggestion.end,
            label_id=self.labels[suggestion.label],
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind(suggestion.origin_kind),
            origin_name=suggestion.origin_name,
            origin_version=suggestion.origin_version,
            origin_detail=suggestion.origin_detail,
            confidence=suggestion.confidence,
            annotator_id=None,
        )
