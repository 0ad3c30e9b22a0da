"""Saving a picture of the window with a document's final highlights (``python main.py gui
--screenshot``), offscreen, on projects whose documents were suggested for already (so no
model loads: loading one is made to fail)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

import main
from gui.main_window import MainWindow
from gui.screenshot import ScreenshotError, take_screenshot
from services.suggestion_jobs import DocumentSuggested
from storage.models import Document, Event
from storage.project import open_project
from storage.stance.store import SUGGEST_STANCE_ACTION, add_target
from storage.suggestions import SpanSuggestion, store_entity_suggestions

FIRST = (
    "Gipfel in Vilnius\n\n"
    "Die NATO hat in Vilnius neue Hilfe für die Ukraine beschlossen. Russland verurteilte "
    "die Beschlüsse scharf. Die Bundesregierung begrüßte die Zusagen für die Ukraine."
)
SECOND = "Gespräche in Wien\n\nDie Außenminister trafen sich in Wien. Auch Russland war dabei."
SIZE = (1200, 700)


@pytest.fixture(autouse=True)
def no_model_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(location: str) -> None:
        raise AssertionError(f"a model was loaded: {location}")

    monkeypatch.setattr("nlp.pipelines._load", refuse)
    # The system's locale must not install a translation that later tests would inherit.
    monkeypatch.setattr("gui.app.install_translations", lambda app, locale: [])


@pytest.fixture
def suggested_project(make_project: Callable[..., Path]) -> Path:
    """Two German documents with entity suggestions stored, and stance targets (stance is
    suggested by the lexicon when a document is shown: no model either)."""
    path = make_project([FIRST, SECOND], languages=["de", "de"])
    with open_project(path) as project:
        with project.db.read() as session:
            ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        for document_id, text in zip(ids, [FIRST, SECOND], strict=True):
            spans = [
                _suggestion(text, word, label)
                for word, label in (("Vilnius", "LOC"), ("NATO", "ORG"), ("Russland", "LOC"))
                if word in text
            ]
            store_entity_suggestions(project.db, project.project_id, document_id, spans, ["m"])
        for name in ("NATO", "Ukraine", "Russland"):
            add_target(project.db, project.project_id, name, ())
    return path


def first_document_id(session) -> int:  # type: ignore[no-untyped-def]
    return session.scalars(select(Document.id).order_by(Document.id)).first()


def _suggestion(text: str, word: str, label: str) -> SpanSuggestion:
    start = text.index(word)
    return SpanSuggestion(start, start + len(word), label, 0.9, "model", "m", "1")


def assert_picture(path: Path, size: tuple[int, int]) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is no image"
    assert (image.width(), image.height()) == size
    # A blank or unpainted window has a handful of colours; text, highlights and widgets
    # (anti-aliased) have many.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    assert len(colours) > 50, f"only {len(colours)} colours: a blank window?"
    return image


def no_windows_left(qapp: QApplication) -> bool:
    return not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]


def test_the_picture_has_the_window_size_and_shows_something(
    qapp: QApplication, suggested_project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "window.png"
    take_screenshot(suggested_project, out, document_index=1, size=SIZE, timeout_s=30)
    assert_picture(out, SIZE)
    assert no_windows_left(qapp)


def test_the_stance_shown_was_suggested_before_the_picture(
    qapp: QApplication, suggested_project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "window.png"
    take_screenshot(suggested_project, out, size=SIZE, timeout_s=30)
    assert_picture(out, SIZE)
    # The stance job ran for the document shown (the first), and only for it.
    with open_project(suggested_project, create=False) as project, project.db.read() as session:
        suggested = session.scalars(
            select(Event.document_id).where(Event.action == SUGGEST_STANCE_ACTION)
        )
        assert list(suggested) == [first_document_id(session)]


def test_a_size_too_small_for_the_window_is_refused(
    qapp: QApplication, suggested_project: Path, tmp_path: Path
) -> None:
    with pytest.raises(ScreenshotError, match=r"the window cannot be 300x200 .* needs at least"):
        take_screenshot(suggested_project, tmp_path / "x.png", size=(300, 200), timeout_s=30)
    assert not (tmp_path / "x.png").exists()


def test_no_such_document_is_one_clear_error(
    qapp: QApplication, suggested_project: Path, tmp_path: Path
) -> None:
    with pytest.raises(ScreenshotError, match="has 2 documents: there is no document 3"):
        take_screenshot(suggested_project, tmp_path / "x.png", document_index=2, timeout_s=30)
    assert not (tmp_path / "x.png").exists()
    assert no_windows_left(qapp)


def test_a_file_that_is_no_project_is_one_clear_error(qapp: QApplication, tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("no database", encoding="utf-8")
    with pytest.raises(ScreenshotError, match=r"^cannot open .*notes\.sqlite: "):
        take_screenshot(bad, tmp_path / "x.png", timeout_s=30)
    assert no_windows_left(qapp)


def test_highlights_not_painted_in_time_end_with_an_error_and_no_job_left(
    qapp: QApplication,
    suggested_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def slow_job(project, document_id, language, *args, **kwargs):  # type: ignore[no-untyped-def]
        def job(_worker: object) -> DocumentSuggested:
            time.sleep(1.5)
            return DocumentSuggested(document_id, language or "", already=True)

        return job

    monkeypatch.setattr("gui.suggestion_controller.suggest_document_job", slow_job)
    started = time.monotonic()
    with pytest.raises(ScreenshotError, match=r"were not painted within 0\.3 s"):
        take_screenshot(suggested_project, tmp_path / "x.png", timeout_s=0.3)
    assert time.monotonic() - started >= 1.5  # the window waited for its job when closing
    assert no_windows_left(qapp)


def test_the_command_line(
    qapp: QApplication, suggested_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "cli.png"
    argv = ["gui", "--project", str(suggested_project), "--screenshot", str(out)]
    code = main.main([*argv, "--document", "2", "--size", "1200x720"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip() == f"saved {out} (1200x720)"
    assert_picture(out, (1200, 720))

    # The project may come before the command too.
    out.unlink()
    code = main.main(["--project", str(suggested_project), "gui", "--screenshot", str(out)])
    assert code == 0 and out.exists()

    code = main.main([*argv, "--document", "5"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == "error: the project has 2 documents: there is no document 5\n"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--size", "big"], "expected WIDTHxHEIGHT"),
        (["--document", "0"], "expected a number from 1"),
        (["--document", "2"], "--document and --size go with --screenshot"),
    ],
)
def test_bad_options_are_usage_errors(
    capsys: pytest.CaptureFixture, options: list[str], message: str
) -> None:
    try:
        code = main.main(["gui", "--project", "p.sqlite", *options])
    except SystemExit as exit_:  # argparse's own errors
        code = int(exit_.code or 0)
    assert code == 2
    assert message in capsys.readouterr().err
