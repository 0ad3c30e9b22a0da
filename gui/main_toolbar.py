"""The main toolbar: the window's most used actions, one click away.

The toolbar shows the window's own actions (no copies), so enabling, disabling and
shortcuts stay in one place. There are no icon files: where one fits, the action gets the
desktop theme's icon, else a Qt standard icon (the menus then show it too); the others show
their text only.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

TOOLBAR_NAME = "mainToolbar"  # QMainWindow.saveState() keys the toolbar by its object name
_Icon = QStyle.StandardPixmap


class ToolbarItem(NamedTuple):
    """Where the window keeps the action ("stance.train_action"), its icon if one fits (a
    freedesktop theme name, and the Qt standard icon where the theme has none), and a
    shorter text for the button than the menu's (None: the menu's)."""

    path: str
    theme_icon: str | None = None
    icon: QStyle.StandardPixmap | None = None
    short_text: str | None = None


def toolbar_groups() -> list[list[ToolbarItem]]:
    """The toolbar's actions, in groups separated on the toolbar."""
    translate = QCoreApplication.translate
    return [
        [
            ToolbarItem("open_action", "document-open", _Icon.SP_DialogOpenButton),
            ToolbarItem("import_action", "document-import", _Icon.SP_FileIcon),
        ],
        [
            # Undo's text names what it undoes ("Undo accept span"): too long for a button.
            ToolbarItem(
                "undo_action", "edit-undo", _Icon.SP_ArrowBack, translate("MainToolbar", "Undo")
            ),
            ToolbarItem(
                "redo_action", "edit-redo", _Icon.SP_ArrowForward, translate("MainToolbar", "Redo")
            ),
        ],
        [
            ToolbarItem("suggest_all_action", short_text=translate("MainToolbar", "Suggest all")),
            ToolbarItem("stance.targets_action"),
            ToolbarItem("stance.train_action", short_text=translate("MainToolbar", "Train stance")),
        ],
    ]


def window_action(window: object, path: str) -> QAction | None:
    """The action at ``path`` ("stance.train_action") on the window; None if there is none."""
    found: object = window
    for name in path.split("."):
        found = getattr(found, name, None)
    return found if isinstance(found, QAction) else None


def install_toolbar(window: QMainWindow) -> QToolBar:
    """Add the main toolbar (text beside icons) at the top of the window with the actions
    of ``toolbar_groups`` the window has; returns it."""
    toolbar = QToolBar(QCoreApplication.translate("MainToolbar", "Main toolbar"), window)
    toolbar.setObjectName(TOOLBAR_NAME)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    style = window.style()
    for group in toolbar_groups():
        present = [
            (item, action)
            for item in group
            if (action := window_action(window, item.path)) is not None
        ]
        if present and toolbar.actions():
            toolbar.addSeparator()
        for item, action in present:
            if action.icon().isNull():
                action.setIcon(_icon(item, style))
            if item.short_text:
                action.setIconText(item.short_text)
            toolbar.addAction(action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar


def _icon(item: ToolbarItem, style: QStyle) -> QIcon:
    """The theme's icon (Linux desktops), else the standard one, else none."""
    fallback = style.standardIcon(item.icon) if item.icon is not None else QIcon()
    return QIcon.fromTheme(item.theme_icon, fallback) if item.theme_icon else fallback
