"""What the stance targets and stance actors dialogs share: a list of names with their
aliases and kind, Add/Edit/Remove buttons and keys (Enter edits, Delete removes, when the list
has the focus), the name form, a panel of proposed names, and a status line. Each dialog says
how to read and change its names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.named_rows_model import NamedRowsModel
from gui.target_form import TargetForm, TargetValues, kind_text
from gui.target_proposals import ProposalPanel, table_view

AnyIndex = QModelIndex | QPersistentModelIndex
Key = QKeySequence | QKeySequence.StandardKey | str
NAME_CHARS = 36  # the name column's widest, in average characters: longer names are elided


class AliasedRecord(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def kind(self) -> str: ...


R = TypeVar("R", bound=AliasedRecord)


class AliasTableModel(NamedRowsModel[R]):
    """Names with their aliases and kind; the Aliases column leaves out the name itself."""

    NAME, ALIASES, KIND = range(3)
    COLUMNS = 3

    def __init__(self, name_header: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name_header = name_header

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._rows[index.row()], index.column()
        aliases = [a for a in record.aliases if a != record.name]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return record.name
            if column == self.ALIASES:
                return ", ".join(aliases)
            return kind_text(record.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ALIASES and aliases:
            return "\n".join(aliases)  # a plain-text tooltip: no markup in it
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self._name_header, self.tr("Aliases"), self.tr("Kind"))[section]


class AliasListDialog(QDialog):
    """The parts; a subclass makes the buttons and the proposal panel, then calls
    ``_lay_out``, and implements ``reload`` and ``_announce``."""

    def __init__(self, title: str, name_header: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form: TargetForm | None = None  # the open Add or Edit form
        self.model: AliasTableModel[Any] = AliasTableModel(name_header, self)
        self.view = table_view(self.model, self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(AliasTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AliasTableModel.ALIASES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AliasTableModel.KIND, QHeaderView.ResizeMode.ResizeToContents)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter on the list edits; it presses no button
        button.clicked.connect(slot)
        return button

    def _view_action(self, text: str, keys: Sequence[Key], slot: Callable[[], None]) -> QAction:
        """An action for the keys when the list has the focus (not in the form's fields)."""
        action = QAction(text, self.view)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def _lay_out(
        self, buttons: Iterable[QPushButton], propose_button: QPushButton, proposals: ProposalPanel
    ) -> None:
        self._proposal_panel = proposals
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        column = QVBoxLayout()
        for button in buttons:
            column.addWidget(button)
        column.addStretch(1)
        column.addWidget(propose_button)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(column)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addWidget(proposals, 3)
        layout.addLayout(bottom)

    def done(self, result: int) -> None:
        # A proposal query still running would report to a panel that is gone.
        self._proposal_panel.wait()
        super().done(result)

    # --- the list ---------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        raise NotImplementedError

    def _show_records(self, records: Sequence[Any], name: str | None) -> None:
        """Show ``records``, ``name`` selected (else the first: Enter and Delete act at once),
        the name column as wide as its names (long ones elided)."""
        self.model.set_records(records)
        row = self.model.row_of(name) if name is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.view.selectRow(row)
        width = self.view.sizeHintForColumn(AliasTableModel.NAME) + 24
        widest = self.view.fontMetrics().averageCharWidth() * NAME_CHARS
        self.view.setColumnWidth(AliasTableModel.NAME, min(max(width, 140), widest))

    def _open_form(
        self,
        title: str,
        values: TargetValues,
        save: Callable[[TargetForm, TargetValues], bool],
        **form_options: Any,
    ) -> None:
        self.form = TargetForm(self, title, values, save, **form_options)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form.finished.connect(self._form_closed)
        self.form.open()

    @Slot()
    def _form_closed(self) -> None:
        self.form = None
        self.view.setFocus()

    def _changed(self, select: str | None, message: str) -> None:
        self.reload(select)
        self.status_label.setText(message)
        self._announce()

    def _announce(self) -> None:
        """Emit the dialog's own "changed" signal."""
        raise NotImplementedError

    def _show_proposals(self, proposals: ProposalPanel) -> None:
        if proposals.isHidden():
            proposals.show()
            room = self.screen().availableGeometry().height() - 60  # its title bar too
            self.resize(self.width(), min(max(self.height(), 600), room))
        proposals.propose()
