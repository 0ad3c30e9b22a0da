"""Find in the shown article: Ctrl+F opens a bar above the text, every match is marked and
the current one stands out ("3 of 12"), F3 / Shift+F3 (Return / Shift+Return in the bar) go
to the next / previous match round the text's end, Escape closes the bar and gives the
article the keyboard back with the current match selected (a label key then labels it).

Matching ignores case unless "Match case" is on. The matches are the article's own extra
selections (``ArticleText.set_find_marks``): the entity highlights stay as they are.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTextEdit,
    QToolButton,
    QWidget,
)

from gui.article_text import ArticleText

Match = tuple[int, int]  # offsets into the article's text (code points)
MATCH_COLOUR = "#ffe066"  # every match: yellow, under the entity tints
CURRENT_COLOUR = "#ff9632"  # the current match: orange, on top (as browsers mark it)
MAX_MARKS = 1_000  # marked around the current match; more would slow each repaint down


def find_matches(text: str, needle: str, match_case: bool = False) -> list[Match]:
    """Where ``needle`` occurs in ``text``, without overlaps; any case unless ``match_case``
    (simple case folding, so offsets stay those of ``text``)."""
    if not needle:
        return []
    flags = 0 if match_case else re.IGNORECASE
    return [m.span() for m in re.finditer(re.escape(needle), text, flags)]


def _format(colour: str) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setBackground(QColor(colour))
    text_format.setForeground(QColor("black"))  # readable on yellow in a dark theme too
    return text_format


class FindBar(QWidget):
    """The bar over ``text``; hidden until ``open_bar``."""

    def __init__(self, text: ArticleText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.matches: list[Match] = []
        self.current: int | None = None  # index into ``matches``
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Find in the article"))
        self.edit.setAccessibleName(self.tr("Find in the article"))
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.case_box = QCheckBox(self.tr("Match case"))
        self.previous_button = self._button("↑", self.tr("Previous match (Shift+F3)"))
        self.next_button = self._button("↓", self.tr("Next match (F3)"))
        close = self._button("✕", self.tr("Close (Escape)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.case_box)
        layout.addWidget(close)
        self.edit.textChanged.connect(self._search)
        self.case_box.toggled.connect(self._search)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        self._bar_actions()
        text.textChanged.connect(self._on_text_changed)  # another document is shown
        self.hide()

    def _bar_actions(self) -> None:
        """Keys while the bar has the focus (listed in the F1 sheet as "Find bar")."""
        entries = [
            (self.tr("Next match"), ["Return", "Enter"], self.find_next),
            (self.tr("Previous match"), ["Shift+Return", "Shift+Enter"], self.find_previous),
            (self.tr("Close the find bar"), ["Escape"], self.close_bar),
        ]
        for text, keys, slot in entries:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _button(self, symbol: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(symbol)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the field
        return button

    # --- what the keys do ----------------------------------------------------------------

    @Slot()
    def open_bar(self) -> None:
        """Show the bar with the focus in its field (the article's selection as the text to
        find, if there is a short one on one line)."""
        selected = self._text.selected_range()
        if selected is not None:
            words = self._text.text[selected[0] : selected[1]]
            if words.strip() and "\n" not in words and len(words) <= 100:
                self.edit.setText(words)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._search()

    @Slot()
    def close_bar(self) -> None:
        """Hide the bar and its marks; the article gets the keys, the match selected."""
        if not self.isVisible():
            return
        match = self.current_match()
        self.hide()
        self._text.set_find_marks([], [])
        if match is not None:
            self._text.select_range(*match)
        self._text.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def find_next(self) -> None:
        self._step(1)

    @Slot()
    def find_previous(self) -> None:
        self._step(-1)

    def current_match(self) -> Match | None:
        return self.matches[self.current] if self.current is not None else None

    def _step(self, direction: int) -> None:
        if not self.isVisible():  # F3 after Escape: find again what was found last
            if not self.edit.text():
                self.open_bar()
                return
            self.show()
            self._search()  # the match at the caret (the one selected when it closed)
        if not self.matches:
            return
        current = self.current if self.current is not None else -direction
        self._go_to((current + direction) % len(self.matches))

    # --- searching and marking --------------------------------------------------------------

    @Slot()
    def _search(self) -> None:
        """Find the field's text anew; the current match is the first at or after the
        article's caret."""
        text = self._text
        self.matches = find_matches(text.text, self.edit.text(), self.case_box.isChecked())
        if not self.matches:
            self.current = None
            self._mark()
            return
        caret = text.positions.from_qt(text.textCursor().selectionStart())
        index = bisect_left(self.matches, (caret, 0))
        self._go_to(index % len(self.matches))

    @Slot()
    def _on_text_changed(self) -> None:
        if self.isVisible():
            self._search()

    def _go_to(self, index: int) -> None:
        """Make match ``index`` the current one and scroll it to the middle of the view."""
        self.current = index
        start, _end = self.matches[index]
        text = self._text
        cursor = QTextCursor(text.document())
        cursor.setPosition(text.positions.to_qt(start))
        text.setTextCursor(cursor)  # no selection: the keys act on spans, not on the match
        text.centerCursor()
        self._mark()

    def _mark(self) -> None:
        """Mark the matches near the current one and say how many there are."""
        text = self._text
        if self.current is None:
            text.set_find_marks([], [])
            count = self.tr("No matches") if self.edit.text() else ""
            self.count_label.setText(count)
            return
        first = max(0, self.current - MAX_MARKS // 2)
        near = self.matches[first : first + MAX_MARKS]
        under = [self._selection(match, MATCH_COLOUR) for match in near]
        over = [self._selection(self.matches[self.current], CURRENT_COLOUR)]
        text.set_find_marks(under, over)
        locale = QLocale()
        self.count_label.setText(
            self.tr("{0} of {1}").format(
                locale.toString(self.current + 1), locale.toString(len(self.matches))
            )
        )

    def _selection(self, match: Match, colour: str) -> QTextEdit.ExtraSelection:
        text = self._text
        cursor = QTextCursor(text.document())
        cursor.setPosition(text.positions.to_qt(match[0]))
        cursor.setPosition(text.positions.to_qt(match[1]), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[misc]
        selection.format = _format(colour)  # type: ignore[misc]
        return selection


def install_find(bar: FindBar, window: QWidget, menu: QMenu) -> list[QAction]:
    """The window's Find actions (Ctrl+F, F3, Shift+F3): they work anywhere in the window
    and are listed in ``menu`` (the Edit menu)."""
    translate = QCoreApplication.translate
    entries = [
        (translate("FindBar", "&Find in article…"), ["Ctrl+F"], bar.open_bar),
        (translate("FindBar", "Find &next"), ["F3"], bar.find_next),
        (translate("FindBar", "Find pre&vious"), ["Shift+F3"], bar.find_previous),
    ]
    actions = []
    for text, keys, slot in entries:
        action = QAction(text, window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        window.addAction(action)
        menu.addAction(action)
        actions.append(action)
    return actions
