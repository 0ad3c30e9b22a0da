"""Storing imported documents: batches, duplicates, spans, languages, and nothing lost."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from nlp.language import detect_language
from storage.importing import service
from storage.importing.records import ImportedRecord, ImportedSpan, ImportProblem
from storage.importing.service import Importer, ImportSettings, text_hash
from storage.models import AnnotationState, Document, EntitySpan, Event, OriginKind
from tests.factories import GERMAN_TEXT


def record(text: str, name: str = "a.txt", **kwargs) -> ImportedRecord:
    return ImportedRecord(text=text, source=name, location=name, **kwargs)


def documents(project) -> list[tuple[str, str, str | None]]:
    with project.db.read() as session:
        return [(d.text, d.source, d.language) for d in session.scalars(select(Document))]


def test_documents_are_stored_with_hash_language_and_meta(project):
    importer = Importer(
        project.db, project.project_id, ImportSettings(detect_language=detect_language)
    )
    summary = importer.import_items(
        [
            record(GERMAN_TEXT, "de.txt", title="Nato", meta={"author": "dpa"}),
            record("The government said it would not comment on the report.", "en.txt"),
            record("Ein Text", "x.txt", language="FR"),
        ]
    )
    assert summary.imported == 3
    with project.db.read() as session:
        stored = session.scalars(select(Document).order_by(Document.id)).all()
        assert stored[0].sha256 == text_hash(GERMAN_TEXT)
        assert (stored[0].title, stored[0].meta, stored[0].language) == (
            "Nato",
            {"author": "dpa"},
            "de",
        )
        assert [d.language for d in stored[1:]] == ["en", "fr"]
        logged = session.scalars(select(Event).where(Event.action == "document.import")).all()
        assert sorted(e.document_id for e in logged) == [d.id for d in stored]
        assert logged[0].after["source"] == "de.txt"


def test_duplicates_are_reported_and_skipped(project):
    importer = Importer(project.db, project.project_id)
    importer.import_items([record("Erster Text.", "a.txt")])
    summary = importer.import_items(
        [record("Erster Text.", "b.txt"), record("Zweiter.", "c.txt"), record("Zweiter.", "d.txt")]
    )
    assert summary.imported == 1
    assert [(d.location, d.message) for d in summary.duplicates] == [
        ("b.txt", "duplicate of “a.txt”"),
        ("d.txt", "duplicate of “c.txt”"),
    ]
    assert "skipped 2 duplicates" in summary.lines()[-1]


def test_problems_from_readers_are_reported_and_the_rest_imported(project):
    summary = Importer(project.db, project.project_id).import_items(
        [
            ImportProblem("x.jsonl:2", "invalid JSON: Expecting value"),
            record("Gültiger Text.", "x.jsonl"),
        ]
    )
    assert summary.imported == 1
    assert summary.lines()[0] == "x.jsonl:2: error: invalid JSON: Expecting value"
    assert summary.skipped == 1


def test_imported_spans_become_labels_of_the_named_annotator(project):
    spans = [
        ImportedSpan(4, 8, "ORG"),
        ImportedSpan(GERMAN_TEXT.index("Berlin"), GERMAN_TEXT.index("Berlin") + 6, "GPE"),
    ]
    summary = Importer(
        project.db, project.project_id, ImportSettings(annotator="prodigy")
    ).import_items([record(GERMAN_TEXT, "p.jsonl", spans=spans)])
    assert summary.spans == 2
    assert [p.message for p in summary.problems] == ["label 'GPE' was not in the project; added it"]
    with project.db.read() as session:
        stored = session.scalars(select(EntitySpan).order_by(EntitySpan.start_offset)).all()
        assert [(s.label.name, s.state, s.origin_kind, s.origin_name) for s in stored] == [
            ("ORG", AnnotationState.ACCEPTED, OriginKind.IMPORT, "p.jsonl"),
            ("GPE", AnnotationState.ACCEPTED, OriginKind.IMPORT, "p.jsonl"),
        ]
        assert session.scalar(text("SELECT name FROM annotators")) == "prodigy"


def test_imported_spans_can_come_in_as_suggestions(project):
    Importer(
        project.db, project.project_id, ImportSettings(spans_as_suggestions=True)
    ).import_items([record(GERMAN_TEXT, spans=[ImportedSpan(4, 8, "ORG")])])
    with project.db.read() as session:
        span = session.scalars(select(EntitySpan)).one()
        assert (span.state, span.annotator_id) == (AnnotationState.SUGGESTED, None)


def test_a_failing_batch_leaves_nothing_half_stored(project, monkeypatch):
    importer = Importer(project.db, project.project_id)
    importer.import_items([record("Schon gespeichert.", "old.txt")])

    def broken_spans(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "store_imported_spans", broken_spans)
    spans = [ImportedSpan(0, 3, "ORG")]
    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_items(
            [record("Neu eins.", "n1.txt", spans=spans), record("Neu zwei.", "n2.txt")]
        )
    # Neither the new documents nor their log entries exist; the old one is untouched.
    assert documents(project) == [("Schon gespeichert.", "old.txt", None)]
    with project.db.read() as session:
        assert session.scalar(text("SELECT count(*) FROM events")) == 1


def test_batches_commit_one_by_one_and_cancel_keeps_what_was_committed(project, monkeypatch):
    monkeypatch.setattr(service, "BATCH_DOCUMENTS", 3)
    seen: list[int] = []
    importer = Importer(
        project.db,
        project.project_id,
        progress=lambda n, _where: seen.append(n),
        should_cancel=lambda: len(seen) >= 2,
    )
    summary = importer.import_items(record(f"Text Nummer {i}.", f"{i}.txt") for i in range(10))
    assert summary.cancelled and summary.imported == 6
    assert seen == [3, 6]
    assert len(documents(project)) == 6


def test_a_real_folder_import(project, tmp_path):
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "eins.txt").write_text("Überschrift\n\n" + GERMAN_TEXT, encoding="utf-8")
    (folder / "zwei.txt").write_bytes("Käse aus Zürich für 5 €.".encode("cp1252"))
    (folder / "daten.jsonl").write_text(
        json.dumps({"text": "Russland und die Ukraine.", "meta": {"id": 7}}) + "\n{kaputt\n",
        encoding="utf-8",
    )
    summary = Importer(project.db, project.project_id).import_paths([folder])
    assert summary.imported == 3
    assert any(p.location.endswith("daten.jsonl:2") for p in summary.problems)
    texts = sorted(t for t, _, _ in documents(project))
    assert "Käse aus Zürich für 5 €." in texts


def test_a_flood_of_bad_lines_is_counted_not_kept(project, monkeypatch):
    monkeypatch.setattr(service, "MAX_REPORTED_PROBLEMS", 5)
    problems = [ImportProblem(f"junk.jsonl:{n}", "invalid JSON: x") for n in range(1, 13)]
    summary = Importer(project.db, project.project_id).import_items(problems)
    assert len(summary.problems) == 5 and summary.skipped == 12
    assert summary.lines()[5] == "… and 7 more errors not listed"
