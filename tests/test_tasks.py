"""Joint tasks: assigning, completing (a touch), reopening and the task lists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from observations import assert_no_drift, counting_queries, due_ids

from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.records import ContactRecord, PersonRef, TaskRecord
from deskbridge.task_list import TaskFilter, TaskSort, TaskView
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


# --- the board's move, full edit, delete and progress ------------------------------------

STATUSES = ("todo", "in_progress", "blocked", "done", "cancelled")
OPEN = ("todo", "in_progress", "blocked")
REFUSED_MOVES = {("done", "cancelled"), ("cancelled", "done")}


@pytest.mark.parametrize("target", STATUSES)
@pytest.mark.parametrize("state", STATUSES)
def test_move_follows_the_board_rules(
    workspace: Workspace, ana: ContactRecord, state: str, target: str
) -> None:
    workspace.interactions.log([ana.id], "Coffee", occurred_on=date(2026, 11, 1))
    before = _in_state(workspace, ana.id, state)
    contact_before = workspace.contacts.get(ana.id)

    if (state, target) in REFUSED_MOVES:
        with pytest.raises(TransitionError) as caught:
            workspace.tasks.move(before.id, target)
        assert before.title in str(caught.value)
        assert "reopen it" in str(caught.value)
        assert workspace.tasks.get(before.id) == before
        assert workspace.contacts.get(ana.id) == contact_before
        return

    moved = workspace.tasks.move(before.id, target)

    assert moved.status == target
    assert workspace.tasks.get(before.id) == moved
    last_touch = workspace.contacts.get(ana.id).last_touch_on
    if target == "done":
        assert moved.completed_at == (before.completed_at if state == "done" else NOW)
        assert last_touch == TODAY
    else:
        assert moved.completed_at is None
        # Leaving "done" takes the touch back: the coffee is the last touch again.
        assert last_touch == date(2026, 11, 1)
    assert_no_drift(workspace)


def test_move_refuses_an_unknown_status_and_id(workspace: Workspace) -> None:
    task = workspace.tasks.create("Task")
    with pytest.raises(ValidationError) as caught:
        workspace.tasks.move(task.id, "someday")
    assert caught.value.field == "status"
    with pytest.raises(NotFoundError):
        workspace.tasks.move(999, "done")


def _edit(workspace: Workspace, task: TaskRecord, **changes: Any) -> TaskRecord:
    fields: dict[str, Any] = {
        "title": task.title,
        "notes": task.notes,
        "due_on": task.due_on,
        "priority": task.priority,
        "project_id": task.project_id,
        "assignee_ids": [p.id for p in task.assignees],
    } | changes
    return workspace.tasks.update(task.id, **fields)


def test_update_replaces_every_field(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    project = workspace.projects.create("Bridge")
    task = workspace.tasks.create("Draft", assignee_ids=[ana.id], priority="low")

    edited = _edit(
        workspace,
        task,
        title=" Final ",
        notes="More",
        due_on=date(2026, 12, 1),
        priority="urgent",
        project_id=project.id,
        assignee_ids=[ben.id],
        status="blocked",
    )

    assert edited == TaskRecord(
        id=task.id,
        title="Final",
        notes="More",
        project_id=project.id,
        due_on=date(2026, 12, 1),
        priority="urgent",
        status="blocked",
        completed_at=None,
        assignees=(PersonRef(ben.id, "Ben Okafor"),),
    )
    assert workspace.tasks.get(task.id) == edited
    cleared = _edit(workspace, edited, due_on=None, project_id=None, assignee_ids=[])
    assert (cleared.due_on, cleared.project_id, cleared.assignees) == (None, None, ())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"priority": "asap"}, "priority"),
        ({"project_id": 999}, "project"),
        ({"assignee_ids": [999]}, "assignees"),
        ({"status": "later"}, "status"),
    ],
)
def test_update_refuses_bad_input_and_keeps_the_task(
    workspace: Workspace, ana: ContactRecord, changes: dict[str, Any], field: str
) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id])
    with pytest.raises(ValidationError) as caught:
        _edit(workspace, task, **({"notes": "Changed"} | changes))
    assert caught.value.field == field
    assert workspace.tasks.get(task.id) == task


def test_update_of_a_done_task_moves_the_touch_with_its_people(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    task = workspace.tasks.create("Task", assignee_ids=[ana.id])
    done = workspace.tasks.complete(task.id, completed_at=datetime(2026, 11, 22, 10, 0))

    swapped = _edit(workspace, done, assignee_ids=[ben.id])

    assert swapped.status == "done"
    assert workspace.contacts.get(ana.id).last_touch_on is None
    assert workspace.contacts.get(ben.id).last_touch_on == date(2026, 11, 22)
    assert_no_drift(workspace)

    reopened = _edit(workspace, swapped, status="in_progress")
    assert (reopened.status, reopened.completed_at) == ("in_progress", None)
    assert workspace.contacts.get(ben.id).last_touch_on is None
    assert_no_drift(workspace)

    completed = _edit(workspace, reopened, assignee_ids=[ana.id, ben.id], status="done")
    assert completed.completed_at == NOW
    assert workspace.contacts.get(ana.id).last_touch_on == TODAY
    assert workspace.contacts.get(ben.id).last_touch_on == TODAY
    assert_no_drift(workspace)


def test_update_refuses_a_refused_move_and_keeps_the_task(
    workspace: Workspace, ana: ContactRecord
) -> None:
    done = workspace.tasks.complete(workspace.tasks.create("Task", assignee_ids=[ana.id]).id)
    with pytest.raises(TransitionError):
        _edit(workspace, done, title="Renamed", status="cancelled")
    assert workspace.tasks.get(done.id) == done


def test_delete_removes_the_task_and_its_touch(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    open_task = workspace.tasks.create("Open", assignee_ids=[ben.id])
    done = workspace.tasks.complete(workspace.tasks.create("Done", assignee_ids=[ana.id]).id)
    assert workspace.contacts.get(ana.id).last_touch_on == TODAY

    workspace.tasks.delete(done.id)
    workspace.tasks.delete(open_task.id)

    assert workspace.tasks.list() == []
    assert workspace.contacts.get(ana.id).last_touch_on is None
    assert workspace.contacts.get(ben.id).id == ben.id
    assert_no_drift(workspace)
    with pytest.raises(NotFoundError):
        workspace.tasks.delete(done.id)


def test_board_and_progress_by_project(workspace: Workspace, ana: ContactRecord) -> None:
    bridge = workspace.projects.create("Bridge")
    other = workspace.projects.create("Other")
    idle = workspace.projects.create("Idle")
    tasks = {
        state: _in_state(workspace, ana.id, state)
        for state in ("todo", "blocked", "done", "cancelled")
    }
    for task in tasks.values():
        _edit(workspace, workspace.tasks.get(task.id), project_id=bridge.id)
    second_done = workspace.tasks.create("Second done", project_id=bridge.id)
    workspace.tasks.complete(second_done.id)
    workspace.tasks.create("Elsewhere", project_id=other.id)
    workspace.tasks.set_status(workspace.tasks.create("Gone", project_id=idle.id).id, "cancelled")
    workspace.tasks.create("Loose")

    board = workspace.tasks.board(bridge.id)

    assert list(board) == list(STATUSES)
    assert [t.id for t in board["todo"]] == [tasks["todo"].id]
    assert [t.id for t in board["in_progress"]] == []
    assert [t.id for t in board["blocked"]] == [tasks["blocked"].id]
    assert {t.id for t in board["done"]} == {tasks["done"].id, second_done.id}
    assert [t.id for t in board["cancelled"]] == [tasks["cancelled"].id]
    assert board["todo"][0].project_id == bridge.id

    assert workspace.tasks.progress(bridge.id) == (2, 4)
    assert workspace.tasks.progress(other.id) == (0, 1)
    assert workspace.tasks.progress(idle.id) == (0, 0)
    with counting_queries(workspace) as statements:
        grouped = workspace.tasks.progress_by_project()
    assert grouped == {bridge.id: (2, 4), other.id: (0, 1)}
    assert len([s for s in statements if s.startswith("SELECT")]) == 1


# --- the task list's views, pages and counts ---------------------------------------------


def _page_ids(workspace: Workspace, shown: TaskFilter, **options: Any) -> list[int]:
    return [row.id for row in workspace.tasks.page(shown, **options).rows]


def test_views_show_mine_waiting_overdue_and_all(
    workspace: Workspace, me: ContactRecord, ana: ContactRecord, ben: ContactRecord
) -> None:
    create = workspace.tasks.create
    mine = create("Mine", assignee_ids=[me.id], due_on=date(2026, 11, 30))
    shared = create("Shared", assignee_ids=[me.id, ana.id], due_on=date(2026, 11, 20))
    theirs = create("Theirs", assignee_ids=[ben.id], due_on=date(2026, 12, 3))
    nobody = create("Nobody", due_on=date(2026, 11, 1))
    mine_done = workspace.tasks.complete(create("Mine done", assignee_ids=[me.id]).id)
    theirs_cancelled = create("Theirs cancelled", assignee_ids=[ana.id], due_on=LONG_AGO)
    workspace.tasks.set_status(theirs_cancelled.id, "cancelled")

    def shown(view: TaskView, include_done: bool = False) -> list[int]:
        return _page_ids(workspace, TaskFilter(view, include_done))

    assert shown(TaskView.MINE) == [shared.id, mine.id]
    assert shown(TaskView.WAITING) == [shared.id, theirs.id]
    assert shown(TaskView.OVERDUE) == [nobody.id, shared.id]
    assert shown(TaskView.ALL) == [nobody.id, shared.id, mine.id, theirs.id]
    assert shown(TaskView.MINE, True) == [shared.id, mine.id, mine_done.id]
    assert shown(TaskView.WAITING, True) == [shared.id, theirs.id, theirs_cancelled.id]
    # Only an open task can be overdue, finished ones shown or not.
    assert shown(TaskView.OVERDUE, True) == [nobody.id, shared.id]
    assert len(shown(TaskView.ALL, True)) == 6

    counts = workspace.tasks.counts(TaskFilter())
    assert counts == {TaskView.MINE: 2, TaskView.WAITING: 2, TaskView.OVERDUE: 2, TaskView.ALL: 4}
    assert workspace.tasks.counts(TaskFilter(TaskView.MINE, include_done=True)) == {
        TaskView.MINE: 3, TaskView.WAITING: 3, TaskView.OVERDUE: 2, TaskView.ALL: 6,
    }  # fmt: skip

    page = workspace.tasks.page(TaskFilter(TaskView.MINE))
    assert page.me_id == me.id
    assert page.rows[0].assignees == (
        PersonRef(ana.id, "Ana Lopez"),
        PersonRef(me.id, me.full_name),
    )


def test_with_no_me_every_assigned_task_waits_on_others(
    workspace: Workspace, ana: ContactRecord
) -> None:
    assigned = workspace.tasks.create("Assigned", assignee_ids=[ana.id])
    workspace.tasks.create("Nobody")
    assert _page_ids(workspace, TaskFilter(TaskView.MINE)) == []
    assert _page_ids(workspace, TaskFilter(TaskView.WAITING)) == [assigned.id]
    assert workspace.tasks.page(TaskFilter()).me_id is None
    counts = workspace.tasks.counts()
    assert (counts[TaskView.MINE], counts[TaskView.WAITING], counts[TaskView.ALL]) == (0, 1, 2)


def test_overdue_follows_the_day_given(workspace: Workspace) -> None:
    friday = workspace.tasks.create("Friday", due_on=date(2026, 11, 20))
    today = workspace.tasks.create("Today", due_on=TODAY)
    overdue = TaskFilter(TaskView.OVERDUE)
    assert _page_ids(workspace, overdue) == [friday.id]
    assert _page_ids(workspace, overdue, today=date(2026, 11, 24)) == [friday.id, today.id]
    assert _page_ids(workspace, overdue, today=date(2026, 11, 20)) == []
    assert workspace.tasks.counts(overdue, today=date(2026, 11, 24))[TaskView.OVERDUE] == 2


def test_project_and_text_narrow_every_view(
    workspace: Workspace, me: ContactRecord, ana: ContactRecord
) -> None:
    bridge = workspace.projects.create("Bridge")
    scoring = workspace.tasks.create(
        "Lead scoring", assignee_ids=[ana.id], project_id=bridge.id, notes="margin per lead"
    )
    budget = workspace.tasks.create("Budget 100%", assignee_ids=[me.id], project_id=bridge.id)
    loose = workspace.tasks.create("Loose end", assignee_ids=[ana.id])

    assert _page_ids(workspace, TaskFilter(project_id=bridge.id)) == [scoring.id, budget.id]
    assert _page_ids(workspace, TaskFilter(text="SCORING")) == [scoring.id]
    assert _page_ids(workspace, TaskFilter(text="margin lead")) == [scoring.id]
    # An assignee's name matches too.
    assert _page_ids(workspace, TaskFilter(text="lopez")) == [scoring.id, loose.id]
    # LIKE's wildcards are taken literally.
    assert _page_ids(workspace, TaskFilter(text="100%")) == [budget.id]
    assert _page_ids(workspace, TaskFilter(text="_")) == []
    narrowed = workspace.tasks.counts(TaskFilter(TaskView.ALL, project_id=bridge.id, text="lead"))
    assert narrowed == {TaskView.MINE: 0, TaskView.WAITING: 1, TaskView.OVERDUE: 0, TaskView.ALL: 1}
    assert workspace.tasks.page(TaskFilter(project_id=bridge.id)).rows[0].project_name == "Bridge"


def test_sorting_happens_in_sql_and_pages_cover_everything(workspace: Workspace) -> None:
    bridge = workspace.projects.create("Bridge")
    alpha = workspace.projects.create("alpha")
    made = [
        workspace.tasks.create("b task", priority="low", due_on=date(2026, 12, 2)),
        workspace.tasks.create("A task", priority="urgent", project_id=bridge.id),
        workspace.tasks.create("c task", priority="high", due_on=date(2026, 12, 1)),
        workspace.tasks.create("d task", project_id=alpha.id, due_on=date(2026, 12, 9)),
    ]
    workspace.tasks.set_status(made[3].id, "blocked")
    b, a, c, d = (t.id for t in made)
    everything = TaskFilter()

    assert _page_ids(workspace, everything) == [c, b, d, a]
    assert _page_ids(workspace, everything, descending=True) == [d, b, c, a]
    assert _page_ids(workspace, everything, sort=TaskSort.TITLE) == [a, b, c, d]
    assert _page_ids(workspace, everything, sort=TaskSort.TITLE, descending=True) == [d, c, b, a]
    assert _page_ids(workspace, everything, sort=TaskSort.PRIORITY) == [a, c, d, b]
    assert _page_ids(workspace, everything, sort=TaskSort.PROJECT) == [d, a, c, b]
    assert _page_ids(workspace, everything, sort=TaskSort.STATUS) == [c, b, a, d]

    first = workspace.tasks.page(everything, limit=3)
    assert first.next_offset == 3
    rest = workspace.tasks.page(everything, limit=3, offset=first.next_offset)
    assert rest.next_offset is None
    assert [r.id for r in (*first.rows, *rest.rows)] == [c, b, d, a]


def test_a_page_reads_in_a_fixed_number_of_queries(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    project = workspace.projects.create("Bridge")
    workspace.tasks.create("First", assignee_ids=[ana.id], project_id=project.id)
    with counting_queries(workspace) as few:
        workspace.tasks.page(TaskFilter(TaskView.WAITING))
    for n in range(10):
        workspace.tasks.create(f"Task {n}", assignee_ids=[ana.id, ben.id], project_id=project.id)
    with counting_queries(workspace) as many:
        assert len(workspace.tasks.page(TaskFilter(TaskView.WAITING)).rows) == 11
    assert len(many) == len(few)
