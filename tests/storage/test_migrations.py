"""Schema versions: new projects at the newest, older ones upgraded after a backup, newer or
foreign databases refused with a clear message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storage.backup import list_backups
from storage.database import DatabaseError
from storage.migrate import head_version, known_versions, upgrade
from storage.project import open_project
from storage.search import search_documents

FIRST_VERSION = "0001"


def _make_first_schema_project(file: Path) -> None:
    """A project as the first released version stored it, with one document."""
    engine = create_engine(f"sqlite:///{file}")
    with engine.begin() as connection:
        upgrade(connection, FIRST_VERSION)
        connection.execute(
            text(
                "INSERT INTO projects (name, created_at, settings) "
                "VALUES ('alt', CURRENT_TIMESTAMP, '{}')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO documents (project_id, sha256, text, text_length, source, meta, "
                "created_at) VALUES (1, :h, 'Altes Dokument über Pjöngjang', 29, 'alt.txt', '{}', "
                "CURRENT_TIMESTAMP)"
            ),
            {"h": "d" * 64},
        )
    engine.dispose()


def test_a_new_project_is_created_at_the_newest_schema(project_file):
    with open_project(project_file) as project:
        assert project.schema_change.created
        assert project.schema_change.to_version == head_version()
        assert project.backup is None  # nothing to back up yet


def test_an_older_project_is_upgraded_after_a_backup(project_file):
    _make_first_schema_project(project_file)
    with open_project(project_file) as project:
        change = project.schema_change
        assert (change.from_version, change.to_version) == (FIRST_VERSION, head_version())
        assert change.backup is not None and change.backup.exists()
        # Data from the first schema is still there and usable by newer features.
        assert search_documents(project.db, project.project_id, "Pjöngjang") == [1]
    backup = sqlite3.connect(change.backup)
    try:
        version = backup.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert version == FIRST_VERSION
        assert backup.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    finally:
        backup.close()


def test_every_version_upgrades_from_the_first(tmp_path):
    assert FIRST_VERSION in known_versions()
    file = tmp_path / "chain.sqlite"
    _make_first_schema_project(file)
    with open_project(file) as project, project.db.read() as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_version()
        )


def test_a_project_from_a_newer_version_is_refused_untouched(project_file):
    open_project(project_file).close()
    connection = sqlite3.connect(project_file)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = project_file.read_bytes()
    with pytest.raises(DatabaseError, match=r"newer version of Standpunkt \(schema 9999\)"):
        open_project(project_file)
    assert project_file.read_bytes() == before


def test_a_foreign_database_is_refused(tmp_path):
    file = tmp_path / "other.sqlite"
    connection = sqlite3.connect(file)
    connection.execute("CREATE TABLE customers (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(
        DatabaseError, match=r"other.sqlite is not a Standpunkt project .*customers"
    ):
        open_project(file)


def test_a_file_that_is_no_database_is_refused(tmp_path):
    file = tmp_path / "notes.sqlite"
    file.write_text("Das ist keine Datenbank, sondern ein Einkaufszettel.\n" * 100)
    with pytest.raises(DatabaseError, match=r"notes.sqlite is not a Standpunkt project"):
        open_project(file)
    assert file.read_text().startswith("Das ist keine Datenbank")


def test_opening_a_missing_project_without_create_fails(tmp_path):
    with pytest.raises(DatabaseError, match="does not exist"):
        open_project(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_no_upgrade_no_schema_backup(project_file):
    open_project(project_file).close()
    open_project(project_file).close()
    assert list_backups(project_file, f"before-schema-{head_version()}") == []


def test_migrations_run_with_foreign_keys_deferred_and_checked(project_file, monkeypatch):
    # A table copy during a migration must not cascade-delete rows through foreign keys.
    import storage.migrate as migrate

    seen: list[int] = []
    real_upgrade = migrate.upgrade

    def spying_upgrade(connection, target="head"):
        seen.append(connection.exec_driver_sql("PRAGMA foreign_keys").scalar())
        real_upgrade(connection, target)

    monkeypatch.setattr(migrate, "upgrade", spying_upgrade)
    with open_project(project_file) as project, project.db.read() as session:
        assert seen == [0]
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_migration_that_breaks_references_is_rolled_back(project_file, monkeypatch):
    import storage.migrate as migrate

    def breaking_upgrade(connection, target="head"):
        connection.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        connection.exec_driver_sql(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))"
        )
        connection.exec_driver_sql("INSERT INTO child VALUES (1, 42)")

    monkeypatch.setattr(migrate, "upgrade", breaking_upgrade)
    with pytest.raises(DatabaseError, match="would break 1 references"):
        open_project(project_file)
    connection = sqlite3.connect(project_file)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert "child" not in tables


def test_the_migrations_build_the_schema_the_models_describe(project_file):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storage.models import Base

    with open_project(project_file) as project, project.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            # full-text search lives outside the models (migration 0002, SQLite only)
            if not (d[0] == "remove_table" and d[1].name.startswith(("documents_fts", "search")))
        ]
    assert differences == []


def test_an_upgraded_project_stores_memory_suggestions(project_file):
    _make_first_schema_project(project_file)
    with open_project(project_file) as project, project.db.write() as session:
        session.execute(
            text(
                "INSERT INTO entity_labels (project_id, name, colour, position, description) "
                "VALUES (1, 'LOC', '#aabbcc', 0, '')"
            )
        )
        session.execute(
            text(
                "INSERT INTO entity_spans (label_id, document_id, doc_length, start_offset, "
                "end_offset, state, origin_kind, created_at, updated_at) VALUES "
                "(1, 1, 29, 18, 29, 'suggested', 'memory', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        with pytest.raises(Exception, match="CHECK constraint failed"):
            session.execute(
                text(
                    "INSERT INTO entity_spans (label_id, document_id, doc_length, start_offset, "
                    "end_offset, state, origin_kind, created_at, updated_at) VALUES (1, 1, 29, "
                    "0, 5, 'suggested', 'guess', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
    connection = sqlite3.connect(project_file)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kinds = connection.execute("SELECT origin_kind FROM entity_spans").fetchall()
        assert kinds == [("memory",)]
    finally:
        connection.close()
