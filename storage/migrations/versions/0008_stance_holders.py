"""Stance holders and evidence: who takes a side, and the words that carry it.

* ``stance_actors`` and ``actor_aliases``: the project's list of actors who hold stances,
  each with the ways the articles write them (like targets and their aliases).
* ``stance_annotations`` gets ``holder_actor_id`` (an actor), ``holder_start`` and
  ``holder_end`` (where the text names the holder) and ``evidence_start`` and
  ``evidence_end`` (the words that carry the stance). All empty means the article's author
  holds it, as every row stored before this version says.

New nullable columns only: on SQLite ``ALTER TABLE … ADD COLUMN`` (with the foreign key and
the checks in the column definitions, which SQLite allows for columns whose default is
NULL), so no row is copied; other databases add the columns and constraints by name.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLE = "stance_annotations"
# Both ends or neither, inside the text (as storage.models.STRETCH_IN_TEXT).
STRETCH = (
    "({0}_start IS NULL AND {0}_end IS NULL) OR "
    "({0}_start IS NOT NULL AND {0}_end IS NOT NULL "
    "AND 0 <= {0}_start AND {0}_start < {0}_end AND {0}_end <= doc_length)"
)


def upgrade() -> None:
    op.create_table(
        "stance_actors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("project_id", "name"),
        sa.CheckConstraint("length(name) > 0", name="name_not_empty"),
    )
    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "actor_id",
            sa.Integer,
            sa.ForeignKey("stance_actors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.UniqueConstraint("actor_id", "alias"),
        sa.CheckConstraint("length(alias) > 0", name="alias_not_empty"),
    )
    if op.get_bind().dialect.name == "sqlite":
        _add_columns_sqlite()
    else:
        _add_columns()


def _add_columns_sqlite() -> None:
    # The last column of each pair carries its pair's check, named as the models name it.
    for sql in (
        "holder_actor_id INTEGER CONSTRAINT fk_stance_annotations_holder_actor_id_stance_actors "
        "REFERENCES stance_actors (id)",
        "holder_start INTEGER",
        "holder_end INTEGER CONSTRAINT ck_stance_annotations_holder_in_text "
        f"CHECK ({STRETCH.format('holder')})",
        "evidence_start INTEGER",
        "evidence_end INTEGER CONSTRAINT ck_stance_annotations_evidence_in_text "
        f"CHECK ({STRETCH.format('evidence')})",
    ):
        op.execute(f"ALTER TABLE {TABLE} ADD COLUMN {sql}")


def _add_columns() -> None:
    op.add_column(TABLE, sa.Column("holder_actor_id", sa.Integer))
    for name in ("holder_start", "holder_end", "evidence_start", "evidence_end"):
        op.add_column(TABLE, sa.Column(name, sa.Integer))
    op.create_foreign_key(
        op.f("fk_stance_annotations_holder_actor_id_stance_actors"),
        TABLE,
        "stance_actors",
        ["holder_actor_id"],
        ["id"],
    )
    for part in ("holder", "evidence"):
        op.create_check_constraint(f"{part}_in_text", TABLE, STRETCH.format(part))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column only when no constraint names it.
        raise NotImplementedError("schema 0008 cannot be downgraded on SQLite")
    op.drop_constraint(op.f("ck_stance_annotations_evidence_in_text"), TABLE, type_="check")
    op.drop_constraint(op.f("ck_stance_annotations_holder_in_text"), TABLE, type_="check")
    op.drop_constraint(
        op.f("fk_stance_annotations_holder_actor_id_stance_actors"), TABLE, type_="foreignkey"
    )
    for name in ("evidence_end", "evidence_start", "holder_end", "holder_start"):
        op.drop_column(TABLE, name)
    op.drop_column(TABLE, "holder_actor_id")
    op.drop_table("actor_aliases")
    op.drop_table("stance_actors")
