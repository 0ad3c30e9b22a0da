"""Importing into a project: articles from files, with their language told by nlp/ (which
storage/ may not import, so it is handed in here), or a corrected export workbook. Both
bring the project memory's suggestions to the documents afterwards, as the app does after
each decision."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from nlp.language import detect_language
from storage.importing.corrections.workbook import (
    CorrectionsReport,
    ForeignWorkbookError,
    apply_corrections,
)
from storage.importing.records import ReadOptions
from storage.importing.service import (
    Importer,
    ImportInterruptedError,
    ImportSettings,
    ImportSummary,
)
from storage.memory.background_pass import PassReport, propagate_memory
from storage.project import OpenProject

__all__ = [
    "CorrectionsReport",
    "ForeignWorkbookError",
    "ImportInterruptedError",
    "ImportSettings",
    "ImportSummary",
    "PassReport",
    "article_settings",
    "import_articles",
    "import_corrections",
    "spread_memory",
]


def article_settings(annotator: str, spans_as_suggestions: bool) -> ImportSettings:
    """How articles are imported; ``ValueError`` when the annotator's name cannot be stored."""
    return ImportSettings(
        annotator=annotator,
        spans_as_suggestions=spans_as_suggestions,
        detect_language=detect_language,
    )


def import_articles(
    project: OpenProject,
    paths: Sequence[Path],
    settings: ImportSettings,
    text_field: str | None = None,
) -> ImportSummary:
    """Import ``paths`` (files, folders); ``ImportInterruptedError`` when the database fails
    (with the summary so far)."""
    importer = Importer(project.db, project.project_id, settings)
    return importer.import_paths(paths, ReadOptions(text_field=text_field))


def import_corrections(
    project: OpenProject,
    workbook: Path,
    annotator: str,
    *,
    force: bool = False,
    as_gold: bool = False,
) -> CorrectionsReport:
    """The changed rows of a corrected export workbook as edits by ``annotator`` (with
    ``as_gold``: corrections of others' spans as the gold version)."""
    return apply_corrections(
        project.db, project.project_id, workbook, annotator, force=force, as_gold=as_gold
    )


def spread_memory(project: OpenProject) -> PassReport:
    """The project memory's suggestions to every document that contains what it learnt."""
    return propagate_memory(project.db, project.project_id)
