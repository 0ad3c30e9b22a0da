"""Shared set-up for GUI tests: offscreen Qt, and nothing written outside ``tmp_path``."""

from __future__ import annotations

import os

# Before anything creates the QApplication: no display needed (CI, containers).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from gui.article_text import ArticleText
from gui.main_window import MainWindow
from nlp.pipelines import PipelineCache
from storage.importing.service import Importer
from storage.models import Document
from storage.project import open_project
from storage.suggestions import store_entity_suggestions
from tests.gui.helpers import SUGGESTED, make_records, open_and_wait, show_row, suggestions


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder and every QSettings() file live in ``tmp_path``."""
    data = tmp_path / "data"
    monkeypatch.setenv("STANDPUNKT_DATA_DIR", str(data))
    qsettings = str(tmp_path / "qsettings")
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, qsettings)
    return data


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    # No model loads when a project opens (seconds each): tests that want it say so.
    settings.setValue("suggestions/preload_model", False)
    return settings


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """``make_project(texts, titles=None, name="p", languages=None)``: a project file holding
    those texts (in those languages; by default none is set)."""

    def make(
        texts: Sequence[str],
        titles: Sequence[str | None] | None = None,
        name: str = "p",
        languages: Sequence[str | None] | None = None,
    ) -> Path:
        path = tmp_path / f"{name}.sqlite"
        with open_project(path) as project:
            summary = Importer(project.db, project.project_id).import_items(
                make_records(texts, titles, languages)
            )
        assert summary.imported == len(texts)
        return path

    return make


@pytest.fixture
def window(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A shown main window without sample articles; closed (and its project too) after."""
    main = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def _shown_tester_window(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.setValue("annotator", "tester")
    main = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(main)
    main.resize(1200, 750)
    main.show()
    yield main
    main.close()


@pytest.fixture
def tester_window(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The editing tests' window: annotator "tester", 1200 × 750, shown; closed after."""
    yield from _shown_tester_window(qtbot, settings)


@pytest.fixture(scope="module")
def module_pipelines() -> PipelineCache:
    """One pipeline cache for a test module: the embedded model loads once, not per test."""
    return PipelineCache()


@pytest.fixture
def stance_window(  # type: ignore[no-untyped-def]
    qtbot, settings: QSettings, module_pipelines: PipelineCache, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """``tester_window`` whose suggesters come from the module's pipeline cache."""
    monkeypatch.setattr("gui.suggestion_controller.PipelineCache", lambda: module_pipelines)
    yield from _shown_tester_window(qtbot, settings)


@pytest.fixture
def open_document(qtbot, window: MainWindow, make_project: Callable[..., Path]):  # type: ignore[no-untyped-def]
    """``open_document(texts, row=0, suggested=None)``: a project with ``texts`` (German,
    suggested for as in ``suggested``, by default ``SUGGESTED``) opened, row ``row`` shown and
    the article text given the keyboard focus."""

    def open_it(
        texts: list[str], row: int = 0, suggested: dict[str, list[tuple[str, str]]] | None = None
    ) -> ArticleText:
        suggested = SUGGESTED if suggested is None else suggested
        path = make_project(texts, languages=["de"] * len(texts))
        with open_project(path) as project, project.db.read() as session:
            ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        with open_project(path) as project:
            for document_id, text in zip(ids, texts, strict=True):
                found = suggestions(text, suggested.get(text, []))
                store_entity_suggestions(
                    project.db, project.project_id, document_id, found, ["de_test"]
                )
        open_and_wait(qtbot, window, path)
        return show_row(qtbot, window, row)

    return open_it
