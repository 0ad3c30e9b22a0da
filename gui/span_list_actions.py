"""What the spans panel does to its selected span, by the article's keys and by a context
menu: Accept (Return, Enter, Space), Reject (Delete, Backspace), Label as › each label (its
number and letter), Go to (double click, or the menu); and the View menu's "Show hidden
suggestions" toggle (the suggestions the article hides for their low confidence), kept in
QSettings. Each decision goes through the ``EntityWorkflow``, so it is one undoable action
and the article follows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from gui.entity_menu import MAX_NUMBER_KEYS
from gui.span_list import NO_SPAN_ID, SpanListPanel
from services.span_data import HighlightSpan, LabelInfo

if TYPE_CHECKING:
    from gui.entity_workflow import EntityWorkflow

SHOW_HIDDEN_KEY = "spans/show_hidden_suggestions"
PANEL_KEYS = Qt.ShortcutContext.WidgetShortcut  # only while the table has the focus


class SpanListActions(QObject):
    """The panel's actions (``accept_action``, ``reject_action``, ``go_to_action``,
    ``label_menu``, ``show_hidden_action``), their keys on the panel's table and its
    context menu."""

    def __init__(
        self,
        panel: SpanListPanel,
        workflow: EntityWorkflow,
        settings: QSettings,
        go_to: Callable[[int, int], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._panel = panel
        self._workflow = workflow
        self._settings = settings
        self._go_to = go_to
        self._labels: list[LabelInfo] = []
        self._parent = parent
        self.menu: QMenu | None = None  # the context menu last shown
        self.accept_action = self._action(
            self.tr("&Accept"), ["Return", "Enter", "Space"], workflow.accept_span
        )
        self.reject_action = self._action(
            self.tr("&Reject or delete"), ["Delete", "Backspace"], workflow.reject_span
        )
        self.go_to_action = self._action(self.tr("&Go to in the text"), [], self._go_there)
        self.label_menu = QMenu(self.tr("Rela&bel as"), parent)
        self.label_actions: list[QAction] = []
        self.show_hidden_action = QAction(self.tr("Show &hidden suggestions"), parent)
        self.show_hidden_action.setCheckable(True)
        self.show_hidden_action.setToolTip(
            self.tr("List the suggestions the article hides for their low confidence too")
        )
        self.show_hidden_action.setChecked(_setting_true(settings.value(SHOW_HIDDEN_KEY, False)))
        self.show_hidden_action.toggled.connect(self._on_show_hidden)
        panel.set_show_hidden(self.show_hidden_action.isChecked())
        view = panel.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show_menu)
        view.selectionModel().currentRowChanged.connect(lambda *_: self.update())
        panel.model.modelReset.connect(self.update)
        self.update()

    # --- what the dock calls ---------------------------------------------------------------

    def set_labels(self, labels: Sequence[LabelInfo]) -> None:
        """An entry per label, with the article's keys: its number (the first nine) and
        its letter."""
        if list(labels) == self._labels:
            return
        self._labels = list(labels)
        for action in self.label_actions:
            self._panel.view.removeAction(action)
            action.deleteLater()
        self.label_menu.clear()
        self.label_actions = []
        for index, label in enumerate(labels):
            keys = [str(index + 1)] if index < MAX_NUMBER_KEYS else []
            keys += [label.shortcut] if label.shortcut else []
            name = label.name.replace("&", "&&")  # not a mnemonic
            run = partial(self._workflow.label_span, label=label.name)
            self.label_actions.append(self._action(name, keys, run))
        self.label_menu.addActions(self.label_actions)
        self.update()

    @Slot()
    def update(self) -> None:
        """Decisions need a span selected in the panel and a project to store them in."""
        selected = self._panel.selected_span() is not None
        editable = selected and self._workflow.editor is not None
        for action in (self.accept_action, self.reject_action, *self.label_actions):
            action.setEnabled(editable)
        self.label_menu.setEnabled(editable and bool(self.label_actions))
        self.go_to_action.setEnabled(selected)

    # --- building ---------------------------------------------------------------------------

    def _action(
        self, text: str, keys: Sequence[str], run: Callable[[HighlightSpan | None], None]
    ) -> QAction:
        action = QAction(text, self._parent)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(PANEL_KEYS)
        action.triggered.connect(lambda _checked=False: run(self._panel.selected_span()))
        self._panel.view.addAction(action)  # the widget whose focus makes the keys work
        return action

    @Slot(QPoint)
    def _show_menu(self, at: QPoint) -> None:
        view = self._panel.view
        index = view.indexAt(at)
        if index.isValid() and index.row() != view.currentIndex().row():
            view.setCurrentIndex(index)  # the menu is about the row under the mouse
        menu = QMenu(view)
        menu.addActions([self.accept_action, self.reject_action, self.label_menu.menuAction()])
        menu.addSeparator()
        menu.addAction(self.go_to_action)
        menu.addSeparator()
        menu.addAction(self.show_hidden_action)
        menu.popup(view.viewport().mapToGlobal(at))
        self.menu = menu  # a new one replaces it next time
        menu.aboutToHide.connect(menu.deleteLater)

    def _go_there(self, span: HighlightSpan | None) -> None:
        if span is not None:
            self._go_to(span.start, span.span_id if span.span_id is not None else NO_SPAN_ID)

    @Slot(bool)
    def _on_show_hidden(self, show: bool) -> None:
        self._settings.setValue(SHOW_HIDDEN_KEY, show)
        self._panel.set_show_hidden(show)


def _setting_true(value: object) -> bool:
    # QSettings gives back "true"/"false" strings from an INI file.
    return value is True or str(value).lower() == "true"
