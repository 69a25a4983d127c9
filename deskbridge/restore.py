"""Putting a backup in place of the database, keeping the current file aside first.

The order is what makes it safe: the backup is checked before anything is touched, copied
into a temporary file beside the database, the current database is kept (an online copy
when it can be read, else the file itself renamed aside), the old ``-wal``/``-shm``/
``-journal`` go (so nothing of the old file can be replayed onto the restored one), and one
``os.replace`` puts the copy in place.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from deskbridge.errors import DeskBridgeError
from deskbridge.progress import Progress, no_progress
from deskbridge.sqlite_files import (
    CopyCheckFailed,
    check_deskbridge_copy,
    companions,
    flush_folder,
    online_copy,
)

if TYPE_CHECKING:
    from deskbridge.backups import Backups


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


def _refuse_if_in_use(backups: Backups) -> None:
    from deskbridge.database_health import Problem, diagnose

    if not backups.db_path.exists():
        return
    diagnosis = diagnose(str(backups.db_path), backups.clock)
    if diagnosis.problem in (Problem.LOCKED, Problem.READ_ONLY):
        raise DeskBridgeError(f"cannot restore: {diagnosis.message}")


def _keep_current_aside(backups: Backups) -> Path | None:
    from deskbridge.backups import BEFORE_RESTORE
    from deskbridge.database_health import set_damaged_aside

    database = backups.db_path
    if not database.exists():
        return None
    if database.stat().st_size > 0:
        try:
            return backups.create(reason=BEFORE_RESTORE).path
        except (CopyCheckFailed, sqlite3.DatabaseError):
            pass  # not readable as a DeskBridge database: keep the file itself instead
    return set_damaged_aside(database, backups.clock)


def restore_backup(backups: Backups, backup: Path, progress: Progress = no_progress) -> Path | None:
    """Replace ``backups.db_path`` with ``backup``; returns where the previous database was
    kept (None when there was none). Raises DeskBridgeError, with nothing changed, when the
    backup is missing, damaged, not a DeskBridge database or from a newer version, or when
    another program is using the database. The database must not be open in this process."""
    database = backups.db_path
    backup = backup.expanduser()
    if not backup.is_file():
        raise DeskBridgeError(f"there is no backup at {backup}")
    if _same_file(backup, database):
        raise DeskBridgeError(f"{backup} is the database itself, not a backup of it")
    check_deskbridge_copy(backup, f"the backup {backup}")
    _refuse_if_in_use(backups)
    database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    incoming = database.with_name(f".{database.name}.restoring.{os.getpid()}.partial")
    try:
        online_copy(backup, incoming, progress, read_only=True)
        kept = _keep_current_aside(backups)
        for leftover in companions(database):
            if leftover.exists():
                leftover.unlink()
        incoming.replace(database)
    except BaseException:
        if incoming.exists():
            incoming.unlink()
        raise
    flush_folder(database.parent)
    return kept
