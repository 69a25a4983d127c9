"""The scale benchmark's results: the figures per size, as a text table for the terminal and
as benchmarks/RESULTS.md (with the machine it ran on)."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.figures import CATALOG, Figure
from deskbridge.sqlite_files import COUNTED_TABLES, open_read_only

NOTES_MARK = "<!-- notes: everything below this line is kept when the results are rewritten -->"
FLAT_GROWTH_LIMIT = 3.0
"""A figure meant to stay flat that grows more than this from the smallest size to the
largest is flagged: its cost follows the table rather than the screen."""


@dataclass
class SizeResult:
    contacts: int
    counts: dict[str, int]
    database_mib: float
    figures: dict[str, float] = field(default_factory=dict)


@dataclass
class Results:
    machine: dict[str, str]
    date: str
    runs: int
    heavy_runs: int
    sizes: list[SizeResult]

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Results:
        raw = json.loads(path.read_text(encoding="utf-8"))
        sizes = [SizeResult(**size) for size in raw.pop("sizes")]
        return cls(sizes=sizes, **raw)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f"{kib / 2**20:.0f} GiB"
    from PySide6 import __version__ as pyside
    from sqlalchemy import __version__ as sqlalchemy

    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": pyside,
        "sqlalchemy": sqlalchemy,
    }


def table_counts(db: Path) -> dict[str, int]:
    """The rows the backups count (contacts, interactions, requests, ...), read only."""
    with closing(open_read_only(db)) as connection:
        return {
            name: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for name, table in COUNTED_TABLES.items()
        }


def shown(figure: Figure, value: float | None) -> str:
    if value is None:
        return "–"
    if figure.unit == "x":
        return f"{value:.2f}×"
    if figure.unit == "s":
        return f"{value:.2f} s"
    if figure.unit == "MiB":
        return f"{value:.0f} MiB"
    if value < 1:  # the plain-sqlite3 floor is often a few hundredths of a millisecond
        return f"{value:.2f} ms"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def target_text(figure: Figure) -> str:
    if figure.target is None:
        return ""
    whole = f"{figure.target:g}"
    return f"≤ {whole}×" if figure.unit == "x" else f"≤ {whole} {figure.unit}"


def verdict(figure: Figure, results: Results) -> str:
    """At the largest size: whether the target is met (by how much it is missed), and for
    a figure that should stay flat, whether it did."""
    largest = results.sizes[-1].figures.get(figure.key)
    words = []
    if largest is not None and figure.target is not None:
        if figure.meets(largest):
            words.append("met")
        else:
            words.append(f"MISSED by {largest / figure.target:.1f}×")
    smallest = results.sizes[0].figures.get(figure.key)
    if (
        figure.grows == "flat"
        and figure.unit in ("ms", "s")
        and largest is not None
        and smallest
        and len(results.sizes) > 1
        and largest / smallest > FLAT_GROWTH_LIMIT
    ):
        words.append(f"grows {largest / smallest:.0f}× with the data")
    return "; ".join(words)


def rows(results: Results) -> list[list[str]]:
    header = ["figure", *(f"{size.contacts:,}" for size in results.sizes), "target", "verdict"]
    body = [
        [
            figure.label,
            *(shown(figure, size.figures.get(figure.key)) for size in results.sizes),
            target_text(figure),
            verdict(figure, results),
        ]
        for figure in CATALOG
        if any(figure.key in size.figures for size in results.sizes)
    ]
    return [header, *body]


def text_table(results: Results) -> str:
    table = rows(results)
    widths = [max(len(row[column]) for row in table) for column in range(len(table[0]))]
    lines = []
    for number, row in enumerate(table):
        cells = [
            cell.ljust(width) if column == 0 or column == len(row) - 1 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown(results: Results, notes: str, chart: str | None) -> str:
    table = rows(results)
    sizes = "\n".join(
        f"| {size.contacts:,} | {size.counts.get('interactions', 0):,} | "
        f"{size.counts.get('requests', 0):,} | {size.counts.get('tasks', 0):,} | "
        f"{size.counts.get('projects', 0):,} | {size.counts.get('goals', 0):,} | "
        f"{size.database_mib:.0f} MiB |"
        for size in results.sizes
    )
    machine_lines = "\n".join(f"- {name}: {value}" for name, value in results.machine.items())
    figures = "\n".join(
        "| " + " | ".join(row) + " |" for row in [table[0], ["---"] * len(table[0]), *table[1:]]
    )
    chart_line = f"\n![How each figure grows with the size]({chart})\n" if chart else ""
    return f"""# Scale benchmark results

Written by `.venv/bin/python -m benchmarks.scale --write` on {results.date}; medians of
{results.runs} runs (import, export and backup: of {results.heavy_runs}). Targets are issue 9's, for
100,000 contacts; the verdict column judges the largest size.

## Machine

{machine_lines}

## Sizes

| contacts | interactions | requests | tasks | projects | goals | database |
| --- | --- | --- | --- | --- | --- | --- |
{sizes}

## Figures

{figures}
{chart_line}
{NOTES_MARK}
{notes}"""


def kept_notes(path: Path) -> str:
    """What was written by hand below the notes mark of an earlier RESULTS.md."""
    if not path.exists():
        return ""
    _, mark, notes = path.read_text(encoding="utf-8").partition(NOTES_MARK)
    return notes.lstrip("\n") if mark else ""
