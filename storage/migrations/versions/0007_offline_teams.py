"""Offline teams: what a handed-out project file carries of the memory, and what merging
annotators' files back remembers (``storage.handout``, ``storage.merging``).

* ``memory_carried``: in a handed-out file, the project memory of the documents that stayed
  behind, summed per surface and label (the per-document rows cannot come without their
  documents). Empty in every other project.
* ``merge_bases``: per document, annotator and source file, the fingerprint of that
  annotator's work as the file last had it when handed out or merged: the common ancestor
  that tells an update from an edit in two places.
* ``set_aside_work``: an annotator's version of a document that lost a conflict, kept whole
  (as JSON) so nothing is lost.

New tables only, so plain CREATE TABLE on every backend: no existing row changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _foreign(column: str, table: str) -> sa.Column:
    return sa.Column(
        column, sa.Integer, sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "memory_carried",
        sa.Column("id", sa.Integer, primary_key=True),
        _foreign("project_id", "projects"),
        sa.Column("surface", sa.String(200), nullable=False),
        _foreign("label_id", "entity_labels"),
        sa.Column("accepted", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.UniqueConstraint("project_id", "surface", "label_id"),
        sa.CheckConstraint(
            "accepted >= 0 AND rejected >= 0 AND documents >= 0", name="counts_not_negative"
        ),
    )
    op.create_table(
        "merge_bases",
        sa.Column("id", sa.Integer, primary_key=True),
        _foreign("document_id", "documents"),
        _foreign("annotator_id", "annotators"),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "annotator_id", "source"),
    )
    op.create_table(
        "set_aside_work",
        sa.Column("id", sa.Integer, primary_key=True),
        _foreign("document_id", "documents"),
        _foreign("annotator_id", "annotators"),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("edited_at", sa.DateTime),
        sa.Column("work", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "annotator_id", "fingerprint"),
    )


def downgrade() -> None:
    op.drop_table("set_aside_work")
    op.drop_table("merge_bases")
    op.drop_table("memory_carried")
