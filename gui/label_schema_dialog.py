"""The "Labels" dialog: the project's entity and stance labels, each with name, colour,
shortcut and description; added, edited, moved and removed one at a time. Every change goes
through storage.label_schema (one logged transaction each) and ends with ``labels_changed``;
a refused change is shown as a message naming the label, and the list stays as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
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
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.label_form import LabelForm, LabelValues, swatch
from gui.message_boxes import confirm, show_error
from gui.named_rows_model import NamedRowsModel
from gui.target_proposals import table_view
from gui.targets_dialog import reason
from services.labels import (
    LabelInUseError,
    LabelKind,
    LabelRecord,
    add_label,
    move_label,
    project_labels,
    remove_label,
    update_label,
)
from services.values import Database, StorageError

AnyIndex = QModelIndex | QPersistentModelIndex
NEW_LABEL_COLOUR = "#999999"


class LabelTableModel(NamedRowsModel[LabelRecord]):
    """Labels in their order: name (with its colour), shortcut, description, uses."""

    NAME, SHORTCUT, DESCRIPTION, USES = range(4)
    COLUMNS = 4

    def set_labels(self, records: Iterable[LabelRecord]) -> None:
        self.set_records(records)

    def label(self, row: int) -> LabelRecord | None:
        return self.record(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        label, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return swatch(label.colour)
        if role == Qt.ItemDataRole.DisplayRole:
            number = f"{index.row() + 1}" if index.row() < 9 else ""
            shortcut = " / ".join(key for key in (number, label.shortcut or "") if key)
            values = (label.name, shortcut, label.description, str(label.uses))
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.USES:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Label"), self.tr("Keys"), self.tr("Description"), self.tr("Used"))[section]


class LabelPanel(QGroupBox):
    """The labels of one kind with their buttons; ``changed(message)`` after each change."""

    changed = Signal(str)

    def __init__(self, db: Database, project_id: int, kind: LabelKind, title: str) -> None:
        super().__init__(title)
        self._db, self._project_id, self.kind = db, project_id, kind
        self.form: LabelForm | None = None  # the open Add or Edit form
        self.model = LabelTableModel(self)
        self.view = table_view(self.model, self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LabelTableModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self.edit_current)
        self.add_button = self._button(self.tr("&Add…"), self.add)
        self.edit_button = self._button(self.tr("&Edit…"), self.edit_current)
        self.up_button = self._button(self.tr("Move &up"), lambda: self.move_current(-1))
        self.down_button = self._button(self.tr("Move &down"), lambda: self.move_current(1))
        self.remove_button = self._button(self.tr("&Remove"), self.remove_current)
        self._view_action([Qt.Key.Key_Return, Qt.Key.Key_Enter], self.edit_current)
        self._view_action([QKeySequence.StandardKey.Delete], self.remove_current)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter on the list edits; it presses no button
        button.clicked.connect(slot)
        return button

    def _view_action(self, keys: list[Any], slot: Callable[[], None]) -> None:
        """Keys that act while the list has the focus (not in a form's fields)."""
        action = QAction(self.view)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)

    def reload(self, select: str | None = None) -> bool:
        """Read the labels again, selecting ``select`` (or keeping the selection)."""
        current = self.current_label()
        try:
            with self._db.read() as session:
                labels = project_labels(session, self._project_id, self.kind)
        except StorageError as exc:
            show_error(self, self.tr("Cannot read the labels"), reason(exc))
            return False
        self.model.set_labels(labels)
        name = select if select is not None else current.name if current else None
        row = self.model.row_of(name) if name is not None else None
        if row is None and self.model.rowCount():
            row = 0  # something selected, so that Enter and Delete act at once
        if row is not None:
            self.view.selectRow(row)
        self._selection_changed()
        return True

    def current_label(self) -> LabelRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.label(rows[0].row()) if rows else None

    @Slot()
    def _selection_changed(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        row = rows[0].row() if rows else None
        self.edit_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < self.model.rowCount() - 1)

    # --- changes --------------------------------------------------------------------------

    @Slot()
    def add(self) -> None:
        title = self.tr("Add label")
        self._open_form(title, LabelValues("", NEW_LABEL_COLOUR, "", ""), self._save_new)

    @Slot()
    def edit_current(self) -> None:
        label = self.current_label()
        if label is None:
            return
        values = LabelValues(label.name, label.colour, label.shortcut or "", label.description)
        save = lambda form, new: self._save_edit(form, label.name, new)  # noqa: E731
        self._open_form(self.tr("Edit label"), values, save)

    def _open_form(
        self, title: str, values: LabelValues, save: Callable[[LabelForm, LabelValues], bool]
    ) -> None:
        self.form = LabelForm(self, title, values, save)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form.finished.connect(self._form_closed)
        self.form.open()

    @Slot()
    def _form_closed(self) -> None:
        self.form = None
        self.view.setFocus()

    def _save_new(self, form: LabelForm, values: LabelValues) -> bool:
        def store() -> None:
            add_label(
                self._db,
                self._project_id,
                self.kind,
                values.name,
                values.colour,
                values.shortcut,
                values.description,
            )

        title = self.tr("Cannot add the label")
        failed = self.tr("“{0}” was not added: {1}")
        done = self.tr("Added “{0}”.").format(values.name)
        return self._store(form, store, values.name, title, failed, done)

    def _save_edit(self, form: LabelForm, name: str, values: LabelValues) -> bool:
        store = partial(
            update_label,
            self._db,
            self._project_id,
            self.kind,
            name,
            new_name=values.name,
            colour=values.colour,
            shortcut=values.shortcut,
            description=values.description,
        )
        title = self.tr("Cannot change the label")
        failed = self.tr("“{0}” was not changed: {1}")
        done = self.tr("Saved “{0}”.").format(values.name)
        return self._store(form, store, name, title, failed, done, select=values.name)

    def move_current(self, steps: int) -> None:
        label = self.current_label()
        if label is not None:
            self._store(
                self,
                partial(move_label, self._db, self._project_id, self.kind, label.name, steps),
                label.name,
                self.tr("Cannot move the label"),
                self.tr("“{0}” was not moved: {1}"),
                self.tr("Moved “{0}”.").format(label.name),
            )

    def _store(
        self,
        parent: QWidget,
        store: Callable[[], object],
        name: str,
        title: str,
        failed: str,
        done: str,
        select: str | None = None,
    ) -> bool:
        """Run ``store`` for label ``name``: a refusal or database error becomes a message
        naming it (``failed`` with the reason); success reloads, selecting ``select`` (else
        the label), and announces ``done``."""
        try:
            store()
        except (ValueError, StorageError) as exc:
            show_error(parent, title, failed.format(name, reason(exc)))
            return False
        self._changed(select or name, done)
        return True

    @Slot()
    def remove_current(self) -> None:
        label = self.current_label()
        if label is None:
            return
        confirmed = self.confirm_removal(label.name)
        self.view.setFocus()  # back from the question, so that the keys act on the list
        if not confirmed:
            return
        title = self.tr("Cannot remove the label")
        try:
            remove_label(self._db, self._project_id, self.kind, label.name)
        except LabelInUseError as exc:
            text = self.tr(
                "%n annotation(s) use the label “{0}”, suggestions included. A label is only "
                "removed while nothing uses it, so that no annotation loses its label.",
                "",
                exc.uses,
            )
            show_error(self, title, text.format(label.name))
            return
        except (ValueError, StorageError) as exc:
            text = self.tr("“{0}” was not removed: {1}").format(label.name, reason(exc))
            show_error(self, title, text)
            return
        self._changed(None, self.tr("Removed “{0}”.").format(label.name))

    def _changed(self, select: str | None, message: str) -> None:
        self.reload(select)
        self.changed.emit(message)

    # --- messages (overridable, e.g. by tests) --------------------------------------------

    def confirm_removal(self, name: str) -> bool:
        """Ask before removing ``name``; True to go ahead."""
        return confirm(
            self,
            self.tr("Remove label"),
            self.tr("Remove the label “{0}”?").format(name),
        )


class LabelSchemaDialog(QDialog):
    """The entity and stance labels of project ``project_id``; ``labels_changed`` after
    every committed change."""

    labels_changed = Signal()

    def __init__(self, db: Database, project_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Labels"))
        self.entity = LabelPanel(db, project_id, "entity", self.tr("&Entity labels"))
        self.stance = LabelPanel(db, project_id, "stance", self.tr("S&tance labels"))
        hint = QLabel(
            self.tr(
                "Suggesters name the labels they suggest (PER, LOC, ORG, MISC; FAVOR, AGAINST, "
                "NEUTRAL): a renamed label gets no suggestions under its new name."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)  # drawn muted: an explanation
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entity, 1)
        layout.addWidget(self.stance, 1)
        layout.addWidget(hint)
        layout.addLayout(bottom)
        for panel in (self.entity, self.stance):
            panel.changed.connect(self._changed)
            panel.reload()
        self.resize(720, 500)

    @Slot(str)
    def _changed(self, message: str) -> None:
        self.status_label.setText(message)
        self.labels_changed.emit()
