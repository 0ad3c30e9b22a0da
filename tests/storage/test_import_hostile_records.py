"""Hostile records cost only themselves: the record is reported with its file and line,
the other records and files are imported (issue 14, point 5 and the same kind)."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import select

from storage.importing.readers import read_paths
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from storage.importing.service import Importer, ImportSettings
from storage.models import Annotator, Document, EntityLabel
from storage.project import OpenProject


def stored_texts(project: OpenProject) -> list[str]:
    with project.db.read() as session:
        return list(session.scalars(select(Document.text).order_by(Document.id)))


def messages(summary) -> list[str]:
    return [f"{p.location}: {p.severity}: {p.message}" for p in summary.problems]


def test_a_label_with_a_lone_surrogate_costs_only_its_record(project, tmp_path):
    folder = tmp_path / "daten"
    folder.mkdir()
    bad = folder / "a.jsonl"
    # The escape as a hostile file has it: valid JSON, but no UTF-8 exists for it.
    bad.write_text(
        '{"text": "Erste Meldung"}\n'
        '{"text": "Olaf Scholz in Berlin", "spans": '
        '[{"start": 0, "end": 4, "label": "PER\\ud800"}]}\n'
        '{"text": "Dritte Meldung"}\n',
        encoding="utf-8",
    )
    (folder / "b.jsonl").write_text('{"text": "Aus der zweiten Datei"}\n', encoding="utf-8")
    summary = Importer(project.db, project.project_id).import_paths([folder])
    assert stored_texts(project) == ["Erste Meldung", "Dritte Meldung", "Aus der zweiten Datei"]
    assert messages(summary) == [
        f"{bad}:2: error: span 0–4 has a label that cannot be used: 'PER\\ud800' contains "
        "the character U+D800, which a label name cannot hold; record skipped"
    ]
    with project.db.read() as session:
        assert "PER\ud800" not in set(session.scalars(select(EntityLabel.name)))


def test_a_number_over_the_digit_limit_is_one_bad_line(project, tmp_path):
    data = tmp_path / "zahlen.jsonl"
    data.write_text(
        '{"text": "Erste Meldung"}\n'
        '{"text": "Zweite Meldung", "id": ' + "7" * 5000 + "}\n"
        '{"text": "Dritte Meldung", "id": -' + "1" * 4400 + "}\n"
        '{"text": "Vierte Meldung"}\n',
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert stored_texts(project) == ["Erste Meldung", "Vierte Meldung"]
    assert messages(summary) == [
        f"{data}:2: error: invalid JSON: a number has 5,000 digits, more than the 4,300 allowed",
        f"{data}:3: error: invalid JSON: a number has 4,400 digits, more than the 4,300 allowed",
    ]


def test_one_nul_in_a_csv_costs_only_its_rows(project, tmp_path):
    data = tmp_path / "artikel.csv"
    data.write_bytes(
        b"text,autor\n"
        b"Erste Meldung,Anna\n"
        b"Zweite\x00Meldung,Ben\n"
        b"Dritte Meldung,Cem\n"
        b'"Vierte Meldung",Da\x00na\n'
        b"F\xfcnfte Meldung,Eva\n"  # cp1252 like the rest of an old export
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert stored_texts(project) == ["Erste Meldung", "Dritte Meldung", "Fünfte Meldung"]
    assert messages(summary) == [
        f"{data}:3: error: row contains a NUL character (binary data?); skipped",
        f"{data}:5: error: row contains a NUL character (binary data?); skipped",
    ]


def test_binary_and_utf16_tables_keep_their_treatment(tmp_path):
    png = tmp_path / "bild.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    wide = tmp_path / "breit.csv"
    wide.write_bytes("text\nKöln\n".encode("utf-16-le"))
    items = list(read_paths([png, wide], ReadOptions()))
    assert items[0] == ImportProblem(str(png), "binary file, not text")
    assert isinstance(items[1], ImportedRecord) and items[1].text == "Köln"


def test_one_nul_in_a_jsonl_line_costs_only_that_line(project, tmp_path):
    data = tmp_path / "x.jsonl"
    data.write_bytes(
        b'{"text": "Erste Meldung"}\n{"text": "Zwei\x00te"}\n{"text": "Dritte Meldung"}\n'
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert stored_texts(project) == ["Erste Meldung", "Dritte Meldung"]
    assert messages(summary) == [
        f"{data}:2: error: line contains a NUL byte at position 15 (binary data?)"
    ]


def test_utf16_and_binary_jsonl_are_still_one_problem(tmp_path):
    wide = tmp_path / "breit.jsonl"
    wide.write_bytes('{"text": "a"}\n{"text": "b"}\n'.encode("utf-16-le"))  # no BOM
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(bytes(range(32)) * 100)
    message = "not UTF-8 text: JSONL files must be UTF-8 (this looks like UTF-16 or binary)"
    assert list(read_paths([wide, binary], ReadOptions())) == [
        ImportProblem(str(wide), message),
        ImportProblem(str(binary), message),
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("anna\udce9", "contains a control character or an invalid character"),
        ("anna\x1b[31m", "contains a control character or an invalid character"),
        ("a" * 201, "is longer than 200 characters"),
        ("   ", "an annotator needs a name"),
    ],
)
def test_an_annotator_name_that_cannot_be_stored_fails_before_anything_is_written(
    project, tmp_path, name, reason
):
    data = tmp_path / "x.jsonl"
    data.write_text(
        json.dumps({"text": "Olaf Scholz", "spans": [[0, 4, "PER"]]}) + "\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=reason):
        Importer(project.db, project.project_id, ImportSettings(annotator=name)).import_paths(
            [data]
        )
    assert stored_texts(project) == []
    with project.db.read() as session:
        assert list(session.scalars(select(Annotator.name))) == []


def test_spans_from_a_file_whose_name_is_not_utf8_are_stored(project, tmp_path):
    folder = tmp_path / "alt"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.jsonl")  # a Latin-1 file name on a UTF-8 system
    (folder / name).write_text(
        json.dumps({"text": "Olaf Scholz in Berlin", "spans": [[0, 11, "PER"]]}) + "\n",
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([folder])
    assert (summary.imported, summary.spans) == (1, 1)
    assert any(
        "stored as 'alt/caf\ufffd.jsonl': bytes that are not UTF-8 replaced by U+FFFD" in line
        for line in summary.lines()
    )
    for line in summary.lines():
        line.encode("utf-8")  # printable: no lone surrogate of the file name is left


def test_deeply_nested_metadata_costs_only_its_key(project):
    # A file reaches this depth too (json.loads takes what its stack allows, and json.dumps
    # runs deeper in the database layer): it interrupted the whole import as a "database
    # error". Built here directly, as the depth at which a file breaks depends on the stack.
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    records = [
        ImportedRecord(text=f"Meldung {n}", source="t.jsonl", location=f"t.jsonl:{n}")
        for n in (1, 2, 3)
    ]
    records[1].meta = {"quelle": deep, "id": 2}
    summary = Importer(project.db, project.project_id).import_items(records)
    assert stored_texts(project) == ["Meldung 1", "Meldung 2", "Meldung 3"]
    with project.db.read() as session:
        assert session.scalars(select(Document.meta).order_by(Document.id)).all()[1] == {"id": 2}
    assert messages(summary) == [
        "t.jsonl:2: warning: metadata cleaned: 'quelle': dropped, nested more than 32 levels deep"
    ]


def test_a_record_with_a_million_bad_spans_is_one_bad_record(tmp_path):
    data = tmp_path / "spans.jsonl"
    spans = [[0, 99, "PER"]] * 100_000
    data.write_text(json.dumps({"text": "Bonn", "spans": spans}) + "\n", encoding="utf-8")
    items = list(read_paths([data], ReadOptions()))
    assert [item.message for item in items] == [
        'span [0, 99, "PER"] is out of range (text has 4 characters); record skipped'
    ] * 3 + ["… and 99,997 more spans that are not valid"]


def test_messages_about_many_fields_stay_short(tmp_path):
    data = tmp_path / "felder.jsonl"
    data.write_text(json.dumps({f"feld{i}": i for i in range(10_000)}) + "\n", encoding="utf-8")
    (problem,) = read_paths([data], ReadOptions())
    assert isinstance(problem, ImportProblem)
    assert problem.message == (
        "no field 'text' (fields: feld0, feld1, feld2, feld3, feld4, feld5, feld6, feld7, "
        "feld8, feld9, … (9,990 more))"
    )


def test_a_line_too_long_for_any_record_is_skipped_unread(tmp_path, monkeypatch):
    from storage.importing import read_jsonl

    monkeypatch.setattr(read_jsonl, "_LINE_EXTRA_BYTES", 1000, raising=False)
    data = tmp_path / "lang.jsonl"
    data.write_text(
        '{"text": "Erste"}\n'
        + json.dumps({"text": "Zweite", "blob": "x" * 50_000})
        + '\n{"text": "Dritte"}\n',
        encoding="utf-8",
    )
    items = list(read_paths([data], ReadOptions(max_text_chars=100)))
    assert [getattr(item, "text", None) for item in items] == ["Erste", None, "Dritte"]
    assert items[1] == ImportProblem(
        f"{data}:2", "line is over 2,200 bytes, more than a record can hold; skipped"
    )
