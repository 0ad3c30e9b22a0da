"""Proposing names to add, as stance targets (the project's most frequent names) or actors
(the entities that hold stances): the query runs in the background (it groups over entity
spans), the names come back as a checkable list, and "Add checked" stores the checked ones
(kind from the entity label)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.workers import Worker
from services.values import StorageError

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Proposal:
    """A name the project's entity spans use often: a candidate target."""

    text: str
    label: str  # the entity label: PER, ORG or LOC
    occurrences: int


def table_view(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    """A read-only table of whole rows, one line each, without row numbers."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 8)
    view.setWordWrap(False)
    return view


class ProposalModel(QAbstractTableModel):
    """Proposals with a check box in the Name column; none is checked at first."""

    NAME, LABEL, OCCURRENCES = range(3)

    checked_changed = Signal(int)  # how many are checked now

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Proposal] = []
        self._checked: set[int] = set()

    def set_proposals(self, proposals: list[Proposal]) -> None:
        self.beginResetModel()
        self._rows, self._checked = list(proposals), set()
        self.endResetModel()
        self.checked_changed.emit(0)

    def checked(self) -> list[Proposal]:
        return [p for row, p in enumerate(self._rows) if row in self._checked]

    def drop(self, texts: set[str]) -> None:
        """Leave out the proposals named ``texts`` (they are targets now)."""
        self.set_proposals([p for p in self._rows if p.text not in texts])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        proposal, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return proposal.text
            if column == self.LABEL:
                return proposal.label
            return QLocale().toString(proposal.occurrences)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.NAME:
            on = index.row() in self._checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.OCCURRENCES:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(index.row())
        else:
            self._checked.discard(index.row())
        self.dataChanged.emit(index, index, [role])
        self.checked_changed.emit(len(self._checked))
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Label"), self.tr("Occurrences"))[section]


@dataclass(frozen=True)
class ProposalTexts:
    """What a proposal panel says, in the user's language (tr() by the caller)."""

    title: str
    counting: str
    found: str
    none_found: str
    cannot_propose: str
    cannot_add: str


# The names (text, entity label, count) to propose, read in a worker thread; and storing the
# checked ones, each (text, entity label), in one transaction.
FindProposals = Callable[[], list[tuple[str, str, int]]]
AddProposals = Callable[[list[tuple[str, str]]], None]


class ProposalPanel(QGroupBox):
    """``propose()`` looks for names in the background and lists them; "Add checked" stores
    the checked ones in one transaction and emits ``added`` with their names. Targets and
    actors each give what to find, how to add and what to say."""

    added = Signal(list)  # list[str]: the names added
    finished = Signal()  # the proposals (or why there are none) are shown
    failed = Signal(str, str)  # a title and a message for a person

    def __init__(
        self,
        find: FindProposals,
        add: AddProposals,
        texts: ProposalTexts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(texts.title)
        self._find, self._add, self._texts = find, add, texts
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._worker: Worker | None = None  # the running one, kept until its signals arrive
        self._finished_worker: Worker | None = None  # freed when the next one starts
        self.model = ProposalModel(self)
        self.view = table_view(self.model, self)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ProposalModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ProposalModel.LABEL, ProposalModel.OCCURRENCES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add checked"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_checked)
        self.model.checked_changed.connect(lambda n: self.add_button.setEnabled(n > 0))
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def propose(self) -> None:
        """Look for names in the background."""
        if self._worker is not None:
            return
        self._pool.waitForDone()  # the last worker may still be returning from run()
        self._finished_worker = None
        find = self._find

        def job(_worker: Worker) -> list[Proposal]:
            return [Proposal(*row) for row in find()]

        self._worker = Worker(job)
        self._worker.signals.finished.connect(self._on_finished)
        self._worker.signals.failed.connect(self._on_failed)
        self.model.set_proposals([])
        self.status_label.setText(self._texts.counting)
        self._pool.start(self._worker)

    def wait(self) -> None:
        """Block until a running proposal job has returned (the dialog closes)."""
        self._pool.waitForDone()

    @Slot(object)
    def _on_finished(self, proposals: list[Proposal]) -> None:
        self._finished_worker, self._worker = self._worker, None
        self.model.set_proposals(proposals)
        self.status_label.setText(self._texts.found if proposals else self._texts.none_found)
        self.finished.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._finished_worker, self._worker = self._worker, None
        self.status_label.setText(self.tr("No proposals."))
        self.failed.emit(self._texts.cannot_propose, message)
        self.finished.emit()

    @Slot()
    def add_checked(self) -> None:
        wanted: dict[str, str] = {}
        for proposal in self.model.checked():  # most frequent first: that label sets the kind
            wanted.setdefault(proposal.text, proposal.label)
        if not wanted:
            return
        try:
            self._add(list(wanted.items()))
        except (ValueError, StorageError) as exc:
            cause = getattr(exc, "orig", None) or exc
            self.failed.emit(self._texts.cannot_add, str(cause))
            return
        self.model.drop(set(wanted))
        self.added.emit(list(wanted))
