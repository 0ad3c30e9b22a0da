"""*File › Restore from backup…*: make one of a project file's backups the project again.

The dialog (``gui.restore_dialog``) lists the backups and their checks; here the user's
choice is confirmed, the project is closed in the window if it is the one restored (its file
must not be open while it is replaced), ``storage.backup.restore_backup`` runs through the
window's job runner (so no other job holds the database meanwhile, and none starts), and the
restored project is opened. The file it replaced is kept in the backups folder.

A project that cannot be opened because its file is damaged is offered here too: the window's
message box gets a *Restore from backup…* button that opens the same dialog for that file.
Projects on a database server have no backups of ours: the action is disabled for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from gui.backup_table import reason_text, when_text
from gui.context import WindowContext
from gui.message_boxes import confirm
from gui.restore_dialog import RestoreDialog
from gui.status_bar import MESSAGE_MS
from services.backups import BackupRow, RestoreReport, backup_dir_for, backup_info, restore_job
from services.changes import Changes
from services.session import DamagedProjectError


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


class RestoreProgress(QProgressDialog):
    """A moving bar while the backup is checked and copied; a restore is not cancelled
    halfway, so neither Escape nor the window's close button closes it."""

    def __init__(self, parent: QWidget, label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setLabelText(label)
        self.setCancelButton(None)
        self.setRange(0, 0)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)  # the statistics too
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self._finished = False

    def finish(self) -> None:
        self._finished = True
        self.close()
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._finished:
            super().closeEvent(event)
        else:
            event.ignore()


@dataclass
class _Restoring:
    project_file: Path
    backup: BackupRow
    was_open: bool  # the window showed the project: open it again if the restore fails


class RestoreWorkflow(QObject):
    """Owns the action, the dialog and the restore job of one context."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        self.dialog: RestoreDialog | None = None
        self._progress: RestoreProgress | None = None
        self._restoring: _Restoring | None = None
        # Said once the restored project is open: what was restored, from a backup of when.
        self._announce: tuple[RestoreReport, datetime | None] | None = None
        self._refused: Path | None = None  # the last project file refused as damaged
        self.action = QAction(self.tr("Restore from &backup…"), context.window)
        self.action.triggered.connect(self.choose)
        context.project_opened.connect(self._on_project_opened)
        context.runner.busy_changed.connect(self._on_busy_changed)
        context.changed.connect(self._on_changed)
        context.shutting_down.connect(self.shutdown)
        self.update_action()

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project:
            self.update_action()

    # --- the action ---------------------------------------------------------------------

    def update_action(self) -> None:
        context = self._context
        project = context.project
        on_server = project is not None and project.location.file is None
        self.action.setEnabled(not context.runner.busy and not on_server)
        if on_server:
            tip = self.tr(
                "Only project files have backups here; a project on a database server is "
                "backed up by its server."
            )
        else:
            tip = self.tr("Replace the project file with one of its backups")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        if self.dialog is not None:
            self.dialog.set_can_restore(not context.runner.busy)

    @Slot(bool)
    def _on_busy_changed(self, _busy: bool) -> None:
        self.update_action()

    @Slot()
    def choose(self) -> None:
        """The open project's backups; with none open, those of the last project refused
        as damaged, else of a project file the user chooses."""
        project = self._context.project
        if project is not None:
            file = project.location.file
        elif self._refused is not None and self._refused.exists():
            file = self._refused
        else:
            chosen = self.choose_project_file()
            file = Path(chosen) if chosen else None
        if file is not None:
            self.show_dialog(file)

    def choose_project_file(self) -> str:
        """A project file whose backups to show, "" when cancelled (tests replace this)."""
        start = str(self._context.settings.value("paths/projects", "") or "")
        file, _ = QFileDialog.getOpenFileName(
            self._context.window,
            self.tr("Restore from backup"),
            start,
            self.tr("Standpunkt projects (*.sqlite);;All files (*)"),
        )
        return file

    def show_dialog(self, project_file: Path) -> RestoreDialog:
        """Show the backups of ``project_file`` (open in the window or not)."""
        self._drop_dialog()
        dialog = RestoreDialog(project_file, self._context.window)
        dialog.restore_requested.connect(self._confirm)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.set_can_restore(not self._context.runner.busy)
        self.dialog = dialog
        dialog.open()  # window-modal, without blocking: the checks report meanwhile
        return dialog

    def shutdown(self) -> None:
        """The window closes: stop the checks of an open dialog."""
        if self.dialog is not None:
            self.dialog.shutdown()

    def _drop_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.checker.cancel()
        dialog.hide()
        if dialog.checker.running:  # deleted once its check has ended, never waited for
            dialog.checker.finished.connect(dialog.deleteLater)
        else:
            dialog.deleteLater()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        self._drop_dialog()

    # --- a damaged project ----------------------------------------------------------------

    def offer(self, error: DamagedProjectError) -> QMessageBox:
        """Say that ``error.file`` is damaged and was not opened, with a button that shows
        its backups (when a good one was found)."""
        self._refused = error.file
        text = self.tr("{0} is damaged and was not opened. It was left as it is.").format(
            error.file
        )
        if error.backup is not None:
            taken = when_text(backup_info(error.file, error.backup).taken_at)
            text += "\n\n" + self.tr("The newest good backup was taken {0}: {1}.").format(
                taken, error.backup.name
            )
            hint = self.tr(
                "Restore from backup… shows the backups and makes the one you choose the "
                "project again; the damaged file is kept in the backups folder."
            )
        else:
            folder = backup_dir_for(error.file)
            text += "\n\n" + self.tr("No good backup was found in {0}.").format(folder)
            hint = ""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Cannot open project"),
            text,
            parent=self._context.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(hint)
        box.setDetailedText(str(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if error.backup is not None:
            button = box.addButton(
                self.tr("&Restore from backup…"), QMessageBox.ButtonRole.AcceptRole
            )
            box.addButton(QMessageBox.StandardButton.Close)
            box.setDefaultButton(button)
            file = error.file
            button.clicked.connect(lambda: self.show_dialog(file))
        else:
            box.addButton(QMessageBox.StandardButton.Ok)
        box.open()
        return box

    # --- restoring ------------------------------------------------------------------------

    @Slot(object)
    def _confirm(self, backup: BackupRow) -> None:
        dialog = self.dialog
        if dialog is None or self._context.runner.busy:
            return
        file = dialog.project_file
        question = self.tr("Restore the backup taken {0} ({1})?").format(
            when_text(backup.info.taken_at), reason_text(backup.info.reason)
        )
        if self._is_open(file):
            what = self.tr("The project is closed and {0} is replaced by the backup.")
        else:
            what = self.tr("{0} is replaced by the backup.")
        kept = self.tr("The file as it is now is not deleted: it is kept in the backups folder.")
        text = f"{question}\n\n{what.format(file)} {kept}"
        if not self.ask(dialog, text):
            return
        self._drop_dialog()
        self.restore(file, backup)

    def ask(self, parent: QWidget, text: str) -> bool:
        """Whether the user confirmed (a Yes/Cancel box; Cancel is the default)."""
        return confirm(parent, self.tr("Restore from backup"), text)

    def restore(self, project_file: Path, backup: BackupRow) -> None:
        """Close the project if the window shows it, restore ``backup`` over its file in the
        background, then open it."""
        context = self._context
        if context.runner.busy:
            return
        was_open = self._is_open(project_file)
        if was_open:
            context.close_project()  # nothing may hold the file while it is replaced
        job = restore_job(backup.info.path, project_file)
        if context.runner.start(job, self._on_restored, self._on_failed) is None:
            return
        self._restoring = _Restoring(project_file, backup, was_open)
        label = self.tr("Checking the backup and restoring {0}…").format(project_file.name)
        self._progress = RestoreProgress(context.window, label)
        self._progress.show()
        context.status.set_busy(self.tr("Restoring {0}…").format(project_file.name))

    def _is_open(self, project_file: Path) -> bool:
        """Whether the window shows the project in ``project_file``."""
        project = self._context.project
        file = project.location.file if project is not None else None
        return file is not None and same_file(file, project_file)

    def _end(self) -> _Restoring:
        if self._progress is not None:
            self._progress.finish()
            self._progress = None
        restoring, self._restoring = self._restoring, None
        assert restoring is not None
        return restoring

    @Slot(object)
    def _on_restored(self, report: RestoreReport) -> None:
        restoring = self._end()
        self._refused = None
        self._announce = (report, restoring.backup.info.taken_at)
        self._context.open_project(report.project, create=False)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        restoring = self._end()
        file = restoring.project_file
        if file.exists():
            hint = self.tr("The project file was not replaced.")
        else:
            hint = self.tr("The project file as it was is kept in {0}.").format(
                backup_dir_for(file)
            )
        context = self._context
        context.show_message(
            QMessageBox.Icon.Critical, self.tr("Cannot restore the backup"), message, hint
        )
        if restoring.was_open and file.exists():
            context.open_project(file, create=False)  # as it was before

    @Slot(object)
    def _on_project_opened(self, _opened: object) -> None:
        self.update_action()
        announce, self._announce = self._announce, None
        project = self._context.project
        if announce is None or project is None or project.location.file is None:
            return
        report, taken_at = announce
        if not same_file(project.location.file, report.project):
            return
        taken = when_text(taken_at)
        if report.replaced is not None:
            text = self.tr(
                "Restored {0} from the backup taken {1}; the file it replaced is kept in the "
                "backups folder."
            ).format(report.project.name, taken)
        else:
            text = self.tr("Restored {0} from the backup taken {1}.").format(
                report.project.name, taken
            )
        self._context.say(text, MESSAGE_MS * 3)


def install_restore(context: WindowContext) -> RestoreWorkflow:
    """*File › Restore from backup…*, right after *Open recent*."""
    workflow = RestoreWorkflow(context)
    menus = context.menus
    assert menus is not None
    menu = menus.file
    actions = menu.actions()
    before = menus.import_action if menus.import_action in actions else menus.quit_action
    menu.insertAction(before, workflow.action)
    menu.setToolTipsVisible(True)  # why the action is disabled for a project on a server
    return workflow
