"""Copying a whole project database to another one: SQLite to PostgreSQL and back.

``copy_project(from_url, to_url)`` creates the schema on the target (which must be new or
empty: a target holding any row is refused before anything is written to it), then copies
every table in dependency order, in batches, inside one transaction on the target. Row ids
are kept, so the event log's references (``object_id``, ``document_id``) stay valid, and the
id counters (PostgreSQL sequences, SQLite's AUTOINCREMENT counters) are set at least as far
as the source's, so an id deleted in the source is not handed out again in the target.

JSON columns are copied as their stored text, so a JSON ``null`` stays JSON ``null`` and
SQL NULL stays NULL. The SQLite full-text index is not copied but rebuilt on a SQLite
target; PostgreSQL targets search without it (``storage.search``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    MetaData,
    Table,
    Text,
    bindparam,
    cast,
    func,
    insert,
    inspect,
    select,
    text,
)

from storage.database import (
    Database,
    DatabaseError,
    ProjectLocation,
    create_project_engine,
    resolve_location,
)
from storage.migrate import current_version, head_version, newer_version_message, prepare_schema
from storage.search import refresh_search_index

BATCH_ROWS = 1000
# Not project data: the schema version (the target gets its own by migrating) and SQLite's
# search index, which is rebuilt from the documents.
SKIPPED_TABLES = {"alembic_version", "search_index_state"}
SKIPPED_PREFIXES = ("documents_fts", "sqlite_")

Progress = Callable[[str, int, int], None]  # table, rows copied so far, rows in the table


@dataclass
class CopyReport:
    """What a copy did: rows per table, in the order they were copied."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def lines(self) -> list[str]:
        lines = [f"copied {self.total} rows from {self.source} to {self.target}"]
        lines += [f"  {table}: {count}" for table, count in self.rows.items()]
        return lines


def copy_project(
    from_url: str | Path,
    to_url: str | Path,
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
) -> CopyReport:
    """Copy the project database at ``from_url`` into the new or empty one at ``to_url``.

    Raises ``DatabaseError`` (a message for a person) when the source is missing, not a
    project or at another schema version than this app's, or when the target holds data.
    On failure the target is left as it was (a SQLite file this call created is removed).
    """
    source = resolve_location(from_url)
    target = resolve_location(to_url)
    if source.url == target.url:
        raise DatabaseError("the source and the target are the same database")
    if source.file is not None and not source.file.exists():
        raise DatabaseError(f"{source.file} does not exist")
    created_file = target.file is not None and not target.file.exists()
    source_engine = create_project_engine(source)
    try:
        target_engine = create_project_engine(target)
    except BaseException:
        source_engine.dispose()
        raise
    report = CopyReport(source.display, target.display)
    try:
        _check_source(source_engine, source)
        _check_target_empty(target_engine, target)
        prepare_schema(target_engine, target)
        _copy_tables(source_engine, target_engine, report, progress, batch_rows)
        # Searching a SQLite copy needs its own index; built now, not at first search.
        refresh_search_index(Database(target_engine, target))
    except BaseException:
        target_engine.dispose()
        if created_file and target.file is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{target.file}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        source_engine.dispose()
    target_engine.dispose()
    return report


def _check_source(engine: Engine, location: ProjectLocation) -> None:
    with engine.connect() as connection:
        version = current_version(connection)
    head = head_version()
    if version is None:
        raise DatabaseError(f"{location.display} is not a Standpunkt project")
    if version != head:
        from storage.migrate import known_versions

        if version not in known_versions():
            raise DatabaseError(newer_version_message(location.display, version))
        # Copying never changes the source, so it is not upgraded here.
        raise DatabaseError(
            f"{location.display} has the older schema {version}; open it with this version "
            f"of Standpunkt once (that upgrades it to {head}), then copy it"
        )


def _project_tables(names: set[str]) -> set[str]:
    return {
        name
        for name in names
        if name not in SKIPPED_TABLES and not name.startswith(SKIPPED_PREFIXES)
    }


def _check_target_empty(engine: Engine, location: ProjectLocation) -> None:
    """Refuse a target with any row of data (or any table of something else)."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return
        version = current_version(connection)
        if version is None and tables - {"alembic_version"}:
            found = ", ".join(sorted(tables)[:5])
            raise DatabaseError(
                f"{location.display} is not empty (it has the tables {found}); "
                "copy into a new or empty database"
            )
        for name in sorted(_project_tables(tables)):
            table = Table(name, MetaData())
            if connection.scalar(select(func.count()).select_from(table)):
                raise DatabaseError(
                    f"{location.display} already holds data (table {name} has rows); "
                    "copy into a new or empty database, nothing was changed"
                )


def _copy_tables(
    source_engine: Engine,
    target_engine: Engine,
    report: CopyReport,
    progress: Progress | None,
    batch_rows: int,
) -> None:
    source_options: dict[str, Any] = {}
    if source_engine.dialect.name == "postgresql":
        # One snapshot for all tables, so annotators working meanwhile cannot tear the copy.
        source_options["isolation_level"] = "REPEATABLE READ"
    with (
        source_engine.connect().execution_options(**source_options) as src,
        target_engine.connect() as dst,
    ):
        src.begin()
        dst.begin()  # one transaction: a failed copy leaves the target as it was
        source_meta = _reflect(src)
        target_meta = _reflect(dst)
        missing = set(source_meta.tables) ^ set(target_meta.tables)
        if missing:
            raise DatabaseError(f"source and target schemas differ in {', '.join(sorted(missing))}")
        counters = _source_counters(src, source_meta)
        for target_table in target_meta.sorted_tables:
            source_table = source_meta.tables[target_table.name]
            report.rows[target_table.name] = _copy_table(
                src, dst, source_table, target_table, progress, batch_rows
            )
        _set_counters(dst, target_meta, counters)
        dst.commit()  # leaving the block without it rolls the target back
        src.rollback()


def _reflect(connection: Connection) -> MetaData:
    meta = MetaData()
    meta.reflect(
        connection, only=sorted(_project_tables(set(inspect(connection).get_table_names())))
    )
    return meta


def _copy_table(
    src: Connection,
    dst: Connection,
    source_table: Table,
    target_table: Table,
    progress: Progress | None,
    batch_rows: int,
) -> int:
    names = [column.name for column in target_table.columns]
    json = {column.name for column in target_table.columns if isinstance(column.type, JSON)}
    # JSON as its stored text: decoding and encoding again would turn SQL NULL into 'null'.
    columns = [
        cast(source_table.c[name], Text) if name in json else source_table.c[name] for name in names
    ]
    order = list(source_table.primary_key.columns) or [source_table.c[names[0]]]
    total = src.scalar(select(func.count()).select_from(source_table)) or 0
    values: dict[str, Any] = {}
    for name in names:
        if name in json:
            parameter = bindparam(f"p_{name}", type_=Text())
            # PostgreSQL wants json, not text, in a json column; SQLite stores the text as is.
            postgresql = dst.dialect.name == "postgresql"
            values[name] = cast(parameter, target_table.c[name].type) if postgresql else parameter
        else:
            values[name] = bindparam(f"p_{name}", type_=target_table.c[name].type)
    statement = insert(target_table).values(values)
    done = 0
    if progress is not None:
        progress(target_table.name, 0, total)
    # Ordered by id: a row that points into its own table (a decision to its suggestion)
    # comes after the row it points to, so every foreign key holds at every insert.
    result = src.execute(
        select(*columns).order_by(*order), execution_options={"yield_per": batch_rows}
    )
    for batch in result.partitions():
        dst.execute(
            statement,
            [{f"p_{name}": value for name, value in zip(names, row, strict=True)} for row in batch],
        )
        done += len(batch)
        if progress is not None:
            progress(target_table.name, done, total)
    return done


def _id_column(table: Table) -> str | None:
    """The single integer primary key a counter hands out, if the table has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].type.python_type is int:
        return keys[0].name
    return None


def _source_counters(src: Connection, meta: MetaData) -> dict[str, int]:
    """The highest id each table has handed out (deleted rows included, where known)."""
    counters: dict[str, int] = {}
    for table in meta.sorted_tables:
        column = _id_column(table)
        if column is not None:
            counters[table.name] = src.scalar(select(func.max(table.c[column]))) or 0
    if src.dialect.name == "sqlite":
        has_sequence = src.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
        ).scalar()
        if has_sequence:
            for name, seq in src.exec_driver_sql("SELECT name, seq FROM sqlite_sequence"):
                if name in counters:
                    counters[name] = max(counters[name], int(seq))
    elif src.dialect.name == "postgresql":
        for name in counters:
            sequence = _pg_sequence(src, meta.tables[name])
            if sequence is not None:
                last, called = src.execute(
                    text(f"SELECT last_value, is_called FROM {sequence}")
                ).one()
                counters[name] = max(counters[name], int(last) if called else int(last) - 1)
    return counters


def _pg_sequence(connection: Connection, table: Table) -> str | None:
    column = _id_column(table)
    if column is None:
        return None
    return connection.scalar(
        text("SELECT pg_get_serial_sequence(:table, :column)"),
        {"table": table.name, "column": column},
    )


def _set_counters(dst: Connection, meta: MetaData, counters: dict[str, int]) -> None:
    """Advance the target's id counters to the source's."""
    if dst.dialect.name == "postgresql":
        for name, value in counters.items():
            sequence = _pg_sequence(dst, meta.tables[name])
            if sequence is None:
                continue
            # setval(..., false) for an empty table: the next id is 1, as in a new project.
            dst.execute(
                text("SELECT setval(:sequence, :value, :called)"),
                {"sequence": sequence, "value": max(value, 1), "called": value > 0},
            )
    elif dst.dialect.name == "sqlite":
        autoincrement = {
            name
            for name, sql in dst.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            )
            if sql and "AUTOINCREMENT" in sql.upper()
        }
        for name, value in counters.items():
            if name not in autoincrement:
                continue  # SQLite hands out max(id) + 1 there: nothing to carry over
            updated = dst.execute(
                text("UPDATE sqlite_sequence SET seq = max(seq, :value) WHERE name = :name"),
                {"value": value, "name": name},
            ).rowcount
            if not updated and value > 0:
                dst.execute(
                    text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :value)"),
                    {"value": value, "name": name},
                )
