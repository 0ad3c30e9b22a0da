"""The document list's filters (status, entity label, full text), alone and combined, in
both orders and over keyset pages."""

from __future__ import annotations

from storage.document_filter import DocumentFilter
from storage.documents import count_documents
from storage.models import AnnotationState, DocumentStatusValue
from storage.progress import set_status
from tests.factories import (
    add_annotator,
    add_entity,
    listed,
    make_documents,
)


def count(project, annotator, flt) -> int:
    with project.db.read() as session:
        return count_documents(session, project.project_id, annotator, flt)


def test_status_filter_counts_documents_never_opened_as_new(project):
    docs = make_documents(project, 12)
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    for doc in docs[:5]:
        set_status(project.db, project.project_id, doc, anna, DocumentStatusValue.DONE)
    set_status(project.db, project.project_id, docs[5], anna, DocumentStatusValue.SKIPPED)
    set_status(project.db, project.project_id, docs[6], ben, DocumentStatusValue.DONE)
    done = DocumentFilter(status=DocumentStatusValue.DONE)
    new = DocumentFilter(status=DocumentStatusValue.NEW)
    for order in ("import", "uncertainty"):
        assert listed(project, anna, done, order) == docs[:5]
        assert listed(project, anna, new, order) == docs[6:]
        assert listed(project, ben, done, order) == [docs[6]]
    assert count(project, anna, new) == 6
    assert count(project, anna, DocumentFilter()) == 12


def test_label_filter_follows_what_the_annotator_sees(project):
    docs = make_documents(project, 10)
    anna, ben = add_annotator(project, "anna"), add_annotator(project, "ben")
    suggested = [add_entity(project, doc, 0.5) for doc in docs[:6]]
    add_entity(project, docs[0], 0.5, anna, decides=suggested[0], state=AnnotationState.REJECTED)
    add_entity(project, docs[1], 0.5, anna, decides=suggested[1], state=AnnotationState.ACCEPTED)
    add_entity(project, docs[8], None, anna, state=AnnotationState.ACCEPTED)  # by hand
    add_entity(project, docs[9], None, ben, state=AnnotationState.ACCEPTED)
    org = DocumentFilter(label="ORG")
    for order in ("import", "uncertainty"):
        assert sorted(listed(project, anna, org, order)) == [*docs[1:6], docs[8]]
        assert sorted(listed(project, ben, org, order)) == [*docs[:6], docs[9]]
    assert count(project, anna, org) == 6
    assert listed(project, anna, DocumentFilter(label="PER")) == []


def test_text_filter_uses_the_full_text_index_and_combines(project):
    from storage.search import refresh_search_index

    docs = make_documents(project, 15)
    anna = add_annotator(project)
    refresh_search_index(project.db)
    minsk = [doc for i, doc in enumerate(docs) if i % 3 == 1]
    text = DocumentFilter(text="mins")  # a word prefix
    assert listed(project, anna, text) == minsk
    assert count(project, anna, text) == 5
    set_status(project.db, project.project_id, minsk[0], anna, DocumentStatusValue.DONE)
    add_entity(project, minsk[1], 0.3)
    add_entity(project, minsk[2], 0.1)
    add_entity(project, docs[0], 0.1)  # has the label, not the word
    both = DocumentFilter(status=DocumentStatusValue.NEW, label="ORG", text="Minsk")
    assert listed(project, anna, both, page=1) == [minsk[1], minsk[2]]
    # Most uncertain first, still filtered.
    assert listed(project, anna, both, "uncertainty", page=1) == [minsk[2], minsk[1]]
    assert count(project, anna, both) == 2
    assert listed(project, anna, DocumentFilter(text='"Minsk OR')) == []  # words, not syntax


def test_no_filter_is_not_active():
    assert not DocumentFilter().active
    assert not DocumentFilter(text="  ").active
    assert DocumentFilter(label="ORG").active
