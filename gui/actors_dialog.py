"""The "Stance actors" dialog: who holds stances in the project, with aliases and kind;
added, edited, removed (refused while a stance label names the actor as holder), several
merged into one, and new ones confirmed from the entities that hold stances. Every change
goes through services.actors (one logged transaction each) and ends with ``actors_changed``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QWidget

from gui.alias_list_dialog import AliasListDialog
from gui.message_boxes import confirm, show_error
from gui.target_form import TargetForm, TargetValues
from gui.target_proposals import ProposalPanel, ProposalTexts
from gui.targets_dialog import DELETE, ENTER
from services.actors import (
    ACTOR_KINDS,
    ActorError,
    ActorRecord,
    add_actor,
    add_proposed_actors,
    change_actor,
    listed_actors,
    merge_into,
    proposed_actors,
    remove_named_actor,
)
from services.values import StorageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from services.session import OpenProject

    Save = Callable[[TargetForm, TargetValues], bool]

ERRORS = (ActorError, ValueError, StorageError)
PLACEHOLDER = "Putin\nWladimir Putin\nder russische Präsident"


class ActorsDialog(AliasListDialog):
    """The actors of ``project``; ``actors_changed`` after every committed change."""

    actors_changed = Signal()

    def __init__(self, project: OpenProject, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Stance actors"), self.tr("Actor"), parent)
        self._project = project
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.doubleClicked.connect(self.edit_current)
        self.add_button = self._button(self.tr("&Add…"), self.add)
        self.edit_button = self._button(self.tr("&Edit…"), self.edit_current)
        self.remove_button = self._button(self.tr("&Remove"), self.remove_current)
        self.merge_button = self._button(self.tr("&Merge selected…"), self.merge_selected)
        self.propose_button = self._button(self.tr("&Propose from entities…"), self.propose)
        self.edit_action = self._view_action(self.tr("Edit"), ENTER, self.edit_current)
        self.remove_action = self._view_action(self.tr("Remove"), DELETE, self.remove_current)
        # In the list, besides the buttons' mnemonics: Insert adds, Ctrl+M merges.
        self.add_action = self._view_action(self.tr("Add"), ["Ins"], self.add)
        self.merge_action = self._view_action(self.tr("Merge"), ["Ctrl+M"], self.merge_selected)
        # The query counts only holder spans, but a big project has many: in the background.
        self.proposals = ProposalPanel(
            lambda: proposed_actors(project),
            lambda names: add_proposed_actors(project, names),
            self._texts(),
        )
        self.proposals.hide()
        self.proposals.added.connect(self._proposals_added)
        self.proposals.finished.connect(lambda: self.propose_button.setEnabled(True))
        self.proposals.failed.connect(lambda title, text: show_error(self, title, text))
        buttons = (self.add_button, self.edit_button, self.remove_button, self.merge_button)
        self._lay_out(buttons, self.propose_button, self.proposals)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()
        self.resize(720, 440)

    # --- reading ----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the actors again; select ``select`` (by name) or keep the selection."""
        current = self.selected_actors()
        try:
            actors = listed_actors(self._project)
        except StorageError as exc:
            show_error(self, self.tr("Cannot read the actors"), str(exc))
            return
        name = select if select is not None else current[0].name if current else None
        self._show_records(actors, name)
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
        self._open_form(self.tr("Add actor"), TargetValues("", (), "person"), self._save_new)

    @Slot()
    def edit_current(self) -> None:
        chosen = self.selected_actors()
        if len(chosen) != 1:
            return
        actor = chosen[0]
        values = TargetValues(
            actor.name, tuple(a for a in actor.aliases if a != actor.name), actor.kind
        )
        save = lambda form, new: self._save_edit(form, actor, new)  # noqa: E731
        self._open_form(self.tr("Edit actor"), values, save)

    def _open_form(self, title: str, values: TargetValues, save: Save) -> None:  # type: ignore[override]
        hint = self.tr(
            "One alias per line, or separated by commas: the ways the articles name this "
            "actor. Words selected as a holder that match an alias count for the actor."
        )
        options = {"kinds": ACTOR_KINDS, "placeholder": PLACEHOLDER, "hint": hint}
        super()._open_form(title, values, save, **options)

    def _save_new(self, form: TargetForm, values: TargetValues) -> bool:
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

    def _save_edit(self, form: TargetForm, actor: ActorRecord, values: TargetValues) -> bool:
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

    def _announce(self) -> None:
        self.actors_changed.emit()

    # --- proposals --------------------------------------------------------------------

    @Slot()
    def propose(self) -> None:
        self.propose_button.setEnabled(False)
        self._show_proposals(self.proposals)

    def _texts(self) -> ProposalTexts:
        return ProposalTexts(
            title=self.tr("People, organisations and places that hold stances"),
            counting=self.tr("Looking for the entities that hold stances…"),
            found=self.tr("Check the names that are actors, then add them."),
            none_found=self.tr(
                "No new names: the entities that hold stances are actors already, or no "
                "stance row names its holder by an entity yet."
            ),
            cannot_propose=self.tr("Cannot propose actors"),
            cannot_add=self.tr("Cannot add the actors"),
        )

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
