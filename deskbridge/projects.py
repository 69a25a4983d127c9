"""Silo-breaking projects: who is in them, which departments and goals they serve."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, case, delete, func, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.goals import checked_department_ids
from deskbridge.interactions import interaction_records
from deskbridge.linked_rows import linked_ids
from deskbridge.records import (
    DepartmentRef,
    InteractionRecord,
    MemberRecord,
    PersonRef,
    ProjectRecord,
)
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Contact,
    Department,
    Interaction,
    Project,
    ProjectDepartment,
    ProjectGoal,
    ProjectMember,
    SharedGoal,
)
from deskbridge.store.vocabulary import ProjectStatus
from deskbridge.tasks import TaskProgress, task_progress
from deskbridge.validation import bounded_text, choice, not_before, required_text

S = ProjectStatus
Query = TypeVar("Query", bound=Select[Any])
# Where a project may go from each status; done and cancelled are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.ACTIVE, S.CANCELLED}),
    S.ACTIVE: frozenset({S.ON_HOLD, S.DONE, S.CANCELLED}),
    S.ON_HOLD: frozenset({S.ACTIVE, S.CANCELLED}),
    S.DONE: frozenset(),
    S.CANCELLED: frozenset(),
}
# Every status, in the order of the life cycle (what a UI lists them by).
PROJECT_STATUSES = tuple(s.value for s in ProjectStatus)
# What the "Live" filter shows: work that is going on or may still start.
LIVE_STATUSES = (S.ACTIVE.value, S.ON_HOLD.value, S.PROPOSED.value)
# How lists order statuses: live work first.
STATUS_ORDER = {
    s.value: n for n, s in enumerate((S.ACTIVE, S.ON_HOLD, S.PROPOSED, S.DONE, S.CANCELLED))
}


def project_status(value: str) -> str:
    return choice("status", value, ProjectStatus)


def _label(status: str) -> str:
    return status.replace("_", " ")


def next_statuses(status: str) -> tuple[str, ...]:
    """Where a project in ``status`` may go, in the order a person would consider them."""
    allowed = TRANSITIONS[project_status(status)]
    return tuple(s.value for s in ProjectStatus if s.value in allowed)


@dataclass(frozen=True)
class GoalLink:
    id: int
    title: str
    status: str


@dataclass(frozen=True)
class MemberRow:
    """A member as the project's table shows them: who, from where, in which role."""

    contact: PersonRef
    role: str
    department: str | None
    department_colour: str | None


@dataclass(frozen=True)
class ProjectOverview:
    """A project with the names behind its links, as the projects list and detail show it."""

    id: int
    name: str
    purpose: str
    status: str
    starts_on: date | None
    ends_on: date | None
    departments: tuple[DepartmentRef, ...]
    members: tuple[MemberRow, ...]
    goals: tuple[GoalLink, ...]
    progress: TaskProgress
    """Done tasks out of those not cancelled, as :meth:`Tasks.progress` counts them."""

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return next_statuses(self.status)


def _check_unique_name(session: Session, name: str, project_id: int | None = None) -> None:
    query = select(Project.id).where(func.lower(Project.name) == name.lower())
    if project_id is not None:
        query = query.where(Project.id != project_id)
    if session.scalar(query) is not None:
        raise ValidationError("name", f"a project named {name!r} already exists")


def _records(session: Session, projects: Sequence[Project]) -> list[ProjectRecord]:
    ids = [p.id for p in projects]
    departments = linked_ids(
        session, ProjectDepartment.project_id, ProjectDepartment.department_id, ids
    )
    goals = linked_ids(session, ProjectGoal.project_id, ProjectGoal.goal_id, ids)
    members: dict[int, list[MemberRecord]] = {i: [] for i in ids}
    for project_id, contact_id, name, role in session.execute(
        select(ProjectMember.project_id, Contact.id, Contact.full_name, ProjectMember.role)
        .join(Contact, Contact.id == ProjectMember.contact_id)
        .where(ProjectMember.project_id.in_(ids))
        .order_by(Contact.full_name, Contact.id)
    ):
        members[project_id].append(MemberRecord(PersonRef(contact_id, name), role))
    return [
        ProjectRecord(
            id=p.id,
            name=p.name,
            purpose=p.purpose,
            status=p.status,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            department_ids=tuple(departments[p.id]),
            members=tuple(members[p.id]),
            goal_ids=tuple(goals[p.id]),
        )
        for p in projects
    ]


def _overviews(session: Session, projects: Sequence[Project]) -> list[ProjectOverview]:
    """The projects with their links' names and task counts: five queries for any number."""
    ids = [p.id for p in projects]
    departments: dict[int, list[DepartmentRef]] = {i: [] for i in ids}
    for project_id, department_id, name, colour in session.execute(
        select(ProjectDepartment.project_id, Department.id, Department.name, Department.colour)
        .join(Department, Department.id == ProjectDepartment.department_id)
        .where(ProjectDepartment.project_id.in_(ids))
        .order_by(func.lower(Department.name), Department.id)
    ):
        departments[project_id].append(DepartmentRef(department_id, name, colour))
    members: dict[int, list[MemberRow]] = {i: [] for i in ids}
    for project_id, contact_id, name, role, department, colour in session.execute(
        select(
            ProjectMember.project_id,
            Contact.id,
            Contact.full_name,
            ProjectMember.role,
            Department.name,
            Department.colour,
        )
        .join(Contact, Contact.id == ProjectMember.contact_id)
        .outerjoin(Department, Department.id == Contact.department_id)
        .where(ProjectMember.project_id.in_(ids))
        .order_by(Contact.full_name, Contact.id)
    ):
        members[project_id].append(MemberRow(PersonRef(contact_id, name), role, department, colour))
    goals: dict[int, list[GoalLink]] = {i: [] for i in ids}
    for project_id, goal_id, title, status in session.execute(
        select(ProjectGoal.project_id, SharedGoal.id, SharedGoal.title, SharedGoal.status)
        .join(SharedGoal, SharedGoal.id == ProjectGoal.goal_id)
        .where(ProjectGoal.project_id.in_(ids))
        .order_by(func.lower(SharedGoal.title), SharedGoal.id)
    ):
        goals[project_id].append(GoalLink(goal_id, title, status))
    progress = task_progress(session, ids)
    return [
        ProjectOverview(
            id=p.id,
            name=p.name,
            purpose=p.purpose,
            status=p.status,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            departments=tuple(departments[p.id]),
            members=tuple(members[p.id]),
            goals=tuple(goals[p.id]),
            progress=progress.get(p.id, TaskProgress(0, 0)),
        )
        for p in projects
    ]


def _ordered(query: Query) -> Query:
    """Active projects first, then on hold, proposed, done, cancelled; by name within."""
    return query.order_by(
        case(STATUS_ORDER, value=Project.status, else_=len(STATUS_ORDER)),
        func.lower(Project.name),
        Project.id,
    )


def _get(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError("project", project_id)
    return project


class Projects:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def create(
        self,
        name: str,
        *,
        purpose: str = "",
        status: str = ProjectStatus.PROPOSED.value,
        starts_on: date | None = None,
        ends_on: date | None = None,
        department_ids: Iterable[int] = (),
    ) -> ProjectRecord:
        """Start a project; its name is unique regardless of case."""
        clean_name = required_text("name", name, 200)
        clean_purpose = bounded_text("purpose", purpose, 50_000)
        clean_status = project_status(status)
        not_before("ends on", ends_on, starts_on, "the start")
        with self._db.unit_of_work() as session:
            _check_unique_name(session, clean_name)
            departments = checked_department_ids(session, department_ids)
            project = Project(
                name=clean_name,
                purpose=clean_purpose,
                status=clean_status,
                starts_on=starts_on,
                ends_on=ends_on,
                created_at=self._clock.now(),
            )
            session.add(project)
            session.flush()
            session.add_all(
                ProjectDepartment(project_id=project.id, department_id=d) for d in departments
            )
            session.flush()
            return _records(session, [project])[0]

    def add_member(self, project_id: int, contact_id: int, role: str = "") -> ProjectRecord:
        """Add the contact to the project, or change the role of one already in it."""
        clean_role = bounded_text("role", role, 120)
        with self._db.unit_of_work() as session:
            project = _get(session, project_id)
            if session.get(Contact, contact_id) is None:
                raise ValidationError("member", f"no contact with id {contact_id}")
            member = session.get(ProjectMember, (project_id, contact_id))
            if member is None:
                session.add(
                    ProjectMember(project_id=project_id, contact_id=contact_id, role=clean_role)
                )
            else:
                member.role = clean_role
            session.flush()
            return _records(session, [project])[0]

    def remove_member(self, project_id: int, contact_id: int) -> ProjectRecord:
        with self._db.unit_of_work() as session:
            project = _get(session, project_id)
            member = session.get(ProjectMember, (project_id, contact_id))
            if member is None:
                raise NotFoundError("project member", contact_id)
            session.delete(member)
            session.flush()
            return _records(session, [project])[0]

    def link_goal(self, project_id: int, goal_id: int) -> ProjectRecord:
        """Say that the project serves the shared goal (linking twice changes nothing)."""
        with self._db.unit_of_work() as session:
            project = _get(session, project_id)
            if session.get(SharedGoal, goal_id) is None:
                raise ValidationError("goal", f"no goal with id {goal_id}")
            if session.get(ProjectGoal, (project_id, goal_id)) is None:
                session.add(ProjectGoal(project_id=project_id, goal_id=goal_id))
            session.flush()
            return _records(session, [project])[0]

    def unlink_goal(self, project_id: int, goal_id: int) -> ProjectRecord:
        with self._db.unit_of_work() as session:
            project = _get(session, project_id)
            session.execute(
                delete(ProjectGoal).where(
                    ProjectGoal.project_id == project_id, ProjectGoal.goal_id == goal_id
                )
            )
            return _records(session, [project])[0]

    def set_status(self, project_id: int, status: str) -> ProjectRecord:
        """Move the project along: proposed -> active -> on hold / done, or cancelled."""
        target = project_status(status)
        with self._db.unit_of_work() as session:
            project = _get(session, project_id)
            current = project.status
            allowed = TRANSITIONS[current]
            if target not in allowed:
                if not allowed:
                    reason = f"{_label(current)} is final"
                else:
                    options = " or ".join(_label(s) for s in sorted(allowed))
                    reason = f"from {_label(current)} it can only become {options}"
                raise TransitionError(
                    f"The project {project.name!r} cannot become {_label(target)}: {reason}."
                )
            project.status = target
            session.flush()
            return _records(session, [project])[0]

    def get(self, project_id: int) -> ProjectRecord:
        with self._db.reading() as session:
            return _records(session, [_get(session, project_id)])[0]

    def named(self, name: str) -> ProjectRecord:
        """The project called ``name`` (case-insensitive); ValidationError naming the field."""
        wanted = name.strip()
        with self._db.reading() as session:
            found = session.scalars(
                select(Project).where(func.lower(Project.name) == wanted.lower())
            ).first()
            if found is None:
                raise ValidationError("project", f"there is no project named {wanted!r}")
            return _records(session, [found])[0]

    def update(
        self,
        project_id: int,
        name: str,
        purpose: str,
        starts_on: date | None,
        ends_on: date | None,
        department_ids: Iterable[int],
    ) -> ProjectRecord:
        """Change what the project is; its status moves only through :meth:`set_status`."""
        clean_name = required_text("name", name, 200)
        clean_purpose = bounded_text("purpose", purpose, 50_000)
        not_before("ends on", ends_on, starts_on, "the start")
        with self._db.unit_of_work() as session:
            project = _get(session, project_id)
            _check_unique_name(session, clean_name, project_id)
            wanted = checked_department_ids(session, department_ids)
            project.name = clean_name
            project.purpose = clean_purpose
            project.starts_on = starts_on
            project.ends_on = ends_on
            session.execute(
                delete(ProjectDepartment).where(
                    ProjectDepartment.project_id == project_id,
                    ProjectDepartment.department_id.not_in(wanted),
                )
            )
            kept = set(
                session.scalars(
                    select(ProjectDepartment.department_id).where(
                        ProjectDepartment.project_id == project_id
                    )
                )
            )
            session.add_all(
                ProjectDepartment(project_id=project_id, department_id=d)
                for d in wanted
                if d not in kept
            )
            session.flush()
            return _records(session, [project])[0]

    def delete(self, project_id: int) -> None:
        """Delete the project and its links; its tasks and tagged interactions stay, untagged."""
        with self._db.unit_of_work() as session:
            _get(session, project_id)
            session.execute(delete(Project).where(Project.id == project_id))

    def overviews(self, *, live_only: bool = False) -> list[ProjectOverview]:
        """Every project (or only live ones) with names, member count, goals and progress."""
        query = select(Project)
        if live_only:
            query = query.where(Project.status.in_(LIVE_STATUSES))
        with self._db.reading() as session:
            return _overviews(session, list(session.scalars(_ordered(query))))

    def overview(self, project_id: int) -> ProjectOverview:
        with self._db.reading() as session:
            return _overviews(session, [_get(session, project_id)])[0]

    def interactions(self, project_id: int, limit: int = 50) -> list[InteractionRecord]:
        """The interactions tagged to the project, newest first."""
        with self._db.reading() as session:
            _get(session, project_id)
            found = list(
                session.scalars(
                    select(Interaction)
                    .where(Interaction.project_id == project_id)
                    .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
                    .limit(limit)
                )
            )
            return interaction_records(session, found)

    def list(self, status: str | None = None, *, limit: int | None = None) -> list[ProjectRecord]:
        """Active projects first, then on hold, proposed, done, cancelled; by name within."""
        query = select(Project)
        if status is not None:
            query = query.where(Project.status == project_status(status))
        with self._db.reading() as session:
            return _records(session, list(session.scalars(_ordered(query).limit(limit))))
