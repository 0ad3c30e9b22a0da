"""*File › Open project…* and every other opening of a project: the open job runs in the
background (the current project stays open until the new one is ready, and stays if that
fails); the window takes the project that ``opened`` announces and sets its views up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.context import WindowContext
from gui.workers import Worker
from services.session import DamagedProjectError, OpenedProject, location_name, open_project_job


class ProjectOpener(QObject):
    """Opens projects as the window's background job: ``opened(OpenedProject)`` when one is
    ready, ``damaged(DamagedProjectError)`` when its file is damaged (its backups are then
    offered); any other failure is shown here."""

    opened = Signal(object)  # OpenedProject
    damaged = Signal(object)  # DamagedProjectError

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        self._opening: Worker | None = None  # the open job: its error says what failed

    @Slot()
    def choose(self) -> None:
        settings = self._context.settings
        start = str(settings.value("paths/projects", "") or "")
        file, _ = QFileDialog.getOpenFileName(
            self._context.window,
            self.tr("Open project"),
            start,
            self.tr("Standpunkt projects (*.sqlite);;All files (*)"),
        )
        if file:
            settings.setValue("paths/projects", str(Path(file).parent))
            self.open(file, create=False)  # a chosen file exists: never make one

    def open(self, location: str | Path, create: bool = True) -> None:
        """Open (or create) the project in the background."""
        context = self._context
        # The user's own name: a handed-out file names its annotator itself (and the one open
        # now, perhaps handed out, must not pass its annotator on to the next project).
        job = open_project_job(
            location, context.chosen_annotator, context.samples_dir, create=create
        )
        worker = context.runner.start(job, self._on_opened, self._on_failed)
        if worker is not None:
            self._opening = worker
            context.status.set_busy(self.tr("Opening {0}…").format(location_name(location)))

    @Slot(object)
    def _on_opened(self, opened: OpenedProject) -> None:
        self._opening = None
        self.opened.emit(opened)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        worker, self._opening = self._opening, None
        error = worker.error if worker is not None else None
        if isinstance(error, DamagedProjectError):  # offer its backups
            self.damaged.emit(error)
            return
        hint = self.tr("Choose a project with File > Open project…")
        title = self.tr("Cannot open project")
        self._context.show_message(QMessageBox.Icon.Critical, title, message, hint)
