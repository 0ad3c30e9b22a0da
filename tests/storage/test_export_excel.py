"""The Excel export, read back with openpyxl: sheets, safety, offsets, the temporary file."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from services.exporting import export_project
from storage.export.excel import (
    ExportCancelledError,
    ExportLabels,
    LabelInfo,
    safe_cell_value,
    write_workbook,
)
from storage.export.records import ExportDocument, ExportOptions, ExportSpan
from tests.export_factories import TEXTS, build_project

SHEETS = [
    "Documents",
    "Entities",
    "Stance",
    "Document stance",
    "Claims",
    "Agreement",
    "Labels",
    "README",
]
LABELS = ExportLabels(entity=[LabelInfo("PER", "#cc79a7", "Person")])


@pytest.fixture
def workbook_file(project, tmp_path) -> tuple[Path, dict[int, str]]:
    built = build_project(project)
    out = tmp_path / "export.xlsx"
    report = export_project(project.db, project.project_id, "xlsx", out, ExportOptions(state="all"))
    assert (report.documents, report.path) == (3, out)
    return out, dict(zip(built.docs, TEXTS, strict=True))


def rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_every_sheet_has_a_frozen_filtered_header(workbook_file):
    book = openpyxl.load_workbook(workbook_file[0])
    assert book.sheetnames == SHEETS
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert sheet["A1"].font.b, sheet.title
    entities = book["Entities"]
    assert entities.column_dimensions["J"].width == 45  # left context
    assert book["Stance"]["E2"].alignment.wrap_text  # sentence text


def test_entity_rows_are_the_documents_text_at_their_offsets(workbook_file):
    out, texts = workbook_file
    entities = rows(openpyxl.load_workbook(out)["Entities"])
    assert len(entities) == 12  # 10 decisions, ben's rejection, one open suggestion
    for row in entities:
        text = texts[row["document"]]
        assert row["text"] == text[row["start"] : row["end"]]
        left = row["left context"] or ""
        assert text[: row["start"]].endswith(left) and len(left) <= 40
    scholz = next(r for r in entities if r["text"] == "Olaf Scholz")
    assert scholz["right context"] == "."
    assert "🇺🇦 Kyjiw 😀 dankt " in scholz["left context"]


def test_label_cells_have_the_label_colour(workbook_file):
    book = openpyxl.load_workbook(workbook_file[0])
    entities = book["Entities"]
    header = [c.value for c in entities[1]]
    column = header.index("label") + 1
    colours = {
        entities.cell(r, column).value: entities.cell(r, column).fill.fgColor.rgb
        for r in range(2, entities.max_row + 1)
    }
    assert colours["PER"] == "00CC79A7" and colours["LOC"] == "0056B4E9"
    labels = {r[1].value: r[1].fill.fgColor.rgb for r in book["Labels"].iter_rows(min_row=2)}
    assert labels["AGAINST"] == "00D55E00" and len(labels) == 7
    stance = book["Document stance"]
    assert (stance["C2"].value, stance["C2"].fill.fgColor.rgb) == ("FAVOR", "00009E73")


def test_text_that_looks_like_a_formula_stays_text(workbook_file):
    entities = openpyxl.load_workbook(workbook_file[0])["Entities"]
    cells = {c.value: c for c in entities["E"][1:]}
    for value in ("=SUM(A1)", "+49", "-1", "@user"):
        assert cells[value].data_type != "f" and cells[value].value == value


def test_every_dangerous_start_in_any_column(tmp_path):
    dangerous = ["=1+1", "+1", "-2", "@SUM(1)", "\tTab", "\rReturn", "=cmd|' /C calc'!A0"]
    document = ExportDocument(
        id=1,
        title=dangerous[0],
        source=dangerous[1],
        language=dangerous[2],
        text="=1+1 x",
        meta={"a": dangerous[4], "b": dangerous[5], "c": dangerous[6]},
        status={"=anna": dangerous[3]},
        seconds={},
        spans=[ExportSpan(0, 4, "=1+1", "PER", "accepted", "-", None, "=anna", "@t", "+t")],
    )
    out = tmp_path / "x.xlsx"
    write_workbook([document], out, LABELS, annotators=["=anna"], meta_keys=["a", "b", "c"])
    book = openpyxl.load_workbook(out)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    values = {c.value for c in cells}
    # XML parsers read a carriage return in text as a line feed (XML 1.0, 2.11): the cell
    # holds text either way, never a formula.
    expected = {v.replace("\r", "\n") for v in dangerous}
    assert expected <= values and {"=anna", "@t", "+t", "status =anna"} <= values


def test_safe_cell_value(tmp_path):
    sheet = openpyxl.Workbook(write_only=True).create_sheet("x")
    assert safe_cell_value(sheet, "NATO") == "NATO"
    assert safe_cell_value(sheet, 3) == 3
    cell = safe_cell_value(sheet, "=1")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1", "s", True)
    assert safe_cell_value(sheet, "a\x0cb") == "a\ufffdb"  # XML cannot carry a form feed


def test_documents_sheet_status_time_and_metadata(tmp_path):
    document = ExportDocument(
        1, "Titel", "a.txt", "de", "Text", {"ressort": "Politik", "tags": ["a"]},
        {"anna": "done"}, {"anna": 150.0},
    )  # fmt: skip
    out = tmp_path / "d.xlsx"
    write_workbook(
        [document], out, LABELS, annotators=["anna", "ben"], meta_keys=["ressort", "tags"]
    )
    [row] = rows(openpyxl.load_workbook(out)["Documents"])
    assert row == {
        "id": 1,
        "title": "Titel",
        "source": "a.txt",
        "language": "de",
        "status anna": "done",
        "status ben": "new",  # never opened: "new", as the app's list says
        "minutes anna": 2.5,
        "minutes ben": None,
        "unsure": None,  # nobody flagged it (tests/storage/test_document_flags.py)
        "unsure note": None,
        "meta ressort": "Politik",
        "meta tags": '["a"]',
    }


def many_documents(count: int):
    for index in range(count):
        yield ExportDocument(index + 1, "t", "s", "de", "Olaf", {}, {}, {})


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path):
    out = tmp_path / "x.xlsx"
    asked = iter(range(1000))
    with pytest.raises(ExportCancelledError):
        write_workbook(many_documents(50), out, LABELS, should_cancel=lambda: next(asked) == 10)
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"the old export")
    with pytest.raises(ExportCancelledError):
        write_workbook(many_documents(50), out, LABELS, should_cancel=lambda: True)
    assert list(tmp_path.iterdir()) == [out] and out.read_bytes() == b"the old export"


def test_a_failure_midway_keeps_the_old_file(tmp_path):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"the old export")

    def failing():
        yield from many_documents(3)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_workbook(failing(), out, LABELS)
    assert list(tmp_path.iterdir()) == [out] and out.read_bytes() == b"the old export"
    seen: list[int] = []
    report = write_workbook(many_documents(3), out, LABELS, progress=seen.append)
    assert report.documents == 3 and seen[-1] == 3
    assert openpyxl.load_workbook(out)["Documents"].max_row == 4


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


# Every sheet to its own CSV file (token 12: -1), UTF-8 (76), comma, double quotes.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.mark.skipif(_office() is None, reason="LibreOffice (libreoffice/soffice) is not installed")
def test_libreoffice_reads_the_same_rows(workbook_file, tmp_path):
    out, _ = workbook_file
    converted = tmp_path / "converted"
    subprocess.run(
        [_office(), "--headless", "--convert-to", CSV_FILTER, "--outdir", str(converted), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    book = openpyxl.load_workbook(out)
    for sheet in ("Documents", "Entities"):
        with (converted / f"export-{sheet}.csv").open(encoding="utf-8", newline="") as stream:
            office = list(csv.reader(stream))
        ours = list(book[sheet].iter_rows(values_only=True))
        assert len(office) == len(ours), sheet
        # Text cells must come back character for character (formula-like ones too).
        for office_row, our_row in zip(office, ours, strict=True):
            texts = [
                (o, v) for o, v in zip(office_row, our_row, strict=False) if isinstance(v, str)
            ]
            assert all(o == v for o, v in texts), (sheet, office_row, our_row)


def test_sentences_count_from_1_as_in_the_app_and_the_readme_sheet_says_so(workbook_file):
    out, texts = workbook_file
    book = openpyxl.load_workbook(out)
    stance = rows(book["Stance"])
    assert stance and "sentence index" not in stance[0]
    for row in stance:  # each is the document's first sentence: stored index 0, number 1
        assert row["sentence no."] == 1
        assert row["sentence text"] == texts[row["document"]][row["start"] : row["end"]]
    readme = {(r["sheet"], r["column"]): r["meaning"] for r in rows(book["README"])}
    meaning = readme["Stance", "sentence no."]
    assert "counted from 1" in meaning and "sentence_index counts from 0" in meaning
