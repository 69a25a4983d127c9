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

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, exists, false, func, or_, select
from sqlalchemy.orm import Session

from deskbridge.input_requests import RequestGroup, in_group
from deskbridge.linked_rows import linked_ids, linked_people
from deskbridge.records import PersonRef
from deskbridge.review_items import (
    MEMBERS_TO_LOG,
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
from deskbridge.store.models import (
    Contact,
    Department,
    GoalCheckin,
    InputRequest,
    Interaction,
    Project,
    ProjectMember,
    SharedGoal,
    Task,
    TaskAssignee,
)
from deskbridge.store.sql_dates import as_date, latest_of
from deskbridge.store.vocabulary import GoalStatus, ProjectStatus
from deskbridge.task_list import OPEN_STATUSES

# -- reading one section -----------------------------------------------------------------------

Rows = tuple[list[Any], int]
AnySelect = Select[*tuple[Any, ...]]


def _read(
    session: Session,
    id_column: Any,
    where: list[ColumnElement[bool]],
    order: list[Any],
    details: AnySelect,
    room: int,
    *,
    windowed: bool,
) -> Rows:
    """The ``details`` rows (first column: the id) of the first ``room`` things that
    ``where`` picks in ``order``, and how many it picks in all.

    Ids are found on the thing's own table and only those rows are joined for names: joining
    thousands of rows to be counted or sorted cost several times more. ``windowed`` counts
    in the same pass (``count(*) OVER ()``), right for kinds whose order no index serves,
    which visit every row anyway; the others walk an index in order, stop after ``room``
    rows, and are counted from the index alone."""
    keys = select(id_column).where(*where).order_by(*order)
    if windowed:
        found = session.execute(keys.add_columns(func.count().over()).limit(max(room, 1))).all()
        total = int(found[0][1]) if found else 0
        ids = [row[0] for row in found[:room]]
    else:
        total = session.scalar(select(func.count(id_column)).where(*where)) or 0
        ids = list(session.scalars(keys.limit(room))) if room and total else []
    if not ids:
        return [], total
    rows = {row[0]: row for row in session.execute(details.where(id_column.in_(ids)))}
    return [rows[i] for i in ids if i in rows], total


# -- contacts ---------------------------------------------------------------------------------


def _contact_bands(rules: QueueRules) -> dict[ReviewKind, ColumnElement[bool]]:
    day, sunday = rules.today, rules.next_sunday
    return {
        ReviewKind.STALE_CONTACT: (Contact.next_touch_on < day) & (Contact.stale_after_on < day),
        ReviewKind.GOING_STALE_CONTACT: (Contact.stale_after_on >= day)
        & (Contact.stale_after_on < sunday),
        ReviewKind.OVERDUE_CONTACT: (Contact.next_touch_on < day)
        & (Contact.stale_after_on >= sunday),
    }


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
    going = kind is ReviewKind.GOING_STALE_CONTACT
    # Stale and overdue walk the next-touch index from the oldest; going stale is ordered
    # by the day it turns, which no index leads with, so it is counted in the same pass.
    order = (
        [Contact.stale_after_on, Contact.full_name, Contact.id]
        if going
        else [Contact.next_touch_on, Contact.full_name, Contact.id]
    )
    details = select(
        Contact.id,
        Contact.full_name,
        Department.name,
        Contact.last_touch_on,
        Contact.next_touch_on,
        Contact.stale_after_on,
    ).outerjoin(Department, Department.id == Contact.department_id)
    where = [*_reminded(rules.today), _contact_bands(rules)[kind], *_not_in(Contact.id, skip)]
    rows, total = _read(session, Contact.id, where, order, details, room, windowed=going)
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


def _request_order(kind: ReviewKind) -> list[Any]:
    if kind is ReviewKind.OVERDUE_REQUEST:
        return [InputRequest.needed_by, InputRequest.id]
    if kind is ReviewKind.UNTHANKED_ANSWER:
        # The longest-waiting thanks first (the Requests view lists the newest first).
        return [InputRequest.answered_on, InputRequest.id]
    no_deadline = case((InputRequest.needed_by.is_(None), 1), else_=0)
    return [no_deadline, InputRequest.needed_by, InputRequest.asked_on, InputRequest.id]


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
    details = (
        select(
            InputRequest.id,
            InputRequest.topic,
            InputRequest.asked_of_id,
            Contact.full_name,
            Department.name,
            InputRequest.asked_on,
            InputRequest.needed_by,
            InputRequest.answered_on,
        )
        .join(Contact, Contact.id == InputRequest.asked_of_id)
        .outerjoin(Department, Department.id == Contact.department_id)
    )
    where = [in_group(_REQUEST_GROUPS[kind], rules.today), *_not_in(InputRequest.id, skip)]
    # Late asks walk the status index by needed-by day; the other two sort what they find.
    windowed = kind is not ReviewKind.OVERDUE_REQUEST
    order = _request_order(kind)
    rows, total = _read(session, InputRequest.id, where, order, details, room, windowed=windowed)
    items = tuple(
        ReviewItem(kind, row[0], row[1], _request_detail(kind, row, rules.today), (row[2],))
        for row in rows
    )
    return items, total


# -- tasks ------------------------------------------------------------------------------------


def _me_id(session: Session) -> int | None:
    return session.scalar(select(Contact.id).where(Contact.is_me).limit(1))


def _task_band(kind: ReviewKind, rules: QueueRules, me_id: int | None) -> ColumnElement[bool]:
    is_open = Task.status.in_(OPEN_STATUSES)
    if kind is ReviewKind.OVERDUE_TASK:
        return is_open & (Task.due_on < rules.today)
    # Driven from the open tasks: an IN over every assignment would look up each task.
    assigned = exists().where(TaskAssignee.task_id == Task.id)
    not_late = or_(Task.due_on.is_(None), Task.due_on >= rules.today)
    band = is_open & not_late & assigned
    if me_id is None:
        return band  # without a "me", every assigned task waits on others
    mine = select(TaskAssignee.task_id).where(TaskAssignee.contact_id == me_id)
    return band & Task.id.not_in(mine)


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
    no_due_last = case((Task.due_on.is_(None), 1), else_=0)
    details = select(Task.id, Task.title, Task.due_on, Project.name).outerjoin(
        Project, Project.id == Task.project_id
    )
    where = [_task_band(kind, rules, me_id), *_not_in(Task.id, skip)]
    order = [no_due_last, Task.due_on, Task.id]
    windowed = kind is ReviewKind.WAITING_TASK
    rows, total = _read(session, Task.id, where, order, details, room, windowed=windowed)
    people = linked_people(
        session, TaskAssignee.task_id, TaskAssignee.contact_id, [row[0] for row in rows]
    )
    items = []
    for row in rows:
        others = [p for p in people[row[0]] if p.id != me_id]
        detail = _task_detail(kind, row, others, rules.today)
        items.append(ReviewItem(kind, row[0], row[1], detail, tuple(p.id for p in others)))
    return tuple(items), total


# -- goals and projects (tens of each: read whole, picked in Python) ---------------------------


def goal_rows(session: Session, rules: QueueRules) -> list[tuple[int, str, date | None, date]]:
    """Active goals quiet for ``checkin_days``, quietest first: id, title, last check-in,
    created on. A goal younger than that needs no check-in yet."""
    last = (
        select(func.max(GoalCheckin.checked_on))
        .where(GoalCheckin.goal_id == SharedGoal.id)
        .scalar_subquery()
    )
    query = select(SharedGoal.id, SharedGoal.title, last, SharedGoal.created_at).where(
        SharedGoal.status == GoalStatus.ACTIVE.value
    )
    cutoff = rules.today - timedelta(days=rules.checkin_days)
    found = []
    for goal_id, title, checked, created_at in session.execute(query):
        last_day, created = _day(checked), _day(created_at) or rules.today
        if max(last_day or created, created) < cutoff:
            found.append((goal_id, title, last_day, created))
    return sorted(found, key=lambda r: (max(r[2] or r[3], r[3]), r[0]))


def goal_item(row: tuple[int, str, date | None, date], today: date) -> ReviewItem:
    goal_id, title, last, created = row
    if last is None:
        detail = f"no check-in yet · started {days((today - created).days)} ago"
    else:
        detail = f"last check-in {days((today - last).days)} ago ({short_day(last, today)})"
    return ReviewItem(ReviewKind.GOAL_NEEDS_CHECKIN, goal_id, title, detail)


def project_rows(session: Session, rules: QueueRules) -> list[tuple[int, str, date]]:
    """Active projects quiet for ``quiet_days``, quietest first: id, name, last activity."""
    met = (
        select(func.max(Interaction.occurred_on))
        .where(Interaction.project_id == Project.id)
        .scalar_subquery()
    )
    worked = (
        select(latest_of(func.max(as_date(Task.created_at)), func.max(as_date(Task.completed_at))))
        .where(Task.project_id == Project.id)
        .scalar_subquery()
    )
    query = select(Project.id, Project.name, met, worked, Project.created_at).where(
        Project.status == ProjectStatus.ACTIVE.value
    )
    cutoff = rules.today - timedelta(days=rules.quiet_days)
    found = []
    for project_id, name, *moments in session.execute(query):
        last = max(day for day in map(_day, moments) if day is not None)
        if last < cutoff:
            found.append((project_id, name, last))
    return sorted(found, key=lambda r: (r[2], r[0]))


def project_items(
    session: Session, rows: Sequence[tuple[int, str, date]], today: date
) -> list[ReviewItem]:
    members = linked_ids(
        session, ProjectMember.project_id, ProjectMember.contact_id, [r[0] for r in rows]
    )
    return [
        ReviewItem(
            ReviewKind.QUIET_PROJECT,
            project_id,
            name,
            f"quiet for {days((today - last).days)} · last activity {short_day(last, today)}",
            tuple(members[project_id][:MEMBERS_TO_LOG]),
            project_id,
        )
        for project_id, name, last in rows
    ]


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
    for kind in _contact_bands(rules):
        found[kind] = contact_section(session, kind, rules, skip[kind], room[kind])
    for kind in _REQUEST_GROUPS:
        found[kind] = request_section(session, kind, rules, skip[kind], room[kind])
    for kind in (ReviewKind.OVERDUE_TASK, ReviewKind.WAITING_TASK):
        found[kind] = task_section(session, kind, rules, skip[kind], room[kind], me_id)
    goals = [
        r for r in goal_rows(session, rules) if r[0] not in skip[ReviewKind.GOAL_NEEDS_CHECKIN]
    ]
    shown_goals = goals[: room[ReviewKind.GOAL_NEEDS_CHECKIN]]
    found[ReviewKind.GOAL_NEEDS_CHECKIN] = (
        tuple(goal_item(row, rules.today) for row in shown_goals),
        len(goals),
    )
    projects = [
        r for r in project_rows(session, rules) if r[0] not in skip[ReviewKind.QUIET_PROJECT]
    ]
    shown_projects = projects[: room[ReviewKind.QUIET_PROJECT]]
    found[ReviewKind.QUIET_PROJECT] = (
        tuple(project_items(session, shown_projects, rules.today)),
        len(projects),
    )
    return [
        ReviewSection(kind, found[kind][0], max(found[kind][1] - len(found[kind][0]), 0))
        for kind in ReviewKind
    ]


def _not_in(column: Any, ids: Collection[int]) -> list[ColumnElement[bool]]:
    return [column.not_in(sorted(ids))] if ids else []


def _day(value: object) -> date | None:
    """A day from what the engine returns: a date, a datetime, or ISO text (SQLite)."""
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
