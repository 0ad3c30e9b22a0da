"""The entity models a project's new documents need load in the background as soon as it
opens, with the status bar saying so (a fake "model" here: no spaCy load)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from gui.model_preloader import PRELOAD_KEY
from services.suggesting import SuggestReport as Report
from tests.gui.helpers import OPEN_TIMEOUT_MS, open_and_wait


@pytest.fixture
def preloading(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.setValue(PRELOAD_KEY, True)
    settings.setValue("annotator", "tester")
    main = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def test_opening_a_project_loads_the_models_its_new_documents_need_in_the_background(
    qtbot,
    preloading: MainWindow,
    make_project: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    release = threading.Event()

    def slow_load(_db, _project_id, language, _options, _cache):  # type: ignore[no-untyped-def]
        asked.append(language)
        assert release.wait(OPEN_TIMEOUT_MS / 1000)
        return f"fake_{language}@1"

    monkeypatch.setattr("services.suggestion_jobs.prepare_suggester", slow_load)
    # A document shown gets its own job: no model runs in it here either.
    monkeypatch.setattr("services.suggestion_jobs.suggest_documents", lambda *_a, **_k: Report())
    path = make_project(
        ["Ein Text.", "An English text.", "Noch einer."], languages=["de", "en", "de"]
    )
    open_and_wait(qtbot, preloading, path)
    label = preloading.status.suggest_label
    try:
        qtbot.waitUntil(lambda: asked == ["de"], timeout=OPEN_TIMEOUT_MS)
        assert label.isVisibleTo(preloading) and label.text() == "Loading model…"
        assert preloading.suggestions.preloader.running
    finally:
        release.set()
    qtbot.waitUntil(lambda: not preloading.suggestions.preloader.running, timeout=OPEN_TIMEOUT_MS)
    assert asked == ["de", "en"]  # one load per language, in the background
    qtbot.waitUntil(lambda: not label.isVisibleTo(preloading), timeout=OPEN_TIMEOUT_MS)


def test_switched_off_nothing_loads_when_a_project_opens(
    qtbot, window: MainWindow, make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        "services.suggestion_jobs.prepare_suggester", lambda *args: asked.append(args[2])
    )
    open_and_wait(qtbot, window, make_project(["Ein Text."], languages=["de"]))
    assert not window.suggestions.preloader.running
    assert asked == []
