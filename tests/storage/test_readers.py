"""Tests for the import readers: folders, TXT, JSONL, CSV/TSV and XLSX files."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from storage.importing import readers
from storage.importing.read_txt import guess_title
from storage.importing.readers import read_paths
from storage.importing.records import ImportedRecord, ImportedSpan, ImportProblem, ReadOptions

Item = ImportedRecord | ImportProblem

ARTICLE = "Die Bundesregierung plant „deutliche Entlastungen“ für Familien in München und Köln."


def read(*paths: Path, **options: Any) -> list[Item]:
    return list(read_paths(list(paths), ReadOptions(**options)))


def records(items: list[Item]) -> list[ImportedRecord]:
    return [item for item in items if isinstance(item, ImportedRecord)]


def problems(items: list[Item]) -> list[ImportProblem]:
    return [item for item in items if isinstance(item, ImportProblem)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(path: Path, *lines: Any) -> Path:
    """Write JSONL; str lines are written as they are, other values as JSON."""
    text = "".join(
        (ln if isinstance(ln, str) else json.dumps(ln, ensure_ascii=False)) + "\n" for ln in lines
    )
    return write(path, text)


def xlsx(
    path: Path, rows: list[list[Any]], title: str = "Artikel", extra_sheet: bool = False
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet("Zweites").append(["text"])
    workbook.save(path)
    return path


# --- TXT ----------------------------------------------------------------------------------


def test_txt_record_is_cleaned_and_has_title(tmp_path: Path) -> None:
    path = write(
        tmp_path / "artikel.txt", f"\r\n  Entlastungen für Familien\r\n\r\n{ARTICLE}\r\n\r\n"
    )
    assert read(path) == [
        ImportedRecord(
            text=f"Entlastungen für Familien\n\n{ARTICLE}",
            source="artikel.txt",
            location=str(path),
            title="Entlastungen für Familien",
        )
    ]


def test_txt_lone_carriage_returns_become_newlines(tmp_path: Path) -> None:
    path = write(tmp_path / "mac.text", "Schlagzeile\rErster Absatz.\rZweiter Absatz.")
    (record,) = records(read(path))
    assert record.text == "Schlagzeile\nErster Absatz.\nZweiter Absatz."
    assert record.title == "Schlagzeile"


@pytest.mark.parametrize(
    ("data", "meta"),
    [
        (ARTICLE.encode("cp1252") + " Preis: 5 €".encode("cp1252"), {"encoding": "cp1252"}),
        (
            codecs.BOM_UTF16_LE + (ARTICLE + " Preis: 5 €").encode("utf-16-le"),
            {"encoding": "utf-16-le"},
        ),
        (codecs.BOM_UTF8 + (ARTICLE + " Preis: 5 €").encode(), {}),
        ((ARTICLE + " Preis: 5 €").encode(), {}),
    ],
    ids=["cp1252", "utf-16-bom", "utf-8-bom", "utf-8"],
)
def test_txt_encodings(tmp_path: Path, data: bytes, meta: dict[str, str]) -> None:
    (record,) = read(write(tmp_path / "a.txt", data))
    assert isinstance(record, ImportedRecord)
    assert record.text == ARTICLE + " Preis: 5 €"
    assert record.meta == meta


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Schlagzeile\r\nGrüße aus Köln".encode("utf-16-le"), "utf-16-le"),
        ("Schlagzeile\r\nGrüße aus Köln".encode("utf-16-be"), "utf-16-be"),
        ("Schlagzeile\r\nGrüße aus Köln".encode("latin-1") + b" \x81", "latin-1"),
    ],
    ids=["utf-16-le-no-bom", "utf-16-be-no-bom", "latin-1"],
)
def test_txt_more_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    (record,) = read(write(tmp_path / "a.txt", data))
    assert isinstance(record, ImportedRecord)
    assert record.text.startswith("Schlagzeile\nGrüße aus Köln")
    assert (record.title, record.meta) == ("Schlagzeile", {"encoding": encoding})


@pytest.mark.parametrize(
    "text",
    [
        "Merkel besucht Köln\nSie sprach mit Bürgern.",
        "Merkel: „Wir schaffen das“\n\nSie sprach mit Bürgern.",
        "T" * 150 + "\nText.",
    ],
)
def test_title_detected(text: str) -> None:
    assert guess_title(text) == text.split("\n")[0]


@pytest.mark.parametrize(
    "text",
    [
        "Die Kanzlerin sprach lange.\nDanach ging sie.",
        "Wer zahlt?\nNiemand.",
        "Achtung!\nText.",
        "Er sagte:\nNein.",
        "Erstens;\nzweitens.",
        "Aufzählung,\nText.",
        "Er sagte: „Nein.“\nDanach ging er.",
        "T" * 151 + "\nText.",
        "Nur eine Zeile ohne Punkt",
    ],
)
def test_title_not_detected(text: str) -> None:
    assert guess_title(text) is None


def test_title_line_stays_in_text(tmp_path: Path) -> None:
    (record,) = records(read(write(tmp_path / "a.txt", f"Olaf Scholz in Paris\n{ARTICLE}")))
    assert record.title == "Olaf Scholz in Paris"
    assert record.text.startswith("Olaf Scholz in Paris\n")


def test_binary_txt_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    assert read(path) == [ImportProblem(str(path), "binary file, not text")]


@pytest.mark.parametrize("content", ["", "  \r\n\t \n"])
def test_empty_txt_is_a_problem(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "leer.txt", content)
    assert read(path) == [ImportProblem(str(path), "empty text")]


def test_txt_over_max_text_chars(tmp_path: Path) -> None:
    path = write(tmp_path / "lang.txt", "Äpfel und Öl")  # 12 characters
    assert read(path, max_text_chars=10) == [
        ImportProblem(str(path), "text is 12 characters, over the 10 character limit")
    ]
    assert records(read(path, max_text_chars=12))


def test_txt_far_over_max_text_chars_is_not_loaded(tmp_path: Path) -> None:
    path = write(tmp_path / "riesig.txt", "x" * 100)
    assert read(path, max_text_chars=10) == [
        ImportProblem(str(path), "text is over the 10 character limit")
    ]


def test_file_over_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "gross.txt", "x" * 150)
    assert read(path, max_file_bytes=100) == [
        ImportProblem(str(path), "file is 150 bytes, over the 100 bytes limit")
    ]


def test_file_over_default_size_limit_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    with path.open("wb") as handle:
        handle.truncate(600 * 1024 * 1024)  # sparse: takes no disk space
    assert read(path) == [ImportProblem(str(path), "file is 600.0 MB, over the 512.0 MB limit")]


# --- paths and folders --------------------------------------------------------------------


def test_folder_walk_order_and_sources(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    for name in ["b.txt", "A.txt", "sub/c.txt", "sub/deeper/d.txt", "z.txt"]:
        write(folder / name, f"Text aus {name} über Düsseldorf.")
    items = read(folder)
    assert [(r.source, r.location) for r in records(items)] == [
        ("articles/A.txt", str(folder / "A.txt")),
        ("articles/b.txt", str(folder / "b.txt")),
        ("articles/sub/c.txt", str(folder / "sub" / "c.txt")),
        ("articles/sub/deeper/d.txt", str(folder / "sub" / "deeper" / "d.txt")),
        ("articles/z.txt", str(folder / "z.txt")),
    ]
    assert problems(items) == []


def test_relative_folder_keeps_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "articles" / "sub" / "a.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    (record,) = read(Path("articles"))
    assert isinstance(record, ImportedRecord)
    assert (record.source, record.location) == ("articles/sub/a.txt", "articles/sub/a.txt")
    monkeypatch.chdir(tmp_path / "articles")
    (record,) = read(Path())  # the current folder, "."
    assert isinstance(record, ImportedRecord)
    assert (record.source, record.location) == ("articles/sub/a.txt", "sub/a.txt")
    monkeypatch.chdir(tmp_path / "articles" / "sub")
    (record,) = read(Path(".."))
    assert isinstance(record, ImportedRecord)
    assert (record.source, record.location) == ("articles/sub/a.txt", "../sub/a.txt")


def test_symlink_loop_in_folder_ends(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder / "a.txt", ARTICLE)
    try:
        (folder / "loop").symlink_to(folder, target_is_directory=True)
    except OSError:  # pragma: no cover - no symlinks allowed (Windows without rights)
        pytest.skip("cannot create symlinks here")
    assert [r.source for r in records(read(folder))] == ["articles/a.txt"]


def test_folder_rows_share_the_relative_source(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "daten" / "x.jsonl", {"text": ARTICLE})
    (record,) = read(tmp_path / "daten")
    assert isinstance(record, ImportedRecord)
    assert (record.source, record.location) == ("daten/x.jsonl", f"{path}:1")


def test_hidden_entries_and_lock_files_are_ignored_silently(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder / "a.txt", ARTICLE)
    write(folder / ".versteckt.txt", "geheim")
    write(folder / ".git" / "b.txt", "geheim")
    write(folder / ".DS_Store", b"\x00\x01")
    write(folder / "~$tabelle.xlsx", b"lock")
    assert [r.source for r in records(read(folder))] == ["articles/a.txt"]
    assert problems(read(folder)) == []


def test_unsupported_file_in_folder_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder / "a.txt", ARTICLE)
    pdf = write(folder / "b.pdf", b"%PDF-1.7")
    plain = write(folder / "LIESMICH", "Hinweise")
    items = read(folder)
    assert problems(items) == [
        ImportProblem(str(pdf), "skipped: not a supported file type (.pdf)", "warning"),
        ImportProblem(str(plain), "skipped: not a supported file type (no extension)", "warning"),
    ]
    assert len(records(items)) == 1


def test_unsupported_file_given_explicitly_is_an_error(tmp_path: Path) -> None:
    pdf = write(tmp_path / "b.PDF", b"%PDF-1.7")
    assert read(pdf) == [
        ImportProblem(
            str(pdf),
            "not a supported file type (.pdf); use .txt, .text, .jsonl, .ndjson, .csv, .tsv, .xlsx",
        )
    ]


def test_missing_path_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    missing = tmp_path / "fehlt.txt"
    present = write(tmp_path / "da.txt", ARTICLE)
    items = read(missing, present)
    assert items[0] == ImportProblem(str(missing), f"no such file or folder: {missing}")
    assert records(items)[0].location == str(present)


def test_paths_are_read_in_the_given_order(tmp_path: Path) -> None:
    second = write(tmp_path / "b.txt", "Zweiter Text")
    first = write(tmp_path / "a.txt", "Erster Text")
    assert [r.text for r in records(read(second, first))] == ["Zweiter Text", "Erster Text"]


def test_os_error_while_reading_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
        raise PermissionError(13, "Permission denied")
        yield  # pragma: no cover - makes this a generator

    monkeypatch.setitem(readers._READERS, ".txt", denied)
    path = write(tmp_path / "a.txt", ARTICLE)
    other = jsonl(tmp_path / "b.jsonl", {"text": ARTICLE})
    items = read(path, other)
    assert items[0] == ImportProblem(str(path), "cannot read file: Permission denied")
    assert len(records(items)) == 1


def test_reader_bug_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, source: str, options: ReadOptions) -> Iterator[Item]:
        raise RuntimeError("kaputt")
        yield  # pragma: no cover - makes this a generator

    monkeypatch.setitem(readers._READERS, ".txt", broken)
    path = write(tmp_path / "a.txt", ARTICLE)
    assert read(path) == [
        ImportProblem(str(path), "unexpected error while reading: RuntimeError('kaputt')")
    ]


# --- JSONL --------------------------------------------------------------------------------


def test_jsonl_fields_and_meta(tmp_path: Path) -> None:
    line = {
        "id": 17,
        "text": f"  {ARTICLE}\r\n",
        "title": "Entlastungen",
        "lang": "de",
        "meta": {"source": "tagesschau.de", "datum": "2024-05-03"},
        "autor": "Jürgen Müller",
        "_input_hash": 123,
        "_task_hash": 456,
        "answer": "accept",
        "tokens": [],
    }
    path = jsonl(tmp_path / "export.jsonl", line)
    assert read(path) == [
        ImportedRecord(
            text=ARTICLE,
            source="export.jsonl",
            location=f"{path}:1",
            title="Entlastungen",
            language="de",
            meta={
                "id": 17,
                "autor": "Jürgen Müller",
                "source": "tagesschau.de",
                "datum": "2024-05-03",
            },
        )
    ]


def test_jsonl_title_and_language_from_meta(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.ndjson",
        {"text": ARTICLE, "meta": {"title": "Köln", "language": "de", "x": 1}},
    )
    (record,) = read(path)
    assert isinstance(record, ImportedRecord)
    assert (record.title, record.language, record.meta) == ("Köln", "de", {"x": 1})


def test_jsonl_broken_line_then_lines_still_import(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"text": "Erste Meldung"},
        '{"text": "kaputt",',
        "",
        {"text": "Dritte Meldung"},
    )
    assert read(path) == [
        ImportedRecord(text="Erste Meldung", source="a.jsonl", location=f"{path}:1"),
        ImportProblem(
            f"{path}:2",
            "invalid JSON: Expecting property name enclosed in double quotes (column 19)",
        ),
        ImportedRecord(text="Dritte Meldung", source="a.jsonl", location=f"{path}:4"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('["Text", "mehr"]', "expected a JSON object, got list"),
        ('"nur Text"', "expected a JSON object, got string"),
        (
            '{"id": 1, "body": "Text", "author": "Anna"}',
            "no field 'text' (fields: id, body, author)",
        ),
        ("{}", "no field 'text' (fields: none)"),
        ('{"text": 42}', "field 'text' is not a string but number"),
        ('{"text": "  "}', "empty text"),
        (
            '{"text": "K\\u00f6ln\\r\\n", "answer": "accept"} trailing',
            "invalid JSON: Extra data (column 47)",
        ),
    ],
)
def test_jsonl_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": "Gut"}, line)
    assert read(path)[1:] == [ImportProblem(f"{path}:2", message)]


def test_jsonl_text_field_option(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": 1, "body": ARTICLE, "text": "Kurz"})
    (record,) = read(path, text_field="body")
    assert isinstance(record, ImportedRecord)
    assert (record.text, record.meta) == (ARTICLE, {"id": 1, "text": "Kurz"})
    assert read(path, text_field="inhalt") == [
        ImportProblem(f"{path}:1", "no field 'inhalt' (fields: id, body, text)")
    ]


def test_jsonl_doccano_data_field(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": 3, "data": ARTICLE, "label": ["positiv"]})
    (record,) = read(path)
    assert isinstance(record, ImportedRecord)
    assert (record.text, record.spans, record.meta) == (
        ARTICLE,
        [],
        {"id": 3, "label": ["positiv"]},
    )


def test_jsonl_utf8_bom_and_invalid_utf8_line(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b'{"text": "K\xc3\xb6ln"}\n{"text": "K\xf6ln"}\n{"text": "Bonn"}\n'
    path = write(tmp_path / "a.jsonl", data)
    assert [i.text if isinstance(i, ImportedRecord) else i for i in read(path)] == [
        "Köln",
        ImportProblem(f"{path}:2", "not valid UTF-8: byte 0xf6 at position 12"),
        "Bonn",
    ]


def test_jsonl_in_utf16_is_one_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl",
        codecs.BOM_UTF16_LE + '{"text": "a"}\n{"text": "b"}\n'.encode("utf-16-le"),
    )
    assert read(path) == [
        ImportProblem(
            str(path),
            "not UTF-8 text: JSONL files must be UTF-8 (this looks like UTF-16 or binary)",
        )
    ]


def test_jsonl_text_over_max_text_chars(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": "Zu lang für das Limit"}, {"text": "Kurz"})
    assert read(path, max_text_chars=10) == [
        ImportProblem(f"{path}:1", "text is 21 characters, over the 10 character limit"),
        ImportedRecord(text="Kurz", source="a.jsonl", location=f"{path}:2"),
    ]


PRODIGY_TEXT = " Angela Merkel traf Emmanuel Macron in Paris.\r\n"


def test_jsonl_prodigy_spans_keep_text_as_given(tmp_path: Path) -> None:
    spans = [
        {"start": 1, "end": 14, "label": "PER", "token_start": 0},
        {"start": 20, "end": 35, "label": "PER"},
        {"start": 39, "end": 44, "label": "LOC"},
    ]
    path = jsonl(tmp_path / "a.jsonl", {"text": PRODIGY_TEXT, "spans": spans, "answer": "accept"})
    (record,) = read(path)
    assert isinstance(record, ImportedRecord)
    assert record.text == PRODIGY_TEXT  # not stripped: offsets refer to it
    assert record.spans == [
        ImportedSpan(1, 14, "PER"),
        ImportedSpan(20, 35, "PER"),
        ImportedSpan(39, 44, "LOC"),
    ]
    assert [record.text[s.start : s.end] for s in record.spans] == [
        "Angela Merkel",
        "Emmanuel Macron",
        "Paris",
    ]


@pytest.mark.parametrize("answer", ["reject", "ignore"])
def test_jsonl_prodigy_rejected_answer_imports_text_without_spans(
    tmp_path: Path, answer: str
) -> None:
    line = {
        "text": PRODIGY_TEXT,
        "spans": [{"start": 1, "end": 14, "label": "PER"}],
        "answer": answer,
    }
    path = jsonl(tmp_path / "a.jsonl", line)
    assert read(path) == [
        ImportProblem(
            f"{path}:1", f"answer is '{answer}': imported the text without its spans", "warning"
        ),
        ImportedRecord(text=PRODIGY_TEXT.strip(), source="a.jsonl", location=f"{path}:1"),
    ]


@pytest.mark.parametrize("key", ["label", "labels"])
def test_jsonl_doccano_label_list_spans(tmp_path: Path, key: str) -> None:
    text = "Olaf Scholz besuchte Köln."
    path = jsonl(
        tmp_path / "a.jsonl", {"id": 9, "text": text, key: [[0, 11, "PER"], [21, 25, "LOC"]]}
    )
    (record,) = read(path)
    assert isinstance(record, ImportedRecord)
    assert record.spans == [ImportedSpan(0, 11, "PER"), ImportedSpan(21, 25, "LOC")]
    assert record.meta == {"id": 9}


def test_jsonl_doccano_entities_spans(tmp_path: Path) -> None:
    text = "Die EZB in Frankfurt"
    entities = [
        {"id": 1, "start_offset": 4, "end_offset": 7, "label": "ORG"},
        {"id": 2, "start_offset": 11, "end_offset": 20, "label": "LOC"},
    ]
    (record,) = read(jsonl(tmp_path / "a.jsonl", {"text": text, "entities": entities}))
    assert isinstance(record, ImportedRecord)
    assert record.spans == [ImportedSpan(4, 7, "ORG"), ImportedSpan(11, 20, "LOC")]


def test_jsonl_out_of_range_span_skips_record(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"text": "Erste Meldung"},
        {
            "text": "Kurz",
            "spans": [
                {"start": 0, "end": 4, "label": "ORG"},
                {"start": 2, "end": 9, "label": "PER"},
            ],
        },
        {"text": "Dritte Meldung"},
    )
    items = read(path)
    assert items[1] == ImportProblem(
        f"{path}:2",
        'span {"start": 2, "end": 9, "label": "PER"} '
        "is out of range (text has 4 characters); record skipped",
    )
    assert [r.location for r in records(items)] == [f"{path}:1", f"{path}:3"]
    assert len(items) == 3


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        (
            [{"start": "0", "end": 4, "label": "PER"}],
            'span {"start": "0", "end": 4, "label": "PER"} '
            "has offsets that are not whole numbers; record skipped",
        ),
        (
            [{"start": 0, "end": True, "label": "PER"}],
            'span {"start": 0, "end": true, "label": "PER"} '
            "has offsets that are not whole numbers; record skipped",
        ),
        ([{"start": 0, "end": 4}], 'span {"start": 0, "end": 4} has no label; record skipped'),
        (
            [{"start": 0, "end": 4, "label": ""}],
            'span {"start": 0, "end": 4, "label": ""} has no label; record skipped',
        ),
        (
            [{"start": 3, "end": 3, "label": "PER"}],
            'span {"start": 3, "end": 3, "label": "PER"} '
            "is out of range (text has 4 characters); record skipped",
        ),
        (
            [{"start": -1, "end": 2, "label": "PER"}],
            'span {"start": -1, "end": 2, "label": "PER"} '
            "is out of range (text has 4 characters); record skipped",
        ),
        (
            ["PER"],
            'span "PER" is not a span ({start, end, label} or [start, end, label]); record skipped',
        ),
    ],
)
def test_jsonl_invalid_spans(tmp_path: Path, spans: list[Any], message: str) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": "Bonn", "spans": spans})
    assert read(path) == [ImportProblem(f"{path}:1", message)]


def test_jsonl_bad_doccano_label_span(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": "Bonn", "label": [[0, 4]]})
    assert read(path) == [
        ImportProblem(
            f"{path}:1",
            "span [0, 4] is not a span ({start, end, label} or [start, end, label]); "
            "record skipped",
        )
    ]


# --- CSV / TSV ----------------------------------------------------------------------------


def test_csv_semicolons_and_multiline_field(tmp_path: Path) -> None:
    content = (
        "id;text;Title;Sprache;lang\n"
        '1;"Erster Absatz.\nZweiter Absatz mit „Zitat“; und Semikolon.";Überschrift;;de\n'
        "2;Zweite Meldung aus Köln;;x;\n"
        "3;;Ohne Text;;\n"
        "4;Vierte Meldung;;;\n"
    )
    path = write(tmp_path / "artikel.csv", content)
    assert read(path) == [
        ImportedRecord(
            text="Erster Absatz.\nZweiter Absatz mit „Zitat“; und Semikolon.",
            source="artikel.csv",
            location=f"{path}:2",
            title="Überschrift",
            language="de",
            meta={"id": "1"},
        ),
        ImportedRecord(
            text="Zweite Meldung aus Köln",
            source="artikel.csv",
            location=f"{path}:4",
            meta={"id": "2", "Sprache": "x"},
        ),
        ImportProblem(f"{path}:5", "empty text"),
        ImportedRecord(
            text="Vierte Meldung", source="artikel.csv", location=f"{path}:6", meta={"id": "4"}
        ),
    ]


def test_csv_crlf_cp1252_and_comma(tmp_path: Path) -> None:
    content = (
        'Text,Language,Quelle\r\n"Preis: 5 €, sagt Müller.\r\nNeue Zeile",de,dpa\r\n'
        "\r\nZweite,en,\r\n"
    )
    path = write(tmp_path / "a.csv", content.encode("cp1252"))
    assert [(r.text, r.language, r.meta, r.location) for r in records(read(path))] == [
        ("Preis: 5 €, sagt Müller.\nNeue Zeile", "de", {"Quelle": "dpa"}, f"{path}:2"),
        ("Zweite", "en", {}, f"{path}:5"),
    ]


def test_csv_missing_text_column_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,body,author\n1,Text eins,Anna\n2,Text zwei,Jörg\n")
    assert read(path) == [
        ImportProblem(
            str(path),
            "no column 'text' (columns: id, body, author); name the text column with --text-field",
        )
    ]


def test_csv_text_field_option_and_case_insensitive_match(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,Body,author\n1,Text eins,Anna\n")
    (record,) = read(path, text_field="body")
    assert isinstance(record, ImportedRecord)
    assert (record.text, record.meta) == ("Text eins", {"id": "1", "author": "Anna"})


def test_csv_exact_column_name_wins_over_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "Text,text\nGroß,klein\n")
    (record,) = read(path)
    assert isinstance(record, ImportedRecord)
    assert (record.text, record.meta) == ("klein", {"Text": "Groß"})


def test_csv_rows_with_too_few_or_many_cells(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,text\n1,Text eins,Extra\n2\n3,Text drei\n")
    assert read(path) == [
        ImportedRecord(
            text="Text eins",
            source="a.csv",
            location=f"{path}:2",
            meta={"id": "1", "column 3": "Extra"},
        ),
        ImportProblem(f"{path}:3", "empty text"),
        ImportedRecord(text="Text drei", source="a.csv", location=f"{path}:4", meta={"id": "3"}),
    ]


def test_tsv_uses_tabs_even_with_commas_in_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", "id\ttext\n1\tEins, zwei, drei\n2\tVier, fünf\n")
    assert [(r.text, r.meta) for r in records(read(path))] == [
        ("Eins, zwei, drei", {"id": "1"}),
        ("Vier, fünf", {"id": "2"}),
    ]


def test_csv_single_column(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", 'text\n"Hallo, Welt"\nNoch ein Text\n')
    assert [r.text for r in records(read(path))] == ["Hallo, Welt", "Noch ein Text"]


def test_csv_long_field_over_default_csv_limit(tmp_path: Path) -> None:
    long_text = "Wort " * 40_000
    path = write(tmp_path / "a.csv", f'id,text\n1,"{long_text}"\n')
    (record,) = read(path)
    assert isinstance(record, ImportedRecord)
    assert record.text == long_text.strip()


def test_csv_empty_file_and_binary_file(tmp_path: Path) -> None:
    empty = write(tmp_path / "leer.csv", "\n\n")
    binary = write(tmp_path / "bin.csv", b"PK\x03\x04\x00\x00")
    assert read(empty, binary) == [
        ImportProblem(str(empty), "empty file: no header row"),
        ImportProblem(str(binary), "binary file, not text"),
    ]


# --- XLSX ---------------------------------------------------------------------------------


def test_xlsx_happy_path(tmp_path: Path) -> None:
    published = dt.datetime(2024, 5, 3, 14, 30)
    path = xlsx(
        tmp_path / "artikel.xlsx",
        [
            ["ID", "Text", "Titel", "title", "Language", "Datum", "Wert"],
            [1, f"{ARTICLE}\n", None, "Entlastung", "de", published, 0.5],
            [None, None, None, None, None, None, None],
            [2, 42, "", None, None, dt.date(2024, 5, 4), None],
            [3, None, "x", None, None, None, None],
        ],
        extra_sheet=True,
    )
    items = read(path)
    assert items == [
        ImportedRecord(
            text=ARTICLE,
            source="artikel.xlsx",
            location=f"{path}:Artikel row 2",
            title="Entlastung",
            language="de",
            meta={"ID": 1, "Datum": "2024-05-03T14:30:00", "Wert": 0.5},
        ),
        ImportedRecord(
            text="42",
            source="artikel.xlsx",
            location=f"{path}:Artikel row 4",
            meta={"ID": 2, "Datum": "2024-05-04T00:00:00"},
        ),
        ImportProblem(f"{path}:Artikel row 5", "empty text"),
    ]
    json.dumps([r.meta for r in records(items)])  # must be JSON-serialisable


def test_xlsx_text_field_option(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["Nr", "Inhalt"], [1, "Bericht über Hamburg"]])
    (record,) = read(path, text_field="inhalt")
    assert isinstance(record, ImportedRecord)
    assert (record.text, record.meta, record.location) == (
        "Bericht über Hamburg",
        {"Nr": 1},
        f"{path}:Artikel row 2",
    )


def test_xlsx_missing_text_column(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "a.xlsx", [["id", "body", "author"], [1, "Text", "Anna"]])
    assert read(path) == [
        ImportProblem(
            str(path),
            "no column 'text' (columns: id, body, author); name the text column with --text-field",
        )
    ]


def test_xlsx_renamed_text_file_is_not_readable(tmp_path: Path) -> None:
    path = write(tmp_path / "falsch.xlsx", "text\nKein Excel\n")
    assert read(path) == [
        ImportProblem(str(path), "not a readable Excel workbook: File is not a zip file")
    ]


def test_xlsx_corrupt_zip_is_not_readable(tmp_path: Path) -> None:
    good = xlsx(tmp_path / "gut.xlsx", [["text"], ["Eins"]])
    path = write(tmp_path / "kaputt.xlsx", good.read_bytes()[:300])
    (problem,) = read(path)
    assert isinstance(problem, ImportProblem)
    assert problem.location == str(path)
    assert problem.message.startswith("not a readable Excel workbook: ")


def test_xlsx_zip_without_workbook_is_not_readable(tmp_path: Path) -> None:
    path = tmp_path / "leer.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hallo.txt", "kein Workbook")
    (problem,) = read(path)
    assert isinstance(problem, ImportProblem)
    assert problem.message.startswith("not a readable Excel workbook: ")


def test_xlsx_workbook_is_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Any] = []
    original = openpyxl.load_workbook

    def tracking(*args: Any, **kwargs: Any) -> Any:
        opened.append(original(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(openpyxl, "load_workbook", tracking)
    path = xlsx(tmp_path / "a.xlsx", [["text"], ["Eins"], ["Zwei"]])
    assert len(read(path)) == 2
    stopped_early = read_paths([path], ReadOptions())
    next(stopped_early)
    stopped_early.close()
    assert len(opened) == 2
    assert all(workbook._archive.fp is None for workbook in opened)
