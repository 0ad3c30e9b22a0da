"""*File › Hand out to annotators…* and *File › Merge annotators' work…*: the offline team
of ``python main.py handout`` and ``python main.py merge``, as the window's background jobs
with progress (and Cancel for the merge, which is all or nothing), then a report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from gui.context import WindowContext
from gui.handout_dialog import HandoutDialog, split_names
from gui.handout_view import HandoutView
from gui.import_progress import SummaryMessage
from gui.job_progress import JobProgressDialog
from gui.team_reports import handout_message, merge_message
from services.changes import DOCUMENTS_IMPORTED, Changes
from services.team_jobs import (
    HandoutReport,
    MergeReport,
    assigned_annotators,
    handout_job,
    merge_job,
)

NAMES_KEY = "team/annotators"  # the names handed out to last time
FOLDER_KEY = "paths/handout"
MERGE_FOLDER_KEY = "paths/merge"
# A merge may bring documents, every kind of decision and labels or targets.
MERGED = Changes(
    documents=None,
    document_list=True,
    entities=True,
    stance=True,
    status=True,
    labels=True,
    targets=True,
)


class TeamWorkflow(QObject):
    """Owns the two File menu actions; ``handed_out(HandoutReport)`` and
    ``merged(MergeReport | None)`` (None: cancelled) after the report is shown."""

    handed_out = Signal(object)
    merged = Signal(object)

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        self._progress: JobProgressDialog | None = None
        self._folder = Path()
        self.handout_view: HandoutView | None = None
        window = context.window
        self.handout_action = QAction(self.tr("&Hand out to annotators…"), window)
        self.handout_action.setStatusTip(
            self.tr("Write one project file per annotator, to label offline")
        )
        self.handout_action.triggered.connect(self.choose_handout)
        self.merge_action = QAction(self.tr("&Merge annotators' work…"), window)
        self.merge_action.setStatusTip(
            self.tr("Bring the annotators' project files back into this project")
        )
        self.merge_action.triggered.connect(self.choose_merge)
        context.runner.busy_changed.connect(self.update_actions)
        context.changed.connect(self._on_changed)
        self.update_actions()

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project:
            self.update_actions()

    @Slot()
    def update_actions(self) -> None:
        ready = self._context.project is not None and not self._context.runner.busy
        self.handout_action.setEnabled(ready)
        self.merge_action.setEnabled(ready)

    # --- hand out -------------------------------------------------------------------------

    @Slot()
    def choose_handout(self) -> None:
        context = self._context
        if context.project is None:
            return
        dialog = HandoutDialog(self._names(), self._folder_guess(), context.window)
        try:
            if not self.ask(dialog):
                return
            names, folder = dialog.annotators(), dialog.folder()
            overlap, seed = dialog.overlap(), dialog.seed()
        finally:
            dialog.deleteLater()
        context.settings.setValue(NAMES_KEY, ", ".join(names))
        context.settings.setValue(FOLDER_KEY, str(folder))
        self.hand_out(names, folder, overlap=overlap, seed=seed)

    def ask(self, dialog: HandoutDialog) -> bool:
        """Whether the user chose to hand out (tests may drive ``exec`` by keys)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _names(self) -> list[str]:
        """The project's annotators (who has documents assigned), else the names handed
        out to last time."""
        project = self._context.project
        assigned = assigned_annotators(project) if project is not None else []
        return assigned or split_names(str(self._context.settings.value(NAMES_KEY, "") or ""))

    def _folder_guess(self) -> str:
        stored = str(self._context.settings.value(FOLDER_KEY, "") or "")
        project = self._context.project
        if stored or project is None or project.location.file is None:
            return stored
        return str(project.location.file.parent / "handout")

    def hand_out(self, names: list[str], folder: Path, *, overlap: float, seed: int) -> None:
        """Hand out in the background behind a progress dialog (the service cannot stop
        halfway, so there is no Cancel)."""
        context = self._context
        if context.project is None:
            return
        job = handout_job(context.project, names, folder, overlap=overlap, seed=seed)
        worker = context.runner.start(job, self._on_handed_out, self._on_handout_failed)
        if worker is None:
            return
        self._folder = folder
        busy = self.tr("Handing out…")
        self._progress = JobProgressDialog(context.window, self.tr("Hand out"), busy)
        self._progress.setCancelButton(None)
        worker.signals.step.connect(self._show_step)
        worker.signals.progress.connect(self._show_handout_progress)
        self._progress.show()
        context.status.set_busy(busy)

    @Slot(int, str)
    def _show_handout_progress(self, done: int, where: str) -> None:
        if self._progress is not None and where:
            text = self.tr("Writing the file for {0}…").format(where)
            self._progress.setLabelText(text)

    @Slot(object)
    def _on_handed_out(self, report: HandoutReport) -> None:
        self._end()
        # The assignments changed: the list's "assigned" view and counts follow.
        self._context.notify(DOCUMENTS_IMPORTED, self)
        self._show(handout_message(report, self._folder))
        self.handed_out.emit(report)

    @Slot(str)
    def _on_handout_failed(self, message: str) -> None:
        self._end()
        title = self.tr("Cannot hand out")
        self._context.show_message(QMessageBox.Icon.Critical, title, message)

    # --- merge ----------------------------------------------------------------------------

    @Slot()
    def choose_merge(self) -> None:
        context = self._context
        if context.project is None:
            return
        start = str(context.settings.value(MERGE_FOLDER_KEY, "") or self._folder_guess())
        files, _ = QFileDialog.getOpenFileNames(
            context.window,
            self.tr("Merge annotators' work"),
            start,
            self.tr("Standpunkt projects (*.sqlite);;All files (*)"),
        )
        if files:
            context.settings.setValue(MERGE_FOLDER_KEY, str(Path(files[0]).parent))
            self.merge([Path(f) for f in files])

    def merge(self, files: list[Path]) -> None:
        """Merge in the background behind a progress dialog that can cancel (all or
        nothing: a cancelled merge changes nothing)."""
        context = self._context
        if context.project is None or not files:
            return
        worker = context.runner.start(
            merge_job(context.project, files), self._on_merged, self._on_merge_failed
        )
        if worker is None:
            return
        busy = self.tr("Merging…")
        self._progress = JobProgressDialog(context.window, self.tr("Merge"), busy)
        worker.signals.step.connect(self._show_step)
        worker.signals.progress.connect(self._show_merge_progress)
        self._progress.canceled.connect(context.runner.cancel)
        self._progress.show()
        context.status.set_busy(busy)
        context.status.set_saved(False)

    @Slot(int, str)
    def _show_merge_progress(self, done: int, where: str) -> None:
        if self._progress is None or self._progress.wasCanceled():
            return
        if where:
            name = Path(where).name if "://" not in where else where
            self._progress.setLabelText(self.tr("Merging {0}…").format(name))
        else:
            self._progress.setLabelText(self.tr("Finishing…"))

    @Slot(object)
    def _on_merged(self, report: MergeReport | None) -> None:
        self._end()
        context = self._context
        context.status.set_saved(True)
        if report is None:
            text = self.tr("The merge was cancelled; the project is unchanged.")
            context.show_message(QMessageBox.Icon.Information, self.tr("Merge"), text)
        else:
            context.notify(MERGED, self)  # the list, the shown document, the counts
            self._show(merge_message(report))
        self.merged.emit(report)

    @Slot(str)
    def _on_merge_failed(self, message: str) -> None:
        self._end()
        self._context.status.set_saved(True)
        title = self.tr("Cannot merge")
        hint = self.tr("Nothing was merged; the project is unchanged.")
        self._context.show_message(QMessageBox.Icon.Critical, title, message, hint)

    # --- both -----------------------------------------------------------------------------

    @Slot(int, int)
    def _show_step(self, done: int, total: int) -> None:
        if self._progress is None or self._progress.wasCanceled():
            return
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)

    def _show(self, message: SummaryMessage) -> None:
        self._context.show_message(
            message.icon, message.title, message.text, message.informative, message.details
        )

    def _end(self) -> None:
        if self._progress is not None:
            self._progress.finish()
            self._progress = None


def install_team(context: WindowContext) -> TeamWorkflow:
    """The two actions in the File menu, in a group of their own after *Import* and
    *Export*."""
    workflow = TeamWorkflow(context)
    workflow.handout_view = HandoutView(context)  # a handed-out file says whose work it is
    menus = context.menus
    assert menus is not None
    actions = menus.file.actions()
    start = actions.index(menus.import_action)
    separator = next((a for a in actions[start:] if a.isSeparator()), None)
    team = [workflow.handout_action, workflow.merge_action]
    if separator is None:
        menus.file.addSeparator()
        menus.file.addActions(team)
        return workflow
    after = actions.index(separator) + 1
    before = actions[after] if after < len(actions) else None
    menus.file.insertActions(before, team)  # type: ignore[arg-type]  # None: at the end
    if before is not None:
        menus.file.insertSeparator(before)
    return workflow
