"""The order the weekly review and Today list things in when a kind spans several task
statuses or has things without a day, how far each list goes, and what the rest counts;
and a project's latest task activity deciding whether it has gone quiet."""

from __future__ import annotations

from datetime import date, datetime

from deskbridge.clock import FixedClock
from deskbridge.review_items import ReviewKind
from deskbridge.weekly_review import ReviewQueue
from deskbridge.workspace import Workspace

K = ReviewKind
LONG_AGO = datetime(2026, 9, 1, 9, 0)


def section(queue: ReviewQueue, kind: ReviewKind) -> tuple[list[str], int]:
    found = next(s for s in queue.sections if s.kind is kind)
    return [item.title for item in found.items], found.more


def people(ws: Workspace) -> tuple[int, int, int]:
    """Two colleagues and "me"."""
    ann = ws.contacts.add("Ann", added_on=date(2026, 11, 20)).id
    bob = ws.contacts.add("Bob", added_on=date(2026, 11, 20)).id
    me = ws.contacts.add("Me", added_on=date(2026, 11, 20)).id
    ws.contacts.set_me(me)
    return ann, bob, me


def task(ws: Workspace, title: str, due: date | None, status: str, who: list[int]) -> int:
    task_id = ws.tasks.create(title, assignee_ids=who, due_on=due).id
    if status != "todo":
        ws.tasks.set_status(task_id, status)
    return task_id


def test_tasks_of_every_open_status_are_merged_by_due_day(workspace: Workspace) -> None:
    ann, bob, _me = people(workspace)
    task(workspace, "late blocked", date(2026, 11, 2), "blocked", [ann])
    task(workspace, "late todo", date(2026, 11, 5), "todo", [ann])
    task(workspace, "later in progress", date(2026, 11, 9), "in_progress", [bob])
    task(workspace, "latest todo", date(2026, 11, 20), "todo", [bob])
    task(workspace, "late but done", date(2026, 11, 1), "done", [ann])
    queue = workspace.review.queue(cap=3)
    assert section(queue, K.OVERDUE_TASK) == (["late blocked", "late todo", "later in progress"], 1)


def test_waiting_tasks_come_by_due_day_and_those_without_one_last(workspace: Workspace) -> None:
    ann, bob, me = people(workspace)
    task(workspace, "no day, todo", None, "todo", [ann])
    task(workspace, "no day, blocked", None, "blocked", [bob])
    task(workspace, "Friday, blocked", date(2026, 11, 27), "blocked", [ann, bob])
    task(workspace, "Wednesday, in progress", date(2026, 11, 25), "in_progress", [bob])
    task(workspace, "next week, todo", date(2026, 12, 2), "todo", [ann])
    task(workspace, "mine as well", date(2026, 11, 24), "todo", [ann, me])
    task(workspace, "nobody's", date(2026, 11, 24), "todo", [])
    titles, more = section(workspace.review.queue(), K.WAITING_TASK)
    assert titles == [
        "Wednesday, in progress",
        "Friday, blocked",
        "next week, todo",
        "no day, todo",
        "no day, blocked",
    ]
    assert more == 0
    assert section(workspace.review.queue(cap=4), K.WAITING_TASK) == (titles[:4], 1)


def test_open_asks_come_by_deadline_then_asked_day_and_those_without_one_last(
    workspace: Workspace,
) -> None:
    ann, bob, _me = people(workspace)
    ask = workspace.requests.ask
    ask(ann, "no deadline, older", asked_on=date(2026, 11, 2))
    ask(ann, "no deadline, newer", asked_on=date(2026, 11, 9))
    ask(bob, "Friday, asked later", asked_on=date(2026, 11, 10), needed_by=date(2026, 11, 27))
    ask(bob, "Friday, asked first", asked_on=date(2026, 11, 3), needed_by=date(2026, 11, 27))
    ask(ann, "today", asked_on=date(2026, 11, 20), needed_by=date(2026, 11, 23))
    ask(ann, "late", asked_on=date(2026, 11, 1), needed_by=date(2026, 11, 20))
    titles, more = section(workspace.review.queue(), K.OPEN_REQUEST)
    assert titles == [
        "today",
        "Friday, asked first",
        "Friday, asked later",
        "no deadline, older",
        "no deadline, newer",
    ]
    assert more == 0
    assert section(workspace.review.queue(cap=2), K.OPEN_REQUEST) == (titles[:2], 3)
    assert section(workspace.review.queue(cap=2), K.OVERDUE_REQUEST) == (["late"], 0)


def test_a_handled_item_gives_its_place_to_the_next_across_statuses(workspace: Workspace) -> None:
    ann, _bob, _me = people(workspace)
    first = task(workspace, "first", date(2026, 11, 2), "blocked", [ann])
    task(workspace, "second", date(2026, 11, 3), "todo", [ann])
    task(workspace, "third", date(2026, 11, 4), "in_progress", [ann])
    workspace.review.handle(f"overdue_task:{first}", "skip")
    assert section(workspace.review.queue(cap=2), K.OVERDUE_TASK) == (["second"], 1)


def test_a_project_is_quiet_until_a_task_of_it_is_created_or_completed(
    workspace: Workspace,
) -> None:
    past = Workspace(workspace.db, FixedClock(LONG_AGO))
    quiet = past.projects.create("Quiet", status="active").id
    done_long_ago = past.tasks.create("Old work", project_id=quiet).id
    workspace.tasks.complete(done_long_ago, completed_at=datetime(2026, 10, 1, 16, 30))
    created = past.projects.create("New task", status="active").id
    workspace.tasks.create("Fresh work", project_id=created)
    finished = past.projects.create("Finished task", status="active").id
    old = past.tasks.create("Old work", project_id=finished).id
    workspace.tasks.complete(old, completed_at=datetime(2026, 11, 20, 11, 0))
    items = [i for i in workspace.review.queue().items if i.kind is K.QUIET_PROJECT]
    assert [(i.title, i.detail) for i in items] == [
        ("Quiet", "quiet for 53 days · last activity Thu 1 Oct")
    ]


def test_todays_tasks_due_this_week_merge_every_open_status(workspace: Workspace) -> None:
    ann, bob, _me = people(workspace)
    task(workspace, "Sunday, blocked", date(2026, 11, 29), "blocked", [ann])
    task(workspace, "late, in progress", date(2026, 11, 10), "in_progress", [bob])
    task(workspace, "Tuesday, todo", date(2026, 11, 24), "todo", [ann])
    task(workspace, "next week", date(2026, 11, 30), "todo", [ann])
    task(workspace, "done", date(2026, 11, 24), "done", [ann])
    agenda = workspace.agenda.read(limit=2)
    assert [t.title for t in agenda.tasks] == ["late, in progress", "Tuesday, todo"]
    assert agenda.tasks_total == 3
    assert [t.status for t in workspace.agenda.read().tasks] == ["in_progress", "todo", "blocked"]


def test_overdue_contacts_come_by_next_touch_day_after_every_stale_one(
    workspace: Workspace,
) -> None:
    add, log = workspace.contacts.add, workspace.interactions.log
    for name, cadence, touched in [
        ("Stale Sam", 10, date(2026, 9, 1)),  # next touch 11 Sep, stale after 21 Sep
        ("Stale Sue", 30, date(2026, 9, 20)),  # next touch 20 Oct, stale after 19 Nov
        ("Overdue Ola", 60, date(2026, 9, 1)),  # next touch 31 Oct, stale after 30 Dec
        ("Overdue Ada", 60, date(2026, 9, 10)),  # next touch 9 Nov
        ("Overdue Abe", 60, date(2026, 9, 10)),  # the same day: by name
        ("Fine Fay", 60, date(2026, 11, 20)),
    ]:
        contact = add(name, cadence_days=cadence, added_on=date(2026, 1, 1)).id
        log([contact], "Call", occurred_on=touched)
    queue = workspace.review.queue()
    assert section(queue, K.STALE_CONTACT) == (["Stale Sam", "Stale Sue"], 0)
    assert section(queue, K.OVERDUE_CONTACT) == (["Overdue Ola", "Overdue Abe", "Overdue Ada"], 0)
    assert section(workspace.review.queue(cap=1), K.OVERDUE_CONTACT) == (["Overdue Ola"], 2)
