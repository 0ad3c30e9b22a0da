"""Schema versions: create new projects, upgrade older ones after a backup, refuse newer ones.

The versions are Alembic revisions in ``storage/migrations/versions``; the version a database
is at is Alembic's ``alembic_version`` table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from storage.backup import DamagedCopyError, take_backup
from storage.database import DatabaseError, ProjectLocation

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
OUR_TABLES = {"projects", "documents", "entity_spans", "events"}


@dataclass(frozen=True)
class SchemaChange:
    """What opening did to the schema: from (None for a new project) and to which version."""

    from_version: str | None
    to_version: str
    backup: Path | None = None

    @property
    def created(self) -> bool:
        return self.from_version is None


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_version() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_versions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_version(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations on ``connection`` up to ``target`` (inside its transaction)."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def newer_version_message(where: str, version: str) -> str:
    return (
        f"{where} was saved by a newer version of Standpunkt (schema {version}); "
        f"this version reads schemas up to {head_version()}. Update Standpunkt to open it."
    )


def prepare_schema(engine: Engine, location: ProjectLocation) -> SchemaChange:
    """Bring the database at ``location`` to the newest schema, or refuse with a reason.

    Raises ``DatabaseError`` for a database from a newer app version, and for a database that
    holds other tables than a Standpunkt project's.
    """
    head = head_version()
    with engine.connect() as connection:
        version = current_version(connection)
        tables = set(inspect(connection).get_table_names())
    if version == head:
        return SchemaChange(version, head)
    where = location.display
    if version is None and tables - {"alembic_version"}:
        found = ", ".join(sorted(tables)[:5])
        raise DatabaseError(f"{where} is not a Standpunkt project (it has the tables {found})")
    if version is not None and version not in known_versions():
        raise DatabaseError(newer_version_message(where, version))
    backup = None
    if version is not None and location.file is not None:
        try:
            backup = take_backup(location.file, f"before-schema-{head}", keep=3)
        except DamagedCopyError as exc:  # never upgrade a damaged file
            raise DatabaseError(f"{where} is not upgraded: {exc}") from exc
    _upgrade_with_foreign_keys_deferred(engine, head)
    return SchemaChange(version, head, backup)


def _upgrade_with_foreign_keys_deferred(engine: Engine, target: str) -> None:
    """Run the migrations with SQLite's foreign keys off, then check them all at once.

    SQLite changes a table by copying it and dropping the original; with foreign keys on,
    that drop would cascade-delete every span of every document. The check afterwards keeps
    the guarantee: a migration that broke a reference fails and is rolled back.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # the pragma is a no-op inside a transaction, so before BEGIN, on the driver
            _driver_execute(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                upgrade(connection, target)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(
                            f"upgrading the schema to {target} would break "
                            f"{len(broken)} references (first: {tuple(broken[0])})"
                        )
        finally:
            if sqlite:
                _driver_execute(connection, "PRAGMA foreign_keys = ON")


def _driver_execute(connection: Connection, sql: str) -> None:
    """``sql`` on the driver's own connection, outside SQLAlchemy's transaction handling."""
    driver = connection.connection.driver_connection
    assert driver is not None  # only a closed or invalidated connection has none
    driver.execute(sql)
