"""Document pages for lists: offset and keyset paging agree, titles fall back to text."""

from __future__ import annotations

from storage.documents import count_documents, document_page
from storage.importing.records import ImportedRecord
from storage.importing.service import Importer


def test_keyset_pages_equal_offset_pages(project):
    records = [
        ImportedRecord(
            text=f"Artikel {i} über Kiew.",
            source=f"{i}.txt",
            location="x",
            title=f"Titel {i}" if i % 2 else None,
        )
        for i in range(25)
    ]
    Importer(project.db, project.project_id).import_items(records)
    with project.db.read() as session:
        assert count_documents(session, project.project_id) == 25
        by_offset = document_page(session, project.project_id, None, 10, 7)
        after = document_page(session, project.project_id, None, 0, 10)[-1].id
        by_key = document_page(session, project.project_id, None, 0, 7, after_id=after)
    assert by_offset == by_key
    assert [row.title for row in by_key[:2]] == ["Artikel 10 über Kiew.", "Titel 11"]
