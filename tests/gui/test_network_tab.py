"""View › Statistics… › Network: the actor–target network of tests/network_factories.py drawn
(green FAVOR, red AGAINST, grey both), filtered by keys, and saved as PNG with Ctrl+S."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from gui.network_drawing import LEGEND, ROW, SIDE_COLOURS, NetworkView
from gui.network_tab import NETWORK, NetworkTab
from gui.statistics_view import EXPORT_FOLDER_KEY, StatisticsDialog
from storage.project import OpenProject, open_project
from tests.gui.helpers import OPEN_TIMEOUT_MS
from tests.network_factories import build_network_project

W, T, N, D, A = (
    "actor:Jack Watling",
    "actor:Viktor Trehubov",
    "actor:NATO",
    "actor:Die NATO",
    "author",
)
NATO, RUS, USA = "target:NATO", "target:Russland", "target:USA"
# Counted by hand from the factory's labels (tests/test_network_command.py says why).
EVERYTHING = {
    (W, USA): (0, 1, "AGAINST"),
    (W, NATO): (1, 0, "FAVOR"),
    (W, RUS): (0, 2, "AGAINST"),
    (T, NATO): (1, 1, "MIXED"),
    (T, RUS): (0, 2, "AGAINST"),
    (N, RUS): (0, 1, "AGAINST"),
    (D, RUS): (0, 1, "AGAINST"),
    (A, RUS): (0, 1, "AGAINST"),
    (A, NATO): (1, 0, "FAVOR"),
}
TOWARD_NATO = {(T, NATO): (1, 1, "MIXED"), (W, NATO): (1, 0, "FAVOR"), (A, NATO): (1, 0, "FAVOR")}
ANNA_TOWARD_NATO = {
    (T, NATO): (1, 0, "FAVOR"),
    (W, NATO): (1, 0, "FAVOR"),
    (A, NATO): (1, 0, "FAVOR"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("network") / "project.sqlite"
    with open_project(path, backup_on_open=False) as project:
        build_network_project(project)
    return path


@pytest.fixture
def built(template: Path) -> Iterator[OpenProject]:
    # The statistics only read: every test may open the one project.
    with open_project(template, backup_on_open=False) as project:
        yield project


def drawn_edges(view: NetworkView) -> dict[tuple[str, str], tuple[int, int, str]]:
    assert view.network is not None
    return {(e.source, e.target): (e.favor, e.against, e.side) for e in view.network.edges}


def colours_above_legend(image: QImage) -> set[str]:
    """Which of the sides' colours the drawing shows (not counting the legend below)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = int(image.height() - LEGEND * image.devicePixelRatio())
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    bgr = pixels[:rows, : 4 * image.width()].reshape(rows, image.width(), 4)[..., :3]
    found = set()
    for side, colour in SIDE_COLOURS.items():
        wanted = QColor(colour)
        target = np.array([wanted.blue(), wanted.green(), wanted.red()], dtype=np.int16)
        if (np.abs(bgr.astype(np.int16) - target).max(axis=2) < 40).any():
            found.add(side)
    return found


def open_network_tab(qtbot, project: OpenProject) -> tuple[StatisticsDialog, NetworkTab]:  # type: ignore[no-untyped-def]
    dialog = StatisticsDialog(project)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=OPEN_TIMEOUT_MS)
    bar = dialog.tabs.tabBar()
    bar.setFocus()
    while dialog.tabs.currentWidget() is not dialog.network:  # as a user: arrows on the tabs
        before = dialog.tabs.currentIndex()
        qtbot.keyClick(bar, Qt.Key.Key_Right)
        assert dialog.tabs.currentIndex() == before + 1
    tab = dialog.network
    assert tab is dialog.tab[NETWORK]
    return dialog, tab


def test_the_network_tab_draws_the_projects_network_and_filters_by_keys(qtbot, built) -> None:  # type: ignore[no-untyped-def]
    _dialog, tab = open_network_tab(qtbot, built)
    assert tab.has_chart and "12 label(s)" in tab.caption.text()
    assert drawn_edges(tab.view) == EVERYTHING
    shown = tab.view.grab().toImage()
    assert colours_above_legend(shown) == {"FAVOR", "AGAINST", "MIXED"}
    left = {tab.view.name_of(p.node) for p in tab.view._placed.values() if p.at.x() < 300}
    assert left == {"Jack Watling", "Viktor Trehubov", "NATO", "Die NATO", "author"}
    # Every name has its row: the drawing is as tall as its longer column needs (it scrolls).
    assert tab.view.height() >= ROW * len(left) + LEGEND

    tab.target.setFocus()
    assert [tab.target.itemText(i) for i in range(tab.target.count())] == [
        "all targets",
        "NATO",
        "Russland",
        "USA",
    ]
    qtbot.keyClick(tab.target, Qt.Key.Key_Down)
    assert tab.target.currentText() == "NATO"
    assert drawn_edges(tab.view) == TOWARD_NATO
    assert colours_above_legend(tab.view.grab().toImage()) == {"FAVOR", "MIXED"}  # no red

    tab.annotator.setFocus()
    assert tab.annotator.itemText(1) == "anna"
    qtbot.keyClick(tab.annotator, Qt.Key.Key_Down)
    assert tab.annotator.currentText() == "anna"
    assert drawn_edges(tab.view) == ANNA_TOWARD_NATO
    assert "3 label(s)" in tab.caption.text()

    tab.target.setFocus()
    qtbot.keyClick(tab.target, Qt.Key.Key_Down)  # Russland
    qtbot.keyClick(tab.target, Qt.Key.Key_Down)  # USA
    assert tab.target.currentText() == "USA"
    assert drawn_edges(tab.view) == {(W, USA): (0, 1, "AGAINST")}
    tab.annotator.setFocus()
    qtbot.keyClick(tab.annotator, Qt.Key.Key_Down)  # ben labelled nothing toward the USA
    assert tab.annotator.currentText() == "ben"
    assert not tab.has_chart and not tab.export_button.isEnabled()
    assert "No label of this annotator or target takes a side." in tab.message.text()


def test_a_tooltip_tells_an_edges_counts(qtbot, built) -> None:  # type: ignore[no-untyped-def]
    _dialog, tab = open_network_tab(qtbot, built)
    view = tab.view
    tab.view.grab()  # laid out and painted
    (path, _edge), *_ = [(p, e) for p, e in view.drawn if (e.source, e.target) == (T, NATO)]
    text = view.tooltip_at(path.pointAtPercent(0.5))
    assert text == "Viktor Trehubov → NATO: FAVOR 1, AGAINST 1"
    placed = view._placed[W]
    assert view.tooltip_at(placed.at) == "Jack Watling: 4 label(s) in 3 document(s)"
    assert view.tooltip_at(QPointF(2, 2)) == ""


def test_ctrl_s_saves_the_drawing_as_png(qtbot, built, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog, tab = open_network_tab(qtbot, built)
    asked: list[str] = []

    def ask_path(name: str) -> Path:
        asked.append(name)
        return tmp_path / name

    monkeypatch.setattr(dialog, "ask_path", ask_path)
    dialog.activateWindow()
    bar = dialog.tabs.tabBar()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar, timeout=OPEN_TIMEOUT_MS)
    qtbot.keyClick(bar, Qt.Key.Key_Left)  # another tab: Ctrl+S is the network's only
    qtbot.keyClick(bar, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == []
    qtbot.keyClick(bar, Qt.Key.Key_Right)  # back on the network, focus on the tabs
    qtbot.keyClick(bar, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["statistics-network.png"]
    saved = QImage(str(tmp_path / "statistics-network.png"))
    assert saved.width() == 2 * tab.view.width() and saved.height() == 2 * tab.view.height()
    saved.setDevicePixelRatio(2)
    assert colours_above_legend(saved) == {"FAVOR", "AGAINST", "MIXED"}
    # The file holds what the window shows: the same colour on every edge's middle.
    shown = tab.view.grab().toImage()
    for path, edge in tab.view.drawn[-3:]:  # the heaviest, drawn on top
        middle = path.pointAtPercent(0.5)
        on_screen = shown.pixelColor(int(middle.x()), int(middle.y()))
        in_file = saved.pixelColor(int(2 * middle.x()), int(2 * middle.y()))
        assert abs(on_screen.hue() - in_file.hue()) <= 10, edge
    assert QSettings().value(EXPORT_FOLDER_KEY) == str(tmp_path)


def test_many_actors_each_get_a_row_and_the_drawing_scrolls(qtbot) -> None:  # type: ignore[no-untyped-def]
    from services.network import NetworkData, Statement

    actors = [f"Actor {i:02d}" for i in range(40)]
    statements = [Statement(1, name, "Russland", "AGAINST", "anna") for name in actors]
    tab = NetworkTab()
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    tab.show()
    tab.show_data(NetworkData(statements, ["anna"], ["Russland"]))
    assert tab.has_chart
    assert tab.view.minimumHeight() >= ROW * len(actors) + LEGEND
    assert tab.scroll.verticalScrollBar().maximum() > 0  # the rest is a scroll away
