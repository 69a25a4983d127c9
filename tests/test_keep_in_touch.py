"""The keep-in-touch rule: the pure reference, the stored columns, and the SQL due list."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbridge.clock import FixedClock
from deskbridge.keep_in_touch import effective_cadence, schedule, status_on
from deskbridge.records import TouchStatus
from deskbridge.store.touch_columns import touch_drift
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)


def test_effective_cadence_prefers_own_then_department_then_default() -> None:
    assert effective_cadence(10, 20, 30) == 10
    assert effective_cadence(None, 20, 30) == 20
    assert effective_cadence(None, None, 30) == 30


def test_schedule_counts_from_last_touch_or_from_added() -> None:
    added = date(2026, 1, 1)
    assert schedule(added, None, 30).next_touch == date(2026, 1, 31)
    assert schedule(added, date(2026, 3, 1), 30).next_touch == date(2026, 3, 31)
    assert schedule(added, date(2026, 3, 1), 30).stale_after == date(2026, 4, 30)


@pytest.mark.parametrize(
    ("days_from_today", "expected"),
    [
        (8, TouchStatus.OK),
        (7, TouchStatus.DUE),
        (1, TouchStatus.DUE),
        (0, TouchStatus.DUE),
        (-1, TouchStatus.OVERDUE),
        (-30, TouchStatus.OVERDUE),  # stale_after == today: not yet stale
        (-31, TouchStatus.STALE),
    ],
)
def test_status_boundaries(days_from_today: int, expected: TouchStatus) -> None:
    plan = schedule(TODAY - timedelta(days=30), None, 30)  # next touch is today
    shifted = type(plan)(
        next_touch=plan.next_touch + timedelta(days=days_from_today),
        stale_after=plan.stale_after + timedelta(days=days_from_today),
    )
    assert status_on(TODAY, shifted) is expected


def test_snooze_until_a_later_day_silences_and_ends_on_that_day() -> None:
    plan = schedule(TODAY - timedelta(days=100), None, 30)
    assert status_on(TODAY, plan, snoozed_until=TODAY + timedelta(days=1)) is TouchStatus.SNOOZED
    assert status_on(TODAY, plan, snoozed_until=TODAY) is TouchStatus.STALE
    assert status_on(TODAY, plan, archived=True) is TouchStatus.ARCHIVED
    assert status_on(TODAY, plan, is_me=True) is TouchStatus.ARCHIVED


def _due_names(workspace: Workspace) -> dict[str, TouchStatus]:
    return {row.name: row.status for row in workspace.keep_in_touch.due()}


def test_own_cadence_beats_department_beats_default(workspace: Workspace) -> None:
    workspace.departments.add("Finance", cadence_days=10)
    added = TODAY - timedelta(days=12)
    workspace.contacts.add("Own", department="Finance", cadence_days=40, added_on=added)
    workspace.contacts.add("Dept", department="Finance", added_on=added)
    workspace.contacts.add("Default", added_on=added)
    assert workspace.contacts.resolve("Own").next_touch_on == added + timedelta(days=40)
    assert workspace.contacts.resolve("Dept").next_touch_on == added + timedelta(days=10)
    assert workspace.contacts.resolve("Default").next_touch_on == added + timedelta(days=30)
    assert _due_names(workspace) == {"Dept": TouchStatus.OVERDUE}


def test_department_and_default_cadence_changes_move_their_contacts(workspace: Workspace) -> None:
    finance = workspace.departments.add("Finance")
    added = TODAY - timedelta(days=20)
    workspace.contacts.add("Ana", department="Finance", added_on=added)
    workspace.contacts.add("Bo", added_on=added)
    assert _due_names(workspace) == {}
    workspace.departments.update(finance.id, cadence_days=15)
    assert _due_names(workspace) == {"Ana": TouchStatus.OVERDUE}
    workspace.keep_in_touch.set_default_cadence(9)
    assert _due_names(workspace) == {"Ana": TouchStatus.OVERDUE, "Bo": TouchStatus.STALE}
    workspace.departments.delete(finance.id)
    assert _due_names(workspace) == {"Ana": TouchStatus.STALE, "Bo": TouchStatus.STALE}


def test_logging_a_touch_snoozing_and_archiving_clear_the_list(workspace: Workspace) -> None:
    old = TODAY - timedelta(days=90)
    ana = workspace.contacts.add("Ana", added_on=old)
    bo = workspace.contacts.add("Bo", added_on=old)
    cy = workspace.contacts.add("Cy", added_on=old)
    me = workspace.contacts.add("Me", added_on=old, is_me=True)
    assert set(_due_names(workspace)) == {"Ana", "Bo", "Cy"}
    workspace.interactions.log([ana.id, me.id], "Coffee", kind="coffee")
    workspace.contacts.snooze(bo.id, TODAY + timedelta(days=14))
    workspace.contacts.archive([cy.id])
    assert _due_names(workspace) == {}
    assert workspace.contacts.get(ana.id).last_touch_on == TODAY


def test_due_list_is_most_urgent_first(workspace: Workspace) -> None:
    workspace.contacts.add("Due", added_on=TODAY - timedelta(days=27))
    workspace.contacts.add("Overdue", added_on=TODAY - timedelta(days=45))
    workspace.contacts.add("Stale", cadence_days=5, added_on=TODAY - timedelta(days=20))
    assert [row.name for row in workspace.keep_in_touch.due()] == ["Stale", "Overdue", "Due"]


# --- property: the SQL due list agrees with the plain-Python rule on random data --------


@dataclass
class World:
    """What the test wrote, kept in plain Python to compute the expected answer."""

    department_cadence: dict[str, int | None] = field(default_factory=dict)
    touches: dict[int, list[date]] = field(default_factory=dict)


contacts_strategy = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", None]),  # department
        st.one_of(st.none(), st.integers(1, 60)),  # own cadence
        st.integers(0, 200),  # added days ago
        st.one_of(st.none(), st.integers(-5, 20)),  # snoozed until (days from today)
        st.booleans(),  # archived
    ),
    min_size=1,
    max_size=12,
)
events_strategy = st.lists(
    st.tuples(st.sampled_from(["log", "answer", "task"]), st.integers(0, 11), st.integers(0, 150)),
    max_size=20,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cadence_a=st.one_of(st.none(), st.integers(1, 45)),
    cadence_b=st.one_of(st.none(), st.integers(1, 45)),
    default=st.integers(1, 60),
    people=contacts_strategy,
    events=events_strategy,
    look_ahead=st.integers(-10, 60),
)
def test_sql_due_list_matches_python_reference(
    cadence_a: int | None,
    cadence_b: int | None,
    default: int,
    people: list[tuple[str | None, int | None, int, int | None, bool]],
    events: list[tuple[str, int, int]],
    look_ahead: int,
) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.open(str(Path(folder) / "p.sqlite3"), clock)
        try:
            departments = {"A": cadence_a, "B": cadence_b}
            for name, days in departments.items():
                workspace.departments.add(name, cadence_days=days)
            workspace.keep_in_touch.set_default_cadence(default)
            ids: list[int] = []
            for department, own, added_ago, _, _ in people:
                record = workspace.contacts.add(
                    f"P{len(ids)}",
                    department=department,
                    cadence_days=own,
                    added_on=TODAY - timedelta(days=added_ago),
                )
                ids.append(record.id)
            touches: dict[int, list[date]] = {i: [] for i in ids}
            for kind, who, ago in events:
                contact_id = ids[who % len(ids)]
                day = TODAY - timedelta(days=ago)
                if kind == "log":
                    workspace.interactions.log([contact_id], "Sync", occurred_on=day)
                elif kind == "answer":
                    request = workspace.requests.ask(
                        contact_id, "Figures", asked_on=day - timedelta(days=1)
                    )
                    workspace.requests.answer(request.id, "Here", answered_on=day)
                else:
                    task = workspace.tasks.create("Joint task", assignee_ids=[contact_id])
                    workspace.tasks.complete(
                        task.id, completed_at=datetime.combine(day, datetime.min.time())
                    )
                touches[contact_id].append(day)
            for contact_id, (_, _, _, snooze, archived) in zip(ids, people, strict=True):
                if snooze is not None and snooze > 0:
                    workspace.contacts.snooze(contact_id, TODAY + timedelta(days=snooze))
                if archived:
                    workspace.contacts.archive([contact_id])

            day = TODAY + timedelta(days=look_ahead)
            expected: dict[int, TouchStatus] = {}
            for contact_id, (department, own, added_ago, snooze, archived) in zip(
                ids, people, strict=True
            ):
                cadence = effective_cadence(
                    own, departments[department] if department else None, default
                )
                last = max(touches[contact_id], default=None)
                plan = schedule(TODAY - timedelta(days=added_ago), last, cadence)
                snoozed = TODAY + timedelta(days=snooze) if snooze and snooze > 0 else None
                status = status_on(day, plan, snoozed_until=snoozed, archived=archived)
                if status in (TouchStatus.STALE, TouchStatus.OVERDUE, TouchStatus.DUE):
                    expected[contact_id] = status
            listed = workspace.keep_in_touch.due(today=day)
            actual = {row.id: row.status for row in listed}
            assert actual == expected
            assert workspace.keep_in_touch.due_count(today=day) == len(listed)
            for limit in (1, 2, 5):  # a page is the head of the whole list
                assert workspace.keep_in_touch.due(today=day, limit=limit) == listed[:limit]
            with workspace.db.reading() as session:
                assert touch_drift(session, default) == []
        finally:
            workspace.close()
