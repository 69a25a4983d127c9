"""Shared goals: creating and editing them, check-ins, status and health, and the projects
and people behind them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from observations import counting_queries

from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.goals import GoalPerson, LinkedProject
from deskbridge.records import CheckinRecord, DepartmentRef, GoalRecord
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
        owner_name="Ana Lopez",
        metric_name="conversion",
        metric_unit="%",
        baseline=8.0,
        target=12.5,
        due_on=date(2027, 3, 31),
        status="active",
        health="on_track",
        created_on=TODAY,
        departments=(
            DepartmentRef(finance.id, "Finance", finance.colour),
            DepartmentRef(sales.id, "Sales", sales.colour),
        ),
        checkins=(),
    )
    assert workspace.goals.get(goal.id) == goal
    assert goal.department_ids == (finance.id, sales.id)
    assert goal.latest_value == 8.0
    assert goal.progress == 0.0
    assert goal.percent == 0
    assert goal.starts_on == TODAY


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
        ({"baseline": 1.0}, "target"),
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

    with pytest.raises(TransitionError, match="only an active goal takes check-ins"):
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
    owner = workspace.contacts.add("Ana Lopez")
    first = make_goal(workspace, "First", department_ids=[sales.id], owner_id=owner.id)
    workspace.goals.check_in(first.id, 1.0)
    with counting_queries(workspace) as few:
        assert len(workspace.goals.list()) == 1
    for n in range(10):
        other = workspace.contacts.add(f"Owner {n}")
        goal = make_goal(workspace, f"Goal {n}", department_ids=[sales.id], owner_id=other.id)
        workspace.goals.check_in(goal.id, float(n))
    with counting_queries(workspace) as many:
        listed = workspace.goals.list()
    assert len(listed) == 11
    assert len(many) == len(few)
    assert {g.owner_name for g in listed} == {"Ana Lopez"} | {f"Owner {n}" for n in range(10)}
    assert all(g.departments == (DepartmentRef(sales.id, "Sales", sales.colour),) for g in listed)


def test_goals_do_not_move_touches(workspace: Workspace) -> None:
    owner = workspace.contacts.add("Ana Lopez", added_on=date(2026, 9, 1))
    goal = make_goal(workspace, owner_id=owner.id)
    workspace.goals.check_in(goal.id, 3.0)
    assert workspace.contacts.get(owner.id).last_touch_on is None
    with workspace.db.reading() as session:
        assert touch_drift(session, 30) == []


# -- status transitions --------------------------------------------------------------------

STATUSES = ("active", "achieved", "missed", "dropped")
ALLOWED = {("active", s) for s in STATUSES[1:]} | {(s, "active") for s in STATUSES[1:]}


def goal_in(workspace: Workspace, status: str) -> GoalRecord:
    goal = make_goal(workspace, "Lift margin")
    return goal if status == "active" else workspace.goals.set_status(goal.id, status)


@pytest.mark.parametrize(("start", "wanted"), sorted(ALLOWED))
def test_allowed_status_changes(workspace: Workspace, start: str, wanted: str) -> None:
    goal = goal_in(workspace, start)
    changed = workspace.goals.set_status(goal.id, wanted)
    assert changed.status == wanted
    assert workspace.goals.get(goal.id).status == wanted


@pytest.mark.parametrize(
    ("start", "wanted", "message"),
    [
        ("active", "active", "cannot become active: it is already active"),
        ("achieved", "achieved", "cannot become achieved: it is already achieved"),
        ("missed", "missed", "cannot become missed: it is already missed"),
        ("dropped", "dropped", "cannot become dropped: it is already dropped"),
        ("achieved", "missed", "cannot become missed: it is achieved; set it back to active first"),
        (
            "achieved",
            "dropped",
            "cannot become dropped: it is achieved; set it back to active first",
        ),
        ("missed", "achieved", "cannot become achieved: it is missed; set it back to active first"),
        ("missed", "dropped", "cannot become dropped: it is missed; set it back to active first"),
        (
            "dropped",
            "achieved",
            "cannot become achieved: it is dropped; set it back to active first",
        ),
        ("dropped", "missed", "cannot become missed: it is dropped; set it back to active first"),
    ],
)
def test_refused_status_changes_say_why(
    workspace: Workspace, start: str, wanted: str, message: str
) -> None:
    goal = goal_in(workspace, start)
    with pytest.raises(TransitionError) as caught:
        workspace.goals.set_status(goal.id, wanted)
    assert str(caught.value) == f"The goal 'Lift margin' {message}."
    assert workspace.goals.get(goal.id) == goal


def test_every_pair_of_statuses_is_covered() -> None:
    refused = {(a, b) for a in STATUSES for b in STATUSES} - ALLOWED
    assert len(ALLOWED) == 6
    assert len(refused) == 10


# -- editing and deleting ------------------------------------------------------------------


def test_update_changes_what_is_given_and_keeps_the_rest(workspace: Workspace) -> None:
    sales = workspace.departments.add("Sales")
    it = workspace.departments.add("IT")
    ana = workspace.contacts.add("Ana Lopez")
    bo = workspace.contacts.add("Bo Berg")
    goal = make_goal(
        workspace, owner_id=ana.id, department_ids=[sales.id], baseline=8, due_on=TODAY
    )
    workspace.goals.check_in(goal.id, 9.0)

    updated = workspace.goals.update(
        goal.id,
        title=" Lift conversion ",
        owner_id=bo.id,
        department_ids=[it.id, sales.id],
        metric_unit="%",
        target=14,
        due_on=None,
        health="at_risk",
    )

    assert updated.title == "Lift conversion"
    assert (updated.owner_id, updated.owner_name) == (bo.id, "Bo Berg")
    assert [d.name for d in updated.departments] == ["IT", "Sales"]
    assert (updated.metric_name, updated.metric_unit) == ("conversion", "%")
    assert (updated.baseline, updated.target) == (8.0, 14.0)
    assert updated.due_on is None
    assert updated.health == "at_risk"
    assert [c.value for c in updated.checkins] == [9.0]
    assert workspace.goals.get(goal.id) == updated

    cleared = workspace.goals.update(goal.id, owner_id=None, department_ids=[], health=None)
    assert (cleared.owner_id, cleared.owner_name, cleared.departments) == (None, None, ())
    assert cleared.health is None
    assert cleared.title == "Lift conversion"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"metric_name": " "}, "metric"),
        ({"metric_unit": "u" * 41}, "unit"),
        ({"baseline": float("nan")}, "baseline"),
        ({"target": "more"}, "target"),
        ({"target": 0.0}, "target"),
        ({"baseline": 12.0}, "target"),
        ({"health": "fine"}, "health"),
        ({"owner_id": 999}, "owner"),
        ({"department_ids": [999]}, "departments"),
    ],
)
def test_update_refuses_bad_input_and_changes_nothing(
    workspace: Workspace, kwargs: dict[str, Any], field: str
) -> None:
    sales = workspace.departments.add("Sales")
    goal = make_goal(workspace, department_ids=[sales.id], description="kept")
    with pytest.raises(ValidationError) as caught:
        workspace.goals.update(goal.id, **({"description": "changed"} | kwargs))
    assert caught.value.field == field
    assert workspace.goals.get(goal.id) == goal


def test_a_closed_goal_can_still_be_corrected(workspace: Workspace) -> None:
    goal = goal_in(workspace, "achieved")
    assert workspace.goals.update(goal.id, description="Reached in October").status == "achieved"


def test_delete_checkin_takes_back_a_mistake(workspace: Workspace) -> None:
    goal = make_goal(workspace, baseline=0, target=10)
    workspace.goals.check_in(goal.id, 4.0, checked_on=date(2026, 10, 1))
    typo = workspace.goals.check_in(goal.id, 70.0).checkins[-1]
    assert workspace.goals.get(goal.id).percent == 700

    after = workspace.goals.delete_checkin(typo.id)

    assert [c.value for c in after.checkins] == [4.0]
    assert after.percent == 40
    assert workspace.goals.get(goal.id) == after
    with pytest.raises(NotFoundError):
        workspace.goals.delete_checkin(typo.id)


def test_a_closed_goal_keeps_its_check_ins(workspace: Workspace) -> None:
    goal = make_goal(workspace)
    checkin = workspace.goals.check_in(goal.id, 4.0).checkins[0]
    closed = workspace.goals.set_status(goal.id, "missed")
    with pytest.raises(TransitionError, match="only an active goal has its check-ins changed"):
        workspace.goals.delete_checkin(checkin.id)
    assert workspace.goals.get(goal.id) == closed


def test_delete_goal_leaves_its_projects(workspace: Workspace) -> None:
    sales = workspace.departments.add("Sales")
    goal = make_goal(workspace, department_ids=[sales.id])
    workspace.goals.check_in(goal.id, 3.0)
    kept = make_goal(workspace, "Kept")
    project = workspace.projects.create("Launch")
    workspace.projects.link_goal(project.id, goal.id)
    workspace.projects.link_goal(project.id, kept.id)

    workspace.goals.delete(goal.id)

    assert [g.id for g in workspace.goals.list()] == [kept.id]
    assert workspace.projects.get(project.id).goal_ids == (kept.id,)
    assert [d.id for d in workspace.departments.list()] == [sales.id]
    with pytest.raises(NotFoundError):
        workspace.goals.get(goal.id)
    with pytest.raises(NotFoundError):
        workspace.goals.delete(goal.id)


# -- what the detail pane reads ------------------------------------------------------------


def test_linked_projects_and_the_people_behind_a_goal(workspace: Workspace) -> None:
    workspace.departments.add("Sales", colour_hex="#1e88e5")
    workspace.departments.add("Finance", colour_hex="#43a047")
    owner = workspace.contacts.add("Zoe Owner", department="Finance")
    ana = workspace.contacts.add("Ana Lopez", department="Sales")
    bo = workspace.contacts.add("Bo Berg")
    workspace.contacts.add("Not Involved", department="Sales")
    goal = make_goal(workspace, owner_id=owner.id)
    launch = workspace.projects.create("Spring launch", status="active")
    crm = workspace.projects.create("CRM clean-up")
    other = workspace.projects.create("Unrelated")
    for project in (launch, crm):
        workspace.projects.link_goal(project.id, goal.id)
    workspace.projects.add_member(launch.id, ana.id, "Sales lead")
    workspace.projects.add_member(launch.id, owner.id, "Sponsor")
    workspace.projects.add_member(crm.id, ana.id)
    workspace.projects.add_member(crm.id, bo.id, "Data")
    workspace.projects.add_member(other.id, bo.id)

    assert workspace.goals.linked_projects(goal.id) == (
        LinkedProject(crm.id, "CRM clean-up", "proposed"),
        LinkedProject(launch.id, "Spring launch", "active"),
    )
    assert workspace.goals.people(goal.id) == (
        GoalPerson(
            owner.id, "Zoe Owner", "Finance", "#43a047", ("Owner", "Sponsor in Spring launch")
        ),
        GoalPerson(
            ana.id, "Ana Lopez", "Sales", "#1e88e5",
            ("Member of CRM clean-up", "Sales lead in Spring launch"),
        ),
        GoalPerson(bo.id, "Bo Berg", None, None, ("Data in CRM clean-up",)),
    )  # fmt: skip


def test_a_goal_on_its_own_has_nobody_behind_it(workspace: Workspace) -> None:
    goal = make_goal(workspace)
    assert workspace.goals.linked_projects(goal.id) == ()
    assert workspace.goals.people(goal.id) == ()
    with pytest.raises(NotFoundError):
        workspace.goals.people(999)
    with pytest.raises(NotFoundError):
        workspace.goals.linked_projects(999)


def test_percent_to_target_counts_towards_lower_targets_too(workspace: Workspace) -> None:
    cheaper = make_goal(workspace, "Cut cost per lead", baseline=48, target=35)
    assert workspace.goals.check_in(cheaper.id, 41.5).percent == 50
    assert workspace.goals.check_in(cheaper.id, 50.0).percent == 0
    assert workspace.goals.check_in(cheaper.id, 30.0).percent == 138


def test_the_plan_starts_at_the_first_check_in_when_it_came_earlier(
    workspace: Workspace,
) -> None:
    goal = make_goal(workspace)
    assert goal.starts_on == TODAY
    earlier = workspace.goals.check_in(goal.id, 1.0, checked_on=date(2026, 6, 1))
    assert (earlier.created_on, earlier.starts_on) == (TODAY, date(2026, 6, 1))
