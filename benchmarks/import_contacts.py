"""Contact import figures: a Google-Contacts-style CSV into an empty database, and into a copy
of a big one.

    .venv/bin/python -m benchmarks.import_contacts [--rows 100000] [--db BIG.sqlite3]

Prints seconds for reading the file, the preview and the apply; asserts nothing. With --db
the same file is also imported into a copy of that database (taken with SQLite's backup
API; the original is not touched), for example the scale benchmark's cached 100,000-contact
demo. The target is 100,000 rows in under 10 s in
total into an empty database.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from benchmarks.contact_csv import write_google_csv
from benchmarks.demo_cache import online_copy
from deskbridge.clock import FixedClock
from deskbridge.exchange.csv_contacts import contacts_from_csv, guess_mapping, read_csv_table
from deskbridge.exchange.incoming import ParsedContacts
from deskbridge.integrity import run_checks
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)
T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[T, float, float]:
    """The result, wall seconds and CPU seconds of ``action`` (CPU time shows what the
    import itself costs on a machine busy with other work)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def time_import(location: Path, csv_path: Path) -> None:
    ws = Workspace.open(str(location), FixedClock(NOW))
    try:

        def read() -> ParsedContacts:
            table = read_csv_table(csv_path)
            return contacts_from_csv(table, guess_mapping(table.headers))

        parsed, read_s, read_cpu = timed(read)
        preview, preview_s, preview_cpu = timed(lambda: ws.contact_import.preview(parsed))
        result, apply_s, apply_cpu = timed(lambda: ws.contact_import.apply(parsed))
        print(
            f"  {len(parsed.contacts):,} contacts, {len(parsed.problems)} problems: "
            f"read {read_s:.2f} s, preview {preview_s:.2f} s, apply {apply_s:.2f} s; "
            f"total {read_s + preview_s + apply_s:.2f} s "
            f"(CPU {read_cpu:.2f} + {preview_cpu:.2f} + {apply_cpu:.2f} s)"
        )
        print(
            f"  preview: created {preview.created:,}, updated {preview.updated:,}, "
            f"skipped {preview.skipped:,}; applied: created {result.created:,}, "
            f"updated {result.updated:,}, skipped {result.skipped:,}"
        )
        start = time.perf_counter()
        hits = ws.search("Lindqvist")
        print(f"  search 'Lindqvist' after the import: {len(hits)} hits")
        failed = [check.name for check in run_checks(ws.db) if not check.ok]
        print(
            f"  deskbridge check: {'ok' if not failed else 'FAILED ' + ', '.join(failed)} "
            f"({time.perf_counter() - start:.1f} s)"
        )
    finally:
        ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="a big database to import into a copy of")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="deskbridge-import-"))
    csv_path = folder / "contacts.csv"
    write_google_csv(csv_path, args.rows)
    print(f"{args.rows:,} Google Contacts rows, {csv_path.stat().st_size / 2**20:.1f} MiB")
    print("into an empty database:")
    time_import(folder / "empty.sqlite3", csv_path)
    if args.db:
        copy = folder / "big-copy.sqlite3"
        online_copy(args.db, copy)
        print(f"into a copy of {args.db} ({copy.stat().st_size / 2**20:.0f} MiB):")
        time_import(copy, csv_path)


if __name__ == "__main__":
    main()
