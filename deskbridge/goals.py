"""Shared goals: a metric several departments move together, its check-ins, and the
projects and people behind it."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session, selectinload

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.goal_records import GOAL_COLUMNS, goal_records, listed_goals
from deskbridge.records import GoalRecord
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Contact,
    Department,
    GoalCheckin,
    GoalDepartment,
    Project,
    ProjectGoal,
    ProjectMember,
    SharedGoal,
)
from deskbridge.store.vocabulary import GoalHealth, GoalStatus
from deskbridge.unchanged import KEEP, Keep
from deskbridge.validation import bounded_text, choice, required_text

ACTIVE = GoalStatus.ACTIVE.value
CLOSED = frozenset(s.value for s in GoalStatus if s is not GoalStatus.ACTIVE)
# An active goal closes one way (achieved, missed or dropped); a closed goal only reopens.
TRANSITIONS: dict[str, frozenset[str]] = {ACTIVE: CLOSED} | {s: frozenset({ACTIVE}) for s in CLOSED}
T = TypeVar("T")


@dataclass(frozen=True)
class LinkedProject:
    """A project that serves the goal."""

    id: int
    name: str
    status: str


@dataclass(frozen=True)
class GoalPerson:
    """Someone behind a goal, and why: its owner, or a member of a project serving it."""

    id: int
    name: str
    department: str | None
    department_colour: str | None
    roles: tuple[str, ...]


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


def distinct_target(target: float, baseline: float) -> float:
    """A target equal to the baseline would be reached before any work: refused."""
    if target == baseline:
        raise ValidationError("target", "must differ from the baseline")
    return target


def checked_department_ids(session: Session, department_ids: Iterable[int]) -> list[int]:
    """The ids, without repeats; ValidationError on field "departments" for an unknown one."""
    ids = list(dict.fromkeys(department_ids))
    known = set(session.scalars(select(Department.id).where(Department.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValidationError("departments", f"no department with id {missing[0]}")
    return ids


def _get(session: Session, goal_id: int) -> SharedGoal:
    goal = session.get(SharedGoal, goal_id, options=[selectinload(SharedGoal.checkins)])
    if goal is None:
        raise NotFoundError("goal", goal_id)
    return goal


def _owner_of(session: Session, goal_id: int) -> int | None:
    """The goal's owner (None: nobody); NotFoundError when there is no such goal."""
    found = session.execute(select(SharedGoal.owner_id).where(SharedGoal.id == goal_id)).first()
    if found is None:
        raise NotFoundError("goal", goal_id)
    owner: int | None = found[0]
    return owner


def _check_owner(session: Session, owner_id: int | None) -> None:
    if owner_id is not None and session.get(Contact, owner_id) is None:
        raise ValidationError("owner", f"no contact with id {owner_id}")


def _require_active(goal: SharedGoal, action: str) -> None:
    if goal.status != ACTIVE:
        raise TransitionError(
            f"The goal {goal.title!r} is {goal.status}; only an active goal {action} "
            "(set it back to active first)."
        )


def _changed(value: T | Keep, current: T) -> T:
    return current if isinstance(value, Keep) else value


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
        clean_baseline = number("baseline", baseline)
        clean_target = distinct_target(number("target", target), clean_baseline)
        clean_health = goal_health(health)
        with self._db.unit_of_work() as session:
            _check_owner(session, owner_id)
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
            return goal_records(session, [goal])[0]

    def update(
        self,
        goal_id: int,
        *,
        title: str | Keep = KEEP,
        description: str | Keep = KEEP,
        owner_id: int | Keep | None = KEEP,
        department_ids: Iterable[int] | Keep = KEEP,
        metric_name: str | Keep = KEEP,
        metric_unit: str | Keep = KEEP,
        baseline: float | Keep = KEEP,
        target: float | Keep = KEEP,
        due_on: date | Keep | None = KEEP,
        health: str | Keep | None = KEEP,
    ) -> GoalRecord:
        """Change what is given and keep the rest; the same checks as :meth:`create`.
        A closed goal can be corrected too: its status is not touched here."""
        with self._db.unit_of_work() as session:
            goal = _get(session, goal_id)
            goal.title = required_text("title", _changed(title, goal.title), 300)
            goal.description = bounded_text(
                "description", _changed(description, goal.description), 50_000
            )
            goal.metric_name = required_text("metric", _changed(metric_name, goal.metric_name), 200)
            goal.metric_unit = bounded_text("unit", _changed(metric_unit, goal.metric_unit), 40)
            goal.baseline = number("baseline", _changed(baseline, goal.baseline))
            goal.target = distinct_target(
                number("target", _changed(target, goal.target)), goal.baseline
            )
            goal.due_on = _changed(due_on, goal.due_on)
            goal.health = goal_health(_changed(health, goal.health))
            if not isinstance(owner_id, Keep):
                _check_owner(session, owner_id)
                goal.owner_id = owner_id
            if not isinstance(department_ids, Keep):
                wanted = checked_department_ids(session, department_ids)
                session.execute(delete(GoalDepartment).where(GoalDepartment.goal_id == goal_id))
                session.add_all(GoalDepartment(goal_id=goal_id, department_id=d) for d in wanted)
            session.flush()
            return goal_records(session, [goal])[0]

    def delete(self, goal_id: int) -> None:
        """Delete the goal with its check-ins; projects that served it stay, unlinked."""
        with self._db.unit_of_work() as session:
            goal = _get(session, goal_id)
            session.execute(delete(ProjectGoal).where(ProjectGoal.goal_id == goal_id))
            session.execute(delete(GoalDepartment).where(GoalDepartment.goal_id == goal_id))
            session.delete(goal)

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
            _require_active(goal, "takes check-ins")
            goal.checkins.append(GoalCheckin(checked_on=day, value=clean_value, note=clean_note))
            session.flush()
            return goal_records(session, [goal])[0]

    def delete_checkin(self, checkin_id: int) -> GoalRecord:
        """Take back a check-in entered by mistake; the goal as it is afterwards."""
        with self._db.unit_of_work() as session:
            checkin = session.get(GoalCheckin, checkin_id)
            if checkin is None:
                raise NotFoundError("check-in", checkin_id)
            goal = _get(session, checkin.goal_id)
            _require_active(goal, "has its check-ins changed")
            goal.checkins.remove(checkin)
            session.flush()
            return goal_records(session, [goal])[0]

    def set_status(self, goal_id: int, status: str) -> GoalRecord:
        """Close an active goal (achieved, missed, dropped) or reopen a closed one."""
        wanted = goal_status(status)
        with self._db.unit_of_work() as session:
            goal = _get(session, goal_id)
            current = goal.status
            if wanted not in TRANSITIONS[current]:
                if wanted == current:
                    reason = f"it is already {current}"
                else:
                    reason = f"it is {current}; set it back to active first"
                raise TransitionError(f"The goal {goal.title!r} cannot become {wanted}: {reason}.")
            goal.status = wanted
            session.flush()
            return goal_records(session, [goal])[0]

    def set_health(self, goal_id: int, health: str | None) -> GoalRecord:
        """How the goal is going (None: not judged)."""
        clean_health = goal_health(health)
        with self._db.unit_of_work() as session:
            goal = _get(session, goal_id)
            goal.health = clean_health
            session.flush()
            return goal_records(session, [goal])[0]

    def get(self, goal_id: int) -> GoalRecord:
        with self._db.reading() as session:
            return goal_records(session, [_get(session, goal_id)])[0]

    def list(self, status: str | None = None, *, limit: int | None = None) -> list[GoalRecord]:
        """Active goals first, then by due date (none last) and title."""
        query = select(*GOAL_COLUMNS)
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
            return listed_goals(session, query)

    def linked_projects(self, goal_id: int) -> tuple[LinkedProject, ...]:
        """The projects that serve the goal, by name."""
        with self._db.reading() as session:
            _owner_of(session, goal_id)
            rows = session.execute(
                select(Project.id, Project.name, Project.status)
                .join(ProjectGoal, ProjectGoal.project_id == Project.id)
                .where(ProjectGoal.goal_id == goal_id)
                .order_by(func.lower(Project.name), Project.id)
            )
            return tuple(LinkedProject(*row) for row in rows)

    def people(self, goal_id: int) -> tuple[GoalPerson, ...]:
        """Who is behind the goal: its owner first, then the members of the projects that
        serve it, by name; each once, with every part they play."""
        with self._db.reading() as session:
            owner_id = _owner_of(session, goal_id)
            roles: dict[int, list[str]] = {}
            if owner_id is not None:
                roles[owner_id] = ["Owner"]
            members = session.execute(
                select(ProjectMember.contact_id, Project.name, ProjectMember.role)
                .join(Project, Project.id == ProjectMember.project_id)
                .join(ProjectGoal, ProjectGoal.project_id == Project.id)
                .where(ProjectGoal.goal_id == goal_id)
                .order_by(func.lower(Project.name), Project.id)
            )
            for contact_id, project, role in members:
                part = f"{role} in {project}" if role else f"Member of {project}"
                roles.setdefault(contact_id, []).append(part)
            if not roles:
                return ()
            found = session.execute(
                select(Contact.id, Contact.full_name, Department.name, Department.colour)
                .outerjoin(Department, Department.id == Contact.department_id)
                .where(Contact.id.in_(roles))
                .order_by(func.lower(Contact.full_name), Contact.id)
            )
            people = [
                GoalPerson(contact_id, name, department, colour, tuple(roles[contact_id]))
                for contact_id, name, department, colour in found
            ]
            # A stable sort: the owner moves to the front, the rest stay by name.
            return tuple(sorted(people, key=lambda p: p.id != owner_id))
