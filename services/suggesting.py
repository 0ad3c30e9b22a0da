"""Suggesting entities for a project's documents: pick the pipeline per language (the one
the user names, else the project's active trained model, else the resolver's), run it in
batches, store what it finds without touching annotators' decisions.

A model's run takes over the open suggestions other models left in the same documents, so a
newly activated model replaces the previous one's instead of adding to them; what an
annotator decided on stays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import spacy

from nlp.entity_suggester import (
    EntitySuggester,
    EntitySuggestion,
    prepare_pipeline,
    temperature_of,
)
from nlp.patterns import PatternSet, load_patterns, project_pattern_files, shipped_pattern_files
from nlp.pipelines import (
    PipelineCache,
    PipelineChoice,
    PipelineUnavailableError,
    load_fresh,
    resolve_pipeline,
    trained_pipeline,
)
from nlp.suggest_stance import StanceReport, suggest_stance
from storage.database import Database
from storage.documents import get_document
from storage.label_habits import LabelHabit, rejected_labels, relabel_habits
from storage.memory.suggestions import refresh_document_memory
from storage.model_registry import model_origin_names
from storage.project import OpenProject
from storage.stance.store import SUGGEST_STANCE_ACTION
from storage.suggestions import (
    SpanSuggestion,
    documents_to_suggest,
    store_many_suggestions,
)

BATCH_DOCUMENTS = 64


@dataclass
class SuggestReport:
    documents: int = 0
    added: int = 0
    kept: int = 0
    removed: int = 0
    blocked: int = 0
    words: int = 0
    pipelines: dict[str, str] = field(default_factory=dict)  # language -> origin
    skipped: dict[str, str] = field(default_factory=dict)  # language -> why
    cancelled: bool = False


@dataclass
class SuggestOptions:
    model: str | None = None  # a pipeline the user names, else the project's active model
    only_new: bool = False
    language: str | None = None
    processes: int = 1  # worker processes for batch runs (see suggest_project_in_processes)
    pattern_files: list[Path] = field(default_factory=list)  # the project's own, on top
    # Texts per nlp.pipe batch. The model holds the GIL for a whole batch: in the app, small
    # batches keep the window responsive (8: about 15 ms a batch instead of 60) at the same
    # throughput.
    pipe_batch_size: int = 32


def own_pattern_files(project: OpenProject) -> list[Path]:
    """The project's own pattern files (``<project file>.patterns/*.jsonl``; none for a
    project on a server), for ``SuggestOptions.pattern_files``."""
    return project_pattern_files(project.location.file)


def suggest_project(
    db: Database,
    project_id: int,
    options: SuggestOptions,
    cache: PipelineCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> SuggestReport:
    """Run the entity suggesters over the project's documents; return what happened."""
    with db.read() as session:
        todo = documents_to_suggest(session, project_id, options.only_new, options.language)
    return suggest_documents(db, project_id, todo, options, cache, progress, should_cancel)


def suggest_project_in_processes(
    project: OpenProject,
    options: SuggestOptions,
    progress: Callable[[int, int], None] | None = None,
) -> SuggestReport:
    """``suggest_project`` for batch runs: with ``options.processes`` > 1 and enough
    documents, workers in separate processes do the work (see ``services.parallel_suggesting``)."""
    with project.db.read() as session:
        todo = documents_to_suggest(session, project.project_id, options.only_new, options.language)
    if options.processes > 1 and len(todo) > BATCH_DOCUMENTS:
        from services.parallel_suggesting import suggest_in_processes

        return suggest_in_processes(project, todo, options, progress)
    return suggest_documents(project.db, project.project_id, todo, options, None, progress)


def suggest_documents(
    db: Database,
    project_id: int,
    todo: list[tuple[int, str | None]],
    options: SuggestOptions,
    cache: PipelineCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] = lambda: False,
) -> SuggestReport:
    """Suggest for the documents ``todo`` ((id, language) pairs), language by language."""
    cache = cache or PipelineCache()
    patterns = load_patterns(shipped_pattern_files() + list(options.pattern_files))
    report = SuggestReport()
    done = 0

    def language_of(item: tuple[int, str | None]) -> str:
        return item[1] or options.language or ""

    for language, items in groupby(sorted(todo, key=language_of), key=language_of):
        ids = [document_id for document_id, _ in items]
        suggester = _suggester_for(
            db, project_id, language or None, options, cache, patterns, report
        )
        if suggester is None:
            done += len(ids)
            continue
        for start in range(0, len(ids), BATCH_DOCUMENTS):
            if should_cancel():
                report.cancelled = True
                return report
            batch = ids[start : start + BATCH_DOCUMENTS]
            _suggest_batch(db, project_id, suggester, patterns, batch, options, report)
            done += len(batch)
            if progress is not None:
                progress(done, len(todo))
    return report


def suggest_patterns_first(
    db: Database,
    project_id: int,
    document_id: int,
    language: str,
    options: SuggestOptions,
    cache: PipelineCache,
) -> SuggestReport:
    """The suggestions that need no model, for one document: the patterns' (a blank
    pipeline, in a second or less even for a long article) and the project memory's; the
    model's follow (``suggest_documents``), replacing the patterns' run with its own."""
    patterns = load_patterns(shipped_pattern_files() + list(options.pattern_files))
    report = SuggestReport()
    suggester = _patterns_only(language, cache, patterns, report)
    _suggest_batch(db, project_id, suggester, patterns, [document_id], options, report)
    with db.write() as session:
        refresh_document_memory(session, project_id, document_id)
    return report


def prepare_suggester(
    db: Database, project_id: int, language: str, options: SuggestOptions, cache: PipelineCache
) -> str | None:
    """Load and prepare the suggester ``suggest_documents`` will use for ``language`` (the
    same cache key), so the first document shown does not wait for it; its origin, or None
    when there is no pipeline for the language."""
    patterns = load_patterns(shipped_pattern_files() + list(options.pattern_files))
    report = SuggestReport()
    _suggester_for(db, project_id, language, options, cache, patterns, report)
    return report.pipelines.get(language)


def _suggester_for(
    db: Database,
    project_id: int,
    language: str | None,
    options: SuggestOptions,
    cache: PipelineCache,
    patterns: PatternSet,
    report: SuggestReport,
) -> EntitySuggester | None:
    """The prepared suggester for a language: its model and the patterns; only the patterns
    when the language has no pipeline (the reason goes to ``report.skipped``)."""
    key = language or "unknown"
    if language is None and options.model is None:
        report.skipped[key] = "language unknown; name it with --language"
        return None
    try:
        trained = None
        if options.model is None and language is not None:
            trained = trained_pipeline(db, project_id, language)
        # A pipeline the user named is used for documents of unknown language too.
        choice = trained or resolve_pipeline(language or "xx", options.model)
    except PipelineUnavailableError as exc:
        if options.model is not None or language is None:
            report.skipped[key] = str(exc)
            return None
        report.skipped[key] = str(exc)  # a notice: the patterns still run
        return _patterns_only(language, cache, patterns, report)
    try:
        suggester = cache.prepared(
            (choice.location, patterns.version),
            lambda: EntitySuggester(
                prepare_pipeline(
                    load_fresh(choice.location), patterns, temperature_of(choice.location)
                ),
                choice,
                patterns,
            ),
        )
    except PipelineUnavailableError as exc:
        report.skipped[key] = str(exc)
        return None
    report.pipelines[key] = choice.origin
    return suggester


def _patterns_only(
    language: str, cache: PipelineCache, patterns: PatternSet, report: SuggestReport
) -> EntitySuggester:
    choice = PipelineChoice(language, f"blank:{language}", f"{language}_blank", "0", "blank")

    def make() -> EntitySuggester:
        nlp = spacy.blank(language) if language in ("de", "en") else spacy.blank("xx")
        return EntitySuggester(prepare_pipeline(nlp, patterns), choice, patterns)

    report.pipelines[language] = "patterns only"
    return cache.prepared((choice.location, patterns.version), make)


def _suggest_batch(
    db: Database,
    project_id: int,
    suggester: EntitySuggester,
    patterns: PatternSet,
    ids: list[int],
    options: SuggestOptions,
    report: SuggestReport,
) -> None:
    with db.read() as session:
        texts = [get_document(session, project_id, i).text for i in ids]  # type: ignore[union-attr]
        # A model's run speaks for every model's open suggestions there (see the docstring).
        others = model_origin_names(session, ids) if suggester.choice.source != "blank" else set()
        habits = relabel_habits(session, project_id)
        dropped = rejected_labels(session, project_id)
    found = suggester.suggest(texts, batch_size=options.pipe_batch_size)
    replaces = {suggester.choice.name, *patterns.files.values(), *others}
    # A label the annotators reject nearly every time from this suggester is not suggested:
    # each would cost a rejection.
    converted = [
        [_in_project_labels(s, habits) for s in found_ if (s.origin_kind, s.label) not in dropped]
        for found_ in found
    ]
    results = store_many_suggestions(
        db, project_id, list(zip(ids, converted, strict=True)), replaces
    )
    for text, stored in zip(texts, results, strict=True):
        report.documents += 1
        report.words += len(text.split())
        report.added += stored.added
        report.kept += stored.kept
        report.removed += stored.removed
        report.blocked += stored.blocked


def _in_project_labels(
    found: EntitySuggestion, habits: dict[tuple[str, str], LabelHabit]
) -> SpanSuggestion:
    """The suggestion to store, with the label the project's annotators give it where they
    relabel that suggester's label the same way most of the time (the explanation says so)."""
    habit = habits.get((found.origin_kind, found.label))
    label, detail = found.label, found.origin_detail
    if habit is not None:
        label = habit.taken
        learnt = f"{habit.given} shown as {habit.taken}: relabelled so {habit.times} of "
        learnt += f"{habit.decisions} times"
        detail = f"{detail}; {learnt}" if detail else learnt
    return SpanSuggestion(
        found.start,
        found.end,
        label,
        found.confidence,
        found.origin_kind,
        found.origin_name,
        found.origin_version,
        detail,
    )


def suggest_project_stance(
    project: OpenProject,
    only_new: bool,
    language: str | None,
    progress: Callable[[int, int], None] | None = None,
) -> StanceReport:
    """Stance suggestions toward the project's targets for its documents (``only_new``: the
    ones the stance suggester has not seen yet)."""
    with project.db.read() as session:
        todo = documents_to_suggest(
            session, project.project_id, only_new, language, SUGGEST_STANCE_ACTION
        )
    return suggest_stance(project.db, project.project_id, todo, language, progress=progress)
