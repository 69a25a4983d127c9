"""Shared goals: creating them, check-ins, status and health."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from observations import counting_queries

from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.records import CheckinRecord, GoalRecord
from deskbridge.store.touch_columns import touch_drift
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)  # the `clock` fixture's day


def make_goal(
    workspace: Workspace, title: str = "Lift lead-to-deal rate", **kwargs: Any
) -> GoalRecord:
    arguments: dict[str, Any] = {"metric_name": "conversion", "target": 12.0} | kwargs
    return workspace.goals.create(title, **arguments)


def test_create_stores_the_goal(workspace: Workspace) -> None:
    finance = workspace.departments.add("Finance")
    sales = workspace.departments.add("Sales")
    owner = workspace.contacts.add("Ana Lopez", department="Finance")

    goal = workspace.goals.create(
        "  Lift lead-to-deal rate ",
        metric_name="conversion",
        metric_unit="%",
        baseline=8,
        target=12.5,
        due_on=date(2027, 3, 31),
        owner_id=owner.id,
        department_ids=[sales.id, finance.id, sales.id],
        description="Marketing and Sales agree on lead scoring.",
        health="on_track",
    )

    assert goal == GoalRecord(
        id=goal.id,
        title="Lift lead-to-deal rate",
        description="Marketing and Sales agree on lead scoring.",
        owner_id=owner.id,
        metric_name="conversion",
        metric_unit="%",
        baseline=8.0,
        target=12.5,
        due_on=date(2027, 3, 31),
        status="active",
        health="on_track",
        department_ids=tuple(sorted((finance.id, sales.id))),
        checkins=(),
    )
    assert workspace.goals.get(goal.id) == goal
    assert goal.latest_value == 8.0
    assert goal.progress == 0.0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "  "}, "title"),
        ({"metric_name": ""}, "metric"),
        ({"metric_unit": "x" * 41}, "unit"),
        ({"target": float("nan")}, "target"),
        ({"target": "ten"}, "target"),
        ({"target": True}, "target"),
        ({"baseline": float("inf")}, "baseline"),
        ({"health": "great"}, "health"),
        ({"owner_id": 999}, "owner"),
        ({"department_ids": [999]}, "departments"),
        ({"description": "x" * 50_001}, "description"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    workspace: Workspace, kwargs: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"title": "Goal", "metric_name": "m", "target": 1.0} | kwargs
    with pytest.raises(ValidationError) as caught:
        workspace.goals.create(**arguments)
    assert caught.value.field == field
    assert workspace.goals.list() == []


def test_unknown_health_lists_the_allowed_values(workspace: Workspace) -> None:
    goal = make_goal(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.goals.set_health(goal.id, "meh")
    assert caught.value.field == "health"
    assert "on_track, at_risk, off_track" in caught.value.message
    assert workspace.goals.get(goal.id) == goal


def test_check_ins_are_kept_in_date_order(workspace: Workspace) -> None:
    goal = make_goal(workspace, baseline=8.0, target=12.0)

    workspace.goals.check_in(goal.id, 10, note="after the webinar")
    updated = workspace.goals.check_in(goal.id, 9.0, checked_on=date(2026, 11, 1))

    assert [(c.checked_on, c.value, c.note) for c in updated.checkins] == [
        (date(2026, 11, 1), 9.0, ""),
        (TODAY, 10.0, "after the webinar"),
    ]
    assert all(isinstance(c, CheckinRecord) for c in updated.checkins)
    assert updated.latest_value == 10.0
    assert updated.progress == pytest.approx(0.5)
    assert workspace.goals.get(goal.id) == updated


@pytest.mark.parametrize(
    ("value", "checked_on", "note", "field"),
    [
        (float("inf"), None, "", "value"),
        ("lots", None, "", "value"),
        (1.0, date(2026, 11, 24), "", "checked on"),
        (1.0, None, "x" * 10_001, "note"),
    ],
)
def test_check_in_refuses_bad_input(
    workspace: Workspace, value: Any, checked_on: date | None, note: str, field: str
) -> None:
    goal = make_goal(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.goals.check_in(goal.id, value, checked_on=checked_on, note=note)
    assert caught.value.field == field
    assert workspace.goals.get(goal.id).checkins == ()


@pytest.mark.parametrize("status", ["achieved", "missed", "dropped"])
def test_a_closed_goal_takes_no_check_ins(workspace: Workspace, status: str) -> None:
    goal = make_goal(workspace)
    closed = workspace.goals.set_status(goal.id, status)
    assert closed.status == status

    with pytest.raises(TransitionError, match="only an active goal"):
        workspace.goals.check_in(goal.id, 5.0)
    assert workspace.goals.get(goal.id) == closed

    reopened = workspace.goals.set_status(goal.id, "active")
    assert workspace.goals.check_in(reopened.id, 5.0).latest_value == 5.0


def test_status_and_health_take_only_known_values(workspace: Workspace) -> None:
    goal = make_goal(workspace)

    assert workspace.goals.set_status(goal.id, " Achieved ").status == "achieved"
    assert workspace.goals.set_health(goal.id, "at_risk").health == "at_risk"
    assert workspace.goals.set_health(goal.id, None).health is None

    before = workspace.goals.get(goal.id)
    with pytest.raises(ValidationError) as caught:
        workspace.goals.set_status(goal.id, "finished")
    assert caught.value.field == "status"
    assert "active, achieved, missed, dropped" in caught.value.message
    assert workspace.goals.get(goal.id) == before


def test_unknown_goal_ids_are_not_found(workspace: Workspace) -> None:
    calls: list[Callable[[], object]] = [
        lambda: workspace.goals.get(7),
        lambda: workspace.goals.check_in(7, 1.0),
        lambda: workspace.goals.set_status(7, "achieved"),
        lambda: workspace.goals.set_health(7, "at_risk"),
    ]
    for call in calls:
        with pytest.raises(NotFoundError):
            call()


def test_list_puts_active_goals_first_by_due_date(workspace: Workspace) -> None:
    no_due = make_goal(workspace, "No due date")
    later = make_goal(workspace, "Later", due_on=date(2027, 6, 30))
    sooner = make_goal(workspace, "Sooner", due_on=date(2027, 1, 31))
    done = make_goal(workspace, "Done", due_on=date(2026, 12, 31))
    workspace.goals.set_status(done.id, "achieved")

    assert [g.id for g in workspace.goals.list()] == [sooner.id, later.id, no_due.id, done.id]
    assert [g.id for g in workspace.goals.list("achieved")] == [done.id]
    assert [g.id for g in workspace.goals.list(limit=1)] == [sooner.id]
    with pytest.raises(ValidationError):
        workspace.goals.list("open")


def test_reads_do_not_query_per_row(workspace: Workspace) -> None:
    sales = workspace.departments.add("Sales")
    first = make_goal(workspace, "First", department_ids=[sales.id])
    workspace.goals.check_in(first.id, 1.0)
    with counting_queries(workspace) as few:
        assert len(workspace.goals.list()) == 1
    for n in range(10):
        goal = make_goal(workspace, f"Goal {n}", department_ids=[sales.id])
        workspace.goals.check_in(goal.id, float(n))
    with counting_queries(workspace) as many:
        assert len(workspace.goals.list()) == 11
    assert len(many) == len(few)


def test_goals_do_not_move_touches(workspace: Workspace) -> None:
    owner = workspace.contacts.add("Ana Lopez", added_on=date(2026, 9, 1))
    goal = make_goal(workspace, owner_id=owner.id)
    workspace.goals.check_in(goal.id, 3.0)
    assert workspace.contacts.get(owner.id).last_touch_on is None
    with workspace.db.reading() as session:
        assert touch_drift(session, 30) == []
