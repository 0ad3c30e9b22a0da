"""Is a SQLite project file sound? Checked before it is opened, backed up or migrated.

``PRAGMA quick_check`` reads every page once and checks the structure of every table and
index (the b-trees, record formats, page lists); it does not compare each index with its
table, which ``PRAGMA integrity_check`` adds at several times the cost. Damage to a page (a
disk or copy error, a file edited by hand) shows in the quick check; the app checks each
project with it whenever it is opened and each backup when it is taken, and uses the full
check where time matters less than certainty: on a backup about to be restored.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal

from storage.sqlite_files import ReadOnlyAccess

Depth = Literal["quick", "full"]
MAX_REPORTED = 3  # problem lines shown to a person; the first one usually says it all


def sqlite_problem(file: Path, depth: Depth = "quick") -> str | None:
    """Why the SQLite file ``file`` is not sound, in a few words, or None when it is.

    Opens the file read-only (nothing about it changes, no side files are left behind) and
    runs ``PRAGMA quick_check`` (``depth="quick"``) or ``PRAGMA integrity_check``.
    """
    access = ReadOnlyAccess.for_file(Path(file))
    try:
        connection = access.connect()
        try:
            pragma = "quick_check" if depth == "quick" else "integrity_check"
            rows = [row[0] for row in connection.execute(f"PRAGMA {pragma}({MAX_REPORTED})")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
        return str(exc)
    finally:
        access.finish()
    return check_result(rows)


def check_result(rows: list[str]) -> str | None:
    """The rows a check pragma returned as one line for a person, or None for "ok"."""
    if rows == ["ok"]:
        return None
    lines = (" ".join(str(row).replace("*** in database main ***", "").split()) for row in rows)
    return "; ".join(line for line in lines if line)
