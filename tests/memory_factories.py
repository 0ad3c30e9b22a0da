"""Builders the project memory tests share: documents that all mention one surface
(Pokrovsk, inflected, in compounds, in two languages) and model suggestions on them."""

from __future__ import annotations

from sqlalchemy import select

from storage.importing.records import ImportedRecord
from storage.importing.service import Importer
from storage.models import (
    EntitySpan,
    OriginKind,
)
from storage.project import OpenProject
from storage.suggestions import SpanSuggestion, store_many_suggestions

# The project memory's documents: one surface, Pokrovsk, inflected, in compounds, in two languages.
MEMORY_TEXTS = {
    "a": ("de", "Die Front bei Pokrovsk hält. Russland greift Pokrovsk seit Wochen an."),
    "b": ("en", "Fighting continues near Pokrovsk, officials said."),
    "c": ("de", "Die Zukunft Pokrovsks ist ungewiss."),
    "d": ("de", "Die Pokrovsk-Front bröckelt."),
    "e": ("de", "In pokrovsk ist es still."),
    "f": ("de", "Hier steht nichts davon."),
    "g": ("en", "Pokrovsks is not an English inflection."),
}


def add_memory_documents(project: OpenProject) -> dict[str, int]:
    """The documents of ``MEMORY_TEXTS`` (in their languages): key -> document id."""
    records = [
        ImportedRecord(text=text, source=f"{key}.txt", location=f"{key}.txt", language=lang)
        for key, (lang, text) in MEMORY_TEXTS.items()
    ]
    ids = Importer(project.db, project.project_id).import_items(records).document_ids
    return dict(zip(MEMORY_TEXTS, ids, strict=True))


def place(key: str, word: str, nth: int = 0) -> tuple[int, int]:
    text, start = MEMORY_TEXTS[key][1], -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def model(start: int, end: int, label: str = "LOC") -> SpanSuggestion:
    return SpanSuggestion(start, end, label, 0.7, "model", "de_test", "1.0")


def suggest(project, docs, key: str, *spans: SpanSuggestion) -> list[int]:
    """Store model suggestions for one document; returns their ids."""
    store_many_suggestions(project.db, project.project_id, [(docs[key], spans)], ["de_test"])
    with project.db.read() as session:
        rows = session.scalars(
            select(EntitySpan).where(
                EntitySpan.document_id == docs[key], EntitySpan.origin_kind == OriginKind.MODEL
            )
        )
        return [r.id for r in rows]


def open_memory(project, document_id: int) -> list[int]:
    with project.db.read() as session:
        return list(
            session.scalars(
                select(EntitySpan.id)
                .where(
                    EntitySpan.document_id == document_id,
                    EntitySpan.origin_kind == OriginKind.MEMORY,
                    EntitySpan.annotator_id.is_(None),
                )
                .order_by(EntitySpan.start_offset)
            )
        )
