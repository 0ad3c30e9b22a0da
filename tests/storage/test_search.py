"""Full-text search finds every stored document, also right after an import."""

from __future__ import annotations

from sqlalchemy import text

from storage.search import refresh_search_index, search_documents
from tests.factories import add_documents


def test_search_finds_documents_imported_since_the_last_search(project):
    first = add_documents(project, ["Die Lage in Pjöngjang bleibt angespannt."])
    assert search_documents(project.db, project.project_id, "pjöngjang") == first
    second = add_documents(project, ["Auch aus Pjöngjang kamen Nachrichten.", "Nichts davon."])
    found = search_documents(project.db, project.project_id, "Pjöng")  # prefixes match
    assert sorted(found) == sorted(first + second[:1])


def test_all_words_must_match_and_syntax_is_literal(project):
    ids = add_documents(project, ["NATO und Russland verhandeln.", "NATO tagt in Brüssel."])
    assert search_documents(project.db, project.project_id, "nato russland") == ids[:1]
    assert search_documents(project.db, project.project_id, 'NATO OR "x') == []
    assert search_documents(project.db, project.project_id, "   ") == []


def test_umlauts_are_kept_apart(project):
    ids = add_documents(project, ["Das ist schön.", "Das ist schon gut."])
    assert search_documents(project.db, project.project_id, "schön") == ids[:1]


def test_refresh_indexes_in_batches_and_only_once(project, monkeypatch):
    monkeypatch.setattr("storage.search.INDEX_BATCH", 2)
    add_documents(project, [f"Dokument Nummer {i} über Kiew." for i in range(5)])
    assert refresh_search_index(project.db) == 5
    assert refresh_search_index(project.db) == 0
    with project.db.read() as session:
        assert session.execute(text("SELECT indexed_up_to FROM search_index_state")).scalar() == 5
    assert len(search_documents(project.db, project.project_id, "kiew")) == 5


def test_deleting_indexed_and_unindexed_documents_keeps_the_index_sound(project):
    ids = add_documents(project, ["Erstes über Minsk.", "Zweites über Minsk."])
    refresh_search_index(project.db)
    late = add_documents(project, ["Drittes über Minsk."])
    with project.db.write() as session:
        session.execute(
            text("DELETE FROM documents WHERE id IN (:a, :b)"), {"a": ids[0], "b": late[0]}
        )
    assert search_documents(project.db, project.project_id, "minsk") == ids[1:]
    with project.db.read() as session:
        check = "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)"
        session.execute(text(check))  # raises if the index and the documents disagree
