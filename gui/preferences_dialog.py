"""Preferences: who annotates, the interface language, the colour theme, the size of the
article text, which suggestions are shown and how often the stance classifier and the
entity model retrain.

Everything lives in QSettings. The dialog only edits a ``Preferences`` record; the
``PreferencesWorkflow`` reads it from the settings, saves it when OK is pressed and applies
what can change at once (theme, text size, confidence threshold). The language is read by
``gui.app.create_application`` and so takes effect at the next start. The article text size
also has View › Zoom actions, kept here with the size they change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.article_view import ArticleView
from gui.context import WindowContext
from gui.entity_training import DEFAULT_RETRAIN_EVERY as DEFAULT_ENTITY_RETRAIN_EVERY
from gui.entity_training import RETRAIN_EVERY_KEY as ENTITY_RETRAIN_EVERY_KEY
from gui.highlights import DEFAULT_MIN_CONFIDENCE
from gui.stance_training import DEFAULT_RETRAIN_EVERY, RETRAIN_EVERY_KEY
from gui.suggestion_controller import MIN_CONFIDENCE_KEY
from services.changes import DISPLAY_CHANGED

LANGUAGE_KEY = "ui/language"  # "" follows the system, else "de" or "en"
THEME_KEY = "view/theme"  # "system", "light" or "dark"
FONT_SIZE_KEY = "view/font_size"  # points of the article text; unset: the built-in size
LANGUAGES = ("", "de", "en")
THEMES = ("system", "light", "dark")
MIN_FONT_SIZE, MAX_FONT_SIZE = 6, 48
MAX_RETRAIN_EVERY = 100_000
MAX_ANNOTATOR_LENGTH = 200  # the annotators table's column


@dataclass(frozen=True)
class Preferences:
    """What the preferences dialog edits."""

    annotator: str
    language: str
    theme: str
    font_size: int
    min_confidence: float
    retrain_every: int
    entity_retrain_every: int = DEFAULT_ENTITY_RETRAIN_EVERY


def _number(value: Any, default: float, low: float, high: float) -> float:
    """A stored number within [low, high]; ``default`` for anything else (an INI file
    holds strings, and a hand-edited one may hold anything)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def _choice(settings: QSettings, key: str, choices: tuple[str, ...]) -> str:
    value = str(settings.value(key, choices[0]) or "")
    return value if value in choices else choices[0]


def stored_font_size(settings: QSettings) -> int | None:
    """The article text size the user chose, or None for the built-in one."""
    size = _number(settings.value(FONT_SIZE_KEY), 0, MIN_FONT_SIZE, MAX_FONT_SIZE)
    return round(size) if size else None


def read_preferences(settings: QSettings, annotator: str, font_size: int) -> Preferences:
    """The stored preferences; ``annotator`` and ``font_size`` are the ones in use now."""
    return Preferences(
        annotator=annotator,
        language=_choice(settings, LANGUAGE_KEY, LANGUAGES),
        theme=_choice(settings, THEME_KEY, THEMES),
        font_size=font_size,
        min_confidence=_number(
            settings.value(MIN_CONFIDENCE_KEY), DEFAULT_MIN_CONFIDENCE, 0.0, 1.0
        ),
        retrain_every=int(
            _number(settings.value(RETRAIN_EVERY_KEY), DEFAULT_RETRAIN_EVERY, 1, MAX_RETRAIN_EVERY)
        ),
        entity_retrain_every=int(
            _number(
                settings.value(ENTITY_RETRAIN_EVERY_KEY),
                DEFAULT_ENTITY_RETRAIN_EVERY,
                1,
                MAX_RETRAIN_EVERY,
            )
        ),
    )


def save_preferences(settings: QSettings, values: Preferences) -> None:
    """Store ``values`` but the annotator and the font size: those are stored by what
    applies them (``ProjectWorkflow.set_annotator``, ``ArticleZoom``)."""
    settings.setValue(LANGUAGE_KEY, values.language)
    settings.setValue(THEME_KEY, values.theme)
    settings.setValue(MIN_CONFIDENCE_KEY, values.min_confidence)
    settings.setValue(RETRAIN_EVERY_KEY, values.retrain_every)
    settings.setValue(ENTITY_RETRAIN_EVERY_KEY, values.entity_retrain_every)


def interface_locale(settings: QSettings) -> QLocale:
    """The locale whose translation the interface uses: the chosen language, else the
    system's."""
    language = _choice(settings, LANGUAGE_KEY, LANGUAGES)
    if language == "de":
        return QLocale(QLocale.Language.German, QLocale.Country.Germany)
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale.system()


def stored_theme(settings: QSettings) -> str:
    return _choice(settings, THEME_KEY, THEMES)


def apply_theme(theme: str) -> None:
    """Ask the platform for a light or dark scheme, or to follow the system again. Qt 6.8+;
    platforms that cannot switch (offscreen, some X11 desktops) keep their own."""
    hints = QGuiApplication.styleHints()
    schemes = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
    if theme in schemes:
        hints.setColorScheme(schemes[theme])
    else:
        hints.unsetColorScheme()


class PreferencesDialog(QDialog):
    """Edits a ``Preferences`` record; ``values()`` is what the user set. OK is only
    enabled while the annotator has a name."""

    def __init__(self, values: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.annotator_edit = QLineEdit(values.annotator, self)
        self.annotator_edit.setMaxLength(MAX_ANNOTATOR_LENGTH)
        self.language_combo = self._combo(
            [self.tr("System"), "Deutsch", "English"], LANGUAGES, values.language
        )
        self.theme_combo = self._combo(
            [self.tr("System"), self.tr("Light"), self.tr("Dark")], THEMES, values.theme
        )
        self.font_size_spin = QSpinBox(self)
        self.font_size_spin.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size_spin.setSuffix(self.tr(" pt"))
        self.font_size_spin.setValue(values.font_size)
        self.confidence_spin = QDoubleSpinBox(self)
        self.confidence_spin.setRange(0.0, 1.0)
        self.confidence_spin.setDecimals(2)
        self.confidence_spin.setSingleStep(0.05)
        self.confidence_spin.setValue(values.min_confidence)
        self.retrain_spin = QSpinBox(self)
        self.retrain_spin.setRange(1, MAX_RETRAIN_EVERY)
        self.retrain_spin.setValue(values.retrain_every)
        self.entity_retrain_spin = QSpinBox(self)
        self.entity_retrain_spin.setRange(1, MAX_RETRAIN_EVERY)
        self.entity_retrain_spin.setValue(values.entity_retrain_every)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.annotator_edit.textChanged.connect(self._annotator_changed)
        self._annotator_changed(values.annotator)

    def _combo(self, texts: list[str], values: tuple[str, ...], current: str) -> QComboBox:
        combo = QComboBox(self)
        for text, value in zip(texts, values, strict=True):
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _group(self, title: str, rows: list[tuple[str, QWidget, str]]) -> QGroupBox:
        """A titled form; a row's hint (if any) is written muted under it."""
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        # Line edits fill the width; numbers and choices keep their size.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, widget, hint in rows:
            form.addRow(label, widget)
            if hint:
                note = QLabel(hint, group)
                note.setWordWrap(True)
                note.setEnabled(False)  # drawn muted: an explanation, not a setting
                form.addRow(note)
        return group

    def _lay_out(self) -> None:
        annotator = self._group(
            self.tr("Annotator"),
            [
                (
                    self.tr("&Name:"),
                    self.annotator_edit,
                    self.tr("Your labels are stored under this name."),
                )
            ],
        )
        appearance = self._group(
            self.tr("Appearance"),
            [
                (
                    self.tr("&Language:"),
                    self.language_combo,
                    self.tr("Used from the next start of Standpunkt."),
                ),
                (self.tr("&Colour theme:"), self.theme_combo, ""),
                (self.tr("Article &text size:"), self.font_size_spin, ""),
            ],
        )
        suggestions = self._group(
            self.tr("Suggestions"),
            [
                (
                    self.tr("&Show suggestions from confidence:"),
                    self.confidence_spin,
                    self.tr("Less confident suggestions are not highlighted."),
                ),
                (
                    self.tr("&Retrain stance after new labels:"),
                    self.retrain_spin,
                    self.tr("The stance classifier learns again after this many new labels."),
                ),
                (
                    self.tr("Retrain &entities after done documents:"),
                    self.entity_retrain_spin,
                    self.tr(
                        "The entity model learns again after this many documents were marked "
                        "done; it takes over only if it scores better on held-out documents."
                    ),
                ),
            ],
        )
        layout = QVBoxLayout(self)
        for group in (annotator, appearance, suggestions):
            layout.addWidget(group)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def values(self) -> Preferences:
        return Preferences(
            annotator=self.annotator_edit.text().strip(),
            language=self.language_combo.currentData(),
            theme=self.theme_combo.currentData(),
            font_size=self.font_size_spin.value(),
            min_confidence=round(self.confidence_spin.value(), 2),
            retrain_every=self.retrain_spin.value(),
            entity_retrain_every=self.entity_retrain_spin.value(),
        )

    @Slot(str)
    def _annotator_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))


class ArticleZoom(QObject):
    """The article text's size: the stored one at start, changed by the zoom actions and
    the preferences, reset to the built-in size."""

    def __init__(self, text: QPlainTextEdit, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self._text, self._settings = text, settings
        self.default_size = text.font().pointSizeF()  # the size ArticleView chose
        self.zoom_in_action = self._action(
            self.tr("Zoom &in"), ["Ctrl++", "Ctrl+="], lambda: self.zoom(1)
        )
        self.zoom_out_action = self._action(self.tr("Zoom &out"), ["Ctrl+-"], lambda: self.zoom(-1))
        self.reset_action = self._action(self.tr("&Reset zoom"), ["Ctrl+0"], self.reset)
        stored = stored_font_size(settings)
        if stored is not None:
            self._show(stored)

    @property
    def actions(self) -> list[QAction]:
        return [self.zoom_in_action, self.zoom_out_action, self.reset_action]

    def _action(self, text: str, keys: list[str], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.parent())
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        return action

    def font_size(self) -> int:
        return round(self._text.font().pointSizeF())

    def set_font_size(self, size: int) -> None:
        """Show the text at ``size`` points (within the limits) and remember it."""
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        self._settings.setValue(FONT_SIZE_KEY, size)
        self._show(size)

    def zoom(self, steps: int) -> None:
        self.set_font_size(self.font_size() + steps)

    @Slot()
    def reset(self) -> None:
        self._settings.remove(FONT_SIZE_KEY)
        self._show(self.default_size)

    def _show(self, size: float) -> None:
        font = self._text.font()
        font.setPointSizeF(size)
        self._text.setFont(font)


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
        return read_preferences(context.settings, context.annotator, self.zoom.font_size())

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
