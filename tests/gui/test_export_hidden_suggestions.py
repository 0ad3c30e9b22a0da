"""File › Export… by keys: an export of everything leaves out the suggestions this user's
article hides (Preferences' threshold), unless the coordinator ticks the box for them."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from gui.export_dialog import ExportDialog
from gui.main_window import MainWindow
from storage.label_schema import entity_label_ids
from storage.models import AnnotationState, EntitySpan, OriginKind
from storage.project import open_project
from storage.suggestions import store_entity_suggestions
from tests.factories import GERMAN_TEXT
from tests.gui.helpers import open_and_wait, wait_for_message

CONFIDENCES = {"NATO": 0.04, "Russland": 0.5, "Berlin": 0.8}


@pytest.fixture
def suggested_project(make_project: Callable[..., Path]) -> Path:
    path = make_project([GERMAN_TEXT], languages=["de"])
    with open_project(path) as project, project.db.write() as session:
        labels = entity_label_ids(session, project.project_id)
        for word, confidence in CONFIDENCES.items():
            start = GERMAN_TEXT.index(word)
            session.add(
                EntitySpan(
                    document_id=1, doc_length=len(GERMAN_TEXT), start_offset=start,
                    end_offset=start + len(word), label_id=labels["LOC"],
                    state=AnnotationState.SUGGESTED, origin_kind=OriginKind.MODEL,
                    origin_name="de_test", confidence=confidence,
                )
            )  # fmt: skip
    # As if the suggesters had run: opening it must not suggest more (the pattern files would).
    with open_project(path) as project:
        store_entity_suggestions(project.db, project.project_id, 1, [], replaces=[])
    return path


def exported_texts(out: Path) -> list[str]:
    with (out.parent / f"{out.stem}-entities.csv").open(encoding="utf-8-sig") as file:
        return [row["text"] for row in csv.DictReader(file)]


def export_by_keys(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, out: Path, tick: bool
) -> list[str]:  # type: ignore[no-untyped-def]
    """Ctrl+E, then in the dialog: the format and file, Down on "Which labels" (everything),
    Space on the hidden-suggestions box when ``tick``; the exported entity texts."""
    seen: list[ExportDialog] = []

    def ask(dialog: ExportDialog) -> bool:
        seen.append(dialog)
        dialog.show()
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
        dialog.path_edit.setText(str(out))
        assert not dialog.hidden_suggestions.isEnabled()  # only with suggestions at all
        dialog.state_combo.setFocus()
        qtbot.keyClick(dialog.state_combo, Qt.Key.Key_Down)
        assert dialog.state_combo.currentData() == "all"
        assert dialog.hidden_suggestions.isEnabled()
        if tick:
            dialog.hidden_suggestions.setFocus()
            qtbot.keyClick(dialog.hidden_suggestions, Qt.Key.Key_Space)
        return True

    monkeypatch.setattr(window.export, "ask", ask)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    box = wait_for_message(qtbot, window)
    assert seen and "60 %" in seen[0].hidden_suggestions.text()  # the user's threshold, in %
    box.accept()
    return exported_texts(out)


def test_export_leaves_out_what_this_user_never_saw(
    qtbot,
    window: MainWindow,
    settings: QSettings,
    suggested_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    settings.setValue("suggestions/min_confidence", 0.6)  # Preferences: hide below 60 %
    open_and_wait(qtbot, window, suggested_project)

    shown = export_by_keys(qtbot, window, monkeypatch, tmp_path / "shown.csv", tick=False)
    assert shown == ["Berlin"]
    every = export_by_keys(qtbot, window, monkeypatch, tmp_path / "every.csv", tick=True)
    assert every == ["NATO", "Russland", "Berlin"]
