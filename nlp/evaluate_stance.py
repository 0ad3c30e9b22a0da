"""How good the current stance suggester is against the stance labels annotators accepted,
next to the majority-class baseline."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from errors import UserError
from nlp.metrics import LabelScores, majority_baseline, score_labels
from nlp.stance_lexicon import NEUTRAL
from nlp.stance_targets import TargetSpec
from nlp.stance_training import active_stance_model
from nlp.suggest_stance import StanceReport, stance_suggester
from storage.database import Database
from storage.models import (
    AnnotationState,
    StanceLabel,
)
from storage.stance.store import accepted_sentence_labels, project_targets

DECIDED = (AnnotationState.ACCEPTED, AnnotationState.EDITED)


@dataclass
class StanceEvaluation:
    suggester: str
    labels: list[str]
    scores: LabelScores
    baseline: LabelScores


class NothingToEvaluateError(UserError, ValueError):
    """The project has no accepted stance labels yet."""


def evaluate_project_stance(db: Database, project_id: int) -> StanceEvaluation:
    """Predict every accepted sentence label with the current suggester and score it."""
    with db.read() as session:
        targets = [TargetSpec(t.name, t.aliases) for t in project_targets(session, project_id)]
        labels = [
            label.name
            for label in session.scalars(
                select(StanceLabel)
                .where(StanceLabel.project_id == project_id)
                .order_by(StanceLabel.position)
            )
        ]
    rows = accepted_sentence_labels(db, project_id)
    if not rows:
        raise NothingToEvaluateError("the project has no accepted stance labels to compare with")
    model = active_stance_model(db, project_id)
    suggesters: dict = {}
    predictions: dict[int, list] = {}
    gold, predicted = [], []
    for row in rows:
        language = row.language or "de"
        if language not in suggesters:
            suggesters[language] = stance_suggester(language, targets, StanceReport(), model)
        if row.document_id not in predictions:
            predictions[row.document_id] = suggesters[language].suggest(row.document_text)
        gold.append(row.label)
        predicted.append(
            next(
                (
                    s.label
                    for s in predictions[row.document_id]
                    if s.target == row.target and s.start < row.end and row.start < s.end
                ),
                NEUTRAL,
            )
        )
    name = ", ".join(f"{s.name}-{lang}@{s.version}" for lang, s in suggesters.items() if s)
    return StanceEvaluation(
        name, labels, score_labels(gold, predicted, labels), majority_baseline(gold, labels)
    )
