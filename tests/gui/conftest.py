"""Shared set-up for GUI tests: offscreen Qt, and nothing written outside ``tmp_path``."""

from __future__ import annotations

import os

# Before anything creates the QApplication: no display needed (CI, containers).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from storage.importing.service import Importer
from storage.project import open_project
from tests.gui.helpers import make_records


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
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


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
