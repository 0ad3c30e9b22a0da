"""Metadata, titles and language codes are stored so that every export can write them, and
each change is said as a warning at the record (issue 14, points 6 and 14)."""

from __future__ import annotations

import json

from sqlalchemy import select

from storage.importing.service import Importer
from storage.models import Document
from storage.project import OpenProject


def stored(project: OpenProject) -> list[Document]:
    with project.db.read() as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def warnings(summary) -> list[str]:
    assert all(p.severity == "warning" for p in summary.problems), summary.lines()
    return [f"{p.location}: {p.message}" for p in summary.problems]


def exportable(meta: dict) -> None:
    """What the JSONL and Excel exports need: strict JSON, UTF-8, no control characters."""
    text = json.dumps(meta, ensure_ascii=False, allow_nan=False)
    text.encode("utf-8")
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in text)


def test_jsonl_metadata_is_cleaned_and_each_change_said(project, tmp_path):
    data = tmp_path / "meta.jsonl"
    # As a hostile file has them: escapes of a lone surrogate and of control characters,
    # and NaN / Infinity, which json.loads accepts but JSON has not.
    data.write_text(
        '{"text": "Erste Meldung", "autor": "Anna\\ud800", "wert": NaN, '
        '"gro\\u0007\\u00df": Infinity, "tags": ["a\\u0000b", {"x\\u001b": -Infinity}], '
        '"ok": "Zeile\\neins\\tzwei"}\n'
        '{"text": "Zweite Meldung", "meta": {"quelle": "dpa"}}\n',
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    first, second = stored(project)
    assert first.meta == {
        "autor": "Anna\ufffd",
        "wert": "NaN",
        "groß": "Infinity",
        "tags": ["ab", {"x": "-Infinity"}],
        "ok": "Zeile\neins\tzwei",
    }
    assert second.meta == {"quelle": "dpa"}
    exportable(first.meta)
    assert warnings(summary) == [
        f"{data}:1: metadata cleaned: 'autor': lone surrogates replaced by U+FFFD; "
        "'wert': NaN or infinity stored as text; "
        "'gro\\x07ß': NaN or infinity stored as text, key: control characters removed; "
        "'tags': NaN or infinity stored as text, control characters removed, "
        "key: control characters removed"
    ]


def test_csv_columns_and_cells_follow_the_same_rule(project, tmp_path):
    data = tmp_path / "tabelle.csv"
    data.write_bytes(b"text,Au\x1btor,title,lang\nErste Meldung,Anna\x01,Titel\x07 eins,D\x01E\n")
    summary = Importer(project.db, project.project_id).import_paths([data])
    (document,) = stored(project)
    assert (document.meta, document.title, document.language) == (
        {"Autor": "Anna"},
        "Titel eins",
        "de",
    )
    assert warnings(summary) == [
        f"{data}:1: header: column 2 'Au\\x1btor': control characters removed",
        f"{data}:2: title 'Titel\\x07 eins': control characters removed",
        f"{data}:2: language 'D\\x01E': control characters removed",
        f"{data}:2: metadata cleaned: 'Autor': control characters removed",
    ]


def test_titles_over_500_characters_are_cut_with_a_warning(project, tmp_path):
    data = tmp_path / "titel.jsonl"
    data.write_text(
        json.dumps({"text": "Erste Meldung", "title": "T" * 600})
        + "\n"
        + json.dumps({"text": "Zweite Meldung", "title": "Kurz\ud800"})
        + "\n",
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert [d.title for d in stored(project)] == ["T" * 500, "Kurz\ufffd"]
    assert warnings(summary) == [
        f"{data}:1: title cut from 600 to 500 characters",
        f"{data}:2: title 'Kurz\\ud800': lone surrogates replaced by U+FFFD",
    ]


def test_a_language_that_is_no_code_is_left_out_with_a_warning(project, tmp_path):
    data = tmp_path / "sprache.jsonl"
    data.write_text(
        json.dumps({"text": "Erste Meldung", "lang": "deutsch-österreichisch-schweizerisch"})
        + "\n",
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    assert [d.language for d in stored(project)] == [None]
    assert warnings(summary) == [
        f"{data}:1: language 'deutsch-österreichisch-schweizerisch' is longer than 16 "
        "characters, not a language code; left out"
    ]


def test_metadata_is_bounded_per_value_per_document_and_in_keys(project, tmp_path):
    data = tmp_path / "gross.jsonl"
    many = {f"k{i:03}": i for i in range(300)}
    big = {f"blob{i:02}": "x" * 60_000 for i in range(20)}  # 1.2 million characters together
    data.write_text(
        json.dumps({"text": "Erste Meldung", "lang": "de", "notiz": "y" * 100_000})
        + "\n"
        + json.dumps({"text": "Zweite Meldung", "meta": many})
        + "\n"
        + json.dumps({"text": "Dritte Meldung", "meta": {"id": 3, **big}})
        + "\n",
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([data])
    first, second, third = (d.meta for d in stored(project))
    assert first == {"notiz": "y" * 65_536}
    assert second == {f"k{i:03}": i for i in range(256)}
    assert len(json.dumps(third, ensure_ascii=False)) <= 1_048_576
    assert third["id"] == 3 and len(third) == 1 + 17  # the three largest went
    assert warnings(summary) == [
        f"{data}:1: metadata cleaned: 'notiz': text cut to 65,536 characters",
        f"{data}:2: metadata cleaned: 44 keys after the first 256 dropped",
        f"{data}:3: metadata cleaned: 'blob00': dropped, 60,014 characters of JSON where a "
        "document's metadata may have 1,048,576; 'blob01': dropped, 60,014 characters of JSON "
        "where a document's metadata may have 1,048,576; 'blob02': dropped, 60,014 characters "
        "of JSON where a document's metadata may have 1,048,576",
    ]
