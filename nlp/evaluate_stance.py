"""How good the current stance suggester is against the stance labels annotators accepted,
next to the majority-class baseline."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from errors import UserError
from nlp.holder_match import same_holder
from nlp.holder_names import HolderSpec
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
from storage.stance.actors import project_actors
from storage.stance.holder_inputs import EntityTriple, document_entities
from storage.stance.store import accepted_sentence_labels, project_targets

DECIDED = (AnnotationState.ACCEPTED, AnnotationState.EDITED)


@dataclass
class StanceEvaluation:
    suggester: str
    labels: list[str]
    scores: LabelScores
    baseline: LabelScores
    # Of the labels that take a side and that the suggester got right, how many it also
    # gave the right holder (``nlp.holder_match.same_holder``).
    sided_right: int = 0
    holders_right: int = 0

    @property
    def holder_accuracy(self) -> float | None:
        return self.holders_right / self.sided_right if self.sided_right else None


class NothingToEvaluateError(UserError, ValueError):
    """The project has no accepted stance labels yet."""


def evaluate_project_stance(db: Database, project_id: int) -> StanceEvaluation:
    """Predict every accepted sentence label with the current suggester and score it."""
    with db.read() as session:
        targets = [TargetSpec(t.name, t.aliases) for t in project_targets(session, project_id)]
        actors = [HolderSpec(a.name, a.aliases) for a in project_actors(session, project_id)]
        labels = [
            label.name
            for label in session.scalars(
                select(StanceLabel)
                .where(StanceLabel.project_id == project_id)
                .order_by(StanceLabel.position)
            )
        ]
    # The other names of a suggested holder: an actor's or a target's aliases.
    aliases = {t.name: t.aliases for t in targets} | {a.name: a.aliases for a in actors}
    rows = accepted_sentence_labels(db, project_id)
    if not rows:
        raise NothingToEvaluateError("the project has no accepted stance labels to compare with")
    model = active_stance_model(db, project_id)
    suggesters: dict = {}
    predictions: dict[int, list] = {}
    entities = document_entities_of(db, sorted({row.document_id for row in rows}))
    gold, predicted = [], []
    sided_right = holders_right = 0
    for row in rows:
        language = row.language or "de"
        if language not in suggesters:
            suggesters[language] = stance_suggester(
                language, targets, StanceReport(), model, holders=actors
            )
        if row.document_id not in predictions:
            predictions[row.document_id] = suggesters[language].suggest(
                row.document_text, entities.get(row.document_id, [])
            )
        found = next(
            (
                s
                for s in predictions[row.document_id]
                if s.target == row.target and s.start < row.end and row.start < s.end
            ),
            None,
        )
        label = found.label if found is not None else NEUTRAL
        gold.append(row.label)
        predicted.append(label)
        if found is not None and label == row.label and label.upper() != NEUTRAL:
            sided_right += 1
            names = aliases.get(found.holder, ()) if found.holder else ()
            holders_right += same_holder(row.holder, found.holder, names)
    name = ", ".join(f"{s.name}-{lang}@{s.version}" for lang, s in suggesters.items() if s)
    return StanceEvaluation(
        name,
        labels,
        score_labels(gold, predicted, labels),
        majority_baseline(gold, labels),
        sided_right,
        holders_right,
    )


def document_entities_of(db: Database, ids: list[int]) -> dict[int, list[EntityTriple]]:
    """The documents' entity spans, which name holders (as ``suggest`` reads them)."""
    with db.read() as session:
        return document_entities(session, ids)
