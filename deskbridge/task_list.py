"""The task list's rows: the four views of joint tasks, filtered and sorted in SQL and read
a page at a time, with the count of every view for its tab.

"Mine" is open tasks assigned to the "me" contact; "waiting on others" is open tasks
assigned to anyone else (with no "me" chosen, every assigned task waits on others);
"overdue" is open tasks due before today; "all" is every task. Showing finished tasks adds
done and cancelled ones to every view but "overdue", which only an open task can be.

Pages are LIMIT/OFFSET pages: the views sort on status, due day and priority together,
which no single index serves, and at the 20,000 tasks the design is built for sorting the
matching ids costs a few milliseconds, so a keyset would buy nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.linked_rows import linked_people
from deskbridge.records import PersonRef
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Project, Task, TaskAssignee
from deskbridge.store.vocabulary import TaskPriority, TaskStatus

PAGE_SIZE = 200
STATUSES = tuple(s.value for s in TaskStatus)
"""Every task status in workflow order (for views, which do not reach into the store)."""
PRIORITIES = tuple(p.value for p in TaskPriority)
"""Every priority, lowest first."""
OPEN_STATUSES = (TaskStatus.TODO.value, TaskStatus.IN_PROGRESS.value, TaskStatus.BLOCKED.value)
PRIORITY_RANK = {p.value: n for n, p in enumerate(reversed(TaskPriority))}  # urgent first
STATUS_RANK = {s.value: n for n, s in enumerate(TaskStatus)}  # workflow order
Query = TypeVar("Query", bound=Select[Any])


class TaskView(StrEnum):
    MINE = "mine"
    WAITING = "waiting"
    OVERDUE = "overdue"
    ALL = "all"


class TaskSort(StrEnum):
    DUE = "due"
    TITLE = "title"
    PRIORITY = "priority"
    PROJECT = "project"
    STATUS = "status"


@dataclass(frozen=True)
class TaskFilter:
    """What the task list shows. ``text`` narrows to tasks whose title, notes or an
    assignee's name holds every word typed; ``project_id`` to one project's tasks."""

    view: TaskView = TaskView.ALL
    include_done: bool = False
    project_id: int | None = None
    text: str = ""


ALL_OPEN_TASKS = TaskFilter()


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    notes: str
    project_id: int | None
    project_name: str | None
    due_on: date | None
    priority: str
    status: str
    completed_at: datetime | None
    assignees: tuple[PersonRef, ...]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class TaskPage:
    rows: tuple[TaskRow, ...]
    next_offset: int | None
    """Pass as ``offset`` for the next page; None when this was the last page."""
    me_id: int | None
    """The "me" contact when the page was read, so a view can mark the user's own tasks."""


def _me_id(session: Session) -> int | None:
    return session.scalar(select(Contact.id).where(Contact.is_me).limit(1))


def _assigned_to(contact_id: int) -> ColumnElement[bool]:
    return Task.id.in_(select(TaskAssignee.task_id).where(TaskAssignee.contact_id == contact_id))


def _waiting_on_others(me_id: int | None) -> ColumnElement[bool]:
    # EXISTS probes one task's assignees by primary key; ``IN (SELECT task_id ...)`` built a
    # list of every assignee but "me" (30,000 at 20,000 tasks) first: the tab counts took
    # 33 ms with it, 24 ms with this (medians, 20,000 tasks).
    others = select(TaskAssignee.task_id).where(TaskAssignee.task_id == Task.id)
    if me_id is not None:
        others = others.where(TaskAssignee.contact_id != me_id)
    return others.exists()


def _is_open() -> ColumnElement[bool]:
    return Task.status.in_(OPEN_STATUSES)


def _overdue(today: date) -> ColumnElement[bool]:
    return and_(_is_open(), Task.due_on < today)


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _narrowed(query: Query, shown: TaskFilter) -> Query:
    """Every condition of ``shown`` except its view."""
    if not shown.include_done:
        query = query.where(_is_open())
    if shown.project_id is not None:
        query = query.where(Task.project_id == shown.project_id)
    for word in shown.text.split():
        pattern = _like(word)
        by_name = select(TaskAssignee.task_id).join(Contact, Contact.id == TaskAssignee.contact_id)
        query = query.where(
            or_(
                Task.title.ilike(pattern, escape="\\"),
                Task.notes.ilike(pattern, escape="\\"),
                Task.id.in_(by_name.where(Contact.full_name.ilike(pattern, escape="\\"))),
            )
        )
    return query


def _mine(me_id: int | None) -> ColumnElement[bool]:
    return _assigned_to(me_id) if me_id is not None else false()


def _in_view(view: TaskView, me_id: int | None, today: date) -> ColumnElement[bool] | None:
    if view == TaskView.MINE:
        return _mine(me_id)
    if view == TaskView.WAITING:
        return _waiting_on_others(me_id)
    if view == TaskView.OVERDUE:
        return _overdue(today)
    return None


def _order(sort: TaskSort, descending: bool) -> list[Any]:
    open_first = case((_is_open(), 0), else_=1)
    no_due_last = case((Task.due_on.is_(None), 1), else_=0)
    priority = case(PRIORITY_RANK, value=Task.priority, else_=len(PRIORITY_RANK))
    by_due: list[Any] = [open_first, no_due_last, Task.due_on.desc() if descending else Task.due_on]
    if sort == TaskSort.DUE:
        return [*by_due, priority, Task.id]
    if sort == TaskSort.TITLE:
        title = func.lower(Task.title)
        return [title.desc() if descending else title, Task.id]
    if sort == TaskSort.PRIORITY:
        return [priority.desc() if descending else priority, *by_due, Task.id]
    if sort == TaskSort.PROJECT:
        name = func.lower(Project.name)
        no_project_last = case((Project.name.is_(None), 1), else_=0)
        return [no_project_last, name.desc() if descending else name, *by_due, Task.id]
    status = case(STATUS_RANK, value=Task.status, else_=len(STATUS_RANK))
    return [status.desc() if descending else status, no_due_last, Task.due_on, Task.id]


def task_rows(session: Session, ids: Sequence[int]) -> list[TaskRow]:
    """The rows for these task ids, in the order given, in three queries."""
    people = linked_people(session, TaskAssignee.task_id, TaskAssignee.contact_id, ids)
    found = {
        task.id: (task, project_name)
        for task, project_name in session.execute(
            select(Task, Project.name)
            .outerjoin(Project, Project.id == Task.project_id)
            .where(Task.id.in_(ids))
        )
    }
    return [
        TaskRow(
            id=task.id,
            title=task.title,
            notes=task.notes,
            project_id=task.project_id,
            project_name=project_name,
            due_on=task.due_on,
            priority=task.priority,
            status=task.status,
            completed_at=task.completed_at,
            assignees=tuple(people[task.id]),
        )
        for task, project_name in (found[i] for i in ids if i in found)
    ]


class TaskList:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def page(
        self,
        shown: TaskFilter = ALL_OPEN_TASKS,
        *,
        sort: TaskSort = TaskSort.DUE,
        descending: bool = False,
        offset: int = 0,
        limit: int = PAGE_SIZE,
        today: date | None = None,
    ) -> TaskPage:
        """Up to ``limit`` tasks of ``shown`` from ``offset`` on, sorted by ``sort`` (then by
        status, due day and priority, open tasks first)."""
        day = today or self._clock.today()
        with self._db.reading() as session:
            me_id = _me_id(session)
            query = _narrowed(
                select(Task.id).outerjoin(Project, Project.id == Task.project_id), shown
            )
            condition = _in_view(shown.view, me_id, day)
            if condition is not None:
                query = query.where(condition)
            query = query.order_by(*_order(sort, descending)).offset(offset).limit(limit + 1)
            ids = list(session.scalars(query))
            more = len(ids) > limit
            rows = task_rows(session, ids[:limit])
        return TaskPage(tuple(rows), offset + limit if more else None, me_id)

    def counts(
        self, shown: TaskFilter = ALL_OPEN_TASKS, *, today: date | None = None
    ) -> dict[TaskView, int]:
        """How many tasks each view would show under ``shown``'s other conditions, in one
        query (its own view is ignored)."""
        day = today or self._clock.today()

        def counted(condition: ColumnElement[bool]) -> Any:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        with self._db.reading() as session:
            me_id = _me_id(session)
            query = _narrowed(
                select(
                    counted(_mine(me_id)),
                    counted(_waiting_on_others(me_id)),
                    counted(_overdue(day)),
                    func.count(),
                ).select_from(Task),
                shown,
            )
            found = session.execute(query).one()
        return {view: int(n) for view, n in zip(TaskView, found, strict=True)}
