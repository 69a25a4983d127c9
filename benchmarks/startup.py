"""Launch to first shown window, median of 5 (after one warm-up run), on a 150-contact demo.

Usage: .venv/bin/python benchmarks/startup.py [COMMAND]  (default .venv/bin/deskbridge;
for the bundle: dist/DeskBridge/DeskBridge). DESKBRIDGE_STARTUP_PROBE makes the app print
"first window shown" once its event loop runs with the window up, then quit.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5


def main() -> None:
    command = sys.argv[1:] or [".venv/bin/deskbridge"]
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            **os.environ,
            "XDG_CONFIG_HOME": folder,
            "XDG_DATA_HOME": folder,
            "DESKBRIDGE_STARTUP_PROBE": "1",
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        }
        db = str(Path(folder) / "startup.sqlite3")
        demo = [*command, "--db", db, "demo", "--contacts", "150"]
        subprocess.run(demo, env=environment, check=True, capture_output=True)
        times = []
        for _ in range(RUNS + 1):
            start = time.perf_counter()
            process = subprocess.Popen(
                [*command, "--db", db], env=environment, stdout=subprocess.PIPE, text=True
            )
            assert process.stdout is not None
            line = process.stdout.readline()
            times.append((time.perf_counter() - start) * 1000)
            process.wait()
            assert "first window shown" in line, line
        runs = times[1:]
        shown = ", ".join(f"{t:.0f}" for t in runs)
        print(f"{command[0]}: median {statistics.median(runs):.0f} ms ({shown})")


if __name__ == "__main__":
    main()
