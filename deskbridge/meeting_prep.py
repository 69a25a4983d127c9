"""Meeting prep: what to have in mind before sitting down with one or more colleagues.

A brief gathers, for the people met (the "me" contact left out: the brief is about them):

* who they are and where each stands with the keep-in-touch rule;
* the latest interactions with any of them;
* open asks both ways: what the user asked of them that is still open, and answers from
  them not yet thanked for;
* the shared goals behind the work with them: active goals they own, goals served by a live
  project they are members of (the goals they are closest to, listed first), then active
  goals their department is in;
* the live projects they are members of, with their roles;
* the open joint tasks they are assigned to (marked when the user is on them too);
* their notes. These are the user's private notes, which is fine: the brief is for the user
  alone and is never part of the digest.

Every list reads with the indexes the views already use (per person, never a scan of a
100,000-row table) and is capped; the totals say how much more there is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.contacts import contact_record, get_contact
from deskbridge.goals import ACTIVE, Goals
from deskbridge.input_requests import InputRequests, RequestGroup, group_of
from deskbridge.interactions import interaction_records
from deskbridge.keep_in_touch import TouchSchedule, status_on
from deskbridge.projects import LIVE_STATUSES, STATUS_ORDER, MemberRow, ProjectOverview, Projects
from deskbridge.records import (
    ContactRecord,
    GoalRecord,
    InputRequestRecord,
    InteractionRecord,
    TouchStatus,
)
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Contact,
    GoalDepartment,
    Interaction,
    InteractionParticipant,
    Project,
    ProjectMember,
    SharedGoal,
    Task,
    TaskAssignee,
)
from deskbridge.task_list import OPEN_STATUSES, PRIORITY_RANK, TaskRow, task_rows

TOUCHES = 5
"""How many of the latest interactions a brief shows."""
GOALS = 6
TASKS = 10
ASKS = 12


@dataclass(frozen=True)
class PersonBrief:
    """One person met, and where they stand on the day of the brief."""

    contact: ContactRecord
    status: TouchStatus


@dataclass(frozen=True)
class BriefAsk:
    """An ask still open between the user and one of them."""

    request: InputRequestRecord
    group: RequestGroup
    """OPEN or OVERDUE (waiting for their answer), or UNTHANKED (waiting for the user's
    thanks)."""


@dataclass(frozen=True)
class BriefGoal:
    goal: GoalRecord
    reasons: tuple[str, ...]
    """Why the goal is shared with them, e.g. "Ana Lopez owns it", "through Website
    relaunch", "Finance is in it"."""
    close: bool
    """True when one of them owns the goal or works on a project serving it."""


@dataclass(frozen=True)
class BriefProject:
    project: ProjectOverview
    members: tuple[MemberRow, ...]
    """Which of the people met are on the project, with their roles."""


@dataclass(frozen=True)
class BriefTask:
    task: TaskRow
    with_me: bool
    """The user is assigned to it too."""


@dataclass(frozen=True)
class MeetingBrief:
    """Everything :class:`MeetingPrep` gathered; lists are capped, totals are not."""

    prepared_on: date
    people: tuple[PersonBrief, ...]
    touches: tuple[InteractionRecord, ...]
    asks: tuple[BriefAsk, ...]
    asks_total: int
    goals: tuple[BriefGoal, ...]
    goals_total: int
    projects: tuple[BriefProject, ...]
    tasks: tuple[BriefTask, ...]
    tasks_total: int

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return tuple(person.contact.id for person in self.people)

    @property
    def waiting_for_them(self) -> tuple[BriefAsk, ...]:
        """Open asks of them (overdue first, as :attr:`asks` orders them)."""
        return tuple(a for a in self.asks if a.group is not RequestGroup.UNTHANKED)

    @property
    def to_thank(self) -> tuple[BriefAsk, ...]:
        """Answers from them the user has not thanked for yet."""
        return tuple(a for a in self.asks if a.group is RequestGroup.UNTHANKED)


def touch_status(contact: ContactRecord, today: date) -> TouchStatus:
    """Where ``contact`` stands on ``today`` by the keep-in-touch rule (the rule the SQL due
    list follows, applied to one record already read)."""
    return status_on(
        today,
        TouchSchedule(contact.next_touch_on, contact.stale_after_on),
        snoozed_until=contact.snoozed_until,
        archived=contact.archived,
        is_me=contact.is_me,
    )


_ASK_ORDER = {RequestGroup.OVERDUE: 0, RequestGroup.OPEN: 1, RequestGroup.UNTHANKED: 2}


class MeetingPrep:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._requests = InputRequests(db, clock)
        self._goals = Goals(db, clock)
        self._projects = Projects(db, clock)

    def brief(self, contact_ids: Sequence[int], *, today: date | None = None) -> MeetingBrief:
        """The brief for meeting the people ``contact_ids`` (in that order, repeats and the
        "me" contact dropped). NotFoundError for an id that names nobody."""
        day = today or self._clock.today()
        with self._db.reading() as session:
            contacts = [contact_record(get_contact(session, i)) for i in dict.fromkeys(contact_ids)]
            people = [c for c in contacts if not c.is_me]
            ids = [c.id for c in people]
            me_id = session.scalar(select(Contact.id).where(Contact.is_me).limit(1))
            touches = _latest_touches(session, ids)
            tasks, tasks_total = _open_tasks(session, ids, me_id)
        projects = self._projects_of(ids)
        goals, goals_total = self._goals_of(people, projects)
        asks = self._asks(ids, day)
        return MeetingBrief(
            prepared_on=day,
            people=tuple(PersonBrief(c, touch_status(c, day)) for c in people),
            touches=tuple(touches),
            asks=tuple(asks[:ASKS]),
            asks_total=len(asks),
            goals=tuple(goals),
            goals_total=goals_total,
            projects=tuple(projects),
            tasks=tuple(tasks),
            tasks_total=tasks_total,
        )

    def _asks(self, ids: Sequence[int], day: date) -> list[BriefAsk]:
        asks = [
            BriefAsk(request, group_of(request, day))
            for contact_id in ids
            for request in self._requests.for_contact(contact_id)
        ]
        asks = [a for a in asks if a.group in _ASK_ORDER]

        def order(ask: BriefAsk) -> tuple[int, int, int]:
            # Overdue by the oldest deadline; open by the nearest; answers by the newest.
            request = ask.request
            if ask.group is RequestGroup.UNTHANKED:
                key = -(request.answered_on or request.asked_on).toordinal()
            else:
                key = (request.needed_by or date.max).toordinal()
            return _ASK_ORDER[ask.group], key, request.id

        return sorted(asks, key=order)

    def _projects_of(self, ids: Sequence[int]) -> list[BriefProject]:
        # Only the projects they are on are read in full: a person is on a few of them.
        query = (
            select(ProjectMember.project_id)
            .join(Project, Project.id == ProjectMember.project_id)
            .where(ProjectMember.contact_id.in_(ids), Project.status.in_(LIVE_STATUSES))
        )
        with self._db.reading() as session:
            project_ids = set(session.scalars(query))
        wanted = set(ids)
        found = []
        for project_id in project_ids:
            project = self._projects.overview(project_id)
            members = tuple(m for m in project.members if m.contact.id in wanted)
            found.append(BriefProject(project, members))
        # As the projects list orders them: active first, then on hold, proposed; by name.
        return sorted(
            found,
            key=lambda p: (STATUS_ORDER[p.project.status], p.project.name.lower(), p.project.id),
        )

    def _goals_of(
        self, people: Sequence[ContactRecord], projects: Sequence[BriefProject]
    ) -> tuple[list[BriefGoal], int]:
        """The first :data:`GOALS` shared goals, closest first, and how many there are."""
        owners = {c.id: c.full_name for c in people}
        departments = {c.department_id: c.department for c in people if c.department_id}
        serving: dict[int, list[str]] = {}
        for brief in projects:
            for link in brief.project.goals:
                serving.setdefault(link.id, []).append(brief.project.name)
        by_department = select(GoalDepartment.goal_id).where(
            GoalDepartment.department_id.in_(departments)
        )
        query = select(SharedGoal.id, SharedGoal.due_on, SharedGoal.owner_id).where(
            SharedGoal.status == ACTIVE,
            or_(
                SharedGoal.owner_id.in_(owners),
                SharedGoal.id.in_(serving),
                SharedGoal.id.in_(by_department),
            ),
        )
        with self._db.reading() as session:
            candidates = [(i, due, owner) for i, due, owner in session.execute(query)]

        def close(goal_id: int, owner_id: int | None) -> bool:
            return owner_id in owners or goal_id in serving

        # Closest first; then the soonest due (none last), as the goals list orders them.
        ranked = sorted(
            candidates, key=lambda row: (not close(row[0], row[2]), row[1] or date.max, row[0])
        )
        found = []
        for goal_id, _due, owner_id in ranked[:GOALS]:
            goal = self._goals.get(goal_id)
            reasons = [f"{owners[owner_id]} owns it"] if owner_id in owners else []
            reasons += [f"through {name}" for name in serving.get(goal_id, ())]
            reasons += [
                f"{departments[d]} is in it" for d in goal.department_ids if d in departments
            ]
            found.append(BriefGoal(goal, tuple(reasons), close(goal_id, owner_id)))
        return found, len(candidates)


def _latest_touches(session: Session, ids: Sequence[int]) -> list[InteractionRecord]:
    """The newest :data:`TOUCHES` interactions with any of ``ids``: each person's newest few
    through the participant index, merged, so a busy colleague costs no more than a quiet one."""
    newest: dict[int, date] = {}
    for contact_id in ids:
        rows = session.execute(
            select(Interaction.id, Interaction.occurred_on)
            .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
            .where(InteractionParticipant.contact_id == contact_id)
            .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
            .limit(TOUCHES)
        )
        newest.update((interaction_id, day) for interaction_id, day in rows)
    chosen = sorted(newest, key=lambda i: (newest[i], i), reverse=True)[:TOUCHES]
    if not chosen:
        return []
    loaded = {
        i.id: i for i in session.scalars(select(Interaction).where(Interaction.id.in_(chosen)))
    }
    return interaction_records(session, [loaded[i] for i in chosen])


def _open_tasks(
    session: Session, ids: Sequence[int], me_id: int | None
) -> tuple[list[BriefTask], int]:
    """The first :data:`TASKS` open tasks any of ``ids`` is assigned to, soonest due first
    (none last), then by priority; and how many there are in all."""
    if not ids:
        return [], 0
    theirs = select(TaskAssignee.task_id).where(TaskAssignee.contact_id.in_(ids))
    where = (Task.id.in_(theirs), Task.status.in_(OPEN_STATUSES))
    total = int(session.scalar(select(func.count(Task.id)).where(*where)) or 0)
    task_ids = list(
        session.scalars(
            select(Task.id)
            .where(*where)
            .order_by(
                case((Task.due_on.is_(None), 1), else_=0),
                Task.due_on,
                case(PRIORITY_RANK, value=Task.priority, else_=len(PRIORITY_RANK)),
                Task.id,
            )
            .limit(TASKS)
        )
    )
    rows = task_rows(session, task_ids)
    return [BriefTask(row, any(p.id == me_id for p in row.assignees)) for row in rows], total
