"""Preferences: the dialog shows what is stored, OK saves it to QSettings and applies what
can change at once; the zoom keys; the language and theme read when the app starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import gui.app
import gui.preferences as preferences
import gui.preferences_workflow as preferences_workflow
import gui.theme as theme
from gui.main_window import MainWindow
from gui.preferences_dialog import PreferencesDialog
from gui.project_workflow import ProjectWorkflow
from storage.project import open_project
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.gui.helpers import OPEN_TIMEOUT_MS, open_and_wait

TEXT = (
    "Scholz trifft Macron in Berlin\n\n"
    "Bundeskanzler Olaf Scholz hat am Montag in Berlin den französischen Präsidenten "
    "empfangen. Russland verurteilte das Treffen scharf."
)


@pytest.fixture
def themes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The themes applied (offscreen Qt ignores a colour scheme request, so it is recorded)."""
    applied: list[str] = []
    monkeypatch.setattr(preferences_workflow, "apply_theme", applied.append)
    return applied


@pytest.fixture
def setup(window: MainWindow, themes: list[str]) -> ProjectWorkflow:
    return window.setup  # the window installs it


def open_dialog(setup: ProjectWorkflow) -> PreferencesDialog:
    setup.preferences.preferences_action.trigger()
    dialog = setup.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def press(qtbot, dialog: PreferencesDialog, button: QDialogButtonBox.StandardButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)


def text_size(window: MainWindow) -> float:
    return window.article.text_edit.font().pointSizeF()


def test_the_dialog_shows_the_stored_preferences(
    window: MainWindow, setup: ProjectWorkflow, settings: QSettings
) -> None:
    settings.setValue("annotator", "anna")
    settings.setValue("ui/language", "de")
    settings.setValue("view/theme", "dark")
    settings.setValue("suggestions/min_confidence", "0.45")  # as an INI file gives it back
    settings.setValue("stance/retrain_every", "12")
    dialog = open_dialog(setup)
    assert dialog.annotator_edit.text() == "anna"
    assert dialog.language_combo.currentText() == "Deutsch"
    assert dialog.theme_combo.currentData() == "dark"
    assert dialog.font_size_spin.value() == round(text_size(window))
    assert dialog.confidence_spin.value() == pytest.approx(0.45)
    assert dialog.retrain_spin.value() == 12


def test_stored_nonsense_shows_the_defaults(setup: ProjectWorkflow, settings: QSettings) -> None:
    settings.setValue("ui/language", "tlh")
    settings.setValue("suggestions/min_confidence", "7")
    settings.setValue("stance/retrain_every", "often")
    dialog = open_dialog(setup)
    assert dialog.language_combo.currentData() == ""
    assert dialog.confidence_spin.value() == pytest.approx(0.3)
    assert dialog.retrain_spin.value() == 30


def test_ok_saves_the_preferences_and_applies_them(
    qtbot, window: MainWindow, setup: ProjectWorkflow, settings: QSettings, themes, monkeypatch
) -> None:
    repainted: list[bool] = []
    monkeypatch.setattr(window.suggestions, "repaint", lambda **_: repainted.append(True))
    dialog = open_dialog(setup)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.font_size_spin.setValue(17)
    dialog.confidence_spin.setValue(0.55)
    dialog.retrain_spin.setValue(50)
    dialog.entity_retrain_spin.setValue(7)
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.value("ui/language") == "en"
    assert settings.value("view/theme") == "dark"
    assert int(settings.value("view/font_size")) == 17
    assert float(settings.value("suggestions/min_confidence")) == pytest.approx(0.55)
    assert int(settings.value("stance/retrain_every")) == 50
    assert text_size(window) == 17  # at once
    assert themes == ["dark"]
    assert repainted == [True]
    assert window.suggestions.min_confidence() == pytest.approx(0.55)
    assert window.stance.trainer.retrain_every() == 50
    assert window.entity_training.trainer.retrain_every() == 7
    assert "next start" in window.status.currentMessage()
    assert setup.preferences.dialog is None


def test_cancel_saves_nothing(qtbot, window, setup, settings: QSettings, themes) -> None:
    size, keys = text_size(window), settings.allKeys()  # the fixture's own keys
    dialog = open_dialog(setup)
    dialog.font_size_spin.setValue(30)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("light"))
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert settings.allKeys() == keys
    assert text_size(window) == size and themes == []


def test_ok_without_changes_keeps_the_built_in_text_size(
    qtbot, window, setup, settings: QSettings
) -> None:
    press(qtbot, open_dialog(setup), QDialogButtonBox.StandardButton.Ok)
    assert not settings.contains("view/font_size")


def test_ok_needs_an_annotator_name(setup: ProjectWorkflow) -> None:
    dialog = open_dialog(setup)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.annotator_edit.setText(" ")
    assert not ok.isEnabled()
    dialog.annotator_edit.setText("berta")
    assert ok.isEnabled()


def test_a_new_annotator_name_opens_the_project_again_for_them(
    qtbot, window, setup, settings: QSettings, make_project: Callable[..., Path]
) -> None:
    settings.setValue("annotator", "anna")
    open_and_wait(qtbot, window, make_project(["Ein Text."]))
    dialog = open_dialog(setup)
    dialog.annotator_edit.setText("berta")
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.value("annotator") == "berta"
    assert window.status.annotator_label.text() == "Annotator: berta"


def test_a_new_threshold_repaints_the_shown_document(
    qtbot, window: MainWindow, setup, settings: QSettings, make_project: Callable[..., Path]
) -> None:
    path = make_project([TEXT], languages=["de"])
    with open_project(path) as project:
        spans = [
            SpanSuggestion(TEXT.index(w), TEXT.index(w) + len(w), label, c, "model", "t", "1")
            for w, label, c in [("Olaf Scholz", "PER", 0.4), ("Russland", "LOC", 0.8)]
        ]
        store_entity_suggestions(project.db, project.project_id, 1, spans, {"t"})
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        open_and_wait(qtbot, window, path)
    assert shown.args == [1, 2]  # both above the default 0.3
    dialog = open_dialog(setup)
    dialog.confidence_spin.setValue(0.5)
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert shown.args == [1, 1]  # Olaf Scholz (0.4) no longer


# --- zoom -----------------------------------------------------------------------------------


def test_the_zoom_keys_change_the_text_size_and_remember_it(
    qtbot, window: MainWindow, setup: ProjectWorkflow, settings: QSettings
) -> None:
    built_in = text_size(window)
    start = round(built_in)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Equal, ctrl)  # "+" without Shift on many keyboards
    assert text_size(window) == start + 2
    assert int(settings.value("view/zoom_size")) == start + 2
    assert not settings.contains("view/font_size")  # the Preferences' size is not the zoom
    qtbot.keyClick(window, Qt.Key.Key_Minus, ctrl)
    assert text_size(window) == start + 1
    qtbot.keyClick(window, Qt.Key.Key_0, ctrl)
    assert text_size(window) == built_in
    assert not settings.contains("view/zoom_size")


def test_reset_zoom_goes_back_to_the_size_set_in_preferences(
    qtbot, window: MainWindow, setup: ProjectWorkflow, settings: QSettings
) -> None:
    dialog = open_dialog(setup)
    dialog.font_size_spin.setValue(17)
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
    assert text_size(window) == 19
    assert open_dialog(setup).font_size_spin.value() == 17  # the preference, not the zoom
    setup.preferences.dialog.reject()  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_0, ctrl)
    assert text_size(window) == 17
    assert int(settings.value("view/font_size")) == 17


def test_a_zoom_is_shown_again_at_the_next_start(qtbot, settings: QSettings, themes) -> None:  # type: ignore[no-untyped-def]
    settings.setValue("view/font_size", "15")
    settings.setValue("view/zoom_size", "21")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert text_size(window) == 21


def test_zoom_stops_at_the_limits(setup: ProjectWorkflow, window: MainWindow) -> None:
    setup.preferences.zoom.set_font_size(preferences.MAX_FONT_SIZE)
    setup.preferences.zoom.zoom(1)
    assert text_size(window) == preferences.MAX_FONT_SIZE


def test_the_stored_text_size_is_used_from_the_start(qtbot, settings: QSettings, themes) -> None:
    settings.setValue("view/font_size", "19")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)  # the window installs the setup (and applies the size)
    assert text_size(window) == 19


# --- at the start of the app ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", QLocale.Language.German),
        ("en", QLocale.Language.English),
        ("", QLocale.system().language()),
    ],
)
def test_create_application_uses_the_chosen_language_and_theme(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, language: str, expected
) -> None:
    stored = QSettings("Standpunkt", "Standpunkt")  # where the app's QSettings() reads
    stored.setValue("ui/language", language)
    stored.setValue("view/theme", "light")
    stored.sync()
    locales: list[QLocale] = []
    applied: list[str] = []
    monkeypatch.setattr(gui.app, "install_translations", lambda app, lo: locales.append(lo))
    monkeypatch.setattr(gui.app, "apply_theme", applied.append)
    before = QLocale()
    try:
        assert gui.app.create_application([]) is qapp
        assert [locale.language() for locale in locales] == [expected]
        assert applied == ["light"]
        # Numbers are written as the interface's language writes them.
        assert QLocale().language() == expected
    finally:
        QLocale.setDefault(before)


def test_apply_theme_asks_the_style_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []

    class Hints:
        def setColorScheme(self, scheme: Qt.ColorScheme) -> None:  # noqa: N802
            asked.append(scheme)

        def unsetColorScheme(self) -> None:  # noqa: N802
            asked.append(None)

    monkeypatch.setattr(theme.QGuiApplication, "styleHints", staticmethod(Hints))
    for name in ("dark", "light", "system"):
        theme.apply_theme(name)
    assert asked == [Qt.ColorScheme.Dark, Qt.ColorScheme.Light, None]
