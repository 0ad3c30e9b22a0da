"""The keyboard cheat sheet (F1): every action of the window with its shortcuts, grouped by
the menu or area it belongs to, searchable by name or key.

Read from the actions themselves when the sheet opens, so it always shows the keys that work
now (the stance panel's label keys change with the project).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.article_view import ArticleView

ShortcutGroups = list[tuple[str, list[QAction]]]
KEY_SEPARATOR = " / "  # between an action's shortcuts ("," and "+" occur in keys)
SHEET_SIZE = (560, 600)
_INDEX = QModelIndex | QPersistentModelIndex
_MNEMONIC = re.compile(r"&(.)")


def plain_action_text(text: str) -> str:
    """The text without mnemonic markers: "&Open project…" → "Open project…", "A && B" →
    "A & B"."""
    return _MNEMONIC.sub(r"\1", text)


def shortcut_text(action: QAction) -> str:
    """All the action's shortcuts as the platform writes them, e.g. "Ctrl+Shift+Z / Ctrl+Y"."""
    native = QKeySequence.SequenceFormat.NativeText
    return KEY_SEPARATOR.join(key.toString(native) for key in action.shortcuts())


class ShortcutFilter(QSortFilterProxyModel):
    """Action rows whose action, keys or group contain the search text (any case); only
    actions with a shortcut unless ``show_all``. A group shows while one of its rows does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._show_all = False
        self.setRecursiveFilteringEnabled(True)

    def set_search(self, text: str, show_all: bool) -> None:
        self.beginFilterChange()
        self._needle, self._show_all = text.strip().casefold(), show_all
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _INDEX) -> bool:  # noqa: N802
        if not source_parent.isValid():
            return False  # a group row: shown through its accepted actions
        model = self.sourceModel()
        action = str(model.index(source_row, 0, source_parent).data())
        keys = str(model.index(source_row, 1, source_parent).data() or "")
        if not keys and not self._show_all:
            return False
        group = str(source_parent.data())
        return any(self._needle in text.casefold() for text in (action, keys, group))


class ShortcutSheet(QDialog):
    """A non-modal list of ``groups`` (title, actions); Escape or Close hides it."""

    def __init__(self, groups: ShortcutGroups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search actions or keys"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search shortcuts"))
        self.show_all_check = QCheckBox(self.tr("Show actions without a shortcut"))
        self.model = QStandardItemModel(self)
        self.proxy = ShortcutFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._tree()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.show_all_check)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(*SHEET_SIZE)

        self.search_edit.textChanged.connect(self._on_search_changed)
        self.show_all_check.toggled.connect(self._on_search_changed)
        self.set_groups(groups)

    def set_groups(self, groups: ShortcutGroups) -> None:
        """Show these groups (title, actions), each action with its shortcuts now."""
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        for title, actions in groups:
            group = _read_only(title)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            for action in actions:
                texts = (plain_action_text(action.text()), shortcut_text(action))
                group.appendRow([_read_only(text) for text in texts])
            self.model.appendRow([group, _read_only("")])
        self._lay_out_groups()

    def row_texts(self) -> list[tuple[str, str, str]]:
        """(group, action, shortcuts) of each action row shown, in order."""
        rows = []
        for group_row in range(self.proxy.rowCount()):
            group = self.proxy.index(group_row, 0)
            for row in range(self.proxy.rowCount(group)):
                action = self.proxy.index(row, 0, group).data()
                keys = self.proxy.index(row, 1, group).data()
                rows.append((str(group.data()), str(action), str(keys)))
        return rows

    def _tree(self) -> QTreeView:
        view = QTreeView()
        view.setModel(self.proxy)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setRootIsDecorated(False)  # groups stay open: they are headings, not folders
        view.setItemsExpandable(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.header().setStretchLastSection(False)
        return view

    @Slot()
    def _on_search_changed(self) -> None:
        self.proxy.set_search(self.search_edit.text(), self.show_all_check.isChecked())
        self._lay_out_groups()

    def _lay_out_groups(self) -> None:
        """Group rows span the table as headings and are open (filtering closes them); the
        keys get the room they need (set here: clearing the model forgets the columns)."""
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row in range(self.proxy.rowCount()):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        self.view.expandAll()


def _read_only(text: str) -> QStandardItem:
    item = QStandardItem(text)  # shown as plain text: label names come from files
    item.setEditable(False)
    return item


# --- the window's actions -----------------------------------------------------------------------


def shortcut_groups(window: QMainWindow, article: ArticleView) -> ShortcutGroups:
    """The window's actions grouped as the user finds them: one group per menu (and
    submenu), then the stance panel's and the article text's keys, then actions added to
    the window alone. Each action once (in its first group); no separators or hidden ones."""
    translate = QCoreApplication.translate
    groups: ShortcutGroups = []
    for item in window.menuBar().actions():
        menu = item.menu()
        if isinstance(menu, QMenu):
            groups += _menu_groups(plain_action_text(menu.title()), menu)
    groups.append((translate("ShortcutSheet", "Stance panel"), article.stance_panel.actions()))
    groups.append((translate("ShortcutSheet", "Article text"), article.text_edit.actions()))
    groups.append((translate("ShortcutSheet", "Find bar"), article.find_bar.actions()))
    spans = window.findChild(QDockWidget, "spansDock")  # its table's keys (gui.span_list_actions)
    table = spans.findChild(QTableView) if spans is not None else None
    if table is not None:
        groups.append((translate("ShortcutSheet", "Spans panel"), table.actions()))
    groups.append((translate("ShortcutSheet", "Window"), window.actions()))
    return _each_once(groups)


def _menu_groups(title: str, menu: QMenu) -> ShortcutGroups:
    """The menu's own actions, then a group per submenu ("View › Order documents")."""
    actions, submenus = [], []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            name = f"{title} › {plain_action_text(submenu.title())}"
            submenus += _menu_groups(name, submenu)
        else:
            actions.append(action)
    return [(title, actions), *submenus]


def _each_once(groups: Sequence[tuple[str, Iterable[QAction]]]) -> ShortcutGroups:
    seen: set[QAction] = set()
    kept: ShortcutGroups = []
    for title, actions in groups:
        shown = []
        for action in actions:
            if action.isSeparator() or not action.isVisible() or action in seen:
                continue
            seen.add(action)
            shown.append(action)
        if shown:
            kept.append((title, shown))
    return kept


def install_shortcut_sheet(window: QMainWindow, article: ArticleView, help_menu: QMenu) -> QAction:
    """Add "Keyboard shortcuts" (F1) at the top of the Help menu; it opens the sheet
    (non-modal, one per window), read anew from the window's actions each time."""
    translate = QCoreApplication.translate
    action = QAction(translate("ShortcutSheet", "&Keyboard shortcuts"), window)
    action.setShortcut(QKeySequence("F1"))
    sheet: ShortcutSheet | None = None

    def show_sheet() -> None:
        nonlocal sheet
        groups = shortcut_groups(window, article)
        if sheet is None:
            sheet = ShortcutSheet(groups, window)
        else:
            sheet.set_groups(groups)
        sheet.show()
        sheet.raise_()
        sheet.activateWindow()
        sheet.search_edit.setFocus()

    action.triggered.connect(show_sheet)
    existing = help_menu.actions()
    if existing:
        help_menu.insertAction(existing[0], action)
    else:
        help_menu.addAction(action)
    return action
