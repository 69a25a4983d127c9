"""A shared goal as the domain hands it out (:class:`GoalRecord`), built from ORM goals or
from plain rows, with its check-ins, departments and owner's name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from deskbridge.records import CheckinRecord, DepartmentRef, GoalRecord
from deskbridge.store.models import Contact, Department, GoalCheckin, GoalDepartment, SharedGoal

# What a goal's record is read from, where no ORM object is wanted (the goals list).
GOAL_COLUMNS = (
    SharedGoal.id,
    SharedGoal.title,
    SharedGoal.description,
    SharedGoal.owner_id,
    SharedGoal.metric_name,
    SharedGoal.metric_unit,
    SharedGoal.baseline,
    SharedGoal.target,
    SharedGoal.due_on,
    SharedGoal.status,
    SharedGoal.health,
    SharedGoal.created_at,
)


def goal_records(session: Session, goals: Sequence[SharedGoal]) -> list[GoalRecord]:
    """Records for ``goals`` (check-ins already loaded), in two queries for any number."""
    checkins = {
        g.id: [
            CheckinRecord(id=c.id, checked_on=c.checked_on, value=c.value, note=c.note)
            for c in sorted(g.checkins, key=lambda c: (c.checked_on, c.id))
        ]
        for g in goals
    }
    return _built(session, goals, checkins)


def listed_goals(session: Session, query: Select[*tuple[Any, ...]]) -> list[GoalRecord]:
    """Records for the goals ``query`` selects (:data:`GOAL_COLUMNS`), from plain rows in
    four queries: loading ORM goals and their check-ins took most of the Goals list's read."""
    goals = session.execute(query).all()
    checkins: dict[int, list[CheckinRecord]] = {g.id: [] for g in goals}
    for goal_id, checkin_id, checked_on, value, note in session.execute(
        select(
            GoalCheckin.goal_id,
            GoalCheckin.id,
            GoalCheckin.checked_on,
            GoalCheckin.value,
            GoalCheckin.note,
        )
        .where(GoalCheckin.goal_id.in_(checkins))
        .order_by(GoalCheckin.checked_on, GoalCheckin.id)
    ):
        checkins[goal_id].append(CheckinRecord(checkin_id, checked_on, value, note))
    return _built(session, goals, checkins)


def _built(
    session: Session, goals: Sequence[Any], checkins: dict[int, list[CheckinRecord]]
) -> list[GoalRecord]:
    """Records for ``goals`` (ORM goals or rows of :data:`GOAL_COLUMNS`, which name their
    fields alike) with their check-ins, reading departments and owners' names."""
    ids = [g.id for g in goals]
    departments: dict[int, list[DepartmentRef]] = {i: [] for i in ids}
    for goal_id, department_id, name, colour in session.execute(
        select(GoalDepartment.goal_id, Department.id, Department.name, Department.colour)
        .join(Department, Department.id == GoalDepartment.department_id)
        .where(GoalDepartment.goal_id.in_(ids))
        .order_by(func.lower(Department.name), Department.id)
    ):
        departments[goal_id].append(DepartmentRef(department_id, name, colour))
    owner_ids = {g.owner_id for g in goals if g.owner_id is not None}
    owners: dict[int, str] = {}
    for contact_id, name in session.execute(
        select(Contact.id, Contact.full_name).where(Contact.id.in_(owner_ids))
    ):
        owners[contact_id] = name
    return [
        GoalRecord(
            id=g.id,
            title=g.title,
            description=g.description,
            owner_id=g.owner_id,
            owner_name=owners.get(g.owner_id) if g.owner_id is not None else None,
            metric_name=g.metric_name,
            metric_unit=g.metric_unit,
            baseline=g.baseline,
            target=g.target,
            due_on=g.due_on,
            status=g.status,
            health=g.health,
            created_on=g.created_at.date(),
            departments=tuple(departments[g.id]),
            checkins=tuple(checkins[g.id]),
        )
        for g in goals
    ]
