"""What is wrong with a database before DeskBridge opens it, and the ways out.

:func:`diagnose` never writes a byte to the file: it reads the header itself, opens the
database read-only, and asks for the write lock on a second connection only to give it
straight back. Call it while this process does not have the database open (at start, or
after a failed open): closing any file handle on a database drops the locks the process
holds on it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy.engine import make_url

from deskbridge.backups import BackupInfo, Backups
from deskbridge.clock import Clock
from deskbridge.paths import database_url
from deskbridge.sqlite_files import (
    HEADER_SIZE,
    SQLITE_MAGIC,
    companions,
    is_known_revision,
    open_read_only,
    schema_revision,
    table_names,
)
from deskbridge.store.engine import is_sqlite, sqlite_file

LOCK_PROBE_S = 0.3
NOTHING_CHANGED = "Nothing was changed."


class Problem(StrEnum):
    CORRUPT = "corrupt"
    TRUNCATED = "truncated"
    NOT_DESKBRIDGE = "not a DeskBridge database"
    NEWER_VERSION = "newer version"
    READ_ONLY = "read-only"
    LOCKED = "locked"
    UNREACHABLE = "unreachable"  # a team database whose server cannot be reached


class WayOut(StrEnum):
    RESTORE_BACKUP = "restore the latest good backup"
    OPEN_ANOTHER = "open another database"
    CREATE_NEW = "start a new database"
    RETRY = "try again"
    QUIT = "quit"


@dataclass(frozen=True)
class Diagnosis:
    location: str
    problem: Problem | None
    message: str
    ways_out: tuple[WayOut, ...]
    latest_backup: BackupInfo | None

    @property
    def ok(self) -> bool:
        return self.problem is None


Writable = Callable[[Path], bool]


def can_write(path: Path) -> bool:
    """Whether this user may write ``path``; also False on a read-only file system."""
    return os.access(path, os.W_OK)


class _Found(Exception):
    """Raised inside the checks to stop at the first problem."""

    def __init__(self, problem: Problem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


def _ways_out(problem: Problem, backup: BackupInfo | None) -> tuple[WayOut, ...]:
    restore = (WayOut.RESTORE_BACKUP,) if backup is not None else ()
    if problem in (Problem.CORRUPT, Problem.TRUNCATED):
        return (*restore, WayOut.OPEN_ANOTHER, WayOut.CREATE_NEW, WayOut.QUIT)
    if problem is Problem.NOT_DESKBRIDGE:
        return (WayOut.OPEN_ANOTHER, WayOut.CREATE_NEW, WayOut.QUIT)
    if problem is Problem.NEWER_VERSION:
        return (WayOut.OPEN_ANOTHER, *restore, WayOut.QUIT)
    return (WayOut.RETRY, WayOut.OPEN_ANOTHER, WayOut.QUIT)


def _explained(location: str, found: _Found, backup: BackupInfo | None) -> Diagnosis:
    message = f"{location} {found.detail}. {NOTHING_CHANGED}"
    return Diagnosis(location, found.problem, message, _ways_out(found.problem, backup), backup)


def diagnose(
    location: str | None, clock: Clock, thorough: bool = False, *, writable: Writable = can_write
) -> Diagnosis:
    """What, if anything, stops DeskBridge from opening ``location`` (a path or URL; default
    as for Workspace.open). Cheap checks by default; ``thorough`` adds PRAGMA quick_check,
    which reads every page. ``writable`` decides write permission (tests replace it)."""
    url = make_url(database_url(location))
    path = sqlite_file(url)
    if not is_sqlite(url):
        from deskbridge.database_server import diagnose_server

        shown = url.render_as_string(hide_password=True)
        problem, detail = diagnose_server(url)
        if problem is None:
            return Diagnosis(shown, None, f"{shown} {detail}.", (), None)
        return _explained(shown, _Found(problem, detail), None)
    if path is None:
        return Diagnosis(str(url), None, "an in-memory database", (), None)
    backup = Backups.for_database(path, clock).latest()
    try:
        detail = _check_file(path, thorough, writable, has_backups=backup is not None)
    except _Found as found:
        return _explained(str(path), found, backup)
    return Diagnosis(str(path), None, f"{path} {detail}.", (), backup)


def _check_file(path: Path, thorough: bool, writable: Writable, has_backups: bool) -> str:
    if path.is_dir():
        raise _Found(Problem.NOT_DESKBRIDGE, "is a folder, not a DeskBridge database")
    if not path.exists():
        folder = next(parent for parent in path.parents if parent.exists())
        if not writable(folder):
            raise _Found(Problem.READ_ONLY, f"does not exist and {folder} is read-only")
        return "does not exist yet; a new database will be created there"
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(HEADER_SIZE)
    except OSError as error:
        raise _Found(Problem.READ_ONLY, f"cannot be read ({error.strerror})") from error
    if size == 0:
        _check_writable(path, writable)
        return "is empty; a new database will be created in it"
    _check_header(header, size, has_backups)
    return _check_contents(path, thorough, writable)


def _check_header(header: bytes, size: int, has_backups: bool) -> None:
    if not header.startswith(SQLITE_MAGIC[: len(header)]):
        if has_backups:
            # Backups were taken of this very path: it was ours, and its start is damaged.
            raise _Found(
                Problem.CORRUPT,
                "was a DeskBridge database (there are backups of it), but its start has "
                "been damaged or written over",
            )
        raise _Found(Problem.NOT_DESKBRIDGE, "is not a DeskBridge database (not SQLite at all)")
    if size < HEADER_SIZE:
        raise _Found(Problem.TRUNCATED, f"is cut short: only {size} bytes are left")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise _Found(Problem.CORRUPT, "is damaged: its header is not valid")
    page_count = int.from_bytes(header[28:32], "big")
    # The page count is only valid when written by the same change as the counter.
    if page_count and header[92:96] == header[24:28] and size < page_count * page_size:
        raise _Found(
            Problem.TRUNCATED,
            f"is cut short: it holds {size:,} of the {page_count * page_size:,} bytes "
            "its header promises (an interrupted copy, or a full disk)",
        )


def _check_contents(path: Path, thorough: bool, writable: Writable) -> str:
    try:
        reader = open_read_only(path, timeout=LOCK_PROBE_S)
    except (OSError, sqlite3.Error) as error:
        raise _Found(Problem.READ_ONLY, f"cannot be opened ({error})") from error
    try:
        try:
            tables = table_names(reader)
            revision = schema_revision(reader)
            if revision is not None and not is_known_revision(revision):
                raise _Found(
                    Problem.NEWER_VERSION,
                    f"was written by a newer DeskBridge (schema {revision}); "
                    "update DeskBridge to open it",
                )
            if revision is None and tables:
                listed = ", ".join(sorted(tables)[:5])
                raise _Found(
                    Problem.NOT_DESKBRIDGE,
                    f"is not a DeskBridge database: it holds other tables ({listed})",
                )
            if thorough:
                found = [str(row[0]) for row in reader.execute("PRAGMA quick_check")]
                if found != ["ok"]:
                    raise _Found(Problem.CORRUPT, f"is damaged: {found[0]}")
        except sqlite3.DatabaseError as error:
            raise _Found(*_read_failure(error)) from error
        _check_writable(path, writable)
        # Asked while the reader is still open, so the probe's close never checkpoints.
        if not _write_lock_free(path):
            raise _Found(
                Problem.LOCKED,
                "is in use by another program (perhaps DeskBridge is already open there), "
                "which holds its write lock",
            )
    finally:
        reader.close()
    kind = f"schema {revision}" if revision else "no tables yet"
    return f"is a sound DeskBridge database ({kind})"


def _read_failure(error: sqlite3.DatabaseError) -> tuple[Problem, str]:
    text = str(error)
    if "locked" in text or "busy" in text:
        return Problem.LOCKED, "is in use by another program, which is writing to it"
    return Problem.CORRUPT, f"is damaged: {text}"


def _check_writable(path: Path, writable: Writable) -> None:
    if not writable(path):
        raise _Found(Problem.READ_ONLY, "is read-only, so changes could not be saved")
    if not writable(path.parent):
        raise _Found(
            Problem.READ_ONLY,
            f"is in a read-only folder ({path.parent}), so changes could not be saved",
        )


def _write_lock_free(path: Path) -> bool:
    journal = companions(path)[2]
    if journal.exists() and journal.stat().st_size > 0:
        return False  # a write in progress (or a crashed one): touching it would change the file
    probe = sqlite3.connect(path, timeout=LOCK_PROBE_S, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return False
        raise
    finally:
        probe.close()
    return True


def set_damaged_aside(path: Path, clock: Clock) -> Path:
    """Rename the database (and its -wal/-shm/-journal) aside, never overwriting anything,
    so a new database can start at ``path``; returns the new name of the file."""
    stamp = f"{clock.now():%Y-%m-%d-%H%M}"
    serial = 1
    while True:
        label = stamp if serial == 1 else f"{stamp}-{serial}"
        target = path.with_name(f"{path.stem}.damaged-{label}{path.suffix}")
        moves = [(path, target)] + [
            (companion, target.with_name(target.name + companion.name[len(path.name) :]))
            for companion in companions(path)
        ]
        if not any(new.exists() for _, new in moves):
            break
        serial += 1
    for old, new in moves:
        if old.exists():
            old.rename(new)
    return target
