"""The weekly digest: an internal newsletter gathered from one ISO week of work.

Only what can be shared leaves the database: names, titles, topics, meeting summaries and
outcomes, answer summaries and figures. Every query names its columns, so no private note
(a contact's, a department's, a meeting's, a task's, a check-in's or a thanks note) is
ever read, let alone shown. Each list is capped with its total beside it, and every slice
is read through a date index, so a busy week at 100,000 contacts stays quick.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from deskbridge.clock import Clock
from deskbridge.digest_records import (
    AnswerReceived,
    DepartmentMeetings,
    Digest,
    GoalDue,
    GoalProgress,
    Highlight,
    ProjectMove,
    ThanksGiven,
    UpcomingAsk,
    UpcomingTask,
    percent,
)
from deskbridge.iso_weeks import IsoWeek
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Contact,
    Department,
    GoalCheckin,
    GoalDepartment,
    InputRequest,
    Interaction,
    InteractionParticipant,
    Project,
    ProjectDepartment,
    SharedGoal,
    Task,
    TaskAssignee,
)
from deskbridge.store.vocabulary import GoalStatus, RequestStatus, TaskStatus
from deskbridge.task_list import OPEN_STATUSES

GOALS_DUE_WITHIN_DAYS = 30
DONE_TITLES_PER_PROJECT = 3
HIGHLIGHTS = 5

__all__ = [
    "AnswerReceived", "DepartmentMeetings", "Digest", "GoalDue", "GoalProgress", "Highlight",
    "IsoWeek", "ProjectMove", "ThanksGiven", "UpcomingAsk", "UpcomingTask", "WeeklyDigest",
]  # fmt: skip


def _between(column: Any, first: date, last: date) -> ColumnElement[bool]:
    return and_(column >= first, column <= last)


def _during(column: Any, week: IsoWeek) -> ColumnElement[bool]:
    """A DateTime column within the week: from Monday 00:00 up to the next Monday."""
    start = datetime.combine(week.starts_on, time())
    return and_(column >= start, column < start + timedelta(days=7))


class WeeklyDigest:
    """Reads the digest of a week."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def this_week(self) -> IsoWeek:
        return IsoWeek.containing(self._clock.today())

    def read(self, week: IsoWeek | str | None = None, *, limit: int = 20) -> Digest:
        """The digest of ``week`` (default: this week); ValidationError for a bad week."""
        shown = IsoWeek.parse(week) if isinstance(week, str) else week or self.this_week()
        with self._db.reading() as session:
            me = session.scalar(select(Contact.id).where(Contact.is_me))
            projects, tasks_done, outside = _projects(session, shown)
            by_department = _by_department(session, shown, me)
            answers, answers_total = _answers(session, shown, limit)
            thanks, thanks_total = _thanks(session, shown, limit)
            goals = _goals(session, shown)
            tasks, tasks_total = _upcoming_tasks(session, shown.next(), limit)
            asks, asks_total = _upcoming_asks(session, shown.next(), limit)
            held = _between(Interaction.occurred_on, shown.starts_on, shown.ends_on)
            return Digest(
                week=shown,
                meetings=session.scalar(select(func.count()).where(held)) or 0,
                departments_met=sum(1 for d in by_department if d.department is not None),
                answers_received=answers_total,
                thanks_given=thanks_total,
                tasks_done=tasks_done,
                projects=projects,
                tasks_done_outside_projects=outside,
                goals=goals[:limit],
                goals_total=len(goals),
                answers=answers,
                thanks=thanks,
                by_department=by_department,
                highlights=_highlights(session, shown, me),
                upcoming_tasks=tasks,
                upcoming_tasks_total=tasks_total,
                upcoming_asks=asks,
                upcoming_asks_total=asks_total,
                goals_due=_goals_due(session, shown),
            )


def _projects(session: Session, week: IsoWeek) -> tuple[tuple[ProjectMove, ...], int, int]:
    """The projects that moved, all joint tasks done, and those done outside any project."""
    done_in_week = (Task.status == TaskStatus.DONE.value) & _during(Task.completed_at, week)
    done: dict[int | None, int] = {}
    for project_id, count in session.execute(
        select(Task.project_id, func.count()).where(done_in_week).group_by(Task.project_id)
    ):
        done[project_id] = count
    meetings: dict[int, int] = {
        project_id: count
        for project_id, count in session.execute(
            select(Interaction.project_id, func.count())
            .where(
                Interaction.project_id.is_not(None),
                _between(Interaction.occurred_on, week.starts_on, week.ends_on),
            )
            .group_by(Interaction.project_id)
        )
        if project_id is not None
    }
    first, last = week.starts_on, week.ends_on
    rows = session.execute(
        select(
            Project.id, Project.name, Project.status, Project.starts_on, Project.ends_on,
            Project.created_at,
        ).where(
            or_(
                Project.id.in_([i for i in done if i is not None] + list(meetings)),
                _during(Project.created_at, week),
                _between(Project.starts_on, first, last),
                _between(Project.ends_on, first, last),
            )
        )
    ).all()  # fmt: skip
    ids = [row.id for row in rows]
    titles = _done_titles(session, ids, done_in_week)
    departments = _department_names(
        session, ProjectDepartment.project_id, ProjectDepartment.department_id, ids
    )
    moves = [
        ProjectMove(
            id=row.id,
            name=row.name,
            status=row.status,
            tasks_done=done.get(row.id, 0),
            meetings=meetings.get(row.id, 0),
            created=first <= row.created_at.date() <= last,
            started=row.starts_on is not None and first <= row.starts_on <= last,
            finished=row.ends_on is not None and first <= row.ends_on <= last,
            done_titles=tuple(titles[row.id]),
            departments=tuple(departments[row.id]),
        )
        for row in rows
    ]
    moves.sort(key=lambda m: (-(m.tasks_done + m.meetings), m.name.lower(), m.id))
    return tuple(moves), sum(done.values()), done.get(None, 0)


def _done_titles(
    session: Session, project_ids: list[int], done_in_week: ColumnElement[bool]
) -> dict[int, list[str]]:
    """The latest few tasks each project finished in the week (one windowed query)."""
    place = (
        func.row_number()
        .over(partition_by=Task.project_id, order_by=(Task.completed_at.desc(), Task.id.desc()))
        .label("place")
    )
    ranked = (
        select(Task.project_id, Task.title, place)
        .where(done_in_week, Task.project_id.in_(project_ids))
        .subquery()
    )
    titles: dict[int, list[str]] = defaultdict(list)
    for project_id, title in session.execute(
        select(ranked.c.project_id, ranked.c.title)
        .where(ranked.c.place <= DONE_TITLES_PER_PROJECT)
        .order_by(ranked.c.project_id, ranked.c.place)
    ):
        titles[project_id].append(title)
    return titles


def _goals(session: Session, week: IsoWeek) -> tuple[GoalProgress, ...]:
    """Active goals that existed by the week's end, with their metric as it stood then. A
    goal entered after its work began exists from its first check-in."""
    end = datetime.combine(week.ends_on + timedelta(days=1), time())
    checked_by_then = (
        select(GoalCheckin.id)
        .where(GoalCheckin.goal_id == SharedGoal.id, GoalCheckin.checked_on <= week.ends_on)
        .exists()
    )
    goals = session.execute(
        select(
            SharedGoal.id, SharedGoal.title, SharedGoal.metric_name, SharedGoal.metric_unit,
            SharedGoal.baseline, SharedGoal.target, SharedGoal.due_on,
        ).where(
            SharedGoal.status == GoalStatus.ACTIVE.value,
            or_(SharedGoal.created_at < end, checked_by_then),
        )
    ).all()  # fmt: skip
    ids = [g.id for g in goals]
    checkins: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for goal_id, checked_on, value in session.execute(
        select(GoalCheckin.goal_id, GoalCheckin.checked_on, GoalCheckin.value)
        .where(GoalCheckin.goal_id.in_(ids), GoalCheckin.checked_on <= week.ends_on)
        .order_by(GoalCheckin.goal_id, GoalCheckin.checked_on, GoalCheckin.id)
    ):
        checkins[goal_id].append((checked_on, value))
    departments = _department_names(
        session, GoalDepartment.goal_id, GoalDepartment.department_id, ids
    )
    found = []
    for goal in goals:
        before = [v for day, v in checkins[goal.id] if day < week.starts_on]
        during = [v for day, v in checkins[goal.id] if day >= week.starts_on]
        start_value = before[-1] if before else goal.baseline
        value = during[-1] if during else start_value
        found.append(
            GoalProgress(
                id=goal.id,
                title=goal.title,
                metric_name=goal.metric_name,
                metric_unit=goal.metric_unit,
                baseline=goal.baseline,
                target=goal.target,
                value=value,
                percent=percent(value, goal.baseline, goal.target),
                checkins_this_week=len(during),
                change_this_week=value - start_value if during else None,
                due_on=goal.due_on,
                departments=tuple(departments[goal.id]),
            )
        )
    # Goals that moved this week lead; then the soonest due.
    found.sort(
        key=lambda g: (-g.checkins_this_week, g.due_on is None, g.due_on or date.max, g.title)
    )
    return tuple(found)


def _department_names(
    session: Session,
    owner: QueryableAttribute[int],
    department: QueryableAttribute[int],
    owner_ids: list[int],
) -> dict[int, list[str]]:
    """For each id in ``owner_ids``, the names of the departments its link table pairs it
    with, A to Z; an id with none reads as an empty list."""
    departments: dict[int, list[str]] = defaultdict(list)
    for owner_id, name in session.execute(
        select(owner, Department.name)
        .join(Department, Department.id == department)
        .where(owner.in_(owner_ids))
        .order_by(func.lower(Department.name))
    ):
        departments[owner_id].append(name)
    return departments


def _asked_people() -> Any:
    return select(
        InputRequest.id, Contact.full_name, Department.name, InputRequest.topic
    ).join(Contact, Contact.id == InputRequest.asked_of_id).outerjoin(
        Department, Department.id == Contact.department_id
    )  # fmt: skip


def _answers(session: Session, week: IsoWeek, limit: int) -> tuple[tuple[AnswerReceived, ...], int]:
    # An answered day implies the answered status (a CHECK constraint): filtering on the
    # day alone reads a week's answers quicker than walking every answered request.
    in_week = _between(InputRequest.answered_on, week.starts_on, week.ends_on)
    rows = session.execute(
        _asked_people()
        .add_columns(InputRequest.answer_summary, InputRequest.answered_on)
        .where(in_week)
        .order_by(InputRequest.answered_on.desc(), InputRequest.id.desc())
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).where(in_week)) or 0
    return tuple(AnswerReceived(*row) for row in rows), total


def _thanks(session: Session, week: IsoWeek, limit: int) -> tuple[tuple[ThanksGiven, ...], int]:
    in_week = _between(InputRequest.thanked_on, week.starts_on, week.ends_on)
    rows = session.execute(
        _asked_people()
        .add_columns(InputRequest.thanked_on)
        .where(in_week)
        .order_by(InputRequest.thanked_on.desc(), InputRequest.id.desc())
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).where(in_week)) or 0
    return tuple(ThanksGiven(*row) for row in rows), total


def _by_department(
    session: Session, week: IsoWeek, me: int | None
) -> tuple[DepartmentMeetings, ...]:
    """Meetings and people met per department; the user's own presence does not count."""
    counts = (
        select(
            Contact.department_id.label("department_id"),
            func.count(func.distinct(InteractionParticipant.interaction_id)).label("meetings"),
            func.count(func.distinct(InteractionParticipant.contact_id)).label("people"),
        )
        .select_from(Interaction)
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .join(Contact, Contact.id == InteractionParticipant.contact_id)
        .where(_between(Interaction.occurred_on, week.starts_on, week.ends_on))
        .group_by(Contact.department_id)
    )
    if me is not None:
        counts = counts.where(InteractionParticipant.contact_id != me)
    grouped = counts.subquery()
    rows = session.execute(
        select(Department.name, Department.colour, grouped.c.meetings, grouped.c.people)
        .select_from(grouped)
        .outerjoin(Department, Department.id == grouped.c.department_id)
    ).all()
    found = [DepartmentMeetings(*row) for row in rows]
    found.sort(key=lambda d: (-d.meetings, d.department is None, (d.department or "").lower()))
    return tuple(found)


def _highlights(session: Session, week: IsoWeek, me: int | None) -> tuple[Highlight, ...]:
    rows = session.execute(
        select(
            Interaction.id, Interaction.occurred_on, Interaction.kind, Interaction.summary,
            Interaction.outcome,
        )
        .where(
            _between(Interaction.occurred_on, week.starts_on, week.ends_on),
            func.length(func.trim(Interaction.outcome)) > 0,
        )
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(HIGHLIGHTS)
    ).all()  # fmt: skip
    people: dict[int, list[str]] = defaultdict(list)
    names = (
        select(InteractionParticipant.interaction_id, Contact.full_name)
        .join(Contact, Contact.id == InteractionParticipant.contact_id)
        .where(InteractionParticipant.interaction_id.in_([row.id for row in rows]))
        .order_by(Contact.full_name, Contact.id)
    )
    if me is not None:
        names = names.where(Contact.id != me)
    for interaction_id, name in session.execute(names):
        people[interaction_id].append(name)
    return tuple(
        Highlight(row.id, row.occurred_on, row.kind, row.summary, row.outcome.strip(),
                  tuple(people[row.id]))
        for row in rows
    )  # fmt: skip


def _upcoming_tasks(
    session: Session, week: IsoWeek, limit: int
) -> tuple[tuple[UpcomingTask, ...], int]:
    due = Task.status.in_(OPEN_STATUSES) & _between(Task.due_on, week.starts_on, week.ends_on)
    rows = session.execute(
        select(Task.id, Task.title, Task.due_on, Project.name)
        .outerjoin(Project, Project.id == Task.project_id)
        .where(due)
        .order_by(Task.due_on, Task.id)
        .limit(limit)
    ).all()
    assignees: dict[int, list[str]] = defaultdict(list)
    for task_id, name in session.execute(
        select(TaskAssignee.task_id, Contact.full_name)
        .join(Contact, Contact.id == TaskAssignee.contact_id)
        .where(TaskAssignee.task_id.in_([row.id for row in rows]))
        .order_by(Contact.full_name, Contact.id)
    ):
        assignees[task_id].append(name)
    total = session.scalar(select(func.count()).where(due)) or 0
    return tuple(
        UpcomingTask(row.id, row.title, row.due_on, row.name, tuple(assignees[row.id]))
        for row in rows
    ), total


def _upcoming_asks(
    session: Session, week: IsoWeek, limit: int
) -> tuple[tuple[UpcomingAsk, ...], int]:
    due = (InputRequest.status == RequestStatus.OPEN.value) & _between(
        InputRequest.needed_by, week.starts_on, week.ends_on
    )
    rows = session.execute(
        _asked_people()
        .add_columns(InputRequest.needed_by)
        .where(due)
        .order_by(InputRequest.needed_by, InputRequest.id)
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).where(due)) or 0
    return tuple(
        UpcomingAsk(id=row[0], person=row[1], department=row[2], topic=row[3], needed_by=row[4])
        for row in rows
    ), total


def _goals_due(session: Session, week: IsoWeek) -> tuple[GoalDue, ...]:
    """Active goals due within a month after the week, with their latest progress."""
    first = week.ends_on + timedelta(days=1)
    last = week.ends_on + timedelta(days=GOALS_DUE_WITHIN_DAYS)
    goals = session.execute(
        select(SharedGoal.id, SharedGoal.title, SharedGoal.due_on, SharedGoal.baseline,
               SharedGoal.target)
        .where(SharedGoal.status == GoalStatus.ACTIVE.value,
               _between(SharedGoal.due_on, first, last))
        .order_by(SharedGoal.due_on, SharedGoal.id)
    ).all()  # fmt: skip
    latest: dict[int, float] = {}
    for goal_id, value in session.execute(
        select(GoalCheckin.goal_id, GoalCheckin.value)
        .where(GoalCheckin.goal_id.in_([g.id for g in goals]))
        .where(GoalCheckin.checked_on <= week.ends_on)
        .order_by(GoalCheckin.goal_id, GoalCheckin.checked_on, GoalCheckin.id)
    ):
        latest[goal_id] = value
    return tuple(
        GoalDue(g.id, g.title, g.due_on, percent(value, g.baseline, g.target))
        for g in goals
        for value in [latest.get(g.id, g.baseline)]
    )
