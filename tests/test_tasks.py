"""Joint tasks: assigning, completing (a touch), reopening and the task lists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from observations import assert_no_drift, counting_queries, due_ids

from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.records import ContactRecord, PersonRef, TaskRecord
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)  # the `clock` fixture's day
NOW = datetime(2026, 11, 23, 9, 0)
LONG_AGO = date(2026, 9, 1)


@pytest.fixture
def ana(workspace: Workspace) -> ContactRecord:
    return workspace.contacts.add("Ana Lopez", added_on=LONG_AGO)


@pytest.fixture
def ben(workspace: Workspace) -> ContactRecord:
    return workspace.contacts.add("Ben Okafor", added_on=LONG_AGO)


@pytest.fixture
def me(workspace: Workspace) -> ContactRecord:
    return workspace.contacts.add("Me Myself", added_on=LONG_AGO, is_me=True)


def test_create_stores_the_task(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    project = workspace.projects.create("Bridge")
    task = workspace.tasks.create(
        "  Align lead scoring ",
        assignee_ids=[ben.id, ana.id, ben.id],
        due_on=date(2026, 12, 5),
        project_id=project.id,
        priority="High",
        notes="Bring last quarter's numbers.",
    )
    assert task == TaskRecord(
        id=task.id,
        title="Align lead scoring",
        notes="Bring last quarter's numbers.",
        project_id=project.id,
        due_on=date(2026, 12, 5),
        priority="high",
        status="todo",
        completed_at=None,
        assignees=(PersonRef(ana.id, "Ana Lopez"), PersonRef(ben.id, "Ben Okafor")),
    )
    assert workspace.tasks.get(task.id) == task
    assert workspace.tasks.create("Unassigned").assignees == ()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"priority": "asap"}, "priority"),
        ({"project_id": 999}, "project"),
        ({"assignee_ids": [999]}, "assignees"),
        ({"notes": "x" * 50_001}, "notes"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    workspace: Workspace, kwargs: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"title": "Task"} | kwargs
    with pytest.raises(ValidationError) as caught:
        workspace.tasks.create(**arguments)
    assert caught.value.field == field
    assert workspace.tasks.list() == []


def test_assign_adds_people_and_unassign_removes_one(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id])
    both = workspace.tasks.assign(task.id, [ben.id, ana.id])
    assert [p.id for p in both.assignees] == [ana.id, ben.id]

    only_ben = workspace.tasks.unassign(task.id, ana.id)
    assert only_ben.assignees == (PersonRef(ben.id, "Ben Okafor"),)
    assert workspace.tasks.get(task.id) == only_ben

    with pytest.raises(NotFoundError):
        workspace.tasks.unassign(task.id, ana.id)
    for contact_ids in ([], [999]):
        with pytest.raises(ValidationError) as caught:
            workspace.tasks.assign(task.id, contact_ids)
        assert caught.value.field == "assignees"
    assert workspace.tasks.get(task.id) == only_ben
    # Being assigned is not a touch.
    assert workspace.contacts.get(ben.id).last_touch_on is None


def test_completing_is_a_touch_with_every_assignee(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id, ben.id])
    assert {ana.id, ben.id} <= due_ids(workspace)

    done = workspace.tasks.complete(task.id)

    assert done.status == "done"
    assert done.completed_at == NOW
    for person in (ana, ben):
        contact = workspace.contacts.get(person.id)
        assert contact.last_touch_on == TODAY
        assert contact.next_touch_on == date(2026, 12, 23)
    assert not {ana.id, ben.id} & due_ids(workspace)
    assert_no_drift(workspace)


def test_a_backdated_completion_touches_on_its_day(
    workspace: Workspace, ana: ContactRecord
) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id])
    done = workspace.tasks.complete(task.id, completed_at=datetime(2026, 11, 20, 16, 30))
    assert done.completed_at == datetime(2026, 11, 20, 16, 30)
    assert workspace.contacts.get(ana.id).last_touch_on == date(2026, 11, 20)
    assert_no_drift(workspace)


@pytest.mark.parametrize(
    "completed_at", [datetime(2026, 11, 23, 9, 1), datetime(2026, 11, 20, 9, 0, tzinfo=UTC)]
)
def test_complete_refuses_a_bad_moment(
    workspace: Workspace, ana: ContactRecord, completed_at: datetime
) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id])
    with pytest.raises(ValidationError) as caught:
        workspace.tasks.complete(task.id, completed_at=completed_at)
    assert caught.value.field == "completed at"
    assert workspace.tasks.get(task.id) == task
    assert workspace.contacts.get(ana.id).last_touch_on is None


def test_reopening_takes_the_touch_back(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    workspace.interactions.log([ben.id], "Coffee", occurred_on=date(2026, 11, 1))
    task = workspace.tasks.create("Task", assignee_ids=[ana.id, ben.id])
    workspace.tasks.complete(task.id)

    reopened = workspace.tasks.reopen(task.id)

    assert reopened.status == "todo"
    assert reopened.completed_at is None
    assert workspace.contacts.get(ana.id).last_touch_on is None
    assert ana.id in due_ids(workspace)
    # Ben's older touch, the coffee, counts again.
    assert workspace.contacts.get(ben.id).last_touch_on == date(2026, 11, 1)
    assert ben.id not in due_ids(workspace)
    assert_no_drift(workspace)


def test_a_cancelled_task_can_be_reopened(workspace: Workspace) -> None:
    task = workspace.tasks.create("Task")
    workspace.tasks.set_status(task.id, "cancelled")
    assert workspace.tasks.reopen(task.id).status == "todo"


def test_assignees_of_a_done_task_share_its_touch(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id])
    workspace.tasks.complete(task.id, completed_at=datetime(2026, 11, 22, 10, 0))

    workspace.tasks.assign(task.id, [ben.id])
    assert workspace.contacts.get(ben.id).last_touch_on == date(2026, 11, 22)
    assert_no_drift(workspace)

    workspace.tasks.unassign(task.id, ana.id)
    assert workspace.contacts.get(ana.id).last_touch_on is None
    assert_no_drift(workspace)


@pytest.mark.parametrize("status", ["in_progress", "blocked", "cancelled", "todo"])
def test_set_status_moves_between_open_states_and_cancelled(
    workspace: Workspace, status: str
) -> None:
    task = workspace.tasks.create("Task")
    moved = workspace.tasks.set_status(task.id, status.replace("_", " "))
    assert moved.status == status
    assert moved.completed_at is None
    assert workspace.tasks.get(task.id) == moved


def test_set_status_done_completes_the_task(workspace: Workspace, ana: ContactRecord) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id])
    done = workspace.tasks.set_status(task.id, "done")
    assert (done.status, done.completed_at) == ("done", NOW)
    assert workspace.contacts.get(ana.id).last_touch_on == TODAY
    assert_no_drift(workspace)


def _in_state(workspace: Workspace, contact_id: int, state: str) -> TaskRecord:
    task = workspace.tasks.create(f"Task {state}", assignee_ids=[contact_id])
    if state == "done":
        return workspace.tasks.complete(task.id)
    return workspace.tasks.set_status(task.id, state)


INVALID = [
    ("done", "complete"),
    ("cancelled", "complete"),
    ("done", "set_status done"),
    ("done", "set_status todo"),
    ("done", "set_status cancelled"),
    ("todo", "reopen"),
    ("in_progress", "reopen"),
    ("blocked", "reopen"),
]


@pytest.mark.parametrize(("state", "action"), INVALID)
def test_invalid_transitions_are_refused_and_change_nothing(
    workspace: Workspace, ana: ContactRecord, state: str, action: str
) -> None:
    before = _in_state(workspace, ana.id, state)
    contact_before = workspace.contacts.get(ana.id)
    calls: dict[str, Callable[[], object]] = {
        "complete": lambda: workspace.tasks.complete(before.id),
        "reopen": lambda: workspace.tasks.reopen(before.id),
        "set_status done": lambda: workspace.tasks.set_status(before.id, "done"),
        "set_status todo": lambda: workspace.tasks.set_status(before.id, "todo"),
        "set_status cancelled": lambda: workspace.tasks.set_status(before.id, "cancelled"),
    }
    with pytest.raises(TransitionError) as caught:
        calls[action]()
    assert before.title in str(caught.value)
    assert workspace.tasks.get(before.id) == before
    assert workspace.contacts.get(ana.id) == contact_before
    assert_no_drift(workspace)


def test_unknown_status_and_ids(workspace: Workspace, ana: ContactRecord) -> None:
    task = workspace.tasks.create("Task")
    with pytest.raises(ValidationError) as caught:
        workspace.tasks.set_status(task.id, "waiting")
    assert caught.value.field == "status"
    assert "todo, in_progress, blocked, done, cancelled" in caught.value.message
    calls: list[Callable[[], object]] = [
        lambda: workspace.tasks.get(9),
        lambda: workspace.tasks.complete(9),
        lambda: workspace.tasks.reopen(9),
        lambda: workspace.tasks.set_status(9, "blocked"),
        lambda: workspace.tasks.assign(9, [ana.id]),
        lambda: workspace.tasks.unassign(9, ana.id),
    ]
    for call in calls:
        with pytest.raises(NotFoundError):
            call()


def test_lists_filter_and_order(
    workspace: Workspace, me: ContactRecord, ana: ContactRecord, ben: ContactRecord
) -> None:
    project = workspace.projects.create("Bridge")
    create = workspace.tasks.create
    mine_late = create("Mine, late", assignee_ids=[me.id], due_on=date(2026, 11, 20))
    shared = create(
        "Shared", assignee_ids=[me.id, ana.id], due_on=date(2026, 12, 1), project_id=project.id
    )
    urgent = create("Urgent", assignee_ids=[ben.id], due_on=date(2026, 12, 1), priority="urgent")
    no_due = create("No due", assignee_ids=[ana.id], project_id=project.id)
    nobody = create("Nobody", due_on=date(2026, 11, 1))
    finished = create("Finished", assignee_ids=[ana.id], due_on=date(2026, 11, 2))
    workspace.tasks.complete(finished.id)
    blocked = create("Blocked", assignee_ids=[me.id], due_on=date(2026, 11, 22))
    workspace.tasks.set_status(blocked.id, "blocked")

    def ids(tasks: list[TaskRecord]) -> list[int]:
        return [t.id for t in tasks]

    open_order = [nobody.id, mine_late.id, blocked.id, urgent.id, shared.id, no_due.id]
    assert ids(workspace.tasks.list()) == [*open_order, finished.id]
    assert ids(workspace.tasks.list(open_only=True)) == open_order
    assert ids(workspace.tasks.list(assignee_id=ana.id)) == [shared.id, no_due.id, finished.id]
    assert ids(workspace.tasks.list(project_id=project.id)) == [shared.id, no_due.id]
    assert ids(workspace.tasks.list(limit=2)) == [nobody.id, mine_late.id]

    assert ids(workspace.tasks.mine(me.id)) == [mine_late.id, blocked.id, shared.id]
    assert ids(workspace.tasks.waiting_on_others(me.id)) == [urgent.id, shared.id, no_due.id]
    assert workspace.tasks.mine(None) == []
    assert ids(workspace.tasks.waiting_on_others(None)) == [
        mine_late.id, blocked.id, urgent.id, shared.id, no_due.id,
    ]  # fmt: skip
    assert ids(workspace.tasks.overdue()) == [nobody.id, mine_late.id, blocked.id]
    assert ids(workspace.tasks.overdue(date(2026, 11, 21))) == [nobody.id, mine_late.id]


def test_reads_do_not_query_per_row(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    workspace.tasks.create("First", assignee_ids=[ana.id, ben.id])
    with counting_queries(workspace) as few:
        assert len(workspace.tasks.list()) == 1
    for n in range(10):
        workspace.tasks.create(f"Task {n}", assignee_ids=[ana.id, ben.id])
    with counting_queries(workspace) as many:
        assert len(workspace.tasks.list()) == 11
    assert len(many) == len(few)
