"""Initial schema: projects, label schema, documents, annotators, annotations, event log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Rules a CHECK cannot express: stored text never changes (every offset points into it),
# and the event log is only ever appended to.
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER documents_text_immutable BEFORE UPDATE OF text, text_length, sha256
    ON documents
    BEGIN
        SELECT RAISE(ABORT, 'document text is immutable');
    END
    """,
    """
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN
        SELECT RAISE(ABORT, 'the event log is append-only');
    END
    """,
    """
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN
        SELECT RAISE(ABORT, 'the event log is append-only');
    END
    """,
]

# The same rules on PostgreSQL: a trigger there calls a function, and TRUNCATE (which SQLite
# lacks) would empty the log without firing the row triggers.
POSTGRESQL_TRIGGERS = [
    """
    CREATE FUNCTION standpunkt_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE TRIGGER documents_text_immutable BEFORE UPDATE OF text, text_length, sha256
    ON documents FOR EACH ROW
    EXECUTE FUNCTION standpunkt_refuse('document text is immutable')
    """,
    """
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW
    EXECUTE FUNCTION standpunkt_refuse('the event log is append-only')
    """,
    """
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW
    EXECUTE FUNCTION standpunkt_refuse('the event log is append-only')
    """,
    """
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT
    EXECUTE FUNCTION standpunkt_refuse('the event log is append-only')
    """,
]
TRIGGER_TABLES = {
    "documents_text_immutable": "documents",
    "events_no_update": "events",
    "events_no_delete": "events",
    "events_no_truncate": "events",
}


def upgrade() -> None:
    op.create_table(
        "annotators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_annotators_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotators")),
        sa.UniqueConstraint("name", name=op.f("uq_annotators_name")),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_projects_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("name", name=op.f("uq_projects_name")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_length", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(sha256) = 64 AND lower(sha256) = sha256", name=op.f("ck_documents_sha256_hex")
        ),
        sa.CheckConstraint(
            "text_length = length(text)", name=op.f("ck_documents_length_matches_text")
        ),
        sa.CheckConstraint("text_length > 0", name=op.f("ck_documents_text_not_empty")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_documents_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("id", "text_length", name=op.f("uq_documents_id_text_length")),
        sa.UniqueConstraint("project_id", "sha256", name=op.f("uq_documents_project_id_sha256")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "entity_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("shortcut", sa.String(length=16), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint("colour LIKE '#______'", name=op.f("ck_entity_labels_colour_hex")),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_entity_labels_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_entity_labels_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_labels")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_entity_labels_project_id_name")),
        sa.UniqueConstraint(
            "project_id", "shortcut", name=op.f("uq_entity_labels_project_id_shortcut")
        ),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=32), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotators.id"],
            name=op.f("fk_events_annotator_id_annotators"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_events_project_id_projects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_document_id"), ["document_id"], unique=False)

    op.create_table(
        "stance_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("shortcut", sa.String(length=16), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint("colour LIKE '#______'", name=op.f("ck_stance_labels_colour_hex")),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_stance_labels_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_stance_labels_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stance_labels")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_stance_labels_project_id_name")),
        sa.UniqueConstraint(
            "project_id", "shortcut", name=op.f("uq_stance_labels_project_id_shortcut")
        ),
    )
    op.create_table(
        "stance_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_stance_targets_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_stance_targets_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stance_targets")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_stance_targets_project_id_name")),
    )
    op.create_table(
        "document_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "in_progress",
                "done",
                "skipped",
                name="document_status_value",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("seconds_spent", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "seconds_spent >= 0", name=op.f("ck_document_status_seconds_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotators.id"],
            name=op.f("fk_document_status_annotator_id_annotators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_status_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_status")),
        sa.UniqueConstraint(
            "document_id", "annotator_id", name=op.f("uq_document_status_document_id_annotator_id")
        ),
    )
    op.create_table(
        "entity_spans",
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("suggestion_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("doc_length", sa.Integer(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "suggested",
                "accepted",
                "rejected",
                "edited",
                name="annotation_state",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "origin_kind",
            sa.Enum(
                "model",
                "pattern",
                "manual",
                "import",
                "review",
                name="origin_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("origin_name", sa.String(length=200), nullable=True),
        sa.Column("origin_version", sa.String(length=64), nullable=True),
        sa.Column("origin_detail", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "annotator_id IS NOT NULL OR state = 'suggested'",
            name=op.f("ck_entity_spans_decisions_have_annotator"),
        ),
        sa.CheckConstraint(
            "0 <= start_offset AND start_offset < end_offset AND end_offset <= doc_length",
            name=op.f("ck_entity_spans_offsets_in_text"),
        ),
        sa.CheckConstraint(
            "CAST(start_offset AS INTEGER) = start_offset "
            "AND CAST(end_offset AS INTEGER) = end_offset",
            name=op.f("ck_entity_spans_offsets_whole"),
        ),
        sa.CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
            name=op.f("ck_entity_spans_confidence_unit_interval"),
        ),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotators.id"],
            name=op.f("fk_entity_spans_annotator_id_annotators"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "doc_length"],
            ["documents.id", "documents.text_length"],
            name="fk_entity_spans_document",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["label_id"],
            ["entity_labels.id"],
            name=op.f("fk_entity_spans_label_id_entity_labels"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["entity_spans.id"],
            name=op.f("fk_entity_spans_suggestion_id_entity_spans"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_spans")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("entity_spans", schema=None) as batch_op:
        batch_op.create_index(
            "ix_entity_spans_document_annotator", ["document_id", "annotator_id"], unique=False
        )

    op.create_table(
        "stance_annotations",
        sa.Column(
            "scope",
            sa.Enum(
                "sentence",
                "span",
                "document",
                name="stance_scope",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("sentence_index", sa.Integer(), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("suggestion_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("doc_length", sa.Integer(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "suggested",
                "accepted",
                "rejected",
                "edited",
                name="annotation_state",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "origin_kind",
            sa.Enum(
                "model",
                "pattern",
                "manual",
                "import",
                "review",
                name="origin_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("origin_name", sa.String(length=200), nullable=True),
        sa.Column("origin_version", sa.String(length=64), nullable=True),
        sa.Column("origin_detail", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("annotator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "annotator_id IS NOT NULL OR state = 'suggested'",
            name=op.f("ck_stance_annotations_decisions_have_annotator"),
        ),
        sa.CheckConstraint(
            "0 <= start_offset AND start_offset < end_offset AND end_offset <= doc_length",
            name=op.f("ck_stance_annotations_offsets_in_text"),
        ),
        sa.CheckConstraint(
            "CAST(start_offset AS INTEGER) = start_offset "
            "AND CAST(end_offset AS INTEGER) = end_offset",
            name=op.f("ck_stance_annotations_offsets_whole"),
        ),
        sa.CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
            name=op.f("ck_stance_annotations_confidence_unit_interval"),
        ),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotators.id"],
            name=op.f("fk_stance_annotations_annotator_id_annotators"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "doc_length"],
            ["documents.id", "documents.text_length"],
            name="fk_stance_annotations_document",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["label_id"],
            ["stance_labels.id"],
            name=op.f("fk_stance_annotations_label_id_stance_labels"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["stance_annotations.id"],
            name=op.f("fk_stance_annotations_suggestion_id_stance_annotations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["stance_targets.id"],
            name=op.f("fk_stance_annotations_target_id_stance_targets"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stance_annotations")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("stance_annotations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stance_annotations_document_annotator",
            ["document_id", "annotator_id"],
            unique=False,
        )

    op.create_table(
        "target_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(alias) > 0", name=op.f("ck_target_aliases_alias_not_empty")),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["stance_targets.id"],
            name=op.f("fk_target_aliases_target_id_stance_targets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_aliases")),
        sa.UniqueConstraint("target_id", "alias", name=op.f("uq_target_aliases_target_id_alias")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRESQL_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for trigger, table in TRIGGER_TABLES.items():
        # PostgreSQL names triggers per table; SQLite per database.
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS standpunkt_refuse()")
    op.drop_table("target_aliases")
    with op.batch_alter_table("stance_annotations", schema=None) as batch_op:
        batch_op.drop_index("ix_stance_annotations_document_annotator")

    op.drop_table("stance_annotations")
    with op.batch_alter_table("entity_spans", schema=None) as batch_op:
        batch_op.drop_index("ix_entity_spans_document_annotator")

    op.drop_table("entity_spans")
    op.drop_table("document_status")
    op.drop_table("stance_targets")
    op.drop_table("stance_labels")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_document_id"))
        batch_op.drop_index(batch_op.f("ix_events_action_id"))

    op.drop_table("events")
    op.drop_table("entity_labels")
    op.drop_table("documents")
    op.drop_table("projects")
    op.drop_table("annotators")
