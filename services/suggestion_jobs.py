"""Background jobs that suggest entities (and sentence stance) for the document being read,
and entities for all.

Plain functions a worker runs off the GUI thread. They share the window's
``PipelineCache`` (each model loads and is prepared once) and one lock: a spaCy pipeline is
not meant to be used from two threads at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from nlp.patterns import PatternFileError, project_pattern_files
from nlp.pipelines import PipelineCache
from nlp.suggest_stance import StanceReport, suggest_stance
from services.jobs import JobControl, JobError
from services.stance_data import was_stance_suggested
from services.suggesting import (
    SuggestOptions,
    SuggestReport,
    prepare_suggester,
    suggest_documents,
    suggest_patterns_first,
)
from storage.project import OpenProject
from storage.stance.store import project_targets
from storage.suggestions import documents_to_suggest, was_suggested

__all__ = [
    "AllSuggested",
    "DocumentSuggested",
    "StanceReport",
    "SuggestReport",
    "preload_job",
    "suggest_all_job",
    "suggest_document_job",
]

# Small nlp.pipe batches: the model holds the GIL per batch, and the window waits meanwhile.
GUI_PIPE_BATCH = 8


@dataclass(frozen=True)
class DocumentSuggested:
    """What suggesting for one document did."""

    document_id: int
    language: str
    origin: str | None = None  # the pipeline that suggested, e.g. "de_standpunkt_ner@0.1.0"
    skipped: str | None = None  # why the model did not run (no pipeline for the language)
    already: bool = False  # suggested for before this job came to it: nothing was run
    stance_suggester: str | None = None  # e.g. "stance-lexicon-de@de-631", when stance ran
    stance_skipped: str | None = None  # why stance was not suggested (no lexicon, …)


def suggest_document_job(
    project: OpenProject,
    document_id: int,
    language: str | None,
    cache: PipelineCache,
    lock: threading.Lock,
    *,
    entities: bool = True,
    entities_since: datetime | None = None,
    stance: bool = True,
    stance_since: datetime | None = None,
    quick_cache: PipelineCache | None = None,
) -> Callable[[JobControl], DocumentSuggested]:
    """A job that suggests entities for one document (``entities``), unless a suggester
    has run over it since ``entities_since`` (when the active model took over; None: ever),
    then stance toward the project's targets (``stance``), unless the project has none or a
    stance suggester has run over the document already.

    With ``quick_cache`` (where the patterns' blank pipeline is kept: not ``cache``, which
    is busy while a model loads), the suggestions that need no model are stored first and
    reported as ``step(1, 2)``, so they are shown before the model has run."""

    def job(_worker: JobControl) -> DocumentSuggested:
        result = DocumentSuggested(document_id, language or "", already=True)
        if entities and language:
            with project.db.read() as session:
                suggested = was_suggested(session, document_id, entities_since)
            if not suggested and quick_cache is not None:
                _quick(project, document_id, language, quick_cache)
                _worker.report_step(1, 2)
            with lock:
                if quick_cache is None:  # "suggest for all" may have come first meanwhile
                    with project.db.read() as session:
                        suggested = was_suggested(session, document_id, entities_since)
                if not suggested:
                    report = _run(project, [(document_id, language)], cache, _worker)
                    result = DocumentSuggested(
                        document_id,
                        language,
                        report.pipelines.get(language),
                        report.skipped.get(language),
                    )
        if stance:
            result = _suggest_stance(project, document_id, language, result, stance_since)
        return result

    return job


def _quick(project: OpenProject, document_id: int, language: str, cache: PipelineCache) -> None:
    try:
        options = SuggestOptions(pattern_files=project_pattern_files(project.location.file))
        db, project_id = project.db, project.project_id
        suggest_patterns_first(db, project_id, document_id, language, options, cache)
    except PatternFileError as exc:
        raise JobError(str(exc)) from exc


def preload_job(
    project: OpenProject, cache: PipelineCache
) -> Callable[[JobControl], dict[str, str]]:
    """A job that loads and prepares the entity suggester of each language that documents
    not suggested for yet are in (the one a document's job will use), so the first document
    shown does not wait for its model; returns the origins by language."""

    def job(worker: JobControl) -> dict[str, str]:
        with project.db.read() as session:
            todo = documents_to_suggest(session, project.project_id, True, None)
        options = SuggestOptions(pattern_files=project_pattern_files(project.location.file))
        loaded: dict[str, str] = {}
        for language in sorted({language for _, language in todo if language}):
            if worker.is_cancelled():
                break
            origin = prepare_suggester(project.db, project.project_id, language, options, cache)
            if origin is not None:
                loaded[language] = origin
        return loaded

    return job


def _suggest_stance(
    project: OpenProject,
    document_id: int,
    language: str | None,
    result: DocumentSuggested,
    since: datetime | None,
) -> DocumentSuggested:
    """Stance for one document, unless the suggester active ``since`` has run over it
    (fast, and a trained classifier is not shared with another thread: no lock)."""
    with project.db.read() as session:
        if was_stance_suggested(session, document_id, since):
            return result
        if not project_targets(session, project.project_id):
            return result
    report = suggest_stance(project.db, project.project_id, [(document_id, language)])
    suggester = next(iter(report.suggesters.values()), None)
    skipped = next(iter(report.skipped.values()), None)
    return replace(result, stance_suggester=suggester, stance_skipped=skipped)


@dataclass(frozen=True)
class AllSuggested:
    """What "suggest for all documents" did: entities (None when not asked for) and
    stance (None when not asked for or the project has no targets)."""

    entities: SuggestReport | None
    stance: StanceReport | None

    @property
    def cancelled(self) -> bool:
        return any(r is not None and r.cancelled for r in (self.entities, self.stance))


def suggest_all_job(
    project: OpenProject,
    cache: PipelineCache,
    lock: threading.Lock,
    *,
    entities: bool = True,
    stance: bool = True,
) -> Callable[[JobControl], AllSuggested]:
    """A job that suggests entities, then stance, for every document of the project,
    reporting ``step(done, total)`` over both passes and stopping when cancelled (between
    batches: what was stored stays)."""

    def job(worker: JobControl) -> AllSuggested:
        with project.db.read() as session:
            todo = documents_to_suggest(session, project.project_id, False, None)
            with_targets = stance and bool(project_targets(session, project.project_id))
        passes = int(entities) + int(with_targets)
        total = len(todo) * passes
        worker.report_step(0, total)
        entity_report = stance_report = None
        if entities:
            with lock:
                entity_report = _run(project, todo, cache, worker, report_steps=True)
        if with_targets and not worker.is_cancelled():
            offset = len(todo) if entities else 0
            stance_report = suggest_stance(
                project.db,
                project.project_id,
                todo,
                progress=lambda done, _n: worker.report_step(offset + done, total),
                should_cancel=worker.is_cancelled,
            )
        elif with_targets:
            stance_report = StanceReport(cancelled=True)
        return AllSuggested(entity_report, stance_report)

    return job


def _run(
    project: OpenProject,
    todo: list[tuple[int, str | None]],
    cache: PipelineCache,
    worker: JobControl,
    *,
    report_steps: bool = False,
) -> SuggestReport:
    try:
        options = SuggestOptions(
            pattern_files=project_pattern_files(project.location.file),
            pipe_batch_size=GUI_PIPE_BATCH,
        )
        return suggest_documents(
            project.db,
            project.project_id,
            todo,
            options,
            cache,
            progress=worker.report_step if report_steps else None,
            should_cancel=worker.is_cancelled,
        )
    except PatternFileError as exc:  # names the file and line: the user can fix it
        raise JobError(str(exc)) from exc
