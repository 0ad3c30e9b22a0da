"""What an export reads: filters by annotator, state and status, open suggestions, offsets."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from storage.entity_edits import EntityEditor
from storage.export import gather
from storage.export.gather import iter_export_documents, origin_text
from storage.export.records import ExportOptions
from storage.label_schema import entity_label_ids
from storage.models import (
    AnnotationState,
    DocumentStatusValue,
    EntitySpan,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.progress import set_status
from storage.project import OpenProject
from storage.stance_edits import StanceEditor
from storage.stance_store import add_target
from tests.conftest import add_annotator, add_documents

# Emoji (a flag is two code points), a combining accent and a newline: offsets are code points.
EMOJI = "Die NATO warnt Russland. 🇺🇦 Kyjiw 😀 dankt Olaf Scholz."
COMBINING = "Cafe\u0301 in Zürich: Ángela Merkel\nsprach in Berlin über die NATO."
FORMULAS = "=SUM(A1) sagte +49 Anrufer -1 @user über die NATO."
TEXTS = [EMOJI, COMBINING, FORMULAS]


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@dataclass
class Built:
    """A project with two annotators' decisions, open suggestions and stance."""

    project: OpenProject
    docs: list[int]
    anna: int
    ben: int
    open_span: int  # a suggestion nobody decided on
    decided_span: int  # a suggestion anna accepted and ben rejected


def suggest_span(project: OpenProject, doc: int, text: str, word: str, label: str) -> int:
    with project.db.write() as session:
        start, end = at(text, word)
        span = EntitySpan(
            document_id=doc,
            doc_length=len(text),
            start_offset=start,
            end_offset=end,
            label_id=entity_label_ids(session, project.project_id)[label],
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.MODEL,
            origin_name="de_standpunkt_ner",
            origin_version="0.1.0",
            confidence=0.75,
        )
        session.add(span)
        session.flush()
        return span.id


def suggest_stance(project: OpenProject, doc: int, text: str, target: str, label: str) -> int:
    with project.db.write() as session:
        end = text.index(".") + 1
        row = StanceAnnotation(
            document_id=doc,
            doc_length=len(text),
            start_offset=0,
            end_offset=end,
            scope=StanceScope.SENTENCE,
            sentence_index=0,
            target_id=session.scalar(select(StanceTarget.id).where(StanceTarget.name == target)),
            label_id=session.scalar(select(StanceLabel.id).where(StanceLabel.name == label)),
            state=AnnotationState.SUGGESTED,
            origin_kind=OriginKind.PATTERN,
            origin_name="stance-lexicon-de",
            origin_version="de-1",
            confidence=0.6,
        )
        session.add(row)
        session.flush()
        return row.id


def build_project(project: OpenProject) -> Built:
    """Documents EMOJI, COMBINING, FORMULAS; anna and ben; see the asserts below for who did
    what. Used by the Excel and command line tests too."""
    add_target(project.db, project.project_id, "NATO")
    add_target(project.db, project.project_id, "Russland")
    docs = add_documents(project, TEXTS)
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    anna_edits = EntityEditor(project.db, project.project_id, anna)
    ben_edits = EntityEditor(project.db, project.project_id, ben)
    decided = suggest_span(project, docs[0], EMOJI, "NATO", "ORG")
    open_span = suggest_span(project, docs[0], EMOJI, "Russland", "LOC")
    anna_edits.accept(decided)
    ben_edits.reject(decided)
    anna_edits.add(docs[0], *at(EMOJI, "Kyjiw"), "LOC")
    anna_edits.add(docs[0], *at(EMOJI, "Olaf Scholz"), "PER")
    anna_edits.add(docs[1], *at(COMBINING, "Cafe\u0301"), "LOC")
    anna_edits.add(docs[1], *at(COMBINING, "Ángela Merkel"), "PER")
    ben_edits.add(docs[1], *at(COMBINING, "Berlin"), "LOC")
    for word in ("=SUM(A1)", "+49", "-1", "@user"):
        anna_edits.add(docs[2], *at(FORMULAS, word), "MISC")
    stance = suggest_stance(project, docs[0], EMOJI, "NATO", "AGAINST")
    suggest_stance(project, docs[0], EMOJI, "Russland", "AGAINST")  # stays open
    StanceEditor(project.db, project.project_id, anna).accept(stance)
    StanceEditor(project.db, project.project_id, ben).set_document_stance(docs[1], "NATO", "FAVOR")
    set_status(project.db, project.project_id, docs[0], anna, DocumentStatusValue.DONE, 90.0)
    set_status(project.db, project.project_id, docs[1], ben, DocumentStatusValue.DONE)
    return Built(project, docs, anna, ben, open_span, decided)


@pytest.fixture
def built(project: OpenProject) -> Built:
    return build_project(project)


def export(built: Built, **options):
    return list(
        iter_export_documents(built.project.db, built.project.project_id, ExportOptions(**options))
    )


def spans(documents) -> set[tuple[int, str, str, str | None]]:
    return {(d.id, s.text, s.state, s.annotator) for d in documents for s in d.spans}


def test_accepted_gives_every_annotators_decisions_and_no_suggestions(built):
    documents = export(built)
    assert [d.id for d in documents] == built.docs
    d0, d1, d2 = built.docs
    assert spans(documents) == {
        (d0, "NATO", "accepted", "anna"),
        (d0, "Kyjiw", "accepted", "anna"),
        (d0, "Olaf Scholz", "accepted", "anna"),
        (d1, "Cafe\u0301", "accepted", "anna"),
        (d1, "Ángela Merkel", "accepted", "anna"),
        (d1, "Berlin", "accepted", "ben"),
        (d2, "=SUM(A1)", "accepted", "anna"),
        (d2, "+49", "accepted", "anna"),
        (d2, "-1", "accepted", "anna"),
        (d2, "@user", "accepted", "anna"),
    }
    nato = next(s for s in documents[0].spans if s.text == "NATO")
    assert (nato.origin, nato.confidence, nato.label) == (
        "model de_standpunkt_ner 0.1.0",
        0.75,
        "ORG",
    )
    assert {s.origin for s in documents[1].spans} == {"manual"}
    assert nato.created_at.endswith("+00:00")


def test_one_annotator_only_their_rows(built):
    documents = export(built, annotator="ben")
    assert spans(documents) == {(built.docs[1], "Berlin", "accepted", "ben")}
    assert documents[1].status == {"ben": "done"} and documents[0].status == {}
    document_stance = [r for r in documents[1].stance if r.scope == "document"]
    assert [(r.target, r.label, r.annotator) for r in document_stance] == [("NATO", "FAVOR", "ben")]


def test_all_adds_rejections_and_suggestions_still_open(built):
    d0 = built.docs[0]
    for_anna = {s for s in spans(export(built, annotator="anna", state="all")) if s[0] == d0}
    assert for_anna == {
        (d0, "NATO", "accepted", "anna"),  # decided: not also open
        (d0, "Russland", "suggested", None),
        (d0, "Kyjiw", "accepted", "anna"),
        (d0, "Olaf Scholz", "accepted", "anna"),
    }
    for_ben = {s for s in spans(export(built, annotator="ben", state="all")) if s[0] == d0}
    assert for_ben == {(d0, "NATO", "rejected", "ben"), (d0, "Russland", "suggested", None)}
    everybody = [s for s in spans(export(built, state="all")) if s[0] == d0]
    assert sorted(everybody) == sorted(
        [
            (d0, "NATO", "accepted", "anna"),
            (d0, "NATO", "rejected", "ben"),
            (d0, "Russland", "suggested", None),
            (d0, "Kyjiw", "accepted", "anna"),
            (d0, "Olaf Scholz", "accepted", "anna"),
        ]
    )


def test_stance_open_suggestion_only_with_all(built):
    def sentence_rows(documents):
        return {
            (r.target, r.state, r.annotator) for r in documents[0].stance if r.scope == "sentence"
        }

    assert sentence_rows(export(built, annotator="anna")) == {("NATO", "accepted", "anna")}
    assert sentence_rows(export(built, annotator="anna", state="all")) == {
        ("NATO", "accepted", "anna"),
        ("Russland", "suggested", None),
    }
    row = next(r for r in export(built)[0].stance if r.target == "NATO")
    assert row.text == EMOJI[row.start : row.end] == "Die NATO warnt Russland."
    assert row.origin == "pattern stance-lexicon-de" and row.sentence_index == 0


def test_unknown_annotator_names_it_and_the_known_ones(built):
    with pytest.raises(ValueError, match=r"'nobody'.*known annotators: anna, ben"):
        export(built, annotator="nobody")


def test_status_done(built):
    assert [d.id for d in export(built, status="done")] == built.docs[:2]
    assert [d.id for d in export(built, status="done", annotator="anna")] == built.docs[:1]
    done = export(built, status="done", annotator="anna")[0]
    assert (done.status, done.seconds) == ({"anna": "done"}, {"anna": 90.0})


def test_span_text_is_the_documents_text_at_its_offsets(built):
    for document in export(built, state="all"):
        assert document.text == TEXTS[built.docs.index(document.id)]
        for span in document.spans:
            assert span.text == document.text[span.start : span.end]
    emoji = export(built)[0]
    scholz = next(s for s in emoji.spans if s.label == "PER")
    assert (scholz.start, scholz.text) == (EMOJI.index("Olaf"), "Olaf Scholz")


def test_streams_in_batches_in_id_order(project, monkeypatch):
    monkeypatch.setattr(gather, "BATCH_SIZE", 2)
    ids = add_documents(project, [f"Artikel Nummer {i}." for i in range(7)])
    stream = iter_export_documents(project.db, project.project_id, ExportOptions())
    assert next(stream).id == ids[0]
    assert [d.id for d in stream] == ids[1:]


def test_split_is_stable_and_depends_on_the_seed(project):
    add_documents(project, [f"Meldung {i} über die Lage." for i in range(40)])

    def splits(**options):
        documents = iter_export_documents(project.db, project.project_id, ExportOptions(**options))
        return [d.split for d in documents]

    first = splits(dev_share=0.3, seed=1)
    assert first == splits(dev_share=0.3, seed=1)
    assert 4 <= first.count("dev") <= 20
    assert first != splits(dev_share=0.3, seed=2)
    assert set(splits()) == {"train"}


def test_origin_text():
    assert origin_text(OriginKind.MODEL, "de_standpunkt_ner", "0.1.0") == (
        "model de_standpunkt_ner 0.1.0"
    )
    assert origin_text(OriginKind.PATTERN, "countries.jsonl", "3") == "pattern countries.jsonl"
    assert origin_text(OriginKind.IMPORT, None, None) == "import"
    assert origin_text(OriginKind.REVIEW, "x", None) == "review"
