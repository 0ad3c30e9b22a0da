"""The dialog of *File › Restore from backup…*: a project file's backups, newest first, each
checked in the background; the newest good one is chosen at first. A damaged backup is
listed but cannot be restored.

The dialog only chooses: ``restore_requested(BackupRow)`` asks its owner
(``gui.restore_workflow``) to confirm and restore. It works for any project file, open in the
window or not (a damaged project never is).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.backup_checks import BackupChecker
from gui.backup_table import STATE, BackupTableModel
from services.backups import NOT_A_PROJECT, BackupRow, backup_dir_for


class RestoreDialog(QDialog):
    """Lists ``project_file``'s backups and asks to restore the one chosen."""

    restore_requested = Signal(object)  # BackupRow: the good backup the user chose

    def __init__(self, project_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project_file = project_file
        self.setWindowTitle(self.tr("Restore from backup"))
        self._can_restore = True  # False while the window runs a job on a project
        self._user_chose = False  # the user picked a row: checks no longer move the choice
        self._selecting = False  # the dialog (not the user) moves the choice
        self.model = BackupTableModel(self)
        self.checker = BackupChecker(project_file, self)
        self.checker.listed.connect(self._on_listed)
        self.checker.checked.connect(self._on_checked)
        self.checker.finished.connect(self._on_checks_finished)
        self.checker.failed.connect(self._on_list_failed)
        self._build()
        self.checker.start()
        self.status.setText(self.tr("Looking for backups…"))

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        files = QFormLayout()
        files.addRow(self.tr("Project file:"), _path_field(self.project_file))
        files.addRow(self.tr("Backups folder:"), _path_field(backup_dir_for(self.project_file)))
        intro = QLabel(
            self.tr(
                "Restoring makes the chosen backup the project file again. The file as it is "
                "now is not deleted: it is kept in the backups folder."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.status = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.choice = QLabel()  # why the chosen backup cannot be restored (now)
        self.choice.setWordWrap(True)
        self.choice.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._request_restore)
        self.buttons.rejected.connect(self.reject)
        checks = QHBoxLayout()
        checks.addWidget(self.status, 1)
        checks.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addLayout(files)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(checks)
        layout.addWidget(self.choice)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.restore_button.setDefault(True)  # Enter in the list restores (once in the dialog)
        self._update_restore()

    # --- what the owner tells -----------------------------------------------------------

    def set_can_restore(self, can: bool) -> None:
        """Restoring waits while the window runs a job (it may use the project)."""
        self._can_restore = can
        self._update_restore()

    def selected(self) -> BackupRow | None:
        index = self.table.currentIndex()
        return self.model.backup(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        """Choose ``row`` (not as the user's choice: later checks may still move it)."""
        self._selecting = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._selecting = False

    def shutdown(self) -> None:
        """Stop the checks and wait for the one that runs (the window closes)."""
        self.checker.shutdown()

    # --- the checks ---------------------------------------------------------------------

    @Slot(object)
    def _on_listed(self, rows: list[BackupRow]) -> None:
        self.model.set_rows(rows)
        if not rows:
            self.status.setText(self.tr("There are no backups of this project."))
            self._update_restore()
            return
        self.progress.setRange(0, len(rows))
        self.progress.setValue(0)
        self.progress.show()
        self._show_checked(0)
        self.select_row(0)  # until the newest good one is known
        self.table.setFocus()
        self._update_restore()

    @Slot(int, object)
    def _on_checked(self, row: int, backup: BackupRow) -> None:
        self.model.set_row(row, backup)
        self.progress.setValue(row + 1)
        self._show_checked(row + 1)
        if not self._user_chose and backup.good and self.model.newest_good() == row:
            self.select_row(row)  # the newest good backup, as soon as it is known
        self._update_restore()

    def _show_checked(self, done: int) -> None:
        locale = QLocale()
        total = self.model.rowCount()
        text = self.tr("Checking the backups: {0} of {1} done…")
        self.status.setText(text.format(locale.toString(done), locale.toString(total)))

    @Slot()
    def _on_checks_finished(self) -> None:
        self.progress.hide()
        rows = self.model.rows()
        if not rows or not all(row.checked for row in rows):
            return  # none (said already), or cancelled
        good = sum(row.good for row in rows)
        locale = QLocale()
        if good == len(rows) == 1:
            text = self.tr("The backup passed its check.")
        elif good == len(rows):
            text = self.tr("All {0} backups passed their check.").format(locale.toString(good))
        elif good:
            text = self.tr("{0} of {1} backups passed their check.")
            text = text.format(locale.toString(good), locale.toString(len(rows)))
        else:
            text = self.tr("Every backup is damaged: none can be restored.")
        self.status.setText(text)

    @Slot(str)
    def _on_list_failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(self.tr("Cannot list the backups: {0}").format(message))

    # --- choosing -----------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._user_chose = self._user_chose or not self._selecting
        self._update_restore()

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        backup = self.model.backup(index.row())
        if backup is not None and backup.good and self._can_restore:
            self.restore_requested.emit(backup)

    def _update_restore(self) -> None:
        backup = self.selected()
        reason = ""
        if backup is None:
            if self.model.rowCount():
                reason = self.tr("Choose the backup to restore.")
        elif not backup.checked:
            reason = self.tr("This backup is still being checked.")
        elif backup.problem == NOT_A_PROJECT:
            reason = self.tr("This file holds no Standpunkt project and cannot be restored.")
        elif not backup.good:
            reason = self.tr("This backup is damaged and cannot be restored.")
        elif not self._can_restore:
            reason = self.tr("Another task is running; restoring waits until it has ended.")
        self.choice.setText(reason)
        enabled = backup is not None and backup.good and self._can_restore
        self.restore_button.setEnabled(enabled)

    @Slot()
    def _request_restore(self) -> None:
        backup = self.selected()
        if backup is not None and backup.good and self._can_restore:
            self.restore_requested.emit(backup)

    # --- closing ------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Closed (Close, Escape, the window's close button): no further check starts; the
        one that runs ends by itself and its result is dropped."""
        self.checker.cancel()
        super().done(result)


def _path_field(path: Path) -> QLineEdit:
    """A path shown whole however long (scrolls) and copyable, never edited."""
    field = QLineEdit(str(path))
    field.setReadOnly(True)
    field.setCursorPosition(0)
    field.setToolTip(str(path))
    field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes to the list and the buttons
    return field
