"""The colour theme: ask the platform for a light or dark scheme, and where it takes no
notice (X11 desktops, the offscreen platform) paint the application in Fusion with a
palette of our own, so Preferences › Colour theme › Dark always gives a dark window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
DARK_LIGHTNESS = 128  # a window colour darker than this is a dark palette

_platform_style: str | None = None  # the style the platform chose, before ours


def apply_theme(theme: str) -> None:
    """``"light"``, ``"dark"`` or ``"system"`` (follow the platform again). Qt 6.8+ passes
    the wish to the platform; a palette of ours stands in where it is not granted."""
    hints = QGuiApplication.styleHints()
    scheme = SCHEMES.get(theme)
    if scheme is None:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(scheme)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        _follow(app, scheme)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < DARK_LIGHTNESS


def _follow(app: QApplication, scheme: Qt.ColorScheme | None) -> None:
    """Back to the platform's own style and palette, then ours if it is not the scheme
    asked for."""
    global _platform_style
    if _platform_style is None:
        _platform_style = app.style().name()
    elif app.style().name() != _platform_style:
        app.setStyle(_platform_style)
    app.setPalette(QPalette())  # no palette of ours: the platform's (after its hint)
    if scheme is None or is_dark(app.palette()) == (scheme == Qt.ColorScheme.Dark):
        return
    fusion = QStyleFactory.create("Fusion")
    app.setStyle(fusion)  # the platform style may draw with its own colours, not the palette
    app.setPalette(dark_palette() if scheme == Qt.ColorScheme.Dark else fusion.standardPalette())


def dark_palette() -> QPalette:
    """A dark palette for Fusion: light text on dark grey, a blue selection, muted text for
    disabled widgets and placeholders."""
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#2b2b2e",
        role.WindowText: "#e6e6e6",
        role.Base: "#1e1e21",
        role.AlternateBase: "#27272b",
        role.ToolTipBase: "#3a3a3f",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#9a9aa0",
        role.Text: "#e6e6e6",
        role.Button: "#36363a",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a50",
        role.Midlight: "#3e3e44",
        role.Mid: "#2f2f33",
        role.Dark: "#18181a",
        role.Shadow: "#000000",
        role.Highlight: "#3d7fd6",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb5ff",
        role.LinkVisited: "#c29bff",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#7a7a80"))
    palette.setColor(group.Disabled, role.Highlight, QColor("#4a4a50"))
    return palette
