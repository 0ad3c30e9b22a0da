"""Setting the holder and the evidence of the stance panel's selected row by keyboard.

The row is the one selected in the stance panel; the words are the ones selected in the
article (F6 goes between the two, Shift+arrow keys select). Each change is one action on the
window's undo stack (``StanceActions``), so Ctrl+Z undoes it:

- Ctrl+H (H in the stance panel): the holder picker: the author, an actor, or the selection;
- Ctrl+Shift+H: the selected words name the holder (their actor, if an alias says so);
- Ctrl+Shift+E: the selected words are the evidence;
- Ctrl+Alt+H: back to the author; Ctrl+Alt+E: no evidence.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence

from gui.article_view import ArticleView
from gui.context import WindowContext
from gui.holder_picker import HolderChoice, HolderPicker
from gui.holder_text import holder_text
from gui.stance_actions import StanceActions
from services.actors import listed_actors
from services.stance_data import SentenceStanceRow
from services.values import StorageError


class HolderWorkflow(QObject):
    """The holder and evidence actions of the Annotate menu, and the picker."""

    def __init__(
        self, context: WindowContext, article: ArticleView, actions: StanceActions
    ) -> None:
        super().__init__(context)
        self._context, self._article, self._actions = context, article, actions
        self.picker: HolderPicker | None = None  # the open picker (tests press keys in it)
        self.pick_action = self._action(self.tr("Stance &holder…"), "Ctrl+H", self.pick)
        self.holder_words_action = self._action(
            self.tr("Selected text as stance holder"), "Ctrl+Shift+H", self.holder_from_selection
        )
        self.evidence_action = self._action(
            self.tr("Selected text as stance evidence"),
            "Ctrl+Shift+E",
            self.evidence_from_selection,
        )
        self.author_action = self._action(
            self.tr("Stance held by the author"), "Ctrl+Alt+H", self.back_to_author
        )
        self.clear_evidence_action = self._action(
            self.tr("Clear stance evidence"), "Ctrl+Alt+E", self.clear_evidence
        )
        article.stance_panel.holder_requested.connect(self.pick)

    @property
    def menu_actions(self) -> list[QAction]:
        return [
            self.pick_action,
            self.holder_words_action,
            self.evidence_action,
            self.author_action,
            self.clear_evidence_action,
        ]

    def set_enabled(self, enabled: bool) -> None:
        for action in self.menu_actions:
            action.setEnabled(enabled)

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self._context.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # --- the actions --------------------------------------------------------------------------

    @Slot()
    def pick(self) -> None:
        """The picker for the selected row: Enter sets the chosen holder."""
        row, project = self._row(), self._context.project
        if row is None or project is None:
            return
        try:
            actors = listed_actors(project)
        except StorageError as exc:
            self._context.say(self.tr("Cannot read the actors: {0}").format(exc))
            return
        words = self._article.text_edit.selected_range()
        selected = None
        if words is not None:
            selected = (*words, self._article.text_edit.text[words[0] : words[1]])
        current = holder_text(row) if row.holder_actor is None else row.holder_actor
        named = None
        if row.holder_actor is None and row.holder_start is not None and row.holder_end is not None:
            text = self._article.text_edit.text
            named = (row.holder_start, row.holder_end, text[row.holder_start : row.holder_end])
        picker = HolderPicker(actors, selected, current, self._context.window, named)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        stance_id = row.stance_id
        picker.accepted.connect(lambda: self._picked(stance_id, picker.choice))
        picker.finished.connect(self._picker_closed)
        self.picker = picker
        picker.open()
        picker.filter_edit.setFocus()

    @Slot()
    def holder_from_selection(self) -> None:
        row, words = self._row(), self._words()
        if row is not None and words is not None:
            self._keep_row()
            self._actions.set_holder(row.stance_id or 0, None, words)

    @Slot()
    def evidence_from_selection(self) -> None:
        row, words = self._row(), self._words()
        if row is not None and words is not None:
            self._keep_row()
            self._actions.set_evidence(row.stance_id or 0, words)

    @Slot()
    def back_to_author(self) -> None:
        row = self._row()
        if row is not None:
            self._keep_row()
            self._actions.set_holder(row.stance_id or 0, None)

    @Slot()
    def clear_evidence(self) -> None:
        row = self._row()
        if row is not None:
            self._keep_row()
            self._actions.set_evidence(row.stance_id or 0, None)

    # --- helpers ------------------------------------------------------------------------------

    def _picked(self, stance_id: int | None, choice: HolderChoice | None) -> None:
        if stance_id is None or choice is None:
            return
        self._keep_row()
        self._actions.set_holder(stance_id, choice.actor, choice.words)

    @Slot()
    def _picker_closed(self) -> None:
        self.picker = None
        # The keys go back to the window (without a window manager nobody else returns them).
        self._context.window.activateWindow()

    def _row(self) -> SentenceStanceRow | None:
        """The stance panel's selected row; None (and why, said) when there is none."""
        panel = self._article.stance_panel
        row = panel.selected_row() if panel.isVisible() else None
        if row is None or row.stance_id is None:
            self._context.say(self.tr("Select a stance row first (F6 goes to the stance panel)."))
            return None
        return row

    def _words(self) -> tuple[int, int] | None:
        """The words selected in the article; None (and how to select, said) if none are."""
        words = self._article.text_edit.selected_range()
        if words is None or words[0] == words[1]:
            self._context.say(
                self.tr("Select the words in the article first (Shift+arrow keys or the mouse).")
            )
            return None
        return words

    def _keep_row(self) -> None:
        self._article.stance_panel.keep_row()
