"""Training the entity model from the window: in the background with a progress dialog that
does not block annotating, cancellable, and the scores of new and base model reported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from gui.main_window import MainWindow
from tests.gui.helpers import message_boxes, open_and_wait, wait_for_message
from tests.nlp_factories import make_labelled_project

TIMEOUT_MS = 120_000


def test_training_the_entity_model_reports_new_and_base_scores(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    open_and_wait(qtbot, window, project)
    action = window.entity_training.action
    assert action.isEnabled() and action in window.annotate_menu.actions()
    action.trigger()
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None and dialog.windowModality() == Qt.WindowModality.NonModal
    assert not action.isEnabled()  # one training at a time
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Entity model"
    assert "held-out F1" in box.text() and "de_standpunkt_ner@0.1.0" in box.text()
    models = project.with_name("p.sqlite.models")
    [folder] = list(models.glob("ner-*"))
    assert box.informativeText() == str(folder)
    qtbot.waitUntil(action.isEnabled)


def test_cancelled_training_saves_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    open_and_wait(qtbot, window, project)
    # Cancelled at once: the training process, still starting, sees the request at its
    # first check, and every way to a saved model passes one.
    window.entity_training.action.trigger()
    window.findChild(QProgressDialog).findChild(QPushButton).click()
    box = wait_for_message(qtbot, window)
    assert "cancelled" in box.text()
    assert not list(project.with_name("p.sqlite.models").glob("ner-*"))


def test_too_few_documents_is_a_message(qtbot, window: MainWindow, make_project) -> None:  # type: ignore[no-untyped-def]
    open_and_wait(qtbot, window, make_project(["Die NATO warnt."], languages=["de"]))
    window.entity_training.action.trigger()
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Cannot train the entity model"
    assert "at least 5 documents" in box.text()


def test_the_model_retrains_by_itself_after_n_documents_done_and_takes_over(
    qtbot, window: MainWindow, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from sqlalchemy import select, update

    from storage.model_registry import list_models
    from storage.models import Document, Event
    from storage.project import open_project

    settings.setValue("entities/retrain_every", 13)  # anna's 12 done, plus one from the window
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    with open_project(project) as opened, opened.db.write() as session:
        session.execute(update(Document).values(language="de"))  # the model is German
    open_and_wait(qtbot, window, project)
    assert window.project is not None
    trainer = window.entity_training.trainer
    assert "held-out F1" not in window.status.model_label.text()  # the shipped model suggests
    with window.project.db.read() as session:
        last = session.scalar(select(Document.id).order_by(Document.id.desc()))
    window.table.select_document(last)  # an unlabelled document: nothing to learn from it

    with qtbot.waitSignal(trainer.active_changed, timeout=TIMEOUT_MS) as switched:
        qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert trainer.running  # started by the 13th document marked done, in the background
    active = switched.args[0]
    assert active is not None and active.f1 > active.base_f1
    with window.project.db.read() as session:
        [model] = list_models(session, window.project.project_id, "ner")
    assert model.active and model.version == active.version
    qtbot.waitUntil(lambda: "takes over" in window.status.currentMessage())
    assert not message_boxes(window)  # nobody asked: the status bar tells, no dialog
    # The next document shown is suggested for by the new model, which the status bar names.
    qtbot.waitUntil(lambda: active.origin in window.status.model_label.text())
    assert "held-out F1" in window.status.model_label.text()
    shown = window.suggestions._current
    assert shown is not None

    def suggested_by_new_model() -> bool:
        """The new model ran over the shown document (what it found there, anna had
        labelled already: blocked; the old model's suggestions there were replaced)."""
        assert window.project is not None
        with window.project.db.read() as session:
            runs = session.scalars(
                select(Event.after).where(
                    Event.document_id == shown.id, Event.action == "suggest.entities"
                )
            )
            return any("de_project_ner" in run["origins"] for run in runs)

    qtbot.waitUntil(suggested_by_new_model, timeout=TIMEOUT_MS)

    # One more document done is not enough for another run.
    qtbot.keyClick(window.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not trainer.running, timeout=TIMEOUT_MS)
    with window.project.db.read() as session:
        assert len(list_models(session, window.project.project_id, "ner")) == 1


def test_stop_entity_model_training_cancels_a_run(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    open_and_wait(qtbot, window, project)
    stop = window.entity_training.stop_action
    assert not stop.isEnabled() and stop in window.annotate_menu.actions()
    window.entity_training.action.trigger()
    assert stop.isEnabled()
    stop.trigger()
    box = wait_for_message(qtbot, window)
    assert "cancelled" in box.text()
    qtbot.waitUntil(lambda: not stop.isEnabled())
    assert not list(project.with_name("p.sqlite.models").glob("ner-*"))


def test_training_runs_in_a_process_of_its_own(tmp_path: Path) -> None:
    """The window's event loop must not share the interpreter lock with training."""
    import multiprocessing

    from services.entity_training_process import train_ner_in_process
    from storage.database import resolve_location

    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    seen: list[tuple[int, int, list[str]]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total, [p.name for p in multiprocessing.active_children()]))

    result = train_ner_in_process(
        resolve_location(project), 1, tmp_path / "models", activate=True, progress=progress
    )
    assert result.active and Path(result.path).is_dir()
    assert seen and seen[-1][0] == seen[-1][1]  # progress came across, to the end
    assert all("standpunkt-ner-training" in children for *_, children in seen)
    assert not multiprocessing.active_children()  # and the process is gone
