"""What the weekly review puts in front of the user, kind by kind, most urgent first.

The kinds, for the ISO week holding ``today`` (``next Sunday`` is the end of next week):

- ``stale_contact``: stale today (no touch for two cadences);
- ``going_stale_contact``: not stale today, stale by next Sunday (the next review would
  come too late), whether overdue yet or not;
- ``overdue_contact``: overdue today and still not stale by next Sunday;
- ``overdue_request`` / ``open_request`` / ``unthanked_answer``: the Requests view's groups;
- ``overdue_task``: open joint tasks due before today;
- ``waiting_task``: open tasks, not overdue, assigned to someone and not to "me";
- ``goal_needs_checkin``: active goals with no check-in (nor creation) in the last N days;
- ``quiet_project``: active projects with no interaction, task created or task completed
  (nor their own creation) in the last N days.

Snoozed, archived and "me" contacts are in none of the contact kinds, as the rule says.
Each kind lists at most ``cap`` items less those already handled this week, so a review
at 100,000 contacts stays a few minutes' work; the rest is counted, not read.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, exists, false, func, or_, select
from sqlalchemy.orm import Session

from deskbridge.ask_rows import ask_rows
from deskbridge.index_walks import Band, Walk, first_rows
from deskbridge.input_requests import RequestGroup, in_group
from deskbridge.linked_rows import linked_people
from deskbridge.records import PersonRef
from deskbridge.review_items import (
    QueueRules,
    ReviewItem,
    ReviewKind,
    ReviewSection,
    days,
    joined,
    names,
    parse_key,
    short_day,
)
from deskbridge.review_quiet import goal_section, project_section
from deskbridge.store.models import (
    Contact,
    Department,
    InputRequest,
    Project,
    Task,
    TaskAssignee,
)
from deskbridge.store.vocabulary import RequestStatus
from deskbridge.task_list import OPEN_STATUSES

# -- contacts ---------------------------------------------------------------------------------


CONTACT_KINDS = (
    ReviewKind.STALE_CONTACT,
    ReviewKind.GOING_STALE_CONTACT,
    ReviewKind.OVERDUE_CONTACT,
)


def _contact_band(kind: ReviewKind, rules: QueueRules) -> ColumnElement[bool]:
    day, sunday = rules.today, rules.next_sunday
    if kind is ReviewKind.STALE_CONTACT:
        return (Contact.next_touch_on < day) & (Contact.stale_after_on < day)
    if kind is ReviewKind.GOING_STALE_CONTACT:
        return (Contact.stale_after_on >= day) & (Contact.stale_after_on < sunday)
    return (Contact.next_touch_on < day) & (Contact.stale_after_on >= sunday)


def _reminded(today: date) -> list[ColumnElement[bool]]:
    """The contacts the keep-in-touch rule speaks about on ``today``."""
    return [
        Contact.archived == false(),
        Contact.is_me == false(),
        or_(Contact.snoozed_until.is_(None), Contact.snoozed_until <= today),
    ]


def _contact_detail(kind: ReviewKind, row: Any, today: date) -> str:
    department, last, next_touch, stale_after = row[2:]
    touched = f"last touch {short_day(last, today)}" if last else "never touched"
    if kind is ReviewKind.GOING_STALE_CONTACT:
        when = f"goes stale {short_day(stale_after + timedelta(days=1), today)}"
    else:
        when = f"overdue by {days((today - next_touch).days)}"
    return joined(when, touched, department)


def contact_section(
    session: Session, kind: ReviewKind, rules: QueueRules, skip: Collection[int], room: int
) -> tuple[tuple[ReviewItem, ...], int]:
    # Stale and overdue walk the next-touch index from the oldest; going stale walks the
    # stale-day index (0006) from the first to turn.
    where = (*_reminded(rules.today), _contact_band(kind, rules), *_not_in(Contact.id, skip))
    if kind is ReviewKind.GOING_STALE_CONTACT:
        walk = Walk(where, (Contact.stale_after_on, Contact.full_name, Contact.id))
    else:
        walk = Walk(where, (Contact.next_touch_on, Contact.full_name, Contact.id))
    if kind is ReviewKind.OVERDUE_CONTACT:
        # Every stale contact comes before the first overdue one on the next-touch index,
        # and passing them looked up each row (~3 ms at 100,000 contacts); the reminders
        # index holds the stale day, so it finds the first overdue day from itself alone.
        first = select(func.min(Contact.next_touch_on)).where(*where).scalar_subquery()
        walk = Walk(where, walk.order, Contact.next_touch_on >= first)
    details = select(
        Contact.id,
        Contact.full_name,
        Department.name,
        Contact.last_touch_on,
        Contact.next_touch_on,
        Contact.stale_after_on,
    ).outerjoin(Department, Department.id == Contact.department_id)
    rows, total = first_rows(session, Contact.id, details, [[walk]], room)
    items = tuple(
        ReviewItem(kind, row[0], row[1], _contact_detail(kind, row, rules.today), (row[0],))
        for row in rows
    )
    return items, total


# -- requests ---------------------------------------------------------------------------------

_REQUEST_GROUPS = {
    ReviewKind.OVERDUE_REQUEST: RequestGroup.OVERDUE,
    ReviewKind.UNTHANKED_ANSWER: RequestGroup.UNTHANKED,
    ReviewKind.OPEN_REQUEST: RequestGroup.OPEN,
}


def _request_bands(kind: ReviewKind, rules: QueueRules, skip: Collection[int]) -> list[Band]:
    """Late asks by needed-by day; thanks owed, the longest waiting first (the Requests
    view lists the newest first); open asks by deadline, then those without one (NULLs
    sort first on SQLite and last on PostgreSQL, so they are a band of their own)."""
    skipped = tuple(_not_in(InputRequest.id, skip))
    if kind is not ReviewKind.OPEN_REQUEST:
        where = (in_group(_REQUEST_GROUPS[kind], rules.today), *skipped)
        first = (
            InputRequest.needed_by
            if kind is ReviewKind.OVERDUE_REQUEST
            else InputRequest.answered_on
        )
        return [[Walk(where, (first, InputRequest.id))]]
    is_open = InputRequest.status == RequestStatus.OPEN.value
    dated = (is_open, InputRequest.needed_by >= rules.today, *skipped)
    undated = (is_open, InputRequest.needed_by.is_(None), *skipped)
    return [
        [Walk(dated, (InputRequest.needed_by, InputRequest.asked_on, InputRequest.id))],
        [Walk(undated, (InputRequest.asked_on, InputRequest.id))],
    ]


def _request_detail(kind: ReviewKind, row: Any, today: date) -> str:
    _, _, _, name, department, asked_on, needed_by, answered_on = row
    person = f"{name} ({department})" if department else name
    if kind is ReviewKind.OVERDUE_REQUEST:
        return joined(f"{days((today - needed_by).days)} late", f"asked of {person}")
    if kind is ReviewKind.UNTHANKED_ANSWER:
        waited = (today - answered_on).days
        when = "answered today" if waited == 0 else f"answered {days(waited)} ago"
        return joined(when, f"by {person}")
    deadline = f"needed by {short_day(needed_by, today)}" if needed_by else "no deadline"
    return joined(deadline, f"asked of {person} on {short_day(asked_on, today)}")


def request_section(
    session: Session, kind: ReviewKind, rules: QueueRules, skip: Collection[int], room: int
) -> tuple[tuple[ReviewItem, ...], int]:
    details = ask_rows()
    bands = _request_bands(kind, rules, skip)
    rows, total = first_rows(session, InputRequest.id, details, bands, room)
    items = tuple(
        ReviewItem(kind, row[0], row[1], _request_detail(kind, row, rules.today), (row[2],))
        for row in rows
    )
    return items, total


# -- tasks ------------------------------------------------------------------------------------


def _me_id(session: Session) -> int | None:
    return session.scalar(select(Contact.id).where(Contact.is_me).limit(1))


def _task_bands(
    kind: ReviewKind, rules: QueueRules, me_id: int | None, skip: Collection[int]
) -> list[Band]:
    """Overdue tasks by due day; waiting tasks by due day, then those with none. Each open
    status is a walk of its own along the status index (an IN over them sorts them all)."""
    skipped = tuple(_not_in(Task.id, skip))
    by_due = (Task.due_on, Task.id)
    if kind is ReviewKind.OVERDUE_TASK:
        return [
            [
                Walk((Task.status == s, Task.due_on < rules.today, *skipped), by_due)
                for s in OPEN_STATUSES
            ]
        ]
    waiting = (_waits_on_others(me_id), *skipped)
    return [
        [
            Walk((Task.status == s, Task.due_on >= rules.today, *waiting), by_due)
            for s in OPEN_STATUSES
        ],
        [
            Walk((Task.status == s, Task.due_on.is_(None), *waiting), (Task.id,))
            for s in OPEN_STATUSES
        ],
    ]


def _waits_on_others(me_id: int | None) -> ColumnElement[bool]:
    """Assigned to someone, and not to "me". Driven from the open tasks: an IN over every
    assignment would look up each task."""
    if me_id is None:
        return exists().where(TaskAssignee.task_id == Task.id)  # every assigned task waits
    # One look at the task's assignees answers both: the largest "is me" over them is NULL
    # with none and 1 with me among them (~6 ms at the scale demo; an EXISTS beside a
    # NOT IN took ~10).
    is_me = case((TaskAssignee.contact_id == me_id, 1), else_=0)
    return select(func.max(is_me)).where(TaskAssignee.task_id == Task.id).scalar_subquery() == 0


def _task_detail(kind: ReviewKind, row: Any, people: list[PersonRef], today: date) -> str:
    _, _, due_on, project = row
    if kind is ReviewKind.OVERDUE_TASK:
        return joined(
            f"overdue by {days((today - due_on).days)}", project, names(people) or "unassigned"
        )
    due = f"due {short_day(due_on, today)}" if due_on else "no due day"
    return joined(f"waiting on {names(people)}", due, project)


def task_section(
    session: Session,
    kind: ReviewKind,
    rules: QueueRules,
    skip: Collection[int],
    room: int,
    me_id: int | None,
) -> tuple[tuple[ReviewItem, ...], int]:
    details = select(Task.id, Task.title, Task.due_on, Project.name).outerjoin(
        Project, Project.id == Task.project_id
    )
    bands = _task_bands(kind, rules, me_id, skip)
    rows, total = first_rows(session, Task.id, details, bands, room)
    people = linked_people(
        session, TaskAssignee.task_id, TaskAssignee.contact_id, [row[0] for row in rows]
    )
    items = []
    for row in rows:
        others = [p for p in people[row[0]] if p.id != me_id]
        detail = _task_detail(kind, row, others, rules.today)
        items.append(ReviewItem(kind, row[0], row[1], detail, tuple(p.id for p in others)))
    return tuple(items), total


# -- the whole queue --------------------------------------------------------------------------


def read_sections(
    session: Session, rules: QueueRules, handled: Collection[str]
) -> list[ReviewSection]:
    """Every kind's section in review order, leaving out the ``handled`` keys."""
    skip: dict[ReviewKind, set[int]] = {kind: set() for kind in ReviewKind}
    for key in handled:
        parsed = parse_key(key)
        if parsed is not None:
            skip[parsed[0]].add(parsed[1])
    room = {kind: max(rules.cap - len(skip[kind]), 0) for kind in ReviewKind}
    me_id = _me_id(session)
    found: dict[ReviewKind, tuple[tuple[ReviewItem, ...], int]] = {}
    for kind in CONTACT_KINDS:
        found[kind] = contact_section(session, kind, rules, skip[kind], room[kind])
    for kind in _REQUEST_GROUPS:
        found[kind] = request_section(session, kind, rules, skip[kind], room[kind])
    for kind in (ReviewKind.OVERDUE_TASK, ReviewKind.WAITING_TASK):
        found[kind] = task_section(session, kind, rules, skip[kind], room[kind], me_id)
    found[ReviewKind.GOAL_NEEDS_CHECKIN] = goal_section(
        session, rules, skip[ReviewKind.GOAL_NEEDS_CHECKIN], room[ReviewKind.GOAL_NEEDS_CHECKIN]
    )
    found[ReviewKind.QUIET_PROJECT] = project_section(
        session, rules, skip[ReviewKind.QUIET_PROJECT], room[ReviewKind.QUIET_PROJECT]
    )
    return [
        ReviewSection(kind, found[kind][0], max(found[kind][1] - len(found[kind][0]), 0))
        for kind in ReviewKind
    ]


def _not_in(column: Any, ids: Collection[int]) -> list[ColumnElement[bool]]:
    return [column.not_in(sorted(ids))] if ids else []
