"""Cold start: launching DeskBridge to its first shown window, and its peak memory by then.

    python -m benchmarks.cold_start [--db FILE] [--runs 5] [COMMAND ...]

COMMAND defaults to this checkout's ``deskbridge`` from source; give the bundle's
``dist/DeskBridge/DeskBridge`` to time that instead. Without --db a 150-contact demo is
made. DESKBRIDGE_STARTUP_PROBE makes the app print "first window shown" once its event loop
runs with the window up, then quit. One warm-up launch is not counted (it fills the disk
cache, as a second launch of a real app finds it)."""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.timing import reap

SOURCE_COMMAND = (sys.executable, "-m", "deskbridge")


def launch_once(command: Sequence[str], db: Path, env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds to the first shown window, and the process's peak memory in MiB."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [*command, "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    shown = (time.perf_counter() - start) * 1000
    child.stdout.read()
    child.stdout.close()
    code, inherited_peak = reap(child)
    if "first window shown" not in line or code != 0:
        raise RuntimeError(f"{' '.join(command)} did not show its window (exit {code}): {line!r}")
    # The app reports its own peak where it can; rusage's may hold this process's.
    said = re.search(r"peak (\d+) MiB", line)
    return shown, float(said.group(1)) if said else inherited_peak


def cold_start(
    db: Path, runs: int, command: Sequence[str] = SOURCE_COMMAND
) -> tuple[list[float], float]:
    """Every counted launch's time in ms, and the largest peak memory among them."""
    with tempfile.TemporaryDirectory(prefix="deskbridge-start-") as folder:
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": folder,
            "XDG_DATA_HOME": folder,
            "DESKBRIDGE_STARTUP_PROBE": "1",
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        }
        env.pop("DESKBRIDGE_DB", None)
        launches = [launch_once(command, db, env) for _ in range(runs + 1)][1:]
    return [shown for shown, _ in launches], max(peak for _, peak in launches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("command", nargs="*")
    args = parser.parse_args()
    command = args.command or list(SOURCE_COMMAND)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if db is None:
            db = Path(folder) / "startup.sqlite3"
            demo = [*command, "--db", str(db), "demo", "--contacts", "150"]
            subprocess.run(demo, check=True, capture_output=True)
        times, peak = cold_start(db, args.runs, command)
    shown = ", ".join(f"{t:.0f}" for t in times)
    print(f"{command[0]}: median {statistics.median(times):.0f} ms ({shown}); peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
