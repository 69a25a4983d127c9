"""Export figures: seconds and megabytes for each export format, and the JSON restore.

    .venv/bin/python -m benchmarks.export_all [--contacts 10000] [--db FILE]

Builds a demo database of N contacts (about ten interactions each) in a temporary folder,
or works on a copy of --db (the original is only read), then writes every CSV sheet, a
vCard of all contacts, the .ics and the JSON archive, and restores that archive into a new
database. Prints figures, with the process's peak memory so far; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from deskbridge.clock import FixedClock
from deskbridge.demo import fill_demo
from deskbridge.exchange.exports import EXPORTABLE, ExportFormat
from deskbridge.store.database import Database
from deskbridge.workspace import Workspace

TODAY = datetime(2026, 11, 23, 9, 0)


def peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes vs KiB


def timed(label: str, action: Callable[[], object], written: Path) -> None:
    start = time.perf_counter()
    outcome = action()
    seconds = time.perf_counter() - start
    print(
        f"{label:<28} {seconds:7.2f} s  {written.stat().st_size / 2**20:8.1f} MB  "
        f"peak RSS {peak_mib():6.0f} MiB  ({outcome})"
    )


def exported_items(workspace: Workspace, target: Path, what: str = "contacts") -> int:
    return workspace.exports.write(target, what=what).items


def copy_database(source: Path, target: Path) -> None:
    """An online copy through SQLite's backup API; the source is opened read-only."""
    reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        writing = sqlite3.connect(target)
        try:
            reading.backup(writing)
        finally:
            writing.close()
    finally:
        reading.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="a database to copy and export (read only)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="deskbridge-export-"))
    path = folder / "source.sqlite3"
    if args.db:
        copy_database(args.db, path)
    else:
        db = Database.open(f"sqlite:///{path}")
        start = time.perf_counter()
        summary = fill_demo(db, today=TODAY.date(), now=TODAY, contacts=args.contacts)
        print(
            f"demo build ({summary.contacts} contacts, {summary.interactions} interactions): "
            f"{time.perf_counter() - start:.1f} s"
        )
        db.close()
    print(f"database {path.stat().st_size / 2**20:.0f} MB, files in {folder}")
    ws = Workspace.open(str(path), FixedClock(TODAY))
    try:
        for what in EXPORTABLE:
            target = folder / f"{what}.csv"
            timed(f"CSV {what}", partial(exported_items, ws, target, what), target)
        outputs = (("vCard", "contacts.vcf"), ("iCalendar", "deskbridge.ics"))
        for label, name in outputs:
            target = folder / name
            timed(label, partial(exported_items, ws, target), target)
        archive = folder / "everything.json"
        timed(
            "JSON archive",
            lambda: ws.exports.write(archive, ExportFormat.JSON).items,
            archive,
        )
    finally:
        ws.close()
    restored_path = folder / "restored.sqlite3"
    restored = Workspace.open(str(restored_path), FixedClock(TODAY))
    try:
        timed(
            "JSON restore (empty db)",
            lambda: sum(restored.exports.import_json(archive).values()),
            restored_path,
        )
    finally:
        restored.close()


if __name__ == "__main__":
    main()
