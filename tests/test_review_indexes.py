"""Migration 0006: a database from before it gains the review's indexes on opening, keeps
its rows, and the weekly review and Today then read their lists from those indexes instead
of sorting everything that matches."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import event

from deskbridge.clock import FixedClock
from deskbridge.store.engine import create_database_engine
from deskbridge.store.migrate import alembic_config
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)
NEW_INDEXES = {
    "ix_input_requests_unthanked",
    "ix_contacts_stale_after_on",
    "ix_tasks_project_created",
    "ix_tasks_project_completed",
}


def day(offset: int) -> str:
    return (NOW.date() + timedelta(days=offset)).isoformat()


def fill_at_0005(path: Path) -> None:
    """A few thousand rows written as a DeskBridge of revision 0005 kept them, with the
    planner's statistics the bulk loader leaves."""
    engine = create_database_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    engine.dispose()
    pick = random.Random(9)
    stamp = "2026-01-01 09:00:00.000000"
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO contacts (id, full_name, role, location, strengths, notes, archived,"
            " is_me, added_on, created_at, last_touch_on, next_touch_on, stale_after_on)"
            " VALUES (?, ?, '', '', '', '', 0, ?, '2026-01-01', ?, NULL, ?, ?)",
            [
                (i, f"Person {i:04}", i == 1, stamp, day(n), day(n + 30))
                for i in range(1, 3001)
                for n in [pick.randint(-90, 60)]
            ],
        )
        statuses = ["open", "answered", "declined"]
        connection.executemany(
            "INSERT INTO input_requests (id, asked_of_id, topic, question, asked_on, needed_by,"
            " status, answer_summary, answered_on, thanked_on, thanks_note, created_at)"
            " VALUES (?, ?, 'Topic', '', ?, ?, ?, '', ?, ?, '', ?)",
            [
                (
                    i,
                    pick.randint(2, 3000),
                    day(-60),
                    day(pick.randint(-30, 30)),
                    status,
                    day(-10) if status == "answered" else None,
                    day(-5) if status == "answered" and i % 2 == 0 else None,
                    stamp,
                )
                for i in range(1, 1501)
                for status in [statuses[i % 3]]
            ],
        )
        connection.executemany(
            "INSERT INTO projects (id, name, purpose, status, created_at)"
            " VALUES (?, ?, '', 'active', ?)",
            [(i, f"Project {i}", stamp) for i in range(1, 21)],
        )
        connection.executemany(
            "INSERT INTO tasks (id, title, notes, project_id, due_on, priority, status,"
            " completed_at, created_at) VALUES (?, 'Task', '', ?, ?, 'normal', ?, ?, ?)",
            [
                (
                    i,
                    i % 20 + 1,
                    day(pick.randint(-30, 30)),
                    status,
                    stamp if status == "done" else None,
                    stamp,
                )
                for i in range(1, 2001)
                for status in [("todo", "in_progress", "blocked", "done")[i % 4]]
            ],
        )
        connection.executemany(
            "INSERT INTO task_assignees (task_id, contact_id) VALUES (?, ?)",
            [(i, pick.randint(1, 3000)) for i in range(1, 2001)],
        )
        connection.execute("ANALYZE")
    connection.close()


@pytest.fixture
def upgraded(tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "old.sqlite3"
    fill_at_0005(path)
    workspace = Workspace.open(str(path), FixedClock(NOW))
    yield workspace
    workspace.close()


def plans(workspace: Workspace, read: Any) -> list[tuple[str, str]]:
    """Each statement ``read`` runs, with SQLite's plan for it."""
    statements: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: Any) -> None:
        statements.append((sql, params))

    event.listen(workspace.db.engine, "before_cursor_execute", seen)
    try:
        read()
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", seen)
    with workspace.db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        return [
            (sql, " / ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params)))
            for sql, params in statements
            if sql.lstrip().upper().startswith("SELECT")
        ]


def test_opening_a_database_from_before_adds_the_indexes_and_keeps_its_rows(
    upgraded: Workspace,
) -> None:
    with upgraded.db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        counted = raw.execute(
            "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM input_requests),"
            " (SELECT count(*) FROM tasks)"
        ).fetchone()
        analysed = {row[0] for row in raw.execute("SELECT idx FROM sqlite_stat1")}
    assert names >= NEW_INDEXES
    assert counted == (3000, 1500, 2000)
    assert analysed >= NEW_INDEXES  # the planner knows them beside the old ones


def test_the_review_walks_its_indexes_instead_of_sorting(upgraded: Workspace) -> None:
    seen = plans(upgraded, lambda: upgraded.review.queue())
    used = " / ".join(plan for _, plan in seen)
    assert all(name in used for name in NEW_INDEXES)
    for sql, plan in seen:
        if " LIMIT " in sql:  # a section's first items: read in order, never all sorted
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, sql
    unthanked = [plan for sql, plan in seen if "thanked_on IS NULL" in sql and " LIMIT " in sql]
    assert unthanked and all("ix_input_requests_unthanked" in plan for plan in unthanked)


def test_today_walks_its_indexes_instead_of_sorting(upgraded: Workspace) -> None:
    seen = plans(upgraded, lambda: upgraded.agenda.read(NOW.date()))
    for sql, plan in seen:
        if " LIMIT " in sql:
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, sql
    assert any("ix_input_requests_unthanked" in plan for _, plan in seen)


def test_answers_counted_from_the_new_index_are_the_answered_unthanked_ones(
    upgraded: Workspace,
) -> None:
    expected = sum(1 for i in range(1, 1501) if i % 3 == 1 and i % 2 == 1)
    queue = upgraded.review.queue(cap=5)
    unthanked = next(s for s in queue.sections if s.kind.value == "unthanked_answer")
    assert (len(unthanked.items), unthanked.more) == (5, expected - 5)
    agenda = upgraded.agenda.read(NOW.date(), limit=5)
    assert (len(agenda.to_thank), agenda.to_thank_total) == (5, expected)
