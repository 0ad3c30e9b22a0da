"""One document as the article view shows it, in plain values: its text, the annotator's
entity spans and sentence stance, the project's labels, and the text's words (where a
selection snaps to)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.span_data import DocumentSpans, HighlightSpan, LabelInfo, read_document_spans
from services.stance_data import DocumentStance, read_document_stance
from storage.documents import get_document
from storage.models import Project
from storage.project import OpenProject
from text.tokens import Tokens, trim_spaces

__all__ = [
    "DocumentSpans",
    "DocumentStance",
    "HighlightSpan",
    "LabelInfo",
    "ShownDocument",
    "Tokens",
    "document_text",
    "entity_labels",
    "read_shown",
    "read_spans",
    "trim_spaces",
]


@dataclass(frozen=True)
class ShownDocument:
    """What is painted over a document's text for one annotator."""

    spans: DocumentSpans
    stance: DocumentStance


def document_text(project: OpenProject, document_id: int) -> str | None:
    """The document's text; None when it is not (any more) in the project."""
    with project.db.read() as session:
        document = get_document(session, project.project_id, document_id)
        return document.text if document is not None else None


def read_shown(
    project: OpenProject,
    document_id: int,
    annotator_id: int,
    entities_since: datetime | None = None,
    stance_since: datetime | None = None,
) -> ShownDocument:
    """The document's spans and stance as the annotator sees them; ``entities_since`` and
    ``stance_since`` say from when a suggester's run counts (see ``read_document_spans``)."""
    project_id = project.project_id
    with project.db.read() as session:
        spans = read_document_spans(session, project_id, document_id, annotator_id, entities_since)
        stance = read_document_stance(session, project_id, document_id, annotator_id, stance_since)
    return ShownDocument(spans, stance)


def read_spans(
    project: OpenProject,
    document_id: int,
    annotator_id: int,
    entities_since: datetime | None = None,
    *,
    since_last_read: bool = False,
) -> DocumentSpans:
    """The document's entity spans alone (an entity decision leaves its stance as it was);
    ``since_last_read``: only the rows changed since it was last read are read again (see
    ``read_document_spans``)."""
    with project.db.read() as session:
        return read_document_spans(
            session,
            project.project_id,
            document_id,
            annotator_id,
            entities_since,
            since_last_read=since_last_read,
        )


def entity_labels(project: OpenProject) -> list[LabelInfo]:
    """The project's entity labels in their order, as the legend and the keys show them."""
    with project.db.read() as session:
        row = session.get_one(Project, project.project_id)
        return [LabelInfo(x.name, x.colour, x.shortcut) for x in row.entity_labels]
