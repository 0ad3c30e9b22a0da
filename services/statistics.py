"""What *View › Statistics…* shows, read in the background: the counts behind every chart,
the annotators' agreement, and the entity model's learning curve (``CurveOutcome``).
Plain functions a worker runs off the GUI thread, on a connection of their own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nlp.learning_curve import LearningCurve, LearningCurveError
from nlp.ner_training import MIN_DOCUMENTS, NerTrainingError, NotEnoughDocumentsError
from nlp.pipelines import PipelineUnavailableError
from nlp.stance_classifier import TrainingCancelledError
from services.agreement import AgreementReport, NoSharedDocumentsError, project_agreement
from services.jobs import JobControl, JobError
from services.learning_curve import learning_curve
from storage.chart_data import (
    LabelCounts,
    LabelDistribution,
    ProgressOverTime,
    SuggestionOutcome,
    SuggestionOutcomes,
    TimePerDocument,
    entity_label_colours,
    label_distribution,
    progress_over_time,
    suggestion_outcomes,
    time_histogram,
    time_per_document,
)
from storage.database import ProjectLocation, connect
from storage.model_registry import ModelInfo, list_models

__all__ = [
    "MIN_DOCUMENTS",
    "AgreementData",
    "AgreementReport",
    "CurveOutcome",
    "LabelCounts",
    "LabelDistribution",
    "LearningCurve",
    "ModelInfo",
    "ProgressOverTime",
    "StatisticsCounts",
    "SuggestionOutcome",
    "SuggestionOutcomes",
    "TimePerDocument",
    "agreement_job",
    "counts_job",
    "learning_curve_job",
    "time_histogram",
]


@dataclass(frozen=True)
class StatisticsCounts:
    """The numbers of every chart but agreement and the learning curve: a few seconds on
    100,000 documents."""

    labels: LabelDistribution
    progress: ProgressOverTime
    times: TimePerDocument
    suggestions: SuggestionOutcomes
    models: list[ModelInfo]  # the trained entity models, oldest first


@dataclass(frozen=True)
class AgreementData:
    report: AgreementReport | None  # None: no document two annotators labelled
    colours: dict[str, str]  # entity label -> colour, in the schema's order


def counts_job(
    location: ProjectLocation, project_id: int
) -> Callable[[JobControl], StatisticsCounts]:
    def job(_worker: JobControl) -> StatisticsCounts:
        with connect(location) as db, db.read() as session:
            return StatisticsCounts(
                label_distribution(session, project_id),
                progress_over_time(session, project_id),
                time_per_document(session, project_id),
                suggestion_outcomes(session, project_id),
                list_models(session, project_id, "ner"),
            )

    return job


def agreement_job(
    location: ProjectLocation, project_id: int
) -> Callable[[JobControl], AgreementData]:
    """Agreement is a job of its own: the other charts need not wait for it."""

    def job(_worker: JobControl) -> AgreementData:
        with connect(location) as db:
            with db.read() as session:
                colours = entity_label_colours(session, project_id)
            try:
                return AgreementData(project_agreement(db, project_id), colours)
            except NoSharedDocumentsError:
                return AgreementData(None, colours)

    return job


@dataclass(frozen=True)
class CurveOutcome:
    """How a computation ended, when not with an error to show as it is."""

    curve: LearningCurve | None = None
    cancelled: bool = False
    too_few: bool = False  # too few labelled documents to train and score


def learning_curve_job(
    location: ProjectLocation, project_id: int, sizes: Sequence[int] | None
) -> Callable[[JobControl], CurveOutcome]:
    """The curve of the entity model, reporting ``step(done, total)``; stops when cancelled."""

    def job(worker: JobControl) -> CurveOutcome:
        with connect(location) as db:
            try:
                curve = learning_curve(
                    db,
                    project_id,
                    "ner",
                    sizes,
                    progress=worker.report_step,
                    should_cancel=worker.is_cancelled,
                )
            except TrainingCancelledError:
                return CurveOutcome(cancelled=True)
            except NotEnoughDocumentsError:
                return CurveOutcome(too_few=True)
            except (LearningCurveError, NerTrainingError, PipelineUnavailableError) as exc:
                raise JobError(str(exc)) from exc  # says what is missing
        if worker.is_cancelled():  # during the last scoring: Cancel keeps the chart shown
            return CurveOutcome(cancelled=True)
        return CurveOutcome(curve)

    return job
