"""The training jobs the window runs in the background: the entity model and the stance
classifier, each on demand or by itself once enough new labels came, and what a run did
(``TrainingOutcome``). Plain functions a worker runs off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nlp.ner_training import NerTrainingError, NerTrainingResult, NotEnoughDocumentsError
from nlp.pipelines import PipelineUnavailableError
from nlp.stance_classifier import LABELS, TrainingCancelledError
from nlp.stance_training import (
    MIN_PER_LABEL,
    NotEnoughLabelsError,
    active_stance,
    new_labels_since_training,
)
from services.entity_training_process import train_ner_in_process
from services.jobs import JobControl, JobError
from services.stance_training import train_project_stance
from storage.database import Database, ProjectLocation, connect
from storage.model_registry import ModelInfo, active_model, list_models
from storage.paths import models_dir_for
from storage.progress import documents_done_since

__all__ = [
    "NerTrainingResult",
    "TrainingOutcome",
    "active_entity_model",
    "entity_training_job",
    "stance_training_job",
]


@dataclass(frozen=True)
class TrainingOutcome:
    """What a training job did: the run's result (None when it did not train), why not,
    and what suggests afterwards (compared with before to announce a switch)."""

    result: Any | None
    active: Any
    cancelled: bool = False
    not_yet: str | None = None  # an automatic check found too few new labels


def active_entity_model(db: Database, project_id: int) -> ModelInfo | None:
    """The project's trained entity model that suggests now (None: the shipped one)."""
    with db.read() as session:
        return active_model(session, project_id, "ner")


def entity_training_job(
    location: ProjectLocation, project_id: int, automatic: bool, every: int
) -> Callable[[JobControl], TrainingOutcome]:
    """Train and activate if better (``automatic``: only once ``every`` documents were
    marked done since the last run), reporting ``step(done, total)``; stops when cancelled."""

    def job(worker: JobControl) -> TrainingOutcome:
        with connect(location) as db:
            if automatic:
                with db.read() as session:
                    runs = list_models(session, project_id, "ner")
                    since = max((m.created_at for m in runs if m.created_at), default=None)
                    new = documents_done_since(session, project_id, since)
                if new < every:
                    why = f"{new} documents done since the last training"
                    return TrainingOutcome(None, active_entity_model(db, project_id), not_yet=why)
            try:
                result = train_ner_in_process(
                    location,
                    project_id,
                    models_dir_for(location.file),
                    activate=True,
                    progress=worker.report_step,
                    should_cancel=worker.is_cancelled,
                )
            except TrainingCancelledError:
                active = active_entity_model(db, project_id)
                return TrainingOutcome(None, active, cancelled=True)
            except NotEnoughDocumentsError as exc:
                if automatic:  # not yet: nothing to tell anybody
                    return TrainingOutcome(
                        None, active_entity_model(db, project_id), not_yet=str(exc)
                    )
                raise JobError(str(exc)) from exc
            except (NerTrainingError, PipelineUnavailableError) as exc:  # says what is missing
                raise JobError(str(exc)) from exc
            return TrainingOutcome(result, active_entity_model(db, project_id))

    return job


def stance_training_job(
    location: ProjectLocation, project_id: int, automatic: bool, every: int
) -> Callable[[JobControl], TrainingOutcome]:
    """Train (``automatic``: only if there are enough labels and ``every`` new ones since
    the last run), reporting ``step(done, total)``; stops when cancelled."""

    def job(worker: JobControl) -> TrainingOutcome:
        with connect(location) as db:
            if automatic:
                counts, new = new_labels_since_training(db, project_id)
                if any(counts[label] < MIN_PER_LABEL for label in LABELS) or new < every:
                    why = f"{new} new labels; " + ", ".join(f"{k} {counts[k]}" for k in LABELS)
                    return TrainingOutcome(None, active_stance(db, project_id), not_yet=why)
            try:
                result = train_project_stance(
                    db,
                    project_id,
                    models_dir_for(location.file),
                    progress=worker.report_step,
                    should_cancel=worker.is_cancelled,
                )
            except NotEnoughLabelsError as exc:  # says what is missing, for a person
                raise JobError(str(exc)) from exc
            except TrainingCancelledError:
                return TrainingOutcome(None, active_stance(db, project_id), cancelled=True)
            return TrainingOutcome(result, active_stance(db, project_id))

    return job
