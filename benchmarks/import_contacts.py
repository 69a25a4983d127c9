"""Contact import figures: a Google-Contacts-style CSV into an empty database, and into a copy
of a big one.

    .venv/bin/python benchmarks/import_contacts.py [--rows 100000] [--db BIG.sqlite3]

Prints seconds for reading the file, the preview and the apply; asserts nothing. With --db
the same file is also imported into a copy of that database (taken with SQLite's backup
API; the original is not touched), for example one built by benchmarks/foundation.py with
100,000 contacts and 1,000,000 interactions. The target is 100,000 rows in under 10 s in
total into an empty database.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from deskbridge.clock import FixedClock
from deskbridge.exchange.csv_contacts import contacts_from_csv, guess_mapping, read_csv_table
from deskbridge.exchange.incoming import ParsedContacts
from deskbridge.integrity import run_checks
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)
T = TypeVar("T")
HEADERS = (
    "First Name", "Middle Name", "Last Name", "Nickname", "E-mail 1 - Label", "E-mail 1 - Value",
    "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value",
    "Organization Name", "Organization Title", "Organization Department", "Labels", "Notes",
    "Address 1 - Formatted", "Address 1 - City",
)  # fmt: skip
FIRST = ("Ada", "Ben", "Chloé", "Dario", "Eun-ji", "Farah", "Gustav", "Hana", "Ivo", "Jana")
LAST = ("Okafor", "Müller", "Lindqvist", "Nakamura", "Silva", "Kowalski", "Dubois", "Rossi")
DEPARTMENTS = ("Finance", "IT", "Operations", "Sales", "HR", "Purchasing", "Legal", "Marketing")
TITLES = ("Analyst", "Controller", "Engineer", "Buyer", "Manager", "Director", "Specialist")
CITIES = ("Berlin", "Lyon", "Porto", "Kraków", "Malmö", "Osaka")


def write_google_csv(path: Path, rows: int, seed: int = 7) -> None:
    chance = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADERS)
        for n in range(rows):
            first, last = chance.choice(FIRST), chance.choice(LAST)
            city = chance.choice(CITIES)
            second = f"{first}.{n}@home.example" if n % 3 == 0 else ""
            writer.writerow(
                (
                    first, "", f"{last} {n}", "", "* Work", f"{first}.{last}.{n}@corp.example",
                    "Home" if second else "", second, "Mobile", f"+49 151 {n:07d}",
                    "Corp", chance.choice(TITLES), chance.choice(DEPARTMENTS),
                    f"* myContacts ::: Team {n % 20}", "Met at the kick-off;\nlikes numbers"
                    if n % 5 == 0 else "", f"Street {n}\n{city}", city,
                )
            )  # fmt: skip


def copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)


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
        copy_database(args.db, copy)
        print(f"into a copy of {args.db} ({copy.stat().st_size / 2**20:.0f} MiB):")
        time_import(copy, csv_path)


if __name__ == "__main__":
    main()
