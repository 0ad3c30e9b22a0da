"""A corrected workbook with cells no person meant as numbers ("²", 5,000 digits, booleans,
NaN, formulas, huge text): every bad row is reported with sheet, row and why, the good ones
are applied, and the import is one transaction: all good rows or none."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

import storage.importing.corrections.workbook as corrections
from storage.importing.corrections.workbook import CorrectionsFileError, apply_corrections
from storage.models import EntitySpan, Event, OriginKind
from storage.project import OpenProject
from tests.export_factories import (
    EMOJI,
    at,
    build_project,
    export_all,
    find_row,
    own_spans,
    rows_digest,
    set_cells,
)
from tests.export_factories import row as xlsx_row
from tests.export_factories import workbook as xlsx_workbook
from tests.factories import add_documents

BAD_NUMBERS = {  # column -> what a spreadsheet may hold there
    "superscript two": ("start", "²"),
    "thousands of digits": ("end", "9" * 5_000),
    "a boolean": ("document", True),
    "negative": ("start", -3),
    "too large a float": ("end", 1e308),
    "a fraction": ("start", 2.5),
    "not a number": ("end", float("nan")),
    "a formula": ("document", "=1+1"),
    "arabic-indic digits": ("start", "٣"),
}


@pytest.fixture
def workbook(project: OpenProject, tmp_path: Path) -> Path:
    build_project(project)
    return export_all(project, tmp_path / "export.xlsx")


def events(project: OpenProject) -> list[Event]:
    with project.db.read() as session:
        return list(session.scalars(select(Event).order_by(Event.id)))


def test_bad_numbers_are_reported_and_the_good_rows_applied(project, workbook):
    book = openpyxl.load_workbook(workbook)
    entities = book["Entities"]
    texts = ["NATO", "Kyjiw", "Olaf Scholz", "Cafe\u0301", "Ángela Merkel", "+49", "-1"]
    texts += ["@user", "=SUM(A1)"]
    rows = {}
    for (name, (column, value)), word in zip(BAD_NUMBERS.items(), texts, strict=True):
        rows[name] = find_row(entities, text=word, annotator="anna")
        set_cells(entities, rows[name], **{column: value}, label="ORG")
    good = find_row(entities, text="Russland", annotator=None)
    set_cells(entities, good, label="ORG")
    stance = book["Stance"]
    set_cells(stance, find_row(stance, target="NATO", annotator="anna"), **{"sentence no.": "²"})
    book.save(workbook)
    before = len(events(project))
    report = apply_corrections(project.db, project.project_id, workbook, "coordinator")
    assert report.applied == 1 and report.not_applied == len(BAD_NUMBERS) + 1
    for name, row in rows.items():
        column = BAD_NUMBERS[name][0]
        [line] = [p for p in report.problems if f"sheet Entities, row {row}:" in p]
        assert f": {column} is " in line, (name, line)
    assert any("sheet Stance" in p and "sentence no. is not" in p for p in report.problems)
    assert all(len(p) <= 500 for p in report.problems)
    new = [e for e in events(project)[before:] if e.annotator_id is not None]  # not the memory's
    assert new and {e.action_id for e in new} == {report.action_id}
    assert (*at(EMOJI, "Russland"), "ORG", "edited", "model") in own_spans(project, "coordinator")


def replace_in_zip(path: Path, old: bytes, new: bytes) -> None:
    """Edit the workbook's XML directly (what no spreadsheet program would write)."""
    with zipfile.ZipFile(path) as source:
        parts = {info: source.read(info) for info in source.infolist()}
    assert sum(old in data for data in parts.values()) == 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts.items():
            target.writestr(info, data.replace(old, new))


def test_a_number_too_long_to_read_costs_only_its_row(project, workbook):
    book = openpyxl.load_workbook(workbook)
    entities = book["Entities"]
    bad = find_row(entities, text="Kyjiw")
    set_cells(entities, bad, start=987_654_321)
    set_cells(entities, find_row(entities, text="Berlin"), state="rejected")
    set_cells(book["Document stance"], 2, label="AGAINST")
    book.save(workbook)
    replace_in_zip(workbook, b"<v>987654321</v>", b"<v>" + b"9" * 5_000 + b"</v>")
    report = apply_corrections(project.db, project.project_id, workbook, "coordinator")
    [problem] = report.problems
    assert problem.startswith(f"export.xlsx, sheet Entities, row {bad}: the cell 'C{bad}'")
    assert report.applied == 2  # the other rows of its sheet, and the Document stance sheet


def test_huge_text_in_a_cell_makes_a_short_line(project, workbook):
    book = openpyxl.load_workbook(workbook)
    entities = book["Entities"]
    set_cells(entities, find_row(entities, text="Kyjiw"), label="L" * 30_000, text="T" * 30_000)
    set_cells(book["Stance"], 2, target="Z" * 30_000)
    book.save(workbook)
    report = apply_corrections(project.db, project.project_id, workbook, "coordinator")
    assert len(report.problems) == 2 and all(len(p) <= 300 for p in report.problems)


def test_a_database_error_midway_leaves_the_project_as_it_was(project, workbook):
    book = openpyxl.load_workbook(workbook)
    entities = book["Entities"]
    set_cells(entities, find_row(entities, text="Russland", annotator=None), label="ORG")
    set_cells(entities, find_row(entities, text="Berlin"), state="rejected")
    set_cells(book["Document stance"], 2, label="AGAINST")
    book.save(workbook)
    with project.db.write() as session:  # the last sheet's change fails in the database
        session.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON stance_annotations "
                "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
            )
        )
    before, count = rows_digest(project), len(events(project))
    with pytest.raises(SQLAlchemyError, match="disk on fire"):
        apply_corrections(project.db, project.project_id, workbook, "coordinator")
    assert rows_digest(project) == before and len(events(project)) == count
    with project.db.write() as session:
        session.execute(text("DROP TRIGGER refuse"))
    report = apply_corrections(project.db, project.project_id, workbook, "coordinator")
    assert (report.applied, report.problems) == (3, [])
    assert len({e.action_id for e in events(project)[count:]}) == 1
    again = apply_corrections(project.db, project.project_id, workbook, "coordinator")
    assert (again.applied, again.not_applied) == (0, 0)  # the same file changes nothing


def test_a_refused_row_rolls_back_only_itself(project, workbook):
    """A resize onto an open suggestion fails after the annotator's copy of the span was made:
    the copy goes with the row, the other rows stay."""
    book = openpyxl.load_workbook(workbook)
    entities = book["Entities"]
    start, end = at(EMOJI, "Russland. 🇺🇦 Kyjiw")
    row = find_row(entities, text="Kyjiw")
    set_cells(entities, row, start=start, end=end, text=EMOJI[start:end])
    set_cells(entities, find_row(entities, text="Berlin"), state="rejected")
    book.save(workbook)
    report = apply_corrections(project.db, project.project_id, workbook, "coordinator")
    assert report.applied == 1 and len(report.problems) == 1, report.problems
    assert f"row {row}: overlaps" in report.problems[0]
    with project.db.read() as session:
        kyjiw = session.scalar(
            select(func.count(EntitySpan.id)).where(
                EntitySpan.start_offset == at(EMOJI, "Kyjiw")[0]
            )
        )
    assert kyjiw == 1  # anna's own, no stray copy of it


def test_the_memory_still_learns_from_each_row(project, tmp_path):
    """In the one transaction each entity row still refreshes the project memory: a name
    added by a row is suggested where it occurs again in that document."""
    text = "Kyjiw ist schön. Später war Kyjiw still."
    [document] = add_documents(project, [text])
    path = export_all(project, tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(path)
    book["Entities"].append([document, None, 0, 5, "Kyjiw", "LOC", "accepted"])
    book.save(path)
    report = apply_corrections(project.db, project.project_id, path, "coordinator")
    assert report.applied == 1
    with project.db.read() as session:
        suggested = session.scalars(
            select(EntitySpan).where(EntitySpan.origin_kind == OriginKind.MEMORY)
        ).all()
    assert [(s.start_offset, s.end_offset, s.label.name) for s in suggested] == [(28, 33, "LOC")]


def test_a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_unloaded(
    project, tmp_path, monkeypatch
):
    def huge_string():  # type: ignore[no-untyped-def]
        yield b"<si><t>"
        for _ in range(300):
            yield b"A" * 1024 * 1024
        yield b"</t></si>"

    path = xlsx_workbook(
        tmp_path / "bombe.xlsx", [xlsx_row(1, '<c r="A1" t="s"><v>0</v></c>')], huge_string()
    )

    def never(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("openpyxl was asked to load the workbook")

    monkeypatch.setattr(corrections, "load_workbook", never)
    refused = r"bombe\.xlsx: the part xl/sharedStrings\.xml expands to 300\.0 MB"
    with pytest.raises(CorrectionsFileError, match=refused):
        apply_corrections(project.db, project.project_id, path, "coordinator")


def test_cells_far_right_are_not_padded_out(project, workbook, monkeypatch):
    """A cell in column XFD on every row: openpyxl's iter_rows would build 16,384 values a
    row; the rows are read cell by cell instead, and the far cell is ignored."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    book = openpyxl.load_workbook(workbook)
    entities = book["Entities"]
    set_cells(entities, find_row(entities, text="Berlin"), state="rejected")
    for number in range(1, entities.max_row + 1):
        entities.cell(number, 16_384).value = "x"
    book.save(workbook)

    def padded(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the rows were padded out by iter_rows")

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", padded)
    report = apply_corrections(project.db, project.project_id, workbook, "coordinator")
    assert (report.applied, report.problems) == (1, [])
