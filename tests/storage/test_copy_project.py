"""Copying a project between databases: every row and id kept, exports identical, and a
target that holds data refused untouched. The PostgreSQL round trip is in test_postgres."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, MetaData, Text, cast, create_engine, inspect, select, text

from services.exporting import export_project
from storage.copy_project import copy_project
from storage.copy_tables import SKIPPED_TABLES
from storage.database import DatabaseError
from storage.entity_edits import EntityEditor
from storage.export.records import ExportOptions
from storage.model_registry import ModelInfo, record_model
from storage.project import OpenProject, open_project
from storage.suggestions import SpanSuggestion, store_entity_suggestions
from tests.conftest import GERMAN_TEXT, add_annotator, add_documents
from tests.storage.test_export_gather import build_project


def build_rich_project(project: OpenProject) -> None:
    """Documents, suggestions, decisions (one undone), stance targets and labels, events,
    project memory rows and a trained-model registry row."""
    built = build_project(project)
    doc = add_documents(project, [GERMAN_TEXT])[0]
    nato = SpanSuggestion(4, 8, "ORG", 0.9, "model", "de_test", "1.0")
    store_entity_suggestions(project.db, project.project_id, doc, [nato], ["de_test"])
    carla = EntityEditor(project.db, project.project_id, add_annotator(project, "carla"))
    for word in ("Bundesregierung", "Beschlüsse"):
        start = GERMAN_TEXT.index(word)
        added = carla.add(doc, start, start + len(word), "ORG")
    carla.undo(added.action_id)
    EntityEditor(project.db, project.project_id, built.anna).reject(built.open_span)
    model = ModelInfo(
        component="ner",
        version="2026-11-30",
        name="de_project_ner",
        language="de",
        path="models/ner/1",
        base="de_standpunkt_ner@0.1.0",
        training_documents=3,
        f1=0.61,
        scores={"ORG": {"f": 0.5}},
        details={"note": "ü 🇺🇦"},
    )
    with project.db.write() as session:
        record_model(session, project.project_id, model, activate=True)


def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every project table, ordered by key, JSON as its stored text."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = [
                n
                for n in inspect(connection).get_table_names()
                if n not in SKIPPED_TABLES and not n.startswith(("documents_fts", "sqlite_"))
            ]
            meta = MetaData()
            meta.reflect(connection, only=names)
            rows = {}
            for table in meta.sorted_tables:
                columns = [cast(c, Text) if isinstance(c.type, JSON) else c for c in table.columns]
                order = list(table.primary_key.columns) or list(table.columns)
                rows[table.name] = [
                    tuple(r) for r in connection.execute(select(*columns).order_by(*order))
                ]
            return rows
    finally:
        engine.dispose()


def exports(project: OpenProject, out: Path) -> dict[str, bytes]:
    """The JSONL and CSV exports of everything (suggestions and rejections too)."""
    out.mkdir()
    for fmt in ("jsonl", "csv"):
        export_project(
            project.db, project.project_id, fmt, out / f"all.{fmt}", ExportOptions(state="all")
        )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def test_sqlite_to_sqlite_keeps_every_row_and_the_exports(tmp_path: Path) -> None:
    source, target = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with open_project(source) as project:
        build_rich_project(project)
        before = exports(project, tmp_path / "before")
    seen: list[tuple[str, int, int]] = []
    report = copy_project(source, target, progress=lambda *p: seen.append(p))
    assert table_rows(sqlite_url(source)) == table_rows(sqlite_url(target))
    rows = table_rows(sqlite_url(target))
    assert report.rows == {name: len(r) for name, r in rows.items()}
    assert all(report.rows[n] for n in ("documents", "events", "entity_memory", "trained_models"))
    assert ("events", report.rows["events"], report.rows["events"]) in seen
    with open_project(target) as copied:
        assert exports(copied, tmp_path / "after") == before


def test_ids_deleted_in_the_source_are_not_handed_out_again(tmp_path: Path) -> None:
    source, target = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with open_project(source) as project:
        add_documents(project, ["eins", "zwei"])
        with project.db.write() as session:
            session.execute(text("DELETE FROM documents WHERE text = 'zwei'"))
    copy_project(source, target)
    with open_project(target) as copied:
        assert add_documents(copied, ["drei"]) == [3]


def test_a_target_with_data_is_refused_untouched(tmp_path: Path) -> None:
    source, target = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with open_project(source) as project:
        add_documents(project, [GERMAN_TEXT])
    with open_project(target):
        pass  # a project row is data enough
    before = target.read_bytes()
    with pytest.raises(DatabaseError, match="already holds data"):
        copy_project(source, target)
    assert target.read_bytes() == before


def test_a_missing_source_and_the_same_database_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        copy_project(tmp_path / "missing.sqlite", tmp_path / "b.sqlite")
    assert not (tmp_path / "b.sqlite").exists()
    with pytest.raises(DatabaseError, match="same database"):
        copy_project(tmp_path / "a.sqlite", tmp_path / "a.sqlite")
