"""Giving each annotator a share of a project's documents (and every one the overlap)."""

from __future__ import annotations

from collections.abc import Sequence

from storage.assignment import AssignmentError, AssignmentReport, assign_documents
from storage.project import OpenProject

__all__ = ["AssignmentError", "AssignmentReport", "assign_annotators"]


def assign_annotators(
    project: OpenProject, annotators: Sequence[str], *, overlap: float, seed: int
) -> AssignmentReport:
    """Assign the documents nobody has yet; ``AssignmentError`` for options that do not fit
    the project."""
    return assign_documents(
        project.db, project.project_id, list(annotators), overlap=overlap, seed=seed
    )
