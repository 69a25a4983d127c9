"""Backups of a DeskBridge database file: online copies, verified before they count, rotated.

Each backup is a single SQLite file in the database's backup folder (see
:func:`deskbridge.paths.backup_folder_for`) with a ``.json`` sidecar recording when and why it
was taken and how many things it holds, so listing backups never opens them. A backup is
copied under a temporary name, checked with ``PRAGMA integrity_check``, and only then given
its sidecar and its real name; a file without a sidecar is an unfinished leftover.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from deskbridge.backup_rotation import backups_to_keep
from deskbridge.clock import Clock
from deskbridge.errors import DeskBridgeError
from deskbridge.paths import backup_folder_for
from deskbridge.progress import Progress, no_progress
from deskbridge.sqlite_files import (
    check_deskbridge_copy,
    flush_folder,
    online_copy,
)

AUTOMATIC = "automatic"
MANUAL = "manual"
BEFORE_RESTORE = "before restore"
AUTOMATIC_INTERVAL = timedelta(minutes=30)
SUFFIX = ".sqlite3"
SIDECAR = ".json"
PARTIAL = ".partial"
# A temporary file untouched this long belongs to a copy that died (a crash, a kill); a
# live copy writes to its file every step.
LEFTOVER_AFTER_S = 10 * 60


def size_text(size: int) -> str:
    """A file size as the backup lists show it: ``812 bytes``, ``528 KiB``, ``1.3 MiB``."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    reason: str  # AUTOMATIC | MANUAL | BEFORE_RESTORE
    counts: Mapping[str, int] = field(default_factory=dict)


def automatic_backup_due(last: datetime | None, changed_since_last: bool, now: datetime) -> bool:
    """An automatic backup is due when there is none yet, or when the data changed and
    :data:`AUTOMATIC_INTERVAL` has passed since the last one."""
    if last is None:
        return True
    return changed_since_last and now - last >= AUTOMATIC_INTERVAL


def _sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + SIDECAR)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def _private_folder(folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.mkdir(exist_ok=True, mode=0o700)
    folder.chmod(0o700)


def _read_sidecar(sidecar: Path) -> BackupInfo | None:
    backup = sidecar.with_name(sidecar.name.removesuffix(SIDECAR))
    try:
        data: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
        info = BackupInfo(
            path=backup,
            taken_at=datetime.fromisoformat(data["taken_at"]),
            size=int(data["size"]),
            reason=str(data["reason"]),
            counts={str(key): int(value) for key, value in data["counts"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return info if backup.is_file() else None


class Backups:
    """The backups of one SQLite database file."""

    def __init__(self, db_path: Path, folder: Path, clock: Clock) -> None:
        self.db_path = db_path
        self.folder = folder
        self.clock = clock

    @classmethod
    def for_database(cls, db_path: Path, clock: Clock) -> Backups:
        return cls(db_path, backup_folder_for(db_path), clock)

    # --- taking a backup ------------------------------------------------------------------

    def create(
        self, reason: str = MANUAL, to: Path | None = None, progress: Progress = no_progress
    ) -> BackupInfo:
        """Copy the database online, verify the copy, and keep it. Into the backup folder
        (then rotated) unless ``to`` names a file or folder of the user's own choosing.

        Raises DeskBridgeError when there is no database or the copy fails its check; a
        ``Cancelled`` from ``progress`` leaves nothing behind."""
        if not self.db_path.is_file():
            raise DeskBridgeError(f"there is no database at {self.db_path} to back up")
        taken_at = self.clock.now().replace(microsecond=0)
        if to is None:
            _private_folder(self.folder)
            final = self._free_name(self.folder, taken_at, reason)
        else:
            final = self._free_name(to, taken_at, reason) if to.is_dir() else to
            if final.exists():
                raise DeskBridgeError(f"{final} already exists; choose another name")
        temporary = final.with_name(f".{final.name}.{os.getpid()}{PARTIAL}")
        try:
            online_copy(self.db_path, temporary, progress)
            counts = check_deskbridge_copy(temporary, f"the new backup of {self.db_path}")
            info = BackupInfo(final, taken_at, temporary.stat().st_size, reason, counts)
            if to is None:
                self._write_sidecar(info)
            self._claim(temporary, final)
        except BaseException:
            _remove(temporary)
            if to is None:
                _remove(_sidecar(final))
            raise
        flush_folder(final.parent)
        if to is None:
            self.rotate()
        return info

    def _free_name(self, folder: Path, taken_at: datetime, reason: str) -> Path:
        base = f"{self.db_path.stem}-{taken_at:%Y-%m-%d-%H%M%S}-{reason.replace(' ', '-')}"
        candidate = folder / f"{base}{SUFFIX}"
        serial = 1
        while candidate.exists() or _sidecar(candidate).exists():
            serial += 1
            candidate = folder / f"{base}-{serial}{SUFFIX}"
        return candidate

    def _write_sidecar(self, info: BackupInfo) -> None:
        data = {
            "taken_at": info.taken_at.isoformat(),
            "reason": info.reason,
            "size": info.size,
            "counts": dict(info.counts),
            "database": str(self.db_path),
        }
        sidecar = _sidecar(info.path)
        fd = os.open(sidecar, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=2)
            file.flush()
            os.fsync(file.fileno())

    @staticmethod
    def _claim(temporary: Path, final: Path) -> None:
        # A hard link fails instead of replacing a file that appeared meanwhile.
        try:
            os.link(temporary, final)
        except FileExistsError as error:
            raise DeskBridgeError(f"{final} already exists; choose another name") from error
        except OSError:
            if final.exists():
                raise
            temporary.replace(final)  # a file system without hard links
        else:
            _remove(temporary)

    # --- what is kept ---------------------------------------------------------------------

    def list(self) -> list[BackupInfo]:
        """The verified backups, newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for sidecar in self.folder.glob(f"*{SUFFIX}{SIDECAR}"):
            info = _read_sidecar(sidecar)
            if info is not None:
                # Backups taken within the same second: the one written later is newer.
                found.append((info.taken_at, sidecar.stat().st_mtime_ns, info.path.name, info))
        found.sort(key=lambda entry: entry[:3], reverse=True)
        return [entry[3] for entry in found]

    def latest(self) -> BackupInfo | None:
        listed = self.list()
        return listed[0] if listed else None

    def rotate(self) -> tuple[Path, ...]:
        """Delete the backups the rotation rule no longer keeps, and unfinished leftovers;
        copies kept "before restore" stay until the user removes them. Returns what went."""
        rotated = [info for info in self.list() if info.reason != BEFORE_RESTORE]
        keep = backups_to_keep([info.taken_at for info in rotated])
        removed: tuple[Path, ...] = ()
        for index, info in enumerate(rotated):
            if index not in keep:
                _remove(_sidecar(info.path))
                _remove(info.path)
                removed += (info.path,)
        return removed + self._remove_leftovers()

    def _remove_leftovers(self) -> tuple[Path, ...]:
        verified = {info.path.name for info in self.list()}
        cutoff = time.time() - LEFTOVER_AFTER_S
        removed: tuple[Path, ...] = ()
        for path in self.folder.iterdir():
            name = path.name
            unverified = name.endswith(PARTIAL) or (name.endswith(SUFFIX) and name not in verified)
            orphan_sidecar = name.endswith(SIDECAR) and not path.with_suffix("").exists()
            if (unverified or orphan_sidecar) and path.is_file() and path.stat().st_mtime < cutoff:
                _remove(path)
                removed += (path,)
        return removed

    # --- restoring --------------------------------------------------------------------------

    def restore(self, backup: Path, progress: Progress = no_progress) -> Path | None:
        """Put ``backup`` in place of the database; see :mod:`deskbridge.restore`."""
        from deskbridge.restore import restore_backup

        return restore_backup(self, backup, progress)
