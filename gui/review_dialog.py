"""*Annotate › Review document…*: the annotators' entity spans and stance labels of the shown
document side by side, differences marked, and the reviewer's gold version
(``storage.review.comparison``).

Every key press is saved at once as one logged, undoable action; the annotators' own labels
never change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from gui.review_model import ReviewModel
from gui.undo import push_logged_action, redo_own, undo_own
from services.editing import EDIT_ERRORS, ActionResult, ReviewEditor
from services.reviewing import Agreement, LabelChoice, ReviewItem, ReviewView, read_review
from services.values import Database

ACCEPT_AGREED = "Ctrl+Shift+A"  # as "accept all" in the main window
ENTITIES, STANCE = 0, 1


@dataclass(frozen=True)
class Target:
    """Where the dialog works: the project's database and ids, and the reviewer."""

    db: Database
    project_id: int
    reviewer_id: int


class ReviewDialog(QDialog):
    """The review of one document: entity and stance tabs, saved at every key."""

    def __init__(
        self,
        target: Target,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)  # its own window beside the main one
        self.setModal(False)
        self.target = target
        self.editor = ReviewEditor(target.db, target.project_id, target.reviewer_id)
        self.document_id: int | None = None
        self.view_data: ReviewView | None = None
        # The window's one stack (a stack of its own when alone); the dialog undoes and redoes
        # only its own commands for the shown document (those are owned by ``_owner``).
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._owner: object = object()
        # Where an undo or redo of a review decision is told while this window is closed
        # (the window's Edit menu reaches the one stack too): the status bar.
        self._say = say
        self.models = [
            ReviewModel(stance=False, parent=self),
            ReviewModel(stance=True, parent=self),
        ]
        self.tables = [self._table(m) for m in self.models]
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tables[ENTITIES], self.tr("Entities"))
        self.tabs.addTab(self.tables[STANCE], self.tr("Stance"))
        self.tabs.currentChanged.connect(self._update_actions)
        self.only_differences = QCheckBox(self.tr("&Only differences"))
        self.only_differences.setToolTip(
            self.tr("Hide the places where all annotators gave the same label")
        )
        self.only_differences.toggled.connect(self._on_filter)
        self.summary = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.hint = QLabel(
            self.tr(
                "Enter: take the selected annotator's label and holder (else the majority's) · "
                "label key: set gold · Delete: remove from gold · Ctrl+Z: undo · "
                "Ctrl+Shift+Z: redo"
            )
        )
        self.hint.setWordWrap(True)
        self.accept_agreed = QPushButton(self.tr("&Accept all agreed"))
        self.accept_agreed.setToolTip(
            self.tr("Copy every label all annotators agree on into gold ({0})").format(
                QKeySequence(ACCEPT_AGREED).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.accept_agreed.clicked.connect(self.accept_all_agreed)
        self._lay_out()
        self.label_actions: list[list[QAction]] = [[], []]
        self._make_actions()
        self.resize(900, 480)

    # -- building --------------------------------------------------------------------------

    def _lay_out(self) -> None:
        """The summary and the filter above the tabs; hints, messages and buttons below."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_differences)
        bottom = QHBoxLayout()
        bottom.addWidget(self.accept_agreed)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    def _table(self, model: ReviewModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(False)
        return table

    def _make_actions(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        specs = [
            (self.tr("Take into gold"), ["Return", "Enter"], self.take_selected),
            (self.tr("Remove from gold"), ["Delete", "Backspace"], self.remove_selected),
            (self.tr("Accept all agreed"), [ACCEPT_AGREED], self.accept_all_agreed),
            (self.tr("Undo"), ["Ctrl+Z"], self.undo_last),
            (self.tr("Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo_next),
        ]
        self.actions_by_name: dict[str, QAction] = {}
        for text, keys, slot in specs:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(context)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_by_name[keys[0]] = action

    def _set_label_actions(self, kind: int, choices: list[LabelChoice]) -> None:
        for action in self.label_actions[kind]:
            self.removeAction(action)
            action.deleteLater()
        self.label_actions[kind] = []
        for choice in choices:
            if not choice.shortcut:
                continue
            action = QAction(self.tr("Gold: {0}").format(choice.name), self)
            action.setShortcut(QKeySequence(choice.shortcut.upper()))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, n=choice.name: self.set_gold(n))
            self.addAction(action)
            self.label_actions[kind].append(action)
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        # Entity and stance labels may share a key: only the shown tab's labels listen.
        for kind, actions in enumerate(self.label_actions):
            for action in actions:
                action.setEnabled(kind == self.tabs.currentIndex())

    # -- content ---------------------------------------------------------------------------

    def set_document(self, document_id: int | None) -> None:
        """Show (and review) this document; None: nothing is shown."""
        if document_id != self.document_id:
            self._owner = object()  # undo here is for this document's changes
        self.document_id = document_id
        self.refresh()

    def refresh(self) -> None:
        if self.document_id is None:
            self.view_data = None
            for model in self.models:
                model.set_items([], [])
            self.setWindowTitle(self.tr("Review – no document"))
            self.summary.setText(self.tr("Show a document to review it."))
            return
        try:
            shown = read_review(self.target.db, self.target.project_id, self.document_id)
        except EDIT_ERRORS as exc:
            self.message.setText(self.tr("Cannot read the document: {0}").format(exc))
            return
        self.view_data = shown
        keep = [(t.currentIndex().row(), t.currentIndex().column()) for t in self.tables]
        self.models[ENTITIES].set_items(shown.annotators, shown.entities)
        self.models[STANCE].set_items(shown.annotators, shown.stance)
        for table, (row, column), model in zip(self.tables, keep, self.models, strict=True):
            self._fit(table)
            if model.rowCount() and row >= 0:
                table.setCurrentIndex(model.index(min(row, model.rowCount() - 1), max(column, 0)))
        for kind, choices in ((ENTITIES, shown.entity_labels), (STANCE, shown.stance_labels)):
            self._set_label_actions(kind, choices)
        who = ", ".join(shown.annotators) or self.tr("nobody")
        self.setWindowTitle(self.tr("Review – {0} – {1}").format(shown.title, who))
        differ = sum(i.status != Agreement.AGREE for i in [*shown.entities, *shown.stance])
        self.summary.setText(
            self.tr(
                "{0} annotators · {1} entity places · {2} stance labels · {3} to decide"
            ).format(len(shown.annotators), len(shown.entities), len(shown.stance), differ)
        )
        self.tabs.setTabText(ENTITIES, self.tr("Entities ({0})").format(len(shown.entities)))
        self.tabs.setTabText(STANCE, self.tr("Stance ({0})").format(len(shown.stance)))

    def _fit(self, table: QTableView) -> None:
        header = table.horizontalHeader()
        header.setMinimumSectionSize(64)  # a three-letter label column stays easy to hit
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    @Slot(bool)
    def _on_filter(self, only: bool) -> None:
        for model in self.models:
            model.set_only_differences(only)

    # -- actions ---------------------------------------------------------------------------

    def current(self) -> tuple[int, ReviewItem | None, str | None]:
        """The shown tab, its selected item, and the label of the selected annotator cell."""
        kind = self.tabs.currentIndex()
        index = self.tables[kind].currentIndex()
        model = self.models[kind]
        if not index.isValid() or index.row() >= len(model.items):
            return kind, None, None
        item = model.items[index.row()]
        name = model.annotator_at(index.column())
        return kind, item, item.labels.get(name) if name is not None else None

    @Slot()
    def take_selected(self) -> None:
        kind, item, label = self.current()
        if item is None:
            return
        # On an annotator's stance cell gold takes their holder and evidence with the label.
        index = self.tables[kind].currentIndex()
        name = self.models[kind].annotator_at(index.column()) if label is not None else None
        label = label or item.majority
        if label is None or "+" in label:
            self.message.setText(self.tr("Nobody has a single label here: press a label key."))
            return
        self.set_gold(label, name if kind == STANCE else None)

    def set_gold(self, label: str, from_annotator: str | None = None) -> None:
        """Gold takes ``label`` at the selected place; a stance label with ``from_annotator``'s
        holder and evidence (else those most annotators of ``label`` gave)."""
        kind, item, _label = self.current()
        if item is None or self.document_id is None:
            return
        if kind == ENTITIES:
            self._run(
                lambda: self.editor.pick_entity(self.document_id, item.start, item.end, label)
            )
        elif item.sentence_index is not None and item.target is not None:
            index, target = item.sentence_index, item.target
            self._run(
                lambda: self.editor.pick_stance(
                    self.document_id, index, target, label, from_annotator
                )
            )

    @Slot()
    def remove_selected(self) -> None:
        kind, item, _label = self.current()
        if item is None or self.document_id is None:
            return
        if kind == ENTITIES:
            self._run(lambda: self.editor.remove_entity(self.document_id, item.start, item.end))
        elif item.sentence_index is not None and item.target is not None:
            index, target = item.sentence_index, item.target
            self._run(lambda: self.editor.remove_stance(self.document_id, index, target))

    @Slot()
    def accept_all_agreed(self) -> None:
        if self.document_id is not None:
            self._run(lambda: self.editor.accept_all_agreed(self.document_id))

    @Slot()
    def undo_last(self) -> None:
        if not undo_own(self.undo_stack, self._owner):
            self.message.setText(self.tr("Nothing to undo in this review."))

    @Slot()
    def redo_next(self) -> None:
        if not redo_own(self.undo_stack, self._owner):
            self.message.setText(self.tr("Nothing to redo in this review."))

    def _run(self, change: Callable[[], ActionResult]) -> None:
        """Do one change (saved at once), put it on the undo stack, show the new state."""
        result = push_logged_action(
            self.undo_stack,
            self.tr("Review"),
            self.editor,
            lambda _editor: change(),
            self._saved,
            self._refused,
            owner=self._owner,
            keep_empty=True,  # "accept all agreed" with nothing to accept is an action too
        )
        if result is not None:
            self._saved()

    def _saved(self) -> None:
        if not isValid(self):  # an undo from the window after the dialog went away
            return
        if not self.isVisible() and self._say is not None:
            self._say(self.tr("A review decision was undone or redone: the gold version changed."))
        self.message.setText(self.tr("Saved."))
        self.refresh()

    def _refused(self, message: str) -> None:
        if not isValid(self):
            return
        text = self.tr("Not saved: {0}").format(message)
        if not self.isVisible() and self._say is not None:
            self._say(text)
        self.message.setText(text)
