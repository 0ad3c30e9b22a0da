"""Hostile stance rows in JSONL: each bad row is named with its file, line and the row, its
record is skipped (as a record with bad spans is), the next line is imported, and nothing
already saved changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.importing.records import ImportedStance
from storage.importing.service import Importer, ImportSettings
from storage.importing.stance_import import store_document_stance
from storage.label_schema import remove_label
from storage.models import Document, Event, StanceAnnotation, StanceLabel
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from tests.factories import add_annotator, add_documents, own_rows

TEXT = "Die EU lobt Kiew. Moskau droht der EU. Das Treffen endet am Abend."
GOOD = {"start": 18, "end": 38, "sentence_index": 1, "target": "EU", "label": "AGAINST"}
NEXT = "Ein anderer Text. Die EU schweigt."


def write(tmp_path: Path, stance: Any) -> Path:
    """A file whose line 1 has ``stance`` and whose line 2 is a good record."""
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"text": TEXT, "stance": stance}),
        json.dumps(
            {"text": NEXT, "stance": [{"start": 18, "end": 34, "target": "EU", "label": "FAVOR"}]}
        ),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def saved(project) -> tuple[list[str], int, int]:
    with project.db.read() as session:
        texts = list(session.scalars(select(Document.text).order_by(Document.id)))
        rows = session.scalar(select(func.count()).select_from(StanceAnnotation)) or 0
        events = session.scalar(select(func.count()).select_from(Event)) or 0
    return texts, rows, events


@pytest.mark.parametrize(
    ("stance", "says"),
    [
        (
            {"target": "EU", "label": "FAVOR"},
            "field 'stance' is an object, not a list of stance rows",
        ),
        (["EU FAVOR"], 'stance row "EU FAVOR" is a string, not an object'),
        ([GOOD | {"start": "18"}], "has offsets that are not whole numbers"),
        ([GOOD | {"start": 18.0}], "has offsets that are not whole numbers"),
        ([GOOD | {"end": 500}], "is out of range (text has 66 characters)"),
        ([GOOD | {"start": 0, "end": 38}], "has offsets 0–38 that are not on one sentence"),
        ([GOOD | {"start": 17, "end": 18}], "has offsets 17–18 that are not on one sentence"),
        ([{"sentence_index": 7, "target": "EU", "label": "FAVOR"}], "has sentence_index 7"),
        ([GOOD | {"target": " "}], "has no target"),
        ([GOOD | {"target": None}], "has no target"),
        ([GOOD | {"label": ""}], "has no label"),
        ([GOOD | {"label": ["FAVOR"]}], "has no label"),
        ([GOOD | {"target": "EU\x1b[2J"}], "has a target that cannot be a target's name"),
        ([GOOD | {"scope": "span"}], "has the scope 'span', not 'sentence' or 'document'"),
        ([GOOD | {"scope": "document", "start": 0, "end": 10}], "a document's stance covers"),
        ([GOOD, GOOD | {"label": "FAVOR"}], "the label 'FAVOR' where an earlier row gives it"),
        (
            [GOOD | {"label": "PRO"}],
            "stance row 'PRO' for 'EU' in sentence 1 (18–38): the label 'PRO' is not a stance "
            "label of this project (AGAINST, FAVOR, NEUTRAL); record skipped",
        ),
    ],
)
def test_a_bad_stance_row_skips_its_record_and_names_it(project, tmp_path, stance, says):
    before = saved(project)
    path = write(tmp_path, stance)
    summary = Importer(
        project.db, project.project_id, ImportSettings(annotator="anna")
    ).import_paths([path])
    errors = [p for p in summary.problems if p.severity == "error"]
    assert [p.location for p in errors] == [f"{path}:1"], summary.lines()
    assert says in errors[0].message
    assert errors[0].message.endswith("record skipped")
    # The record is skipped whole (its text too); the next line comes in with its label.
    texts, rows, _ = saved(project)
    assert texts == before[0] + [NEXT]
    assert (rows, summary.stance) == (before[1] + 1, 1)


def test_many_bad_rows_are_listed_up_to_three_then_counted(project, tmp_path):
    path = write(tmp_path, [GOOD | {"end": 500 + i} for i in range(5)])
    summary = Importer(project.db, project.project_id).import_paths([path])
    messages = [p.message for p in summary.problems if p.location == f"{path}:1"]
    assert len(messages) == 4 and messages[-1] == "… and 2 more stance rows that are not valid"


def test_labels_differing_in_case_and_lost_defaults_are_the_projects(project, tmp_path):
    remove_label(project.db, project.project_id, "stance", "FAVOR")
    path = write(tmp_path, [GOOD | {"label": "against"}])
    summary = Importer(project.db, project.project_id).import_paths([path])
    assert summary.error_count == 0 and summary.stance == 2
    warnings = {p.message for p in summary.problems}
    assert (
        "stance label 'against' taken as the project's label 'AGAINST' (names differing only "
        "in case are one label)" in warnings
    )
    assert "stance label 'FAVOR' was not in the project; added it" in warnings
    with project.db.read() as session:
        assert set(session.scalars(select(StanceLabel.name))) == {"AGAINST", "NEUTRAL", "FAVOR"}


def test_suggested_rows_are_not_labels(project, tmp_path):
    path = write(
        tmp_path, [GOOD, GOOD | {"label": "FAVOR", "state": "suggested", "confidence": 0.9}]
    )
    summary = Importer(project.db, project.project_id).import_paths([path])
    assert summary.stance == 2  # GOOD and line 2's
    (note,) = [p for p in summary.problems if "suggested" in p.message]
    assert (note.location, note.severity, note.message) == (
        f"{path}:1",
        "warning",
        "1 stance row marked 'suggested' (not labels) left out",
    )


def existing(project) -> tuple[int, int]:
    """A document where anna labelled sentence 1 toward the EU AGAINST."""
    add_target(project.db, project.project_id, "EU")
    document = add_documents(project, [TEXT])[0]
    anna = add_annotator(project, "anna")
    StanceEditor(project.db, project.project_id, anna).set_sentence(
        document, 18, 38, 1, "EU", "AGAINST"
    )
    return document, anna


def test_rows_for_a_document_already_there_keep_what_was_saved(project):
    document, anna = existing(project)
    before = own_rows(project, [anna])
    rows = [
        ImportedStance("EU", "FAVOR", 18, 38, "sentence", 1),  # anna's label stays
        ImportedStance("Kiew", "FAVOR", 0, 17, "sentence", 0),
        ImportedStance("EU", "NEUTRAL", 0, len(TEXT), "document"),
    ]
    result = store_document_stance(
        project.db, project.project_id, document, rows, "anna", "gold.jsonl"
    )
    assert result.stored == 2
    assert [w.message for w in result.warnings if "already" in w.message] == [
        "stance row 'FAVOR' for 'EU' in sentence 1 (18–38): there is a label there already; kept it"
    ]
    after = own_rows(project, [anna])
    assert [r for r in after if r["id"] in {b["id"] for b in before}] == before
    editor = StanceEditor(project.db, project.project_id, anna)
    assert editor.document_stance(document) == {"EU": "NEUTRAL"}


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (ImportedStance("EU", "FAVOR", 0, 38, "sentence", 0), "its offsets are not a sentence"),
        (ImportedStance("EU", "FAVOR", 20, 30, "sentence", 1), "its offsets are not a sentence"),
        (
            ImportedStance("EU", "PRO", 18, 38, "sentence", 1),
            "the label 'PRO' is not a stance label",
        ),
        (ImportedStance("EU", "FAVOR", 0, 5, "document"), "does not cover the whole text"),
    ],
)
def test_rows_for_a_document_already_there_are_checked_first(project, row, says):
    document, _ = existing(project)
    before = saved(project)
    with pytest.raises(ValueError, match=says):
        store_document_stance(project.db, project.project_id, document, [row], "anna")
    assert saved(project) == before
    with pytest.raises(ValueError, match="no document 99"):
        store_document_stance(project.db, project.project_id, 99, [row], "anna")
