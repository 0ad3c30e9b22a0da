"""Documents imported from the command line while the window has the project open appear
in the window: by F5 (View › Reload) and by themselves, and the undo history stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gui.main_window import MainWindow
from storage.models import Document
from tests.factories import run
from tests.gui.helpers import TEXT, TEXT_2, press, show_row

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    return tester_window


def _import_elsewhere(capsys, project: Path, folder: Path, *texts: str) -> None:  # type: ignore[no-untyped-def]
    """``python main.py import`` (in this process, on its own connection), as a user at a
    terminal would while the window has the project open."""
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"new{number}.txt").write_text(text, encoding="utf-8")
    code, _out, err = run(capsys, "import", "--project", str(project), str(folder))
    assert code == 0, err


def _decide_something(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    text_edit = show_row(qtbot, window, 0)
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)  # accept: one command on the undo stack
    assert window.undo_stack.count() == 1


def test_f5_shows_documents_imported_from_the_command_line_and_keeps_undo(  # type: ignore[no-untyped-def]
    qtbot, window, open_document, tmp_path, capsys
):
    open_document([TEXT, TEXT_2])
    _decide_something(qtbot, window)
    assert window.project is not None
    path = window.project.location.file
    assert path is not None
    window.project_watch._files.removePaths(window.project_watch._files.files())  # F5's own
    _import_elsewhere(capsys, path, tmp_path / "in", "Neu aus Kyjiw.", "Neu aus Odessa.")
    assert window.model.total == 2  # not yet: nothing watched here

    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.model.total == 2 + 2
    assert window.status.currentMessage() == "2 documents added by another program"
    with window.project.db.read() as session:
        assert len(list(session.scalars(select(Document.id)))) == 4
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the decision before the reload undoes
    assert window.undo_stack.index() == 0
    assert window.status.currentMessage().startswith("Undone: Accept")

    qtbot.keyClick(window, Qt.Key.Key_F5)  # nothing new: said so, nothing lost
    assert window.status.currentMessage() == "Reloaded the document list."
    assert window.model.total == 4 and window.undo_stack.count() == 1


def test_documents_imported_elsewhere_appear_by_themselves(  # type: ignore[no-untyped-def]
    qtbot, window, open_document, tmp_path, capsys
):
    open_document([TEXT, TEXT_2])
    _decide_something(qtbot, window)
    assert window.project is not None and window.project.location.file is not None
    assert window.project_watch._files.files()  # the project's file is watched
    _import_elsewhere(capsys, window.project.location.file, tmp_path / "in", "Neu aus Kyjiw.")

    qtbot.waitUntil(lambda: window.model.total == 3, timeout=10_000)
    assert window.status.currentMessage() == "1 document added by another program"
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()
