"""View › Statistics…: every tab draws its chart from the project's numbers (read back from
the matplotlib axes), charts export to PNG, and an empty project shows sentences instead."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from matplotlib.axes import Axes
from PySide6.QtGui import QImage, QKeySequence

import services.statistics as statistics_view
from gui.main_window import MainWindow
from gui.statistics_view import TABS, StatisticsDialog
from gui.statistics_workflow import install_statistics
from services.agreement import project_agreement
from storage.chart_data import progress_over_time
from storage.entity_edits import EntityEditor
from storage.project import OpenProject, get_or_create_annotator, open_project
from tests.gui.helpers import OPEN_TIMEOUT_MS, open_and_wait
from tests.statistics_factories import build_template, copy_of

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _days_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test project's done times are UTC; the view would count days in local time.
    utc = functools.partial(progress_over_time, tz=UTC)
    monkeypatch.setattr(statistics_view, "progress_over_time", utc)


@pytest.fixture(scope="module")
def statistics_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("statistics"))


@pytest.fixture
def built(statistics_template: Path, tmp_path: Path) -> Iterator[OpenProject]:
    with open_project(copy_of(statistics_template, tmp_path), backup_on_open=False) as project:
        yield project


def open_dialog(qtbot, project: OpenProject) -> StatisticsDialog:  # type: ignore[no-untyped-def]
    dialog = StatisticsDialog(project)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=OPEN_TIMEOUT_MS)
    return dialog


def bars(ax: Axes, horizontal: bool = False) -> dict[str, list[float]]:
    """Each bar series' values by its label, in drawing order."""
    return {
        c.get_label(): [round(p.get_width() if horizontal else p.get_height(), 4) for p in c]
        for c in ax.containers
    }


def tick_texts(ax: Axes, axis: str = "y") -> list[str]:
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks]


def test_every_tab_draws_the_projects_numbers(qtbot, built: OpenProject) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, built)
    assert all(dialog.tab[key].has_chart for key in TABS)

    entities, stance = dialog.tab["labels"].canvas.figure.axes
    assert tick_texts(entities) == ["anna", "ben"]
    assert bars(entities, horizontal=True) == {
        "PER": [1, 2],
        "LOC": [1, 0],
        "ORG": [2, 0],
        "MISC": [1, 0],
    }
    assert bars(stance, horizontal=True) == {"FAVOR": [1, 0], "AGAINST": [0, 2]}
    per_bar = entities.containers[0].patches[0]
    assert per_bar.get_facecolor()[:3] == pytest.approx((0xCC / 255, 0x79 / 255, 0xA7 / 255))

    (progress,) = dialog.tab["progress"].canvas.figure.axes
    steps = {line.get_label(): list(line.get_ydata()) for line in progress.get_lines()}
    assert steps["anna"] == [2, 3] and steps["ben"] == [1, 2]

    (times,) = dialog.tab["time"].canvas.figure.axes
    heights = [p.get_height() for p in times.patches]
    assert len(heights) == 2 * 11  # two annotators, eleven one-minute bins
    assert heights[:11] == [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0]  # anna: 1.5, 2 and 5 minutes
    assert heights[11:] == [0] * 10 + [1]  # ben: 10 minutes
    legend = [t.get_text() for t in times.get_legend().get_texts()]
    assert legend == ["anna: median 2.0 min, 3 document(s)", "ben: median 10.0 min, 1 document(s)"]

    entity_part, stance_part = dialog.tab["suggestions"].canvas.figure.axes
    assert tick_texts(entity_part) == ["manual: LOC", "model: LOC", "model: PER", "pattern: ORG"]
    assert bars(entity_part, horizontal=True) == {
        "accepted unchanged": [1, 0, 0.75, 0.5],
        "edited": [0, 0.5, 0, 0],
        "rejected": [0, 0.5, 0.25, 0.5],
    }
    assert tick_texts(stance_part) == ["model: FAVOR", "pattern: NEUTRAL"]
    texts = [t.get_text() for t in entity_part.texts]
    assert texts[2] == "75 % unchanged of 4 decision(s), 1 open"

    report = project_agreement(built.db, built.project_id)
    entity_agreement, stance_agreement = dialog.tab["agreement"].canvas.figure.axes
    assert tick_texts(entity_agreement, "x") == ["PER", "ORG"]  # the schema's order
    f1, kappa = (list(values) for values in bars(entity_agreement).values())
    scores = report.entity_by_label()
    assert f1 == [round(scores[label].span_f1 or 0, 4) for label in ("PER", "ORG")]
    assert kappa == [round(scores[label].token_kappa or 0, 4) for label in ("PER", "ORG")]
    assert f1[0] == pytest.approx(0.6667) and 0 < kappa[0] < 1
    assert tick_texts(stance_agreement, "x") == ["Frankreich", "NATO"]


def test_a_chart_exports_to_png(qtbot, built: OpenProject, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, built)
    asked: list[str] = []

    def ask_path(name: str) -> Path:
        asked.append(name)
        return tmp_path / name

    monkeypatch.setattr(dialog, "ask_path", ask_path)
    dialog.tab["suggestions"].export_button.click()
    assert asked == ["statistics-suggestions.png"]
    out = tmp_path / "statistics-suggestions.png"
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 700 and image.height() >= 450


def test_an_empty_project_shows_sentences_not_charts(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, project)
    for key in TABS:
        tab = dialog.tab[key]
        assert not tab.has_chart and not tab.export_button.isEnabled()
        assert tab.message.text()
    agreement = dialog.tab["agreement"].message.text()
    assert agreement == "No document was labelled by two annotators yet."


def test_refresh_reads_the_project_again(qtbot, built: OpenProject) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, built)
    with built.db.write() as session:
        ben = get_or_create_annotator(session, "ben").id
    EntityEditor(built.db, built.project_id, ben).add(4, 4, 8, "MISC")  # "Text"
    with qtbot.waitSignal(dialog.loaded, timeout=OPEN_TIMEOUT_MS):
        dialog.refresh_button.click()
    entities = dialog.tab["labels"].canvas.figure.axes[0]
    assert bars(entities, horizontal=True)["MISC"] == [1, 1]


def test_the_view_menu_opens_the_statistics_of_the_open_project(
    qtbot, window: MainWindow, statistics_template: Path, tmp_path: Path, make_project
) -> None:  # type: ignore[no-untyped-def]
    workflow = install_statistics(window.context)
    action = workflow.action
    assert action in window.view_menu.actions()
    assert action.shortcut() == QKeySequence("Ctrl+Alt+S") and not action.isEnabled()
    open_and_wait(qtbot, window, copy_of(statistics_template, tmp_path))
    assert action.isEnabled()
    action.trigger()
    dialog = workflow.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=OPEN_TIMEOUT_MS)
    assert dialog.tab["labels"].has_chart
    # Another project opened: the window shows its statistics (none yet).
    open_and_wait(qtbot, window, make_project(["Ein neuer Text."], name="other"))
    qtbot.waitUntil(lambda: not dialog.loading, timeout=OPEN_TIMEOUT_MS)
    assert not dialog.tab["labels"].has_chart
    assert dialog.tab["labels"].message.text() == "Nobody has accepted or added a label yet."
    workflow.shutdown()


def test_the_counts_do_not_wait_for_agreement(qtbot, built: OpenProject, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    gate, real = threading.Event(), statistics_view.project_agreement

    def slow_agreement(db, project_id):  # type: ignore[no-untyped-def]
        assert gate.wait(10)
        return real(db, project_id)

    monkeypatch.setattr(statistics_view, "project_agreement", slow_agreement)
    dialog = StatisticsDialog(built)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        qtbot.waitUntil(lambda: dialog.tab["labels"].has_chart, timeout=OPEN_TIMEOUT_MS)
        assert dialog.loading and not dialog.refresh_button.isEnabled()
        waiting = dialog.tab["agreement"]
        assert (
            not waiting.has_chart and waiting.message.text() == "Comparing the annotators' labels…"
        )
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=OPEN_TIMEOUT_MS)
    assert dialog.tab["agreement"].has_chart and dialog.refresh_button.isEnabled()


def test_a_failed_part_says_why_and_the_rest_is_shown(
    qtbot, built: OpenProject, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def broken(db, project_id):  # type: ignore[no-untyped-def]
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(statistics_view, "project_agreement", broken)
    dialog = open_dialog(qtbot, built)
    message = "Cannot read the statistics: the disk is full"
    assert dialog.tab["agreement"].message.text() == message
    assert dialog.status.text() == message
    assert all(dialog.tab[key].has_chart for key in TABS if key != "agreement")


def test_the_agreement_tab_says_how_often_a_pair_names_the_same_holder(qtbot, built) -> None:  # type: ignore[no-untyped-def]
    """anna joins ben's AGAINST toward NATO in the second document, first as the author's
    stance (ben's holder too), then naming the NATO's words: 1 of 1, then 0 of 1."""
    from sqlalchemy import select

    from storage.models import Document, StanceAnnotation
    from storage.stance.edits import StanceEditor

    with built.db.read() as session:
        anna = get_or_create_annotator(session, "anna").id
        second = session.scalars(select(Document).order_by(Document.id)).all()[1]
        text = second.text
    editor = StanceEditor(built.db, built.project_id, anna)
    row = editor.set_sentence(second.id, 0, len(text), 0, "NATO", "AGAINST").span_ids[0]
    dialog = open_dialog(qtbot, built)
    caption = dialog.tab["agreement"].caption.text()
    assert "Holders: the same holder on 1 of the 1 label(s) both annotators" in caption
    assert "(100%)" in caption
    start = text.index("NATO")
    editor.set_holder(row, start=start, end=start + len("NATO"))
    with built.db.read() as session:
        assert session.get_one(StanceAnnotation, row).holder_start == start
    dialog = open_dialog(qtbot, built)
    assert "the same holder on 0 of the 1 label(s)" in dialog.tab["agreement"].caption.text()
