"""The "Stance actors" dialog: who holds stances in the project, with aliases and kind;
added, edited, removed (refused while a stance label names the actor as holder), several
merged into one, and new ones confirmed from the entities that hold stances. Every change
goes through services.actors (one logged transaction each) and ends with ``actors_changed``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.holder_actor_form import ActorForm, ActorValues
from gui.holder_actor_proposals import ActorProposals
from gui.message_boxes import confirm, show_error
from gui.named_rows_model import NamedRowsModel
from gui.target_form import kind_text
from gui.target_proposals import table_view
from services.actors import (
    ActorError,
    ActorRecord,
    add_actor,
    change_actor,
    listed_actors,
    merge_into,
    remove_named_actor,
)
from services.values import StorageError

if TYPE_CHECKING:
    from services.session import OpenProject

AnyIndex = QModelIndex | QPersistentModelIndex
ERRORS = (ActorError, ValueError, StorageError)
NAME_CHARS = 36  # the name column's widest, in average characters


class ActorTableModel(NamedRowsModel[ActorRecord]):
    """The project's actors by name; the Aliases column leaves out the name itself."""

    NAME, ALIASES, KIND = range(3)
    COLUMNS = 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        actor, column = self._rows[index.row()], index.column()
        aliases = [a for a in actor.aliases if a != actor.name]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return actor.name
            if column == self.ALIASES:
                return ", ".join(aliases)
            return kind_text(actor.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ALIASES and aliases:
            return "\n".join(aliases)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Actor"), self.tr("Aliases"), self.tr("Kind"))[section]


class ActorsDialog(QDialog):
    """The actors of ``project``; ``actors_changed`` after every committed change."""

    actors_changed = Signal()

    def __init__(self, project: OpenProject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stance actors"))
        self._project = project
        self.form: ActorForm | None = None
        self.model = ActorTableModel(self)
        self.view = table_view(self.model, self)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ActorTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ActorTableModel.ALIASES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ActorTableModel.KIND, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self.edit_current)
        self.add_button = self._button(self.tr("&Add…"), self.add)
        self.edit_button = self._button(self.tr("&Edit…"), self.edit_current)
        self.remove_button = self._button(self.tr("&Remove"), self.remove_current)
        self.merge_button = self._button(self.tr("&Merge selected…"), self.merge_selected)
        self.propose_button = self._button(self.tr("&Propose from entities…"), self.propose)
        enter = [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        self.edit_action = self._view_action(self.tr("Edit"), enter, self.edit_current)
        delete = [QKeySequence(QKeySequence.StandardKey.Delete)]
        self.remove_action = self._view_action(self.tr("Remove"), delete, self.remove_current)
        # In the list, besides the buttons' mnemonics: Insert adds, Ctrl+M merges.
        insert = [QKeySequence(Qt.Key.Key_Insert)]
        self.add_action = self._view_action(self.tr("Add"), insert, self.add)
        merge = [QKeySequence("Ctrl+M")]
        self.merge_action = self._view_action(self.tr("Merge"), merge, self.merge_selected)
        self.proposals = ActorProposals(project, self)
        self.proposals.hide()
        self.proposals.added.connect(self._proposals_added)
        self.proposals.failed.connect(lambda title, text: show_error(self, title, text))
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self._lay_out(close)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()
        self.resize(720, 440)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter on the list edits; it presses no button
        button.clicked.connect(slot)
        return button

    def _view_action(
        self, text: str, keys: list[QKeySequence], slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self.view)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def _lay_out(self, close: QDialogButtonBox) -> None:
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.merge_button):
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
        """Read the actors again; select ``select`` (by name) or keep the selection."""
        current = self.selected_actors()
        try:
            actors = listed_actors(self._project)
        except StorageError as exc:
            show_error(self, self.tr("Cannot read the actors"), str(exc))
            return
        self.model.set_records(actors)
        name = select if select is not None else current[0].name if current else None
        row = self.model.row_of(name) if name is not None else None
        if row is None and self.model.rowCount():
            row = 0  # something selected, so that Enter and Delete act at once
        if row is not None:
            self.view.selectRow(row)
        width = self.view.sizeHintForColumn(ActorTableModel.NAME) + 24
        widest = self.view.fontMetrics().averageCharWidth() * NAME_CHARS  # long names elided
        self.view.setColumnWidth(ActorTableModel.NAME, min(max(width, 140), widest))
        self._selection_changed()

    def selected_actors(self) -> list[ActorRecord]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [actor for row in rows if (actor := self.model.record(row)) is not None]

    @Slot()
    def _selection_changed(self) -> None:
        count = len(self.selected_actors())
        for widget in (self.edit_button, self.remove_button, self.edit_action, self.remove_action):
            widget.setEnabled(count == 1)
        self.merge_button.setEnabled(count > 1)
        self.merge_action.setEnabled(count > 1)

    # --- adding, editing, removing, merging -----------------------------------------------

    @Slot()
    def add(self) -> None:
        self._open_form(self.tr("Add actor"), ActorValues("", (), "person"), self._save_new)

    @Slot()
    def edit_current(self) -> None:
        chosen = self.selected_actors()
        if len(chosen) != 1:
            return
        actor = chosen[0]
        values = ActorValues(
            actor.name, tuple(a for a in actor.aliases if a != actor.name), actor.kind
        )
        save = lambda form, new: self._save_edit(form, actor, new)  # noqa: E731
        self._open_form(self.tr("Edit actor"), values, save)

    def _open_form(
        self, title: str, values: ActorValues, save: Callable[[ActorForm, ActorValues], bool]
    ) -> None:
        self.form = ActorForm(self, title, values, save)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form.finished.connect(self._form_closed)
        self.form.open()

    @Slot()
    def _form_closed(self) -> None:
        self.form = None
        self.view.setFocus()

    def _save_new(self, form: ActorForm, values: ActorValues) -> bool:
        if self.model.row_of(values.name) is not None:
            text = self.tr("There is an actor “{0}” already; edit it to change its aliases.")
            show_error(form, self.tr("Cannot add the actor"), text.format(values.name))
            return False
        try:
            add_actor(self._project, values.name, values.aliases, values.kind)
        except ERRORS as exc:
            text = self.tr("“{0}” was not added: {1}").format(values.name, exc)
            show_error(form, self.tr("Cannot add the actor"), text)
            return False
        self._changed(values.name, self.tr("Added “{0}”.").format(values.name))
        return True

    def _save_edit(self, form: ActorForm, actor: ActorRecord, values: ActorValues) -> bool:
        try:
            change_actor(self._project, actor.name, values.name, values.aliases, values.kind)
        except ERRORS as exc:
            text = self.tr("“{0}” was not changed: {1}").format(actor.name, exc)
            show_error(form, self.tr("Cannot change the actor"), text)
            return False
        self._changed(values.name, self.tr("Saved “{0}”.").format(values.name))
        return True

    @Slot()
    def remove_current(self) -> None:
        chosen = self.selected_actors()
        if len(chosen) != 1:
            return
        name = chosen[0].name
        confirmed = self.confirm_removal(name)
        self.view.setFocus()
        if not confirmed:
            return
        try:
            remove_named_actor(self._project, name)
        except ERRORS as exc:
            text = self.tr("“{0}” was not removed: {1}").format(name, exc)
            show_error(self, self.tr("Cannot remove the actor"), text)
            return
        self._changed(None, self.tr("Removed “{0}”.").format(name))

    @Slot()
    def merge_selected(self) -> None:
        names = [actor.name for actor in self.selected_actors()]
        if len(names) < 2:
            return
        into = self.choose_merged(names)
        self.view.setFocus()
        if into is None:
            return
        try:
            moved = merge_into(self._project, names, into)
        except ERRORS as exc:
            show_error(self, self.tr("Cannot merge the actors"), str(exc))
            return
        text = self.tr("Merged into “{0}”; %n stance label(s) moved.", "", moved)
        self._changed(into, text.format(into))

    def _changed(self, select: str | None, message: str) -> None:
        self.reload(select)
        self.status_label.setText(message)
        self.actors_changed.emit()

    # --- proposals --------------------------------------------------------------------

    @Slot()
    def propose(self) -> None:
        if self.proposals.isHidden():
            self.proposals.show()
            room = self.screen().availableGeometry().height() - 60  # its title bar too
            self.resize(self.width(), min(max(self.height(), 600), room))
        self.proposals.propose()

    @Slot(list)
    def _proposals_added(self, names: list[str]) -> None:
        names = sorted(names)
        done = self.tr("Added %n actor(s): {0}.", "", len(names)).format(", ".join(names))
        self._changed(names[0], done)

    # --- questions (overridable, e.g. by tests) -------------------------------------------

    def confirm_removal(self, name: str) -> bool:
        return confirm(
            self,
            self.tr("Remove actor"),
            self.tr("Remove the actor “{0}” and its aliases?").format(name),
        )

    def choose_merged(self, names: Iterable[str]) -> str | None:
        """Which of ``names`` the others are merged into (their names become its aliases);
        None: cancelled."""
        choices = list(names)
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Merge actors"),
            self.tr("Keep this actor; the others become its aliases:"),
            choices,
            0,
            False,
        )
        return name if ok and name else None
