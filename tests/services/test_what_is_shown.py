"""Suggestions the project's own decisions contradict are not shown, and a label the
annotators always change the same way comes changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from services.span_data import read_document_spans
from services.suggesting import SuggestOptions, suggest_documents
from storage.entity_edits import EntityEditor
from storage.importing.records import ImportedRecord
from storage.importing.service import Importer
from storage.label_habits import rejected_labels, relabel_habits
from storage.label_schema import ensure_entity_label
from storage.models import EntitySpan, OriginKind, Project
from tests.factories import GERMAN_TEXT, SCHOLZ, add_annotator, add_documents, suggest
from tests.memory_factories import add_memory_documents, model, place
from tests.memory_factories import suggest as memory_suggest


def shown(project, doc, annotator) -> set[tuple[int, int, str, str]]:  # type: ignore[no-untyped-def]
    with project.db.read() as session:
        spans = read_document_spans(session, project.project_id, doc, annotator).spans
    return {(s.start, s.end, s.label.name, s.origin_kind) for s in spans if s.state == "suggested"}


def test_the_memory_overrules_the_model_where_they_overlap(project) -> None:  # type: ignore[no-untyped-def]
    docs = add_memory_documents(project)
    anna = add_annotator(project, "anna")
    first = memory_suggest(project, docs, "a", model(*place("a", "Pokrovsk")))[0]
    EntityEditor(project.db, project.project_id, anna).accept(first)  # Pokrovsk is a LOC
    # The model calls it an ORG in another document; the memory says LOC there.
    memory_suggest(project, docs, "b", model(*place("b", "Pokrovsk"), label="ORG"))
    seen = shown(project, docs["b"], anna)
    assert seen == {(*place("b", "Pokrovsk"), "LOC", "memory")}


def test_a_kept_span_hides_the_suggestions_that_overlap_it(project) -> None:  # type: ignore[no-untyped-def]
    doc = add_documents(project, [GERMAN_TEXT])[0]
    anna = add_annotator(project, "anna")
    olaf_scholz = suggest(project, doc, *SCHOLZ, label="PER")
    scholz = (GERMAN_TEXT.index("Scholz"), SCHOLZ[1])
    suggest(project, doc, *scholz, label="ORG")
    assert (*scholz, "ORG", "model") in shown(project, doc, anna)
    EntityEditor(project.db, project.project_id, anna).accept(olaf_scholz)
    assert (*scholz, "ORG", "model") not in shown(project, doc, anna)
    # Where nested spans are allowed, the nested suggestion may be right: it stays.
    with project.db.write() as session:
        row = session.get_one(Project, project.project_id)
        row.settings = dict(row.settings or {}) | {"allow_overlapping_spans": True}
    assert (*scholz, "ORG", "model") in shown(project, doc, anna)


def test_a_label_always_changed_the_same_way_comes_changed(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Three documents name Zorblat, the fourth Quexby (which the memory does not know).
    texts = [f"Report {n}: Zorblat staff arrived." for n in range(3)]
    texts.append("Report 3: Quexby staff arrived.")
    records = [
        ImportedRecord(text=t, source=f"{n}.txt", location=f"{n}.txt", language="en")
        for n, t in enumerate(texts)
    ]
    docs = Importer(project.db, project.project_id).import_items(records).document_ids
    patterns = tmp_path / "names.jsonl"
    patterns.write_text(
        '{"label": "PER", "pattern": "Zorblat"}\n{"label": "PER", "pattern": "Quexby"}\n',
        encoding="utf-8",
    )
    options = SuggestOptions(pattern_files=[patterns])
    with project.db.write() as session:
        ensure_entity_label(session, project.project_id, "PERSON")
    anna = add_annotator(project, "anna")
    editor = EntityEditor(project.db, project.project_id, anna)

    def pattern_rows(doc: int) -> list[EntitySpan]:
        with project.db.read() as session:
            return list(
                session.scalars(
                    select(EntitySpan).where(
                        EntitySpan.document_id == doc,
                        EntitySpan.origin_kind == OriginKind.PATTERN,
                        EntitySpan.annotator_id.is_(None),
                    )
                )
            )

    for number, doc in enumerate(docs[:3], 1):
        suggest_documents(project.db, project.project_id, [(doc, "en")], options)
        (row,) = pattern_rows(doc)
        assert row.label.name == "PER"  # fewer than three relabels: as the pattern says
        editor.relabel(row.id, "PERSON")
        with project.db.read() as session:
            habits = relabel_habits(session, project.project_id)
        assert (("pattern", "PER") in habits) == (number == 3)
    suggest_documents(project.db, project.project_id, [(docs[3], "en")], options)
    (row,) = pattern_rows(docs[3])
    assert row.label.name == "PERSON"
    assert "PER shown as PERSON: relabelled so 3 of 3 times" in (row.origin_detail or "")
    # A rejection says nothing about the label: the habit stays as it was.
    editor.reject([row.id])
    with project.db.read() as session:
        habit = relabel_habits(session, project.project_id)[("pattern", "PER")]
    assert (habit.taken, habit.times, habit.decisions) == ("PERSON", 3, 3)


def test_retraining_rehearses_the_base_in_the_projects_convention(project) -> None:  # type: ignore[no-untyped-def]
    import spacy

    from services.entity_training import rehearsal_examples
    from tests.factories import NATO

    # Six texts as long as GERMAN_TEXT (the factory's suggestions are made for its length).
    docs = add_documents(project, [GERMAN_TEXT[:-1] + end for end in ".!?;:…«»"])
    with project.db.write() as session:
        ensure_entity_label(session, project.project_id, "PERSON")
    editor = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    for doc in docs[:5]:  # Olaf Scholz relabelled PERSON 3 times, the NATO rejected 5 times
        if doc in docs[:3]:
            editor.relabel(suggest(project, doc, *SCHOLZ, label="PER"), "PERSON")
        editor.reject([suggest(project, doc, *NATO, label="ORG")])
    with project.db.read() as session:
        assert rejected_labels(session, project.project_id) == {("model", "ORG")}
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [{"label": "PER", "pattern": "Olaf Scholz"}, {"label": "ORG", "pattern": "NATO"}]
    )
    examples = rehearsal_examples(project.db, project.project_id, nlp, "de")
    # The last three documents nobody labelled (those not held out for scoring): the base's
    # entities there, in the project's convention.
    assert examples
    for example in examples:
        assert [(e.text, e.label_) for e in example.reference.ents] == [("Olaf Scholz", "PERSON")]


def test_a_longer_name_around_a_remembered_one_wins(project) -> None:  # type: ignore[no-untyped-def]
    docs = add_memory_documents(project)
    anna = add_annotator(project, "anna")
    first = memory_suggest(project, docs, "a", model(*place("a", "Pokrovsk")))[0]
    EntityEditor(project.db, project.project_id, anna).accept(first)
    # In document b the model sees "near Pokrovsk" as one name: longer than the memory's.
    start, end = place("b", "Pokrovsk")
    longer = (start - len("near "), end)
    memory_suggest(project, docs, "b", model(*longer, label="LOC"))
    assert shown(project, docs["b"], anna) == {(*longer, "LOC", "model")}
