"""Medians of repeated runs, and child processes with their peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


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


def reap(child: subprocess.Popen[str]) -> tuple[int, float]:
    """Wait for ``child``; its exit code and peak resident memory in MiB. The peak comes
    from ``wait4``'s rusage, which is this child's own (RUSAGE_CHILDREN would be the largest
    of every child so far)."""
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
