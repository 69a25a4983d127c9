"""Data in and out at scale: a CSV of as many new colleagues as the database holds imported
into an empty database, everything exported to the JSON archive, and a verified backup."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.contact_csv import write_google_csv
from benchmarks.demo_cache import NOW
from deskbridge.clock import FixedClock
from deskbridge.exchange.csv_contacts import contacts_from_csv, guess_mapping, read_csv_table
from deskbridge.exchange.exports import ExportFormat
from deskbridge.workspace import Workspace


def median_s(action: Callable[[int], object], runs: int) -> float:
    """Median seconds of ``action(run_number)``."""
    timings = []
    for run in range(max(runs, 1)):
        start = time.perf_counter()
        action(run)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def import_csv(folder: Path, rows: int, runs: int) -> float:
    """Read, preview and apply, as the import dialog does, into a new empty database."""
    source = folder / "contacts.csv"
    write_google_csv(source, rows)

    def run(number: int) -> None:
        workspace = Workspace.open(str(folder / f"import-{number}.sqlite3"), FixedClock(NOW))
        try:
            table = read_csv_table(source)
            parsed = contacts_from_csv(table, guess_mapping(table.headers))
            workspace.contact_import.preview(parsed)
            result = workspace.contact_import.apply(parsed)
            assert result.created == rows, f"imported {result.created} of {rows} rows"
        finally:
            workspace.close()

    return median_s(run, runs)


def measure(db: Path, contacts: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="deskbridge-bench-") as scratch:
        folder = Path(scratch)
        figures = {"import csv": import_csv(folder, contacts, runs)}
        workspace = Workspace.open(str(db), FixedClock(NOW))
        try:
            figures["export json"] = median_s(
                lambda n: workspace.exports.write(folder / f"all-{n}.json", ExportFormat.JSON),
                runs,
            )
            figures["backup"] = median_s(
                lambda n: workspace.backups.create(to=folder / f"backup-{n}.sqlite3"), runs
            )
        finally:
            workspace.close()
        return figures
