"""Background jobs that suggest entities: for the document being read, and for all.

Plain functions a ``Worker`` runs off the GUI thread. They share the window's
``PipelineCache`` (each model loads and is prepared once) and one lock: a spaCy pipeline is
not meant to be used from two threads at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from gui.workers import JobError, Worker
from nlp.patterns import PatternFileError, project_pattern_files
from nlp.pipelines import PipelineCache
from nlp.suggest_documents import SuggestOptions, SuggestReport, suggest_documents
from storage.project import OpenProject
from storage.suggestions import documents_to_suggest, was_suggested


@dataclass(frozen=True)
class DocumentSuggested:
    """What suggesting for one document did."""

    document_id: int
    language: str
    origin: str | None = None  # the pipeline that suggested, e.g. "de_standpunkt_ner@0.1.0"
    skipped: str | None = None  # why the model did not run (no pipeline for the language)
    already: bool = False  # suggested for before this job came to it: nothing was run


def suggest_document_job(
    project: OpenProject,
    document_id: int,
    language: str,
    cache: PipelineCache,
    lock: threading.Lock,
) -> Callable[[Worker], DocumentSuggested]:
    """A job that suggests for one document, unless a suggester has run over it already."""

    def job(_worker: Worker) -> DocumentSuggested:
        with lock:
            with project.db.read() as session:
                if was_suggested(session, document_id):
                    return DocumentSuggested(document_id, language, already=True)
            report = _run(project, [(document_id, language)], cache, _worker)
        return DocumentSuggested(
            document_id, language, report.pipelines.get(language), report.skipped.get(language)
        )

    return job


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
