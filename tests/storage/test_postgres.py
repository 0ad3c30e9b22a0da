"""The project's storage on a real PostgreSQL server (skipped without one, saying why):
schema, editing, suggestions, stats, the rules triggers keep, writers taking turns, and
copying a project SQLite -> PostgreSQL -> SQLite without losing anything."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.copy_project import copy_project
from storage.database import DatabaseError
from storage.entity_edits import EntityEditor, visible_spans
from storage.models import AnnotationState
from storage.project import open_project
from storage.project_counts import project_stats
from storage.search import search_documents
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.export_factories import build_rich_project, exports, table_rows
from tests.factories import GERMAN_TEXT, add_annotator, add_documents

NATO = SpanSuggestion(4, 8, "ORG", 0.9, "model", "de_test", "1.0")


def test_a_project_works_on_postgresql(postgres_url: str) -> None:
    with open_project(postgres_url) as project:
        assert project.schema_change.created
        doc = add_documents(project, [GERMAN_TEXT])[0]
        result = store_entity_suggestions(project.db, project.project_id, doc, [NATO], ["de_test"])
        assert result.added == 1
        anna = add_annotator(project, "anna")
        editor = EntityEditor(project.db, project.project_id, anna)
        with project.db.read() as session:
            (suggestion,) = visible_spans(session, doc, anna)
        accepted = editor.accept(suggestion.id)
        start = GERMAN_TEXT.index("Berlin")
        editor.add(doc, start, start + 6, "LOC")
        rejected = editor.reject(accepted.span_ids)
        editor.undo(rejected.action_id)
        with project.db.read() as session:
            states = {s.label.name: s.state for s in visible_spans(session, doc, anna)}
            stats = project_stats(session, project.project_id, project.name)
        assert states == {"ORG": AnnotationState.ACCEPTED, "LOC": AnnotationState.ACCEPTED}
        assert stats is not None
        # A substring search on PostgreSQL (no FTS5 there), case-insensitive like FTS5, and
        # literal: "%" is no wildcard.
        assert search_documents(project.db, project.project_id, "NATO") == [doc]
        assert search_documents(project.db, project.project_id, "nato BERLIN") == [doc]
        assert search_documents(project.db, project.project_id, "%") == []
    with open_project(postgres_url) as reopened:  # a second open finds the schema current
        assert not reopened.schema_change.created


def test_text_and_event_log_are_guarded_on_postgresql(postgres_url: str) -> None:
    with open_project(postgres_url) as project:
        add_documents(project, [GERMAN_TEXT])
        add_annotator(project)
        for statement, message in [
            ("UPDATE documents SET text = 'x', text_length = 1", "immutable"),
            ("UPDATE events SET action = 'x'", "append-only"),
            ("DELETE FROM events", "append-only"),
            ("TRUNCATE events", "append-only"),
        ]:
            with pytest.raises(DBAPIError, match=message), project.db.write() as session:
                session.execute(text(statement))


def test_writers_take_turns_so_no_update_is_lost(postgres_url: str) -> None:
    """Two annotators' transactions reading and then writing the same row: the second waits
    for the first and sees its change (on SQLite, BEGIN IMMEDIATE does the same)."""
    with open_project(postgres_url) as first, open_project(postgres_url) as second:
        doc = add_documents(first, [GERMAN_TEXT])[0]
        read_ok = threading.Event()

        def rename(db, suffix: str, hold: float) -> None:  # type: ignore[no-untyped-def]
            with db.write() as session:
                title = session.scalar(
                    text(f"SELECT coalesce(title, '') FROM documents WHERE id = {doc}")
                )
                read_ok.set()
                time.sleep(hold)
                session.execute(
                    text("UPDATE documents SET title = :t WHERE id = :d"),
                    {"t": title + suffix, "d": doc},
                )

        worker = threading.Thread(target=rename, args=(first.db, "a", 0.5))
        worker.start()
        read_ok.wait(5)
        rename(second.db, "b", 0)
        worker.join()
        with first.db.read() as session:
            assert session.scalar(text(f"SELECT title FROM documents WHERE id = {doc}")) == "ab"


def test_copy_sqlite_to_postgresql_and_back_loses_nothing(
    tmp_path: Path, postgres_url: str
) -> None:
    source, back = tmp_path / "a.sqlite", tmp_path / "back.sqlite"
    with open_project(source) as project:
        build_rich_project(project)
        before = exports(project, tmp_path / "before")
    there = copy_project(source, postgres_url)
    with open_project(postgres_url) as on_server:
        assert exports(on_server, tmp_path / "server") == before
        doc = add_documents(on_server, ["Ein neues Dokument."])[0]
        assert doc == there.rows["documents"] + 1  # the sequence was advanced past the copy
    with pytest.raises(DatabaseError, match="already holds data"):
        copy_project(source, postgres_url)  # the target holds a project now
    # Back into SQLite: the document added on the server comes along.
    report = copy_project(postgres_url, back)
    assert report.rows["documents"] == there.rows["documents"] + 1
    source_rows, back_rows = table_rows(f"sqlite:///{source}"), table_rows(f"sqlite:///{back}")
    for name, rows in source_rows.items():
        if name != "documents" and name != "events":
            assert back_rows[name] == rows, name
    assert back_rows["documents"][:-1] == source_rows["documents"]
    assert back_rows["events"][: len(source_rows["events"])] == source_rows["events"]
