"""Suggesting in several processes: each worker loads the pipeline once, suggests for batches
of documents and stores them itself (SQLite takes one writer at a time, briefly), so nothing
but document ids and counts crosses between processes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace

from nlp.pipelines import PipelineCache
from services.suggesting import BATCH_DOCUMENTS, SuggestOptions, SuggestReport, suggest_documents
from storage.project import OpenProject, open_project

_worker: dict = {}  # per worker process: its open project and pipeline cache


def _start_worker(location: str) -> None:
    # The parent checked the file when it opened it; each worker need not read it all again.
    _worker["project"] = open_project(
        location, create=False, backup_on_open=False, check_file=False
    )
    _worker["cache"] = PipelineCache()


def _suggest_chunk(todo: list[tuple[int, str | None]], options: SuggestOptions) -> SuggestReport:
    project: OpenProject = _worker["project"]
    return suggest_documents(project.db, project.project_id, todo, options, _worker["cache"])


def suggest_in_processes(
    project: OpenProject,
    todo: list[tuple[int, str | None]],
    options: SuggestOptions,
    progress: Callable[[int, int], None] | None = None,
) -> SuggestReport:
    """Like ``suggest_documents`` with ``options.processes`` worker processes."""
    single = replace(options, processes=1)
    chunks = [todo[i : i + BATCH_DOCUMENTS] for i in range(0, len(todo), BATCH_DOCUMENTS)]
    location = project.location.url.render_as_string(hide_password=False)
    total = SuggestReport()
    done = 0
    context = multiprocessing.get_context("spawn")  # no inherited threads or connections
    with ProcessPoolExecutor(
        max_workers=options.processes,
        mp_context=context,
        initializer=_start_worker,
        initargs=(location,),
    ) as pool:
        futures = {pool.submit(_suggest_chunk, chunk, single): len(chunk) for chunk in chunks}
        for future in as_completed(futures):
            _add(total, future.result())
            done += futures[future]
            if progress is not None:
                progress(done, len(todo))
    return total


def _add(total: SuggestReport, part: SuggestReport) -> None:
    for name in ("documents", "added", "kept", "removed", "blocked", "words"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.pipelines.update(part.pipelines)
    total.skipped.update(part.skipped)
