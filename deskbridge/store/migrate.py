"""Bring a database to the newest schema on open, safely.

An existing database is copied (with SQLite's online backup) before any migration runs, a
database written by a newer DeskBridge is refused, and a file that holds someone else's
tables is refused rather than changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

from deskbridge.store.engine import create_private_file, sqlite_file

if TYPE_CHECKING:
    from alembic.config import Config

# In a PyInstaller bundle __file__ points into sys._MEIPASS, where build.spec puts the
# migrations as data (the store imports nothing outside itself, so not deskbridge.resources).
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The newest revision in migrations/versions (a test keeps the two equal). Knowing it
# without loading Alembic keeps every start of an up-to-date database quick.
SCHEMA_HEAD = "0009"
# Tables that are not mapped models: FTS5 indexes with their shadow tables, and Alembic's own.
UNMAPPED_TABLE_PREFIXES = ("search_", "alembic_version")


class SchemaError(Exception):
    """The database cannot be opened with this version of DeskBridge."""


class SchemaTooNewError(SchemaError):
    pass


class NotDeskBridgeDatabaseError(SchemaError):
    pass


def include_in_comparison(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Keep the search index and Alembic's bookkeeping out of schema comparisons."""
    if type_ == "table" and name is not None:
        return not name.startswith(UNMAPPED_TABLE_PREFIXES)
    return True


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision, as Alembic reads it from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(connection: Connection) -> str | None:
    if "alembic_version" not in inspect(connection).get_table_names():
        return None
    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return None if revision is None else str(revision)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def backup_before_migrating(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite database beside itself before migrating it; returns the copy's path."""
    path = sqlite_file(engine.url)
    if path is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-migration-{revision}-{stamp}{path.suffix}")
    serial = 1
    while target.exists():
        serial += 1
        target = target.with_name(
            f"{path.stem}.before-migration-{revision}-{stamp}-{serial}{path.suffix}"
        )
    create_private_file(target)
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def upgrade_to_head(engine: Engine) -> Path | None:
    """Migrate ``engine``'s database to the newest schema; returns the backup path if one was made.

    Raises SchemaTooNewError for a database from a newer DeskBridge and
    NotDeskBridgeDatabaseError for a database holding unrelated tables.
    """
    with engine.connect() as connection:
        current = current_revision(connection)
        tables = inspect(connection).get_table_names()
    if current == SCHEMA_HEAD:
        return None
    if current is None and tables:
        raise NotDeskBridgeDatabaseError(
            f"{engine.url.render_as_string(hide_password=True)} is not a DeskBridge database"
        )
    if current is not None and current not in _known_revisions():
        raise SchemaTooNewError(
            f"this database was written by a newer DeskBridge (schema {current}); "
            "update DeskBridge to open it"
        )
    from alembic import command

    backup = backup_before_migrating(engine, current) if current is not None else None
    config = alembic_config()
    with (
        engine.connect() as connection,
        foreign_keys_deferred_to_the_end(connection),
        connection.begin(),
    ):
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        _refuse_broken_references(connection)
    return backup


class MigrationBrokeReferencesError(SchemaError):
    pass


@contextmanager
def foreign_keys_deferred_to_the_end(connection: Connection) -> Iterator[None]:
    """Run a SQLite migration the way SQLite asks schema changes to run. Alembic rebuilds a
    table by copying it, dropping the old one and renaming the copy: with foreign keys
    enforced the drop would cascade-delete every row pointing at the table, and without
    the legacy rename the search views that name the table would block the rename."""
    raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
    if raw is not None:
        raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, or it is ignored
        raw.execute("PRAGMA legacy_alter_table = ON")
    try:
        yield
    finally:
        if raw is not None:
            raw.execute("PRAGMA legacy_alter_table = OFF")
            raw.execute("PRAGMA foreign_keys = ON")


def _refuse_broken_references(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise MigrationBrokeReferencesError(
            f"the schema upgrade would leave {len(broken)} broken references "
            f"(first: {table} row {rowid} points to a missing {parent}); nothing was changed"
        )
