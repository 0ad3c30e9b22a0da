"""Copying every row of a project's tables from one database to another, ids included.

Used by ``storage.copy_project``, which decides where the rows go and makes the copy all or
nothing. Tables go in dependency order, in batches; JSON columns go as their stored text (so
JSON ``null`` and SQL NULL stay apart); the id counters (PostgreSQL sequences, SQLite's
AUTOINCREMENT counters) are advanced at least as far as the source's, so an id deleted in the
source is not handed out again in the target.
"""

from __future__ import annotations

from collections.abc import Callable
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

from storage.database import DatabaseError

# Not project data: the schema version (the target gets its own by migrating) and SQLite's
# search index, which is rebuilt from the documents.
SKIPPED_TABLES = {"alembic_version", "search_index_state"}
SKIPPED_PREFIXES = ("documents_fts", "sqlite_")

Progress = Callable[[str, int, int], None]  # table, rows copied so far, rows in the table


def project_tables(names: set[str]) -> set[str]:
    return {
        name
        for name in names
        if name not in SKIPPED_TABLES and not name.startswith(SKIPPED_PREFIXES)
    }


def copy_tables(
    source_engine: Engine,
    dst: Connection,
    rows: dict[str, int],
    progress: Progress | None,
    batch_rows: int,
) -> None:
    """Copy every table into ``dst`` and commit there; its transaction (begun by the
    caller, or here) holds the whole copy, so a failure leaves the target as it was."""
    source_options: dict[str, Any] = {}
    if source_engine.dialect.name == "postgresql":
        # One snapshot for all tables, so annotators working meanwhile cannot tear the copy.
        source_options["isolation_level"] = "REPEATABLE READ"
    with source_engine.connect().execution_options(**source_options) as src:
        src.begin()
        if not dst.in_transaction():
            dst.begin()
        source_meta = _reflect(src)
        target_meta = _reflect(dst)
        missing = set(source_meta.tables) ^ set(target_meta.tables)
        if missing:
            raise DatabaseError(f"source and target schemas differ in {', '.join(sorted(missing))}")
        counters = _source_counters(src, source_meta)
        for target_table in target_meta.sorted_tables:
            source_table = source_meta.tables[target_table.name]
            rows[target_table.name] = _copy_table(
                src, dst, source_table, target_table, progress, batch_rows
            )
        _set_counters(dst, target_meta, counters)
        dst.commit()  # leaving the block without it rolls the target back
        src.rollback()


def _reflect(connection: Connection) -> MetaData:
    meta = MetaData()
    meta.reflect(
        connection, only=sorted(project_tables(set(inspect(connection).get_table_names())))
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
