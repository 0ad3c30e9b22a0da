"""Starting the app, and its German translation (complete, compiled, actually used)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from gui.app import I18N_DIR, install_translations, run_app
from gui.main_window import MainWindow
from tests.gui.helpers import OPEN_TIMEOUT_MS

GUI_DIR = Path(__file__).resolve().parents[2] / "gui"
TS_FILE = I18N_DIR / "standpunkt_de.ts"
QM_FILE = I18N_DIR / "standpunkt_de.qm"
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


def test_run_app_shows_the_project_with_its_samples_and_returns_the_exit_code(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gui.app.install_translations", lambda app, locale: [])  # any locale
    asked: list[bool] = []
    monkeypatch.setattr(
        "gui.project_workflow.ProjectWorkflow.ask_name", lambda *_a, **_k: asked.append(True)
    )
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "probe.txt").write_text("Probe\n\nEin Beispieltext.", encoding="utf-8")
    seen: list[int] = []

    def when_running() -> None:
        # The window run_app made; stop the event loop once it shows the opened project.
        [window] = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]

        def done() -> None:
            seen.append(window.model.rowCount())
            qapp.exit(3)

        if window.project is not None:
            done()
        else:
            window.project_opened.connect(done)

    QTimer.singleShot(0, when_running)
    watchdog = QTimer()  # never hang the test run
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: qapp.exit(99))
    watchdog.start(OPEN_TIMEOUT_MS)
    try:
        code = run_app(tmp_path / "projekt.sqlite", samples)
    finally:
        # Stopped, or it would end whatever event loop a later test waits in (and Qt then
        # ends every later one at once).
        watchdog.stop()
        for window in qapp.topLevelWidgets():
            if isinstance(window, MainWindow):
                window.close()
                window.deleteLater()
    assert (code, seen) == (3, [1])
    assert asked == [True]  # the first start asked who annotates
    assert QSettings().value("annotator")  # and remembers it (here the login name)
    assert QCoreApplication.applicationName() == "Standpunkt"
    assert QCoreApplication.organizationName() == "Standpunkt"
    assert (tmp_path / "projekt.sqlite").exists()


def test_a_german_locale_gets_the_german_interface(qapp: QApplication, settings: QSettings) -> None:
    translators = install_translations(qapp, GERMAN)
    try:
        assert len(translators) == 2  # ours and Qt's own (dialog buttons)
        window = MainWindow(settings=settings)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["&Datei", "&Bearbeiten", "&Ansicht", "D&okument", "A&nnotieren", "&Hilfe"]
        # Each menu its own Alt key: Alt+D once opened Dokument instead of Datei.
        keys = [text[text.index("&") + 1].lower() for text in menus]
        assert len(set(keys)) == len(keys)
        assert window.suggest_all_action.text() == "Für alle Dokumente &vorschlagen"
        assert window.stance.targets_action.text() == "Haltungs&ziele…"
        model = window.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
        assert headers[:3] == ["Titel", "Sprache", "Status"] and headers[4] == "Zeichen"
        assert window.status.project_label.text() == "Kein Projekt geöffnet"
        window.deleteLater()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_a_locale_without_our_translation_keeps_english(qapp: QApplication) -> None:
    translators = install_translations(
        qapp, QLocale(QLocale.Language.French, QLocale.Country.France)
    )
    for translator in translators:
        qapp.removeTranslator(translator)
    assert not [t for t in translators if "standpunkt" in t.filePath()]


def _ts_messages() -> dict[tuple[str, str], str]:
    """(context, source) -> translation from the .ts file; fails on unfinished entries.
    A plural message ("%n target(s)") maps to its forms joined by "|" (one, then many)."""
    messages = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            source = message.findtext("source", "")
            assert translation.get("type") is None, f"unfinished or obsolete: {source!r}"
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.iter("numerusform")]
                assert len(forms) == 2 and all(forms), f"German needs two forms: {source!r}"
                # %Ln: the number in the UI language's digits grouping (1.234)
                assert all("%n" in form or "%Ln" in form for form in forms), source
                messages[(name, source)] = "|".join(forms)
                continue
            assert translation.text, f"no German for {source!r}"
            messages[(name, source)] = translation.text
    return messages


def test_every_translation_is_finished_and_keeps_placeholders_and_accelerators() -> None:
    messages = _ts_messages()
    assert messages
    for (_, source), translated in messages.items():
        for german in translated.split("|") if "%n" in source or "%Ln" in source else [translated]:
            assert re.findall(r"\{\d\}", german) == re.findall(r"\{\d\}", source), source
            assert ("&" in german) == ("&" in source), source
            assert german.count("\n") == source.count("\n"), source


def test_the_compiled_qm_matches_the_ts_file() -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    for (context, source), german in _ts_messages().items():
        if "%n" in source or "%Ln" in source:  # a plural: German's form for one, then for two
            compiled = "|".join(translator.translate(context, source, None, n) for n in (1, 2))
        else:
            compiled = translator.translate(context, source)
        assert compiled == german, f"{QM_FILE.name} is stale: run pyside6-lrelease {TS_FILE}"


def test_every_string_in_gui_is_in_the_ts_file(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate") or str(
        Path(sys.executable).parent / "pyside6-lupdate"
    )
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI_DIR.glob("*.py"))
    subprocess.run(
        [lupdate, *sources, "-ts", str(fresh), "-no-obsolete", "-locations", "none"],
        check=True,
        capture_output=True,
    )
    wanted = set()
    for context in ET.parse(fresh).getroot().iter("context"):
        name = context.findtext("name", "")
        wanted |= {(name, m.findtext("source", "")) for m in context.iter("message")}
    translated = set(_ts_messages())
    assert not wanted - translated, f"run pyside6-lupdate, translate: {wanted - translated}"
    assert not translated - wanted, f"no longer used (lupdate -no-obsolete): {translated - wanted}"


def test_every_translated_text_is_a_literal_lupdate_can_read() -> None:
    """lupdate finds only texts written in the ``tr``/``translate`` call itself: a wrapper
    that passes a variable on hides its callers' texts from it, and they stay English."""
    hidden = []
    for path in sorted(GUI_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            texts = (
                node.args[:1] if name == "tr" else node.args[:2] if name == "translate" else None
            )
            if texts is None:
                continue
            if not texts or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in texts
            ):
                hidden.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert not hidden, "texts lupdate cannot see:\n" + "\n".join(hidden)


def test_qt_calls_do_not_leak_references_to_none(qapp: QApplication) -> None:
    """PySide6 6.12.0 dropped a reference to None in every call of a method returning void,
    and on Python 3.11 the app then aborted after a few minutes of annotating."""
    from PySide6.QtWidgets import QPlainTextEdit

    text = QPlainTextEdit()
    text.setPlainText("Die NATO warnt.")
    cursor = text.textCursor()
    before = sys.getrefcount(None)
    for _ in range(1000):
        cursor.setPosition(3)
        text.setExtraSelections([])
    assert sys.getrefcount(None) >= before - 10  # a few may go elsewhere, not 2,000
