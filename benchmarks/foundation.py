"""Foundation figures: build a demo database, then time the due list, search and a timeline.

    .venv/bin/python benchmarks/foundation.py [--contacts 100000] [--db FILE] [--runs 15]

Prints medians; asserts nothing. With --db pointing at an existing demo database the build
is skipped (its figures are then not printed).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from deskbridge.clock import FixedClock
from deskbridge.demo import fill_demo
from deskbridge.store.database import Database
from deskbridge.workspace import Workspace

TODAY = datetime(2026, 11, 23, 9, 0)


def median_ms(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    if not path.exists():
        db = Database.open(f"sqlite:///{path}")
        start = time.perf_counter()
        summary = fill_demo(db, today=TODAY.date(), now=TODAY, contacts=args.contacts)
        print(
            f"demo build ({summary.contacts} contacts, {summary.interactions} interactions): "
            f"{time.perf_counter() - start:.1f} s, {path.stat().st_size / 2**20:.0f} MiB"
        )
        db.close()
    ws = Workspace.open(str(path), FixedClock(TODAY))
    due = ws.keep_in_touch.due()
    print(
        f"due list ({len(due)} rows), median: {median_ms(ws.keep_in_touch.due, args.runs):.1f} ms"
    )
    print(
        f"due list, first 200, median: "
        f"{median_ms(lambda: ws.keep_in_touch.due(limit=200), args.runs):.2f} ms"
    )
    for text in ("ma", "marg", "ana lo", "roi"):
        print(
            f"search {text!r}, median: {median_ms(lambda t=text: ws.search(t), args.runs):.1f} ms"
        )
    some = due[0].id if due else 1
    print(
        f"one contact's 50 newest interactions, median: "
        f"{median_ms(lambda: ws.interactions.with_contact(some), args.runs):.2f} ms"
    )
    print(
        f"log one interaction, median: "
        f"{median_ms(lambda: ws.interactions.log([some], 'Benchmark coffee'), 5):.1f} ms"
    )
    ws.close()
    command = [sys.executable, "-m", "deskbridge", "due", "--db", str(path)]
    cli = median_ms(lambda: subprocess.run(command, check=True, capture_output=True), 5)
    print(f"`deskbridge due` end to end (process start, print all rows), median: {cli:.0f} ms")


if __name__ == "__main__":
    main()
