"""Projects: creating them, members, linked goals and the status life cycle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from observations import counting_queries

from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.projects import next_statuses
from deskbridge.records import MemberRecord, PersonRef, ProjectRecord
from deskbridge.tasks import TaskProgress
from deskbridge.workspace import Workspace

ALLOWED = {
    "proposed": {"active", "cancelled"},
    "active": {"on_hold", "done", "cancelled"},
    "on_hold": {"active", "cancelled"},
    "done": set(),
    "cancelled": set(),
}
# How to reach each status from "proposed".
PATHS = {
    "proposed": [],
    "active": ["active"],
    "on_hold": ["active", "on_hold"],
    "done": ["active", "done"],
    "cancelled": ["cancelled"],
}


def project_in(workspace: Workspace, status: str, name: str = "Bridge") -> ProjectRecord:
    project = workspace.projects.create(name)
    for step in PATHS[status]:
        project = workspace.projects.set_status(project.id, step)
    assert project.status == status
    return project


def test_create_stores_the_project(workspace: Workspace) -> None:
    it = workspace.departments.add("IT")
    sales = workspace.departments.add("Sales")

    project = workspace.projects.create(
        "  One CRM for Sales and Marketing ",
        purpose="Stop keeping two lead lists.",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 3, 31),
        department_ids=[sales.id, it.id],
    )

    assert project == ProjectRecord(
        id=project.id,
        name="One CRM for Sales and Marketing",
        purpose="Stop keeping two lead lists.",
        status="proposed",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 3, 31),
        department_ids=tuple(sorted((it.id, sales.id))),
        members=(),
        goal_ids=(),
    )
    assert workspace.projects.get(project.id) == project
    assert workspace.projects.create("Pilot", status="Active").status == "active"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "bridge"}, "name"),
        ({"name": "BRIDGE "}, "name"),
        ({"status": "started"}, "status"),
        ({"starts_on": date(2027, 1, 2), "ends_on": date(2027, 1, 1)}, "ends on"),
        ({"department_ids": [999]}, "departments"),
        ({"purpose": "x" * 50_001}, "purpose"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    workspace: Workspace, kwargs: dict[str, Any], field: str
) -> None:
    existing = workspace.projects.create("Bridge")
    arguments: dict[str, Any] = {"name": "Other"} | kwargs
    with pytest.raises(ValidationError) as caught:
        workspace.projects.create(**arguments)
    assert caught.value.field == field
    assert workspace.projects.list() == [existing]


def test_members_can_be_added_re_roled_and_removed(workspace: Workspace) -> None:
    project = workspace.projects.create("Bridge")
    ana = workspace.contacts.add("Ana Lopez")
    ben = workspace.contacts.add("Ben Okafor")

    workspace.projects.add_member(project.id, ben.id, "IT lead")
    with_both = workspace.projects.add_member(project.id, ana.id, " sponsor ")
    assert with_both.members == (
        MemberRecord(PersonRef(ana.id, "Ana Lopez"), "sponsor"),
        MemberRecord(PersonRef(ben.id, "Ben Okafor"), "IT lead"),
    )

    re_roled = workspace.projects.add_member(project.id, ana.id, "owner")
    assert [(m.contact.id, m.role) for m in re_roled.members] == [
        (ana.id, "owner"), (ben.id, "IT lead"),
    ]  # fmt: skip

    removed = workspace.projects.remove_member(project.id, ben.id)
    assert removed.members == (MemberRecord(PersonRef(ana.id, "Ana Lopez"), "owner"),)
    assert workspace.projects.get(project.id) == removed

    with pytest.raises(NotFoundError):
        workspace.projects.remove_member(project.id, ben.id)
    with pytest.raises(ValidationError) as caught:
        workspace.projects.add_member(project.id, 999)
    assert caught.value.field == "member"
    with pytest.raises(ValidationError) as caught:
        workspace.projects.add_member(project.id, ben.id, "x" * 121)
    assert caught.value.field == "role"
    assert workspace.projects.get(project.id) == removed
    # Membership is not a touch.
    assert workspace.contacts.get(ana.id).last_touch_on is None


def test_goals_can_be_linked_once_and_unlinked(workspace: Workspace) -> None:
    project = workspace.projects.create("Bridge")
    goal = workspace.goals.create("Margin", metric_name="margin", target=30)
    other = workspace.goals.create("ROI", metric_name="roi", target=3)

    workspace.projects.link_goal(project.id, other.id)
    linked = workspace.projects.link_goal(project.id, goal.id)
    assert linked.goal_ids == tuple(sorted((goal.id, other.id)))
    assert workspace.projects.link_goal(project.id, goal.id) == linked

    assert workspace.projects.unlink_goal(project.id, other.id).goal_ids == (goal.id,)
    with pytest.raises(ValidationError) as caught:
        workspace.projects.link_goal(project.id, 999)
    assert caught.value.field == "goal"
    assert workspace.projects.get(project.id).goal_ids == (goal.id,)


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current, targets in ALLOWED.items() for target in sorted(targets)],
)
def test_allowed_status_changes(workspace: Workspace, current: str, target: str) -> None:
    project = project_in(workspace, current)
    moved = workspace.projects.set_status(project.id, target)
    assert moved.status == target
    assert workspace.projects.get(project.id) == moved


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (current, target)
        for current in ALLOWED
        for target in ALLOWED
        if target not in ALLOWED[current]
    ],
)
def test_other_status_changes_are_refused(workspace: Workspace, current: str, target: str) -> None:
    project = project_in(workspace, current)
    with pytest.raises(TransitionError) as caught:
        workspace.projects.set_status(project.id, target)
    assert "'Bridge'" in str(caught.value)
    assert workspace.projects.get(project.id) == project


def test_final_statuses_say_so(workspace: Workspace) -> None:
    project = project_in(workspace, "done")
    with pytest.raises(TransitionError, match="done is final"):
        workspace.projects.set_status(project.id, "active")


def test_unknown_status_and_ids(workspace: Workspace) -> None:
    project = workspace.projects.create("Bridge")
    with pytest.raises(ValidationError) as caught:
        workspace.projects.set_status(project.id, "paused")
    assert caught.value.field == "status"
    assert "proposed, active, on_hold, done, cancelled" in caught.value.message
    calls: list[Callable[[], object]] = [
        lambda: workspace.projects.get(5),
        lambda: workspace.projects.set_status(5, "active"),
        lambda: workspace.projects.add_member(5, 1),
        lambda: workspace.projects.remove_member(5, 1),
        lambda: workspace.projects.link_goal(5, 1),
    ]
    for call in calls:
        with pytest.raises(NotFoundError):
            call()


def test_list_puts_live_projects_first_then_by_name(workspace: Workspace) -> None:
    zeta = project_in(workspace, "active", "zeta")
    alpha = project_in(workspace, "active", "Alpha")
    held = project_in(workspace, "on_hold", "Held")
    idea = project_in(workspace, "proposed", "Idea")
    gone = project_in(workspace, "cancelled", "Gone")
    finished = project_in(workspace, "done", "Finished")

    expected = [alpha.id, zeta.id, held.id, idea.id, finished.id, gone.id]
    assert [p.id for p in workspace.projects.list()] == expected
    assert [p.id for p in workspace.projects.list("active")] == [alpha.id, zeta.id]
    assert [p.id for p in workspace.projects.list("on hold")] == [held.id]
    assert len(workspace.projects.list(limit=3)) == 3


def test_reads_do_not_query_per_row(workspace: Workspace) -> None:
    sales = workspace.departments.add("Sales")
    ana = workspace.contacts.add("Ana Lopez")
    goal = workspace.goals.create("Margin", metric_name="margin", target=30)

    def make(name: str) -> None:
        project = workspace.projects.create(name, department_ids=[sales.id])
        workspace.projects.add_member(project.id, ana.id, "lead")
        workspace.projects.link_goal(project.id, goal.id)

    make("First")
    with counting_queries(workspace) as few:
        assert len(workspace.projects.list()) == 1
    for n in range(10):
        make(f"Project {n}")
    with counting_queries(workspace) as many:
        assert len(workspace.projects.list()) == 11
    assert len(many) == len(few)


def test_refusals_name_where_the_project_may_go(workspace: Workspace) -> None:
    project = project_in(workspace, "proposed")
    with pytest.raises(TransitionError) as caught:
        workspace.projects.set_status(project.id, "done")
    assert str(caught.value) == (
        "The project 'Bridge' cannot become done: "
        "from proposed it can only become active or cancelled."
    )


@pytest.mark.parametrize("current", list(ALLOWED))
def test_next_statuses_follow_the_transitions(workspace: Workspace, current: str) -> None:
    project = project_in(workspace, current)
    overview = workspace.projects.overview(project.id)
    assert set(overview.next_statuses) == ALLOWED[current]
    assert set(next_statuses(current)) == ALLOWED[current]


def test_update_changes_name_purpose_dates_and_departments(workspace: Workspace) -> None:
    it = workspace.departments.add("IT")
    sales = workspace.departments.add("Sales")
    hr = workspace.departments.add("HR")
    project = workspace.projects.create("Bridge", department_ids=[it.id, sales.id])
    workspace.projects.set_status(project.id, "active")

    updated = workspace.projects.update(
        project.id,
        " Bridge 2 ",
        "Say why.",
        date(2026, 12, 1),
        date(2026, 12, 31),
        [hr.id, sales.id, hr.id],
    )

    assert (updated.name, updated.purpose, updated.status) == ("Bridge 2", "Say why.", "active")
    assert (updated.starts_on, updated.ends_on) == (date(2026, 12, 1), date(2026, 12, 31))
    assert updated.department_ids == tuple(sorted((sales.id, hr.id)))
    assert workspace.projects.get(project.id) == updated
    # The same name in another case is the project itself, not a clash.
    assert workspace.projects.update(project.id, "BRIDGE 2", "", None, None, []).name == "BRIDGE 2"
    assert workspace.projects.get(project.id).department_ids == ()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "other"}, "name"),
        ({"starts_on": date(2027, 1, 2), "ends_on": date(2027, 1, 1)}, "ends on"),
        ({"department_ids": [999]}, "departments"),
    ],
)
def test_update_refuses_bad_input_and_keeps_the_project(
    workspace: Workspace, change: dict[str, Any], field: str
) -> None:
    workspace.projects.create("Other")
    project = workspace.projects.create("Bridge", purpose="Keep me")
    fine: dict[str, Any] = {
        "name": "Bridge",
        "purpose": "Changed",
        "starts_on": None,
        "ends_on": None,
        "department_ids": [],
    }
    with pytest.raises(ValidationError) as caught:
        workspace.projects.update(project.id, **(fine | change))
    assert caught.value.field == field
    assert workspace.projects.get(project.id) == project
    with pytest.raises(NotFoundError):
        workspace.projects.update(999, **fine)


def test_delete_keeps_tasks_and_interactions_untagged(workspace: Workspace) -> None:
    ana = workspace.contacts.add("Ana Lopez")
    sales = workspace.departments.add("Sales")
    goal = workspace.goals.create("Margin", metric_name="margin", target=30)
    project = workspace.projects.create("Bridge", department_ids=[sales.id])
    workspace.projects.add_member(project.id, ana.id, "lead")
    workspace.projects.link_goal(project.id, goal.id)
    task = workspace.tasks.create("Draft", assignee_ids=[ana.id], project_id=project.id)
    meeting = workspace.interactions.log([ana.id], "Kick-off", project_id=project.id)

    workspace.projects.delete(project.id)

    assert workspace.projects.list() == []
    with pytest.raises(NotFoundError):
        workspace.projects.get(project.id)
    assert workspace.tasks.get(task.id).project_id is None
    assert workspace.interactions.get(meeting.id).project_id is None
    assert workspace.goals.get(goal.id).title == "Margin"
    with pytest.raises(NotFoundError):
        workspace.projects.delete(project.id)


def test_overviews_name_departments_members_goals_and_progress(workspace: Workspace) -> None:
    it = workspace.departments.add("IT", colour_hex="#3366cc")
    sales = workspace.departments.add("Sales")
    ana = workspace.contacts.add("Ana Lopez", department="Sales")
    ben = workspace.contacts.add("Ben Okafor", department="IT")
    cy = workspace.contacts.add("Cy Nobody")
    roi = workspace.goals.create("ROI", metric_name="roi", target=3)
    margin = workspace.goals.create("Margin", metric_name="margin", target=30)
    project = workspace.projects.create("Bridge", department_ids=[sales.id, it.id])
    for contact, role in ((ben, "IT lead"), (ana, "Sponsor"), (cy, "")):
        workspace.projects.add_member(project.id, contact.id, role)
    workspace.projects.link_goal(project.id, roi.id)
    workspace.projects.link_goal(project.id, margin.id)
    tasks = [
        workspace.tasks.create(f"Task {n}", assignee_ids=[ana.id], project_id=project.id)
        for n in range(4)
    ]
    workspace.tasks.create("Elsewhere", assignee_ids=[ana.id])
    workspace.tasks.complete(tasks[0].id)
    workspace.tasks.set_status(tasks[1].id, "cancelled")
    empty = workspace.projects.create("Empty")

    overview = workspace.projects.overview(project.id)

    assert [(d.name, d.colour) for d in overview.departments] == [
        ("IT", "#3366cc"), ("Sales", sales.colour),
    ]  # fmt: skip
    assert [(m.contact.name, m.role, m.department) for m in overview.members] == [
        ("Ana Lopez", "Sponsor", "Sales"),
        ("Ben Okafor", "IT lead", "IT"),
        ("Cy Nobody", "", None),
    ]
    assert [g.title for g in overview.goals] == ["Margin", "ROI"]
    # The cancelled task counts for neither side.
    assert overview.progress == TaskProgress(done=1, total=3)
    assert overview.progress == workspace.tasks.progress(project.id)
    assert workspace.projects.overview(empty.id).progress == TaskProgress(0, 0)
    assert [o.id for o in workspace.projects.overviews()] == [project.id, empty.id]


def test_live_overviews_leave_out_done_and_cancelled(workspace: Workspace) -> None:
    live = {project_in(workspace, s, s).id for s in ("active", "on_hold", "proposed")}
    ended = {project_in(workspace, s, s).id for s in ("done", "cancelled")}
    assert {o.id for o in workspace.projects.overviews(live_only=True)} == live
    assert {o.id for o in workspace.projects.overviews()} == live | ended


def test_overviews_do_not_query_per_row(workspace: Workspace) -> None:
    sales = workspace.departments.add("Sales")
    ana = workspace.contacts.add("Ana Lopez", department="Sales")
    goal = workspace.goals.create("Margin", metric_name="margin", target=30)

    def make(name: str) -> None:
        project = workspace.projects.create(name, department_ids=[sales.id])
        workspace.projects.add_member(project.id, ana.id, "lead")
        workspace.projects.link_goal(project.id, goal.id)
        workspace.tasks.create("Task", assignee_ids=[ana.id], project_id=project.id)

    make("First")
    with counting_queries(workspace) as few:
        assert len(workspace.projects.overviews()) == 1
    for n in range(10):
        make(f"Project {n}")
    with counting_queries(workspace) as many:
        assert len(workspace.projects.overviews()) == 11
    assert len(many) == len(few)


def test_interactions_tagged_to_the_project_newest_first(workspace: Workspace) -> None:
    ana = workspace.contacts.add("Ana Lopez")
    ben = workspace.contacts.add("Ben Okafor")
    project = workspace.projects.create("Bridge")
    other = workspace.projects.create("Other")
    day = date(2026, 11, 1)
    older = workspace.interactions.log([ana.id], "Kick-off", occurred_on=day, project_id=project.id)
    newer = workspace.interactions.log(
        [ben.id, ana.id], "Review", kind="call", occurred_on=date(2026, 11, 20),
        project_id=project.id,
    )  # fmt: skip
    workspace.interactions.log([ana.id], "Elsewhere", project_id=other.id)
    workspace.interactions.log([ana.id], "Untagged")

    found = workspace.projects.interactions(project.id)

    assert [(i.id, i.kind, i.summary) for i in found] == [
        (newer.id, "call", "Review"), (older.id, "meeting", "Kick-off"),
    ]  # fmt: skip
    assert [p.name for p in found[0].participants] == ["Ana Lopez", "Ben Okafor"]
    assert [i.id for i in workspace.projects.interactions(project.id, limit=1)] == [newer.id]
    with pytest.raises(NotFoundError):
        workspace.projects.interactions(999)
