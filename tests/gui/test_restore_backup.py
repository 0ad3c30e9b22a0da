"""*File › Restore from backup…*: a damaged project is refused with a button that shows its
backups, checked one by one; the newest good one is restored, the damaged file is kept, and
no backup is lost. The open project can be restored from the File menu too."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import func, select

from gui import document_workflow
from gui.backup_table import STATE
from gui.main_window import MainWindow
from gui.restore_dialog import RestoreDialog
from gui.workers import Worker
from storage.backup import list_backups
from storage.integrity import sqlite_problem
from storage.models import Annotator, Document
from storage.progress import status_of
from storage.project import open_project
from storage.project_files import backup_dir_for, side_files
from tests.factories import add_documents, damage_documents_page
from tests.gui.helpers import OPEN_TIMEOUT_MS, open_and_wait, wait_for_message

ARTICLE = "Die NATO warnt Russland vor einer Eskalation in der Ostsee, sagte Olaf Scholz. "


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def project_with_backups(path: Path) -> list[int]:
    """A project of 5 documents with 3 backups ("open"), holding 2, 3 and 4 documents,
    oldest first; returns those counts."""
    with open_project(path) as project:
        add_documents(project, [f"Artikel 1. {ARTICLE}", f"Artikel 2. {ARTICLE}"])
    for number in (3, 4, 5):
        with open_project(path) as project:  # backs the file up as it is first
            add_documents(project, [f"Artikel {number}. {ARTICLE}"])
    assert len(list_backups(path)) == 3
    return [2, 3, 4]


def answer_confirmation(button: QMessageBox.StandardButton) -> list[str]:
    """Press ``button`` in the next question box (it waits in exec()); returns the list its
    text is put in."""
    asked: list[str] = []

    def press(tries: int = 500) -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.button(button) is not None
        ]
        if not boxes:
            if tries:
                QTimer.singleShot(10, lambda: press(tries - 1))
            return
        asked.append(boxes[0].text())
        boxes[0].button(button).click()

    QTimer.singleShot(0, press)
    return asked


def wait_for_checks(qtbot, dialog: RestoreDialog) -> None:  # type: ignore[no-untyped-def]
    def checked() -> bool:
        rows = dialog.model.rows()
        return bool(rows) and all(row.checked for row in rows) and not dialog.checker.running

    qtbot.waitUntil(checked, timeout=OPEN_TIMEOUT_MS)


def state_column(dialog: RestoreDialog) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, STATE)) for row in range(model.rowCount())]


def titles(window: MainWindow) -> list[str]:
    """The list's documents by their first words ("Artikel 1")."""
    model = window.model
    return sorted(model.data(model.index(row, 0)).split(".")[0] for row in range(model.rowCount()))


def test_a_damaged_project_is_refused_with_a_button_that_restores_its_newest_good_backup(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "p.sqlite"
    counts = project_with_backups(path)
    oldest, middle, newest = list_backups(path)
    damage_documents_page(newest)  # the newest backup is damaged too: the middle one is next
    damage_documents_page(path)
    damaged = digest(path)
    before = {backup: digest(backup) for backup in list_backups(path)}

    window.open_project(path, create=False)
    box = wait_for_message(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Critical
    assert str(path) in box.text() and "damaged" in box.text()
    assert middle.name in box.text()  # the newest good backup, by name
    assert "Traceback" not in box.text() + box.informativeText() + box.detailedText()
    assert window.project is None
    restore = next(b for b in box.findChildren(QPushButton) if "Restore" in b.text())
    assert box.defaultButton() is restore

    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    dialog = window.restore.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.project_file == path
    wait_for_checks(qtbot, dialog)
    states = state_column(dialog)
    assert states[0].startswith("damaged: ")  # newest first
    assert states[1:] == ["OK", "OK"]
    assert [row.info.path for row in dialog.model.rows()] == [newest, middle, oldest]
    assert [row.info.reason for row in dialog.model.rows()] == ["open"] * 3
    assert dialog.selected() is not None and dialog.selected().info.path == middle
    assert dialog.restore_button.isEnabled()
    assert "2 of 3 backups" in dialog.status.text()

    # The damaged backup can be chosen to look at, not restored.
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    assert dialog.selected().info.path == newest
    assert not dialog.restore_button.isEnabled()
    assert "damaged" in dialog.choice.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected().info.path == middle
    assert dialog.restore_button.isEnabled()

    asked = answer_confirmation(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert asked and "kept in the backups folder" in asked[0]
    assert window.restore.dialog is None

    # The window shows the restored project: the middle backup's three documents.
    assert window.project is not None and window.project.location.file == path
    assert window.model.total == counts[1] == 3
    assert titles(window) == ["Artikel 1", "Artikel 2", "Artikel 3"]
    assert "Restored p.sqlite" in window.status.currentMessage()
    assert not window.status.busy_label.isVisibleTo(window)
    # The damaged file is kept in the backups folder, byte for byte; no backup was lost.
    kept = list_backups(path, "before-restore")
    assert len(kept) == 1 and digest(kept[0]) == damaged
    assert {b: digest(b) for b in list_backups(path) if b in before} == before
    assert sqlite_problem(path, "full") is None


def test_a_damaged_project_without_a_good_backup_says_where_it_looked(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "p.sqlite"
    with open_project(path) as project:
        add_documents(project, [f"Artikel 1. {ARTICLE}"])
    damage_documents_page(path)
    window.open_project(path, create=False)
    box = wait_for_message(qtbot, window)
    assert "damaged" in box.text()
    assert f"No good backup was found in {backup_dir_for(path)}" in box.text()
    assert not [b for b in box.findChildren(QPushButton) if "Restore" in b.text()]
    assert box.detailedText().startswith(f"{path} is damaged (")  # what the check found
    box.close()


def test_restoring_the_open_project_from_the_file_menu(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "p.sqlite"
    project_with_backups(path)
    oldest = list_backups(path)[0]
    open_and_wait(qtbot, window, path, create=False)  # takes a fourth backup
    assert window.model.total == 5
    window.table.selectRow(0)
    assert window.restore.action in window.file_menu.actions()
    assert window.restore.action.isEnabled()

    window.restore.action.trigger()
    dialog = window.restore.dialog
    assert dialog is not None and dialog.project_file == path
    wait_for_checks(qtbot, dialog)
    assert state_column(dialog) == ["OK"] * 4
    assert dialog.selected() is not None and dialog.selected().info.path == list_backups(path)[-1]

    # Choose the oldest by keyboard; Cancel in the confirmation changes nothing.
    dialog.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected().info.path == oldest
    answer_confirmation(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert window.project is not None and window.model.total == 5
    assert dialog.isVisible()

    open_before = window.project
    asked = answer_confirmation(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert asked and str(path) in asked[0]
    assert window.project is not open_before
    assert window.model.total == 2
    assert titles(window) == ["Artikel 1", "Artikel 2"]
    assert window.undo_stack.count() == 0
    # The file as it was (five documents) is kept; the four backups are all still there.
    kept = list_backups(path, "before-restore")
    assert len(kept) == 1
    # Closed before it was moved: SQLite removed its -wal and -shm with the last connection.
    assert not [side for side in side_files(kept[0]) if side.exists()]
    with (
        open_project(kept[0], create=False, read_only=True) as replaced,
        replaced.db.read() as session,
    ):
        assert session.scalar(select(func.count()).select_from(Document)) == 5
    assert len(list_backups(path, "open")) == 5  # four, and the one opening it again took


def test_closing_the_project_lets_go_of_its_file(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(document_workflow, "_now", lambda: now[0])
    path = tmp_path / "p.sqlite"
    project_with_backups(path)
    open_and_wait(qtbot, window, path, create=False)
    window.table.selectRow(0)
    assert window.article.text_edit.toPlainText().startswith("Artikel 1.")
    shown = window.documents.document_id
    assert shown is not None
    window.documents.clock.set_active(True, now[0])  # offscreen windows need not be active
    assert [side for side in side_files(path) if side.exists()]  # in use

    now[0] += 42
    window.close_project()
    assert window.project is None
    assert window.model.rowCount() == 0
    assert window.article.text_edit.toPlainText() == ""
    assert window.windowTitle() == "Standpunkt"
    assert not window.import_action.isEnabled()
    assert window.restore.action.isEnabled()  # for the file of another project
    # No connection is left: the last one to close removed the -wal and -shm files.
    assert not [side for side in side_files(path) if side.exists()]
    qtbot.wait(50)  # nothing that was queued opens it again
    assert not [side for side in side_files(path) if side.exists()]
    # The shown document's time was stored before it closed.
    with open_project(path, create=False, read_only=True) as project:
        with project.db.read() as session:
            anna = session.scalar(select(Annotator.id).where(Annotator.name == window.annotator))
        assert anna is not None
        assert status_of(project.db, shown, anna)[1] == 42


def open_restore_dialog(qtbot, window: MainWindow, path: Path) -> RestoreDialog:  # type: ignore[no-untyped-def]
    """A project with backups at ``path``, open in ``window``, and its restore dialog with
    every backup checked."""
    project_with_backups(path)
    open_and_wait(qtbot, window, path, create=False)
    window.restore.action.trigger()
    dialog = window.restore.dialog
    assert dialog is not None
    wait_for_checks(qtbot, dialog)
    return dialog


def test_a_failed_restore_says_why_and_opens_the_project_again(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "p.sqlite"
    dialog = open_restore_dialog(qtbot, window, path)
    chosen = dialog.selected()
    assert chosen is not None
    damage_documents_page(chosen.info.path)  # damaged after its check: restore checks again

    answer_confirmation(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.project_opened, timeout=OPEN_TIMEOUT_MS):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Cannot restore the backup"
    assert "damaged" in box.text()
    assert box.informativeText() == "The project file was not replaced."
    assert window.project is not None and window.model.total == 5
    assert not list_backups(path, "before-restore")
    box.close()


def test_restoring_waits_for_a_running_job_and_is_disabled_for_a_server(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "p.sqlite"
    dialog = open_restore_dialog(qtbot, window, path)
    assert dialog.restore_button.isEnabled()

    release = threading.Event()

    def job(_worker: Worker) -> None:
        release.wait(10)

    assert window.runner.start(job, lambda _r: None, lambda _m: None) is not None
    assert not dialog.restore_button.isEnabled()
    assert "Another task is running" in dialog.choice.text()
    assert not window.restore.action.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=OPEN_TIMEOUT_MS)
    assert dialog.restore_button.isEnabled()
    dialog.close()
    qtbot.waitUntil(lambda: window.restore.dialog is None)

    project = window.project
    window.project = SimpleNamespace(location=SimpleNamespace(file=None))  # type: ignore[assignment]
    try:
        window.restore.update_action()
        assert not window.restore.action.isEnabled()
        assert "database server" in window.restore.action.toolTip()
    finally:
        window.project = project
    window.restore.update_action()
    assert window.restore.action.isEnabled()


def test_a_file_that_holds_no_project_is_listed_but_cannot_be_restored(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "p.sqlite"
    project_with_backups(path)
    stranger = backup_dir_for(path) / "p-20991231T235959000000Z-open.sqlite"  # newest
    connection = sqlite3.connect(stranger)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()
    dialog = window.restore.show_dialog(path)
    wait_for_checks(qtbot, dialog)
    assert state_column(dialog) == ["no Standpunkt project", "OK", "OK", "OK"]
    assert dialog.selected() is not None and dialog.selected().good  # the newest good one
    dialog.select_row(0)
    assert not dialog.restore_button.isEnabled()
    assert "no Standpunkt project" in dialog.choice.text()
    dialog.close()


def test_closing_the_dialog_stops_the_checks(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    project_with_backups(path)
    dialog = window.restore.show_dialog(path)  # a file the window has not opened
    assert window.project is None
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.checker.running if _alive(dialog) else True)
    assert window.restore.dialog is None
    assert backup_dir_for(path).is_dir()


def _alive(dialog: RestoreDialog) -> bool:
    try:
        dialog.objectName()
    except RuntimeError:  # deleted: its checks ended
        return False
    return True


@pytest.fixture(autouse=True)
def _no_stray_boxes(qtbot):  # type: ignore[no-untyped-def]
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.close()
