"""Training the stance classifier from the window: on demand and by itself in the
background, cancellable, announced, and taking over only when it measured better."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

import nlp.stance_training as stance_training
import services.stance_training as stance_service
from gui.main_window import MainWindow
from gui.stance_training import RETRAIN_EVERY_KEY, TrainingOutcome
from storage.models import StanceAnnotation
from tests.gui.helpers import open_and_wait, wait_for_message
from tests.nlp_factories import stance_oracle

TRAIN_TIMEOUT_MS = 120_000


@pytest.fixture
def window(qtbot, settings: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings.setValue("annotator", "tester")
    main = MainWindow(samples_dir=None, settings=settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def _train(qtbot, window: MainWindow) -> TrainingOutcome:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.training_finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        window.stance.train_action.trigger()
        assert window.stance.trainer.running and not window.stance.train_action.isEnabled()
        assert window.stance.stop_training_action.isEnabled()
        assert window.status.training_label.isVisibleTo(window)
    qtbot.waitUntil(lambda: not window.stance.trainer.running)
    return finished.args[0]


@pytest.mark.slow
def test_training_on_demand_is_announced_with_its_scores(
    qtbot,
    window: MainWindow,
    labelled_project: str,
) -> None:
    open_and_wait(qtbot, window, labelled_project)
    assert window.status.stance_label.text() == "Stance: stance-lexicon"  # not measured yet
    outcome = _train(qtbot, window)
    result = outcome.result
    assert result is not None and result.held_out_labels > 0
    box = wait_for_message(qtbot, window)
    assert f"{result.classifier_macro_f1:.2f}" in box.text()
    assert result.previous == "stance-lexicon"
    assert ("takes over" in box.text()) == result.active
    assert not window.status.training_label.isVisibleTo(window)
    assert window.stance.train_action.isEnabled()
    # The status bar names the active suggester with its held-out macro-F1.
    expected = result.classifier_macro_f1 if result.active else result.lexicon_macro_f1
    assert f"(held-out macro-F1 {expected:.2f})" in window.status.stance_label.text()
    assert window.project is not None
    last = stance_training.last_stance_training(window.project.db, window.project.project_id)
    assert last is not None and last["version"] == result.version


@pytest.mark.slow
def test_a_better_classifier_takes_over_and_suggests_for_the_shown_document(
    qtbot,
    window: MainWindow,
    labelled_project: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gold = stance_oracle(labelled_project)
    # Scored as perfect on the held-out labels: it must take over.
    monkeypatch.setattr(
        stance_service, "classify", lambda _m, sentence, target, _l: (gold[(sentence, target)], 1)
    )
    open_and_wait(qtbot, window, labelled_project)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: bool(window.article.stance_panel.row_texts()), timeout=30_000)
    with qtbot.waitSignal(window.stance.trainer.active_changed, timeout=TRAIN_TIMEOUT_MS):
        outcome = _train(qtbot, window)
    assert outcome.result is not None and outcome.result.active
    assert window.status.stance_label.text().startswith("Stance: stance-textcat")
    assert "macro-F1 1.00" in window.status.stance_label.text()
    assert "takes over" in wait_for_message(qtbot, window).text()
    # The shown document gets the classifier's suggestions at once (in the background).
    assert window.project is not None
    document_id = window.model.document_row(0).id  # type: ignore[union-attr]

    def classifier_rows() -> int:
        assert window.project is not None
        with window.project.db.read() as session:
            return len(
                session.scalars(
                    select(StanceAnnotation).where(
                        StanceAnnotation.document_id == document_id,
                        StanceAnnotation.annotator_id.is_(None),
                        StanceAnnotation.origin_name == "stance-textcat-de",
                    )
                ).all()
            )

    qtbot.waitUntil(lambda: classifier_rows() > 0, timeout=30_000)
    with window.project.db.read() as session:
        kinds = {
            (row.origin_name, str(row.origin_kind), row.origin_version)
            for row in session.scalars(
                select(StanceAnnotation).where(
                    StanceAnnotation.document_id == document_id,
                    StanceAnnotation.annotator_id.is_(None),
                )
            )
        }
    # The lexicon's open suggestions were replaced, not kept beside the classifier's.
    assert kinds == {("stance-textcat-de", "model", outcome.result.version)}


@pytest.mark.slow
def test_training_starts_by_itself_after_enough_new_labels(
    qtbot,
    window: MainWindow,
    settings: QSettings,
    labelled_project: str,
) -> None:
    settings.setValue(RETRAIN_EVERY_KEY, 400)
    open_and_wait(qtbot, window, labelled_project)
    trainer = window.stance.trainer
    trainer.labels_changed()  # 353 labels, fewer than 400 new: a check, no training
    assert trainer.running
    qtbot.waitUntil(lambda: not trainer.running, timeout=TRAIN_TIMEOUT_MS)
    assert window.project is not None
    db, project_id = window.project.db, window.project.project_id
    assert stance_training.last_stance_training(db, project_id) is None

    settings.setValue(RETRAIN_EVERY_KEY, 300)
    with qtbot.waitSignal(window.training_finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        trainer.labels_changed()
    assert finished.args[0].result is not None
    assert not message_box_shown(window)  # nobody asked: the status bar says it
    assert "stance classifier" in window.status.currentMessage()
    qtbot.waitUntil(lambda: not trainer.running)
    assert stance_training.last_stance_training(db, project_id) is not None
    assert stance_training.new_labels_since_training(db, project_id)[1] == 0


def message_box_shown(window: MainWindow) -> bool:
    from tests.gui.helpers import message_boxes

    return bool(message_boxes(window))


@pytest.mark.slow
def test_training_can_be_stopped_and_nothing_changes(
    qtbot,
    window: MainWindow,
    labelled_project: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate, real_train = threading.Event(), stance_service.train_classifier

    def train(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert gate.wait(30)  # the test presses Stop meanwhile
        return real_train(*args, **kwargs)

    monkeypatch.setattr(stance_service, "train_classifier", train)
    open_and_wait(qtbot, window, labelled_project)
    with qtbot.waitSignal(window.training_finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        window.stance.train_action.trigger()
        window.stance.stop_training_action.trigger()
        gate.set()
    outcome = finished.args[0]
    assert outcome.cancelled and outcome.result is None
    assert "cancelled" in wait_for_message(qtbot, window).text()
    assert window.project is not None
    db, project_id = window.project.db, window.project.project_id
    assert stance_training.last_stance_training(db, project_id) is None
    assert window.project.location.file is not None
    models = window.project.location.file.with_name("p.sqlite.models")
    assert not models.exists() or not any(models.iterdir())


def test_training_without_enough_labels_says_what_is_missing(
    qtbot, window: MainWindow, make_project
) -> None:  # type: ignore[no-untyped-def]
    path = make_project(["Die NATO warnt Russland vor einer Eskalation."], languages=["de"])
    open_and_wait(qtbot, window, path)
    window.stance.train_action.trigger()
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Cannot train the stance classifier"
    assert "FAVOR 0, AGAINST 0, NEUTRAL 0" in box.text()
    qtbot.waitUntil(lambda: window.stance.train_action.isEnabled())
