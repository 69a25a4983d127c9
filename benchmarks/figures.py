"""What the scale benchmark measures: each figure's key, wording, unit and target.

The targets are issue 9's, for 100,000 contacts and 1,000,000 interactions on a 2-core
machine. ``grows`` says how the figure may grow with the database: "flat" for what shows one
screen of rows whatever the size, "linear" for work over every row (import, export, backup).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from deskbridge.ui.page_list import page_title, standard_pages

Growth = Literal["flat", "linear"]

# The window's own list, so a view added to the sidebar is measured too.
PAGES = tuple(page_title(factory) for factory in standard_pages())


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str  # "ms", "s", "MiB" or "x" (a ratio)
    target: float | None = None
    grows: Growth = "flat"

    def meets(self, value: float) -> bool | None:
        """Whether ``value`` is within the target; None when the figure has none."""
        return None if self.target is None else value <= self.target


def _views() -> list[Figure]:
    return [Figure(f"open {page}", f"open the {page} view", "ms", 50) for page in PAGES]


CORE_QUERIES = (
    ("due", "due contacts, first 200"),
    ("search", "search, 20 hits"),
    ("timeline", "a contact's timeline, 50 newest"),
)


def _core() -> list[Figure]:
    rows = []
    for key, label in CORE_QUERIES:
        rows.append(Figure(f"{key} app", f"{label}: DeskBridge", "ms"))
        rows.append(Figure(f"{key} sqlite3", f"{label}: plain sqlite3", "ms"))
        rows.append(Figure(f"{key} ratio", f"{label}: DeskBridge / sqlite3", "x", 2))
    return rows


CATALOG: tuple[Figure, ...] = (
    Figure("cold start", "cold start to first window shown", "ms", 1200),
    Figure("cold start memory", "peak memory at first window", "MiB", 300),
    *_views(),
    Figure("scroll to end", "scroll to the end of the contacts table", "ms", 50),
    Figure("filter keystroke", "contacts filter, per keystroke (median)", "ms", 30),
    Figure("filter worst", "contacts filter, slowest keystroke", "ms", 30),
    Figure("palette keystroke", "command palette search, per keystroke (median)", "ms", 30),
    Figure("palette worst", "command palette search, slowest keystroke", "ms", 30),
    Figure("today", "compute Today", "ms", 20),
    Figure("review", "compute the weekly review queue", "ms", 20),
    Figure("log one", "log one interaction, views refreshed", "ms", 50),
    Figure("views memory", "peak memory, every view opened and used", "MiB", 300),
    *_core(),
    Figure("import csv", "import one CSV row per contact, into a new database", "s", 10, "linear"),
    Figure("export json", "export everything to JSON", "s", None, "linear"),
    Figure("backup", "a verified backup", "s", None, "linear"),
)
BY_KEY = {figure.key: figure for figure in CATALOG}
