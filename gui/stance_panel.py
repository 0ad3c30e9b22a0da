"""The stance panel under the article: the document's stance rows, the annotator's decisions
on them by keyboard and mouse, and the stance of the whole document per target.

The panel only asks (signals); the window carries the decision out, stores it and paints the
document again, which brings the panel its new rows. Keys work while the panel has focus:
Enter or Space accepts the selected row, Delete or Backspace rejects it, a stance label's
shortcut (f, a, n) or number (1, 2, 3) sets that label; after each the next row is selected.
Each row shows its sentence's number (from 1) and text; the selected row's sentence is
chosen (``sentence_chosen``), which the article marks and scrolls to, and the row itself
(``row_chosen``), whose holder and evidence the article marks. H (or Ctrl+H anywhere) asks
for the holder picker (``holder_requested``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.document_stance_box import DocumentStanceBox
from gui.flow_layout import FlowLayout
from gui.sentence_mark import Sentence
from gui.stance_view import StanceTableModel
from services.span_data import LabelInfo
from services.stance_data import DocumentStance, SentenceStanceRow

PANEL_ROWS = 5  # the panel's height in table rows when the window is first laid out
MAX_NUMBER_KEYS = 9
SENTENCE_CHARS = 45  # the sentence column's width in average characters; the rest elided
SENTENCE_MIN_CHARS = 16  # the narrowest the sentence column gets in a narrow window
HOLDER_CHARS = 16  # the holder column's width in average characters; longer names elided
HOLDER_KEY = "H"


class StancePanel(QWidget):
    """``set_stance`` shows a document's stance; the signals ask for decisions."""

    sentence_chosen = Signal(object)  # a row was selected: its gui.sentence_mark.Sentence
    row_chosen = Signal(object)  # the selected SentenceStanceRow, None when none is
    holder_requested = Signal()  # the holder picker for the selected row
    accept_requested = Signal(list)  # stance ids
    reject_requested = Signal(list)
    relabel_requested = Signal(int, str)  # stance id, label
    accept_all_requested = Signal()
    document_stance_requested = Signal(str, object)  # target, label (None: no stance)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Stance"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.model = StanceTableModel(self)
        self.view = self._table()
        self.empty_label = QLabel(self.tr("No stance toward the project's targets yet."))
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_action = self._action(self.tr("Accept"), ["Return", "Enter", "Space"])
        self.accept_action.triggered.connect(self._accept)
        self.reject_action = self._action(self.tr("Reject"), ["Delete", "Backspace"])
        self.reject_action.triggered.connect(self._reject)
        self.accept_all_action = self._action(self.tr("Accept all"), ["Shift+Return"])
        self.accept_all_action.triggered.connect(self.accept_all_requested)
        self.holder_action = self._action(self.tr("Holder…"), [HOLDER_KEY])
        self.holder_action.triggered.connect(self.holder_requested)
        self.label_actions: list[QAction] = []
        self._labels: list[LabelInfo] = []
        self._select_after: int | None = None  # the row to select when new rows come
        self._focus_after = True  # and whether the table takes the focus then
        self._shape: list[tuple[int, str]] = []  # the rows' places, to size columns once

        self.tools = FlowLayout()  # wraps in a narrow window rather than cutting texts short
        self.tools.addWidget(self.title)
        for action in (self.accept_action, self.reject_action):
            self.tools.addWidget(_button(action))
        self._label_buttons: list[QToolButton] = []
        self.tools.addWidget(_button(self.accept_all_action))
        self.tools.addWidget(_button(self.holder_action))
        self.document_box = DocumentStanceBox()
        self.document_box.stance_requested.connect(self.document_stance_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self.tools)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.document_box)
        self.set_stance(DocumentStance([], False, False))

    # --- what the window calls -------------------------------------------------------------

    @property
    def document_combos(self) -> dict[str, QComboBox]:
        """The whole-document stance's combo box per target."""
        return self.document_box.combos

    def set_stance(self, stance: DocumentStance, text: str = "") -> None:
        """Show the rows (``text``: the document's, for the sentences), the label keys and
        the whole-document stance; after a decision the row after the decided one is
        selected."""
        self._set_labels(stance.labels)
        self.set_rows(stance.rows, text)
        names = [label.name for label in self._labels]
        self.document_box.set_stance(stance.targets, names, stance.document_labels)
        # The combo boxes come with each document, last in the window's focus chain: Tab
        # from the table goes to them.
        chain = [self.view, *self.document_box.combos.values()]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def set_rows(self, rows: Sequence[SentenceStanceRow], text: str = "") -> None:
        shape = [(row.start, row.target) for row in rows]
        self.model.set_rows(rows, text)
        if shape != self._shape:  # another document (or other sentences): fit the columns
            self._shape = shape
            self.view.resizeColumnsToContents()
            # A fixed width: a holder set later ("Author" first) fits without a new layout.
            holder_width = self.view.fontMetrics().averageCharWidth() * HOLDER_CHARS
            self.view.setColumnWidth(self.model.HOLDER, holder_width)
            self._fit_sentence()
        self.empty_label.setVisible(not rows)
        self.view.setVisible(bool(rows))
        for action in (
            self.accept_action,
            self.reject_action,
            self.accept_all_action,
            self.holder_action,
        ):
            action.setEnabled(bool(rows))
        for action in self.label_actions:
            action.setEnabled(bool(rows))
        wanted, self._select_after = self._select_after, None
        if wanted is not None and rows:
            self.select_row(min(wanted, len(rows) - 1), self._focus_after)
        self._focus_after = True
        self.row_chosen.emit(self.selected_row())  # the reset forgot the marks' row

    def _fit_sentence(self) -> None:
        """The sentence column as wide as ``SENTENCE_CHARS``, but narrower where the window
        is narrow, so that the holder stays in view (the sentence is marked in the text)."""
        char = self.view.fontMetrics().averageCharWidth()
        model = self.model
        before_holder = (model.NUMBER, model.TARGET, model.LABEL, model.HOLDER)
        others = sum(self.view.columnWidth(column) for column in before_holder)
        # The panel's width, not the viewport's: the table may be hidden (no rows before).
        chrome = 2 * self.view.frameWidth() + self.view.verticalScrollBar().sizeHint().width()
        room = self.contentsRect().width() - chrome - others
        width = max(min(SENTENCE_CHARS * char, room), SENTENCE_MIN_CHARS * char)
        self.view.setColumnWidth(model.SENTENCE, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.model.rowCount():
            self._fit_sentence()

    def keep_row(self) -> None:
        """Select the selected row again when the rows come anew (after a change to it that
        is not a decision), without taking the focus."""
        index = self.view.currentIndex()
        if index.isValid():
            self._select_after, self._focus_after = index.row(), False

    def selected_row(self) -> SentenceStanceRow | None:
        index = self.view.currentIndex()
        return self.model.stance_row(index.row()) if index.isValid() else None

    def select_row(self, row: int, focus: bool = True) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))
        if focus:
            self.view.setFocus()

    def has_focus(self) -> bool:
        """Whether the keyboard focus is in the panel (its table or a combo box)."""
        focused = self.focusWidget()
        return focused is not None and focused.hasFocus()

    def enter(self, offset: int) -> bool:
        """Give the table the keyboard focus, its selected row chosen again; with none
        selected, the first row of the sentence at or after text ``offset``. False if there
        are no rows (the focus stays where it is)."""
        count = self.model.rowCount()
        if not count or not self.view.isVisible():
            return False
        current = self.view.currentIndex()
        if current.isValid():
            self.view.setFocus()
            self._on_clicked(current)
            return True
        after = [r for r in range(count) if self.model.stance_row(r).end > offset]
        self.select_row(after[0] if after else 0)
        return True

    def row_texts(self) -> list[tuple[str, str]]:
        """(target, stance) of each row, in the table's order (for tests and checks)."""
        model = self.model
        return [
            (str(model.stance_row(row).target), str(model.stance_row(row).label))
            for row in range(model.rowCount())
        ]

    def sizeHint(self):  # type: ignore[no-untyped-def]  # noqa: N802
        hint = super().sizeHint()
        rows = self.view.verticalHeader().defaultSectionSize() * (PANEL_ROWS + 1)
        hint.setHeight(self.title.sizeHint().height() * 3 + rows)
        return hint

    # --- building ----------------------------------------------------------------------------

    def _table(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        # Tab leaves the table for the whole-document stance below (arrows move in it).
        view.setTabKeyNavigation(False)
        header = view.horizontalHeader()
        # Sized to the contents when another document's rows come, not at every decision:
        # measuring every cell after each key press cost more than storing the decision.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        view.clicked.connect(self._on_clicked)
        view.selectionModel().currentRowChanged.connect(self._on_clicked)
        return view

    def _action(self, text: str, keys: Sequence[str]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        # Only while the panel has focus: the same keys mean other things elsewhere.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({' / '.join(QKeySequence(k).toString() for k in keys)})")
        self.addAction(action)
        return action

    def _set_labels(self, labels: Sequence[LabelInfo]) -> None:
        if list(labels) == self._labels:
            return
        self._labels = list(labels)
        for action in self.label_actions:
            self.removeAction(action)
        for button in self._label_buttons:
            button.deleteLater()
        self.label_actions, self._label_buttons = [], []
        # A label's own key wins over the holder picker's (the picker keeps Ctrl+H).
        taken = {label.shortcut.casefold() for label in labels if label.shortcut}
        holder_keys = [] if HOLDER_KEY.casefold() in taken else [QKeySequence(HOLDER_KEY)]
        self.holder_action.setShortcuts(holder_keys)
        for number, label in enumerate(labels[:MAX_NUMBER_KEYS], start=1):
            keys = [str(number)] + ([label.shortcut] if label.shortcut else [])
            text = f"{label.name} ({label.shortcut})" if label.shortcut else label.name
            action = self._action(text, keys)  # shown with its key, like the legend
            action.triggered.connect(lambda _=False, name=label.name: self._relabel(name))
            self.label_actions.append(action)
            button = _button(action)
            self._label_buttons.append(button)
            self.tools.insertWidget(self.tools.count() - 1, button)  # before "Accept all"

    # --- decisions -----------------------------------------------------------------------------

    def _decided(self) -> SentenceStanceRow | None:
        """The selected row, remembering to select the one after it next."""
        row = self.selected_row()
        if row is None or row.stance_id is None:
            return None
        self._select_after = self.view.currentIndex().row() + 1
        return row

    def _accept(self) -> None:
        row = self._decided()
        if row is not None:
            self.accept_requested.emit([row.stance_id])

    def _reject(self) -> None:
        row = self._decided()
        if row is not None:
            self.reject_requested.emit([row.stance_id])

    def _relabel(self, label: str) -> None:
        row = self._decided()
        if row is not None:
            assert row.stance_id is not None
            self.relabel_requested.emit(row.stance_id, label)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.stance_row(index.row())
            self.sentence_chosen.emit(Sentence(row.start, row.end, row.number))
            self.row_chosen.emit(row)


def _button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setAutoRaise(True)
    # Its keys are the keyboard's way to the action: Tab goes from the table straight on to
    # the whole-document stance.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button
