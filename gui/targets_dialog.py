"""The "Stance targets" dialog: the project's targets with their aliases and kind, added,
edited and removed one at a time, and new ones confirmed from the names the project uses most
often. Every change goes through storage.stance.store (one logged transaction each) and ends
with ``targets_changed``."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QWidget

from gui.alias_list_dialog import AliasListDialog
from gui.message_boxes import confirm, show_error
from gui.target_form import TargetForm, TargetValues
from gui.target_proposals import ProposalPanel, ProposalTexts
from services.targets import (
    KIND_OF_LABEL,
    TargetInUseError,
    TargetRecord,
    add_target,
    add_targets,
    clean_aliases,
    new_target_proposals,
    project_targets,
    remove_target,
    update_target,
)
from services.values import Database, StorageError

PROPOSALS = 15  # how many names one "Propose" shows
ENTER, DELETE = ("Return", "Enter"), (QKeySequence.StandardKey.Delete,)


def reason(exc: Exception) -> str:
    """What storage said went wrong (for a database error, what the database said)."""
    return str(getattr(exc, "orig", None) or exc)


class TargetsDialog(AliasListDialog):
    """The targets of project ``project_id``; ``targets_changed`` after every committed
    change (to re-read targets and stance suggestions)."""

    targets_changed = Signal()

    def __init__(self, db: Database, project_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Stance targets"), self.tr("Target"), parent)
        self._db, self._project_id = db, project_id
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.doubleClicked.connect(self.edit_current)
        self.add_button = self._button(self.tr("&Add…"), self.add)
        self.edit_button = self._button(self.tr("&Edit…"), self.edit_current)
        self.remove_button = self._button(self.tr("&Remove"), self.remove_current)
        self.propose_button = self._button(
            self.tr("&Propose from the project's names…"), self.propose
        )
        self.edit_action = self._view_action(self.tr("Edit"), ENTER, self.edit_current)
        self.remove_action = self._view_action(self.tr("Remove"), DELETE, self.remove_current)
        self.proposals = ProposalPanel(self._find_proposals, self._add_proposals, self._texts())
        self.proposals.hide()
        self.proposals.added.connect(self._proposals_added)
        self.proposals.finished.connect(lambda: self.propose_button.setEnabled(True))
        self.proposals.failed.connect(lambda title, text: show_error(self, title, text))
        buttons = (self.add_button, self.edit_button, self.remove_button)
        self._lay_out(buttons, self.propose_button, self.proposals)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()
        self.resize(780, 480)

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
        name = select if select is not None else current.name if current else None
        self._show_records(targets, name)
        self._selection_changed()

    def current_target(self) -> TargetRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

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

    def _announce(self) -> None:
        self.targets_changed.emit()

    # --- proposals --------------------------------------------------------------------

    @Slot()
    def propose(self) -> None:
        self.propose_button.setEnabled(False)
        self._show_proposals(self.proposals)

    def _find_proposals(self) -> list[tuple[str, str, int]]:
        """In a worker thread: the frequent names that are no target yet."""
        with self._db.read() as session:
            return new_target_proposals(session, self._project_id, PROPOSALS)

    def _add_proposals(self, names: list[tuple[str, str]]) -> None:
        targets = [(name, (), KIND_OF_LABEL.get(label, "other")) for name, label in names]
        add_targets(self._db, self._project_id, targets)

    def _texts(self) -> ProposalTexts:
        return ProposalTexts(
            title=self.tr("Names the project uses most often"),
            counting=self.tr("Counting the names of the project…"),
            found=self.tr("Check the names that sentences take a side on, then add them."),
            none_found=self.tr(
                "No new names: the frequent people, organisations and places are targets "
                "already, or no entities are marked in the project yet."
            ),
            cannot_propose=self.tr("Cannot propose targets"),
            cannot_add=self.tr("Cannot add the targets"),
        )

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
