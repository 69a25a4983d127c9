"""The work beside the keep-in-touch list on Today: asks past their deadline, answers not
yet thanked for, and open joint tasks due by the end of this week (late ones included).

Each list is the most urgent ``limit`` items plus how many there are in all, read with the
status indexes, so Today costs the same with 30 asks or 30,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from deskbridge.ask_rows import ask_rows
from deskbridge.clock import Clock
from deskbridge.index_walks import Walk, first_rows
from deskbridge.input_requests import RequestGroup, in_group
from deskbridge.linked_rows import linked_people
from deskbridge.records import PersonRef
from deskbridge.store.database import Database
from deskbridge.store.models import InputRequest, Project, Task, TaskAssignee
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


def _asks(
    session: Session, where: ColumnElement[bool], order: list[Any], limit: int
) -> list[AskItem]:
    query = ask_rows().where(where).order_by(*order).limit(limit)
    return [
        AskItem(
            id=row.id,
            topic=row.topic,
            person=PersonRef(row.asked_of_id, row.full_name),
            department=row.name,
            asked_on=row.asked_on,
            needed_by=row.needed_by,
            answered_on=row.answered_on,
        )
        for row in session.execute(query)
    ]


def _tasks(session: Session, due: Sequence[Walk], limit: int) -> tuple[list[TaskItem], int]:
    details = select(
        Task.id, Task.title, Task.due_on, Task.priority, Task.status, Project.name
    ).outerjoin(Project, Project.id == Task.project_id)
    rows, total = first_rows(session, Task.id, details, [due], limit)
    ids = [row[0] for row in rows]
    people = linked_people(session, TaskAssignee.task_id, TaskAssignee.contact_id, ids)
    items = [
        TaskItem(
            id=task_id,
            title=title,
            due_on=due_on,
            priority=priority,
            status=status,
            project=project,
            assignees=tuple(people[task_id]),
        )
        for task_id, title, due_on, priority, status, project in rows
    ]
    return items, total


class TodayAgenda:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def read(self, today: date | None = None, *, limit: int = 100) -> Agenda:
        day = today or self._clock.today()
        week_end = end_of_week(day)
        late = in_group(RequestGroup.OVERDUE, day)
        unthanked = in_group(RequestGroup.UNTHANKED, day)
        # One walk per open status along the status index: over an IN of them SQLite
        # sorted every open task due this week (~7,000 at the scale demo).
        due = [
            Walk((Task.status == s, Task.due_on <= week_end), (Task.due_on, Task.id))
            for s in OPEN_STATUSES
        ]
        with self._db.reading() as session:
            late_asks = _asks(session, late, [InputRequest.needed_by, InputRequest.id], limit)
            by_answer = [InputRequest.answered_on, InputRequest.id]
            to_thank = _asks(session, unthanked, by_answer, limit)
            tasks, tasks_total = _tasks(session, due, limit)

            def count(where: ColumnElement[bool]) -> int:
                return session.scalar(select(func.count()).where(where)) or 0

            return Agenda(
                late_asks=tuple(late_asks),
                late_asks_total=count(late),
                to_thank=tuple(to_thank),
                to_thank_total=count(unthanked),
                tasks=tuple(tasks),
                tasks_total=tasks_total,
                week_ends_on=week_end,
            )
