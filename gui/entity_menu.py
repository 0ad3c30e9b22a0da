"""The entity entries of the Annotate menu and their keys on the article text: focus,
accept, reject, resize, "accept all", and a "Label span as" submenu with an entry per label
(its number and letter; with Alt, exactly the selected characters). Each entry calls the
``EntityWorkflow``; the keys work while the article text has the focus (see there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from gui.article_text import ArticleText
from gui.context import WindowContext
from gui.span_focus import is_open
from services.span_data import LabelInfo

if TYPE_CHECKING:
    from gui.entity_workflow import EntityWorkflow

MAX_NUMBER_KEYS = 9
TEXT_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut  # only while the text has focus


class EntityMenu(QObject):
    """The entity actions of the Annotate menu (``menu_actions``), each calling a method of
    ``workflow``, with their keys on ``text``."""

    def __init__(self, workflow: EntityWorkflow, context: WindowContext, text: ArticleText) -> None:
        super().__init__(workflow)
        self._workflow = workflow
        self._context = context
        self._text = text
        self._labels: list[LabelInfo] = []
        self._create_actions(workflow)

    def _create_actions(self, workflow: EntityWorkflow) -> None:
        self.next_action = self._action(self.tr("&Next suggestion"), ["Tab"], workflow.focus_next)
        self.previous_action = self._action(
            self.tr("&Previous suggestion"), ["Shift+Tab"], workflow.focus_previous
        )
        self.accept_action = self._action(
            self.tr("&Accept span"), ["Return", "Enter", "Space"], workflow.accept
        )
        self.reject_action = self._action(
            self.tr("&Reject or delete span"), ["Backspace", "Delete"], workflow.reject
        )
        resizes = [  # Shift moves the end, Alt the start; the arrow says which way
            (self.tr("&Extend span end by a word"), "Shift+Right", "grow_end"),
            (self.tr("S&horten span end by a word"), "Shift+Left", "shrink_end"),
            (self.tr("E&xtend span start by a word"), "Alt+Left", "grow_start"),
            (self.tr("Shorten span start by a &word"), "Alt+Right", "shrink_start"),
        ]
        self.resize_actions = [
            self._action(text, [key], partial(workflow.resize, how)) for text, key, how in resizes
        ]
        self.unfocus_action = self._action(self.tr("&Unfocus span"), ["Escape"], workflow.unfocus)
        self.accept_all_action = self._action(
            self.tr("Accept all entity su&ggestions"), ["Ctrl+Shift+A"], workflow.accept_all
        )
        # Also from the document list: it names what it does and its keys mean nothing else.
        self.accept_all_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        context = self._context
        context.add_window_action(self.accept_all_action)
        self.label_menu = QMenu(self.tr("&Label span as"), context.window)
        self.label_actions: list[QAction] = []
        self.exact_label_actions: list[QAction] = []

    @property
    def menu_actions(self) -> list[QAction]:
        """The Annotate menu's entity entries, in order (separators included)."""
        return [
            self.next_action,
            self.previous_action,
            self.unfocus_action,
            self._separator(),
            self.accept_action,
            self.reject_action,
            self.label_menu.menuAction(),
            self._separator(),
            *self.resize_actions,
            self._separator(),
            self.accept_all_action,
        ]

    def _action(self, text: str, keys: Sequence[str], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._context.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(TEXT_KEYS)
        action.triggered.connect(lambda _checked=False: slot())
        self._text.addAction(action)  # the widget whose focus makes the keys work
        return action

    def _separator(self) -> QAction:
        separator = QAction(self._context.window)
        separator.setSeparator(True)
        return separator

    def update(self, shown: bool) -> None:
        """Enable what makes sense now (``shown``: a document of an open project is shown).
        Keys of disabled actions reach the text: with no span focused, Shift+arrows select."""
        text = self._text
        focused = shown and text.focused is not None
        selected = shown and text.textCursor().hasSelection()
        for action in (self.next_action, self.previous_action):
            action.setEnabled(shown)
        for action in (self.accept_action, self.reject_action, *self.resize_actions):
            action.setEnabled(focused)
        for action in self.label_actions:
            action.setEnabled(focused or selected)
        for action in self.exact_label_actions:
            action.setEnabled(selected)
        self.label_menu.setEnabled(focused or selected)
        self.unfocus_action.setEnabled(focused or selected)
        self.accept_all_action.setEnabled(shown and any(map(is_open, text.highlighted)))

    def set_labels(self, labels: list[LabelInfo]) -> None:
        """An entry and keys per label: its number (the first nine) and letter; with Alt,
        exactly the selected characters."""
        if labels == self._labels:
            return
        self._labels = labels
        for action in self.label_actions + self.exact_label_actions:
            self._text.removeAction(action)
            action.deleteLater()
        self.label_menu.clear()
        self.label_actions, self.exact_label_actions = [], []
        mnemonics = self._mnemonics()
        for index, label in enumerate(labels):
            number = [str(index + 1)] if index < MAX_NUMBER_KEYS else []
            letter = [label.shortcut] if label.shortcut else []
            name = label.name.replace("&", "&&")  # not a mnemonic
            shown = f"{name} ({label.shortcut})" if label.shortcut else name
            add = partial(self._workflow.apply_label, label.name)
            self.label_actions.append(self._action(shown, number + letter, add))
            # Alt+letter of a menu's mnemonic (Alt+A opens "Annotate") would be ambiguous.
            alt = [f"Alt+{key}" for key in number + letter if key.lower() not in mnemonics]
            exact = partial(self._workflow.apply_label, label.name, exact=True)
            text = self.tr("{0}, exactly as selected").format(name)
            self.exact_label_actions.append(self._action(text, alt, exact))
        self.label_menu.addActions(self.label_actions)
        self.label_menu.addSeparator()
        self.label_menu.addActions(self.exact_label_actions)

    def _mnemonics(self) -> set[str]:
        menus = self._context.menu_bar_actions()
        return {
            text[text.index("&") + 1].lower() for text in (a.text() for a in menus) if "&" in text
        }
