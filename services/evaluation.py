"""Scoring suggesters: an entity pipeline on labelled data, the stance suggester against the
labels annotators accepted, and the lines the command line shows their scores in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nlp.evaluate import evaluate_pipeline
from nlp.evaluate import format_scores as format_entity_scores
from nlp.evaluate_stance import StanceEvaluation, evaluate_project_stance
from nlp.metrics import format_scores as format_stance_scores
from nlp.ner_training import format_scores as format_training_scores
from storage.project import OpenProject

__all__ = [
    "StanceEvaluation",
    "evaluate_entities",
    "evaluate_stance",
    "format_entity_scores",
    "format_stance_scores",
    "format_training_scores",
]


def evaluate_entities(model: str, data: Path) -> dict[str, Any]:
    """Scores of the pipeline ``model`` (package or folder) on CoNLL/IOB or DocBin ``data``."""
    return evaluate_pipeline(model, data)


def evaluate_stance(project: OpenProject) -> StanceEvaluation:
    """The current stance suggester and the majority baseline on the accepted labels."""
    return evaluate_project_stance(project.db, project.project_id)
