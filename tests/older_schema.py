"""Turning a project file made now back into one of an older schema, for tests of upgrading
and of refusing older files: what the newer migrations added is taken out again."""

from __future__ import annotations

import sqlite3

TABLES_0007 = ("set_aside_work", "merge_bases", "memory_carried")
TABLES_0008 = ("actor_aliases", "stance_actors")


def undo_0008(connection: sqlite3.Connection) -> None:
    """Take out the stance actors and the holder and evidence columns (migration 0008).

    SQLite cannot drop a column a foreign key names, so the table's definition loses the
    added columns (they were appended by ``ADD COLUMN``) and VACUUM rewrites its rows."""
    for table in TABLES_0008:
        connection.execute(f"DROP TABLE {table}")
    (sql,) = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'stance_annotations'"
    ).fetchone()
    start = sql.index("holder_actor_id INTEGER")
    end_mark = "evidence_end <= doc_length)), "
    end = sql.index(end_mark) + len(end_mark)
    older = sql[:start].rstrip(" ") + " " + sql[end:].lstrip(" ")
    connection.commit()
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'stance_annotations'",
        (older,),
    )
    (version,) = connection.execute("PRAGMA schema_version").fetchone()
    connection.execute(f"PRAGMA schema_version = {version + 1}")
    connection.execute("PRAGMA writable_schema = OFF")
    connection.commit()
    connection.execute("VACUUM")


def undo_0007(connection: sqlite3.Connection) -> None:
    for table in TABLES_0007:
        connection.execute(f"DROP TABLE {table}")
