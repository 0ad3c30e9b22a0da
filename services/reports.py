"""What a project holds, as the ``stats`` and ``models`` commands report it: its counts and
the models trained for it."""

from __future__ import annotations

from storage.model_registry import ModelInfo, list_models
from storage.project import OpenProject
from storage.project_counts import ProjectStats, project_stats

__all__ = ["ModelInfo", "ProjectStats", "project_counts", "trained_models"]


def project_counts(project: OpenProject) -> ProjectStats:
    """Documents by language and status; spans and stance records by label, state, origin."""
    with project.db.read() as session:
        return project_stats(session, project.project_id, project.name)


def trained_models(project: OpenProject) -> list[ModelInfo]:
    """Every model trained for the project (entity models, stance classifiers), oldest first."""
    with project.db.read() as session:
        return list_models(session, project.project_id)
