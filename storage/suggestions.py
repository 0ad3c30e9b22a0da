"""Storing machine suggestions without ever touching what annotators decided.

For one document and one suggester run: suggestions that are already there stay (their
confidence and origin are refreshed), new ones are added, and the run's earlier suggestions
it no longer makes are removed unless an annotator has decided on them. Nothing is suggested
where an annotator already rejected the same span with the same label, or already has it,
nor anywhere a text with a label the project memory has blocked (rejected at least as often
as accepted, see ``storage.project_memory``). Running the same suggester twice changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id, record_event
from storage.label_schema import ensure_entity_label, entity_label_ids
from storage.models import AnnotationState, Document, EntitySpan, Event, OriginKind
from storage.project_memory import blocked_pairs

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


@dataclass
class StoreResult:
    added: int = 0
    kept: int = 0
    removed: int = 0
    blocked: int = 0  # not stored: an annotator rejected or has that span, or the memory


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
    result = StoreResult()
    document = session.get(Document, document_id)
    if document is None:
        return result
    labels = entity_label_ids(session, project_id)
    rows = list(session.scalars(select(EntitySpan).where(EntitySpan.document_id == document_id)))
    machine = {_key(s): s for s in rows if s.annotator_id is None}
    human = {_key(s) for s in rows if s.annotator_id is not None}
    decided_on = {s.suggestion_id for s in rows if s.suggestion_id is not None}
    wanted = set()
    for suggestion in suggestions:
        key = (suggestion.start, suggestion.end, suggestion.label)
        label_id = labels.get(suggestion.label)
        if (document.text[suggestion.start : suggestion.end], label_id) in blocked:
            # Not wanted either: an earlier one of this run's origins is withdrawn below.
            result.blocked += 1
            continue
        wanted.add(key)
        if key in human:
            result.blocked += 1
            continue
        existing = machine.get(key)
        if existing is not None:
            # What annotators taught (the project memory) says more than a model or a
            # pattern agreeing with it: its origin, confidence and explanation stay.
            if existing.origin_kind != OriginKind.MEMORY:
                _refresh(existing, suggestion)
            result.kept += 1
            continue
        if suggestion.label not in labels:
            try:
                labels[suggestion.label] = ensure_entity_label(
                    session, project_id, suggestion.label, action_id
                )
            except ValueError:  # a label no name may be (a model of somebody else's)
                result.blocked += 1
                continue
        session.add(_new_row(document, suggestion, labels[suggestion.label]))
        result.added += 1
    for key, row in machine.items():
        if key not in wanted and row.origin_name in replaced and row.id not in decided_on:
            session.delete(row)
            result.removed += 1
    record_event(
        session,
        project_id=project_id,
        action_id=action_id,
        annotator_id=None,
        action=SUGGEST_ACTION,
        object_type="document",
        object_id=document_id,
        document_id=document_id,
        before=None,
        after={
            "origins": sorted(replaced),
            "added": result.added,
            "kept": result.kept,
            "removed": result.removed,
            "blocked": result.blocked,
        },
    )
    return result


def _key(span: EntitySpan) -> tuple[int, int, str]:
    return (span.start_offset, span.end_offset, span.label.name)


def _refresh(row: EntitySpan, suggestion: SpanSuggestion) -> None:
    row.confidence = suggestion.confidence
    row.origin_kind = OriginKind(suggestion.origin_kind)
    row.origin_name = suggestion.origin_name
    row.origin_version = suggestion.origin_version
    row.origin_detail = suggestion.origin_detail


def _new_row(document: Document, suggestion: SpanSuggestion, label_id: int) -> EntitySpan:
    return EntitySpan(
        document_id=document.id,
        doc_length=document.text_length,
        start_offset=suggestion.start,
        end_offset=suggestion.end,
        label_id=label_id,
        state=AnnotationState.SUGGESTED,
        origin_kind=OriginKind(suggestion.origin_kind),
        origin_name=suggestion.origin_name,
        origin_version=suggestion.origin_version,
        origin_detail=suggestion.origin_detail,
        confidence=suggestion.confidence,
        annotator_id=None,
    )
