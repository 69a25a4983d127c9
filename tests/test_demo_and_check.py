"""The demo organisation generator and ``run_checks`` (the integrity check)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from deskbridge.clock import FixedClock
from deskbridge.demo import DemoSummary, fill_demo
from deskbridge.errors import DeskBridgeError
from deskbridge.integrity import CheckResult, run_checks
from deskbridge.store.models import Base
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)  # the `clock` fixture's day
NOW = datetime(2026, 11, 23, 9, 0)
DEPARTMENTS = {"Marketing", "Sales", "Finance", "IT", "HR", "Purchasing", "Operations"}
CHECK_NAMES = [
    "file integrity",
    "foreign keys",
    "search index",
    "keep-in-touch dates agree with a recomputation",
    "interactions per department and month agree with a recount",
]


def demo(workspace: Workspace, *, seed: int = 1, contacts: int = 50, **options: Any) -> DemoSummary:
    return fill_demo(workspace.db, today=TODAY, now=NOW, contacts=contacts, seed=seed, **options)


def snapshot(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    with workspace.db.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def row_counts(workspace: Workspace) -> dict[str, int]:
    return {name: len(rows) for name, rows in snapshot(workspace).items()}


def by_name(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {result.name: result for result in results}


def failed(workspace: Workspace) -> dict[str, tuple[str, ...]]:
    return {r.name: r.details for r in run_checks(workspace.db) if not r.ok}


def execute(workspace: Workspace, sql: str, **params: Any) -> None:
    with workspace.db.engine.begin() as connection:
        connection.execute(text(sql), params)


@pytest.fixture
def other_workspace(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    opened = Workspace.open(str(tmp_path / "other.sqlite3"), clock)
    yield opened
    opened.close()


@pytest.fixture
def demo_workspace(workspace: Workspace) -> Workspace:
    demo(workspace)
    return workspace


# --- the organisation ---------------------------------------------------------------------


def test_demo_summary_matches_what_was_written(workspace: Workspace) -> None:
    summary = demo(workspace)
    counts = row_counts(workspace)
    assert summary.departments == counts["departments"] == 7
    assert summary.contacts == counts["contacts"] == 51  # 50 colleagues and "me"
    assert summary.interactions == counts["interactions"] > 0
    assert summary.requests == counts["input_requests"] > 0
    assert summary.goals == counts["shared_goals"] > 0
    assert summary.projects == counts["projects"] > 0
    assert summary.tasks == counts["tasks"] > 0


def test_demo_has_the_seven_named_departments(demo_workspace: Workspace) -> None:
    assert {d.name for d in demo_workspace.departments.list()} == DEPARTMENTS


def test_demo_has_exactly_one_me_and_everyone_has_an_email(demo_workspace: Workspace) -> None:
    everyone = demo_workspace.contacts.list(limit=1000, include_archived=True)
    assert len(everyone) == 51
    assert [c.full_name for c in everyone if c.is_me] == ["Mara Jensen"]
    assert demo_workspace.contacts.me() is not None
    assert all(c.emails and "@" in c.emails[0] for c in everyone)
    addresses = [address for c in everyone for address in c.emails]
    assert len(addresses) == len(set(addresses))
    assert all(c.department in DEPARTMENTS for c in everyone)


def test_demo_interactions_touch_contacts_and_requests_name_them(
    demo_workspace: Workspace,
) -> None:
    recent = demo_workspace.interactions.recent(limit=1000)
    assert recent and all(i.participants for i in recent)
    assert all(i.occurred_on <= TODAY for i in recent)
    requests = demo_workspace.requests.list()
    assert requests and all(r.asked_of.name for r in requests)
    everyone = demo_workspace.contacts.list(limit=1000, include_archived=True)
    assert all(c.last_touch_on for c in everyone if not c.is_me)


def test_demo_goals_have_check_ins_and_departments(demo_workspace: Workspace) -> None:
    goals = demo_workspace.goals.list()
    assert goals
    for goal in goals:
        assert len(goal.checkins) >= 2, goal.title
        assert all(c.checked_on <= TODAY for c in goal.checkins)
        assert len(goal.department_ids) == 2


def test_demo_projects_have_members_from_several_departments(demo_workspace: Workspace) -> None:
    department_of = {
        c.id: c.department_id
        for c in demo_workspace.contacts.list(limit=1000, include_archived=True)
    }
    projects = demo_workspace.projects.list()
    assert projects
    for project in projects:
        departments = {department_of[m.contact.id] for m in project.members}
        assert len(departments) > 1, project.name
        assert len(project.department_ids) > 1
        assert project.goal_ids


def test_demo_tasks_have_assignees(demo_workspace: Workspace) -> None:
    tasks = demo_workspace.tasks.list()
    assert tasks
    assert all(task.assignees for task in tasks)
    assert all((task.status == "done") == (task.completed_at is not None) for task in tasks)


def test_demo_is_searchable_and_has_people_due(demo_workspace: Workspace) -> None:
    assert [h.title for h in demo_workspace.search("mara jensen")] == ["Mara Jensen"]
    assert {h.kind for h in demo_workspace.search("marketing")} >= {"department"}
    assert demo_workspace.keep_in_touch.due(today=TODAY)


# --- determinism --------------------------------------------------------------------------


def test_same_seed_gives_identical_data(workspace: Workspace, other_workspace: Workspace) -> None:
    demo(workspace, seed=5)
    demo(other_workspace, seed=5)
    assert snapshot(workspace) == snapshot(other_workspace)


def test_different_seed_gives_different_data(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    demo(workspace, seed=1)
    demo(other_workspace, seed=2)
    ours, theirs = snapshot(workspace), snapshot(other_workspace)
    assert ours["departments"] == theirs["departments"]
    assert ours["contacts"] != theirs["contacts"]
    assert ours["interactions"] != theirs["interactions"]


# --- refusing and cancelling --------------------------------------------------------------


def test_checks_all_pass_after_the_demo(demo_workspace: Workspace) -> None:
    results = run_checks(demo_workspace.db)
    assert [r.name for r in results] == CHECK_NAMES
    assert all(r.ok for r in results), results


def test_too_few_contacts_are_refused(workspace: Workspace) -> None:
    with pytest.raises(DeskBridgeError, match="at least 10"):
        demo(workspace, contacts=9)
    assert sum(row_counts(workspace).values()) == 0


def test_database_with_contacts_is_refused_and_left_alone(workspace: Workspace) -> None:
    workspace.contacts.add("Ana Lopez")
    before = snapshot(workspace)
    with pytest.raises(DeskBridgeError, match="already has 1 contacts"):
        demo(workspace)
    assert snapshot(workspace) == before


def test_database_with_only_departments_is_refused_with_a_deskbridge_error(
    workspace: Workspace,
) -> None:
    workspace.departments.add("Finance")
    before = snapshot(workspace)
    with pytest.raises(DeskBridgeError):
        demo(workspace)
    assert snapshot(workspace) == before


class Cancelled(Exception):
    pass


def cancel_at(step: str) -> Any:
    seen: list[str] = []

    def progress(current: str, fraction: float) -> None:
        seen.append(current)
        assert 0.0 <= fraction <= 1.0
        if current == step:
            raise Cancelled(step)

    progress.seen = seen  # type: ignore[attr-defined]
    return progress


@pytest.mark.parametrize("step", ["generating", "writing contacts", "deriving keep-in-touch dates"])
def test_raising_from_progress_leaves_the_database_empty(workspace: Workspace, step: str) -> None:
    with pytest.raises(Cancelled):
        demo(workspace, progress=cancel_at(step))
    assert sum(row_counts(workspace).values()) == 0


@pytest.mark.parametrize("step", ["generating", "writing contacts", "deriving keep-in-touch dates"])
def test_cancelled_demo_leaves_search_indexing_working(workspace: Workspace, step: str) -> None:
    # The demo drops the search triggers while it loads; a cancel must bring them back
    # (see test_search.py::test_bulk_loading_rolled_back_keeps_triggers_and_index).
    with pytest.raises(Cancelled):
        demo(workspace, progress=cancel_at(step))
    demo(workspace)  # the database is empty again, so a second try succeeds
    added = workspace.contacts.add("Zed Afterwards")
    assert [h.id for h in workspace.search("zed afterwards")] == [added.id]
    assert failed(workspace) == {}


def test_raising_from_the_final_progress_report_leaves_the_database_empty(
    workspace: Workspace,
) -> None:
    # Regression: "done" was once reported after the commit, so a Cancel pressed at the
    # last moment raised while the demo stayed written.
    with pytest.raises(Cancelled):
        demo(workspace, progress=cancel_at("done"))
    assert sum(row_counts(workspace).values()) == 0


def test_progress_reports_every_step_in_order(workspace: Workspace) -> None:
    progress = cancel_at("never")
    demo(workspace, progress=progress)
    seen = progress.seen
    assert seen[0] == "generating"
    assert seen[-1] == "done"
    assert "writing contacts" in seen
    assert seen.index("indexing for search") < seen.index("deriving keep-in-touch dates")


# --- run_checks ---------------------------------------------------------------------------


@pytest.fixture
def ana_and_ben(workspace: Workspace) -> tuple[int, int]:
    ana = workspace.contacts.add("Ana Lopez", added_on=date(2026, 9, 1))
    ben = workspace.contacts.add("Ben Okafor", added_on=date(2026, 9, 1))
    workspace.interactions.log([ana.id], "Budget review", occurred_on=date(2026, 11, 2))
    return ana.id, ben.id


def test_checks_pass_on_a_fresh_and_on_a_used_database(
    workspace: Workspace, ana_and_ben: tuple[int, int]
) -> None:
    assert [r.name for r in run_checks(workspace.db)] == CHECK_NAMES
    assert failed(workspace) == {}


def test_tampered_last_touch_is_flagged(workspace: Workspace, ana_and_ben: tuple[int, int]) -> None:
    ana, _ = ana_and_ben
    execute(workspace, "UPDATE contacts SET last_touch_on = '2001-01-01' WHERE id = :id", id=ana)
    assert failed(workspace) == {
        "keep-in-touch dates agree with a recomputation": (
            f"contact {ana} (Ana Lopez): last_touch_on is 2001-01-01, should be 2026-11-02",
        )
    }


def test_tampered_next_touch_of_untouched_contact_is_flagged(
    workspace: Workspace, ana_and_ben: tuple[int, int]
) -> None:
    _, ben = ana_and_ben
    execute(workspace, "UPDATE contacts SET next_touch_on = '2000-01-01' WHERE id = :id", id=ben)
    (details,) = failed(workspace).values()
    assert details == (
        f"contact {ben} (Ben Okafor): next_touch_on is 2000-01-01, should be 2026-10-01",
    )


def test_many_drifted_contacts_are_listed_up_to_ten(workspace: Workspace) -> None:
    for number in range(12):
        workspace.contacts.add(f"Person {number}", added_on=date(2026, 9, 1))
    execute(workspace, "UPDATE contacts SET stale_after_on = '2000-01-01'")
    (details,) = failed(workspace).values()
    assert len(details) == 11
    assert details[-1] == "... and 2 more"


def test_search_index_missing_a_row_is_flagged(
    workspace: Workspace, ana_and_ben: tuple[int, int]
) -> None:
    _, ben = ana_and_ben
    execute(workspace, "DELETE FROM search_contacts WHERE rowid = :id", id=ben)
    assert failed(workspace) == {"search index": ("contacts: 1 not in the search index",)}


def test_dangling_foreign_key_is_flagged(
    workspace: Workspace, ana_and_ben: tuple[int, int]
) -> None:
    assert workspace.db.path is not None
    raw = sqlite3.connect(workspace.db.path)  # foreign keys are off by default here
    with raw:
        raw.execute(
            "INSERT INTO contact_emails (contact_id, address, label, position) "
            "VALUES (999, 'ghost@nowhere.example', '', 0)"
        )
    raw.close()
    failures = failed(workspace)
    assert list(failures) == ["foreign keys"]
    assert failures["foreign keys"] == ("contact_emails row 1 points to a missing contacts",)


def test_index_row_without_a_thing_behind_it_is_flagged(workspace: Workspace) -> None:
    workspace.departments.add("Finance")
    execute(workspace, "INSERT INTO search_tasks(rowid, title, body) VALUES (7, 'ghost', '')")
    assert failed(workspace) == {
        "search index": ("tasks: 1 index entries for things that no longer exist",)
    }


def test_index_row_for_the_wrong_thing_is_flagged_even_when_counts_agree(
    workspace: Workspace, ana_and_ben: tuple[int, int]
) -> None:
    # Regression: comparing only row counts passed an index that lost Ben's row but held
    # one for a contact that does not exist.
    _, ben = ana_and_ben
    execute(workspace, "DELETE FROM search_contacts WHERE rowid = :id", id=ben)
    execute(workspace, "INSERT INTO search_contacts(rowid, title, body) VALUES (999, 'Ghost', '')")
    assert workspace.search("okafor") == []
    assert "search index" in failed(workspace)
