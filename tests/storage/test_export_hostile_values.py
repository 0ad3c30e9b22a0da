"""Every export format survives whatever a project stores: control characters, lone
surrogates, U+FFFE/U+FFFF, NaN and infinities, numbers too long for Python, metadata that is
no JSON object, more metadata keys than Excel has columns. Stored here through the ORM or SQL,
past the import (which cleans new data), because old projects already hold such data."""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
from pathlib import Path

import openpyxl
import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab
from sqlalchemy import select
from sqlalchemy import text as sql

from nlp.conll import read_tagged_sentences
from services.exporting import export_project
from storage.export.excel import ExportLabels, LabelInfo, safe_cell_value, write_workbook
from storage.export.records import ExportDocument, ExportOptions, ExportSpan
from storage.models import (
    AnnotationState,
    Document,
    DocumentStatus,
    DocumentStatusValue,
    EntityLabel,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.project import OpenProject, get_or_create_annotator

# No surrogates (SQLite cannot store them in text columns; JSON escapes them in metadata), no
# NUL (SQLite's length() stops at one, and the schema checks the length).
TEXT = (
    "Die NATO\x08 warnt \x01Russland\ufffe. \uffff😀 Kyjiw\x85 dankt\u2028 Olaf\x1c Scholz.\r\nEnde"
)
LABEL = "NEU\tES\x1c LABEL\x01\ufffe"
TARGET = "NATO\x01\ufffe"
META = {
    "k\x01ey": "v\x02alue\ufffe",
    "sur\ud800": "x\udfff",
    "nan": math.nan,
    "inf": math.inf,
    "neg": -math.inf,
    "=formula": "=cmd|' /C calc'!A0",
    "nested": {"a": math.nan, "b\ud800": [1, "\x00", "\uffff"]},
}


def xml_text(text: str) -> str:
    """What XML 1.0 cannot carry, as U+FFFD (what the workbook is to hold)."""
    return re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", text)


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def hostile_project(project: OpenProject) -> int:
    """One document with hostile text, title, source and metadata; a label, a target, an
    annotator and origins with control characters."""
    with project.db.write() as session:
        pid = project.project_id
        document = Document(
            project_id=pid,
            sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
            text=TEXT,
            text_length=len(TEXT),
            title="=\x01Titel\ufffe",
            source="\x02quelle\uffff.txt",
            language="d\x01e",
            meta=META,
        )
        label = EntityLabel(project_id=pid, name=LABEL, colour="#00aa00", position=99)
        target = StanceTarget(project_id=pid, name=TARGET)
        session.add_all([document, label, target])
        session.flush()
        who = get_or_create_annotator(session, "=anna\x01\ufffe").id
        stance_label = session.scalars(
            select(StanceLabel).where(StanceLabel.project_id == pid)
        ).first()
        stance_label.name = "GEGEN\x01\ufffe"
        for word, annotator in (("Russland\ufffe", who), ("Olaf\x1c Scholz", None)):
            start, end = at(word)
            session.add(
                EntitySpan(
                    document_id=document.id,
                    doc_length=len(TEXT),
                    start_offset=start,
                    end_offset=end,
                    label_id=label.id,
                    state=AnnotationState.ACCEPTED if annotator else AnnotationState.SUGGESTED,
                    origin_kind=OriginKind.MODEL,
                    origin_name="modell\x02\ufffe",
                    origin_version="=1\x03",
                    confidence=0.5,
                    annotator_id=annotator,
                )
            )
        for scope, (start, end) in (
            (StanceScope.SENTENCE, (0, TEXT.index(".") + 1)),
            (StanceScope.DOCUMENT, (0, len(TEXT))),
        ):
            session.add(
                StanceAnnotation(
                    document_id=document.id,
                    doc_length=len(TEXT),
                    start_offset=start,
                    end_offset=end,
                    scope=scope,
                    sentence_index=0 if scope == StanceScope.SENTENCE else None,
                    target_id=target.id,
                    label_id=stance_label.id,
                    state=AnnotationState.ACCEPTED,
                    origin_kind=OriginKind.MANUAL,
                    annotator_id=who,
                    explanation="\x01weil\ufffe\uffff",
                )
            )
        session.add(
            DocumentStatus(
                document_id=document.id,
                annotator_id=who,
                status=DocumentStatusValue.DONE,
                seconds_spent=math.inf,
            )
        )
        return document.id


def export(project: OpenProject, fmt: str, out: Path, **options) -> Path:
    options.setdefault("state", "all")
    export_project(project.db, project.project_id, fmt, out, ExportOptions(**options))
    return out


def strict_json(line: bytes) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is no JSON")

    return json.loads(line.decode("utf-8"), parse_constant=refuse)


def every_cell(path: Path) -> list[object]:
    """Every cell value, read back both ways openpyxl reads a workbook."""
    values = []
    for read_only in (False, True):
        book = openpyxl.load_workbook(path, read_only=read_only)
        values = [v for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
        book.close()
    return values


def sheet_rows(path: Path, name: str) -> list[dict]:
    values = list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def test_the_workbook_opens_and_keeps_offsets(project, tmp_path):
    hostile_project(project)
    out = export(project, "xlsx", tmp_path / "x.xlsx")
    values = every_cell(out)
    assert "meta k\ufffdey" in values and "meta sur\ufffd" in values  # keys as headers
    assert {"NaN", "Infinity", "-Infinity", "=cmd|' /C calc'!A0"} <= set(values)
    [document] = sheet_rows(out, "Documents")
    assert document["title"] == "=\ufffdTitel\ufffd"
    assert document["minutes =anna\ufffd\ufffd"] == "Infinity"
    shown = xml_text(TEXT)
    for row in sheet_rows(out, "Entities"):
        assert row["text"] == shown[row["start"] : row["end"]]  # one character for one
        assert row["label"] == "NEU\tES\ufffd LABEL\ufffd\ufffd"
    book = openpyxl.load_workbook(out)
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)


def test_jsonl_is_strict_json_in_utf8_with_the_offsets(project, tmp_path):
    hostile_project(project)
    for doccano in (False, True):
        out = export(project, "jsonl", tmp_path / f"x{doccano}.jsonl", doccano=doccano)
        lines = out.read_bytes().splitlines()
        assert lines
        for line in lines:
            record = strict_json(line)
            assert len(record["text"]) == len(TEXT)
            assert record["meta"]["nan"] is None and record["meta"]["sur\ufffd"] == "x\ufffd"
            assert record["meta"]["nested"] == {"a": None, "b\ufffd": [1, "\x00", "\uffff"]}
            for span in record["spans"]:
                assert record["text"][span["start"] : span["end"]] == span["text"]


def test_spacy_conll_and_csv_read_back(project, tmp_path):
    hostile_project(project)
    docs = list(
        DocBin().from_disk(export(project, "spacy", tmp_path / "x.spacy")).get_docs(Vocab())
    )
    assert docs and all(len(doc.text) == len(TEXT) for doc in docs)
    assert {e.label_ for doc in docs for e in doc.ents} == {LABEL}
    sentences = list(read_tagged_sentences(export(project, "conll", tmp_path / "x.conll")))
    tags = {tag for sentence in sentences for tag in sentence.tags}
    assert "B-NEU_ES__LABEL\x01\ufffe" in tags
    assert "Olaf" in [token for sentence in sentences for token in sentence.tokens]
    export(project, "csv", tmp_path / "x.csv")
    with (tmp_path / "x-entities.csv").open(encoding="utf-8-sig", newline="") as stream:
        entities = list(csv.DictReader(stream))
    assert {row["text"] for row in entities} == {"Russland\ufffe", "Olaf\x1c Scholz"}


def test_metadata_that_is_no_json_object_or_holds_overlong_numbers(project, tmp_path):
    document = hostile_project(project)
    digits = "7" * 4400  # more than Python converts to int by default
    for meta in ("not json {", "[1, 2]", f'{{"big": {digits}, "n": NaN}}'):
        with project.db.write() as session:
            session.execute(
                sql("UPDATE documents SET meta = :m WHERE id = :d"), {"m": meta, "d": document}
            )
        out = export(project, "xlsx", tmp_path / "x.xlsx")
        row = sheet_rows(out, "Documents")[0]
        assert row.get("meta meta", row.get("meta big")) is not None
        line = export(project, "jsonl", tmp_path / "x.jsonl").read_bytes().splitlines()[0]
        assert strict_json(line)["meta"]
    assert row["meta big"] == digits and row["meta n"] == "NaN"


def test_more_metadata_keys_than_excel_has_columns(project, tmp_path):
    document = hostile_project(project)
    many = {f"key {i:05}": i for i in range(17_000)}
    with project.db.write() as session:
        session.get(Document, document).meta = many
    out = tmp_path / "x.xlsx"
    report = export_project(project.db, project.project_id, "xlsx", out, ExportOptions())
    book = openpyxl.load_workbook(out, read_only=True)
    header = next(book["Documents"].iter_rows(values_only=True))
    assert len(header) <= 16_384
    assert [line for line in report.details if "16,000 of 17,000 metadata keys" in line]
    readme = [row for row in book["README"].iter_rows(values_only=True) if row[1] == "(left out)"]
    assert readme and "metadata keys" in readme[0][2]


def test_rows_beyond_excels_limit_are_left_out_and_said(tmp_path, monkeypatch):
    from storage.export import excel_sheet

    monkeypatch.setattr(excel_sheet, "MAX_ROWS", 4)  # a header and three rows
    spans = [
        ExportSpan(i, i + 1, "x", "PER", "accepted", "manual", None, "anna", "", "")
        for i in range(10)
    ]
    document = ExportDocument(1, "t", "s", "de", "x" * 10, {}, {}, {}, spans=spans)
    out = tmp_path / "x.xlsx"
    report = write_workbook([document], out, ExportLabels())
    assert openpyxl.load_workbook(out)["Entities"].max_row == 4
    assert report.entities == 3 and "Entities: left out 7 rows" in report.details[0]


def test_numbers_a_spreadsheet_cannot_hold_and_a_colour_that_is_none(tmp_path):
    meta = {"nan": math.nan, "big": 2**80, "huge": 10**4400, "ok": 2**53, "small": -(2**60)}
    document = ExportDocument(1, "t", "s", "de", "Text", meta, {"anna": "done"}, {"anna": math.nan})
    out = tmp_path / "x.xlsx"
    labels = ExportLabels(entity=[LabelInfo("PER", "#zzzzzz")], stance=[LabelInfo("X", "")])
    write_workbook([document], out, labels, annotators=["anna"], meta_keys=list(meta))
    every_cell(out)
    [row] = sheet_rows(out, "Documents")
    assert (row["meta nan"], row["meta big"], row["meta ok"]) == ("NaN", str(2**80), 2**53)
    assert row["meta small"] == str(-(2**60)) and row["minutes anna"] == "NaN"
    assert row["meta huge"].startswith("0x")


def test_long_text_is_cut_in_the_units_excel_counts():
    sheet = openpyxl.Workbook(write_only=True).create_sheet("x")
    value = safe_cell_value(sheet, "😀" * 20_000)  # 40,000 UTF-16 units
    assert len(value.encode("utf-16-le")) // 2 <= 32_767 and value.endswith("…")
    assert safe_cell_value(sheet, "a\ud800b\ufffe\uffff") == "a\ufffdb\ufffd\ufffd"
    assert safe_cell_value(sheet, math.inf) == "Infinity"


@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "conll", "csv"])
def test_surrogates_in_records_made_by_hand(tmp_path, fmt):
    """ExportDocuments that did not come from SQLite can hold lone surrogates anywhere."""
    from storage.export.training_data import write

    text = "a\ud800 Olaf b"
    span = ExportSpan(3, 7, "Olaf", "P\udc00ER", "accepted", "m\ud800", None, "x\ud800", "", "")
    document = ExportDocument(1, "t\ud800", "s", "de", text, {"k": "\ud800"}, {}, {}, [span])
    report = write(fmt, [document], tmp_path / "out", ExportOptions())
    for path in report.files:
        if fmt == "spacy":
            [doc] = DocBin().from_disk(path).get_docs(Vocab())
            assert (doc.text, doc.user_data["annotator"]) == ("a\ufffd Olaf b", "x\ufffd")
        else:
            path.read_bytes().decode("utf-8")  # strict
