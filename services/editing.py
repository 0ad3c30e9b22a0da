"""The annotator's edits as the window makes them: the editors of entity spans, stance,
document status and review (each action one committed, logged transaction that undo
reverts), what they return, and the errors by which the storage refuses one."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.exc import SQLAlchemyError

from services.changes import Changes
from storage.document_edits import DocumentEditor
from storage.editing import ActionResult, AnnotationError
from storage.entity_edits import EntityEditor
from storage.memory.effects import MemoryEffect
from storage.models import DocumentStatusValue
from storage.review.edits import ReviewEditor
from storage.stance.edits import StanceEditor

__all__ = [
    "EDIT_ERRORS",
    "LABELS_EDITED",
    "TARGETS_EDITED",
    "ActionResult",
    "AnnotationError",
    "DocumentEditor",
    "EntityEditor",
    "MemoryEffect",
    "ReviewEditor",
    "StanceEditor",
    "document_reset",
    "entities_edited",
    "memory_effects_changed",
    "refusal_reason",
    "stance_edited",
    "status_set",
]

# What an edit raises when it changed nothing: the storage refused it (another annotator's
# row, an unknown label) or the database could not be written; the transaction rolled back.
EDIT_ERRORS: tuple[type[Exception], ...] = (AnnotationError, SQLAlchemyError)


# What each kind of edit (or its undo or redo) changes, for the views to redraw.
LABELS_EDITED = Changes(documents=None, labels=True)
TARGETS_EDITED = Changes(documents=None, targets=True)


def entities_edited(document_id: int) -> Changes:
    """An entity decision or edit in the document (the project memory learns from it)."""
    return Changes.of([document_id], entities=True)


def memory_effects_changed(effects: Iterable[MemoryEffect]) -> Changes:
    """The documents where the project memory made or withdrew suggestions with an action."""
    documents: set[int] = set()
    for effect in effects:
        documents |= effect.documents
    return Changes.of(documents, entities=True) if documents else Changes()


def stance_edited(document_ids: Iterable[int]) -> Changes:
    """A stance decision (the stance classifier learns from it)."""
    return Changes.of(document_ids, stance=True)


def status_set(document_id: int, status: DocumentStatusValue | None = None) -> Changes:
    """The document's status or time spent; done may start a retraining of the entity model."""
    return Changes.of([document_id], status=True, done=status == DocumentStatusValue.DONE)


def document_reset(document_id: int) -> Changes:
    """The annotator's decisions in the document gave way to the machine suggestions again
    (nothing is learnt from that)."""
    return Changes.of([document_id], status=True, reset=True, entities=True, stance=True)


def refusal_reason(exc: Exception) -> str:
    """Why an edit was refused, in one line for the status bar."""
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        return str(orig or exc).splitlines()[0]
    return str(exc)
