"""Every export carries who holds each stance and the words that carry it: JSONL, DocBin, CSV
and the workbook (Stance columns and the Claims sheet), for a project with an actor holder
named by an alias, an actor holder not named in the text, a words-only holder, the author and
evidence; and a JSONL export comes back into a new project with the same holders."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from spacy.tokens import DocBin
from sqlalchemy import select

from services.exporting import export_project
from storage.export.gather import iter_export_documents
from storage.export.records import ExportOptions
from storage.importing.service import Importer, ImportSettings
from storage.models import Event, StanceActor
from storage.project import OpenProject, open_project
from tests.holder_factories import DATE, EXPECTED, TEXT, TITLE, Expected, at, holder_project
from text.sentences import split_sentences

FORMATS = {"jsonl": "out.jsonl", "spacy": "out.spacy", "csv": "out.csv", "xlsx": "out.xlsx"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project of ``holder_project`` in every format (written once for the module)."""
    folder = tmp_path_factory.mktemp("holders")
    with open_project(folder / "project.sqlite") as project:
        holder_project(project)
        for fmt, name in FORMATS.items():
            export_project(project.db, project.project_id, fmt, folder / name, ExportOptions())
    return {fmt: folder / name for fmt, name in FORMATS.items()}


def offsets(words: str | None) -> tuple[int | None, int | None]:
    return at(words) if words is not None else (None, None)


def test_jsonl_rows_name_the_holder_its_words_and_the_evidence(exported):
    [record] = [json.loads(line) for line in exported["jsonl"].open(encoding="utf-8")]
    got = [
        {k: row[k] for k in row if k.startswith(("holder", "evidence"))} for row in record["stance"]
    ]
    assert got == [
        {
            "holder": row.holder,
            "holder_start": offsets(row.holder_words)[0],
            "holder_end": offsets(row.holder_words)[1],
            "holder_text": row.holder_words,
            "evidence_start": offsets(row.evidence)[0],
            "evidence_end": offsets(row.evidence)[1],
            "evidence": row.evidence,
        }
        for row in EXPECTED
    ]


def cell(value: int | None) -> str:
    return "" if value is None else str(value)


def test_csv_appends_the_holder_and_evidence_columns(exported):
    path = exported["csv"].with_name("out-stance.csv")
    with path.open(encoding="utf-8-sig", newline="") as file:
        header, *rows = list(csv.reader(file))
    assert header[:11] == [
        "document_id", "scope", "sentence_index", "sentence_text", "target", "label", "state",
        "origin", "confidence", "annotator", "explanation",
    ]  # fmt: skip
    assert header[11:] == [
        "holder", "holder_start", "holder_end", "holder_text", "evidence", "evidence_start",
        "evidence_end",
    ]  # fmt: skip
    table = [dict(zip(header, row, strict=True)) for row in rows]
    assert [
        (r["holder"], r["holder_text"], r["holder_start"], r["evidence"], r["evidence_end"])
        for r in table
    ] == [
        (
            row.holder,
            row.holder_words or "",
            cell(offsets(row.holder_words)[0]),
            row.evidence or "",
            cell(offsets(row.evidence)[1]),
        )
        for row in EXPECTED
    ]


def test_docbin_has_holder_and_evidence_span_groups(exported):
    import spacy

    [doc] = DocBin().from_disk(exported["spacy"]).get_docs(spacy.blank("de").vocab)
    sentences = [row for row in EXPECTED if row.sentence is not None]
    stance = doc.spans["stance"]
    assert [s.label_ for s in stance] == [f"{r.target}:{r.label}" for r in sentences]
    assert stance.attrs["holders"] == [r.holder for r in sentences]
    holders = doc.spans["stance_holder"]
    assert [(h.text, h.label_) for h in holders] == [
        ("Watling", "Ukraine:FAVOR"),
        ("Trehubov", "Russland:AGAINST"),
    ]
    assert holders.attrs["holders"] == ["Jack Watling", "Trehubov"]
    # Each holder span points to its stance span: the sentence it holds the stance of.
    assert [stance[i].text for i in holders.attrs["stance"]] == [
        "Watling warnte vor der Pause.",
        "Laut Trehubov greift Russland um jeden Preis an.",
    ]
    evidence = doc.spans["stance_evidence"]
    assert [e.text for e in evidence] == ["warnte", "um jeden Preis", "steht zur"]
    assert [stance[i].label_ for i in evidence.attrs["stance"]] == [
        "Ukraine:FAVOR",
        "Russland:AGAINST",
        "Ukraine:FAVOR",
    ]
    assert doc.cats == {"Russland:AGAINST": 1.0}
    assert doc.user_data["document_stance_holders"]["Russland:AGAINST"]["holder"] == "author"


def sheet_rows(book: Any, name: str) -> list[dict[str, Any]]:
    values = list(book[name].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_the_stance_sheet_appends_holder_columns(exported):
    book = openpyxl.load_workbook(exported["xlsx"])
    header = [c.value for c in book["Stance"][1]]
    assert header[:11] == [
        "document",
        "sentence no.",
        "start",
        "end",
        "sentence text",
        "target",
        "label",
        "state",
        "origin",
        "confidence",
        "annotator",
    ]  # fmt: skip  (what import --corrections reads stays where it was)
    assert header[11:] == [
        "holder", "holder words", "holder start", "holder end", "evidence", "evidence start",
        "evidence end",
    ]  # fmt: skip
    rows = sheet_rows(book, "Stance")
    sentences = [row for row in EXPECTED if row.sentence is not None]
    assert [(r["holder"], r["holder words"], r["holder start"], r["evidence"]) for r in rows] == [
        (row.holder, row.holder_words, offsets(row.holder_words)[0], row.evidence)
        for row in sentences
    ]
    assert [r["holder"] for r in sheet_rows(book, "Document stance")] == ["author"]


def test_the_claims_sheet_lists_who_takes_which_side(exported):
    book = openpyxl.load_workbook(exported["xlsx"])
    claims = sheet_rows(book, "Claims")
    split = split_sentences(TEXT)
    sides = [row for row in EXPECTED if row.label != "NEUTRAL"]  # NEUTRAL takes no side
    assert claims == [
        {
            "document": 1,
            "title": TITLE,
            "date": DATE,  # from the metadata key "Datum"
            "sentence no.": row.sentence + 1 if row.sentence is not None else None,
            "sentence": split[row.sentence].text if row.sentence is not None else None,
            "holder": row.holder,
            "target": row.target,
            "side": row.label,
            "evidence": row.evidence,
            "annotator": "anna",
        }
        for row in sides
    ]
    sheet = book["Claims"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{len(sides) + 1}"
    assert sheet.column_dimensions["E"].width == 70
    readme = sheet_rows(book, "README")
    assert [r["column"] for r in readme if r["sheet"] == "Claims"][:3] == [
        "document",
        "title",
        "date",
    ]


def holders_of(project: OpenProject) -> list[tuple[Any, ...]]:
    """Every exported stance row's place, label, holder, holder words and evidence."""
    return [
        (
            document.text,
            row.scope,
            row.sentence_index,
            row.target,
            row.label,
            row.holder,
            row.holder_start,
            row.holder_end,
            row.holder_text,
            row.evidence_start,
            row.evidence_end,
            row.evidence,
        )
        for document in iter_export_documents(project.db, project.project_id, ExportOptions())
        for row in document.stance
    ]


def test_jsonl_brings_the_holders_back_into_a_new_project(project, tmp_path):
    holder_project(project)
    out = tmp_path / "export.jsonl"
    export_project(project.db, project.project_id, "jsonl", out, ExportOptions())
    with open_project(tmp_path / "fresh.sqlite") as fresh:
        summary = Importer(
            fresh.db, fresh.project_id, ImportSettings(annotator="anna")
        ).import_paths([out])
        assert summary.error_count == 0, summary.lines()
        assert holders_of(fresh) == holders_of(project)
        assert len(holders_of(fresh)) == len(EXPECTED)
        # Jack Watling (named "Watling" in the text) and NATO (not named) are actors again;
        # Trehubov stays the words nobody made an actor of.
        assert summary.actors == 2
        assert "6 stance labels, 2 new actors)" in summary.lines()[-1]
        with fresh.db.read() as session:
            actors = {a.name: a.kind for a in session.scalars(select(StanceActor))}
            assert actors == {"Jack Watling": "other", "NATO": "other"}
            created = session.scalars(select(Event).where(Event.action == "actor.create")).all()
            assert sorted(e.after["name"] for e in created) == ["Jack Watling", "NATO"]
            assert len({e.action_id for e in created}) == 1  # the import's action


def test_the_expected_rows_are_what_the_project_holds(project):
    # The fixture's own check: the exports above compare with what was really stored.
    holder_project(project)
    [document] = iter_export_documents(project.db, project.project_id, ExportOptions())
    assert [
        Expected(r.sentence_index, r.target, r.label, r.holder, r.holder_text, r.evidence)
        for r in document.stance
    ] == EXPECTED
