"""File › Export… in the window: the dialog's choices, the export in the background with
progress, cancel leaving nothing, and a summary; the file is what the command line writes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QProgressDialog, QPushButton

import services.exporting as export_service
from gui.export_dialog import ExportDialog
from gui.main_window import MainWindow
from storage.entity_edits import EntityEditor
from storage.project import get_or_create_annotator, open_project
from tests.gui.helpers import open_and_wait, wait_for_message

TIMEOUT_MS = 30_000
TEXTS = ["Olaf Scholz traf Emmanuel Macron in Paris.", "=SUMME(A1) ist kein Name."]


@pytest.fixture
def labelled_project(make_project: Callable[..., Path]) -> Path:
    path = make_project(TEXTS, languages=["de", "de"])
    with open_project(path) as project:
        with project.db.write() as session:
            anna = get_or_create_annotator(session, "anna").id
        editor = EntityEditor(project.db, project.project_id, anna)
        editor.add(1, 0, 11, "PER")
        editor.add(2, 0, 10, "MISC")
    return path


def choose(window: MainWindow, monkeypatch: pytest.MonkeyPatch, **choices: object):  # type: ignore[no-untyped-def]
    """Answer the dialog with ``choices`` (format, path, annotator) instead of a person."""
    seen: list[ExportDialog] = []

    def ask(dialog: ExportDialog) -> bool:
        seen.append(dialog)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(choices["format"]))
        dialog.annotator_combo.setCurrentIndex(
            dialog.annotator_combo.findData(choices.get("annotator"))
        )
        dialog.path_edit.setText(str(choices["path"]))
        return True

    monkeypatch.setattr(window.export, "ask", ask)
    return seen


def test_export_to_excel_from_the_file_menu(
    qtbot, window: MainWindow, labelled_project: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert not window.export.action.isEnabled()  # no project yet
    open_and_wait(qtbot, window, labelled_project)
    action = window.export.action
    assert action.isEnabled() and action.shortcut() == QKeySequence("Ctrl+E")
    assert action in window.file_menu.actions()
    out = tmp_path / "team.xlsx"
    seen = choose(window, monkeypatch, format="xlsx", path=out, annotator="anna")
    action.trigger()
    box = wait_for_message(qtbot, window)
    assert box.text() == "Exported 2 documents, 2 entities and 0 stance rows."
    assert str(out) in box.informativeText()
    assert seen and "anna" in [seen[0].annotator_combo.itemText(i) for i in range(3)]
    sheet = load_workbook(out)["Entities"]
    rows = list(sheet.iter_rows(values_only=True))
    texts = [row[rows[0].index("text")] for row in rows[1:]] if "text" in rows[0] else None
    cells = [c for row in rows[1:] for c in row]
    assert "Olaf Scholz" in cells and "=SUMME(A1)" in cells, texts
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_format_sets_the_file_suffix_and_the_training_choices() -> None:
    dialog = ExportDialog(["anna"], "/tmp")
    assert dialog.path().suffix == ".xlsx" and not dialog.seed.isEnabled()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("jsonl"))
    assert dialog.path().suffix == ".jsonl" and dialog.seed.isEnabled()
    assert dialog.doccano.isEnabled()
    dialog.doccano.setChecked(True)
    dialog.dev_share.setValue(0.2)
    options = dialog.options()
    assert options.doccano and options.dev_share == pytest.approx(0.2)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    assert dialog.options().dev_share == 0.0 and not dialog.options().doccano


def test_the_labels_of_gold_one_annotator_or_everybody(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(["anna", "gold", "zoe"], "/tmp")
    combo = dialog.annotator_combo
    entries = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    assert entries == [
        ("Every annotator", None),
        ("Gold version (reviewed)", "gold"),
        ("anna", "anna"),
        ("zoe", "zoe"),
    ]
    combo.setCurrentIndex(1)
    assert dialog.options().annotator == "gold"
    plain = ExportDialog(["anna"], "/tmp")  # no review yet: no gold entry
    items = plain.annotator_combo
    assert [items.itemData(i) for i in range(items.count())] == [None, "anna"]


def test_a_cancelled_export_writes_nothing_and_keeps_the_old_file(
    qtbot, window: MainWindow, labelled_project: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    open_and_wait(qtbot, window, labelled_project)
    out = tmp_path / "old.xlsx"
    out.write_bytes(b"the old export")
    gate, real_count = threading.Event(), export_service.count_export_documents

    def count(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert gate.wait(10)  # the test presses Cancel meanwhile
        return real_count(*args, **kwargs)

    monkeypatch.setattr(export_service, "count_export_documents", count)
    choose(window, monkeypatch, format="xlsx", path=out)
    window.export.action.trigger()
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.findChild(QPushButton).click()
    gate.set()
    box = wait_for_message(qtbot, window)
    assert "cancelled" in box.text()
    assert out.read_bytes() == b"the old export"
    assert sorted(p.name for p in tmp_path.iterdir() if "old" in p.name) == ["old.xlsx"]


def test_an_unknown_annotator_is_a_message_not_a_traceback(
    qtbot, window: MainWindow, labelled_project: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from storage.export.records import ExportOptions

    open_and_wait(qtbot, window, labelled_project)
    window.export.export("xlsx", tmp_path / "x.xlsx", ExportOptions(annotator="carla"))
    box = wait_for_message(qtbot, window)
    assert box.windowTitle() == "Cannot export"
    assert "carla" in box.text() and "anna" in box.text()
    assert not (tmp_path / "x.xlsx").exists()
