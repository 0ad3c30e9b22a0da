"""View › Statistics… › Learning curve: the trained models' history from the registry at once,
the learning curve computed in the background on request (progress, Cancel, the sentence
for too few documents), and a PNG of it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from matplotlib.axes import Axes

import services.statistics as learning_curve_tab
from gui.learning_curve_tab import LEARNING, LearningCurveTab
from gui.statistics_view import StatisticsDialog
from nlp.learning_curve import CurvePoint, LearningCurve
from nlp.pipelines import PipelineUnavailableError
from nlp.stance_classifier import TrainingCancelledError
from storage.model_registry import ModelInfo, list_models, record_model
from storage.project import OpenProject, open_project
from tests.gui.helpers import OPEN_TIMEOUT_MS
from tests.nlp_factories import make_labelled_project

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NO_MODEL = (
    "No entity model has been trained for this project yet: train one with Annotate › Train "
    "entity model now, or compute a learning curve to see what labelling more documents "
    "would bring."
)
TRAINING_MS = 60_000  # a real curve trains two small models: seconds, more on slow CI


def open_dialog(qtbot, project: OpenProject) -> StatisticsDialog:  # type: ignore[no-untyped-def]
    dialog = StatisticsDialog(project)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=OPEN_TIMEOUT_MS)
    dialog.tabs.setCurrentWidget(dialog.learning)
    return dialog


def lines(ax: Axes) -> dict[str, tuple[list[float], list[float]]]:
    """Each line's points by its legend label."""
    return {
        str(line.get_label()): (list(line.get_xdata()), list(line.get_ydata()))  # type: ignore[arg-type]
        for line in ax.get_lines()
    }


def texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def model(version: str, documents: int, f1: float, base_f1: float) -> ModelInfo:
    return ModelInfo(
        component="ner",
        version=version,
        name="de_project_ner",
        language="de",
        path=f"/models/ner-{version}",
        base="de_standpunkt_ner@0.1.0",
        training_documents=documents,
        held_out_documents=3,
        f1=f1,
        base_f1=base_f1,
        created_at=datetime(2026, 3, int(version[-1])),
    )


def prepared_curve() -> LearningCurve:
    curve = LearningCurve("ner", "de", "de_standpunkt_ner@0.1.0", 0.25, {}, 8, 3)
    curve.points = [CurvePoint(4, 4, 8, 0.5, {}), CurvePoint(8, 8, 16, 0.75, {})]
    return curve


@pytest.fixture
def slow_curve(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, list[bool]]]:
    """``learning_curve`` as a stand-in: reports step 1 of 3, waits for the gate, then
    returns ``prepared_curve()`` or stops if cancelled; yields the gate and what
    ``should_cancel`` said after it."""
    gate, asked = threading.Event(), []

    def fake(  # type: ignore[no-untyped-def]
        db,
        project_id,
        component="ner",
        sizes=None,
        progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] = lambda: False,
    ) -> LearningCurve:
        assert progress is not None
        progress(1, 3)
        assert gate.wait(10)
        asked.append(should_cancel())
        if asked[-1]:
            raise TrainingCancelledError("the learning curve was cancelled")
        progress(3, 3)
        return prepared_curve()

    monkeypatch.setattr(learning_curve_tab, "learning_curve", fake)
    yield gate, asked
    gate.set()  # a test that failed early must not leave a job waiting


def test_the_history_shows_every_trained_model_at_once(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    with project.db.write() as session:
        record_model(session, project.project_id, model("20260301", 4, 0.4, 0.1))
        record_model(session, project.project_id, model("20260302", 9, 0.7, 0.4), activate=True)
    dialog = open_dialog(qtbot, project)
    tab = dialog.tab[LEARNING]
    assert tab is dialog.learning and tab.has_chart and tab.export_button.isEnabled()
    (history,) = tab.canvas.figure.axes  # no curve computed yet
    assert history.get_title() == "Trained models"
    drawn = lines(history)
    assert drawn["trained model"] == ([4, 9], [0.4, 0.7])
    assert drawn["model it started from"] == ([4, 9], [0.1, 0.4])
    assert drawn["suggests now"] == ([9], [0.7])  # the active one, ringed
    assert texts(history) == ["0.40", "0.70"]
    assert tab.caption.text().startswith("Trained models: held-out F1 of each entity model")


def test_a_project_without_models_says_so(qtbot, project: OpenProject) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, project)
    tab = dialog.learning
    assert not tab.has_chart and not tab.export_button.isEnabled()
    assert tab.message.text() == NO_MODEL
    assert tab.compute_button.isEnabled() and not tab.progress.isVisible()


def test_the_curve_of_a_small_project_is_drawn_and_exports(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.sqlite"
    make_labelled_project(path, 12)
    with open_project(path, backup_on_open=False) as project:
        dialog = open_dialog(qtbot, project)
        tab = dialog.learning
        tab.sizes = [2, 5]  # two small models: seconds
        with qtbot.waitSignal(tab.computation_ended, timeout=TRAINING_MS):
            tab.compute_button.click()
        curve = tab.curve
        assert curve is not None, tab.curve_status.text()
        assert [p.documents for p in curve.points] == [2, 5]
        (drawn,) = tab.canvas.figure.axes  # no trained model: the curve alone
        assert drawn.get_title() == "Learning curve"
        base = f"base model {curve.base}: F1 {curve.base_f1:.2f}"
        assert lines(drawn)["fine-tuned model"] == ([2, 5], [p.f1 for p in curve.points])
        assert lines(drawn)[base][1] == [curve.base_f1] * 2  # the dashed line across
        assert texts(drawn) == [f"{p.f1:.2f}" for p in curve.points]
        assert tab.curve_status.text().startswith("Learning curve computed at ")
        assert tab.caption.text().startswith("No entity model has been trained")
        assert tab.compute_button.isEnabled() and not tab.progress.isVisible()
        with project.db.read() as session:
            assert list_models(session, project.project_id) == []  # nothing kept

        monkeypatch.setattr(dialog, "ask_path", lambda name: tmp_path / name)
        tab.export_button.click()
        data = (tmp_path / "statistics-learning.png").read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000
        dialog.close()
        dialog.shutdown()


def test_too_few_documents_is_a_sentence(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.sqlite"
    make_labelled_project(path, 3)
    with open_project(path, backup_on_open=False) as project:
        dialog = open_dialog(qtbot, project)
        tab = dialog.learning
        with qtbot.waitSignal(tab.computation_ended, timeout=TRAINING_MS):
            tab.compute_button.click()
        assert tab.curve_status.text() == (
            "Too few labelled documents for a learning curve: it needs at least 5 documents "
            "with accepted entity spans, marked done, at least one of them held out for "
            "testing and one to train on."
        )
        assert tab.curve is None and tab.message.text() == NO_MODEL
        dialog.close()


def test_progress_and_cancel_keep_the_previous_curve(
    qtbot, project: OpenProject, slow_curve: tuple[threading.Event, list[bool]]
) -> None:  # type: ignore[no-untyped-def]
    gate, asked = slow_curve
    dialog = open_dialog(qtbot, project)
    tab = dialog.learning
    gate.set()
    with qtbot.waitSignal(tab.computation_ended, timeout=OPEN_TIMEOUT_MS):
        tab.compute_button.click()
    assert tab.has_chart and lines(tab.canvas.figure.axes[0])["fine-tuned model"] == (
        [4, 8],
        [0.5, 0.75],
    )
    gate.clear()
    tab.compute_button.click()
    qtbot.waitUntil(lambda: tab.progress.maximum() == 3, timeout=OPEN_TIMEOUT_MS)
    assert tab.progress.value() == 1 and tab.progress.isVisible()
    assert tab.cancel_button.isVisible() and not tab.compute_button.isEnabled()
    tab.cancel_button.click()
    assert tab.curve_status.text() == "Stopping after the current training step…"
    assert not tab.cancel_button.isEnabled()
    with qtbot.waitSignal(tab.computation_ended, timeout=OPEN_TIMEOUT_MS):
        gate.set()
    assert asked == [False, True]
    assert tab.curve_status.text() == "The learning curve was cancelled."
    assert tab.has_chart and tab.curve is not None  # the previous one, still drawn
    assert lines(tab.canvas.figure.axes[0])["fine-tuned model"] == ([4, 8], [0.5, 0.75])
    assert tab.compute_button.isEnabled() and not tab.cancel_button.isVisible()


def test_closing_the_dialog_cancels_the_computation(
    qtbot, project: OpenProject, slow_curve: tuple[threading.Event, list[bool]]
) -> None:  # type: ignore[no-untyped-def]
    gate, asked = slow_curve
    dialog = open_dialog(qtbot, project)
    tab: LearningCurveTab = dialog.learning
    tab.compute_button.click()
    qtbot.waitUntil(lambda: tab.progress.maximum() == 3, timeout=OPEN_TIMEOUT_MS)
    dialog.close()
    gate.set()
    dialog.shutdown()  # waits for the job
    assert asked == [True]
    qtbot.waitUntil(lambda: not tab.computing, timeout=OPEN_TIMEOUT_MS)
    assert tab.curve is None and not tab.has_chart


def test_a_failure_is_a_sentence(qtbot, project: OpenProject, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def unavailable(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PipelineUnavailableError("no entity pipeline for xx")

    monkeypatch.setattr(learning_curve_tab, "learning_curve", unavailable)
    dialog = open_dialog(qtbot, project)
    tab = dialog.learning
    with qtbot.waitSignal(tab.computation_ended, timeout=OPEN_TIMEOUT_MS):
        tab.compute_button.click()
    message = "Cannot compute the learning curve: no entity pipeline for xx"
    assert tab.curve_status.text() == message
    assert tab.message.text() == NO_MODEL and tab.compute_button.isEnabled()
