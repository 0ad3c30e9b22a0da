"""The project memory (``entity_memory``), the model registry (``trained_models``) and the
origin kind ``memory`` for suggestions the memory makes.

Widening the origin kind's CHECK constraint: SQLite cannot alter a constraint, and copying
the two largest tables would take minutes on a big project. Allowing one more value only
loosens the rule, which every stored row already meets, so on SQLite the table definitions
are edited in place, as SQLite documents for removing or loosening CHECK constraints
(https://sqlite.org/lang_altertable.html, "Making other kinds of table schema changes").
Other databases drop and re-create the constraint.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_KINDS = ("model", "pattern", "manual", "import", "review")
NEW_KINDS = (*OLD_KINDS, "memory")
TABLES = ("entity_spans", "stance_annotations")


def _check(kinds: tuple[str, ...]) -> str:
    return "origin_kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def upgrade() -> None:
    _set_origin_kinds(OLD_KINDS, NEW_KINDS)
    op.create_table(
        "entity_memory",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_column(),
        sa.Column("surface", sa.String(200), nullable=False),
        sa.Column(
            "label_id",
            sa.Integer,
            sa.ForeignKey("entity_labels.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("accepted", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("project_id", "surface", "label_id", "document_id"),
        sa.CheckConstraint("accepted >= 0 AND rejected >= 0", name="counts_not_negative"),
        sa.CheckConstraint("length(surface) > 0", name="surface_not_empty"),
    )
    op.create_index("ix_entity_memory_updated", "entity_memory", ["project_id", "updated_at"])
    op.create_table(
        "trained_models",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_column(),
        sa.Column("component", sa.String(16), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("base", sa.String(200), nullable=False),
        sa.Column("training_documents", sa.Integer, nullable=False),
        sa.Column("training_spans", sa.Integer, nullable=False),
        sa.Column("held_out_documents", sa.Integer, nullable=False),
        sa.Column("f1", sa.Float, nullable=False),
        sa.Column("base_f1", sa.Float, nullable=False),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("base_scores", sa.JSON, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("activated_at", sa.DateTime),
        sa.UniqueConstraint("project_id", "component", "version"),
        sa.CheckConstraint("component IN ('ner', 'stance')", name="component_known"),
    )
    op.create_index(
        "ix_trained_models_one_active",
        "trained_models",
        ["project_id", "component", "language"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )


def _project_column() -> sa.Column:
    project = sa.ForeignKey("projects.id", ondelete="CASCADE")
    return sa.Column("project_id", sa.Integer, project, nullable=False)


def downgrade() -> None:
    op.drop_index("ix_trained_models_one_active", table_name="trained_models")
    op.drop_table("trained_models")
    op.drop_index("ix_entity_memory_updated", table_name="entity_memory")
    op.drop_table("entity_memory")
    op.execute("DELETE FROM entity_spans WHERE origin_kind = 'memory'")
    _set_origin_kinds(NEW_KINDS, OLD_KINDS)


def _set_origin_kinds(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table in TABLES:
            # op.f: the name is final; the naming convention would otherwise prefix it again.
            op.drop_constraint(op.f(f"ck_{table}_origin_kind"), table, type_="check")
            op.create_check_constraint("origin_kind", table, _check(new))
        return
    version = op.get_bind().exec_driver_sql("PRAGMA schema_version").scalar_one()
    op.execute("PRAGMA writable_schema = ON")
    for table in TABLES:
        op.execute(
            sa.text(
                "UPDATE sqlite_master SET sql = replace(sql, :old, :new) "
                "WHERE type = 'table' AND name = :table"
            ).bindparams(old=_check(old), new=_check(new), table=table)
        )
    op.execute(f"PRAGMA schema_version = {int(version) + 1}")
    op.execute("PRAGMA writable_schema = OFF")
