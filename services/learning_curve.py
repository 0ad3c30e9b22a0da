"""A learning curve of the project's entity model: its labelled documents (read as the
training reads them, ``services.entity_training``), fine-tuned on growing numbers of them
and scored on the held-out ones (``nlp.learning_curve``). Nothing is saved, recorded or
activated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nlp import ner_training
from nlp.learning_curve import (
    COMPONENTS,
    LearningCurve,
    LearningCurveError,
    curve_point,
    plan_sizes,
    plot_learning_curve,
    stable_key,
)
from nlp.ner_training import REHEARSAL_DOCUMENTS
from nlp.pipelines import resolve_pipeline
from nlp.stance_classifier import TrainingCancelledError
from services.entity_training import labelled_documents, unlabelled_texts
from storage.database import Database

__all__ = ["LearningCurve", "LearningCurveError", "learning_curve", "plot_learning_curve"]


def learning_curve(
    db: Database,
    project_id: int,
    component: str = "ner",
    sizes: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> LearningCurve:
    """Train on each number of training documents in ``sizes`` (None: 25, 50, 75 and 100 %)
    and score on the held-out documents. ``progress(done, total)`` counts the base's scoring
    and each size; ``should_cancel`` is asked between updates (``TrainingCancelledError``).
    Raises ``LearningCurveError``, or what training raises for too few documents."""
    if component not in COMPONENTS:
        raise LearningCurveError(
            f"learning curves are made for the entity model only (component ner), not {component!r}"
        )
    data = labelled_documents(db, project_id)
    ner_training.check_enough(data)
    planned, notes = plan_sizes(sizes, len(data.training))
    choice = resolve_pipeline(data.language)
    base = ner_training.load_base(choice)
    base_scores = ner_training.score(base, [ner_training.in_vocab(base, d) for d in data.held_out])
    texts = unlabelled_texts(db, project_id, data.language, REHEARSAL_DOCUMENTS)
    rehearsal = list(base.pipe(texts))  # the base's own entities, against forgetting
    training = sorted(data.training, key=stable_key)
    total = len(planned) + 1
    if progress is not None:
        progress(1, total)
    curve = LearningCurve(
        component,
        data.language,
        choice.origin,
        float(base_scores["f1"]),
        base_scores,
        len(training),
        len(data.held_out),
        notes=notes,
    )
    for done, size in enumerate(planned, 2):
        if should_cancel():
            raise TrainingCancelledError("the learning curve was cancelled")
        curve.points.append(
            curve_point(choice, size, training[:size], rehearsal, data.held_out, should_cancel)
        )
        if progress is not None:
            progress(done, total)
    return curve
