"""The annotator's edits as the window makes them: the editors of entity spans, stance,
document status and review (each action one committed, logged transaction that undo
reverts), what they return, and the errors by which the storage refuses one."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from storage.annotator_actions import AnnotationError
from storage.document_reset import DocumentEditor
from storage.entity_edits import ActionResult, EntityEditor
from storage.review import ReviewEditor
from storage.stance_edits import StanceEditor

__all__ = [
    "EDIT_ERRORS",
    "ActionResult",
    "AnnotationError",
    "DocumentEditor",
    "EntityEditor",
    "ReviewEditor",
    "StanceEditor",
    "refusal_reason",
]

# What an edit raises when it changed nothing: the storage refused it (another annotator's
# row, an unknown label) or the database could not be written; the transaction rolled back.
EDIT_ERRORS: tuple[type[Exception], ...] = (AnnotationError, SQLAlchemyError)


def refusal_reason(exc: Exception) -> str:
    """Why an edit was refused, in one line for the status bar."""
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        return str(orig or exc).splitlines()[0]
    return str(exc)
