"""Excel workbooks are limited by what they expand to, not by their size on disk, and their
rows are read sparsely (issue 14, point 8). The workbooks are written part by part, as a
hostile user would craft them."""

from __future__ import annotations

import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from storage.importing.readers import read_paths
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions
from tests.export_factories import MAIN, PARTS, row, workbook


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def read(path: Path) -> list[ImportedRecord | ImportProblem]:
    return list(read_paths([path], ReadOptions()))


@pytest.fixture
def openpyxl_never_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("openpyxl was asked to load the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_cell_that_expands_to_300_mb_is_refused_before_loading(tmp_path, openpyxl_never_loads):
    def huge_string() -> Iterator[bytes]:
        yield b"<si><t>"
        chunk = b"A" * 1024 * 1024
        for _ in range(300):
            yield chunk
        yield b"</t></si>"

    path = workbook(
        tmp_path / "bombe.xlsx", [row(1, '<c r="A1" t="s"><v>0</v></c>')], huge_string()
    )
    assert path.stat().st_size < 2 * 1024 * 1024  # tiny on disk
    tracemalloc.start()
    try:
        items = read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert items == [
        ImportProblem(
            str(path),
            "too big to read: the part xl/sharedStrings.xml expands to 300.0 MB, more than "
            "the 256.0 MB allowed",
        )
    ]
    assert peak < 16 * 1024 * 1024


def test_a_million_rows_reaching_column_xfd_are_refused_before_loading(
    tmp_path, openpyxl_never_loads
):
    def rows() -> Iterator[bytes]:
        yield row(1, inline("A1", "text"))
        for start in range(2, 1_000_002, 10_000):
            yield b"".join(
                b'<row r="%d"><c r="XFD%d" t="s"><v>0</v></c></row>' % (n, n)
                for n in range(start, start + 10_000)
            )

    path = workbook(tmp_path / "breit.xlsx", rows(), dimension="A1:XFD1000001")
    assert path.stat().st_size < 8 * 1024 * 1024
    assert read(path) == [
        ImportProblem(
            str(path),
            "too big to read: the part xl/worksheets/sheet1.xml has more than 4,000,000 XML tags",
        )
    ]


def test_rows_reaching_column_xfd_are_read_sparsely(tmp_path, monkeypatch):
    materialised: list[int] = []  # values of padded rows that openpyxl's iter_rows builds
    parsed: list[int] = []
    get_row, parse_cell = ReadOnlyWorksheet._get_row, WorkSheetParser.parse_cell

    def counting_get_row(self: Any, *args: Any, **kwargs: Any) -> Any:
        values = get_row(self, *args, **kwargs)
        materialised.append(len(values))
        return values

    def counting_parse_cell(self: Any, element: Any) -> Any:
        parsed.append(1)
        return parse_cell(self, element)

    monkeypatch.setattr(ReadOnlyWorksheet, "_get_row", counting_get_row)
    monkeypatch.setattr(WorkSheetParser, "parse_cell", counting_parse_cell)
    rows = [row(1, inline("A1", "text"), inline("XFD1", "weit"))]
    rows += [
        row(n, inline(f"A{n}", f"Artikel {n}"), inline(f"XFD{n}", "x")) for n in range(2, 3002)
    ]
    path = workbook(tmp_path / "breit.xlsx", rows, dimension="A1:XFD3001")
    items = read(path)
    assert items[0] == ImportProblem(
        f"{path}:Artikel row 1",
        "only the first 1,024 columns are read; this row has a value in column 16,384, which "
        "is left out here and in every other row",
        severity="warning",
    )
    assert [(r.text, r.meta) for r in items[1:]] == [(f"Artikel {n}", {}) for n in range(2, 3002)]
    assert sum(materialised) == 0  # no row was padded out to column XFD
    assert len(parsed) == 2 * 3001  # each cell present is read once, no other


def test_a_cell_that_is_not_what_it_claims_costs_only_its_row(tmp_path):
    rows = [
        row(1, inline("A1", "text"), inline("B1", "wert")),
        row(2, inline("A2", "Erste Meldung"), '<c r="B2"><v>7</v></c>'),
        row(3, inline("A3", "Zweite Meldung"), '<c r="B3"><v>abc</v></c>'),
        row(4, '<c r="A4" t="s"><v>99</v></c>'),
        row(5, inline("A5", "Dritte Meldung"), '<c r="B5"><v>1e999</v></c>'),
    ]
    path = workbook(tmp_path / "kaputt.xlsx", rows)
    items = read(path)
    assert items == [
        ImportedRecord("Erste Meldung", "kaputt.xlsx", f"{path}:Artikel row 2", meta={"wert": 7}),
        ImportProblem(
            f"{path}:Artikel row 3",
            "the cell 'B3' cannot be read: invalid literal for int() with base 10: 'abc'; "
            "row skipped",
        ),
        ImportProblem(
            f"{path}:Artikel row 4",
            "the cell 'A4' cannot be read: list index out of range; row skipped",
        ),
        ImportedRecord(
            "Dritte Meldung", "kaputt.xlsx", f"{path}:Artikel row 5", meta={"wert": float("inf")}
        ),
    ]


def test_a_sheet_that_breaks_off_keeps_the_rows_before(tmp_path):
    path = tmp_path / "abgebrochen.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}"/>')
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}"><dimension ref="A1:A3"/><sheetData>'.encode()
            + row(1, inline("A1", "text"))
            + row(2, inline("A2", "Erste Meldung"))
            + b'<row r="3"><c r="A3" t="inlineStr"><is><t>Zwei',
        )
    items = read(path)
    assert [getattr(item, "text", None) for item in items] == ["Erste Meldung", None]
    assert items[1].location == f"{path}:Artikel row 3"
    assert items[1].message.startswith("the sheet's XML breaks off: no element found")
    assert items[1].message.endswith("; the rest of the sheet is skipped")


def test_an_archive_of_too_many_parts_is_refused_before_loading(tmp_path, openpyxl_never_loads):
    path = workbook(tmp_path / "teile.xlsx", [row(1, inline("A1", "text"))])
    with zipfile.ZipFile(path, "a") as archive:
        for n in range(10_001):
            archive.writestr(f"x/{n}", b"")
    assert read(path) == [
        ImportProblem(
            str(path),
            "too big to read: the workbook has 10,007 parts, more than the 10,000 allowed",
        )
    ]
