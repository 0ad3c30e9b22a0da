"""The table of a project's backups in *File › Restore from backup…*: when each was taken
(local time), why, its size and the state of its check."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication, QStyle

from services.backups import NOT_A_PROJECT, BackupRow

AnyIndex = QModelIndex | QPersistentModelIndex
WHEN, WHY, SIZE, STATE = range(4)
SCHEMA_REASON = "before-schema-"  # storage.migrate's backups before an upgrade


def reason_text(reason: str) -> str:
    """Why a backup was taken, for a person (``BackupInfo.reason`` is a file name part)."""
    translate = QCoreApplication.translate
    if reason == "open":
        return translate("BackupTableModel", "project opened")
    if reason == "before-restore":
        return translate("BackupTableModel", "file replaced by a restore")
    if reason.startswith(SCHEMA_REASON):
        return translate("BackupTableModel", "before the upgrade to schema {0}").format(
            reason[len(SCHEMA_REASON) :]
        )
    return reason or translate("BackupTableModel", "unknown")


def when_text(taken_at: datetime | None) -> str:
    """The time a backup was taken, in local time (ISO order: sorts and reads everywhere)."""
    translate = QCoreApplication.translate
    if taken_at is None:
        return translate("BackupTableModel", "unknown")
    return taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def state_text(row: BackupRow) -> str:
    translate = QCoreApplication.translate
    if not row.checked:
        return translate("BackupTableModel", "checking…")
    if row.problem is None:
        return translate("BackupTableModel", "OK")
    if row.problem == NOT_A_PROJECT:
        return translate("BackupTableModel", "no Standpunkt project")
    return translate("BackupTableModel", "damaged: {0}").format(row.problem)


class BackupTableModel(QAbstractTableModel):
    """One row per backup, newest first; ``set_rows`` lists them, ``set_row`` fills in the
    result of one's check."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupRow] = []

    def set_rows(self, rows: list[BackupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_row(self, row: int, backup: BackupRow) -> None:
        if not 0 <= row < len(self._rows):
            return
        self._rows[row] = backup
        self.dataChanged.emit(self.index(row, 0), self.index(row, STATE))

    def backup(self, row: int) -> BackupRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[BackupRow]:
        return list(self._rows)

    def newest_good(self) -> int | None:
        """The row of the newest backup that passed its check."""
        return next((i for i, row in enumerate(self._rows) if row.good), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (self.tr("Taken"), self.tr("Why"), self.tr("Size"), self.tr("State"))
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.backup(index.row())
        if row is None or not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATE and row.problem is not None:
                return state_text(row)  # the whole reason; the cell may cut it off
            return str(row.info.path)
        if role == Qt.ItemDataRole.DecorationRole and column == STATE and row.checked:
            return _state_icon(row.good)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: BackupRow, column: int) -> str:
        if column == WHEN:
            return when_text(row.info.taken_at)
        if column == WHY:
            return reason_text(row.info.reason)
        if column == SIZE:
            return size_text(row.size)
        return state_text(row)


def _state_icon(good: bool) -> Any:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    icon = (
        QStyle.StandardPixmap.SP_DialogApplyButton
        if good
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return app.style().standardIcon(icon)
