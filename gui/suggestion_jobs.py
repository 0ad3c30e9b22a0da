"""Background jobs that suggest entities (and sentence stance) for the document being read,
and entities for all.

Plain functions a ``Worker`` runs off the GUI thread. They share the window's
``PipelineCache`` (each model loads and is prepared once) and one lock: a spaCy pipeline is
not meant to be used from two threads at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from gui.stance_data import was_stance_suggested
from gui.workers import JobError, Worker
from nlp.patterns import PatternFileError, project_pattern_files
from nlp.pipelines import PipelineCache
from nlp.suggest_documents import SuggestOptions, SuggestReport, suggest_documents
from nlp.suggest_stance import suggest_stance
from storage.project import OpenProject
from storage.stance_store import project_targets
from storage.suggestions import documents_to_suggest, was_suggested


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
    stance: bool = True,
) -> Callable[[Worker], DocumentSuggested]:
    """A job that suggests entities for one document (``entities``), unless a suggester
    has run over it already, then stance toward the project's targets (``stance``), unless
    the project has none or a stance suggester has run over the document already."""

    def job(_worker: Worker) -> DocumentSuggested:
        result = DocumentSuggested(document_id, language or "", already=True)
        if entities and language:
            with lock:
                with project.db.read() as session:
                    suggested = was_suggested(session, document_id)
                if not suggested:
                    report = _run(project, [(document_id, language)], cache, _worker)
                    result = DocumentSuggested(
                        document_id,
                        language,
                        report.pipelines.get(language),
                        report.skipped.get(language),
                    )
        if stance:
            result = _suggest_stance(project, document_id, language, result)
        return result

    return job


def _suggest_stance(
    project: OpenProject, document_id: int, language: str | None, result: DocumentSuggested
) -> DocumentSuggested:
    """Stance for one document (pure Python and fast: no model to share, no lock)."""
    with project.db.read() as session:
        if was_stance_suggested(session, document_id):
            return result
        if not project_targets(session, project.project_id):
            return result
    report = suggest_stance(project.db, project.project_id, [(document_id, language)])
    suggester = next(iter(report.suggesters.values()), None)
    skipped = next(iter(report.skipped.values()), None)
    return replace(result, stance_suggester=suggester, stance_skipped=skipped)


def suggest_all_job(
    project: OpenProject, cache: PipelineCache, lock: threading.Lock
) -> Callable[[Worker], SuggestReport]:
    """A job that suggests for every document of the project, reporting ``step(done,
    total)`` and stopping when cancelled (between batches: what was stored stays)."""

    def job(worker: Worker) -> SuggestReport:
        with project.db.read() as session:
            todo = documents_to_suggest(session, project.project_id, False, None)
        worker.report_step(0, len(todo))
        with lock:
            return _run(project, todo, cache, worker, report_steps=True)

    return job


def _run(
    project: OpenProject,
    todo: list[tuple[int, str | None]],
    cache: PipelineCache,
    worker: Worker,
    *,
    report_steps: bool = False,
) -> SuggestReport:
    try:
        options = SuggestOptions(pattern_files=project_pattern_files(project.location.file))
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
