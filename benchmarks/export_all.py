"""Export figures: seconds and megabytes for each export format, and the JSON restore.

    .venv/bin/python -m benchmarks.export_all [--contacts 10000] [--db FILE]

Copies the scale benchmark's cached demo of N contacts (about ten interactions each;
built first if needed), or --db (the original is only read), then writes every CSV sheet, a
vCard of all contacts, the .ics and the JSON archive, and restores that archive into a new
database. Prints figures, with the process's peak memory so far; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.demo_cache import NOW, default_cache_folder, demo_database, online_copy
from benchmarks.timing import own_peak_mib
from deskbridge.clock import FixedClock
from deskbridge.exchange.exports import EXPORTABLE, ExportFormat
from deskbridge.workspace import Workspace


def timed(label: str, action: Callable[[], object], written: Path) -> None:
    start = time.perf_counter()
    outcome = action()
    seconds = time.perf_counter() - start
    print(
        f"{label:<28} {seconds:7.2f} s  {written.stat().st_size / 2**20:8.1f} MB  "
        f"peak RSS {own_peak_mib():6.0f} MiB  ({outcome})"
    )


def exported_items(workspace: Workspace, target: Path, what: str = "contacts") -> int:
    return workspace.exports.write(target, what=what).items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="a database to copy and export (read only)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="deskbridge-export-"))
    path = folder / "source.sqlite3"
    online_copy(args.db or demo_database(args.contacts, default_cache_folder()), path)
    print(f"database {path.stat().st_size / 2**20:.0f} MB, files in {folder}")
    ws = Workspace.open(str(path), FixedClock(NOW))
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
    restored = Workspace.open(str(restored_path), FixedClock(NOW))
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
