"""Indexes for reading machine suggestions per document: open ones by confidence, and
annotators' decisions by the suggestion they decide on.

The document list in uncertainty order needs every document's least confident suggestion
that the annotator has not decided on: with these indexes that is one lookup in each index
per document and table, instead of reading all of a document's rows. Both are partial: the
first holds only machine suggestions with a confidence, the second only decisions.

The second also serves ``suggestion_id``'s ON DELETE SET NULL: without it, deleting a
suggestion (suggesters replace their own) scanned the whole table for rows pointing to it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OPEN_SUGGESTION = "annotator_id IS NULL AND state = 'suggested' AND confidence IS NOT NULL"
DECISION = "suggestion_id IS NOT NULL"
OPEN_SUGGESTIONS = {
    "entity_spans": OPEN_SUGGESTION,
    "stance_annotations": OPEN_SUGGESTION + " AND scope = 'sentence'",
}


def upgrade() -> None:
    for table, where in OPEN_SUGGESTIONS.items():
        _create_partial_index(
            f"ix_{table}_open_suggestion", table, ["document_id", "confidence"], where
        )
        _create_partial_index(
            f"ix_{table}_decision", table, ["suggestion_id", "annotator_id"], DECISION
        )


def downgrade() -> None:
    for table in OPEN_SUGGESTIONS:
        op.drop_index(f"ix_{table}_decision", table_name=table)
        op.drop_index(f"ix_{table}_open_suggestion", table_name=table)


def _create_partial_index(name: str, table: str, columns: list[str], where: str) -> None:
    op.create_index(
        name, table, columns, sqlite_where=sa.text(where), postgresql_where=sa.text(where)
    )
