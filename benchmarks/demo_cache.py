"""Demo databases for the scale benchmark, built once per size and reused while the code
that builds them is unchanged.

The cache key hashes the demo builder, its vocabulary, the bulk loader and every migration:
change any of them and the next run builds afresh. Figures are taken on a copy, so a
benchmark that writes (logging, importing) never changes the cached file."""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

from platformdirs import user_cache_dir

import deskbridge
from deskbridge.demo import fill_demo
from deskbridge.store.database import Database

NOW = datetime(2026, 11, 23, 9, 0)
"""The benchmark's clock: the demo is built around it and every figure is read on it."""
SEED = 7
_PACKAGE = Path(deskbridge.__file__).parent
_KEY_SOURCES = ("demo.py", "demo_vocabulary.py", "store/bulk_load.py", "store/models")


def default_cache_folder() -> Path:
    return Path(user_cache_dir("deskbridge")) / "benchmarks"


def cache_key(contacts: int) -> str:
    digest = hashlib.sha256(f"{contacts}:{SEED}:{NOW.isoformat()}".encode())
    files: list[Path] = []
    for name in _KEY_SOURCES:
        source = _PACKAGE / name
        files.extend(sorted(source.rglob("*.py")) if source.is_dir() else [source])
    files.extend(sorted((_PACKAGE / "store" / "migrations" / "versions").glob("*.py")))
    for file in files:
        digest.update(file.relative_to(_PACKAGE).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def demo_database(contacts: int, folder: Path, report: bool = True) -> Path:
    """The cached demo database of ``contacts`` colleagues, built first if needed."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{contacts}-{cache_key(contacts)}.sqlite3"
    if path.exists():
        return path
    for stale in folder.glob(f"demo-{contacts}-*.sqlite3"):
        stale.unlink()
    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    start = time.perf_counter()
    db = Database.open(f"sqlite:///{building}")
    try:
        summary = fill_demo(db, today=NOW.date(), now=NOW, contacts=contacts, seed=SEED)
    finally:
        db.close()
    building.rename(path)
    if report:
        print(
            f"built the {contacts:,}-contact demo ({summary.interactions:,} interactions) "
            f"in {time.perf_counter() - start:.1f} s: {path}",
            flush=True,
        )
    return path


def online_copy(source: Path, target: Path) -> None:
    """A copy through SQLite's backup API of a database that may be open elsewhere; the
    source is opened read-only."""
    reading = closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True))
    with reading as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


def working_copy(cached: Path, folder: Path) -> Path:
    """A copy of a cached (closed, checkpointed) database that a benchmark may change."""
    copy = folder / cached.name
    shutil.copyfile(cached, copy)
    for suffix in ("-wal", "-shm"):
        sidecar = cached.with_name(cached.name + suffix)
        if sidecar.exists():
            shutil.copyfile(sidecar, copy.with_name(copy.name + suffix))
    return copy


def main() -> None:
    """Build (or find) the cached demo in a process of its own and print its path: building
    100,000 contacts takes hundreds of MiB, which Linux would count into the peak memory of
    every process the scale command starts afterwards."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--contacts", type=int, required=True)
    parser.add_argument("--cache", type=Path, default=default_cache_folder())
    args = parser.parse_args()
    print(demo_database(args.contacts, args.cache, report=False))


if __name__ == "__main__":
    main()
