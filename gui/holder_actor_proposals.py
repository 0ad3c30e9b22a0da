"""Actors proposed from the project's PER, ORG and LOC entities that hold stances: a
checkable list; "Add checked" makes the checked ones actors (kind from the entity label).

The query is run at once, not in the background: it counts only the entity spans that are
holder spans, a few per stance row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.target_proposals import Proposal, ProposalModel, table_view
from services.actors import ActorError, add_proposed_actors, proposed_actors
from services.values import StorageError

if TYPE_CHECKING:
    from services.session import OpenProject


class ActorProposals(QGroupBox):
    """``propose()`` lists the names; ``added(names)`` after "Add checked" stored them."""

    added = Signal(list)  # list[str]
    failed = Signal(str, str)  # a title and a message for a person

    def __init__(self, project: OpenProject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("People, organisations and places that hold stances"))
        self._project = project
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

    def propose(self) -> None:
        try:
            rows = proposed_actors(self._project)
        except StorageError as exc:
            self.failed.emit(self.tr("Cannot propose actors"), str(exc))
            return
        self.model.set_proposals([Proposal(*row) for row in rows])
        if rows:
            text = self.tr("Check the names that are actors, then add them.")
        else:
            text = self.tr(
                "No new names: the entities that hold stances are actors already, or no "
                "stance row names its holder by an entity yet."
            )
        self.status_label.setText(text)

    @Slot()
    def add_checked(self) -> None:
        wanted: dict[str, str] = {}
        for proposal in self.model.checked():  # most frequent first: that label sets the kind
            wanted.setdefault(proposal.text, proposal.label)
        if not wanted:
            return
        try:
            add_proposed_actors(self._project, list(wanted.items()))
        except (ActorError, StorageError) as exc:
            self.failed.emit(self.tr("Cannot add the actors"), str(exc))
            return
        self.model.drop(set(wanted))
        self.added.emit(list(wanted))
