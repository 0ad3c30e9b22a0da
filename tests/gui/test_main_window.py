"""The main window: opening projects in the background, showing articles, errors, settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from gui.main_window import MainWindow
from storage.models import Annotator
from storage.project import open_project
from storage.stance.store import project_targets
from tests.gui.helpers import OPEN_TIMEOUT_MS, message_boxes, open_and_wait, wait_for_message

ARTICLES = [
    "Scholz reist nach Paris.\n\nDer Bundeskanzler trifft Macron.",
    "Biden visits Kyiv.\n\nThe president met Zelensky.",
    "Dritter Artikel.\n\nMit Text.",
]


def test_opens_a_project_in_the_background_and_lists_its_documents(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    path = make_project(ARTICLES, titles=["Eins", "Two", None], name="nachrichten")
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        window.open_project(path, create=False)
        # The job runs in a worker: until its result arrives, the window says it is busy.
        assert window.status.busy_label.isVisibleTo(window)
        assert "nachrichten.sqlite" in window.status.busy_label.text()
        assert not window.open_action.isEnabled()
        assert window.project is None

    assert window.project is not None and window.project.name == "nachrichten"
    assert window.model.rowCount() == 3
    assert not window.status.busy_label.isVisibleTo(window)
    assert window.open_action.isEnabled() and window.import_action.isEnabled()
    assert window.status.project_label.text() == "Project: nachrichten"
    assert window.status.documents_label.text() == "Documents: 3"
    assert window.status.saved_label.text() == "Saved"
    assert window.windowTitle() == "nachrichten – Standpunkt"
    # The first document is shown right away.
    assert window.article.text_edit.toPlainText() == ARTICLES[0]


def test_selecting_a_row_shows_its_text_and_title(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    open_and_wait(qtbot, window, make_project(ARTICLES, titles=["Eins", "Two", None]))
    window.table.selectRow(1)
    assert window.article.text_edit.toPlainText() == ARTICLES[1]
    assert window.article.title_label.text() == "Two"
    assert "doc1.txt" in window.article.details_label.text()
    assert window.article.text_edit.isReadOnly()

    window.table.selectRow(2)
    assert window.article.text_edit.toPlainText() == ARTICLES[2]
    assert window.article.title_label.text() == "Dritter Artikel."  # untitled: first line


def test_markup_in_an_article_is_shown_as_characters(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    text = "<b>bold</b> & <img src=x>\n<p>Absatz &amp; <i>kursiv</i></p>"
    title = "<h1>Schlagzeile</h1> & <b>mehr</b>"
    open_and_wait(qtbot, window, make_project([text], titles=[title]))
    window.table.selectRow(0)
    assert window.article.text_edit.toPlainText() == text
    assert window.article.title_label.text() == title
    assert window.article.title_label.textFormat() == Qt.TextFormat.PlainText
    assert window.model.data(window.model.index(0, 0)) == title


def test_a_file_that_is_no_project_is_refused_with_its_name(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = tmp_path / "einkaufsliste.sqlite"
    fake.write_text("Milch, Brot, Käse\n" * 100, encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        window.open_project(fake, create=False)
        box = wait_for_message(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "einkaufsliste.sqlite" in box.text()
    assert "not a Standpunkt project" in box.text()
    assert "Traceback" not in box.text() + box.informativeText() + box.detailedText()
    assert not caplog.records  # an expected failure, not a crash to log
    # The window stays usable: another project can be chosen.
    assert window.project is None
    assert window.open_action.isEnabled()
    assert not window.status.busy_label.isVisibleTo(window)
    box.close()
    assert fake.read_text(encoding="utf-8").startswith("Milch")  # and it was not touched


def test_a_failed_open_keeps_the_project_that_was_open(
    qtbot, window: MainWindow, make_project: Callable[..., Path], tmp_path: Path
) -> None:
    path = make_project(ARTICLES)
    open_and_wait(qtbot, window, path)
    window.open_project(tmp_path / "missing.sqlite", create=False)
    box = wait_for_message(qtbot, window)
    assert "missing.sqlite" in box.text()
    assert window.project is not None and window.project.location.file == path.resolve()
    assert window.model.rowCount() == 3
    window.table.selectRow(2)
    assert window.article.text_edit.toPlainText() == ARTICLES[2]  # its database still works


def test_first_start_of_a_new_project_imports_the_samples(
    qtbot, settings: QSettings, tmp_path: Path
) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    german = "Erste Probe\n\nDie Regierung hat mit der Opposition über den Haushalt gesprochen."
    english = "Second sample\n\nThe government and the opposition talked about the budget."
    (samples / "a.txt").write_text(german, encoding="utf-8")
    (samples / "b.txt").write_text(english, encoding="utf-8")
    (samples / "README.md").write_text("not an article", encoding="utf-8")
    (samples / "targets.tsv").write_text("# a comment\nRegierung\tKabinett\n", encoding="utf-8")
    window = MainWindow(samples_dir=samples, settings=settings)
    qtbot.addWidget(window)
    window.show()
    project = tmp_path / "new" / "projekt.sqlite"

    open_and_wait(qtbot, window, project)
    titles = [window.model.data(window.model.index(row, 0)) for row in range(2)]
    assert (window.model.rowCount(), titles) == (2, ["Erste Probe", "Second sample"])
    assert "2 sample articles" in window.status.currentMessage()
    languages = [window.model.document_row(row).language for row in range(2)]  # type: ignore[union-attr]
    assert languages == ["de", "en"]
    # The sample targets come along, so the samples show stance at once.
    assert window.project is not None
    with window.project.db.read() as session:
        targets = project_targets(session, window.project.project_id)
    assert [(t.name, t.aliases) for t in targets] == [("Regierung", ("Kabinett", "Regierung"))]
    assert window.status.stance_label.text() == "Stance: stance-lexicon"

    open_and_wait(qtbot, window, project)  # not new any more: no second copy
    assert window.model.rowCount() == 2
    window.close()


def test_import_files_shows_a_summary_and_reloads_the_list(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_and_wait(qtbot, window, make_project(ARTICLES))
    jsonl = tmp_path / "neu.jsonl"
    jsonl.write_text(
        '{"text": "Neuer Artikel eins.", "title": "Neu 1"}\n'
        "this line is broken\n"
        '{"text": "Neuer Artikel zwei."}\n',
        encoding="utf-8",
    )
    chosen = ([str(jsonl)], "")
    monkeypatch.setattr(
        "gui.import_workflow.QFileDialog.getOpenFileNames", lambda *args, **kwargs: chosen
    )
    with qtbot.waitSignal(window.import_finished, timeout=OPEN_TIMEOUT_MS) as finished:
        window.import_action.trigger()
        assert window.status.saved_label.text() == "Saving…"
    summary = finished.args[0]
    assert (summary.imported, summary.skipped) == (2, 1)
    assert window.model.rowCount() == 5
    assert window.status.documents_label.text() == "Documents: 5"
    assert window.status.saved_label.text() == "Saved"
    assert window.import_action.isEnabled()
    [box] = message_boxes(window)
    assert "Imported 2 documents" in box.text()
    assert "neu.jsonl:2" in box.detailedText()  # the broken line, with where it is
    assert box.icon() == QMessageBox.Icon.Warning


def test_cancelling_an_import_keeps_what_was_committed(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    open_and_wait(qtbot, window, make_project(ARTICLES))
    jsonl = tmp_path / "viele.jsonl"
    jsonl.write_text("".join(f'{{"text": "Artikel {i}"}}\n' for i in range(50)), encoding="utf-8")
    monkeypatch.setattr("storage.importing.service.BATCH_DOCUMENTS", 10)
    # The second batch waits until the test has pressed Cancel, so the order is certain.
    gate, calls = threading.Event(), []

    def detect(_text: str) -> str:
        calls.append(1)
        if len(calls) > 10:
            gate.wait(OPEN_TIMEOUT_MS / 1000)
        return "de"

    monkeypatch.setattr("services.jobs.detect_language", detect)
    window.import_files([jsonl])
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: "10 articles read" in dialog.labelText(), timeout=OPEN_TIMEOUT_MS)
    with qtbot.waitSignal(window.import_finished, timeout=OPEN_TIMEOUT_MS) as finished:
        dialog.findChild(QPushButton).click()
        gate.set()
    assert finished.args[0].cancelled
    assert window.model.rowCount() == 3 + 20  # two batches were committed, then it stopped
    assert "Cancelled" in message_boxes(window)[0].text()


def test_actions_shortcuts_and_menus(window: MainWindow) -> None:
    assert window.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.suggest_all_action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert window.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert window.redo_action.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert window.stance.targets_action.shortcut() == QKeySequence("Ctrl+T")
    assert window.stance.train_action.shortcut() == QKeySequence("Ctrl+Shift+T")
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Document", "&Annotate", "&Help"]
    assert window.annotate_menu.actions()[0] is window.suggest_all_action
    annotate = window.annotate_menu.actions()
    for action in (*window.entities.menu_actions, *window.stance.menu_actions):
        assert action.isSeparator() or action in annotate, action.text()
    order = [a.text() for a in window.view_menu.actions() if a.menu() is not None]
    assert "&Order documents" in order
    assert not window.import_action.isEnabled()  # nothing to import into yet
    assert not window.suggest_all_action.isEnabled()  # nor to suggest for
    assert not window.stance.targets_action.isEnabled()
    assert not window.stance.train_action.isEnabled()
    # No key is taken twice within one context (Qt would then run neither action).
    window_keys = [
        key.toString()
        for action in window.findChildren(QAction)
        if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        and action.parent() is window
        for key in action.shortcuts()
    ]
    assert len(window_keys) == len(set(window_keys)), sorted(window_keys)


def test_about_box(qtbot, window: MainWindow) -> None:
    window.about_action.trigger()
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "About Standpunkt"
    assert "named entities and stance" in box.text()


def test_the_annotator_comes_from_the_settings_or_the_login(
    qtbot, settings: QSettings, make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("services.session.getpass.getuser", lambda: "login-name")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert window.status.annotator_label.text() == "Annotator: login-name"

    settings.setValue("annotator", "Anna")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert window.status.annotator_label.text() == "Annotator: Anna"
    path = make_project(ARTICLES)
    open_and_wait(qtbot, window, path)
    window.close()
    with open_project(path) as project, project.db.read() as session:
        assert "Anna" in session.scalars(select(Annotator.name)).all()


def test_window_size_and_splitter_are_remembered(qtbot, settings: QSettings) -> None:
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # smaller than the offscreen screen (800x600), or it is clamped
    first.splitter.setSizes([300, 390])
    sizes = first.splitter.sizes()
    first.close()

    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (700, 500)
    assert second.splitter.sizes() == sizes
