"""The preferences as stored in QSettings: who annotates, the interface language, the colour
theme, the size of the article text, which suggestions are shown and how often the stance
classifier and the entity model retrain. Read, checked (a hand-edited INI file may hold
anything) and saved here; the interface language and theme are also read at start by
``gui.app.create_application``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, QSettings

from gui.entity_training import DEFAULT_RETRAIN_EVERY as DEFAULT_ENTITY_RETRAIN_EVERY
from gui.entity_training import RETRAIN_EVERY_KEY as ENTITY_RETRAIN_EVERY_KEY
from gui.highlights import DEFAULT_MIN_CONFIDENCE
from gui.stance_training import DEFAULT_RETRAIN_EVERY, RETRAIN_EVERY_KEY
from gui.suggestion_controller import MIN_CONFIDENCE_KEY

LANGUAGE_KEY = "ui/language"  # "" follows the system, else "de" or "en"
THEME_KEY = "view/theme"  # "system", "light" or "dark"
FONT_SIZE_KEY = "view/font_size"  # points of the article text; unset: the built-in size
ZOOM_SIZE_KEY = "view/zoom_size"  # the size zoomed to; unset: the one set in Preferences
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


def stored_zoom_size(settings: QSettings) -> int | None:
    """The article text size zoomed to, or None when the text is not zoomed."""
    size = _number(settings.value(ZOOM_SIZE_KEY), 0, MIN_FONT_SIZE, MAX_FONT_SIZE)
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
