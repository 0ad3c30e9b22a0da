"""Edit › Preferences…: the ``PreferencesWorkflow`` reads the ``Preferences`` from the
settings, opens the dialog, saves what it returns when OK is pressed and applies what can
change at once (theme, text size, confidence threshold). The language takes effect at the
next start. It also owns the View › Zoom actions (``ArticleZoom``), which change the same size.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence

from gui.article_view import ArticleView
from gui.article_zoom import ArticleZoom
from gui.context import WindowContext
from gui.preferences import Preferences, read_preferences, save_preferences
from gui.preferences_dialog import PreferencesDialog
from gui.theme import apply_theme
from services.changes import DISPLAY_CHANGED


class PreferencesWorkflow(QObject):
    """Edit › Preferences… and the View › Zoom actions of ``window``. A new annotator name
    is not applied here but announced with ``annotator_chosen`` (the project is opened
    again for them)."""

    annotator_chosen = Signal(str)

    def __init__(self, context: WindowContext, article: ArticleView) -> None:
        super().__init__(context)
        self._context = context
        window = context.window
        self.zoom = ArticleZoom(article.text_edit, context.settings, window)
        self.preferences_action = QAction(self.tr("&Preferences…"), window)
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setShortcuts(keys or [QKeySequence("Ctrl+,")])
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self.show_preferences)
        self.dialog: PreferencesDialog | None = None  # while it is open

    def current(self) -> Preferences:
        context = self._context
        # The size set here, not a zoom of it: Reset zoom goes back to this one.
        size = round(self.zoom.preferred_size())
        return read_preferences(context.settings, context.chosen_annotator, size)

    @Slot()
    def show_preferences(self) -> PreferencesDialog:
        """Open the dialog (window-modal, not blocking); OK saves and applies."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        before = self.current()
        self.dialog = PreferencesDialog(before, self._context.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.accepted.connect(lambda: self.apply(before, self._dialog_values()))
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        return self.dialog

    def _dialog_values(self) -> Preferences:
        assert self.dialog is not None
        return self.dialog.values()

    @Slot()
    def _closed(self) -> None:
        self.dialog = None

    def apply(self, before: Preferences, after: Preferences) -> None:
        """Save ``after`` and put into effect what changed since ``before``."""
        context = self._context
        save_preferences(context.settings, after)
        if after.font_size != before.font_size:  # else the built-in size stays, unrounded
            self.zoom.set_font_size(after.font_size)
        if after.theme != before.theme:
            apply_theme(after.theme)
        # The confidence threshold takes effect.
        context.notify(DISPLAY_CHANGED, self)
        if after.language != before.language:
            text = self.tr("The new language is used from the next start of Standpunkt.")
            context.say(text)
        if after.annotator != before.annotator:
            self.annotator_chosen.emit(after.annotator)
