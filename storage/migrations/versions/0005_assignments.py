"""Assignments: which annotator is to label which document (``storage.assignment``).

A new table only, so plain CREATE TABLE on every backend: no existing row changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "annotator_id",
            sa.Integer,
            sa.ForeignKey("annotators.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "annotator_id"),
    )
    op.create_index(
        "ix_assignments_project_annotator",
        "assignments",
        ["project_id", "annotator_id", "document_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_assignments_project_annotator", table_name="assignments")
    op.drop_table("assignments")
