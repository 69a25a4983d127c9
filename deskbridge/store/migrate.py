"""Bring a database to the newest schema on open, safely.

An existing database is copied (with SQLite's online backup) before any migration runs, a
database written by a newer DeskBridge is refused, and a file that holds someone else's
tables is refused rather than changed.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from deskbridge.store.engine import sqlite_file

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def backup_before_migrating(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite database beside itself before migrating it; returns the copy's path."""
    path = sqlite_file(engine.url)
    if path is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-migration-{revision}-{stamp}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    target.chmod(0o600)
    return target


def upgrade_to_head(engine: Engine) -> Path | None:
    """Migrate ``engine``'s database to the newest schema; returns the backup path if one was made.

    Raises SchemaTooNewError for a database from a newer DeskBridge and
    NotDeskBridgeDatabaseError for a database holding unrelated tables.
    """
    with engine.connect() as connection:
        current = current_revision(connection)
        tables = inspect(connection).get_table_names()
    head = head_revision()
    if current == head:
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
    backup = backup_before_migrating(engine, current) if current is not None else None
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
