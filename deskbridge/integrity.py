"""``deskbridge check``: is the database sound, and do derived values agree with the facts?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from deskbridge.month_counts import month_count_drift, rebuild_month_counts
from deskbridge.settings import default_cadence
from deskbridge.store.database import Database
from deskbridge.store.search_index import rebuild_search_index, search_kinds
from deskbridge.store.touch_columns import refresh_touch_columns, touch_drift

MAX_LISTED = 10
INDEXED_TABLES = {
    "contacts": "contacts",
    "departments": "departments",
    "interactions": "interactions",
    "requests": "input_requests",
    "goals": "shared_goals",
    "projects": "projects",
    "tasks": "tasks",
}


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    details: tuple[str, ...] = ()


def _listed(lines: list[str]) -> tuple[str, ...]:
    extra = len(lines) - MAX_LISTED
    shown = lines[:MAX_LISTED]
    return tuple(shown + ([f"... and {extra} more"] if extra > 0 else []))


def _sqlite_integrity(connection: Connection) -> CheckResult:
    rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    return CheckResult("file integrity", rows == ["ok"], _listed([] if rows == ["ok"] else rows))


def _foreign_keys(connection: Connection) -> CheckResult:
    rows = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    lines = [
        f"{table} row {rowid} points to a missing {parent}" for table, rowid, parent, _ in rows
    ]
    return CheckResult("foreign keys", not lines, _listed(lines))


def _search_index(connection: Connection) -> CheckResult:
    lines = []
    for kind in search_kinds(connection):
        table = INDEXED_TABLES[kind]
        unindexed = connection.scalar(
            text(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                f"(SELECT 1 FROM search_{kind} s WHERE s.rowid = t.id)"
            )
        )
        orphans = connection.scalar(
            text(
                f"SELECT count(*) FROM search_{kind} s WHERE NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.id = s.rowid)"
            )
        )
        if unindexed:
            lines.append(f"{kind}: {unindexed} not in the search index")
        if orphans:
            lines.append(f"{kind}: {orphans} index entries for things that no longer exist")
    return CheckResult(SEARCH_INDEX, not lines, _listed(lines))


SEARCH_INDEX = "search index"
TOUCH_DATES = "keep-in-touch dates agree with a recomputation"
MONTH_COUNTS = "interactions per department and month agree with a recount"
DERIVED = frozenset({SEARCH_INDEX, TOUCH_DATES, MONTH_COUNTS})
"""Checks of values the app derives from what the user entered: a repair recomputes them
without losing anything. The others (file integrity, foreign keys) need a backup."""


def repair_derived(db: Database, failed: Iterable[str]) -> list[str]:
    """Recompute the derived values whose checks failed, in one transaction; the names of
    what was recomputed."""
    wanted = [name for name in (SEARCH_INDEX, TOUCH_DATES, MONTH_COUNTS) if name in set(failed)]
    with db.unit_of_work() as session:
        connection = session.connection()
        if SEARCH_INDEX in wanted:
            rebuild_search_index(connection)
        if TOUCH_DATES in wanted:
            refresh_touch_columns(connection, default_cadence(session))
        if MONTH_COUNTS in wanted:
            rebuild_month_counts(connection)
    return wanted


def run_checks(db: Database) -> list[CheckResult]:
    """Every check, in order; a failed check lists what is wrong."""
    results: list[CheckResult] = []
    with db.engine.connect() as connection:
        if db.is_sqlite:
            results.append(_sqlite_integrity(connection))
            results.append(_foreign_keys(connection))
            results.append(_search_index(connection))
    with db.reading() as session:
        drift = touch_drift(session, default_cadence(session))
        counts = month_count_drift(session)
    lines = [
        f"contact {d.contact_id} ({d.full_name}): {d.field} is {d.stored}, should be {d.expected}"
        for d in drift
    ]
    results.append(CheckResult(TOUCH_DATES, not lines, _listed(lines)))
    lines = [
        f"department {c.department_id}, {c.month:%B %Y}: {c.stored} interactions counted, "
        f"should be {c.expected}"
        for c in counts
    ]
    results.append(CheckResult(MONTH_COUNTS, not lines, _listed(lines)))
    return results
