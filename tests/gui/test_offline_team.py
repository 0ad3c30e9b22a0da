"""The offline team in the window: *File › Hand out to annotators…* writes one project file
per annotator, *File › Merge annotators' work…* brings their work back (or, for a bad file,
nothing), and a handed-out file opens as its annotator's work. Suggestions are stored
without a model, so documents are painted at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox
from sqlalchemy import func, select

from gui.handout_dialog import HandoutDialog
from gui.main_window import MainWindow
from storage.entity_edits import EntityEditor
from storage.models import AnnotationState, Annotator, Document, EntitySpan
from storage.project import open_project
from storage.suggestions import store_entity_suggestions
from storage.team.handout import hand_out
from tests.factories import add_annotator, add_documents
from tests.gui.helpers import (
    OPEN_TIMEOUT_MS,
    SUGGESTED,
    TEXT,
    TEXT_2,
    open_and_wait,
    press,
    show_row,
    suggestions,
    wait_for_message,
)

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NEW_TEXT = "Ein neuer Artikel über den Gipfel in Brüssel."


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    return tester_window  # QSettings annotator "tester"


@pytest.fixture
def coordinator(make_project: Callable[..., Path]) -> Path:
    """Two German documents with stored suggestions: nothing loads a model."""
    path = make_project([TEXT, TEXT_2], languages=["de", "de"], name="coordinator")
    with open_project(path) as project:
        with project.db.read() as session:
            ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        for document_id, text in zip(ids, [TEXT, TEXT_2], strict=True):
            found = suggestions(text, SUGGESTED[text])
            store_entity_suggestions(project.db, project.project_id, document_id, found, ["de"])
    return path


def handed_out(coordinator: Path, folder: Path) -> Path:
    """Every document to anna and ben (overlap 1.0); anna's file."""
    with open_project(coordinator) as project:
        hand_out(project.db, project.project_id, ["anna", "ben"], folder, overlap=1.0)
    return folder / "anna.sqlite"


def file_menu_entry(qtbot, window: MainWindow, mnemonic: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Alt+F opens the File menu; the mnemonic picks the entry."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu is window.file_menu
    qtbot.keyClick(menu, mnemonic)


def counts(path: Path) -> tuple[int, int]:
    """(documents, entity rows) in the project file."""
    with open_project(path) as project, project.db.read() as session:
        documents = session.scalar(select(func.count(Document.id)))
        spans = session.scalar(select(func.count(EntitySpan.id)))
        return int(documents or 0), int(spans or 0)


def test_the_hand_out_dialog_driven_by_keys_writes_one_file_per_annotator(
    qtbot, window: MainWindow, coordinator: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, window, coordinator)
    out = tmp_path / "out"
    overlaps: list[float] = []

    def by_keys(dialog: HandoutDialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        dialog.names_edit.setFocus()
        qtbot.waitUntil(dialog.names_edit.hasFocus)
        qtbot.keyClick(dialog.names_edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(dialog.names_edit, "anna, ben")
        qtbot.keyClick(dialog.names_edit, Qt.Key.Key_F, ALT)  # the folder's mnemonic
        assert dialog.folder_edit.hasFocus()
        qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(dialog.folder_edit, str(out))
        qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_V, ALT)  # overlap
        assert dialog.overlap_box.hasFocus()
        qtbot.keyClick(dialog.overlap_box, Qt.Key.Key_Up)  # 0.20 → 0.25
        overlaps.append(dialog.overlap())
        qtbot.keyClick(dialog.overlap_box, Qt.Key.Key_Return)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(window.team, "ask", by_keys)
    with qtbot.waitSignal(window.team.handed_out, timeout=OPEN_TIMEOUT_MS) as done:
        file_menu_entry(qtbot, window, Qt.Key.Key_H)
    assert overlaps == [pytest.approx(0.25)]
    report = done.args[0]
    assert [f.annotator for f in report.files] == ["anna", "ben"]
    assert all(f.documents >= 1 for f in report.files)
    assert (out / "anna.sqlite").is_file() and (out / "ben.sqlite").is_file()
    box = wait_for_message(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Information
    assert str(out) in box.text()
    assert "anna → anna.sqlite" in box.informativeText()
    assert "ben → ben.sqlite" in box.informativeText()
    # The next time, the names and the folder are offered again.
    assert window.settings.value("team/annotators") == "anna, ben"
    assert counts(out / "anna.sqlite")[0] == report.files[0].documents


def test_merge_from_the_menu_brings_the_work_in_and_the_list_shows_the_new_document(
    qtbot, window: MainWindow, coordinator: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna_file = handed_out(coordinator, tmp_path / "out")
    with open_project(anna_file) as project:
        anna = add_annotator(project, "anna")
        with project.db.read() as session:
            suggestion = session.scalars(
                select(EntitySpan.id).where(EntitySpan.annotator_id.is_(None))
            ).first()
        assert suggestion is not None
        EntityEditor(project.db, project.project_id, anna).accept(suggestion)
        add_documents(project, [NEW_TEXT])
    open_and_wait(qtbot, window, coordinator)
    assert window.model.rowCount() == 2
    window.statistics.action.trigger()  # open: it reads the numbers again after the merge
    statistics = window.statistics.dialog
    assert statistics is not None
    qtbot.waitUntil(lambda: not statistics.loading, timeout=OPEN_TIMEOUT_MS)
    chosen = ([str(anna_file)], "")
    monkeypatch.setattr(
        "gui.team_workflow.QFileDialog.getOpenFileNames", lambda *args, **kwargs: chosen
    )
    with (
        qtbot.waitSignal(window.team.merged, timeout=OPEN_TIMEOUT_MS) as done,
        qtbot.waitSignal(statistics.loaded, timeout=OPEN_TIMEOUT_MS),
    ):
        window.activateWindow()
        file_menu_entry(qtbot, window, Qt.Key.Key_M)
    report = done.args[0]
    assert report is not None and report.files[0].new_documents == 1
    assert window.model.rowCount() == 3
    assert window.status.documents_label.text() == "Documents: 3"
    with window.project.db.read() as session:  # type: ignore[union-attr]
        new_id = session.scalar(select(Document.id).where(Document.text == NEW_TEXT))
        listed = [window.model.document_row(row) for row in range(3)]
        assert new_id in [row.id for row in listed if row is not None]
        anna_id = session.scalar(select(Annotator.id).where(Annotator.name == "anna"))
        accepted = session.scalars(
            select(EntitySpan).where(
                EntitySpan.annotator_id == anna_id,
                EntitySpan.state == AnnotationState.ACCEPTED,
            )
        ).all()
    assert len(accepted) == 1
    box = wait_for_message(qtbot, window)
    assert "New documents: 1" in box.text()
    assert "anna: documents 1, decisions 1, new documents 0, conflicts 0" in box.informativeText()


def test_a_bad_file_gives_its_message_and_changes_nothing(
    qtbot, window: MainWindow, coordinator: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "kaputt.sqlite"
    broken.write_bytes(b"this is not a database, only some bytes " * 100)
    before = counts(coordinator)
    open_and_wait(qtbot, window, coordinator)
    chosen = ([str(broken)], "")
    monkeypatch.setattr(
        "gui.team_workflow.QFileDialog.getOpenFileNames", lambda *args, **kwargs: chosen
    )
    with qtbot.waitSignal(window.runner.busy_changed, timeout=OPEN_TIMEOUT_MS):
        window.team.merge_action.trigger()
    box = wait_for_message(qtbot, window)
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.windowTitle() == "Cannot merge"
    assert "kaputt.sqlite" in box.text() and "Traceback" not in box.text()
    assert "unchanged" in box.informativeText()
    assert window.model.rowCount() == 2
    window.close()
    assert counts(coordinator) == before


def test_a_handed_out_file_opens_as_its_annotator_and_says_so(
    qtbot,
    window: MainWindow,
    settings: QSettings,
    coordinator: Path,
    tmp_path: Path,
) -> None:
    anna_file = handed_out(coordinator, tmp_path / "out")
    open_and_wait(qtbot, window, anna_file)
    assert window.windowTitle() == "anna's work — handed out from “coordinator” – Standpunkt"
    assert window.status.annotator_label.text() == "Annotator: anna"
    text_edit = show_row(qtbot, window, 0)
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)
    with window.project.db.read() as session:  # type: ignore[union-attr]
        rows = session.execute(
            select(Annotator.name, EntitySpan.state).join(
                EntitySpan, EntitySpan.annotator_id == Annotator.id
            )
        ).all()
        names = set(session.scalars(select(Annotator.name)))
    assert [(name, str(state)) for name, state in rows] == [("anna", "accepted")]
    assert "tester" not in names  # the user's own name never entered anna's file
    assert settings.value("annotator") == "tester"  # and the setting is untouched

    # Another name chosen here is the user's, for other projects: the file stays anna's.
    window.setup.set_annotator("zoe")
    assert settings.value("annotator") == "zoe"
    assert window.status.annotator_label.text() == "Annotator: anna"
    assert window.context.annotator == "anna" and not window.runner.busy  # not reopened

    # The next project is the user's own again.
    open_and_wait(qtbot, window, coordinator)
    assert window.windowTitle() == "coordinator – Standpunkt"
    assert window.status.annotator_label.text() == "Annotator: zoe"
    assert window.context.annotator == "zoe"


def test_a_cancelled_merge_says_nothing_changed(
    qtbot, window: MainWindow, coordinator: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna_file = handed_out(coordinator, tmp_path / "out")
    with open_project(anna_file) as project:
        add_documents(project, [NEW_TEXT])
    open_and_wait(qtbot, window, coordinator)
    # Cancel pressed before the job's first checkpoint.
    monkeypatch.setattr("gui.workers.Worker.is_cancelled", lambda _self: True)
    with qtbot.waitSignal(window.team.merged, timeout=OPEN_TIMEOUT_MS) as done:
        window.team.merge([anna_file])
    assert done.args == [None]
    box = wait_for_message(qtbot, window)
    assert box.text() == "The merge was cancelled; the project is unchanged."
    assert window.model.rowCount() == 2
    window.close()
    assert counts(coordinator)[0] == 2


def test_names_that_make_no_sense_are_refused_with_a_message(
    qtbot, window: MainWindow, coordinator: Path, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, coordinator)
    with qtbot.waitSignal(window.runner.busy_changed, timeout=OPEN_TIMEOUT_MS):
        window.team.hand_out(["anna", "anna"], tmp_path / "out", overlap=0.2, seed=0)
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Cannot hand out"
    assert "'anna' twice" in box.text()
    assert not (tmp_path / "out").exists()
