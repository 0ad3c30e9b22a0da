"""The window learns from every decision: an accepted name is suggested in every other
document by the project memory (checked in the database), a rejected one disappears from
them, and the entity model retrains by itself after N documents marked done and takes over
only when it measured better."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gui.main_window import MainWindow
from storage.models import Document, EntitySpan, OriginKind
from storage.suggestions import store_entity_suggestions
from tests.gui.helpers import press, suggestions


@pytest.fixture
def window(tester_window: MainWindow) -> MainWindow:
    """The editing tests' window (``open_document`` opens a project at a document in it)."""
    return tester_window


MEMORY_TIMEOUT_MS = 15_000
TEXTS = [
    "Russische Truppen rücken auf Pokrovsk vor. Die Lage ist ernst.",
    "In Pokrovsk fehlt seit Tagen Wasser.",
    "Die Verteidigung Pokrovsks hält vorerst.",
    "Die Pokrovsk-Front bleibt ruhig, sagt pokrovsk.ua.",
    "Berlin schweigt.",
]


def open_memory_suggestions(window: MainWindow) -> dict[str, list[tuple[str, str]]]:
    """Per document text: (covered, label) of its open memory suggestions."""
    assert window.project is not None
    with window.project.db.read() as session:
        texts = {i: t for i, t in session.execute(select(Document.id, Document.text))}
        rows = session.scalars(
            select(EntitySpan).where(
                EntitySpan.origin_kind == OriginKind.MEMORY, EntitySpan.annotator_id.is_(None)
            )
        )
        found: dict[str, list[tuple[str, str]]] = {}
        for r in rows:
            text = texts[r.document_id]
            found.setdefault(text, []).append((text[r.start_offset : r.end_offset], r.label.name))
    return found


def machine_suggestions(window: MainWindow, text: str) -> list[tuple[str, str]]:
    assert window.project is not None
    with window.project.db.read() as session:
        document_id = session.scalar(select(Document.id).where(Document.text == text))
        rows = session.scalars(
            select(EntitySpan).where(
                EntitySpan.document_id == document_id, EntitySpan.annotator_id.is_(None)
            )
        )
        return [(text[r.start_offset : r.end_offset], r.label.name) for r in rows]


def test_accepting_a_name_suggests_it_in_every_other_document(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    window.entities.memory._timer.setInterval(10)  # the test need not wait for a burst to end
    text_edit = open_document(TEXTS, suggested={TEXTS[0]: [("Pokrovsk", "LOC")]})
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Return)  # accept Pokrovsk as LOC

    expected = {
        TEXTS[1]: [("Pokrovsk", "LOC")],
        TEXTS[2]: [("Pokrovsks", "LOC")],  # the German genitive of the accepted name
    }
    qtbot.waitUntil(lambda: open_memory_suggestions(window) == expected, timeout=MEMORY_TIMEOUT_MS)
    # "Pokrovsk-Front" and the lower-case domain are other tokens: nothing there.
    assert TEXTS[3] not in open_memory_suggestions(window)
    [memory] = [
        s
        for s in _rows(window, TEXTS[1])
        if s.origin_kind == OriginKind.MEMORY and s.annotator_id is None
    ]
    assert memory.origin_detail == "accepted 1 time in 1 document"
    assert 0.5 < memory.confidence < 1.0

    # Undo unlearns: the other documents lose the suggestion again.
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: open_memory_suggestions(window) == {}, timeout=MEMORY_TIMEOUT_MS)


def test_a_rejected_name_leaves_the_other_documents(qtbot, window, open_document):  # type: ignore[no-untyped-def]
    window.entities.memory._timer.setInterval(10)
    wrong = {TEXTS[0]: [("Pokrovsk", "PER")], TEXTS[1]: [("Pokrovsk", "PER")]}
    text_edit = open_document(TEXTS, suggested=wrong)
    assert machine_suggestions(window, TEXTS[1]) == [("Pokrovsk", "PER")]
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    press(qtbot, text_edit, Qt.Key.Key_Delete)  # reject "Pokrovsk" as PER

    qtbot.waitUntil(lambda: machine_suggestions(window, TEXTS[1]) == [], timeout=MEMORY_TIMEOUT_MS)
    # The model suggesting it again does not bring it back.
    assert window.project is not None
    document_id = _document_id(window, TEXTS[1])
    stored = store_entity_suggestions(
        window.project.db,
        window.project.project_id,
        document_id,
        suggestions(TEXTS[1], [("Pokrovsk", "PER")]),
        ["de_test"],
    )
    assert stored.blocked == 1 and machine_suggestions(window, TEXTS[1]) == []


def _document_id(window: MainWindow, text: str) -> int:
    assert window.project is not None
    with window.project.db.read() as session:
        found = session.scalar(select(Document.id).where(Document.text == text))
    assert found is not None
    return found


def _rows(window: MainWindow, text: str) -> list[EntitySpan]:
    assert window.project is not None
    document_id = _document_id(window, text)
    with window.project.db.read() as session:
        rows = session.scalars(select(EntitySpan).where(EntitySpan.document_id == document_id))
        return list(rows)


def test_memory_suggestions_say_where_they_come_from(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gui.highlights import memory_text

    assert memory_text("accepted 7 times in 5 documents") == (
        "project memory: accepted 7 times in 5 documents"
    )
    assert memory_text("accepted 1 time in 1 document, rejected 1 time") == (
        "project memory: accepted 1 time in 1 document, rejected 1 time"
    )
    assert memory_text("something else") == "project memory: something else"
    assert memory_text("part of “Olaf Scholz”: accepted 2 times in 2 documents") == (
        "project memory: accepted 2 times in 2 documents (part of “Olaf Scholz”)"
    )


def test_a_suggestion_someone_else_removed_meanwhile_is_refused_and_the_view_updated(
    qtbot, window, open_document
):  # type: ignore[no-untyped-def]
    """Two people at once: the other one's change wins, and this one is told."""
    from sqlalchemy import delete

    from storage.project import open_project

    text_edit = open_document(TEXTS, suggested={TEXTS[0]: [("Pokrovsk", "LOC")]})
    press(qtbot, text_edit, Qt.Key.Key_Tab)
    assert window.project is not None
    with open_project(window.project.location.url) as other, other.db.write() as session:
        session.execute(delete(EntitySpan))  # e.g. a suggester replaced it elsewhere
    press(qtbot, text_edit, Qt.Key.Key_Return)
    message = window.status.currentMessage()
    assert message.startswith("Not done: no span") and "any more" in message
    assert text_edit.highlighted == []  # shows what is there now
