"""The scale benchmark: one command that measures DeskBridge on demo databases of 1,000,
10,000 and 100,000 contacts (about ten interactions each, with requests, goals, projects and
tasks in proportion) and prints a table of medians.

    .venv/bin/python -m benchmarks.scale [--sizes 1000,10000,100000] [--runs 7] [--write]

Demo databases are cached (see benchmarks/demo_cache.py) and measured on a copy. Each part
runs in a process of its own: cold start (the app launched until its first window shows),
the desktop views, the core queries beside plain sqlite3, and data in and out. --write
saves benchmarks/RESULTS.md, results.json and growth.png; --from-json redraws those from a
saved results.json without measuring. Asserts nothing: targets are judged in the table."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.cold_start import cold_start
from benchmarks.demo_cache import default_cache_folder, working_copy
from benchmarks.results_table import (
    Results,
    SizeResult,
    kept_notes,
    machine,
    markdown,
    table_counts,
    text_table,
)
from benchmarks.timing import run_child

HERE = Path(__file__).parent
PARTS = ("core", "gui", "data")
QPA_NOISE = "does not support propagateSizeHints"
"""Qt's offscreen platform says this for every window it shows; it means nothing here."""


def measure_size(contacts: int, cache: Path, runs: int, heavy_runs: int) -> SizeResult:
    # The parts import this package from the checkout, wherever the command was started.
    paths = [str(HERE.parent), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    start = time.perf_counter()
    building = [sys.executable, "-m", "benchmarks.demo_cache", f"--contacts={contacts}"]
    built = run_child([*building, f"--cache={cache}"], env)
    if built.returncode != 0:
        raise SystemExit(f"the {contacts:,}-contact demo failed:\n{built.stderr}")
    cached = Path(built.stdout.strip())
    print(f"  demo database ready in {time.perf_counter() - start:.1f} s: {cached}", flush=True)
    result = SizeResult(contacts, table_counts(cached), cached.stat().st_size / 2**20)
    # The parts import this package from the checkout, wherever the command was started.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HERE.parent), os.environ.get("PYTHONPATH", "")]),
    }
    with tempfile.TemporaryDirectory(prefix="deskbridge-scale-") as scratch:
        folder = Path(scratch)
        times, peak = cold_start(working_copy(cached, folder), runs)
        result.figures["cold start"] = statistics.median(times)
        result.figures["cold start memory"] = peak
        for part in PARTS:
            db = working_copy(cached, folder)
            out = folder / f"{part}.json"
            part_runs = heavy_runs if part == "data" else runs
            command = [
                sys.executable, "-m", "benchmarks.probe", part, "--db", str(db),
                "--contacts", str(contacts), "--runs", str(part_runs), "--out", str(out),
            ]  # fmt: skip
            child = run_child(command, env)
            if child.returncode != 0:
                failed = f"the {part} part failed at {contacts:,} contacts"
                said = [line for line in child.stderr.splitlines() if QPA_NOISE not in line]
                raise SystemExit(f"{failed}:\n" + "\n".join(said[-40:]))
            result.figures.update(json.loads(out.read_text()))
    return result


def write_results(results: Results, folder: Path) -> None:
    from benchmarks.growth_chart import save_growth_chart

    folder.mkdir(parents=True, exist_ok=True)
    results.save(folder / "results.json")
    chart = "growth.png"
    save_growth_chart(results, folder / chart)
    target = folder / "RESULTS.md"
    notes = kept_notes(target)
    target.write_text(markdown(results, notes, chart), encoding="utf-8")
    print(f"wrote {target}, {folder / 'results.json'} and {folder / chart}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=7, help="runs per quick figure")
    parser.add_argument("--heavy-runs", type=int, default=3, help="import, export, backup")
    parser.add_argument("--cache", type=Path, default=default_cache_folder())
    parser.add_argument("--write", action="store_true", help="write RESULTS.md and the chart")
    parser.add_argument("--out", type=Path, default=HERE, help="where --write writes")
    parser.add_argument("--from-json", type=Path, help="redraw from a saved results.json")
    args = parser.parse_args(argv)
    if args.from_json:
        results = Results.load(args.from_json)
    else:
        sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
        results = Results(machine(), date.today().isoformat(), args.runs, args.heavy_runs, [])
        for contacts in sizes:
            print(f"measuring {contacts:,} contacts…", flush=True)
            results.sizes.append(measure_size(contacts, args.cache, args.runs, args.heavy_runs))
    print(text_table(results))
    if args.write:
        write_results(results, args.out)


if __name__ == "__main__":
    main()
