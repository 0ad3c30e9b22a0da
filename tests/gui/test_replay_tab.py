"""View › Statistics… › Replay: a replayed project's corrections per block (read back from
the matplotlib axes), the first and last block's figures below the chart, the PNG export;
a project never replayed shows the command; the tab is reached by its mnemonic and by
Ctrl+Tab as the other tabs are."""

from __future__ import annotations

from pathlib import Path

from matplotlib.axes import Axes
from PySide6.QtCore import QLocale, Qt

from gui.learning_curve_tab import LEARNING
from gui.replay_tab import REPLAY
from gui.statistics_view import StatisticsDialog
from services.replay import store_replay
from storage.project import OpenProject
from tests.gui.helpers import OPEN_TIMEOUT_MS
from tests.replay_factories import result

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ENTITIES, STANCE = "corrections per gold entity", "corrections per stance pair"
WITHOUT, NEW_MODEL = "entities without suggestions", "new entity model from here"


def open_dialog(qtbot, project: OpenProject) -> StatisticsDialog:  # type: ignore[no-untyped-def]
    dialog = StatisticsDialog(project)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=OPEN_TIMEOUT_MS)
    return dialog


def lines(ax: Axes) -> dict[str, tuple[list[float], list[float]]]:
    """Each line's points by its legend label."""
    return {
        str(line.get_label()): (list(line.get_xdata()), list(line.get_ydata()))  # type: ignore[arg-type]
        for line in ax.get_lines()
    }


def test_a_replayed_project_shows_its_corrections_per_block(
    qtbot, project: OpenProject, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    store_replay(project, result())
    dialog = open_dialog(qtbot, project)
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Repla&y
    tab = dialog.tab[REPLAY]
    assert dialog.tabs.currentWidget() is tab is dialog.replay
    assert tab.has_chart and tab.export_button.isEnabled()
    (ax,) = tab.canvas.figure.axes
    drawn = lines(ax)
    assert drawn[ENTITIES] == ([10, 20, 30], [0.9, 0.55, 0.3])
    assert drawn[STANCE] == ([10, 20], [0.5, 0.25])  # the third block has no pair
    assert drawn[WITHOUT][1] == [1.0, 1.0]  # across the chart
    assert drawn[NEW_MODEL][0] == [10, 10]  # the second block began after ten documents
    assert [t.get_text() for t in ax.texts] == ["0.90", "0.55", "0.30", "0.50", "0.25"]
    assert tab.summary.text().splitlines() == [
        "Corrections per gold entity: 0.90 in the first block (documents 1–10), 0.30 in the "
        "last (21–30).",
        "Entity models: base@1 → project@2; trainings run: 1.",
        "Corrections per stance pair: 0.50 in the first block (documents 1–10), – in the "
        "last (21–30).",
        "Stance suggesters: lexicon; trainings run: 0.",
        "Documents replayed: 30, in 2 min 5 s; from /data/gold.jsonl.",
    ]
    assert ax.get_title() == "Replay: corrections per block of 10 documents"
    assert tab.caption.text().startswith("The corrections an annotator would have made")

    monkeypatch.setattr(dialog, "ask_path", lambda name: tmp_path / name)
    tab.export_button.click()
    data = (tmp_path / "statistics-replay.png").read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000


def test_only_the_tasks_the_replay_labelled_are_drawn(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    store_replay(project, result(stance=False))
    dialog = open_dialog(qtbot, project)
    tab = dialog.replay
    drawn = lines(tab.canvas.figure.axes[0])
    assert set(drawn) == {ENTITIES, WITHOUT, NEW_MODEL}
    assert "stance" not in tab.summary.text()

    store_replay(project, result(entities=False))
    with qtbot.waitSignal(dialog.loaded, timeout=OPEN_TIMEOUT_MS):
        dialog.refresh_button.click()
    drawn = lines(tab.canvas.figure.axes[0])
    assert set(drawn) == {STANCE}  # no 1.0 line, no entity model: entities were not replayed
    assert "gold entity" not in tab.summary.text()


def test_a_project_never_replayed_says_how_to_replay(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, project)
    tab = dialog.replay
    assert not tab.has_chart and not tab.export_button.isEnabled()
    assert tab.message.text() == (
        "This project has not been replayed yet: run python main.py replay --gold FILE.jsonl "
        f"--project {project.location.display} to see how many corrections the suggestions "
        "would have saved on labelled data."
    )
    assert tab.summary.text() == ""


def test_a_stored_replay_of_another_shape_is_a_sentence(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    store_replay(project, {"blocks": [{"documents": [1, 2]}], "summary": {}})
    dialog = open_dialog(qtbot, project)
    assert dialog.replay.message.text().startswith("Cannot read the replay's figures: ")


def test_ctrl_tab_goes_from_the_learning_curve_to_the_replay(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, project)
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Learnin&g
    assert dialog.tabs.currentWidget() is dialog.tab[LEARNING]
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentWidget() is dialog.replay
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Repla&y"


def test_numbers_are_in_the_users_language(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    store_replay(project, result())
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        dialog = open_dialog(qtbot, project)
    finally:
        QLocale.setDefault(previous)
    ax = dialog.replay.canvas.figure.axes[0]
    assert [t.get_text() for t in ax.texts][:3] == ["0,90", "0,55", "0,30"]
    assert "0,90 in the first block" in dialog.replay.summary.text()
