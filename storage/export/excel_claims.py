"""The export workbook's Claims sheet: who takes which side toward what, one row per claim, as
political claims analysis and the Discourse Network Analyzer code them (actor, concept,
agreement) for reading and pivoting in a spreadsheet.

A claim is an annotator's FAVOR or AGAINST label (sentence or whole article): NEUTRAL takes
no side, a rejected label is none, and a machine suggestion nobody decided on is no one's
coding. The date comes from the document's metadata, the first of ``DATE_KEYS`` (any case)
it has."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storage.documents import shown_title
from storage.export.records import ExportDocument, ExportStance

SIDES = ("FAVOR", "AGAINST")
DATE_KEYS = ("date", "published", "published_at", "publication_date", "datum", "pubdate")
NO_CLAIM_STATES = ("rejected", "suggested")


def is_claim(row: ExportStance) -> bool:
    return row.label.upper() in SIDES and row.state not in NO_CLAIM_STATES


def document_date(meta: dict[str, Any]) -> str | None:
    """The article's date as its metadata gives it (text, as written), or None."""
    by_key = {str(key).casefold(): value for key, value in meta.items()}
    for key in DATE_KEYS:
        value = by_key.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return None


def claim_rows(document: ExportDocument) -> Iterator[list[Any]]:
    """The document's claims as rows of the Claims sheet (``CLAIMS_COLUMNS``)."""
    claims = [row for row in document.stance if is_claim(row)]
    if not claims:
        return
    title = shown_title(document.title, document.text)
    date = document_date(document.meta)
    for row in claims:
        sentence = row.scope != "document"
        yield [
            document.id,
            title,
            date,
            row.sentence_index + 1 if sentence and row.sentence_index is not None else None,
            row.text if sentence else None,
            row.holder,
            row.target,
            row.label,
            row.evidence,
            row.annotator,
        ]
