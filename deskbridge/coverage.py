"""Department coverage: for each department, how well the user is connected there — who they
know, who needs a touch, when they last spoke, what is asked and owed, the goals and projects
they share — and where the tie hangs on one person or on nobody.

Every figure is a grouped query over an index, so the whole page costs a few tens of
milliseconds at 100,000 contacts; the chart's interactions per month are read from counts
the domain keeps per department and month (deskbridge.month_counts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Exists, false, func, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.departments import Departments
from deskbridge.projects import LIVE_STATUSES
from deskbridge.records import PersonRef
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Contact,
    Department,
    DepartmentMonthCount,
    GoalDepartment,
    InputRequest,
    Interaction,
    InteractionParticipant,
    Project,
    ProjectDepartment,
    SharedGoal,
)
from deskbridge.store.vocabulary import GoalStatus, RequestStatus

CHART_MONTHS = 12
# How "last spoken" is found (see Coverage._last_spoken): above this many people, first by
# walking back the newest meetings of the last RECENT_DAYS.
SMALL_DEPARTMENT = 500
RECENT_DAYS = 7


class CoverageWarning(StrEnum):
    NO_CONTACT = "no_contact"
    SINGLE_POINT = "single_point"


@dataclass(frozen=True)
class DepartmentCoverage:
    """One department's ties. ``contacts`` and ``overdue`` count active people other than
    "me" (overdue includes stale, under the keep-in-touch rule). ``open_asks`` are input
    requests still waiting on its people; ``to_thank`` are their answers not yet thanked for.
    ``sole_contact`` is the one person there when there is exactly one."""

    id: int
    name: str
    colour: str
    contacts: int
    overdue: int
    last_spoken: date | None
    open_asks: int
    to_thank: int
    goals: int
    projects: int
    sole_contact: PersonRef | None

    @property
    def warning(self) -> CoverageWarning | None:
        if self.contacts == 0:
            return CoverageWarning.NO_CONTACT
        if self.contacts == 1:
            return CoverageWarning.SINGLE_POINT
        return None


@dataclass(frozen=True)
class DepartmentMonths:
    """How many logged interactions had someone of this department in them, per month."""

    id: int
    name: str
    colour: str
    counts: tuple[int, ...]


@dataclass(frozen=True)
class MonthlyInteractions:
    """``months`` are first days, oldest first; each department's counts line up with them."""

    months: tuple[date, ...]
    departments: tuple[DepartmentMonths, ...]

    @property
    def total(self) -> int:
        """Every count added up: a meeting with two departments in it counts twice."""
        return sum(sum(d.counts) for d in self.departments)


def month_starts(today: date, count: int) -> tuple[date, ...]:
    """The first days of the ``count`` calendar months up to and including today's."""
    index = today.year * 12 + today.month - 1
    return tuple(date(n // 12, n % 12 + 1, 1) for n in range(index - count + 1, index + 1))


def _as_day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _by_department(session: Session, query: Any) -> dict[int, int]:
    return {int(row[0]): int(row[1]) for row in session.execute(query) if row[0] is not None}


class Coverage:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._departments = Departments(db, clock)

    def departments(self, today: date | None = None) -> list[DepartmentCoverage]:
        """Every department by name with its coverage on ``today``."""
        day = today or self._clock.today()
        # Contacts and overdue counts are the Departments view's, read off the reminders index.
        summaries = self._departments.summaries(day)
        with self._db.reading() as session:
            sole = self._sole_contacts(session, [s.id for s in summaries if s.contacts == 1])
            open_asks = self._requests(session, InputRequest.status == RequestStatus.OPEN.value)
            to_thank = self._requests(
                session,
                InputRequest.status == RequestStatus.ANSWERED.value,
                InputRequest.thanked_on.is_(None),
            )
            goals = _by_department(
                session,
                select(GoalDepartment.department_id, func.count())
                .join(SharedGoal, SharedGoal.id == GoalDepartment.goal_id)
                .where(SharedGoal.status == GoalStatus.ACTIVE.value)
                .group_by(GoalDepartment.department_id),
            )
            projects = _by_department(
                session,
                select(ProjectDepartment.department_id, func.count())
                .join(Project, Project.id == ProjectDepartment.project_id)
                .where(Project.status.in_(LIVE_STATUSES))
                .group_by(ProjectDepartment.department_id),
            )
            spoken = self._last_spoken(session, {s.id: s.contacts for s in summaries}, day)
        return [
            DepartmentCoverage(
                id=s.id,
                name=s.name,
                colour=s.colour,
                contacts=s.contacts,
                overdue=s.overdue,
                last_spoken=spoken.get(s.id),
                open_asks=open_asks.get(s.id, 0),
                to_thank=to_thank.get(s.id, 0),
                goals=goals.get(s.id, 0),
                projects=projects.get(s.id, 0),
                sole_contact=sole.get(s.id),
            )
            for s in summaries
        ]

    def monthly_interactions(
        self, today: date | None = None, months: int = CHART_MONTHS
    ) -> MonthlyInteractions:
        """Interactions per department per calendar month, for the ``months`` months up to
        today's. A meeting with two people of one department counts once for it; "me" and
        people without a department count for nobody.

        Read from the counts the domain keeps per department and month (see
        deskbridge.month_counts): a few hundred rows whatever the size of the log."""
        day = today or self._clock.today()
        starts = month_starts(day, months)
        slot = {m: n for n, m in enumerate(starts)}
        query = select(
            DepartmentMonthCount.department_id,
            DepartmentMonthCount.month,
            DepartmentMonthCount.interactions,
        ).where(DepartmentMonthCount.month >= starts[0], DepartmentMonthCount.month <= starts[-1])
        counts: dict[int, list[int]] = defaultdict(lambda: [0] * len(starts))
        with self._db.reading() as session:
            for department_id, month, count in session.execute(query):
                when = _as_day(month)
                assert when is not None  # part of the key
                counts[department_id][slot[when]] += int(count)
            departments = session.execute(
                select(Department.id, Department.name, Department.colour).order_by(
                    func.lower(Department.name)
                )
            ).all()
        return MonthlyInteractions(
            months=starts,
            departments=tuple(
                DepartmentMonths(id, name, colour, tuple(counts.get(id, [0] * len(starts))))
                for id, name, colour in departments
            ),
        )

    # -- the parts -------------------------------------------------------------------------

    @staticmethod
    def _sole_contacts(session: Session, department_ids: Sequence[int]) -> dict[int, PersonRef]:
        if not department_ids:
            return {}
        rows = session.execute(
            select(Contact.department_id, Contact.id, Contact.full_name).where(
                Contact.department_id.in_(department_ids),
                Contact.archived == false(),
                Contact.is_me == false(),
            )
        )
        return {d: PersonRef(i, name) for d, i, name in rows if d is not None}

    @staticmethod
    def _requests(session: Session, *conditions: Any) -> dict[int, int]:
        """Input requests meeting ``conditions`` per department of the person asked,
        archived people included: an ask stays open, an answer stays owed thanks."""
        # Each picks its rows off the status index: a few thousand of the 30,000 requests,
        # where one pass computing both figures (as ReciprocityFigures does) visits them all.
        return _by_department(
            session,
            select(Contact.department_id, func.count())
            .select_from(InputRequest)
            .join(Contact, Contact.id == InputRequest.asked_of_id)
            .where(*conditions)
            .group_by(Contact.department_id),
        )

    @staticmethod
    def _last_spoken(session: Session, people: dict[int, int], today: date) -> dict[int, date]:
        """The newest interaction with anyone of each department (archived people too), for
        departments given as {id: how many active people}.

        A department's own people's meetings answer it at a cost that grows with how often
        they were met: nothing for a small department, tens of milliseconds for one of
        thousands. So for a large one the newest meetings are walked back first until one has
        someone of the department in it, a handful of index steps when it was met this week;
        only when it was not met within RECENT_DAYS do its people's meetings answer."""
        found: dict[int, date] = {}
        for department_id, count in people.items():
            recent = None
            if count > SMALL_DEPARTMENT:
                recent = session.scalar(
                    select(Interaction.occurred_on)
                    .where(
                        Interaction.occurred_on >= today - timedelta(days=RECENT_DAYS),
                        _someone_of(department_id),
                    )
                    .order_by(Interaction.occurred_on.desc())
                    .limit(1)
                )
            if recent is None:
                recent = session.scalar(
                    select(func.max(Interaction.occurred_on))
                    .select_from(Contact)
                    .join(InteractionParticipant, InteractionParticipant.contact_id == Contact.id)
                    .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
                    .where(Contact.department_id == department_id, Contact.is_me == false())
                )
            day = _as_day(recent)
            if day is not None:
                found[department_id] = day
        return found


def _someone_of(department_id: int) -> Exists:
    """True for an interaction with someone of the department (other than "me") in it."""
    return (
        select(InteractionParticipant.interaction_id)
        .join(Contact, Contact.id == InteractionParticipant.contact_id)
        .where(
            InteractionParticipant.interaction_id == Interaction.id,
            Contact.department_id == department_id,
            Contact.is_me == false(),
        )
        .exists()
    )
