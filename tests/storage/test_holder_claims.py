"""What counts as a claim on the Claims sheet, the article's date, holders of the machine's
open suggestions in the DocBin, and a corrected workbook with holder columns and a Claims
sheet applied back (``import --corrections`` reads old and new workbooks alike)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import spacy
from spacy.tokens import DocBin
from sqlalchemy import select

from services.exporting import export_project
from storage.export.excel_claims import document_date, is_claim
from storage.export.records import ExportDocument, ExportOptions, ExportStance
from storage.export.training_data import write
from storage.importing.corrections.workbook import apply_corrections
from storage.models import StanceAnnotation
from tests.holder_factories import TEXT, at, holder_project
from text.sentences import split_sentences


def stance(label: str, state: str = "accepted", **holder: object) -> ExportStance:
    first = split_sentences(TEXT)[0]
    return ExportStance(
        "sentence", 0, first.start, first.end, first.text, "Ukraine", label, state, "manual",
        None, "anna" if state != "suggested" else None, None, **holder,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("label", "state", "claim"),
    [
        ("FAVOR", "accepted", True),
        ("AGAINST", "edited", True),
        ("favor", "accepted", True),  # a project's label differing in case
        ("NEUTRAL", "accepted", False),  # takes no side
        ("AGAINST", "rejected", False),  # no label
        ("FAVOR", "suggested", False),  # nobody decided on it
        ("PRO", "accepted", False),
    ],
)
def test_a_claim_is_a_decided_favor_or_against(label, state, claim):
    assert is_claim(stance(label, state)) is claim


@pytest.mark.parametrize(
    ("meta", "date"),
    [
        ({"date": "2025-03-05"}, "2025-03-05"),
        ({"Published_At": " 5. März 2025 "}, "5. März 2025"),
        ({"datum": 20250305}, "20250305"),
        ({"published": "", "date": "2025"}, "2025"),  # an empty value is no date
        ({"date": None, "datum": True}, None),
        ({"title": "x"}, None),
    ],
)
def test_the_date_is_the_first_date_key_of_the_metadata(meta, date):
    assert document_date(meta) == date


def test_docbin_suggestions_carry_their_holders_apart(tmp_path: Path):
    holder = {"holder": "Jack Watling", "holder_start": 0, "holder_end": 7}
    holder |= {"holder_text": "Watling", "evidence_start": 8, "evidence_end": 14}
    suggested = stance("FAVOR", "suggested", **holder)
    document = ExportDocument(1, "t", "s", "de", TEXT, {}, {}, {}, stance=[suggested])
    write("spacy", [document], tmp_path / "s.spacy", ExportOptions(state="all"))
    [doc] = DocBin().from_disk(tmp_path / "s.spacy").get_docs(spacy.blank("de").vocab)
    assert doc.spans["stance_suggestions"].attrs["holders"] == ["Jack Watling"]
    assert [s.text for s in doc.spans["stance_suggestion_holder"]] == ["Watling"]
    assert [s.text for s in doc.spans["stance_suggestion_evidence"]] == ["warnte"]
    assert "stance_holder" not in doc.spans  # suggestions are no labels to train on
    assert not doc.cats


def test_a_corrected_workbook_with_holder_columns_applies_and_keeps_the_holder(project, tmp_path):
    holder_project(project)
    out = tmp_path / "export.xlsx"
    export_project(project.db, project.project_id, "xlsx", out, ExportOptions())
    book = openpyxl.load_workbook(out)
    sheet = book["Stance"]
    header = [c.value for c in sheet[1]]
    first = 2  # Watling's sentence: FAVOR for Ukraine, held by Jack Watling
    assert sheet.cell(first, header.index("holder") + 1).value == "Jack Watling"
    sheet.cell(first, header.index("label") + 1).value = "AGAINST"
    book.save(out)
    report = apply_corrections(project.db, project.project_id, out, "anna")
    assert (report.applied, report.not_applied) == (1, 0), report.lines()
    with project.db.read() as session:
        row = session.scalars(
            select(StanceAnnotation).where(StanceAnnotation.sentence_index == 0)
        ).one()
        assert row.label.name == "AGAINST"
        assert (row.holder_actor.name if row.holder_actor else None) == "Jack Watling"
        assert (row.holder_start, row.holder_end) == at("Watling")
        assert (row.evidence_start, row.evidence_end) == at("warnte")
