"""A corrected export workbook imported back: which rows become edits, which are reported,
and that a second import of the same file changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from storage.entity_edits import EntityEditor
from storage.importing.corrections.workbook import (
    CorrectionsFileError,
    CorrectionsReport,
    apply_corrections,
)
from storage.models import Annotator, EntitySpan, Event, StanceAnnotation, StanceScope
from storage.project import OpenProject
from tests.export_factories import (
    COMBINING,
    EMOJI,
    Built,
    at,
    build_project,
    export_all,
    find_row,
    own_spans,
    set_cells,
)


@dataclass
class Corrected:
    built: Built
    path: Path
    rows: dict[str, int]  # what was changed -> its row in Entities (or Stance sheets)


@pytest.fixture
def corrected(project: OpenProject, tmp_path: Path) -> Corrected:
    built = build_project(project)
    path = export_all(project, tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(path)
    entities = book["Entities"]
    rows = {
        "label": find_row(entities, text="Russland", annotator=None),
        "reject": find_row(entities, text="Berlin", annotator="ben"),
        "resize": find_row(entities, text="Olaf Scholz"),
        "wrong text": find_row(entities, text="Ángela Merkel"),
        "unknown label": find_row(entities, text="Kyjiw"),
        "bad number": find_row(entities, text="=SUM(A1)"),
    }
    set_cells(entities, rows["label"], label="ORG")
    set_cells(entities, rows["reject"], state="rejected")
    start, end = at(EMOJI, "Scholz")
    set_cells(entities, rows["resize"], start=start, end=end, text="Scholz")
    set_cells(entities, rows["wrong text"], end=at(COMBINING, "Ángela")[1])
    set_cells(entities, rows["unknown label"], label="CITY")
    set_cells(entities, rows["bad number"], start="abc")
    rows["new"] = entities.max_row + 1
    start, end = at(COMBINING, "Zürich")
    entities.append([built.docs[1], None, start, end, "Zürich", "LOC", "accepted"])
    rows["stance"] = find_row(book["Stance"], target="NATO", annotator="anna")
    set_cells(book["Stance"], rows["stance"], label="FAVOR")
    rows["document stance"] = find_row(book["Document stance"], annotator="ben")
    set_cells(book["Document stance"], rows["document stance"], label="AGAINST")
    book.save(path)
    return Corrected(built, path, rows)


def apply(corrected: Corrected, annotator: str = "coordinator") -> CorrectionsReport:
    project = corrected.built.project
    return apply_corrections(project.db, project.project_id, corrected.path, annotator)


def test_changed_rows_become_the_annotators_edits(corrected):
    report = apply(corrected)
    assert (report.applied, report.unchanged, len(report.problems)) == (6, 7, 3)
    project = corrected.built.project
    assert own_spans(project, "coordinator") == {
        (*at(EMOJI, "Russland"), "ORG", "edited", "model"),
        # Copies of ben's and anna's spans, with their origin: the coordinator's own votes.
        (*at(COMBINING, "Berlin"), "LOC", "rejected", "manual"),
        (*at(EMOJI, "Scholz"), "PER", "accepted", "manual"),  # a hand-made span stays accepted
        (*at(COMBINING, "Zürich"), "LOC", "accepted", "manual"),
    }
    # Nobody else's work changed: the suggestion is still one, ben's and anna's spans stand.
    with project.db.read() as session:
        suggestion = session.get(EntitySpan, corrected.built.open_span)
        assert (suggestion.label.name, suggestion.state.value) == ("LOC", "suggested")
    assert (*at(COMBINING, "Berlin"), "LOC", "accepted", "manual") in own_spans(project, "ben")
    assert (*at(EMOJI, "Olaf Scholz"), "PER", "accepted", "manual") in own_spans(project, "anna")


def test_a_workbook_taken_as_gold_corrects_others_as_the_review(corrected):
    project = corrected.built.project
    apply_corrections(project.db, project.project_id, corrected.path, "coordinator", as_gold=True)
    assert own_spans(project, "coordinator") == {
        (*at(EMOJI, "Russland"), "ORG", "edited", "model"),
        (*at(COMBINING, "Berlin"), "LOC", "rejected", "review"),
        (*at(EMOJI, "Scholz"), "PER", "edited", "review"),
        (*at(COMBINING, "Zürich"), "LOC", "accepted", "manual"),
    }


def test_a_resized_span_of_a_suggestion_decides_on_it(project, tmp_path):
    built = build_project(project)
    path = export_all(project, tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(path)
    row = find_row(book["Entities"], text="Russland", annotator=None)
    set_cells(book["Entities"], row, start=at(EMOJI, "Russ")[0], end=at(EMOJI, "Russ")[1])
    set_cells(book["Entities"], row, text="Russ", label="ORG")
    book.save(path)
    report = apply_corrections(project.db, project.project_id, path, "coordinator")
    assert (report.applied, report.problems) == (1, [])
    with project.db.read() as session:
        copy = session.scalar(select(EntitySpan).where(EntitySpan.suggestion_id == built.open_span))
        assert (copy.start_offset, copy.end_offset, copy.label.name) == (*at(EMOJI, "Russ"), "ORG")
        assert copy.state.value == "edited"


def test_stance_rows_become_the_annotators_labels(corrected):
    apply(corrected)
    project = corrected.built.project
    with project.db.read() as session:
        who = session.scalar(select(Annotator.id).where(Annotator.name == "coordinator"))
        rows = session.scalars(select(StanceAnnotation).where(StanceAnnotation.annotator_id == who))
        labels = {(r.scope, r.document_id, r.target.name, r.label.name) for r in rows}
    docs = corrected.built.docs
    assert labels == {
        (StanceScope.SENTENCE, docs[0], "NATO", "FAVOR"),
        (StanceScope.DOCUMENT, docs[1], "NATO", "AGAINST"),
    }


def test_problems_name_file_sheet_and_row(corrected):
    report = apply(corrected)
    name, rows = corrected.path.name, corrected.rows
    assert report.problems == [
        f"{name}, sheet Entities, row {rows['unknown label']}: unknown entity label 'CITY' "
        "(labels: LOC, MISC, ORG, PER)",
        f"{name}, sheet Entities, row {rows['wrong text']}: text no longer matches: the "
        f"document has “Ángela” at {at(COMBINING, 'Ángela')[0]}–{at(COMBINING, 'Ángela')[1]}, "
        "the text column says “Ángela Merkel”; not applied",
        f"{name}, sheet Entities, row {rows['bad number']}: start is not a whole number: 'abc'",
    ]
    assert "deleted in the spreadsheet delete nothing" in report.lines()[-2]
    assert report.lines()[-1].endswith("6 rows applied, 7 unchanged, 3 not applied")


def test_one_action_by_the_named_annotator(corrected):
    report = apply(corrected)
    project = corrected.built.project
    with project.db.read() as session:
        who = session.scalar(select(Annotator.id).where(Annotator.name == "coordinator"))
        events = list(session.scalars(select(Event).where(Event.action_id == report.action_id)))
        everything_new = list(session.scalars(select(Event).where(Event.annotator_id == who)))
    assert events == everything_new and {e.annotator_id for e in events} == {who}
    assert sorted(e.action for e in events) == [
        "span.add",
        "span.reject",
        "span.relabel",
        "span.resize",
        "stance.document",
        "stance.set",
    ]


def test_the_whole_import_can_be_undone(corrected):
    report = apply(corrected)
    project = corrected.built.project
    with project.db.read() as session:
        who = session.scalar(select(Annotator.id).where(Annotator.name == "coordinator"))
    EntityEditor(project.db, project.project_id, who).undo(report.action_id)
    assert {s[3] for s in own_spans(project, "coordinator")} <= {"suggested"}


def test_a_second_import_changes_nothing(corrected):
    apply(corrected)
    project = corrected.built.project
    with project.db.read() as session:
        before = session.scalar(select(Event.id).order_by(Event.id.desc()).limit(1))
    report = apply(corrected)
    assert (report.applied, report.unchanged, len(report.problems)) == (0, 13, 3)
    with project.db.read() as session:
        after = session.scalar(select(Event.id).order_by(Event.id.desc()).limit(1))
    assert after == before


def test_an_unchanged_export_changes_nothing(project, tmp_path):
    build_project(project)
    path = export_all(project, tmp_path / "export.xlsx")
    report = apply_corrections(project.db, project.project_id, path, "coordinator")
    # Formula-like text ("=SUM(A1)", "+49") came back as the document's text.
    assert (report.applied, report.unchanged, report.problems) == (0, 15, [])


def test_missing_sheet_and_column_are_reported(project, tmp_path):
    build_project(project)
    path = export_all(project, tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(path)
    del book["Stance"]
    book["Document stance"].delete_cols(3)  # label
    book.save(path)
    report = apply_corrections(project.db, project.project_id, path, "coordinator")
    assert report.problems == [
        "export.xlsx, sheet Stance: the sheet is missing",
        "export.xlsx, sheet Document stance, row 1: no column 'label'; the sheet is skipped",
    ]
    assert report.unchanged == 12  # the Entities sheet was still read


def test_unknown_document_and_a_typed_apostrophe(project, tmp_path):
    build_project(project)
    path = export_all(project, tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(path)
    entities = book["Entities"]
    unknown = find_row(entities, text="Kyjiw")
    set_cells(entities, unknown, document=999)
    set_cells(entities, find_row(entities, text="+49"), text="'+49", label="ORG")
    book.save(path)
    report = apply_corrections(project.db, project.project_id, path, "coordinator")
    assert report.problems == [
        f"{path.name}, sheet Entities, row {unknown}: no document 999 in this project"
    ]
    assert report.applied == 1


def test_a_file_that_is_no_workbook(project, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(CorrectionsFileError, match=r"notes\.xlsx is not an Excel workbook"):
        apply_corrections(project.db, project.project_id, path, "coordinator")
    with pytest.raises(CorrectionsFileError, match="does not exist"):
        apply_corrections(project.db, project.project_id, tmp_path / "none.xlsx", "coordinator")


@pytest.mark.parametrize(
    ("header", "cell", "stored"), [("sentence no.", 2, 1), ("sentence index", 1, 1)]
)
def test_a_new_stance_row_counts_sentences_as_its_header_says(
    project, tmp_path, header: str, cell: int, stored: int
):
    """The export numbers sentences from 1 ("sentence no."); a workbook exported before
    that has "sentence index" from 0. Either way the stored index counts from 0."""
    built = build_project(project)
    path = export_all(project, tmp_path / "export.xlsx")
    book = openpyxl.load_workbook(path)
    stance = book["Stance"]
    header_row = [c.value for c in stance[1]]
    stance.cell(1, header_row.index("sentence no.") + 1, header)
    start = EMOJI.index(".") + 2
    end = EMOJI.index("Kyjiw") + len("Kyjiw")
    text = EMOJI[start:end]
    stance.append([built.docs[0], cell, start, end, text, "NATO", "FAVOR", "accepted"])
    book.save(path)
    report = apply_corrections(project.db, project.project_id, path, "coordinator")
    assert report.problems == [] and report.applied == 1
    with project.db.read() as session:
        row = session.scalar(
            select(StanceAnnotation).where(
                StanceAnnotation.start_offset == start, StanceAnnotation.end_offset == end
            )
        )
        assert row is not None and row.sentence_index == stored
