"""Loading the entity models a project will need as soon as it is open, off the GUI thread,
so the first document shown does not wait for its model (about 10 s for the shipped one).

Only the languages of documents no suggester has run over yet: a project whose documents
all have their suggestions needs no model until "Suggest for all documents". The models go
into the suggestion controller's ``PipelineCache``, under the key the documents' jobs use.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal, Slot

from gui.workers import Worker
from services.pipelines import PipelineCache
from services.session import OpenProject
from services.suggestion_jobs import preload_job

PRELOAD_KEY = "suggestions/preload_model"  # QSettings: False, and models load on first use


class ModelPreloader(QObject):
    """``start(project)`` loads in the background; ``loaded`` says which languages' models
    are ready (origin by language), ``running`` whether it still loads."""

    loaded = Signal(object)  # dict[str, str]: language -> origin
    failed = Signal(str)

    def __init__(self, cache: PipelineCache, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self._cache, self._settings = cache, settings
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._worker: Worker | None = None
        self._project: OpenProject | None = None

    @property
    def running(self) -> bool:
        return self._worker is not None

    def enabled(self) -> bool:
        value = self._settings.value(PRELOAD_KEY, True)
        return value not in (False, "false", "0", 0)

    def start(self, project: OpenProject) -> bool:
        """Load the models ``project``'s unsuggested documents need; whether it started
        (not when switched off, nor while an earlier project's load still runs)."""
        if not self.enabled() or self._worker is not None:
            return False
        self._project = project
        worker = Worker(preload_job(project, self._cache))
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        self._worker = worker
        self._pool.start(worker)
        return True

    def forget(self) -> None:
        """The project closes: its result is not reported (the load itself runs on)."""
        self._project = None

    def shutdown(self) -> None:
        """The window closes: stop after the model being loaded, and wait for it."""
        self._project = None
        if self._worker is not None:
            self._worker.cancel()
        self._pool.waitForDone()

    @Slot(object)
    def _on_finished(self, origins: dict[str, str]) -> None:
        self._worker = None
        if self._project is not None:
            self.loaded.emit(origins)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._worker = None
        if self._project is not None:
            self.failed.emit(message)
