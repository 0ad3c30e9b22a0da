"""The keyboard cheat sheet (F1) and the main toolbar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from gui.main_toolbar import TOOLBAR_NAME, install_toolbar
from gui.main_window import MainWindow
from gui.shortcut_sheet import (
    ShortcutSheet,
    plain_action_text,
    shortcut_text,
)


def native(*keys: str) -> str:
    """The keys as the sheet writes them on this platform."""
    return " / ".join(
        QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in keys
    )


def make_action(text: str, *keys: str) -> QAction:
    action = QAction(text)
    action.setShortcuts([QKeySequence(key) for key in keys])
    return action


def make_sheet(qtbot) -> tuple[ShortcutSheet, list[QAction]]:  # type: ignore[no-untyped-def]
    actions = [
        make_action("&Redo", "Ctrl+Shift+Z", "Ctrl+Y"),
        make_action("&Open project…", "Ctrl+O"),
        make_action("&About Standpunkt"),  # no shortcut
        make_action("Accept", "Return", "Space"),
    ]
    groups = [("Edit", actions[:1]), ("File", actions[1:3]), ("Stance panel", actions[3:])]
    sheet = ShortcutSheet(groups)
    qtbot.addWidget(sheet)
    sheet.show()
    return sheet, actions  # the actions must outlive the sheet's use of them


def test_the_sheet_lists_each_action_with_all_its_shortcuts_by_group(qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet, _actions = make_sheet(qtbot)
    assert sheet.row_texts() == [
        ("Edit", "Redo", native("Ctrl+Shift+Z", "Ctrl+Y")),
        ("File", "Open project…", native("Ctrl+O")),
        ("Stance panel", "Accept", native("Return", "Space")),
    ]
    assert not sheet.isModal()


def test_actions_without_a_shortcut_are_listed_on_request(qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet, _actions = make_sheet(qtbot)
    check = sheet.show_all_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert ("File", "About Standpunkt", "") in sheet.row_texts()
    assert len(sheet.row_texts()) == 4


def test_search_narrows_the_rows_by_action_key_or_group(qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet, _actions = make_sheet(qtbot)
    qtbot.keyClicks(sheet.search_edit, "redo")
    assert [row[1] for row in sheet.row_texts()] == ["Redo"]
    sheet.search_edit.clear()
    qtbot.keyClicks(sheet.search_edit, native("Ctrl+O").lower())
    assert [row[1] for row in sheet.row_texts()] == ["Open project…"]
    sheet.search_edit.clear()
    qtbot.keyClicks(sheet.search_edit, "STANCE")
    assert [row[1] for row in sheet.row_texts()] == ["Accept"]
    sheet.search_edit.clear()
    assert len(sheet.row_texts()) == 3


def test_escape_closes_the_sheet(qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet, _actions = make_sheet(qtbot)
    qtbot.keyClicks(sheet.search_edit, "x")
    qtbot.keyClick(sheet.search_edit, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_action_texts_lose_their_mnemonic_markers() -> None:
    assert plain_action_text("&Open project…") == "Open project…"
    assert plain_action_text("Stance &targets…") == "Stance targets…"
    assert plain_action_text("Rock && Roll") == "Rock & Roll"
    assert shortcut_text(make_action("Quit")) == ""


def test_f1_opens_the_sheet_with_the_actions_of_menus_panel_and_text(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    action = window.shortcuts_action  # the window installs it
    assert window.help_menu.actions()[0] is action
    assert action.shortcut() == QKeySequence("F1")
    next_span = QAction("Next suggestion", window.article.text_edit)
    next_span.setShortcut(QKeySequence("Tab"))
    window.article.text_edit.addAction(next_span)
    window.addAction(window.open_action)  # in the File menu too: listed there only
    window.activateWindow()

    qtbot.keyClick(window, Qt.Key.Key_F1)

    sheets = window.findChildren(ShortcutSheet)
    assert len(sheets) == 1 and sheets[0].isVisible() and not sheets[0].isModal()
    rows = sheets[0].row_texts()
    assert ("File", "Open project…", native("Ctrl+O")) in rows
    assert ("Edit", "Redo", native("Ctrl+Shift+Z", "Ctrl+Y")) in rows
    assert ("Help", "Keyboard shortcuts", native("F1")) in rows
    assert ("Stance panel", "Accept", native("Return", "Enter", "Space")) in rows
    switch = ("Annotate", "Switch between article and stance panel", native("F6", "Shift+F6"))
    assert switch in rows
    assert ("Article text", "Next suggestion", native("Tab")) in rows
    assert ("Spans panel", "Reject or delete", native("Delete", "Backspace")) in rows
    assert [row[1] for row in rows].count("Open project…") == 1  # each action once
    check = sheets[0].show_all_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    rows = sheets[0].row_texts()
    assert ("View › Order documents", "In import order", "") in rows  # submenus too
    assert all(action for _group, action, _keys in rows)  # no separators


def test_f1_again_shows_the_same_sheet_with_the_actions_of_now(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutSheet)
    sheet.close()
    added = QAction("&Export…", window)
    added.setShortcut(QKeySequence("Ctrl+E"))
    window.file_menu.addAction(added)
    window.activateWindow()

    qtbot.keyClick(window, Qt.Key.Key_F1)

    assert window.findChildren(ShortcutSheet) == [sheet] and sheet.isVisible()
    assert ("File", "Export…", native("Ctrl+E")) in sheet.row_texts()


def test_the_toolbar_holds_the_most_used_actions_of_the_window(window: MainWindow) -> None:
    toolbar = window.toolbar  # the window installs it
    assert toolbar.objectName() == TOOLBAR_NAME == "mainToolbar"
    assert window.findChild(QToolBar, TOOLBAR_NAME) is toolbar
    assert window.toolBarArea(toolbar) == Qt.ToolBarArea.TopToolBarArea
    actions = [action for action in toolbar.actions() if not action.isSeparator()]
    assert actions == [
        window.open_action,
        window.import_action,
        window.undo_action,
        window.redo_action,
        window.suggest_all_action,
        window.stance.targets_action,
        window.stance.train_action,
    ]
    assert sum(action.isSeparator() for action in toolbar.actions()) == 2
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert not window.open_action.icon().isNull()
    assert window.suggest_all_action.iconText() == "Suggest all"  # the menu's is long
    assert window.suggest_all_action.text() == "&Suggest for all documents"


def test_the_toolbar_leaves_out_actions_the_window_does_not_have(qtbot) -> None:  # type: ignore[no-untyped-def]
    bare = QMainWindow()
    qtbot.addWidget(bare)
    bare.open_action = QAction("&Open project…", bare)  # type: ignore[attr-defined]
    toolbar = install_toolbar(bare)  # type: ignore[arg-type]
    assert toolbar.actions() == [bare.open_action]  # type: ignore[attr-defined]
