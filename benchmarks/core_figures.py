"""The core queries through DeskBridge and in plain sqlite3 on the same file (the floor the
app is held against), and Today and the weekly review computed by the domain."""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

from benchmarks.demo_cache import NOW
from benchmarks.timing import median_ms
from deskbridge.clock import FixedClock
from deskbridge.keep_in_touch import DUE_WINDOW_DAYS
from deskbridge.store.search_queries import CANDIDATES, NEWEST_ONLY, match_expression
from deskbridge.workspace import Workspace

SEARCHED = ("marg", "crm", "ana lo", "roi")
# kind -> its FTS5 table, as deskbridge.store.search_queries.KINDS names them
SEARCH_TABLES = {
    "contact": "contacts",
    "department": "departments",
    "interaction": "interactions",
    "request": "requests",
    "task": "tasks",
    "project": "projects",
    "goal": "goals",
}
SEARCH_SQL = "SELECT rowid, title FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?"
DUE_SQL = """
SELECT c.id, c.full_name, e.address, d.name, c.last_touch_on, c.next_touch_on
FROM contacts c
LEFT JOIN departments d ON d.id = c.department_id
LEFT JOIN contact_emails e ON e.contact_id = c.id AND e.position = 0
WHERE c.archived = 0 AND c.is_me = 0
  AND (c.snoozed_until IS NULL OR c.snoozed_until <= :day) AND {band}
ORDER BY c.next_touch_on, c.full_name, c.id LIMIT :limit
"""
DUE_BANDS = (
    "c.next_touch_on < :day AND c.stale_after_on < :day",
    "c.next_touch_on < :day AND c.stale_after_on >= :day",
    "c.next_touch_on >= :day AND c.next_touch_on <= :horizon",
)
TIMELINE_SQL = """
SELECT i.id, i.occurred_on, i.kind, i.summary, i.notes, i.outcome, i.project_id
FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
WHERE p.contact_id = ? ORDER BY i.occurred_on DESC, i.id DESC LIMIT 50
"""
PEOPLE_SQL = """
SELECT p.interaction_id, c.id, c.full_name
FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id
WHERE p.interaction_id IN ({marks})
ORDER BY c.full_name, c.id
"""


def plain_due(connection: sqlite3.Connection, limit: int = 200) -> list[tuple[object, ...]]:
    day = NOW.date()
    values = {
        "day": day.isoformat(),
        "horizon": (day + timedelta(days=DUE_WINDOW_DAYS)).isoformat(),
    }
    found: list[tuple[object, ...]] = []
    for band in DUE_BANDS:
        if len(found) >= limit:
            break
        query = DUE_SQL.format(band=band)
        found.extend(connection.execute(query, {**values, "limit": limit - len(found)}))
    return found


def plain_search(connection: sqlite3.Connection, text: str) -> list[tuple[object, ...]]:
    """The rows Search reads: each kind's newest CANDIDATES matches and, where that many
    matched (and the kind is not newest-only), its newest CANDIDATES title matches too.
    Unranked: ordering that bounded set is the app's work above the floor."""
    expression = match_expression(text)
    hits: list[tuple[object, ...]] = []
    for kind, table in SEARCH_TABLES.items():
        query = SEARCH_SQL.format(table=f"search_{table}")
        anywhere = connection.execute(query, (expression, CANDIDATES)).fetchall()
        hits.extend(anywhere)
        if len(anywhere) == CANDIDATES and kind not in NEWEST_ONLY:
            hits.extend(connection.execute(query, (f"title : ({expression})", CANDIDATES)))
    return hits


def plain_timeline(connection: sqlite3.Connection, contact_id: int) -> list[tuple[object, ...]]:
    rows = connection.execute(TIMELINE_SQL, (contact_id,)).fetchall()
    ids = [row[0] for row in rows]
    marks = ",".join("?" * len(ids))
    people = connection.execute(PEOPLE_SQL.format(marks=marks), ids).fetchall() if ids else []
    return rows + people


def busiest_contact(connection: sqlite3.Connection) -> int:
    """The colleague (not "me") with the most interactions: the longest timeline to read."""
    row = connection.execute(
        "SELECT p.contact_id FROM interaction_participants p "
        "JOIN contacts c ON c.id = p.contact_id AND c.is_me = 0 "
        "GROUP BY p.contact_id ORDER BY count(*) DESC, p.contact_id LIMIT 1"
    ).fetchone()
    return int(row[0])


def measure(db: Path, runs: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    workspace = Workspace.open(str(db), FixedClock(NOW))
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        someone = busiest_contact(connection)
        pairs: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
            "due": (
                lambda: workspace.keep_in_touch.due(limit=200),
                lambda: plain_due(connection),
            ),
            "timeline": (
                lambda: workspace.interactions.with_contact(someone),
                lambda: plain_timeline(connection, someone),
            ),
        }
        for key, (app, plain) in pairs.items():
            figures[f"{key} app"] = median_ms(app, runs)
            figures[f"{key} sqlite3"] = median_ms(plain, runs)
        app_search = [median_ms(partial(workspace.search, t), runs) for t in SEARCHED]
        floor = [median_ms(partial(plain_search, connection, t), runs) for t in SEARCHED]
        figures["search app"] = statistics.fmean(app_search)
        figures["search sqlite3"] = statistics.fmean(floor)
        for key in ("due", "timeline", "search"):
            figures[f"{key} ratio"] = figures[f"{key} app"] / max(figures[f"{key} sqlite3"], 1e-3)
        figures["today"] = median_ms(workspace.agenda.read, runs)
        figures["review"] = median_ms(workspace.review.queue, runs)
    finally:
        connection.close()
        workspace.close()
    return figures
