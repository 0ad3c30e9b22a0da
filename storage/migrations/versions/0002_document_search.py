"""Full-text search over documents (SQLite FTS5), indexed after import rather than during it.

Indexing costs more than storing the text, so imports only store; ``storage.search`` brings
the index up to date (``indexed_up_to``: documents with a higher id are not indexed yet).
Document ids are never reused (AUTOINCREMENT), which is what makes that watermark sound.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# An external-content index: the text is stored once, in documents; the index holds tokens.
# Diacritics are kept: in German "schon" and "schön" are different words.
SQLITE_UP = [
    """
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0"
    )
    """,
    """
    CREATE TABLE search_index_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_up_to INTEGER NOT NULL
    )
    """,
    "INSERT INTO search_index_state (id, indexed_up_to) VALUES (1, 0)",
    # Only indexed documents may be removed from the index: FTS5 would be corrupted otherwise.
    """
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents
    WHEN old.id <= (SELECT indexed_up_to FROM search_index_state)
    BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END
    """,
    """
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF title ON documents
    WHEN old.id <= (SELECT indexed_up_to FROM search_index_state)
    BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # other databases search with LIKE for now
    for statement in SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("documents_fts_delete", "documents_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS search_index_state")
    op.execute("DROP TABLE IF EXISTS documents_fts")
