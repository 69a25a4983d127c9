"""Shared goals: a metric several departments move together, and its check-ins."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.linked_rows import linked_ids
from deskbridge.records import CheckinRecord, GoalRecord
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Department, GoalCheckin, GoalDepartment, SharedGoal
from deskbridge.store.vocabulary import GoalHealth, GoalStatus
from deskbridge.validation import bounded_text, choice, required_text

ACTIVE = GoalStatus.ACTIVE.value


def goal_status(value: str) -> str:
    return choice("status", value, GoalStatus)


def goal_health(value: str | None) -> str | None:
    return None if value is None else choice("health", value, GoalHealth)


def number(field: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(field, "must be a number")
    if not math.isfinite(value):
        raise ValidationError(field, "must be a finite number")
    return float(value)


def checked_department_ids(session: Session, department_ids: Iterable[int]) -> list[int]:
    """The ids, without repeats; ValidationError on field "departments" for an unknown one."""
    ids = list(dict.fromkeys(department_ids))
    known = set(session.scalars(select(Department.id).where(Department.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValidationError("departments", f"no department with id {missing[0]}")
    return ids


def _records(session: Session, goals: Sequence[SharedGoal]) -> list[GoalRecord]:
    departments = linked_ids(
        session, GoalDepartment.goal_id, GoalDepartment.department_id, [g.id for g in goals]
    )
    return [
        GoalRecord(
            id=g.id,
            title=g.title,
            description=g.description,
            owner_id=g.owner_id,
            metric_name=g.metric_name,
            metric_unit=g.metric_unit,
            baseline=g.baseline,
            target=g.target,
            due_on=g.due_on,
            status=g.status,
            health=g.health,
            department_ids=tuple(departments[g.id]),
            checkins=tuple(
                CheckinRecord(id=c.id, checked_on=c.checked_on, value=c.value, note=c.note)
                for c in sorted(g.checkins, key=lambda c: (c.checked_on, c.id))
            ),
        )
        for g in goals
    ]


def _get(session: Session, goal_id: int) -> SharedGoal:
    goal = session.get(SharedGoal, goal_id, options=[selectinload(SharedGoal.checkins)])
    if goal is None:
        raise NotFoundError("goal", goal_id)
    return goal


class Goals:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def create(
        self,
        title: str,
        *,
        metric_name: str,
        target: float,
        baseline: float = 0.0,
        metric_unit: str = "",
        due_on: date | None = None,
        owner_id: int | None = None,
        department_ids: Iterable[int] = (),
        description: str = "",
        health: str | None = None,
    ) -> GoalRecord:
        clean_title = required_text("title", title, 300)
        clean_metric = required_text("metric", metric_name, 200)
        clean_unit = bounded_text("unit", metric_unit, 40)
        clean_description = bounded_text("description", description, 50_000)
        clean_target = number("target", target)
        clean_baseline = number("baseline", baseline)
        clean_health = goal_health(health)
        with self._db.unit_of_work() as session:
            if owner_id is not None and session.get(Contact, owner_id) is None:
                raise ValidationError("owner", f"no contact with id {owner_id}")
            departments = checked_department_ids(session, department_ids)
            goal = SharedGoal(
                title=clean_title,
                description=clean_description,
                owner_id=owner_id,
                metric_name=clean_metric,
                metric_unit=clean_unit,
                baseline=clean_baseline,
                target=clean_target,
                due_on=due_on,
                status=ACTIVE,
                health=clean_health,
                created_at=self._clock.now(),
            )
            goal.checkins = []
            session.add(goal)
            session.flush()
            session.add_all(GoalDepartment(goal_id=goal.id, department_id=d) for d in departments)
            session.flush()
            return _records(session, [goal])[0]

    def check_in(
        self, goal_id: int, value: float, *, checked_on: date | None = None, note: str = ""
    ) -> GoalRecord:
        """Record where the metric of an active goal stands on a day."""
        clean_value = number("value", value)
        clean_note = bounded_text("note", note, 10_000)
        day = checked_on or self._clock.today()
        if day > self._clock.today():
            raise ValidationError("checked on", "must not be in the future")
        with self._db.unit_of_work() as session:
            goal = _get(session, goal_id)
            if goal.status != ACTIVE:
                raise TransitionError(
                    f"The goal {goal.title!r} is {goal.status}; only an active goal takes "
                    "check-ins (set it back to active first)."
                )
            goal.checkins.append(GoalCheckin(checked_on=day, value=clean_value, note=clean_note))
            session.flush()
            return _records(session, [goal])[0]

    def set_status(self, goal_id: int, status: str) -> GoalRecord:
        clean_status = goal_status(status)
        with self._db.unit_of_work() as session:
            goal = _get(session, goal_id)
            goal.status = clean_status
            session.flush()
            return _records(session, [goal])[0]

    def set_health(self, goal_id: int, health: str | None) -> GoalRecord:
        """How the goal is going (None: not judged)."""
        clean_health = goal_health(health)
        with self._db.unit_of_work() as session:
            goal = _get(session, goal_id)
            goal.health = clean_health
            session.flush()
            return _records(session, [goal])[0]

    def get(self, goal_id: int) -> GoalRecord:
        with self._db.reading() as session:
            return _records(session, [_get(session, goal_id)])[0]

    def list(self, status: str | None = None, *, limit: int | None = None) -> list[GoalRecord]:
        """Active goals first, then by due date (none last) and title."""
        query = select(SharedGoal).options(selectinload(SharedGoal.checkins))
        if status is not None:
            query = query.where(SharedGoal.status == goal_status(status))
        query = query.order_by(
            case((SharedGoal.status == ACTIVE, 0), else_=1),
            case((SharedGoal.due_on.is_(None), 1), else_=0),
            SharedGoal.due_on,
            func.lower(SharedGoal.title),
            SharedGoal.id,
        ).limit(limit)
        with self._db.reading() as session:
            return _records(session, list(session.scalars(query)))
