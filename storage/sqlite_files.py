"""Reading a SQLite file without changing it or leaving anything behind.

A read-only connection (``mode=ro``) to a database in WAL mode creates the ``-wal`` and
``-shm`` files beside it and leaves them there when it closes: only a connection that may
write removes them. Left beside a read-only file they carry its permissions and later block
every writer ("attempt to write a readonly database"); in a read-only folder they cannot be
created at all, and the open fails. So a reader here picks how to open:

- a ``-wal`` file is there: it may hold committed changes, so it must be read (``mode=ro``);
- the file or its folder cannot be written: nobody can be writing it either, so it is opened
  ``immutable`` (no locks, no side files);
- otherwise ``mode=ro``, and afterwards the empty side files a read leaves are removed the
  way SQLite removes them itself: by the close of a writable connection, which deletes them
  only when no other connection (the app, another reader) still uses the database, so the
  last of several overlapping readers tidies up for all.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.project_files import side_files


def read_only_uri(file: Path, *, immutable: bool = False) -> str:
    """A SQLite URI that opens ``file`` read-only; the path is escaped, so names with
    ``#``, ``?`` or ``%`` open the right file."""
    mode = "immutable=1" if immutable else "mode=ro"
    return file.resolve().as_uri() + "?" + mode


def _writable(file: Path) -> bool:
    return os.access(file, os.W_OK) and os.access(file.resolve().parent, os.W_OK)


@dataclass
class ReadOnlyAccess:
    """How to read one SQLite file, and what to tidy up once every connection is closed.

    Make one with ``ReadOnlyAccess.for_file(path)``, connect with ``connect()`` (or hand
    ``uri`` to another driver), and call ``finish()`` after the last connection closed.
    """

    file: Path
    uri: str

    @classmethod
    def for_file(cls, file: Path) -> ReadOnlyAccess:
        """Choose ``mode=ro`` or ``immutable`` for ``file`` (see the module's docstring)."""
        file = file.resolve()
        immutable = not Path(f"{file}-wal").exists() and not _writable(file)
        return cls(file, read_only_uri(file, immutable=immutable))

    def connect(self, timeout: float = 10.0) -> sqlite3.Connection:
        connection = sqlite3.connect(self.uri, uri=True, timeout=timeout, check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")
        return connection

    def finish(self) -> None:
        """Remove the ``-wal``/``-shm`` files a read leaves (an empty log and its index),
        unless another connection still uses the database (then they are that one's). A log
        holding changes stays: folding it in would write to the file."""
        wal = Path(f"{self.file}-wal")
        sides = [side for side in side_files(self.file) if side.exists()]
        if not sides or not self.file.exists() or not _writable(self.file):
            return
        with contextlib.suppress(OSError):
            if wal.exists() and wal.stat().st_size > 0:
                return
        with contextlib.suppress(sqlite3.Error):
            # mode=rw: never creates the database. Closing the last connection that may write
            # deletes both files; with others open it keeps them.
            tidy = sqlite3.connect(self.file.as_uri() + "?mode=rw", uri=True, timeout=1.0)
            try:
                tidy.execute("SELECT count(*) FROM sqlite_master").fetchall()
            finally:
                tidy.close()
