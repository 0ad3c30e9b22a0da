"""What every editor of an annotator's work shares (``EntityEditor``, ``StanceEditor``,
``DocumentEditor``): who acts in which project, logging a change, and finding a document of
that project."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from errors import UserError
from storage.database import Database
from storage.events import record_event
from storage.models import Document


class AnnotationError(UserError, ValueError):
    """An action that cannot be done as asked; the message says why, for a person."""


class AnnotatorActions:
    """Actions of one annotator in one project; ``OBJECT_TYPE`` names the records logged."""

    OBJECT_TYPE = ""

    def __init__(self, db: Database, project_id: int, annotator_id: int) -> None:
        self.db = db
        self.project_id = project_id
        self.annotator_id = annotator_id

    def _log(
        self,
        session: Session,
        action_id: str,
        action: str,
        record: Any,
        before: dict | None,
        after: dict | None,
    ) -> None:
        """One event of the action: ``record`` (with ``id`` and ``document_id``) changed."""
        record_event(
            session,
            project_id=self.project_id,
            action_id=action_id,
            annotator_id=self.annotator_id,
            action=action,
            object_type=self.OBJECT_TYPE,
            object_id=record.id,
            document_id=record.document_id,
            before=before,
            after=after,
        )

    def _document(self, session: Session, document_id: int) -> Document:
        document = session.get(Document, document_id)
        if document is None or document.project_id != self.project_id:
            raise AnnotationError(f"no document {document_id} in this project")
        return document
