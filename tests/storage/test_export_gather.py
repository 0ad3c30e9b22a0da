"""What an export reads: filters by annotator, state and status, open suggestions, offsets."""

from __future__ import annotations

import pytest

from storage.export import gather
from storage.export.gather import iter_export_documents, origin_text
from storage.export.records import ExportOptions
from storage.models import (
    OriginKind,
)
from storage.project import OpenProject
from tests.export_factories import (
    EMOJI,
    TEXTS,
    Built,
    build_project,
)
from tests.factories import add_documents


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
