"""An annotator's progress on a document: status and time spent, each change logged."""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.database import Database
from storage.events import new_action_id, record_event, snapshot
from storage.models import Document, DocumentStatus, DocumentStatusValue, Event

STATUS = "document_status"


def _status_row(session: Session, document_id: int, annotator_id: int) -> DocumentStatus:
    row = session.scalar(
        select(DocumentStatus).where(
            DocumentStatus.document_id == document_id, DocumentStatus.annotator_id == annotator_id
        )
    )
    if row is None:
        row = DocumentStatus(
            document_id=document_id,
            annotator_id=annotator_id,
            status=DocumentStatusValue.NEW,
            seconds_spent=0.0,
        )
        session.add(row)
        session.flush()
    return row


def set_status(
    db: Database,
    project_id: int,
    document_id: int,
    annotator_id: int,
    status: DocumentStatusValue,
    add_seconds: float = 0.0,
) -> str:
    """Set the annotator's status of a document (and add time spent); returns the action id."""
    _check_seconds(add_seconds)
    return _change(
        db, project_id, document_id, annotator_id, f"document.{status.value}", status, add_seconds
    )


def status_of(
    db: Database, document_id: int, annotator_id: int
) -> tuple[DocumentStatusValue, float]:
    """The annotator's status of a document and the seconds spent on it so far."""
    with db.read() as session:
        row = session.scalar(
            select(DocumentStatus).where(
                DocumentStatus.document_id == document_id,
                DocumentStatus.annotator_id == annotator_id,
            )
        )
        return (row.status, row.seconds_spent) if row else (DocumentStatusValue.NEW, 0.0)


def add_time(
    db: Database, project_id: int, document_id: int, annotator_id: int, seconds: float
) -> str | None:
    """Add ``seconds`` spent on a document (one visit) without changing its status, as one
    logged action; returns its id, or None when there was no time to add."""
    _check_seconds(seconds)
    if seconds == 0:
        return None
    return _change(db, project_id, document_id, annotator_id, "document.time", None, seconds)


def _check_seconds(seconds: float) -> None:
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"time spent must be a finite number of seconds >= 0, not {seconds}")


def _change(
    db: Database,
    project_id: int,
    document_id: int,
    annotator_id: int,
    action: str,
    status: DocumentStatusValue | None,
    add_seconds: float,
) -> str:
    """One logged change of the status row: its status (unless None) and time spent."""
    action_id = new_action_id()
    with db.write() as session:
        row = _status_row(session, document_id, annotator_id)
        before = snapshot(row)
        if status is not None:
            row.status = status
        row.seconds_spent += add_seconds
        session.flush()
        record_event(
            session,
            project_id=project_id,
            action_id=action_id,
            annotator_id=annotator_id,
            action=action,
            object_type=STATUS,
            object_id=row.id,
            document_id=document_id,
            before=before,
            after=snapshot(row),
        )
    return action_id


def done_count(session: Session, project_id: int, annotator_id: int) -> int:
    """How many of the project's documents the annotator has marked done."""
    query = (
        select(func.count(DocumentStatus.id))
        .join(Document, Document.id == DocumentStatus.document_id)
        .where(
            Document.project_id == project_id,
            DocumentStatus.annotator_id == annotator_id,
            DocumentStatus.status == DocumentStatusValue.DONE,
        )
    )
    return session.scalar(query) or 0


def documents_done_since(session: Session, project_id: int, since: datetime | None) -> int:
    """How many documents someone marked done after ``since`` (all of them for None), each
    counted once however often it was marked: what automatic retraining waits for."""
    query = select(func.count(func.distinct(Event.document_id))).where(
        Event.project_id == project_id, Event.action == f"document.{DocumentStatusValue.DONE}"
    )
    if since is not None:
        query = query.where(Event.at > since)
    return session.scalar(query) or 0
