"""SQLite database files as files: their companions, online copies, and checks of a copy.

Shared by backups (copy, verify, count) and the health check (read without writing).
Everything here uses the standard ``sqlite3`` module on its own connections, so it works
on any thread and while the app has the database open.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from deskbridge.errors import DeskBridgeError
from deskbridge.progress import Progress, no_progress
from deskbridge.store.engine import create_private_file
from deskbridge.store.migrate import SCHEMA_HEAD, alembic_config

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
PAGES_PER_STEP = 512
BUSY_TIMEOUT_S = 5.0
COUNTED_TABLES: Mapping[str, str] = {
    "contacts": "contacts",
    "interactions": "interactions",
    "requests": "input_requests",
    "goals": "shared_goals",
    "projects": "projects",
    "tasks": "tasks",
}


class CopyCheckFailed(DeskBridgeError):
    """A copy of a database is damaged or is not a DeskBridge database."""


def companions(path: Path) -> tuple[Path, Path, Path]:
    """The files SQLite keeps beside a database: write-ahead log, shared memory, journal."""
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))  # type: ignore[return-value]


def is_wal_file(header: bytes) -> bool:
    """True when the header says the database is in WAL mode (format versions 2)."""
    return len(header) >= 20 and header[18] == 2 and header[19] == 2


def open_read_only(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection that cannot change the database file. A WAL database without a -wal
    file is opened as immutable, so no -wal/-shm files appear beside it either."""
    with path.open("rb") as file:
        header = file.read(HEADER_SIZE)
    wal = companions(path)[0]
    immutable = is_wal_file(header) and not wal.exists()
    mode = "immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=timeout)


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this DeskBridge's migrations know."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


def is_known_revision(revision: str) -> bool:
    return revision == SCHEMA_HEAD or revision in known_revisions()


def table_names(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(row[0]) for row in rows if not str(row[0]).startswith("sqlite_")}


def schema_revision(connection: sqlite3.Connection) -> str | None:
    """The DeskBridge schema revision, or None when the file has no alembic_version."""
    if "alembic_version" not in table_names(connection):
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    present = table_names(connection)
    return {
        key: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if table in present
        else 0
        for key, table in COUNTED_TABLES.items()
    }


def check_deskbridge_copy(path: Path, what: str) -> dict[str, int]:
    """Prove ``path`` is a sound DeskBridge database this version can open; returns its row
    counts. Raises CopyCheckFailed naming ``what`` ("the backup ...") and the reason."""
    try:
        connection = open_read_only(path)
    except (OSError, sqlite3.Error) as error:
        raise CopyCheckFailed(f"{what} cannot be read: {error}") from error
    try:
        try:
            found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
            revision = schema_revision(connection)
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error):
                raise CopyCheckFailed(f"{what} is not a DeskBridge database file") from error
            raise CopyCheckFailed(f"{what} is damaged: {error}") from error
        if found != ["ok"]:
            raise CopyCheckFailed(f"{what} is damaged: {found[0]}")
        if revision is None:
            raise CopyCheckFailed(f"{what} is not a DeskBridge database")
        if not is_known_revision(revision):
            raise CopyCheckFailed(
                f"{what} was written by a newer DeskBridge (schema {revision}); "
                "update DeskBridge to use it"
            )
        return table_counts(connection)
    finally:
        connection.close()


def online_copy(
    source: Path, target: Path, progress: Progress = no_progress, read_only: bool = False
) -> None:
    """Copy the database ``source`` into the new file ``target`` (created 0600) with SQLite's
    backup API: a consistent snapshot, taken while others may be writing. The copy uses a
    rollback journal, so it is one self-contained file. ``Cancelled`` raised by
    ``progress`` stops the copy and propagates; the caller removes ``target``."""
    create_private_file(target)
    try:
        _copy(source, target, progress, read_only)
    except sqlite3.Error as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            raise CopyCheckFailed(f"{source} is in use by another program: {text}") from error
        raise CopyCheckFailed(f"{source} cannot be copied: it is damaged ({text})") from error
    _flush_to_disk(target)


def _copy(source: Path, target: Path, progress: Progress, read_only: bool) -> None:
    if read_only:
        reader = open_read_only(source)
    else:
        reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_S)
    reader.isolation_level = None
    try:
        # A read transaction pins one snapshot: writers (in WAL mode) go on, and the copy
        # neither restarts nor mixes their changes in.
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        writer = sqlite3.connect(target)
        try:

            def report(_status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total)

            reader.backup(writer, pages=PAGES_PER_STEP, progress=report)
            writer.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            writer.close()
        reader.execute("ROLLBACK")
    finally:
        reader.close()


def _flush_to_disk(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def flush_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
