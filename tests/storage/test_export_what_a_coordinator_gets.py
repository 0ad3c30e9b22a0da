"""What every export gives a coordinator: suggestions annotators never saw (below the display
threshold) are left out of every format, the open ones that go out are marked as
suggestions, and the Documents sheet reads as the app shows it (title, annotators who did
something, readable status)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
import spacy
from spacy.tokens import DocBin

from services.exporting import export_project
from storage.entity_edits import EntityEditor
from storage.export.gather import iter_export_documents
from storage.export.records import ExportOptions
from storage.label_schema import entity_label_ids
from storage.models import AnnotationState, DocumentStatusValue, EntitySpan, OriginKind
from storage.progress import set_status
from storage.project import OpenProject, open_project
from tests.factories import GERMAN_TEXT, TEXT, add_annotator, add_documents, add_entity, run

TITLED = "Titel: Gipfel\nDie NATO tagt."
FORMATS = ("xlsx", "csv", "jsonl", "spacy", "conll")


@dataclass
class Sample:
    path: Path
    doc: int
    titled: int


def suggest(
    project: OpenProject, doc: int, word: str, label: str, confidence: float | None
) -> None:
    start = GERMAN_TEXT.index(word)
    with project.db.write() as session:
        labels = entity_label_ids(session, project.project_id)
        session.add(
            EntitySpan(
                document_id=doc, doc_length=len(GERMAN_TEXT), start_offset=start,
                end_offset=start + len(word), label_id=labels[label],
                state=AnnotationState.SUGGESTED, confidence=confidence,
                origin_kind=OriginKind.MODEL if confidence is not None else OriginKind.PATTERN,
                origin_name="de_test" if confidence is not None else "countries.jsonl",
            )
        )  # fmt: skip


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """GERMAN_TEXT with a hidden suggestion (NATO, 4 %), a shown one (Russland, 50 %), a
    pattern one without confidence (Berlin) and anna's Olaf Scholz; a second document with
    a title line. "import" and "ben" exist but did nothing; anna is in progress."""
    path = tmp_path_factory.mktemp("coordinator") / "p.sqlite"
    with open_project(path) as project:
        doc, titled = add_documents(project, [GERMAN_TEXT, TITLED])
        suggest(project, doc, "NATO", "ORG", 0.04)
        suggest(project, doc, "Russland", "LOC", 0.5)
        suggest(project, doc, "Berlin", "LOC", None)
        anna = add_annotator(project, "anna")
        add_annotator(project, "import")
        ben = add_annotator(project, "ben")
        start = GERMAN_TEXT.index("Olaf Scholz")
        EntityEditor(project.db, project.project_id, anna).add(doc, start, start + 11, "PER")
        status = DocumentStatusValue.IN_PROGRESS
        set_status(project.db, project.project_id, doc, anna, status, 90.0)
        set_status(project.db, project.project_id, titled, ben, DocumentStatusValue.NEW)
    return Sample(path, doc, titled)


def export(sample: Sample, fmt: str, out: Path, **options: object) -> Path:
    with open_project(sample.path) as project:
        chosen = ExportOptions(**options)  # type: ignore[arg-type]
        report = export_project(project.db, project.project_id, fmt, out, chosen)
    return report.files[0] if report.files else report.path


def entity_texts(fmt: str, path: Path) -> dict[str | None, list[str]]:
    """Per annotator (None: the machine), the entity texts ``path`` gives as labels or as
    marked suggestions."""
    found: dict[str | None, list[str]] = {}
    if fmt == "xlsx":
        rows = list(openpyxl.load_workbook(path)["Entities"].iter_rows(values_only=True))
        for row in rows[1:]:
            found.setdefault(row[1], []).append(row[4])
    elif fmt == "csv":
        with path.open(encoding="utf-8-sig") as file:
            for row in csv.DictReader(file):
                found.setdefault(row["annotator"] or None, []).append(row["text"])
    elif fmt == "jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            found.setdefault(record["_annotator_id"], []).extend(s["text"] for s in record["spans"])
    elif fmt == "spacy":
        for doc in DocBin().from_disk(path).get_docs(spacy.blank("de").vocab):
            spans = list(doc.ents) + list(doc.spans.get("suggestions", []))
            found.setdefault(doc.user_data["annotator"], []).extend(s.text for s in spans)
    else:
        tagged = [line.split("\t")[0] for line in path.read_text().splitlines() if "\tB-" in line]
        found[None] = tagged
    return {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("fmt", FORMATS)
def test_hidden_suggestions_are_in_no_export(sample: Sample, tmp_path: Path, fmt: str) -> None:
    everything = entity_texts(fmt, export(sample, fmt, tmp_path / f"all.{fmt}", state="all"))
    flat = [text for texts in everything.values() for text in texts]
    assert "NATO" not in flat  # 4 %: annotators never saw it
    if fmt == "conll":  # tags cannot say "suggested": only labels go out
        assert flat == ["Olaf"]
        return
    assert everything == {"anna": ["Olaf Scholz"], None: ["Russland", "Berlin"]}
    decided = entity_texts(fmt, export(sample, fmt, tmp_path / f"accepted.{fmt}"))
    assert decided == {"anna": ["Olaf Scholz"]}


@pytest.mark.parametrize("fmt", ["xlsx", "jsonl"])
def test_asking_for_every_suggestion_still_gives_the_hidden_ones(
    sample: Sample, tmp_path: Path, fmt: str
) -> None:
    out = export(sample, fmt, tmp_path / f"x.{fmt}", state="all", min_confidence=0.0)
    assert entity_texts(fmt, out)[None] == ["NATO", "Russland", "Berlin"]


def test_suggestions_in_spacy_are_no_entities_and_carry_their_confidence(
    sample: Sample, tmp_path: Path
) -> None:
    out = export(sample, "spacy", tmp_path / "x.spacy", state="all")
    read = DocBin().from_disk(out).get_docs(spacy.blank("de").vocab)
    docs = {d.user_data["annotator"]: d for d in read if d.user_data["document_id"] == 1}
    machine = docs[None]
    assert {t.ent_iob_ for t in machine} == {""}  # missing: not "no entity", not an entity
    group = machine.spans["suggestions"]
    assert [(s.text, s.label_) for s in group] == [("Russland", "LOC"), ("Berlin", "LOC")]
    assert group.attrs["confidences"] == [0.5, None]
    assert [e.text for e in docs["anna"].ents] == ["Olaf Scholz"]


def test_the_command_line_takes_the_threshold(sample: Sample, tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.csv"
    base = ("export", "--project", str(sample.path), "--format", "csv", "--out", str(out))
    assert run(capsys, *base, "--state", "all", "--min-confidence", "0")[0] == 0
    assert "NATO" in entity_texts("csv", tmp_path / "x-entities.csv")[None]
    assert run(capsys, *base, "--state", "all")[0] == 0
    assert "NATO" not in entity_texts("csv", tmp_path / "x-entities.csv")[None]
    code, _, err = run(capsys, *base, "--min-confidence", "1.5")
    assert code == 2 and "--min-confidence" in err


def test_documents_sheet_reads_as_the_app_shows_it(sample: Sample, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export(sample, "xlsx", tmp_path / "x.xlsx"))
    values = list(book["Documents"].iter_rows(values_only=True))
    rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
    # Only anna did something: no empty columns for "import" nor for ben (a "new" status).
    assert [c for c in values[0] if c.startswith(("status", "minutes"))] == [
        "status anna",
        "minutes anna",
    ]
    assert rows[0]["status anna"] == "in progress" and rows[0]["minutes anna"] == 1.5
    assert rows[1]["status anna"] == "new"  # never opened: as the app's list says
    # No title: its first line, as the list shows it (cut at 80 characters).
    assert rows[0]["title"] == GERMAN_TEXT[:79].rstrip() + "…"
    assert rows[1]["title"] == "Titel: Gipfel"
    readme = {(r[0], r[1]): r[2] for r in book["README"].iter_rows(values_only=True)}
    assert "in progress" in readme[("Documents", "status anna")]
    assert "first line" in readme[("Documents", "title")]


def test_the_threshold_is_the_apps_a_suggestion_at_it_is_shown(project: OpenProject) -> None:
    [doc] = add_documents(project, [TEXT])
    for start, confidence in ((0, 0.3), (4, 0.2999), (9, None)):
        add_entity(project, doc, confidence, start=start)
    options = ExportOptions(state="all")
    [document] = iter_export_documents(project.db, project.project_id, options)
    assert sorted((s.start, s.confidence) for s in document.spans) == [(0, 0.3), (9, None)]
