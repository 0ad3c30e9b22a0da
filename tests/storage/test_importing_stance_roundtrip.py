"""Stance labels come in with JSONL: an exported project imports into a fresh one with the
same entity spans, sentence stance and document stance; the command line counts them; without
an annotator's labels they become suggestions; stance-news-de's shape (holder, no scope) reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from services.exporting import export_project
from storage.entity_edits import EntityEditor
from storage.events import snapshot
from storage.export.records import ExportOptions
from storage.importing.read_jsonl import read_jsonl
from storage.importing.records import ImportedRecord, ImportedStance, ReadOptions
from storage.importing.service import Importer, ImportSettings
from storage.models import (
    AnnotationState,
    Annotator,
    Document,
    EntitySpan,
    Event,
    OriginKind,
    StanceAnnotation,
)
from storage.project import OpenProject, open_project
from storage.stance.edits import StanceEditor, open_suggestions
from storage.stance.store import SentenceStance, add_target, store_stance_suggestions
from tests.factories import FIRST, GERMAN_TEXT, SECOND, add_annotator, add_documents, run

OTHER_TEXT = "Die EU lobt Kiew. Moskau droht der EU. Das Treffen endet am Abend."
OTHER_SENTENCES = [(0, 17), (18, 38), (39, 66)]


def labelled(project: OpenProject) -> None:
    """anna's spans, sentence stance (FAVOR, AGAINST, NEUTRAL) and document stance."""
    for name in ("NATO", "Russland", "EU"):
        add_target(project.db, project.project_id, name)
    german, other = add_documents(project, [GERMAN_TEXT, OTHER_TEXT])
    anna = add_annotator(project, "anna")
    entities = EntityEditor(project.db, project.project_id, anna)
    entities.add(german, 4, 8, "ORG")
    entities.add(other, 4, 6, "ORG")
    stance = StanceEditor(project.db, project.project_id, anna)
    stance.set_sentence(german, *FIRST, 0, "NATO", "NEUTRAL")
    stance.set_sentence(german, *SECOND, 1, "Russland", "AGAINST")
    stance.set_sentence(other, *OTHER_SENTENCES[0], 0, "EU", "FAVOR")
    stance.set_sentence(other, *OTHER_SENTENCES[1], 1, "EU", "NEUTRAL")
    stance.set_sentence(other, *OTHER_SENTENCES[1], 1, "Russland", "AGAINST")
    stance.set_document_stance(german, "Russland", "AGAINST")
    stance.set_document_stance(other, "EU", "FAVOR")


def stance_of(project: OpenProject, annotator: str | None) -> set[tuple[Any, ...]]:
    """Every stance row of ``annotator`` (None: suggestions) by text, place, target, label."""
    with project.db.read() as session:
        query = select(StanceAnnotation)
        if annotator is None:
            query = query.where(StanceAnnotation.annotator_id.is_(None))
        else:
            query = query.join(Annotator, Annotator.id == StanceAnnotation.annotator_id).where(
                Annotator.name == annotator
            )
        return {
            (
                _text(session, row.document_id),
                row.scope.value,
                row.sentence_index,
                row.start_offset,
                row.end_offset,
                row.target.name,
                row.label.name,
            )
            for row in session.scalars(query).unique()
        }


def _text(session: Any, document_id: int) -> str:
    return session.get_one(Document, document_id).text


def spans_of(project: OpenProject) -> set[tuple[str, int, int, str]]:
    with project.db.read() as session:
        rows = session.scalars(select(EntitySpan).where(EntitySpan.annotator_id.is_not(None)))
        return {
            (_text(session, r.document_id), r.start_offset, r.end_offset, r.label.name)
            for r in rows
        }


def exported(project: OpenProject, out: Path, state: str = "accepted") -> Path:
    export_project(project.db, project.project_id, "jsonl", out, ExportOptions(state=state))  # type: ignore[arg-type]
    return out


def test_an_exported_project_imports_with_the_same_stance_labels(project, tmp_path):
    labelled(project)
    out = exported(project, tmp_path / "export.jsonl")
    assert '"scope": "document"' in out.read_text("utf-8")  # what our export writes for it
    with open_project(tmp_path / "fresh.sqlite") as fresh:
        summary = Importer(
            fresh.db, fresh.project_id, ImportSettings(annotator="anna")
        ).import_paths([out])
        assert (summary.imported, summary.spans, summary.stance) == (2, 2, 7), summary.lines()
        assert stance_of(fresh, "anna") == stance_of(project, "anna")
        assert len(stance_of(fresh, "anna")) == 7
        assert spans_of(fresh) == spans_of(project)
        with fresh.db.read() as session:
            rows = session.scalars(select(StanceAnnotation)).unique().all()
            assert {(r.state, r.origin_kind, r.origin_name) for r in rows} == {
                (AnnotationState.ACCEPTED, OriginKind.IMPORT, "export.jsonl")
            }
            logged = session.scalars(select(Event).where(Event.action == "stance.import")).all()
            assert sorted(e.object_id for e in logged) == sorted(r.id for r in rows)
            assert {e.after["label"] for e in logged} == {"FAVOR", "AGAINST", "NEUTRAL"}
            # Each event holds the row as every other stance event does (undo reads it).
            by_id = {r.id: r for r in rows}
            assert all(e.after == snapshot(by_id[e.object_id]) for e in logged)
            # The targets came with the file: created by the import, named as they were.
            created = session.scalars(select(Event).where(Event.action == "target.create")).all()
            assert sorted(e.after["name"] for e in created) == ["EU", "NATO", "Russland"]
        # The warnings name the targets that were added, once each.
        added = [p.message for p in summary.problems if "was not in the project" in p.message]
        assert sorted(added) == [
            f"stance target '{name}' was not in the project; added it"
            for name in ("EU", "NATO", "Russland")
        ]
        # The annotator's document stance reads back as the window shows it.
        editor = StanceEditor(fresh.db, fresh.project_id, add_annotator(fresh, "anna"))
        assert editor.document_stance(summary.document_ids[0]) == {"Russland": "AGAINST"}


def test_the_command_line_says_how_many_stance_labels_came_in(capsys, project, tmp_path):
    labelled(project)
    out = exported(project, tmp_path / "export.jsonl")
    fresh = str(tmp_path / "fresh.sqlite")
    code, stdout, stderr = run(capsys, "import", "--project", fresh, "--annotator", "ben", str(out))
    assert code == 0, stderr
    assert stdout.strip() == (
        "imported 2 documents (2 spans, 7 stance labels), skipped 0 duplicates and 0 with errors"
    )
    assert "stance target 'EU' was not in the project; added it" in stderr
    with open_project(Path(fresh)) as opened:
        assert stance_of(opened, "ben") == stance_of(project, "anna")


def test_an_export_with_suggestions_brings_only_the_labels(project, tmp_path):
    labelled(project)
    german = add_documents(project, ["Die NATO tagt. Russland schweigt."])[0]
    suggestion = SentenceStance(0, 0, 14, "NATO", "FAVOR", 0.9, "cue", "model", "lexicon", "1")
    store_stance_suggestions(project.db, project.project_id, [(german, [suggestion])], ["lexicon"])
    out = exported(project, tmp_path / "all.jsonl", state="all")
    assert '"state": "suggested"' in out.read_text("utf-8")
    with open_project(tmp_path / "fresh.sqlite") as fresh:
        summary = Importer(
            fresh.db, fresh.project_id, ImportSettings(annotator="anna")
        ).import_paths([out])
        assert stance_of(fresh, "anna") == stance_of(project, "anna")
        assert stance_of(fresh, None) == set()
        ignored = [p for p in summary.problems if "answer is 'ignore'" in p.message]
        assert ignored and all(p.severity == "warning" for p in ignored)
        # The machine's record of the third document (line 4): its text, not its suggestion.
        assert (ignored[-1].location, ignored[-1].message) == (
            f"{out}:4",
            "answer is 'ignore': imported the text without its stance labels",
        )
        assert summary.imported == 3


def test_without_the_annotators_labels_sentence_stance_becomes_suggestions(project, tmp_path):
    labelled(project)
    out = exported(project, tmp_path / "export.jsonl")
    with open_project(tmp_path / "fresh.sqlite") as fresh:
        settings = ImportSettings(spans_as_suggestions=True)
        summary = Importer(fresh.db, fresh.project_id, settings).import_paths([out])
        sentences = {row for row in stance_of(project, "anna") if row[1] == "sentence"}
        assert stance_of(fresh, None) == sentences
        assert summary.stance == 5
        left_out = [p for p in summary.problems if "cannot be a suggestion" in p.message]
        assert [p.location for p in left_out] == [f"{out}:1", f"{out}:2"]
        # An annotator sees them as open suggestions to decide on.
        anna = add_annotator(fresh, "anna")
        with fresh.db.read() as session:
            shown = open_suggestions(session, summary.document_ids[1], anna)
            assert sorted((r.target.name, r.label.name) for r in shown) == [
                ("EU", "FAVOR"),
                ("EU", "NEUTRAL"),
                ("Russland", "AGAINST"),
            ]
            assert all(r.origin_kind == OriginKind.IMPORT for r in shown)


def test_labelled_stance_from_elsewhere_reads_with_its_holder(tmp_path):
    # The shape of stance-news-de: holder, no scope; offsets that are the sentences'.
    path = tmp_path / "news.jsonl"
    row = {"start": 18, "end": 38, "sentence_index": 1, "target": "EU", "label": "AGAINST"}
    record = {"text": OTHER_TEXT, "meta": {"title": "t"}, "stance": [row | {"holder": "Moskau"}]}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    items = list(read_jsonl(path, "news.jsonl", ReadOptions()))
    assert len(items) == 1 and isinstance(items[0], ImportedRecord)
    assert items[0].stance == [ImportedStance("EU", "AGAINST", 18, 38, "sentence", 1, "Moskau")]
    assert "stance" not in items[0].meta


@pytest.mark.parametrize(
    ("start", "end", "index", "sentence"),
    [
        (18, 38, None, 1),  # the sentence's bounds
        (25, 31, None, 1),  # a word inside it: that sentence
        (None, None, 2, 2),  # no offsets: the index names it
    ],
)
def test_a_sentence_is_found_by_its_bounds_a_stretch_inside_or_its_index(
    tmp_path, start, end, index, sentence
):
    path = tmp_path / "x.jsonl"
    row = {"start": start, "end": end, "sentence_index": index, "target": "EU", "label": "FAVOR"}
    path.write_text(json.dumps({"text": OTHER_TEXT, "stance": [row]}) + "\n", "utf-8")
    (item,) = read_jsonl(path, "x.jsonl", ReadOptions())
    assert isinstance(item, ImportedRecord)
    bounds = OTHER_SENTENCES[sentence]
    assert [(s.start, s.end, s.sentence_index) for s in item.stance] == [(*bounds, sentence)]
