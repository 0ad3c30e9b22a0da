"""Copying a project between databases: every row and id kept, exports identical, and a
target that holds data refused untouched. The PostgreSQL round trip is in test_postgres."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from storage.copy_project import copy_project
from storage.database import DatabaseError
from storage.project import open_project
from tests.export_factories import build_rich_project, exports, table_rows
from tests.factories import GERMAN_TEXT, add_documents


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
