"""A remembered person's name teaches its surname: news names a person in full once and by
the surname after ("Wladimir Putin" ... "Putin")."""

from __future__ import annotations

from sqlalchemy import select

from storage.entity_edits import EntityEditor
from storage.importing.records import ImportedRecord
from storage.importing.service import Importer
from storage.memory.suggestions import refresh_document_memory
from storage.models import EntitySpan, OriginKind
from tests.factories import add_annotator

FULL = "Kanzler Olaf Scholz besuchte die Deutsche Bank in Frankfurt."
LATER = "Olaf Scholz kam. Scholz sprach lange. Die Bank schwieg. Scholzs Sprecher nickte."
ELSEWHERE = "Der Fischer Scholz verkaufte Aale."  # no Olaf Scholz here


def add(project, texts: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    records = [
        ImportedRecord(text=t, source=f"{n}.txt", location=f"{n}.txt", language="de")
        for n, t in enumerate(texts)
    ]
    return Importer(project.db, project.project_id).import_items(records).document_ids


def memory_rows(project, doc: int) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """The memory's open suggestions in ``doc`` (nobody decided on them)."""
    decided = select(EntitySpan.suggestion_id).where(EntitySpan.suggestion_id.is_not(None))
    with project.db.write() as session:
        refresh_document_memory(session, project.project_id, doc)
    with project.db.read() as session:
        rows = session.scalars(
            select(EntitySpan)
            .where(
                EntitySpan.document_id == doc,
                EntitySpan.origin_kind == OriginKind.MEMORY,
                EntitySpan.annotator_id.is_(None),
                EntitySpan.id.not_in(decided),
            )
            .order_by(EntitySpan.start_offset)
        )
        return [(LATER[r.start_offset : r.end_offset], r.label.name, r.origin_detail) for r in rows]


def at(text: str, word: str) -> tuple[int, int]:
    return text.index(word), text.index(word) + len(word)


def test_the_surname_of_a_person_is_suggested_alone(project) -> None:  # type: ignore[no-untyped-def]
    full, later, elsewhere = add(project, [FULL, LATER, ELSEWHERE])
    editor = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    editor.add(full, *at(FULL, "Olaf Scholz"), "PER")
    editor.add(full, *at(FULL, "Deutsche Bank"), "ORG")  # an organisation's last word is not
    detail = "part of “Olaf Scholz”: accepted 1 time in 1 document"
    assert memory_rows(project, later) == [
        ("Olaf Scholz", "PER", "accepted 1 time in 1 document"),
        ("Scholz", "PER", detail),
        ("Scholzs", "PER", detail),  # and inflected
    ]
    # Only where the person is named in full: alone, a surname may be a noun.
    assert memory_rows(project, elsewhere) == []


def test_a_surname_decided_on_its_own_is_not_derived(project) -> None:  # type: ignore[no-untyped-def]
    full, later = add(project, [FULL, LATER])
    editor = EntityEditor(project.db, project.project_id, add_annotator(project, "anna"))
    editor.add(full, *at(FULL, "Olaf Scholz"), "PER")
    assert [r[0] for r in memory_rows(project, later)] == ["Olaf Scholz", "Scholz", "Scholzs"]
    with project.db.read() as session:
        row_id = session.scalar(
            select(EntitySpan.id).where(
                EntitySpan.document_id == later,
                EntitySpan.start_offset == LATER.index("Scholz sprach"),
                EntitySpan.annotator_id.is_(None),
            )
        )
    editor.reject([row_id])  # "Scholz" here is no person, says the annotator
    assert [r[0] for r in memory_rows(project, later)] == ["Olaf Scholz"]  # nor "Scholzs"
