"""The "Stance targets" dialog: the project's targets with their aliases and kind, added,
edited and removed one at a time, and new ones confirmed from the names the project uses most
often. Every change goes through storage.stance.store (one logged transaction each) and ends
with ``targets_changed``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.message_boxes import confirm, show_error
from gui.named_rows_model import NamedRowsModel
from gui.target_form import TargetForm, TargetValues, kind_text
from gui.target_proposals import ProposalPanel, table_view
from services.targets import (
    TargetInUseError,
    TargetRecord,
    add_target,
    clean_aliases,
    project_targets,
    remove_target,
    update_target,
)
from services.values import Database, StorageError

AnyIndex = QModelIndex | QPersistentModelIndex


def reason(exc: Exception) -> str:
    """What storage said went wrong (for a database error, what the database said)."""
    return str(getattr(exc, "orig", None) or exc)


class TargetTableModel(NamedRowsModel[TargetRecord]):
    """The project's targets by name; the Aliases column leaves out the name itself."""

    NAME, ALIASES, KIND = range(3)
    COLUMNS = 3

    def set_targets(self, records: Iterable[TargetRecord]) -> None:
        self.set_records(records)

    def target(self, row: int) -> TargetRecord | None:
        return self.record(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        target, column = self._rows[index.row()], index.column()
        aliases = [a for a in target.aliases if a != target.name]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return target.name
            if column == self.ALIASES:
                return ", ".join(aliases)
            return kind_text(target.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ALIASES and aliases:
            return "\n".join(aliases)  # a plain-text tooltip: no markup in it
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Target"), self.tr("Aliases"), self.tr("Kind"))[section]


class TargetsDialog(QDialog):
    """The targets of project ``project_id``; ``targets_changed`` after every committed
    change (to re-read targets and stance suggestions)."""

    targets_changed = Signal()

    def __init__(self, db: Database, project_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stance targets"))
        self._db, self._project_id = db, project_id
        self.form: TargetForm | None = None  # the open Add or Edit form
        self.model = TargetTableModel(self)
        self.view = table_view(self.model, self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TargetTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TargetTableModel.ALIASES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TargetTableModel.KIND, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self.edit_current)
        self.add_button = self._button(self.tr("&Add…"), self.add)
        self.edit_button = self._button(self.tr("&Edit…"), self.edit_current)
        self.remove_button = self._button(self.tr("&Remove"), self.remove_current)
        self.propose_button = self._button(
            self.tr("&Propose from the project's names…"), self.propose
        )
        enter = [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        self.edit_action = self._view_action(self.tr("Edit"), enter, self.edit_current)
        delete = [QKeySequence(QKeySequence.StandardKey.Delete)]
        self.remove_action = self._view_action(self.tr("Remove"), delete, self.remove_current)
        self.proposals = ProposalPanel(db, project_id, self)
        self.proposals.hide()
        self.proposals.added.connect(self._proposals_added)
        self.proposals.finished.connect(lambda: self.propose_button.setEnabled(True))
        self.proposals.failed.connect(lambda title, text: show_error(self, title, text))
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self._lay_out(close)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()
        self.resize(780, 480)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter on the list edits; it presses no button
        button.clicked.connect(slot)
        return button

    def _view_action(
        self, text: str, keys: list[QKeySequence], slot: Callable[[], None]
    ) -> QAction:
        """An action for the keys when the list has the focus (not in the form's fields)."""
        action = QAction(text, self.view)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def _lay_out(self, close: QDialogButtonBox) -> None:
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.propose_button)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addWidget(self.proposals, 3)
        layout.addLayout(bottom)

    # --- reading ----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the targets again; select ``select`` (by name) or keep the selection."""
        current = self.current_target()
        try:
            with self._db.read() as session:
                targets = project_targets(session, self._project_id)
        except StorageError as exc:
            show_error(self, self.tr("Cannot read the stance targets"), reason(exc))
            return
        self.model.set_targets(targets)
        name = select if select is not None else current.name if current else None
        row = self.model.row_of(name) if name is not None else None
        if row is None and self.model.rowCount():
            row = 0  # something selected, so that Enter and Delete act at once
        if row is not None:
            self.view.selectRow(row)
        name_width = self.view.sizeHintForColumn(TargetTableModel.NAME) + 24
        self.view.setColumnWidth(TargetTableModel.NAME, max(name_width, 120))
        self._selection_changed()

    def current_target(self) -> TargetRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.target(rows[0].row()) if rows else None

    @Slot()
    def _selection_changed(self) -> None:
        selected = self.current_target() is not None
        for widget in (self.edit_button, self.remove_button, self.edit_action, self.remove_action):
            widget.setEnabled(selected)

    # --- adding, editing, removing --------------------------------------------------------

    @Slot()
    def add(self) -> None:
        values = TargetValues("", (), "other")
        self._open_form(self.tr("Add stance target"), values, self._save_new)

    @Slot()
    def edit_current(self) -> None:
        target = self.current_target()
        if target is None:
            return
        aliases = tuple(a for a in target.aliases if a != target.name)
        values = TargetValues(target.name, aliases, target.kind)
        title = self.tr("Edit stance target")
        self._open_form(title, values, lambda form, new: self._save_edit(form, target, new))

    def _open_form(
        self, title: str, values: TargetValues, save: Callable[[TargetForm, TargetValues], bool]
    ) -> None:
        self.form = TargetForm(self, title, values, save)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form.finished.connect(self._form_closed)
        self.form.open()

    @Slot()
    def _form_closed(self) -> None:
        self.form = None
        self.view.setFocus()

    def _save_new(self, form: TargetForm, values: TargetValues) -> bool:
        if self.model.row_of(values.name) is not None:
            text = self.tr("There is a target “{0}” already; edit it to change its aliases.")
            show_error(form, self.tr("Cannot add the target"), text.format(values.name))
            return False
        try:
            clean_aliases(values.name, values.aliases)  # refuses an alias "*" before storing
            add_target(self._db, self._project_id, values.name, values.aliases, values.kind)
        except (ValueError, StorageError) as exc:
            text = self.tr("“{0}” was not added: {1}").format(values.name, reason(exc))
            show_error(form, self.tr("Cannot add the target"), text)
            return False
        self._changed(values.name, self.tr("Added “{0}”.").format(values.name))
        return True

    def _save_edit(self, form: TargetForm, target: TargetRecord, values: TargetValues) -> bool:
        try:
            update_target(
                self._db, self._project_id, target.name, values.name, values.aliases, values.kind
            )
        except (ValueError, StorageError) as exc:
            text = self.tr("“{0}” was not changed: {1}").format(target.name, reason(exc))
            show_error(form, self.tr("Cannot change the target"), text)
            return False
        self._changed(values.name, self.tr("Saved “{0}”.").format(values.name))
        return True

    @Slot()
    def remove_current(self) -> None:
        target = self.current_target()
        if target is None:
            return
        confirmed = self.confirm_removal(target.name)
        self.view.setFocus()  # back from the question, so that the keys act on the list
        if not confirmed:
            return
        try:
            removed = remove_target(self._db, self._project_id, target.name)
        except TargetInUseError as exc:
            text = self.tr(
                "Annotators made %n stance label(s) for “{0}”. A target is only removed "
                "while nobody has labelled it, so that their work is kept.",
                "",
                exc.labels,
            )
            show_error(self, self.tr("Cannot remove the target"), text.format(target.name))
            return
        except (ValueError, StorageError) as exc:
            text = self.tr("“{0}” was not removed: {1}").format(target.name, reason(exc))
            show_error(self, self.tr("Cannot remove the target"), text)
            return
        done = self.tr("Removed “{0}” and %n open suggestion(s) for it.", "", removed)
        self._changed(None, done.format(target.name))

    def _changed(self, select: str | None, message: str) -> None:
        self.reload(select)
        self.status_label.setText(message)
        self.targets_changed.emit()

    # --- proposals --------------------------------------------------------------------

    @Slot()
    def propose(self) -> None:
        if self.proposals.isHidden():
            self.proposals.show()
            self.resize(self.width(), max(self.height(), 640))  # room for the list
        self.propose_button.setEnabled(False)
        self.proposals.propose()

    @Slot(list)
    def _proposals_added(self, names: list[str]) -> None:
        names = sorted(names)
        done = self.tr("Added %n target(s): {0}.", "", len(names)).format(", ".join(names))
        self._changed(names[0], done)

    # --- messages (overridable, e.g. by tests) --------------------------------------------

    def confirm_removal(self, name: str) -> bool:
        """Ask before removing ``name``; True to go ahead."""
        return confirm(
            self,
            self.tr("Remove stance target"),
            self.tr(
                "Remove the target “{0}” and its aliases? Its open stance suggestions are "
                "removed too."
            ).format(name),
        )
