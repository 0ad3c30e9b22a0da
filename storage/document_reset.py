"""Document-level actions of one annotator: back to the machine suggestions, and status
changes, each one committed transaction and one logged action that ``undo`` can revert.

Resetting deletes the annotator's own entity and stance rows in a document (their decisions
and what they added by hand); the suggestions themselves were never changed, so the document
shows them again. Undo re-creates the rows with their old ids from the event log.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.entity_edits import SPAN, ActionResult, AnnotationError
from storage.events import events_of_action, new_action_id, record_event, snapshot, undo_action
from storage.memory_suggestions import refresh_touched
from storage.models import (
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntitySpan,
    Event,
    StanceAnnotation,
)
from storage.progress import STATUS, set_status
from storage.stance_edits import STANCE

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
    action_id = new_action_id()
    with db.write() as session:
        document = session.get(Document, document_id)
        if document is None or document.project_id != project_id:
            raise AnnotationError(f"document {document_id} is not in this project")
        deleted: list[int] = []
        for object_type, model in _RESET_MODELS.items():
            rows = session.scalars(
                select(model)
                .where(model.document_id == document_id, model.annotator_id == annotator_id)
                .order_by(model.id)
            )
            for row in list(rows):
                before = snapshot(row)
                session.delete(row)
                record_event(
                    session,
                    project_id=project_id,
                    action_id=action_id,
                    annotator_id=annotator_id,
                    action="document.reset",
                    object_type=object_type,
                    object_id=row.id,
                    document_id=document_id,
                    before=before,
                    after=None,
                )
                deleted.append(row.id)
        session.flush()
        refresh_touched(session, project_id)  # the memory forgets what was reset, here too
        return ActionResult(action_id, deleted)


class DocumentEditor:
    """Document actions of one annotator in one project, undoable through the log (the
    ``UndoableEditor`` the window's undo commands need)."""

    def __init__(self, db: Database, project_id: int, annotator_id: int) -> None:
        self.db = db
        self.project_id = project_id
        self.annotator_id = annotator_id

    def reset(self, document_id: int) -> ActionResult:
        return reset_document(self.db, self.project_id, document_id, self.annotator_id)

    def set_status(
        self, document_id: int, status: DocumentStatusValue, add_seconds: float = 0.0
    ) -> ActionResult:
        action_id = set_status(
            self.db, self.project_id, document_id, self.annotator_id, status, add_seconds
        )
        return ActionResult(action_id, [document_id])

    def undo(self, action_id: str) -> ActionResult:
        """Revert the action's changes, newest first, as one new action (undoing that is
        redo). A status change is reverted in its status only: the time spent stays, since
        the annotator did spend it. Raises AnnotationError for an action of another
        annotator or one that logged nothing here."""
        with self.db.write() as session:
            events = [
                e for e in events_of_action(session, action_id) if e.project_id == self.project_id
            ]
            if not events:
                raise AnnotationError(f"nothing to undo for action {action_id}")
            if {e.annotator_id for e in events} - {self.annotator_id}:
                raise AnnotationError(f"action {action_id} was done by another annotator")
            undone = undo_action(
                session,
                self.project_id,
                self.annotator_id,
                action_id,
                (*_RESET_MODELS, STATUS),
                _undone_values,
            )
            assert undone is not None  # the events above are this project's
            undo_id, reverted = undone
            refresh_touched(session, self.project_id)
            # The document for a status change (what the list shows), the row otherwise.
            touched = [e.document_id if e.object_type == STATUS else e.object_id for e in reverted]
            return ActionResult(undo_id, [t for t in touched if t is not None])


def _undone_values(session: Session, event: Event) -> dict | None:
    """A status change is reverted in its status only (the time spent stays: the annotator
    did spend it); anything else to what it was before."""
    return _status_only(session, event) if event.object_type == STATUS else event.before


def _status_only(session: Session, event: Event) -> dict:
    """The status row as it is now with the status from before ``event`` (a row the event
    created goes back to "new" rather than away: it holds the time spent since)."""
    row = session.get(DocumentStatus, event.object_id)
    before = event.before or {"status": DocumentStatusValue.NEW.value}
    if row is None:
        return {**(event.after or {}), "status": before["status"]}
    return {**snapshot(row), "status": before["status"]}
