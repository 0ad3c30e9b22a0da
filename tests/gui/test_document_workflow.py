"""Document status by keyboard (done and next, skip, reopen), reset to the suggestions,
time spent, and the progress bar; each checked in the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from gui import document_workflow
from gui.document_workflow import DocumentWorkflow
from gui.main_window import MainWindow
from storage.entity_edits import EntityEditor
from storage.events import snapshot
from storage.models import Document, DocumentStatusValue, EntitySpan
from storage.progress import set_status, status_of
from storage.project import get_or_create_annotator, open_project
from tests.factories import TEXT, add_entity
from tests.gui.helpers import as_tester, open_and_wait, wire_documents

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
TEXTS = [f"{TEXT[:-2]}{i:02d}" for i in range(5)]


@pytest.fixture
def window(qtbot, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(samples_dir=None, settings=as_tester(settings))
    qtbot.addWidget(main)
    main.model._page_size = 2  # several pages for five documents
    wire_documents(main, monkeypatch)
    main.show()
    main.activateWindow()
    yield main
    main.close()


@pytest.fixture
def workflow(window: MainWindow) -> DocumentWorkflow:
    return window.documents  # type: ignore[attr-defined]


@pytest.fixture
def path(make_project: Callable[..., Path]) -> Path:
    return make_project(TEXTS, titles=[f"Titel {i}" for i in range(5)])


def ids_and_tester(window: MainWindow) -> tuple[list[int], int]:
    assert window.project is not None
    with window.project.db.write() as session:
        ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        return ids, get_or_create_annotator(session, "tester").id


def status(window: MainWindow, document_id: int) -> tuple[DocumentStatusValue, float]:
    assert window.project is not None
    _ids, tester = ids_and_tester(window)
    return status_of(window.project.db, document_id, tester)


def shown(window: MainWindow) -> int | None:
    row = window.table.selected_document()
    return row.id if row is not None else None


def test_ctrl_enter_marks_done_and_shows_the_next_undone_document(qtbot, window, path):  # type: ignore[no-untyped-def]
    open_and_wait(qtbot, window, path)
    ids, tester = ids_and_tester(window)
    assert shown(window) == ids[0]
    assert status(window, ids[0])[0] == DocumentStatusValue.IN_PROGRESS  # opened: in progress
    for done in ids[1:4]:  # the rest of this page and all of the next one
        set_status(
            window.project.db, window.project.project_id, done, tester, DocumentStatusValue.DONE
        )
    window.model.reload()
    window.table.select_document(ids[0])

    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)
    assert status(window, ids[0])[0] == DocumentStatusValue.DONE
    assert shown(window) == ids[4]  # read two more pages to get there
    assert status(window, ids[4])[0] == DocumentStatusValue.IN_PROGRESS
    assert window.documents.progress_bar.text() == "4 of 5 done"

    qtbot.keyClick(window.table, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert status(window, ids[4])[0] == DocumentStatusValue.DONE
    assert window.documents.progress_bar.text() == "5 of 5 done"
    assert shown(window) == ids[4]  # nothing left to go to

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # undo: the last one is in progress again
    assert status(window, ids[4])[0] == DocumentStatusValue.IN_PROGRESS
    assert window.documents.progress_bar.text() == "4 of 5 done"


def test_skip_marks_skipped_and_goes_on_and_reopen(qtbot, window, path):  # type: ignore[no-untyped-def]
    open_and_wait(qtbot, window, path)
    ids, _tester = ids_and_tester(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL_SHIFT)
    assert status(window, ids[0])[0] == DocumentStatusValue.SKIPPED
    assert shown(window) == ids[1]
    window.table.select_document(ids[0])
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL)
    assert status(window, ids[0])[0] == DocumentStatusValue.IN_PROGRESS
    assert window.model.document_row(0).status == DocumentStatusValue.IN_PROGRESS  # the list


def own_rows(project, annotator_id: int) -> list[dict]:  # type: ignore[no-untyped-def]
    with project.db.read() as session:
        rows = session.scalars(
            select(EntitySpan).where(EntitySpan.annotator_id == annotator_id).order_by("id")
        )
        return [snapshot(r) for r in rows]


def test_reset_removes_the_annotators_decisions_and_ctrl_z_brings_them_back(  # type: ignore[no-untyped-def]
    qtbot, window, workflow, path, monkeypatch
):
    with open_project(path) as project:
        with project.db.write() as session:
            first = session.scalar(select(Document.id).order_by(Document.id))
            tester = get_or_create_annotator(session, "tester").id
            other = get_or_create_annotator(session, "other").id
        for annotator in (tester, other):
            suggestion = add_entity(project, first, 0.5, start=16)
            EntityEditor(project.db, project.project_id, annotator).accept(suggestion)
            EntityEditor(project.db, project.project_id, annotator).add(first, 4, 8, "ORG")
    open_and_wait(qtbot, window, path)
    project = window.project
    mine, others = own_rows(project, tester), own_rows(project, other)
    assert len(mine) == 2
    asked: list[bool] = []
    monkeypatch.setattr(workflow, "confirm_reset", lambda: asked.append(True) or True)

    workflow.reset_action.trigger()
    assert asked == [True]
    assert own_rows(project, tester) == []
    assert own_rows(project, other) == others

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert own_rows(project, tester) == mine
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo
    assert own_rows(project, tester) == []


def test_reset_is_not_done_when_the_user_says_no(qtbot, window, workflow, path, monkeypatch):  # type: ignore[no-untyped-def]
    with open_project(path) as project:
        with project.db.write() as session:
            first = session.scalar(select(Document.id).order_by(Document.id))
            tester = get_or_create_annotator(session, "tester").id
        EntityEditor(project.db, project.project_id, tester).add(first, 4, 8, "ORG")
    open_and_wait(qtbot, window, path)
    monkeypatch.setattr(workflow, "confirm_reset", lambda: False)
    workflow.reset_action.trigger()
    assert len(own_rows(window.project, tester)) == 1


def test_time_spent_is_stored_once_per_visit_without_long_idle_time(  # type: ignore[no-untyped-def]
    qtbot, window, workflow, path, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(document_workflow, "_now", lambda: now[0])
    open_and_wait(qtbot, window, path)
    ids, _tester = ids_and_tester(window)
    workflow.clock.set_active(True, now[0])  # offscreen windows need not get activated
    now[0] += 30
    qtbot.keyClick(window.table, Qt.Key.Key_Shift)  # input: 30 s counted
    now[0] += 3600  # away for an hour: counts as the idle limit only
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)  # done: the time goes with it
    assert status(window, ids[0]) == (DocumentStatusValue.DONE, 30 + 300)
    assert shown(window) == ids[1]

    now[0] += 12
    window.table.select_document(ids[0])  # leaving the second document stores its time
    assert status(window, ids[1]) == (DocumentStatusValue.IN_PROGRESS, 12)
    now[0] += 5
    workflow.clock.set_active(False, now[0])  # another window is in front: no time runs
    now[0] += 100
    workflow.shutdown()  # closing the window
    assert status(window, ids[0]) == (DocumentStatusValue.DONE, 330 + 5)


def test_progress_bar_counts_the_annotators_done_documents(qtbot, window, workflow, path):  # type: ignore[no-untyped-def]
    assert workflow.progress_bar.text() == "0 of 0 done"
    open_and_wait(qtbot, window, path)
    assert workflow.progress_bar.text() == "0 of 5 done"
    ids, _tester = ids_and_tester(window)
    with open_project(path) as other_view:
        with other_view.db.write() as session:
            other = get_or_create_annotator(session, "other").id
        set_status(
            other_view.db, other_view.project_id, ids[2], other, DocumentStatusValue.DONE
        )  # not ours
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)
    assert workflow.progress_bar.text() == "1 of 5 done"
    assert workflow.progress_bar.value() == 1 and workflow.progress_bar.maximum() == 5


def test_the_document_menu_comes_before_annotate_and_keys_do_not_clash(window, workflow):  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Document") == titles.index("&Annotate") - 1
    keys: dict[str, str] = {}
    for action in window.findChildren(document_workflow.QAction):
        if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            continue
        for key in action.shortcuts():
            text = key.toString()
            assert text not in keys, f"{text}: {action.text()} and {keys[text]}"
            keys[text] = action.text()
    assert "Ctrl+Return" in keys and "Ctrl+Shift+Return" in keys
