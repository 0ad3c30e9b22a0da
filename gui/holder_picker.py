"""The holder picker: a small filterable list to choose who holds a stance, by keyboard.

"Author" first, then the project's actors (with their aliases), then "Selected text: «…»"
when article text is selected. Typing filters (name or alias, any case), Up/Down move in the
list, Enter takes the chosen entry, Escape cancels. ``choice`` is what was taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from gui.holder_text import author_text, quoted
from services.actors import ActorRecord

CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PICKER_SIZE = (360, 320)
_MOVES = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_OWN_KEYS = _MOVES | _ENTER | {Qt.Key.Key_Escape}


@dataclass(frozen=True)
class HolderChoice:
    """The author (neither set), an actor by name, or the selected words (start, end)."""

    actor: str | None = None
    words: tuple[int, int] | None = None


class HolderPicker(QDialog):
    """Choose the holder of one stance row; ``choice`` after it was accepted."""

    def __init__(
        self,
        actors: Sequence[ActorRecord],
        selected: tuple[int, int, str] | None,
        current: str,
        parent: QWidget | None = None,
        named: tuple[int, int, str] | None = None,
    ) -> None:
        """``selected``: the article's selected text (start, end, words), if any;
        ``current``: the row's holder as the panel shows it (to start on it); ``named``: the
        words that name the row's holder now, when no actor has them (offered, and started
        on, so Enter keeps them)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stance holder"))
        self.choice: HolderChoice | None = None
        self.model = QStandardItemModel(self)
        self._add(author_text(), HolderChoice())
        for actor in actors:
            aliases = [a for a in actor.aliases if a != actor.name]
            shown = f"{actor.name} — {', '.join(aliases)}" if aliases else actor.name
            self._add(shown, HolderChoice(actor=actor.name), [actor.name, *aliases])
        same = named is not None and selected is not None and named[:2] == selected[:2]
        if named is not None and not same:
            start, end, words = named
            shown = self.tr("Named in the text: {0}").format(quoted(words))
            self._add(shown, HolderChoice(words=(start, end)), [words])
            current = shown
        if selected is not None:
            start, end, words = selected
            shown = self.tr("Selected text: {0}").format(quoted(words))
            self._add(shown, HolderChoice(words=(start, end)), [words])
            current = shown if same else current
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Type to filter actors"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.installEventFilter(self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.proxy)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.activated.connect(self.accept)
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the field
        hint = QLabel(self.tr("Enter: take · Esc: cancel · ↑/↓: choose"), self)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&Holder:"), self)
        label.setBuddy(self.filter_edit)
        layout.addWidget(label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(hint)
        self.resize(*PICKER_SIZE)
        self._choose_text(current)

    def entries(self) -> list[str]:
        """The entries shown now (after the filter), in order."""
        return [str(self.proxy.index(r, 0).data()) for r in range(self.proxy.rowCount())]

    def current_entry(self) -> str | None:
        index = self.list_view.currentIndex()
        return str(index.data()) if index.isValid() else None

    def accept(self) -> None:
        index = self.list_view.currentIndex()
        if not index.isValid():
            return  # nothing matches the filter: nothing to take
        self.choice = index.data(CHOICE_ROLE)
        super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Up and Down in the field move in the list (the field keeps the typing); Enter
        takes, before any of the window's shortcuts for these keys (Return accepts a span)."""
        if watched is not self.filter_edit or not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in _OWN_KEYS:
            event.accept()  # a key press for the field, not a shortcut
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in _MOVES:
            self._move(event.key())
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() in _ENTER:
            self.accept()
            return True
        return False

    def _add(self, text: str, choice: HolderChoice, searched: Sequence[str] = ()) -> None:
        item = QStandardItem(text)  # plain text: names come from files
        item.setEditable(False)
        item.setData(choice, CHOICE_ROLE)
        item.setData("\n".join([text, *searched]), SEARCH_ROLE)
        self.model.appendRow(item)

    def _move(self, key: int) -> None:
        count = self.proxy.rowCount()
        if not count:
            return
        row = self.list_view.currentIndex().row()
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(key), 0)
        page = max(self.list_view.height() // max(self.list_view.sizeHintForRow(0), 1), 1)
        step = step or (-page if key == Qt.Key.Key_PageUp else page)
        self._set_row(min(max(row + step, 0), count - 1))

    def _set_row(self, row: int) -> None:
        self.list_view.setCurrentIndex(self.proxy.index(row, 0))

    def _choose_text(self, text: str) -> None:
        rows = [r for r in range(self.proxy.rowCount()) if self.proxy.index(r, 0).data() == text]
        actor_rows = [
            r
            for r in range(self.proxy.rowCount())
            if getattr(self.proxy.index(r, 0).data(CHOICE_ROLE), "actor", None) == text
        ]
        self._set_row((rows or actor_rows or [0])[0])

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self._set_row(0)
