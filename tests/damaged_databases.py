"""Real DeskBridge databases, and real damage done to them, for the health and backup tests."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from deskbridge.clock import FixedClock
from deskbridge.workspace import Workspace

PEOPLE = ("Ana Lopez", "Ben Okafor", "Chloe Martin", "Dev Patel", "Eva Novak")


_built: dict[tuple[int, int], Path] = {}


def make_database(path: Path, people: int = 5, padding: int = 300) -> Path:
    """A real DeskBridge database with ``people`` contacts, one meeting with each, and
    ``padding`` extra contacts so the file spans many pages; closed again. Built once per
    test session and copied (a closed database is one self-contained file)."""
    key = (people, padding)
    if key not in _built:
        template = Path(tempfile.mkdtemp(prefix="deskbridge-template-")) / "template.sqlite3"
        _build(template, people, padding)
        _built[key] = template
    shutil.copyfile(_built[key], path)
    path.chmod(0o600)
    return path


def _build(path: Path, people: int, padding: int) -> None:
    workspace = Workspace.open(str(path), FixedClock(date(2026, 11, 23)))
    try:
        finance = workspace.departments.add("Finance")
        for name in PEOPLE[:people]:
            contact = workspace.contacts.add(
                name, department=finance.name, notes="likes long spreadsheets " * 20
            )
            workspace.interactions.log([contact.id], f"Budget review with {name}")
        for number in range(padding):
            workspace.contacts.add(f"Filler Person{number:04d}", notes="x" * 200)
    finally:
        workspace.close()


@dataclass(frozen=True)
class Snapshot:
    """What a file was: its bytes, modification time, and the files beside it."""

    content: bytes
    mtime_ns: int
    neighbours: tuple[str, ...]

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        return cls(
            path.read_bytes(),
            path.stat().st_mtime_ns,
            tuple(sorted(p.name for p in path.parent.iterdir())),
        )


def truncate(path: Path, keep: int | None = None) -> None:
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.truncate(size // 2 if keep is None else keep)


def overwrite_middle(path: Path) -> None:
    """Garbage over a run of pages in the middle, header untouched."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2 - (size // 2) % 4096)
        file.write(bytes(range(256)) * 64)


def set_revision(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()


def make_foreign_database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.execute("INSERT INTO recipes VALUES ('bread')")
    connection.close()
    return path


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("contacts", "interactions")
        }
    finally:
        connection.close()


HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


@contextmanager
def lock_held_by_another_process(path: Path) -> Iterator[None]:
    """Another process holds the database's write lock for the length of the block."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


CRASH_AFTER_WRITING = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute("UPDATE contacts SET notes = 'written just before a crash'")
connection.commit()
os._exit(0)
"""


def leave_a_crashed_write_ahead_log(path: Path) -> None:
    """A process commits into the -wal and dies without checkpointing, as a crash would."""
    subprocess.run([sys.executable, "-c", CRASH_AFTER_WRITING, str(path)], check=True)
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0


def age(path: Path, seconds: float) -> None:
    """Make ``path`` look untouched for ``seconds``."""
    moment = datetime.now().timestamp() - seconds
    os.utime(path, (moment, moment))
