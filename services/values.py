"""Plain values the window shows and passes around, and the errors it catches, named once
for the views so that gui/ never reaches into storage/ or nlp/ for them."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from storage.database import Database, DatabaseError, ProjectLocation
from storage.documents import (
    DESCENDING,
    DOCUMENT_ORDERS,
    IMPORT_ORDER,
    NO_FILTER,
    UNCERTAINTY_ORDER,
    DocumentFilter,
    DocumentRow,
)
from storage.entity_edits import ActionResult
from storage.export.export_report import ExportReport
from storage.export.records import DISPLAY_THRESHOLD, ExportOptions
from storage.importing.service import ImportSummary
from storage.model_registry import ModelInfo
from storage.models import AnnotationState, DocumentStatusValue, OriginKind
from storage.review.comparison import GOLD_ANNOTATOR

__all__ = [
    "DESCENDING",
    "DISPLAY_THRESHOLD",
    "DOCUMENT_ORDERS",
    "GOLD_ANNOTATOR",
    "IMPORT_ORDER",
    "NO_FILTER",
    "UNCERTAINTY_ORDER",
    "ActionResult",
    "AnnotationState",
    "Database",
    "DatabaseError",
    "DocumentFilter",
    "DocumentRow",
    "DocumentStatusValue",
    "ExportOptions",
    "ExportReport",
    "ImportSummary",
    "ModelInfo",
    "OriginKind",
    "ProjectLocation",
    "StorageError",
    "storage_error_text",
]

# What reading or writing the project's database raises (the file went away, a lock, a
# server that is down): the window says so and goes on.
StorageError = SQLAlchemyError


def storage_error_text(exc: Exception) -> str:
    """The driver's own message when there is one (it names the cause), else the error's."""
    return str(getattr(exc, "orig", None) or exc)
