"""The work beside the keep-in-touch list on Today: asks past their deadline, answers not
yet thanked for, and open joint tasks due by the end of this week (late ones included).

Each list is the most urgent ``limit`` items plus how many there are in all, read with the
status indexes, so Today costs the same with 30 asks or 30,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.input_requests import RequestGroup, in_group
from deskbridge.linked_rows import linked_people
from deskbridge.records import PersonRef
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Department, InputRequest, Project, Task, TaskAssignee
from deskbridge.task_list import OPEN_STATUSES


@dataclass(frozen=True)
class AskItem:
    """An input request waiting on someone: an answer that is late, or thanks from the user."""

    id: int
    topic: str
    person: PersonRef
    department: str | None
    asked_on: date
    needed_by: date | None
    answered_on: date | None


@dataclass(frozen=True)
class TaskItem:
    id: int
    title: str
    due_on: date
    priority: str
    status: str
    project: str | None
    assignees: tuple[PersonRef, ...]


@dataclass(frozen=True)
class Agenda:
    late_asks: tuple[AskItem, ...]
    late_asks_total: int
    to_thank: tuple[AskItem, ...]
    to_thank_total: int
    tasks: tuple[TaskItem, ...]
    tasks_total: int
    week_ends_on: date


def end_of_week(today: date) -> date:
    """The Sunday of ``today``'s ISO week."""
    return today + timedelta(days=6 - today.weekday())


def _asks(session: Session, query: Select[InputRequest, str, str]) -> list[AskItem]:
    return [
        AskItem(
            id=request.id,
            topic=request.topic,
            person=PersonRef(request.asked_of_id, name),
            department=department,
            asked_on=request.asked_on,
            needed_by=request.needed_by,
            answered_on=request.answered_on,
        )
        for request, name, department in session.execute(query)
    ]


def _ask_query() -> Select[InputRequest, str, str]:
    return (
        select(InputRequest, Contact.full_name, Department.name)
        .join(Contact, Contact.id == InputRequest.asked_of_id)
        .outerjoin(Department, Department.id == Contact.department_id)
    )


def _tasks(session: Session, rows: Sequence[tuple[Task, str | None]]) -> list[TaskItem]:
    people = linked_people(
        session, TaskAssignee.task_id, TaskAssignee.contact_id, [task.id for task, _ in rows]
    )
    return [
        TaskItem(
            id=task.id,
            title=task.title,
            due_on=task.due_on,
            priority=task.priority,
            status=task.status,
            project=project,
            assignees=tuple(people[task.id]),
        )
        for task, project in rows
        if task.due_on is not None
    ]


class TodayAgenda:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def read(self, today: date | None = None, *, limit: int = 100) -> Agenda:
        day = today or self._clock.today()
        week_end = end_of_week(day)
        late = in_group(RequestGroup.OVERDUE, day)
        unthanked = in_group(RequestGroup.UNTHANKED, day)
        due = Task.status.in_(OPEN_STATUSES) & (Task.due_on <= week_end)
        with self._db.reading() as session:
            late_asks = _asks(
                session,
                _ask_query()
                .where(late)
                .order_by(InputRequest.needed_by, InputRequest.id)
                .limit(limit),
            )
            to_thank = _asks(
                session,
                _ask_query()
                .where(unthanked)
                .order_by(InputRequest.answered_on, InputRequest.id)
                .limit(limit),
            )
            task_rows = session.execute(
                select(Task, Project.name)
                .outerjoin(Project, Project.id == Task.project_id)
                .where(due)
                .order_by(Task.due_on, Task.id)
                .limit(limit)
            ).all()
            tasks = _tasks(session, [(task, project) for task, project in task_rows])

            def count(where: ColumnElement[bool]) -> int:
                return session.scalar(select(func.count()).where(where)) or 0

            return Agenda(
                late_asks=tuple(late_asks),
                late_asks_total=count(late),
                to_thank=tuple(to_thank),
                to_thank_total=count(unthanked),
                tasks=tuple(tasks),
                tasks_total=count(due),
                week_ends_on=week_end,
            )
