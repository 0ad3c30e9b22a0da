"""Labels that come with a text the project already has are added to that document as the
importing annotator's (another annotator's work on the same article), once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.importing.records import ImportedRecord, ImportedSpan
from storage.importing.service import Importer, ImportSettings
from storage.models import Annotator, Document, EntitySpan, Event, StanceAnnotation
from tests.factories import GERMAN_TEXT, add_documents, run

NATO = (4, 8)
SENTENCE = (0, GERMAN_TEXT.index(".") + 1)


def labelled(path: Path, name: str = "ben.jsonl") -> Path:
    record = {
        "text": GERMAN_TEXT,
        "spans": [{"start": NATO[0], "end": NATO[1], "label": "ORG"}],
        "stance": [
            {"start": SENTENCE[0], "end": SENTENCE[1], "target": "NATO", "label": "AGAINST"}
        ],
    }
    out = path / name
    out.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return out


def counts(project) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    with project.db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model))
            for model in (Document, EntitySpan, StanceAnnotation, Event)
        )


def test_an_annotators_labels_of_a_known_text_join_its_document(
    project, project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (doc,) = add_documents(project, [GERMAN_TEXT])
    gold = labelled(tmp_path)
    code, out, err = run(
        capsys, "import", "--project", str(project_file), "--annotator", "ben", str(gold)
    )
    assert code == 0, err
    assert "ben.jsonl:1: labels added to" in err + out
    assert "imported 0 documents (1 span, 1 stance label), labels added to 1 document" in (
        err + out
    )
    with project.db.read() as session:
        spans = session.scalars(select(EntitySpan).where(EntitySpan.document_id == doc)).all()
        stance = session.scalars(select(StanceAnnotation)).all()
        ben = session.scalar(select(Annotator.id).where(Annotator.name == "ben"))
        assert [(s.start_offset, s.end_offset, s.label.name, s.annotator_id) for s in spans] == [
            (*NATO, "ORG", ben)
        ]
        assert [(s.document_id, s.label.name, s.annotator_id) for s in stance] == [
            (doc, "AGAINST", ben)
        ]
    # The same file again: ben labelled it already; nothing of his changes.
    before = counts(project)
    code, out, err = run(
        capsys, "import", "--project", str(project_file), "--annotator", "ben", str(gold)
    )
    assert code == 0, err
    assert "which ben labelled already; labels not added" in err + out
    assert counts(project) == before


def test_a_known_text_without_labels_or_as_suggestions_is_still_a_duplicate(project) -> None:  # type: ignore[no-untyped-def]
    add_documents(project, [GERMAN_TEXT])
    bare = ImportedRecord(GERMAN_TEXT, "a.txt", "a.txt:1")
    summary = Importer(project.db, project.project_id).import_items([bare])
    assert [d.message for d in summary.duplicates] == ["duplicate of “doc0.txt”"]
    assert summary.attached_count == 0
    with_spans = ImportedRecord(
        GERMAN_TEXT, "b.jsonl", "b.jsonl:1", spans=[ImportedSpan(*NATO, "ORG")]
    )
    settings = ImportSettings(annotator="ben", spans_as_suggestions=True)
    before = counts(project)
    summary = Importer(project.db, project.project_id, settings).import_items([with_spans])
    assert summary.duplicate_count == 1 and summary.attached_count == 0
    assert counts(project) == before


def test_two_annotators_work_on_one_text_meets_in_agreement(
    project, project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storage.entity_edits import EntityEditor
    from tests.factories import add_annotator

    (doc,) = add_documents(project, [GERMAN_TEXT])
    anna = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    anna.add(doc, *NATO, "LOC")  # anna calls the NATO a place, ben an organisation
    gold = labelled(tmp_path)
    code, _, err = run(
        capsys, "import", "--project", str(project_file), "--annotator", "ben", str(gold)
    )
    assert code == 0, err
    code, out, err = run(capsys, "agreement", "--project", str(project_file), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["documents"], report["annotators"]) == (1, ["anna", "ben"])
    assert report["entities"]["span_f1"] == 0.0  # one span each, different labels
