"""Bad input and failing databases: reported with file and line, the rest imported, nothing
saved lost or changed."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3

import pytest
from sqlalchemy import select

import storage.database as database
from storage.importing import service
from storage.importing.records import ImportedRecord, ImportedSpan
from storage.importing.service import Importer, ImportInterruptedError, ImportSettings
from storage.models import Annotator, Document, Event
from storage.project import open_project


def stored(project) -> list[tuple[str, str]]:
    with project.db.read() as session:
        return [(d.source, d.text) for d in session.scalars(select(Document).order_by(Document.id))]


def messages(summary) -> list[str]:
    return [f"{p.location}: {p.message}" for p in summary.problems]


def test_nul_characters_and_lone_surrogates_are_refused_per_record(project, tmp_path):
    data = tmp_path / "x.jsonl"
    data.write_text(
        "\n".join(
            [
                json.dumps({"text": "hat ein \u0000 drin"}),
                json.dumps({"text": "gut eins"}),
                json.dumps({"text": "lone \ud800 surrogate"}),
                json.dumps({"text": "gut zwei"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    txt = tmp_path / "bom-nul.txt"
    txt.write_bytes(b"\xef\xbb\xbfTitel\nText mit \x00 NUL")
    summary = Importer(project.db, project.project_id).import_paths([data, txt])
    assert [text for _, text in stored(project)] == ["gut eins", "gut zwei"]
    assert f"{data}:1: text contains a NUL character at position 8 (binary data?)" in messages(
        summary
    )
    assert f"{data}:3: text contains an invalid character (U+D800) at position 5" in messages(
        summary
    )
    assert any(m.startswith(f"{txt}: ") for m in messages(summary))


def test_a_file_name_that_is_not_utf8_is_imported_with_a_readable_source(project, tmp_path):
    folder = tmp_path / "fn"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9.txt")
    (folder / odd).write_text("Ein Artikel aus einem alten Archiv.", encoding="utf-8")
    (folder / "gut.txt").write_text("Ein zweiter Artikel.", encoding="utf-8")
    summary = Importer(project.db, project.project_id).import_paths([folder])
    assert summary.imported == 2
    assert sorted(source for source, _ in stored(project)) == ["fn/caf\ufffd.txt", "fn/gut.txt"]


def test_a_record_the_database_refuses_is_isolated_from_its_batch(project, monkeypatch):
    real_row = Importer._document_row

    def row(self, record, digest, language):
        values = real_row(self, record, digest, language)
        if record.source == "bad.txt":  # something only the database notices
            values["text_length"] += 1
        return values

    monkeypatch.setattr(Importer, "_document_row", row)
    records = [
        ImportedRecord(text=f"Text {name}", source=f"{name}.txt", location=f"{name}.txt")
        for name in ("a", "bad", "c")
    ]
    summary = Importer(project.db, project.project_id).import_items(records)
    assert [source for source, _ in stored(project)] == ["a.txt", "c.txt"]
    assert summary.imported == 2
    assert messages(summary) == [
        "bad.txt: cannot be stored: CHECK constraint failed: ck_documents_length_matches_text"
    ]


def test_a_locked_database_interrupts_with_what_was_committed(project_file, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(service, "BATCH_DOCUMENTS", 2)
    with open_project(project_file) as project:
        blocker = sqlite3.connect(project_file, isolation_level=None)

        def lock_after_first_batch(done, _where):
            if done == 2:
                blocker.execute("BEGIN IMMEDIATE")

        importer = Importer(project.db, project.project_id, progress=lock_after_first_batch)
        records = [
            ImportedRecord(text=f"Nummer {i}", source=f"{i}", location=f"{i}") for i in range(5)
        ]
        with pytest.raises(ImportInterruptedError) as raised:
            importer.import_items(records)
        blocker.execute("ROLLBACK")
        blocker.close()
        assert raised.value.summary.imported == 2
        assert "database is locked" in raised.value.reason
        assert len(stored(project)) == 2


def test_deeply_nested_json_is_one_bad_line(project, tmp_path):
    data = tmp_path / "deep.jsonl"
    data.write_text(
        '{"text": "erste"}\n' + "[" * 100_000 + "]" * 100_000 + '\n{"text": "danach"}\n',
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert [text for _, text in stored(project)] == ["erste", "danach"]
    assert messages(summary) == [f"{data}:2: invalid JSON: nested too deeply"]


def test_an_unclosed_csv_quote_is_reported(project, tmp_path):
    data = tmp_path / "q.csv"
    data.write_text('text\nerste Zeile\n"offen bleibt\nzweite\ndritte\n', encoding="utf-8")
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert [text for _, text in stored(project)] == ["erste Zeile"]
    assert messages(summary) == [
        f"{data}:3: cannot parse CSV: a quote opened here is never "
        "closed; the rest of the file is skipped"
    ]


def test_overlapping_imported_spans_are_refused_unless_allowed(project):
    spans = [ImportedSpan(0, 13, "PER"), ImportedSpan(5, 13, "LOC")]
    record = ImportedRecord(
        text="Olaf Scholz ja und nein", source="s.jsonl", location="s.jsonl:1", spans=spans
    )
    summary = Importer(project.db, project.project_id).import_items([record])
    assert summary.imported == 0
    assert messages(summary) == [
        "s.jsonl:1: spans 0–13 PER and 5–13 LOC overlap, which this "
        "project does not allow; record skipped"
    ]


def test_imported_spans_and_new_labels_are_logged_with_the_annotator(project):
    record = ImportedRecord(
        text="Olaf Scholz in Berlin",
        source="p.jsonl",
        location="p.jsonl:1",
        spans=[ImportedSpan(0, 11, "PER"), ImportedSpan(15, 21, "GPE")],
    )
    Importer(project.db, project.project_id, ImportSettings(annotator="prodigy")).import_items(
        [record]
    )
    with project.db.read() as session:
        anna = session.scalar(select(Annotator.id).where(Annotator.name == "prodigy"))
        events = [
            (e.action, e.annotator_id) for e in session.scalars(select(Event).order_by(Event.id))
        ]
        spans = [
            e.after for e in session.scalars(select(Event).where(Event.action == "span.import"))
        ]
    assert events == [
        ("document.import", anna),
        ("label.create", anna),
        ("span.import", anna),
        ("span.import", anna),
    ]
    assert [(s["label"], s["start_offset"], s["state"]) for s in spans] == [
        ("PER", 0, "accepted"),
        ("GPE", 15, "accepted"),
    ]


@pytest.mark.parametrize("name", ["C#1/p.sqlite", "what?.sqlite", "a%20b.sqlite"])
def test_odd_characters_in_the_project_path(tmp_path, name):
    file = tmp_path / name
    file.parent.mkdir(exist_ok=True)
    with open_project(file) as project:
        Importer(project.db, project.project_id).import_items(
            [ImportedRecord(text="Gesichert.", source="s", location="s")]
        )
    with open_project(file) as project:
        assert project.backup is not None
        connection = sqlite3.connect(project.backup)
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        connection.close()
    assert sorted(p.name for p in file.parent.iterdir() if not p.name.startswith(file.name)) == []


def _digest(file) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def test_refused_files_are_left_exactly_as_they_were(tmp_path):
    from storage.database import DatabaseError

    foreign = tmp_path / "other.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE foo (x)")
    connection.commit()
    connection.close()
    newer = tmp_path / "newer.sqlite"
    open_project(newer).close()
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for file, message, create in (
        (foreign, "has the tables foo", True),
        (newer, "newer version", True),
        (empty, "is empty, not a Standpunkt project", False),
    ):
        before = _digest(file)
        with pytest.raises(DatabaseError, match=message):
            open_project(file, create=create)
        assert _digest(file) == before
        assert not file.with_name(file.name + "-wal").exists()
