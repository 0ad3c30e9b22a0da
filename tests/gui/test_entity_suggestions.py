"""Entity suggestions in the window: suggesting in the background, highlights, notices, and
"Suggest entities for all documents". These use the embedded German model (it loads in about
a second); one PipelineCache is shared by most tests so it loads once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

import services.suggesting as nlp_suggest
from gui.main_window import MainWindow
from nlp.pipelines import ENGLISH_HELP, PipelineCache, PipelineUnavailableError, resolve_pipeline
from storage.documents import get_document
from storage.entity_edits import visible_spans
from storage.project import OpenProject, get_or_create_annotator, open_project
from storage.suggestions import SpanSuggestion, store_entity_suggestions, was_suggested
from tests.gui.helpers import OPEN_TIMEOUT_MS, message_boxes, open_and_wait

SUGGEST_TIMEOUT_MS = 30_000  # loading the model on a slow machine; every wait ends early
GERMAN = (
    "Scholz trifft Macron in Berlin\n\n"
    "Bundeskanzler Olaf Scholz hat am Montag in Berlin den französischen Präsidenten "
    "empfangen. Russland verurteilte das Treffen scharf."
)
GERMAN_2 = "Gespräche in Wien\n\nDie Außenminister trafen sich in Wien. Auch Russland war dabei."
GERMAN_3 = "Treffen in Paris\n\nIn Paris beraten die Minister über die Lage in der Ukraine."
ENGLISH = "Talks in London\n\nThe ministers met in London on Monday."
LOC_COLOUR = "#56b4e9"


@pytest.fixture(scope="module")
def shared_cache() -> PipelineCache:
    return PipelineCache()


@pytest.fixture
def loaded_model(shared_cache: PipelineCache, monkeypatch: pytest.MonkeyPatch) -> PipelineCache:
    """Windows made in the test use the module's cache: the model loads once per module."""
    monkeypatch.setattr("gui.suggestion_controller.PipelineCache", lambda: shared_cache)
    return shared_cache


@pytest.fixture
def no_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """No English pipeline, even where one is installed."""

    def resolve(language: str, project_model: str | None = None):  # type: ignore[no-untyped-def]
        if language == "en":
            raise PipelineUnavailableError(ENGLISH_HELP, missing_language="en")
        return resolve_pipeline(language, project_model)

    monkeypatch.setattr("gui.suggestion_controller.resolve_pipeline", resolve)
    monkeypatch.setattr("services.suggesting.resolve_pipeline", resolve)


def document_ids(window: MainWindow) -> list[int]:
    return [window.model.document_row(row).id for row in range(window.model.rowCount())]  # type: ignore[union-attr]


def spans_in_database(project: OpenProject, document_id: int) -> list[tuple[str, str, str]]:
    """(covered text, label, state) of what the window's annotator sees in the document."""
    with project.db.read() as session:
        text = get_document(session, project.project_id, document_id).text  # type: ignore[union-attr]
        annotator = get_or_create_annotator(session, "tester").id
        return [
            (text[s.start_offset : s.end_offset], s.label.name, str(s.state))
            for s in visible_spans(session, document_id, annotator)
        ]


def highlights(window: MainWindow) -> list[tuple[int, int, str, QTextCharFormat]]:
    """(start, end, covered text, format) of each extra selection in the article text."""
    selections = window.article.text_edit.extraSelections()
    return [
        (
            s.cursor.selectionStart(),
            s.cursor.selectionEnd(),
            s.cursor.selectedText(),
            QTextCharFormat(s.format),  # a copy: the selection's own goes with the list
        )
        for s in selections
    ]


def store(project: OpenProject, document_id: int, *spans: SpanSuggestion) -> None:
    """Store suggestions as a suggester run would (the document counts as suggested for)."""
    store_entity_suggestions(project.db, project.project_id, document_id, spans, {"test-model"})


def suggestion(text: str, words: str, label: str, confidence: float) -> SpanSuggestion:
    start = text.index(words)
    return SpanSuggestion(start, start + len(words), label, confidence, "model", "test-model", "1")


@pytest.fixture
def tester(settings: QSettings) -> QSettings:
    settings.setValue("annotator", "tester")
    return settings


@pytest.fixture
def window(qtbot, tester: QSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(samples_dir=None, settings=tester)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def test_an_unsuggested_german_document_is_suggested_in_the_background_and_highlighted(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    path = make_project([GERMAN, GERMAN_2], languages=["de", "de"])
    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS) as shown:
        open_and_wait(qtbot, window, path)  # shows the first document, which starts the job
        # A fresh window loads the model first, off the GUI thread.
        assert window.status.suggest_label.text() == "Loading model…"
        assert window.status.suggest_label.isVisibleTo(window)
        window.table.select_document(1)  # shown again while its job runs: no second job
    first = document_ids(window)[0]
    document_id, count = shown.args
    assert document_id == first and count > 0
    assert not window.status.suggest_label.isVisibleTo(window)  # no job runs now
    assert window.status.model_label.text().startswith("Model: de_standpunkt_ner@")

    # The text is exactly the document's; the highlights lie on it at the stored offsets.
    assert window.article.text_edit.toPlainText() == GERMAN
    painted = highlights(window)
    assert len(painted) == count
    start = GERMAN.index("Russland")
    [russland] = [h for h in painted if h[0] == start]
    assert (russland[1], russland[2]) == (start + len("Russland"), "Russland")
    background = russland[3].background().color()
    assert background.rgb() == QColor(LOC_COLOUR).rgb()  # the label's colour…
    assert background.alpha() < 128  # …as a light tint: a suggestion, not a decision
    assert russland[3].underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert window.article.legend.chip_texts() == ["PER (p)", "LOC (l)", "ORG (o)", "MISC (m)"]

    # The database holds the suggestions, and the list counts them.
    assert window.project is not None
    stored = spans_in_database(window.project, first)
    assert ("Russland", "LOC", "suggested") in stored
    assert window.model.document_row(0).spans == len(stored)  # type: ignore[union-attr]


def test_suggestions_below_the_minimum_confidence_are_not_highlighted(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    path = make_project([GERMAN, GERMAN_2], languages=["de", "de"])
    with open_project(path) as project:
        ids = [1, 2]
        store(
            project,
            ids[0],
            suggestion(GERMAN, "Olaf Scholz", "PER", 0.1),
            suggestion(GERMAN, "Russland", "LOC", 0.8),
        )
        store(project, ids[1])  # suggested for, nothing found
    # Both were suggested for: nothing runs, the spans are shown at once.
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        open_and_wait(qtbot, window, path)
    assert shown.args == [ids[0], 1]
    assert [h[2] for h in highlights(window)] == ["Russland"]
    assert not window.status.suggest_label.isVisibleTo(window)

    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        window.table.selectRow(1)
    assert shown.args == [ids[1], 0]  # also when there is nothing to highlight
    assert highlights(window) == []

    window.settings.setValue("suggestions/min_confidence", 0.05)
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        window.table.selectRow(0)
    assert shown.args == [ids[0], 2]
    assert [h[2] for h in highlights(window)] == ["Olaf Scholz", "Russland"]


def test_results_for_a_document_left_behind_are_not_painted_on_the_shown_one(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    loaded_model: PipelineCache,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_project([GERMAN, GERMAN_2, GERMAN_3], languages=["de", "de", "de"])
    with open_project(path) as project:
        store(project, 3, suggestion(GERMAN_3, "Paris", "LOC", 0.9))  # the third is done
    gate, started = threading.Event(), threading.Event()

    def held_back(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        assert gate.wait(SUGGEST_TIMEOUT_MS / 1000)
        return nlp_suggest.suggest_documents(*args, **kwargs)

    monkeypatch.setattr("services.suggestion_jobs.suggest_documents", held_back)
    open_and_wait(qtbot, window, path)  # the first document's job starts, and waits
    assert started.wait(OPEN_TIMEOUT_MS / 1000)
    window.table.selectRow(1)  # not suggested either: it would be next…
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        window.table.selectRow(2)  # …but the user went on to one that is done
    assert shown.args == [3, 1]

    painted: list[tuple[int, int]] = []
    window.suggestions_shown.connect(lambda *args: painted.append(args))
    with qtbot.waitSignal(window.suggestions.document_changed, timeout=SUGGEST_TIMEOUT_MS) as done:
        gate.set()
    assert done.args == [1]
    assert painted == []  # nothing was painted for the job's document, nor again for this one
    assert window.project is not None
    assert ("Russland", "LOC", "suggested") in spans_in_database(window.project, 1)  # stored
    # …but the shown document keeps its own text and highlights, and nobody works on the
    # second document, which the user only passed by.
    assert window.article.text_edit.toPlainText() == GERMAN_3
    assert [h[2] for h in highlights(window)] == ["Paris"]
    assert not window.status.suggest_label.isVisibleTo(window)
    with window.project.db.read() as session:
        assert not was_suggested(session, 2)

    # Back on the first document, its suggestions are shown at once.
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        window.table.selectRow(0)
    assert shown.args[0] == 1 and shown.args[1] > 0
    assert "Russland" in [h[2] for h in highlights(window)]


def test_opening_another_project_while_a_job_runs(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    loaded_model: PipelineCache,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = make_project([GERMAN], languages=["de"], name="erstes")
    second = make_project([GERMAN_2], languages=["de"], name="zweites")
    gate, calls = threading.Event(), []

    def first_held_back(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0].location.file.name)
        if len(calls) == 1:
            assert gate.wait(SUGGEST_TIMEOUT_MS / 1000)
        return nlp_suggest.suggest_documents(*args, **kwargs)

    monkeypatch.setattr("services.suggestion_jobs.suggest_documents", first_held_back)
    open_and_wait(qtbot, window, first)
    qtbot.waitUntil(lambda: calls == ["erstes.sqlite"], timeout=OPEN_TIMEOUT_MS)
    open_and_wait(qtbot, window, second)  # the first project's job still runs
    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS) as shown:
        gate.set()
    # The second project's document was suggested for after the first job, and shown.
    assert calls == ["erstes.sqlite", "zweites.sqlite"]
    assert shown.args[0] == 1 and shown.args[1] > 0
    assert window.article.text_edit.toPlainText() == GERMAN_2
    assert "Wien" in [h[2] for h in highlights(window)]
    with open_project(first, backup_on_open=False) as project:  # the job finished its work
        assert ("Russland", "LOC", "suggested") in spans_in_database(project, 1)


def test_an_english_document_without_an_english_pipeline_gets_pattern_suggestions(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    no_english: None,
    loaded_model: PipelineCache,
) -> None:
    path = make_project([ENGLISH, GERMAN], languages=["en", "de"])
    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS) as shown:
        open_and_wait(qtbot, window, path)
    # The pattern files suggest at once (London is in the shipped capitals), as the notice says.
    assert shown.args[0] == 1 and shown.args[1] > 0
    assert "London" in [h[2] for h in highlights(window)]
    assert window.project is not None
    assert ("London", "LOC", "suggested") in spans_in_database(window.project, 1)
    notice = window.article.notice_label
    assert notice.isVisibleTo(window)
    assert notice.text().startswith("No English model is installed, so English documents get")
    assert "from the pattern files only" in notice.text()
    assert "en_core_web_sm" in notice.text()
    assert window.status.model_label.text() == "No model for “en”"
    assert window.article.text_edit.toPlainText() == ENGLISH
    assert not message_boxes(window)

    # German keeps working.
    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS) as shown:
        window.table.selectRow(1)
    assert shown.args[0] == 2 and shown.args[1] > 0
    assert not notice.isVisibleTo(window)
    assert window.status.model_label.text().startswith("Model: de_standpunkt_ner@")
    with window.project.db.read() as session:
        assert was_suggested(session, 1)


def test_a_failing_job_is_a_message_not_a_traceback(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the model file is damaged\nTraceback (most recent call last): …")

    monkeypatch.setattr("services.suggestion_jobs.suggest_documents", broken)
    path = make_project([GERMAN], languages=["de"])
    with qtbot.waitSignal(window.suggestions_shown, timeout=OPEN_TIMEOUT_MS) as shown:
        open_and_wait(qtbot, window, path)
    # What there is is shown all the same: the patterns' suggestions (they need no model).
    assert shown.args == [1, len(window.article.text_edit.highlighted)]
    assert {s.origin_kind for s in window.article.text_edit.highlighted} <= {"pattern"}
    message = window.status.currentMessage()
    assert message == "Cannot suggest entities: the model file is damaged"
    assert window.article.text_edit.toPlainText() == GERMAN


def test_suggest_entities_for_all_documents(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    no_english: None,
    loaded_model: PipelineCache,
) -> None:
    path = make_project([ENGLISH, GERMAN, GERMAN_2], languages=["en", "de", "de"])
    open_and_wait(qtbot, window, path)  # the English document is shown: nothing runs
    action = window.suggest_all_action
    assert action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert action.isEnabled()
    with qtbot.waitSignal(window.all_suggested, timeout=SUGGEST_TIMEOUT_MS) as finished:
        action.trigger()
        assert window.findChild(QProgressDialog).isVisible()
        assert not window.open_action.isEnabled() and not action.isEnabled()
    report = finished.args[0].entities
    assert finished.args[0].stance is None  # the project has no stance targets
    # The English document gets the pattern suggestions (London); the missing English
    # pipeline is reported.
    assert report.documents == 3 and report.added > 0
    assert set(report.skipped) == {"en"} and report.pipelines["en"] == "patterns only"
    assert window.project is not None
    for document_id in (2, 3):
        assert ("Russland", "LOC", "suggested") in spans_in_database(window.project, document_id)
    # The list was read again: it counts the new spans.
    spans = [window.model.document_row(row).spans for row in range(3)]  # type: ignore[union-attr]
    assert spans[0] > 0 and spans[1] > 0 and spans[2] > 0
    [box] = message_boxes(window)
    assert box.text().startswith("Suggested entities for 3 documents:")
    informative = box.informativeText()  # plain text, as the box shows it: no markup
    assert informative.startswith("Only the pattern files suggested for these languages: en\n")
    assert "No English model is installed" in informative
    assert "<" not in informative and "&#x27;" not in informative
    assert box.icon() == QMessageBox.Icon.Information
    # The English document shown says where its suggestions come from, not that there are none.
    window.table.selectRow(0)
    assert window.article.notice_label.text().startswith("No English model is installed")
    assert "London" in [h[2] for h in highlights(window)]
    assert action.isEnabled() and window.open_action.isEnabled()
    assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]


def test_suggesting_for_all_can_be_cancelled_between_batches(
    qtbot,
    window: MainWindow,
    make_project: Callable[..., Path],
    loaded_model: PipelineCache,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_project([ENGLISH, GERMAN, GERMAN_2, GERMAN_3], languages=["en", "de", "de", "de"])
    monkeypatch.setattr(nlp_suggest, "BATCH_DOCUMENTS", 1)
    real_batch, gate, batches = nlp_suggest._suggest_batch, threading.Event(), []

    def batch(*args, **kwargs):  # type: ignore[no-untyped-def]
        real_batch(*args, **kwargs)
        batches.append(1)
        assert gate.wait(SUGGEST_TIMEOUT_MS / 1000)  # the test presses Cancel meanwhile

    # The English document shown first gets its pattern suggestions before the gate is set.
    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS):
        open_and_wait(qtbot, window, path)
    monkeypatch.setattr(nlp_suggest, "_suggest_batch", batch)
    with qtbot.waitSignal(window.all_suggested, timeout=SUGGEST_TIMEOUT_MS) as finished:
        window.suggest_all_action.trigger()
        qtbot.waitUntil(lambda: len(batches) == 1, timeout=SUGGEST_TIMEOUT_MS)
        window.findChild(QProgressDialog).findChild(QPushButton).click()
        gate.set()
    report = finished.args[0]
    assert report.cancelled and report.entities.cancelled and len(batches) == 1
    assert "Cancelled" in message_boxes(window)[0].text()
    assert window.project is not None
    with window.project.db.read() as session:
        assert [was_suggested(session, i) for i in (2, 3, 4)] == [True, False, False]


def test_closing_the_window_while_a_job_runs(
    qtbot, window: MainWindow, make_project: Callable[..., Path], loaded_model: PipelineCache
) -> None:
    path = make_project([GERMAN], languages=["de"])
    open_and_wait(qtbot, window, path)
    assert window.status.suggest_label.isVisibleTo(window)  # the job runs
    window.close()  # waits for it: the project is closed only after
    assert window.project is None
    QApplication.processEvents()  # its result arrives for nobody: nothing is painted
    assert window.article.text_edit.extraSelections() == []
    with open_project(path, backup_on_open=False) as project:
        assert ("Russland", "LOC", "suggested") in spans_in_database(project, 1)
