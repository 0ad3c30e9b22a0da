"""Flagging the shown document as unsure by keys: Ctrl+Shift+U, a note, Ctrl+Return; the
database has it, the list shows the flag with the note as tooltip and lists only flagged
documents when asked, Ctrl+Z clears it again, and the dialog clears a flag too."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select

from gui.document_model import DocumentTableModel
from storage.models import DocumentFlag
from storage.project import open_project
from tests.gui.helpers import TEXT, TEXT_2

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _stored(window) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    with open_project(window.project.location.file) as project, project.db.read() as session:
        return [(f.document_id, f.note) for f in session.scalars(select(DocumentFlag))]


def _flag_shown(window, row: int, role: Qt.ItemDataRole):  # type: ignore[no-untyped-def]
    model = window.model
    return model.data(model.index(row, DocumentTableModel.TITLE), role)


def _dialog(qtbot, window, text_edit):  # type: ignore[no-untyped-def]
    window.activateWindow()  # offscreen, a closed dialog does not give it back
    text_edit.setFocus()
    qtbot.waitUntil(text_edit.hasFocus)
    qtbot.keyClick(text_edit, Qt.Key.Key_U, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.flags.dialog is not None and window.flags.dialog.isVisible())
    dialog = window.flags.dialog
    qtbot.waitUntil(dialog.note_edit.hasFocus)
    return dialog


def test_flag_by_keys_list_filter_and_undo(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    text_edit = open_document([TEXT, TEXT_2], row=1)
    document_id = window.model.document_row(1).id
    assert _flag_shown(window, 1, Qt.ItemDataRole.DecorationRole) is None
    dialog = _dialog(qtbot, window, text_edit)
    qtbot.keyClicks(dialog.note_edit, "Merz: PER <b>oder</b> ORG?")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.flags.dialog is None)
    assert _stored(window) == [(document_id, "Merz: PER <b>oder</b> ORG?")]
    assert _flag_shown(window, 1, Qt.ItemDataRole.DecorationRole) is not None
    tooltip = _flag_shown(window, 1, Qt.ItemDataRole.ToolTipRole)
    assert "Merz: PER &lt;b&gt;oder&lt;/b&gt; ORG?" in tooltip  # the note, never markup
    assert _flag_shown(window, 0, Qt.ItemDataRole.DecorationRole) is None
    assert "Flagged as unsure" in window.statusBar().currentMessage()

    bar = window.documents.filter_bar
    qtbot.mouseClick(bar.unsure_button, Qt.MouseButton.LeftButton)
    assert window.model.total == 1 and window.model.document_row(0).id == document_id
    qtbot.mouseClick(bar.unsure_button, Qt.MouseButton.LeftButton)
    assert window.model.total == 2

    window.table.selectRow(1)
    window.activateWindow()  # back from the dialog
    text_edit.setFocus()
    qtbot.waitUntil(text_edit.hasFocus)
    qtbot.keyClick(text_edit, Qt.Key.Key_Z, CTRL)
    assert _stored(window) == []
    assert _flag_shown(window, 1, Qt.ItemDataRole.DecorationRole) is None
    assert not window.flags.clear_action.isEnabled()
    qtbot.keyClick(text_edit, Qt.Key.Key_Z, CTRL | SHIFT)  # redo flags it again
    assert _stored(window) == [(document_id, "Merz: PER <b>oder</b> ORG?")]
    assert window.flags.clear_action.isEnabled()


def test_the_dialog_shows_the_note_and_clears_the_flag(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    text_edit = open_document([TEXT, TEXT_2])
    window.flags.flag("erst mal")
    dialog = _dialog(qtbot, window, text_edit)
    assert dialog.note_text() == "erst mal" and dialog.clear_button is not None
    # Escape cancels and changes nothing.
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.flags.dialog is None)
    assert [note for _id, note in _stored(window)] == ["erst mal"]
    dialog = _dialog(qtbot, window, text_edit)
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.flags.dialog is None)
    assert _stored(window) == []
    assert _flag_shown(window, 0, Qt.ItemDataRole.DecorationRole) is None
    assert window.model.rowCount(QModelIndex()) == 2
