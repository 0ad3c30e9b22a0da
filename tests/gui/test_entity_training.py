"""Training the entity model from the window: in the background with a progress dialog that
does not block annotating, cancellable, and the scores of new and base model reported."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

import nlp.ner_training as ner_training
from gui.main_window import MainWindow
from tests.gui.helpers import open_and_wait, wait_for_message
from tests.nlp.test_ner_training import make_labelled_project

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


def test_cancelled_training_saves_nothing(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    gate, real = threading.Event(), ner_training.labelled_documents

    def labelled(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert gate.wait(30)  # the test presses Cancel meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(ner_training, "labelled_documents", labelled)
    open_and_wait(qtbot, window, project)
    window.entity_training.action.trigger()
    window.findChild(QProgressDialog).findChild(QPushButton).click()
    gate.set()
    box = wait_for_message(qtbot, window)
    assert "cancelled" in box.text()
    assert not list(project.with_name("p.sqlite.models").glob("ner-*"))


def test_too_few_documents_is_a_message(qtbot, window: MainWindow, make_project) -> None:  # type: ignore[no-untyped-def]
    open_and_wait(qtbot, window, make_project(["Die NATO warnt."], languages=["de"]))
    window.entity_training.action.trigger()
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Cannot train the entity model"
    assert "at least 5 documents" in box.text()
