"""Departments: the parts of the organisation the user keeps ties with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import false, func, or_, select, true, update
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, ValidationError
from deskbridge.keep_in_touch import DUE_WINDOW_DAYS, refresh_contacts
from deskbridge.month_counts import keeping_month_counts
from deskbridge.records import DepartmentRecord, DepartmentSummary
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Department
from deskbridge.validation import bounded_text, cadence, colour, required_text

# Distinct, readable on light and dark backgrounds; a new department takes the next one.
PALETTE = (
    "#1e88e5", "#43a047", "#e53935", "#8e24aa", "#fb8c00",
    "#00897b", "#6d4c41", "#3949ab", "#c0ca33", "#d81b60",
)  # fmt: skip
UNSET = object()


@dataclass(frozen=True)
class DepartmentOverview:
    """Every department's summary, by name, and how many people are overdue or due in
    all, with or without a department."""

    departments: tuple[DepartmentSummary, ...]
    due_total: int


def department_record(department: Department) -> DepartmentRecord:
    return DepartmentRecord(
        id=department.id,
        name=department.name,
        colour=department.colour,
        cadence_days=department.cadence_days,
        notes=department.notes,
    )


def department_named(session: Session, name: str) -> Department:
    """The department called ``name`` (case-insensitive); ValidationError naming the field."""
    wanted = name.strip()
    found = session.scalars(
        select(Department).where(func.lower(Department.name) == wanted.lower())
    ).first()
    if found is None:
        raise ValidationError("department", f"there is no department named {wanted!r}")
    return found


def _check_unique_name(session: Session, name: str, own_id: int | None = None) -> None:
    clash = session.scalar(select(Department.id).where(func.lower(Department.name) == name.lower()))
    if clash is not None and clash != own_id:
        raise ValidationError("name", f"a department named {name!r} already exists")


class Departments:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def add(
        self,
        name: str,
        *,
        colour_hex: str | None = None,
        cadence_days: int | None = None,
        notes: str = "",
    ) -> DepartmentRecord:
        clean_name = required_text("name", name, 120)
        with self._db.unit_of_work() as session:
            _check_unique_name(session, clean_name)
            count = session.scalar(select(func.count(Department.id))) or 0
            department = Department(
                name=clean_name,
                colour=colour("colour", colour_hex) if colour_hex else PALETTE[count % 10],
                cadence_days=cadence("cadence", cadence_days),
                notes=bounded_text("notes", notes, 10_000),
            )
            session.add(department)
            session.flush()
            return department_record(department)

    def update(
        self,
        department_id: int,
        *,
        name: str | None = None,
        colour_hex: str | None = None,
        cadence_days: int | object | None = UNSET,
        notes: str | None = None,
    ) -> DepartmentRecord:
        """Change the given fields; a new cadence moves every contact that relies on it."""
        with self._db.unit_of_work() as session:
            department = _get(session, department_id)
            if name is not None:
                clean_name = required_text("name", name, 120)
                _check_unique_name(session, clean_name, department_id)
                department.name = clean_name
            if colour_hex is not None:
                department.colour = colour("colour", colour_hex)
            if notes is not None:
                department.notes = bounded_text("notes", notes, 10_000)
            if cadence_days is not UNSET:
                assert cadence_days is None or isinstance(cadence_days, int)
                department.cadence_days = cadence("cadence", cadence_days)
                refresh_contacts(session, _member_ids(session, department_id))
            session.flush()
            return department_record(department)

    def delete(self, department_id: int, *, move_contacts_to: int | None = None) -> None:
        """Delete the department. Its contacts move to ``move_contacts_to`` (a department
        id), or stay without a department when that is None."""
        if move_contacts_to == department_id:
            raise ValidationError("move contacts to", "choose a different department")
        with self._db.unit_of_work() as session:
            department = _get(session, department_id)
            if move_contacts_to is not None:
                _get(session, move_contacts_to)
            members = _member_ids(session, department_id)
            # Its people's meetings now count for the department they move to, or nobody.
            with keeping_month_counts(session, contact_ids=members):
                session.execute(
                    update(Contact)
                    .where(Contact.department_id == department_id)
                    .values(department_id=move_contacts_to)
                )
                session.delete(department)
            refresh_contacts(session, members)

    def summaries(self, today: date | None = None) -> list[DepartmentSummary]:
        """Every department by name, with its active contacts and how many are overdue
        (stale included) or due on ``today``."""
        return list(self.overview(today).departments)

    def overview(self, today: date | None = None) -> DepartmentOverview:
        """:meth:`summaries`, and how many people are overdue or due on ``today`` in all
        (those without a department too): the count KeepInTouch.due_count gives, taken
        from the same index walk rather than a second one (~2.5 ms at 100,000 contacts)."""
        day = today or self._clock.today()
        # Each count is read off an index (~8 ms together at 100,000 contacts, where one
        # pass looking up every contact row took ~250 ms). A department's members are
        # counted by an equality search on the department index, which counts entries
        # without decoding them (~3.5 ms; a GROUP BY over the same index decodes each of
        # them, ~5 ms); the few archived people and "me" are taken off after.
        members = (
            select(func.count())
            .where(Contact.department_id == Department.id)
            .correlate(Department)
            .scalar_subquery()
        )
        departments = select(
            Department.id,
            Department.name,
            Department.colour,
            Department.cadence_days,
            Department.notes,
            members,
        ).order_by(func.lower(Department.name))
        # "+ 0" keeps the planner on the covering reminders index instead of sorting by
        # department.
        department = Contact.department_id + 0
        left_out = (
            select(department, func.count())
            .where(or_(Contact.archived == true(), Contact.is_me == true()))
            .group_by(department)
        )
        # Both figures from one count and one filtered count: a CASE per row cost ~1 ms more.
        reminded = (
            select(department, func.count(), func.count().filter(Contact.next_touch_on < day))
            .where(
                Contact.archived == false(),
                Contact.is_me == false(),
                Contact.next_touch_on <= day + timedelta(days=DUE_WINDOW_DAYS),
                or_(Contact.snoozed_until.is_(None), Contact.snoozed_until <= day),
            )
            .group_by(department)
        )
        with self._db.reading() as session:
            gone = {row[0]: row[1] for row in session.execute(left_out)}
            touches = {row[0]: (row[1], row[2]) for row in session.execute(reminded)}
            rows = session.execute(departments).all()
        summaries: list[DepartmentSummary] = []
        for id_, name, colour_, cadence_days, notes, count in rows:
            near, overdue = touches.get(id_, (0, 0))
            summaries.append(
                DepartmentSummary(
                    id=id_,
                    name=name,
                    colour=colour_,
                    cadence_days=cadence_days,
                    notes=notes,
                    contacts=count - gone.get(id_, 0),
                    overdue=overdue,
                    due=near - overdue,
                )
            )
        due_total = sum(near for near, _ in touches.values())
        return DepartmentOverview(tuple(summaries), due_total)

    def get(self, department_id: int) -> DepartmentRecord:
        with self._db.reading() as session:
            return department_record(_get(session, department_id))

    def named(self, name: str) -> DepartmentRecord:
        with self._db.reading() as session:
            return department_record(department_named(session, name))

    def list(self) -> list[DepartmentRecord]:
        with self._db.reading() as session:
            rows = session.scalars(select(Department).order_by(func.lower(Department.name)))
            return [department_record(row) for row in rows]


def _get(session: Session, department_id: int) -> Department:
    department = session.get(Department, department_id)
    if department is None:
        raise NotFoundError("department", department_id)
    return department


def _member_ids(session: Session, department_id: int) -> set[int]:
    return set(session.scalars(select(Contact.id).where(Contact.department_id == department_id)))
