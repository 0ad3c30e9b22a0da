"""Showing the selected document's entity spans and sentence stance, and suggesting both in
the background.

A document no suggester has run over yet is suggested for as soon as it is shown; what it
already has is painted at once, the suggestions that need no model (patterns, project
memory) a moment later, the model's when the job is done. Stance toward the project's
targets is suggested in the same job, after the entities (only in a project with targets,
once per document). The models load when a project opens (``gui.model_preloader``), off
the GUI thread, and stay loaded (one ``PipelineCache`` per window).
Per-document jobs run one at a time; while one runs, only the latest document asked for
waits, and results for a document that is no longer shown are stored but not painted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from gui.article_view import ArticleView
from gui.highlights import DEFAULT_MIN_CONFIDENCE
from gui.job_runner import JobRunner
from gui.model_preloader import ModelPreloader
from gui.nlp_explanations import missing_pipeline_text
from gui.status_bar import MESSAGE_MS, ProjectStatusBar
from gui.suggest_progress import SuggestProgressDialog
from gui.workers import Worker
from services.changes import Changes
from services.document_view import read_shown, read_spans
from services.pipelines import (
    PipelineCache,
    PipelineChoice,
    PipelineUnavailableError,
    resolve_pipeline,
)
from services.session import OpenProject
from services.suggestion_jobs import (
    AllSuggested,
    DocumentSuggested,
    suggest_all_job,
    suggest_document_job,
)
from services.values import DocumentRow, ModelInfo, StorageError, storage_error_text

MIN_CONFIDENCE_KEY = "suggestions/min_confidence"


@dataclass(frozen=True)
class _Running:
    worker: Worker
    project: OpenProject
    document_id: int


class SuggestionController(QObject):
    """``show(row)`` after the article view shows a document's text; ``suggest_all`` for
    the "Suggest entities for all documents" action."""

    shown = Signal(int, int)  # document id, spans highlighted: its final highlights are painted
    document_changed = Signal(int)  # a document got new suggestions (its span count changed)
    all_finished = Signal(object)  # AllSuggested of "suggest for all"
    all_failed = Signal(str)

    def __init__(
        self,
        article: ArticleView,
        status: ProjectStatusBar,
        runner: JobRunner,
        settings: QSettings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._article, self._status, self._runner = article, status, runner
        self._settings, self._window = settings, parent
        self.cache = PipelineCache()
        # The patterns' blank pipeline, apart: ``cache`` waits while a model loads into it.
        self.quick_cache = PipelineCache()
        self.preloader = ModelPreloader(self.cache, settings, self)
        self.preloader.loaded.connect(self._on_preloaded)
        self.preloader.failed.connect(self._on_preload_failed)
        self._lock = threading.Lock()  # one suggest run at a time uses a loaded pipeline
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._project: OpenProject | None = None
        self._annotator_id = 0
        self._current: DocumentRow | None = None
        self._running: _Running | None = None
        self._finished_worker: Worker | None = None  # freed when the next job starts
        self._next: DocumentRow | None = None
        self._retired: list[OpenProject] = []
        self._pipelines: dict[str, PipelineChoice | str] = {}  # language -> choice or why not
        # Languages where not even the pattern files could suggest (a model that failed to
        # load): shown documents are not sent to a job that would fail again.
        self._failed: set[str] = set()
        self._loaded: set[str] = set()  # languages whose pipeline is loaded
        self._progress: SuggestProgressDialog | None = None
        self._suggesting_all = False
        self._stance_tried: set[int] = set()  # documents a stance job ran for (this project)
        # When the stance suggester that suggests now took over (None: the lexicon, always):
        # a document it has not run over gets its suggestions when shown.
        self.stance_since: datetime | None = None
        # The project's trained entity model that suggests now (None: the shipped or an
        # installed pipeline); documents suggested for before it took over are suggested
        # for again when shown.
        self.entity_model: ModelInfo | None = None

    # --- the project ------------------------------------------------------------------

    def set_project(
        self, project: OpenProject, annotator_id: int, stance_since: datetime | None = None
    ) -> None:
        self._project, self._annotator_id = project, annotator_id
        self._current = self._next = None
        self._stance_tried = set()
        self.stance_since = stance_since
        self._status.set_stance_suggester(None)
        if self.preloader.start(project):
            self._status.set_suggesting(self.tr("Loading model…"))

    @Slot(object)
    def _on_preloaded(self, origins: dict[str, str]) -> None:
        self._loaded |= set(origins)
        if self._running is None:
            self._status.set_suggesting(None)

    @Slot(str)
    def _on_preload_failed(self, message: str) -> None:
        # The document's own job loads the model again and says what went wrong.
        if self._running is None:
            self._status.set_suggesting(None)

    def set_entity_model(self, model: ModelInfo | None, resuggest: bool = False) -> None:
        """The project's active entity model (None: none trained); with ``resuggest`` the
        shown document gets its suggestions at once."""
        self.entity_model = model
        self._pipelines.clear()
        self._failed.clear()
        if resuggest and self._current is not None:
            self.show(self._current)
            running = self._running
            if running is not None and running.document_id == self._current.id:
                self._next = self._current  # the job running is the old model's: once more

    @property
    def entities_since(self) -> datetime | None:
        model = self.entity_model
        return model.activated_at if model is not None else None

    def stance_changed_at(self, since: datetime | None) -> None:
        """Stance suggested before ``since`` is out of date (another suggester took over, or
        the targets changed): documents are suggested for again when they are shown (the
        one shown now at once)."""
        self.stance_since = max((t for t in (since, self.stance_since) if t), default=None)
        self._stance_tried = set()
        if self._current is not None:
            self.show(self._current)

    @Slot(object, object)
    def on_changed(self, changes: Changes, _initiator: object) -> None:
        """Paint the shown document again when what it shows changed."""
        shown = self._current.id if self._current is not None else None
        drawn = changes.entities or changes.stance or changes.reset
        if (drawn and changes.concerns(shown)) or changes.labels or changes.display:
            # An entity decision leaves the stance as it was: not read again (a long
            # article's stance costs a key press milliseconds).
            entities_only = changes.entities and not (
                changes.stance or changes.reset or changes.labels or changes.display
            )
            if entities_only and self._current is not None:
                # Only the rows the log says changed are read again (a decision in a
                # 2,700-span article read them all in 20 ms).
                self._repaint_current(stance=False, since_last_read=True)
            else:
                self.repaint()

    def repaint(self, stance: bool = True) -> None:
        """Paint the shown document again (after an annotator's decision); ``stance``
        False: its entity spans only."""
        if self._current is not None:
            self._repaint_current(stance)

    def retire(self, project: OpenProject) -> None:
        """Close ``project`` now, or after the job that still uses it."""
        if self._running is not None and self._running.project is project:
            self._retired.append(project)
        else:
            project.close()

    def shutdown(self) -> None:
        """Wait for the running job (the window closes) and close what it held open; results
        still on their way are dropped."""
        self._project = self._current = self._next = None
        self.preloader.shutdown()
        self._pool.waitForDone()
        self._close_retired()

    # --- one document -----------------------------------------------------------------

    def show(self, row: DocumentRow | None) -> None:
        """Paint the spans of the document just shown; suggest for it if nobody has."""
        self._current = row
        if row is None or self._project is None:
            self._status.set_model(None)
            return
        pipeline = self._pipeline(row.language)
        available = isinstance(pipeline, PipelineChoice)
        self._status.set_model(
            pipeline.origin if available else None, row.language, self._model_f1(pipeline)
        )
        self._show_notice(None if available else str(pipeline), row.language)
        painted = self._paint(row.id)
        if painted is None:
            return
        suggested, count, stance_needed = painted
        # Without a model for the language the pattern files still suggest (in the job).
        entities = self._can_suggest(row.language) and not suggested and not self._suggesting_all
        stance = stance_needed and row.id not in self._stance_tried and not self._suggesting_all
        if entities or stance:
            self._request(row, entities)  # the final highlights come when the job is done
        else:
            self.shown.emit(row.id, count)

    def _pipeline(self, language: str | None) -> PipelineChoice | str:
        if not language:
            return self.tr("The document's language is unknown.")
        if language not in self._pipelines:
            model = self.entity_model
            usable = model is not None and model.language == language
            # A trained model whose folder went away: the shipped one suggests again.
            trained = model.path if usable and Path(model.path).is_dir() else None  # type: ignore[union-attr]
            try:
                self._pipelines[language] = resolve_pipeline(language, trained)
            except PipelineUnavailableError as exc:
                missing = exc.missing_language
                self._pipelines[language] = missing_pipeline_text(missing) if missing else str(exc)
        return self._pipelines[language]

    def _can_suggest(self, language: str | None) -> bool:
        return bool(language) and language not in self._failed

    def _model_f1(self, pipeline: PipelineChoice | str) -> float | None:
        """The held-out F1 of the project's trained model, when it is the one suggesting."""
        model = self.entity_model
        if model is None or not isinstance(pipeline, PipelineChoice):
            return None
        return model.f1 if pipeline.location == str(Path(model.path).resolve()) else None

    def _show_notice(self, why: str | None, language: str | None = None) -> None:
        """Why the model does not suggest here: only the pattern files do, or nothing."""
        if not why:
            text = None
        elif self._can_suggest(language):
            text = why  # it says that the pattern files suggest, and how to add a model
        else:
            text = self.tr("No entity suggestions for this document. {0}").format(why)
        self._article.set_notice(text)

    def _paint(
        self, document_id: int, stance: bool = True, since_last_read: bool = False
    ) -> tuple[bool, int, bool] | None:
        """Highlight the document's spans and (``stance``) tint its stance: (whether it was
        suggested for, how many spans shown, whether stance is still to be suggested for
        it; False when the stance was not read). ``since_last_read``: the spans that
        changed since the document was last read are read again, not all."""
        project = self._project
        assert project is not None
        annotator, since = self._annotator_id, self.entities_since
        try:
            if stance:
                shown = read_shown(project, document_id, annotator, since, self.stance_since)
                spans, needs_stance = shown.spans, shown.stance.needs_suggesting
            else:
                spans = read_spans(
                    project, document_id, annotator, since, since_last_read=since_last_read
                )
                needs_stance = False
        except StorageError as exc:
            text = self.tr("Cannot read the entity spans: {0}").format(storage_error_text(exc))
            self._status.showMessage(text, MESSAGE_MS)
            return None
        if stance:
            self._article.show_stance(shown.stance, paint=False)  # painted with the spans
        count = self._article.show_spans(spans, self.min_confidence())
        return spans.suggested, count, needs_stance

    def min_confidence(self) -> float:
        """Suggestions less confident than this are not highlighted (a setting)."""
        value = self._settings.value(MIN_CONFIDENCE_KEY, DEFAULT_MIN_CONFIDENCE)
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return DEFAULT_MIN_CONFIDENCE

    def _request(self, row: DocumentRow, entities: bool = True) -> None:
        if self._running is not None:
            # The latest document asked for replaces any earlier one; none when it is the
            # one the job works on already.
            running = self._running
            same = running.project is self._project and running.document_id == row.id
            self._next = None if same else row
            return
        assert self._project is not None
        self._pool.waitForDone()  # the last worker may still be returning from run()
        self._finished_worker = None
        entities = entities and row.language is not None
        job = suggest_document_job(
            self._project,
            row.id,
            row.language,
            self.cache,
            self._lock,
            entities=entities,
            entities_since=self.entities_since,
            stance_since=self.stance_since,
            quick_cache=self.quick_cache,
        )
        worker = Worker(job)
        worker.signals.step.connect(self._on_quick_suggested)
        worker.signals.finished.connect(self._on_suggested)
        worker.signals.failed.connect(self._on_failed)
        self._running = _Running(worker, self._project, row.id)
        self._stance_tried.add(row.id)
        if not entities:
            self._status.set_suggesting(self.tr("Suggesting stance…"))
        elif row.language not in self._loaded:
            self._status.set_suggesting(self.tr("Loading model…"))
        else:
            self._status.set_suggesting(self.tr("Suggesting entities…"))
        self._pool.start(worker)

    @Slot(int, int)
    def _on_quick_suggested(self, _done: int, _total: int) -> None:
        """The patterns' and the memory's suggestions are stored: shown while the model
        still runs (its own come with the job's end)."""
        running = self._running
        if running is None or running.project is not self._project:
            return
        if self._current is not None and self._current.id == running.document_id:
            self._paint(self._current.id)  # not ``shown``: the final highlights come later

    @Slot(object)
    def _on_suggested(self, result: DocumentSuggested) -> None:
        running = self._end_job()
        if running.project is not self._project:  # another project is open now (or none)
            self._start_next()
            return
        if result.origin is not None:
            self._loaded.add(result.language)
        if result.skipped is not None and result.origin is None:  # a model failed to load
            self._pipelines[result.language] = result.skipped
            self._failed.add(result.language)
        if result.stance_suggester is not None:
            self._status.set_stance_suggester(result.stance_suggester)
        if not result.already:
            self.document_changed.emit(result.document_id)
        if self._current is not None and self._current.id == result.document_id:
            if result.skipped is not None:
                self._status.set_model(None, result.language)
                self._show_notice(str(self._pipeline(result.language)), result.language)
            self._repaint_current()
        self._start_next()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        running = self._end_job()
        if running.project is not self._project:
            self._start_next()
            return
        text = self.tr("Cannot suggest entities: {0}").format(message)
        self._status.showMessage(text, MESSAGE_MS)
        if self._current is not None and self._current.id == running.document_id:
            self._repaint_current()
        self._start_next()

    def _repaint_current(self, stance: bool = True, since_last_read: bool = False) -> None:
        assert self._current is not None
        painted = self._paint(self._current.id, stance, since_last_read)
        if painted is not None:
            self.shown.emit(self._current.id, painted[1])

    def _end_job(self) -> _Running:
        assert self._running is not None
        running, self._running = self._running, None
        self._finished_worker = running.worker
        self._status.set_suggesting(self.tr("Loading model…") if self.preloader.running else None)
        self._close_retired()
        return running

    def _start_next(self) -> None:
        row, self._next = self._next, None
        current = self._current
        if row is None or self._project is None or current is None or current.id != row.id:
            return  # only the document the user is reading now; one they left can wait
        self._request(row, self._can_suggest(row.language))

    def _close_retired(self) -> None:
        for project in self._retired:
            project.close()
        self._retired.clear()

    # --- all documents ----------------------------------------------------------------

    def suggest_all(self) -> None:
        """Suggest for every document of the project behind a progress dialog that can
        cancel; ``all_finished`` or ``all_failed`` tells how it went."""
        if self._project is None:
            return
        job = suggest_all_job(self._project, self.cache, self._lock)
        worker = self._runner.start(job, self._on_all_finished, self._on_all_failed)
        if worker is None:
            return
        self._suggesting_all = True
        self._progress = SuggestProgressDialog(self._window)
        worker.signals.step.connect(self._progress.show_progress)
        self._progress.canceled.connect(self._runner.cancel)
        self._progress.show()
        self._status.set_busy(self.tr("Suggesting for all documents…"))
        self._status.set_saved(False)

    def _on_all_finished(self, report: AllSuggested) -> None:
        self._end_all()
        if report.entities is not None:
            self._loaded |= set(report.entities.pipelines)
        if report.stance is not None and report.stance.suggesters:
            self._status.set_stance_suggester(next(iter(report.stance.suggesters.values())))
        if self._project is not None:  # not after the window closed
            self.all_finished.emit(report)

    def _on_all_failed(self, message: str) -> None:
        self._end_all()
        if self._project is not None:
            self.all_failed.emit(message)

    def _end_all(self) -> None:
        self._suggesting_all = False
        self._status.set_saved(True)
        if self._progress is not None:
            self._progress.finish()
            self._progress = None
