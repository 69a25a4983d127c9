"""Joint tasks: work assigned to people in several departments.

Completing a task is a touch with every assignee; reopening it takes that touch back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.keep_in_touch import refresh_contacts
from deskbridge.linked_rows import linked_people
from deskbridge.records import TaskRecord
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Project, Task, TaskAssignee
from deskbridge.store.vocabulary import TaskPriority, TaskStatus
from deskbridge.validation import bounded_text, choice, required_text

DONE = TaskStatus.DONE.value
CANCELLED = TaskStatus.CANCELLED.value
TODO = TaskStatus.TODO.value
OPEN_STATUSES = (TODO, TaskStatus.IN_PROGRESS.value, TaskStatus.BLOCKED.value)
PRIORITY_ORDER = {p.value: n for n, p in enumerate(reversed(TaskPriority))}  # urgent first


def task_status(value: str) -> str:
    return choice("status", value, TaskStatus)


def task_priority(value: str) -> str:
    return choice("priority", value, TaskPriority)


def _records(session: Session, tasks: Sequence[Task]) -> list[TaskRecord]:
    people = linked_people(
        session, TaskAssignee.task_id, TaskAssignee.contact_id, [t.id for t in tasks]
    )
    return [
        TaskRecord(
            id=t.id,
            title=t.title,
            notes=t.notes,
            project_id=t.project_id,
            due_on=t.due_on,
            priority=t.priority,
            status=t.status,
            completed_at=t.completed_at,
            assignees=tuple(people[t.id]),
        )
        for t in tasks
    ]


def _get(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError("task", task_id)
    return task


def _assignee_ids(session: Session, task_id: int) -> set[int]:
    return set(
        session.scalars(select(TaskAssignee.contact_id).where(TaskAssignee.task_id == task_id))
    )


def _checked_contacts(session: Session, contact_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(contact_ids))
    known = set(session.scalars(select(Contact.id).where(Contact.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValidationError("assignees", f"no contact with id {missing[0]}")
    return ids


def _ordered(query: Select[Any]) -> Select[Any]:
    """Open tasks first; then by due day (none last), priority (urgent first) and age."""
    return query.order_by(
        case((Task.status.in_(OPEN_STATUSES), 0), else_=1),
        case((Task.due_on.is_(None), 1), else_=0),
        Task.due_on,
        case(PRIORITY_ORDER, value=Task.priority, else_=len(PRIORITY_ORDER)),
        Task.id,
    )


class Tasks:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def create(
        self,
        title: str,
        *,
        assignee_ids: Iterable[int] = (),
        due_on: date | None = None,
        project_id: int | None = None,
        priority: str = TaskPriority.NORMAL.value,
        notes: str = "",
    ) -> TaskRecord:
        clean_title = required_text("title", title, 300)
        clean_notes = bounded_text("notes", notes, 50_000)
        clean_priority = task_priority(priority)
        with self._db.unit_of_work() as session:
            ids = _checked_contacts(session, assignee_ids)
            if project_id is not None and session.get(Project, project_id) is None:
                raise ValidationError("project", f"no project with id {project_id}")
            task = Task(
                title=clean_title,
                notes=clean_notes,
                project_id=project_id,
                due_on=due_on,
                priority=clean_priority,
                status=TODO,
                completed_at=None,
                created_at=self._clock.now(),
            )
            session.add(task)
            session.flush()
            session.add_all(TaskAssignee(task_id=task.id, contact_id=c) for c in ids)
            session.flush()
            return _records(session, [task])[0]

    def assign(self, task_id: int, contact_ids: Iterable[int]) -> TaskRecord:
        """Add people to the task; those already on it stay."""
        wanted = list(dict.fromkeys(contact_ids))
        if not wanted:
            raise ValidationError("assignees", "name at least one person")
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            ids = _checked_contacts(session, wanted)
            current = _assignee_ids(session, task_id)
            new = [c for c in ids if c not in current]
            session.add_all(TaskAssignee(task_id=task_id, contact_id=c) for c in new)
            session.flush()
            if task.status == DONE:  # a finished task is a touch with its new assignees too
                refresh_contacts(session, set(new))
            return _records(session, [task])[0]

    def unassign(self, task_id: int, contact_id: int) -> TaskRecord:
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            assignee = session.get(TaskAssignee, (task_id, contact_id))
            if assignee is None:
                raise NotFoundError("task assignee", contact_id)
            session.delete(assignee)
            session.flush()
            if task.status == DONE:
                refresh_contacts(session, {contact_id})
            return _records(session, [task])[0]

    def complete(self, task_id: int, *, completed_at: datetime | None = None) -> TaskRecord:
        """Mark an open task done; it counts as a touch with every assignee."""
        moment = self._checked_moment(completed_at)
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            if task.status not in OPEN_STATUSES:
                raise TransitionError(
                    f"The task {task.title!r} is {task.status}; only an open task can be "
                    "completed (reopen it first)."
                )
            task.status = DONE
            task.completed_at = moment
            refresh_contacts(session, _assignee_ids(session, task_id))
            return _records(session, [task])[0]

    def reopen(self, task_id: int) -> TaskRecord:
        """Put a done or cancelled task back to do; a done task's touch is taken back."""
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            if task.status not in (DONE, CANCELLED):
                raise TransitionError(
                    f"The task {task.title!r} is {task.status.replace('_', ' ')}; only a done "
                    "or cancelled task can be reopened."
                )
            was_done = task.status == DONE
            task.status = TODO
            task.completed_at = None
            session.flush()
            if was_done:
                refresh_contacts(session, _assignee_ids(session, task_id))
            return _records(session, [task])[0]

    def set_status(self, task_id: int, status: str) -> TaskRecord:
        """Move a task between to do, in progress, blocked and cancelled; "done" completes it."""
        target = task_status(status)
        if target == DONE:
            return self.complete(task_id)
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            if task.status == DONE:
                raise TransitionError(
                    f"The task {task.title!r} is done; reopen it before changing its status."
                )
            task.status = target
            session.flush()
            return _records(session, [task])[0]

    def get(self, task_id: int) -> TaskRecord:
        with self._db.reading() as session:
            return _records(session, [_get(session, task_id)])[0]

    def mine(self, me_id: int | None) -> list[TaskRecord]:
        """Open tasks assigned to the user (nothing when there is no "me" yet)."""
        if me_id is None:
            return []
        return self.list(assignee_id=me_id, open_only=True)

    def waiting_on_others(self, me_id: int | None) -> list[TaskRecord]:
        """Open tasks with at least one assignee who is not the user."""
        others = select(TaskAssignee.task_id)
        if me_id is not None:
            others = others.where(TaskAssignee.contact_id != me_id)
        return self._read(select(Task).where(Task.status.in_(OPEN_STATUSES), Task.id.in_(others)))

    def overdue(self, today: date | None = None) -> list[TaskRecord]:
        """Open tasks whose due day has passed."""
        day = today or self._clock.today()
        return self._read(select(Task).where(Task.status.in_(OPEN_STATUSES), Task.due_on < day))

    def _read(self, query: Select[Any]) -> list[TaskRecord]:
        with self._db.reading() as session:
            return _records(session, list(session.scalars(_ordered(query))))

    def _checked_moment(self, moment: datetime | None) -> datetime:
        if moment is None:
            return self._clock.now()
        if moment.tzinfo is not None:
            raise ValidationError("completed at", "must be a local time without a time zone")
        if moment > self._clock.now():
            raise ValidationError("completed at", "must not be in the future")
        return moment

    def list(
        self,
        *,
        assignee_id: int | None = None,
        project_id: int | None = None,
        open_only: bool = False,
        limit: int | None = None,
    ) -> list[TaskRecord]:
        query = select(Task)
        if assignee_id is not None:
            query = query.where(
                Task.id.in_(
                    select(TaskAssignee.task_id).where(TaskAssignee.contact_id == assignee_id)
                )
            )
        if project_id is not None:
            query = query.where(Task.project_id == project_id)
        if open_only:
            query = query.where(Task.status.in_(OPEN_STATUSES))
        return self._read(query.limit(limit))
