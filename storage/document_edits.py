"""Document-level actions of one annotator: back to the machine suggestions, and status
changes, each one committed transaction and one logged action that ``undo`` can revert.

Resetting deletes the annotator's own entity and stance rows in a document (their decisions
and what they added by hand); the suggestions themselves were never changed, so the document
shows them again. Undo re-creates the rows with their old ids from the event log.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import ScalarResult, select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.editing import ActionResult, AnnotationError, AnnotatorActions
from storage.entity_edits import SPAN
from storage.events import snapshot
from storage.models import (
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntitySpan,
    Event,
    StanceAnnotation,
)
from storage.progress import STATUS, set_status
from storage.stance.edits import STANCE

_RESET_MODELS: dict[str, type[EntitySpan] | type[StanceAnnotation]] = {
    SPAN: EntitySpan,
    STANCE: StanceAnnotation,
}


def reset_document(
    db: Database, project_id: int, document_id: int, annotator_id: int
) -> ActionResult:
    """Delete the annotator's own entity and stance rows in the document as one logged
    action. Returns its id and the deleted rows' ids (empty: there was nothing to reset,
    and nothing was logged). Raises AnnotationError for a document not in the project."""
    return DocumentEditor(db, project_id, annotator_id).reset(document_id)


class DocumentEditor(AnnotatorActions):
    """Document actions of one annotator in one project, undoable through the log (the
    ``UndoableEditor`` the window's undo commands need)."""

    UNDOES = (*_RESET_MODELS, STATUS)
    REFRESHES_MEMORY = True  # the memory forgets what was reset, here too

    def reset(self, document_id: int) -> ActionResult:
        with self._action() as (session, action_id):
            document = session.get(Document, document_id)
            if document is None or document.project_id != self.project_id:
                raise AnnotationError(f"document {document_id} is not in this project")
            deleted: list[int] = []
            for object_type, model in _RESET_MODELS.items():
                rows = cast(
                    "ScalarResult[EntitySpan | StanceAnnotation]",
                    session.scalars(
                        select(model)
                        .where(
                            model.document_id == document_id, model.annotator_id == self.actor_id
                        )
                        .order_by(model.id)
                    ),
                )
                for row in list(rows):
                    before = snapshot(row)
                    session.delete(row)
                    self._log(session, action_id, "document.reset", row, before, None, object_type)
                    deleted.append(row.id)
            session.flush()
            return ActionResult(action_id, deleted)

    def set_status(
        self, document_id: int, status: DocumentStatusValue, add_seconds: float = 0.0
    ) -> ActionResult:
        action_id = set_status(
            self.db, self.project_id, document_id, self.annotator_id, status, add_seconds
        )
        return ActionResult(action_id, [document_id])

    # -- undo: a status change is reverted in its status only (the time spent stays: the
    # annotator did spend it); anything else to what it was before. Actions of another
    # annotator are refused.

    def _refuse_undo(self, action_id: str, events: list[Event]) -> None:
        super()._refuse_undo(action_id, events)
        self._refuse_others(action_id, events)

    def _undone_values(self, session: Session, event: Event) -> dict | None:
        return _status_only(session, event) if event.object_type == STATUS else event.before

    def _undone_ids(self, reverted: list[Event]) -> list[int]:
        # The document for a status change (what the list shows), the row otherwise.
        touched = [e.document_id if e.object_type == STATUS else e.object_id for e in reverted]
        return [t for t in touched if t is not None]


def _status_only(session: Session, event: Event) -> dict:
    """The status row as it is now with the status from before ``event`` (a row the event
    created goes back to "new" rather than away: it holds the time spent since)."""
    row = session.get(DocumentStatus, event.object_id)
    before = event.before or {"status": DocumentStatusValue.NEW.value}
    if row is None:
        return {**(event.after or {}), "status": before["status"]}
    return {**snapshot(row), "status": before["status"]}
