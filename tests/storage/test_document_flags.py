"""Flagging a document as unsure with a note: stored per document and annotator, undone and
redone through the log, listed and filtered, exported, kept through a schema upgrade, and
the same on PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, select, text

from services.exporting import export_project
from storage.document_filter import DocumentFilter
from storage.document_flags import FlagEditor
from storage.documents import document_page
from storage.editing import AnnotationError
from storage.export.records import ExportOptions
from storage.migrate import upgrade
from storage.models import DocumentFlag, Event
from storage.project import OpenProject, open_project
from storage.search import refresh_search_index
from tests.factories import GERMAN_TEXT, add_annotator, add_documents, listed
from tests.older_schema import undo_0007, undo_0008

UNSURE = DocumentFilter(unsure=True)


def _flags(project: OpenProject) -> list[tuple[int, int, str]]:
    with project.db.read() as session:
        rows = session.scalars(select(DocumentFlag).order_by(DocumentFlag.id))
        return [(row.document_id, row.annotator_id, row.note) for row in rows]


def _notes(project: OpenProject, annotator: int) -> dict[int, str | None]:
    with project.db.read() as session:
        rows = document_page(session, project.project_id, annotator, 0, 100)
        return {row.id: row.unsure_note for row in rows}


def test_flag_note_unflag_and_undo(project: OpenProject) -> None:
    docs = add_documents(project, [GERMAN_TEXT, GERMAN_TEXT + " Zwei.", GERMAN_TEXT + " Drei."])
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    editor = FlagEditor(project.db, project.project_id, anna)
    flagged = editor.flag(docs[1], "  ORG oder LOC?  ")
    assert flagged.span_ids == [docs[1]]
    FlagEditor(project.db, project.project_id, ben).flag(docs[2])
    assert _flags(project) == [(docs[1], anna, "ORG oder LOC?"), (docs[2], ben, "")]
    assert editor.flag(docs[1], "ORG oder LOC?").span_ids == []  # nothing new: not logged
    # Each annotator sees their own flag in the list and filters by it.
    assert _notes(project, anna) == {docs[0]: None, docs[1]: "ORG oder LOC?", docs[2]: None}
    assert listed(project, anna, UNSURE) == [docs[1]]
    assert listed(project, ben, UNSURE) == [docs[2]]
    refresh_search_index(project.db)  # the list does so before a text filter
    assert listed(project, anna, DocumentFilter(unsure=True, text="Zwei")) == [docs[1]]
    assert listed(project, anna, DocumentFilter(unsure=True, text="Drei")) == []
    renoted = editor.flag(docs[1], "eher LOC")
    cleared = editor.unflag(docs[1])
    assert editor.note_of(docs[1]) is None and listed(project, anna, UNSURE) == []
    assert editor.unflag(docs[1]).span_ids == []
    back = editor.undo(cleared.action_id)  # the row comes back under its id, with its note
    assert back.span_ids == [docs[1]] and editor.note_of(docs[1]) == "eher LOC"
    editor.undo(renoted.action_id)
    assert editor.note_of(docs[1]) == "ORG oder LOC?"
    editor.undo(flagged.action_id)
    assert _flags(project) == [(docs[2], ben, "")]
    with project.db.read() as session:
        actions = list(
            session.scalars(select(Event.action).where(Event.object_type == "document_flag"))
        )
    assert actions[:3] == ["document.flag", "document.flag", "document.flag"]
    assert "document.unflag" in actions and "undo:document.unflag" in actions


def test_refusals(project: OpenProject) -> None:
    (doc,) = add_documents(project, [GERMAN_TEXT])
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    editor = FlagEditor(project.db, project.project_id, anna)
    with pytest.raises(AnnotationError, match="no document 999"):
        editor.flag(999, "x")
    with pytest.raises(AnnotationError, match="at most 2,000"):
        editor.flag(doc, "x" * 2_001)
    flagged = editor.flag(doc, "x")
    with pytest.raises(AnnotationError, match="another annotator"):
        FlagEditor(project.db, project.project_id, ben).undo(flagged.action_id)
    assert editor.note_of(doc) == "x"


def test_the_workbook_has_who_flagged_and_their_notes(project: OpenProject, tmp_path: Path) -> None:
    docs = add_documents(project, [GERMAN_TEXT, GERMAN_TEXT + " Zwei."])
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    FlagEditor(project.db, project.project_id, anna).flag(docs[0], "Ist =NATO hier ORG?")
    FlagEditor(project.db, project.project_id, ben).flag(docs[0])
    out = tmp_path / "flags.xlsx"
    export_project(project.db, project.project_id, "xlsx", out, ExportOptions(state="all"))
    book = openpyxl.load_workbook(out)
    values = list(book["Documents"].iter_rows(values_only=True))
    header = list(values[0])
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in values[1:]}
    assert rows[docs[0]]["unsure"] == "anna, ben"
    assert rows[docs[0]]["unsure note"] == "anna: Ist =NATO hier ORG?"  # text, not a formula
    assert rows[docs[1]]["unsure"] is None and rows[docs[1]]["unsure note"] is None
    readme = [row[1] for row in book["README"].iter_rows(values_only=True) if row[0] == "Documents"]
    assert "unsure" in readme and "unsure note" in readme
    # One annotator's export has only their flag.
    export_project(
        project.db, project.project_id, "xlsx", out, ExportOptions(annotator="ben", state="all")
    )
    values = list(openpyxl.load_workbook(out)["Documents"].iter_rows(values_only=True))
    column = list(values[0]).index("unsure")
    assert [row[column] for row in values[1:]] == ["ben", None]


def test_an_older_project_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    file = tmp_path / "old.sqlite"
    with open_project(file) as project:
        docs = add_documents(project, [GERMAN_TEXT, GERMAN_TEXT + " Zwei."])
        anna = add_annotator(project, "anna")
    connection = sqlite3.connect(file)  # back to the schema before flags, data kept
    undo_0008(connection)
    undo_0007(connection)
    connection.execute("DROP TABLE document_flags")
    connection.execute("UPDATE alembic_version SET version_num = '0005'")
    connection.commit()
    connection.close()
    with open_project(file) as project:
        assert project.schema_change.from_version == "0005"
        assert project.backup is not None and project.backup.exists()
        assert _notes(project, anna) == {docs[0]: None, docs[1]: None}
        FlagEditor(project.db, project.project_id, anna).flag(docs[1], "neu")
        assert listed(project, anna, UNSURE) == [docs[1]]
    connection = sqlite3.connect(file)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    finally:
        connection.close()


def test_the_migration_builds_the_table_from_0005(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'chain.sqlite'}")
    with engine.begin() as connection:
        upgrade(connection, "0005")
        upgrade(connection, "0006")
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(document_flags)"))]
    engine.dispose()
    assert columns == ["id", "document_id", "annotator_id", "note", "updated_at"]


def test_flags_on_postgresql(postgres_url: str) -> None:
    with open_project(postgres_url) as project:
        docs = add_documents(project, [GERMAN_TEXT, GERMAN_TEXT + " Zwei."])
        anna = add_annotator(project, "anna")
        editor = FlagEditor(project.db, project.project_id, anna)
        flagged = editor.flag(docs[1], "PostgreSQL?")
        assert listed(project, anna, UNSURE) == [docs[1]]
        assert _notes(project, anna)[docs[1]] == "PostgreSQL?"
        cleared = editor.unflag(docs[1])
        editor.undo(cleared.action_id)
        assert editor.note_of(docs[1]) == "PostgreSQL?"
        editor.undo(flagged.action_id)
        assert listed(project, anna, UNSURE) == []
