"""Medians of repeated runs, and child processes with their peak memory."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


def timings_ms(
    action: Callable[[], object], runs: int, after: Callable[[], object] | None = None
) -> list[float]:
    """Wall times of ``action`` in milliseconds; ``after`` runs inside each timing (for
    example letting Qt paint what the action changed)."""
    timings = []
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        action()
        if after is not None:
            after()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def median_ms(
    action: Callable[[], object], runs: int, after: Callable[[], object] | None = None
) -> float:
    return statistics.median(timings_ms(action, runs, after))


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    stdout: str
    stderr: str
    peak_mib: float


def own_peak_mib() -> float:
    """This process's peak resident memory in MiB. VmHWM belongs to the process's own memory
    map; ru_maxrss also holds the parent's peak at the time this process was started (Linux
    carries it through fork and exec), so a child of a big process would seem big."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reap(child: subprocess.Popen[str]) -> tuple[int, float]:
    """Wait for ``child``; its exit code and peak resident memory in MiB, from ``wait4``'s
    rusage: this child's own (RUSAGE_CHILDREN would be the largest of every child so far),
    but never below this process's peak when it started the child (see own_peak_mib)."""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss / 1024  # Linux reports KiB


def run_child(command: Sequence[str], env: dict[str, str] | None = None) -> ChildRun:
    """Run ``command`` to its end, its output through files so neither pipe can fill."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, env=env, stdout=out, stderr=err, text=True)
        code, peak = reap(child)
        out.seek(0)
        err.seek(0)
        return ChildRun(code, out.read(), err.read(), peak)
