"""One place that owns the engine and the sessions of an open project.

``open_database`` turns a path or SQLAlchemy URL into a ready ``Database``: SQLite pragmas set
on every connection, the schema upgraded (after a backup) or refused when it is newer than this
app, and a rotating backup taken on open.

Every user action is one unit of work::

    with db.write() as session:   # BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error
        ...

``write()`` returns only after the commit did, so whatever the caller shows as saved is on disk.

On PostgreSQL (``postgresql+psycopg://...``, several annotators on one server) transactions
run at the default READ COMMITTED, and every ``write()`` first takes one transaction-scoped
advisory lock: writers take turns exactly as SQLite's ``BEGIN IMMEDIATE`` makes them, so the
read-check-write code written for SQLite (e.g. "is there a decision on this suggestion
already?") cannot lose an update, and the counters in ``entity_memory`` that every
annotator's decisions bump are never written by two transactions at once. Readers never
wait. REPEATABLE READ was the alternative; it would fail one of two annotators whenever both
decided on the same surface (a shared counter row) and still allow write skew on the checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool, StaticPool

from errors import UserError
from storage.sqlite_files import ReadOnlyAccess

if TYPE_CHECKING:
    import sqlite3

    import psycopg
    from sqlalchemy.engine import Connection
    from sqlalchemy.pool import ConnectionPoolEntry

CACHE_KIB = 64 * 1024
BUSY_TIMEOUT_MS = 10_000
# Any fixed key: advisory locks are scoped to one database, so this is "the project's writer".
WRITE_LOCK_KEY = 0x5354_4E44  # "STND"


class DatabaseError(UserError):
    """A project cannot be opened; the message says why, for a person."""


class ReadOnlyDatabaseError(RuntimeError):
    """Code that only reads tried to write: a programming error, never the user's."""


class ClosedDatabaseError(RuntimeError):
    """Code used a database after closing it: a programming error, never the user's."""


@dataclass(frozen=True)
class ProjectLocation:
    """Where a project lives: its SQLAlchemy URL and, for SQLite files, the file."""

    url: URL
    file: Path | None  # None for in-memory SQLite and for server databases

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display(self) -> str:
        """How to name the project to a person: the file, or the URL without its password."""
        return str(self.file) if self.file else self.url.render_as_string(hide_password=True)


def resolve_location(path_or_url: str | Path) -> ProjectLocation:
    """A file path becomes a SQLite URL; anything with ``://`` is taken as a SQLAlchemy URL."""
    text = str(path_or_url)
    if "://" in text:
        try:
            url = make_url(text)
        except Exception as exc:  # SQLAlchemy raises ArgumentError with a terse message
            raise DatabaseError(f"not a database URL: {text.split('@')[-1]!r}") from exc
        database = url.database
        if url.get_backend_name() == "sqlite" and database and database != ":memory:":
            return ProjectLocation(url, Path(database).resolve())
        return ProjectLocation(url, None)
    file = Path(text).expanduser().resolve()
    return ProjectLocation(URL.create("sqlite+pysqlite", database=str(file)), file)


def _configure_sqlite(engine: Engine) -> None:
    """Pragmas on every new connection; explicit BEGINs so transactions mean what they say."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # pysqlite's own implicit transactions are off: we issue BEGIN ourselves below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives power loss too, not only a crash of the app.
        cursor.execute("PRAGMA synchronous = FULL")
        # 64 MiB of page cache (the default is 2): ordering 100,000 documents by their
        # suggestions' confidence reads the suggestion indexes whole, again at every page.
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the lock up front, so two processes never deadlock upgrading a read lock.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def _configure_sqlite_reader(engine: Engine) -> None:
    """Pragmas of a read-only connection: nothing that writes (no journal mode, which would
    turn a backup in rollback-journal mode into WAL), and the query-only guard."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN DEFERRED")


def _configure_postgresql(engine: Engine, read_only: bool = False) -> None:
    """Waiting for a lock gives up after as long as SQLite's busy timeout would; a reader's
    transactions are read-only, so the server refuses any write."""

    @event.listens_for(engine, "connect")
    def _on_connect(
        dbapi_connection: psycopg.Connection[Any], _record: ConnectionPoolEntry
    ) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
            if read_only:
                cursor.execute("SET default_transaction_read_only = on")
        dbapi_connection.commit()  # psycopg opened a transaction for the SET


def create_project_engine(location: ProjectLocation, *, read_only: bool = False) -> Engine:
    """An engine for the location, with SQLite set up for durability and concurrency.

    ``read_only``: an engine that cannot write and changes nothing about the database (use
    ``open_reader`` for a SQLite file, which also tidies up after itself).
    """
    if not location.is_sqlite:
        try:
            engine = create_engine(location.url, pool_pre_ping=True)
            if engine.dialect.name == "postgresql":
                _configure_postgresql(engine, read_only)
            return engine
        except ImportError as exc:  # the database's driver package is not installed
            raise DatabaseError(
                f"no driver for {location.url.drivername} databases is installed "
                f"({exc.name or exc}); install it with pip"
            ) from exc
        except NoSuchModuleError as exc:
            raise DatabaseError(f"unknown database kind {location.url.drivername!r}") from exc
    if location.file is None:
        # In-memory: one shared connection, or every session would see its own empty database.
        engine = create_engine(
            location.url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    elif read_only:
        raise ValueError("a read-only SQLite file is opened with open_reader")
    else:
        location.file.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(location.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine)
    return engine


class Database:
    """An open project database: engine plus read and write units of work.

    A database opened for reading only (``open_reader``) refuses ``write()``; ``on_close``
    runs after its connections are closed (a reader of a SQLite file tidies up there).
    """

    def __init__(
        self,
        engine: Engine,
        location: ProjectLocation,
        *,
        read_only: bool = False,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.engine = engine
        self.location = location
        self.read_only = read_only
        self.closed = False
        self._on_close = on_close
        self._reader = sessionmaker(engine, expire_on_commit=False)
        write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._writer = sessionmaker(write_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; rolled back at the end, so it never writes."""
        self._check_open()
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One committed transaction: all of the block's changes, or none of them."""
        self._check_open()
        if self.read_only:
            raise ReadOnlyDatabaseError(f"{self.location.display} was opened for reading only")
        with self._writer() as session, session.begin():
            if self.engine.dialect.name == "postgresql":
                # One writer at a time, as on SQLite (see the module's docstring).
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
            yield session

    def _check_open(self) -> None:
        # A disposed engine would quietly connect again, and could even create an empty
        # file where a restore is about to put the project.
        if self.closed:
            raise ClosedDatabaseError(f"{self.location.display} was closed")

    def close(self) -> None:
        self.closed = True
        self.engine.dispose()
        if self._on_close is not None:
            self._on_close()
            self._on_close = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_reader(location: ProjectLocation) -> Database:
    """A database that only reads and changes nothing, not even the journal mode of a
    SQLite file, and leaves no side files behind (``storage.sqlite_files``)."""
    if location.file is None:
        return Database(create_project_engine(location, read_only=True), location, read_only=True)
    access = ReadOnlyAccess.for_file(location.file)
    engine = create_engine("sqlite://", creator=access.connect, poolclass=QueuePool)
    _configure_sqlite_reader(engine)
    return Database(engine, location, read_only=True, on_close=access.finish)


def connect(location: ProjectLocation) -> Database:
    """A second connection to an open project, for a background job that must not share
    (or outlive) the window's: the job closes it when done. SQLite in WAL mode lets it read
    and write beside the window's connection."""
    return Database(create_project_engine(location), location)
