"""Joint tasks: work assigned to people in several departments.

Completing a task is a touch with every assignee; reopening it takes that touch back.
Status changes follow one table (see :func:`_transition`): open statuses move freely among
themselves and to cancelled; "done" is reached only from an open status; a done or
cancelled task goes back to an open status by being reopened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, case, delete, func, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.keep_in_touch import refresh_contacts
from deskbridge.linked_rows import linked_people
from deskbridge.records import TaskRecord
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Project, Task, TaskAssignee
from deskbridge.store.vocabulary import TaskPriority, TaskStatus
from deskbridge.task_list import (
    ALL_OPEN_TASKS,
    OPEN_STATUSES,
    TaskFilter,
    TaskList,
    TaskPage,
    TaskSort,
    TaskView,
)
from deskbridge.validation import bounded_text, choice, required_text

DONE = TaskStatus.DONE.value
CANCELLED = TaskStatus.CANCELLED.value
TODO = TaskStatus.TODO.value
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


class TaskProgress(NamedTuple):
    """How far a project's tasks are: done out of all that were not cancelled."""

    done: int
    total: int


def _transition(task: Task, target: str, moment: datetime) -> bool:
    """Put ``task`` in ``target`` status, or raise TransitionError; True when its done-ness
    changed (so its assignees' touches must be re-derived)."""
    current = task.status
    if current == target:
        return False
    name = f"The task {task.title!r}"
    if target == DONE:
        if current not in OPEN_STATUSES:
            raise TransitionError(
                f"{name} is {current}; only an open task can be completed (reopen it first)."
            )
        task.status = DONE
        task.completed_at = moment
        return True
    if current == DONE and target == CANCELLED:
        raise TransitionError(f"{name} is done; reopen it before cancelling it.")
    task.status = target
    task.completed_at = None
    return current == DONE


def _ordered(query: Select[Any]) -> Select[Any]:
    """Open tasks first; then by due day (none last), priority (urgent first) and age."""
    return query.order_by(
        case((Task.status.in_(OPEN_STATUSES), 0), else_=1),
        case((Task.due_on.is_(None), 1), else_=0),
        Task.due_on,
        case(PRIORITY_ORDER, value=Task.priority, else_=len(PRIORITY_ORDER)),
        Task.id,
    )


def task_progress(
    session: Session, project_ids: Sequence[int] | None = None
) -> dict[int, TaskProgress]:
    """Done tasks out of those not cancelled, per project (every project when
    ``project_ids`` is None), in one grouped query; a project with none is left out."""
    query = (
        select(
            Task.project_id,
            func.sum(case((Task.status == DONE, 1), else_=0)),
            func.count(),
        )
        .where(Task.project_id.is_not(None), Task.status != CANCELLED)
        .group_by(Task.project_id)
    )
    if project_ids is not None:
        query = query.where(Task.project_id.in_(project_ids))
    return {
        project_id: TaskProgress(int(done or 0), int(total))
        for project_id, done, total in session.execute(query)
    }


class Tasks:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._list = TaskList(db, clock)

    # -- the task list's views (deskbridge.task_list) --------------------------------------

    def page(
        self,
        shown: TaskFilter = ALL_OPEN_TASKS,
        *,
        sort: TaskSort = TaskSort.DUE,
        descending: bool = False,
        offset: int = 0,
        limit: int | None = None,
        today: date | None = None,
    ) -> TaskPage:
        """A page of the tasks ``shown`` asks for; see :meth:`TaskList.page`."""
        extra: dict[str, int] = {} if limit is None else {"limit": limit}
        return self._list.page(
            shown, sort=sort, descending=descending, offset=offset, today=today, **extra
        )

    def counts(
        self, shown: TaskFilter = ALL_OPEN_TASKS, *, today: date | None = None
    ) -> dict[TaskView, int]:
        """How many tasks each view holds under ``shown``'s other conditions."""
        return self._list.counts(shown, today=today)

    # -- changing tasks --------------------------------------------------------------------

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
            if task.status == DONE:
                raise TransitionError(
                    f"The task {task.title!r} is done already; only an open task can be completed."
                )
            return self._move(session, task, DONE, moment)

    def reopen(self, task_id: int) -> TaskRecord:
        """Put a done or cancelled task back to do; a done task's touch is taken back."""
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            if task.status not in (DONE, CANCELLED):
                raise TransitionError(
                    f"The task {task.title!r} is {task.status.replace('_', ' ')}; only a done "
                    "or cancelled task can be reopened."
                )
            return self._move(session, task, TODO, self._clock.now())

    def set_status(self, task_id: int, status: str) -> TaskRecord:
        """Move a task between to do, in progress, blocked and cancelled; "done" completes it.
        A done task must be reopened first (the board uses :meth:`move`, which does that)."""
        target = task_status(status)
        if target == DONE:
            return self.complete(task_id)
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            if task.status == DONE:
                raise TransitionError(
                    f"The task {task.title!r} is done; reopen it before changing its status."
                )
            return self._move(session, task, target, self._clock.now())

    def move(self, task_id: int, status: str) -> TaskRecord:
        """The board's move: any open status to any other status. To "done" completes the
        task (a touch with its assignees); from "done" to an open status reopens it (the
        touch is taken back) and sets that status; a cancelled task moves to any open status.
        Done to cancelled and cancelled to done are refused (TransitionError); moving to the
        status the task already has changes nothing."""
        target = task_status(status)
        with self._db.unit_of_work() as session:
            return self._move(session, _get(session, task_id), target, self._clock.now())

    def _move(self, session: Session, task: Task, target: str, moment: datetime) -> TaskRecord:
        if _transition(task, target, moment):
            refresh_contacts(session, _assignee_ids(session, task.id))
        session.flush()
        return _records(session, [task])[0]

    def update(
        self,
        task_id: int,
        *,
        title: str,
        notes: str,
        due_on: date | None,
        priority: str,
        project_id: int | None,
        assignee_ids: Iterable[int],
        status: str | None = None,
    ) -> TaskRecord:
        """Replace every field of the task (and, given ``status``, move it as :meth:`move`
        does) in one unit of work. People added to or removed from a done task gain or lose
        its touch."""
        clean_title = required_text("title", title, 300)
        clean_notes = bounded_text("notes", notes, 50_000)
        clean_priority = task_priority(priority)
        target = task_status(status) if status is not None else None
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            ids = _checked_contacts(session, assignee_ids)
            if project_id is not None and session.get(Project, project_id) is None:
                raise ValidationError("project", f"no project with id {project_id}")
            was_done = task.status == DONE
            if target is not None:
                _transition(task, target, self._clock.now())
            task.title = clean_title
            task.notes = clean_notes
            task.due_on = due_on
            task.priority = clean_priority
            task.project_id = project_id
            before = _assignee_ids(session, task_id)
            wanted = set(ids)
            for contact_id in before - wanted:
                link = session.get(TaskAssignee, (task_id, contact_id))
                if link is not None:
                    session.delete(link)
            session.add_all(
                TaskAssignee(task_id=task_id, contact_id=c) for c in ids if c not in before
            )
            session.flush()
            if was_done != (task.status == DONE):
                touched = before | wanted  # the whole touch moved
            elif was_done:
                touched = before ^ wanted  # only the people who came or went
            else:
                touched = set()
            if touched:
                refresh_contacts(session, touched)
            return _records(session, [task])[0]

    def delete(self, task_id: int) -> None:
        """Remove the task; if it was done, its assignees lose the touch it gave them."""
        with self._db.unit_of_work() as session:
            task = _get(session, task_id)
            touched = _assignee_ids(session, task_id) if task.status == DONE else set()
            session.execute(delete(TaskAssignee).where(TaskAssignee.task_id == task_id))
            session.delete(task)
            session.flush()
            if touched:
                refresh_contacts(session, touched)

    def board(self, project_id: int) -> dict[str, list[TaskRecord]]:
        """The project's tasks by status, every status present (in workflow order), each
        column ordered as :meth:`list` orders."""
        columns: dict[str, list[TaskRecord]] = {s.value: [] for s in TaskStatus}
        for task in self.list(project_id=project_id):
            columns[task.status].append(task)
        return columns

    def progress(self, project_id: int) -> TaskProgress:
        """Done tasks out of the project's tasks that were not cancelled."""
        with self._db.reading() as session:
            return task_progress(session, [project_id]).get(project_id, TaskProgress(0, 0))

    def progress_by_project(self) -> dict[int, TaskProgress]:
        """:meth:`progress` for every project with a task that was not cancelled, in one
        grouped query; a project missing from the result has no such task (0 of 0)."""
        with self._db.reading() as session:
            return task_progress(session)

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
