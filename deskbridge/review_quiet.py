"""The weekly review's goals and projects gone quiet: active goals with no check-in (nor
creation) in the last N days, and active projects with no interaction, task created or
task completed (nor their own creation) in the last N days.

There are tens of each, so they are read whole and picked in Python; each one's latest
day is a lookup in an index that leads with its goal or project.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from deskbridge.linked_rows import linked_ids
from deskbridge.review_items import (
    MEMBERS_TO_LOG,
    QueueRules,
    ReviewItem,
    ReviewKind,
    days,
    short_day,
)
from deskbridge.store.models import (
    GoalCheckin,
    Interaction,
    Project,
    ProjectMember,
    SharedGoal,
    Task,
)
from deskbridge.store.vocabulary import GoalStatus, ProjectStatus

Section = tuple[tuple[ReviewItem, ...], int]


def goal_rows(session: Session, rules: QueueRules) -> list[tuple[int, str, date | None, date]]:
    """Active goals quiet for ``checkin_days``, quietest first: id, title, last check-in,
    created on. A goal younger than that needs no check-in yet."""
    last = (
        select(func.max(GoalCheckin.checked_on))
        .where(GoalCheckin.goal_id == SharedGoal.id)
        .scalar_subquery()
    )
    query = select(SharedGoal.id, SharedGoal.title, last, SharedGoal.created_at).where(
        SharedGoal.status == GoalStatus.ACTIVE.value
    )
    cutoff = rules.today - timedelta(days=rules.checkin_days)
    found = []
    for goal_id, title, checked, created_at in session.execute(query):
        last_day, created = _day(checked), _day(created_at) or rules.today
        if max(last_day or created, created) < cutoff:
            found.append((goal_id, title, last_day, created))
    return sorted(found, key=lambda r: (max(r[2] or r[3], r[3]), r[0]))


def goal_item(row: tuple[int, str, date | None, date], today: date) -> ReviewItem:
    goal_id, title, last, created = row
    if last is None:
        detail = f"no check-in yet · started {days((today - created).days)} ago"
    else:
        detail = f"last check-in {days((today - last).days)} ago ({short_day(last, today)})"
    return ReviewItem(ReviewKind.GOAL_NEEDS_CHECKIN, goal_id, title, detail)


def project_rows(session: Session, rules: QueueRules) -> list[tuple[int, str, date]]:
    """Active projects quiet for ``quiet_days``, quietest first: id, name, last activity."""
    # One bare max per subquery: SQLite then reads it off the end of the index's range
    # for the project (0006); a max of a date() of each, or two maxes at once, read
    # every task of the project.
    met = select(func.max(Interaction.occurred_on)).where(Interaction.project_id == Project.id)
    created = select(func.max(Task.created_at)).where(Task.project_id == Project.id)
    completed = select(func.max(Task.completed_at)).where(Task.project_id == Project.id)
    query = select(
        Project.id,
        Project.name,
        met.scalar_subquery(),
        created.scalar_subquery(),
        completed.scalar_subquery(),
        Project.created_at,
    ).where(Project.status == ProjectStatus.ACTIVE.value)
    cutoff = rules.today - timedelta(days=rules.quiet_days)
    found = []
    for project_id, name, *moments in session.execute(query):
        last = max(day for day in map(_day, moments) if day is not None)
        if last < cutoff:
            found.append((project_id, name, last))
    return sorted(found, key=lambda r: (r[2], r[0]))


def project_items(
    session: Session, rows: Sequence[tuple[int, str, date]], today: date
) -> list[ReviewItem]:
    if not rows:
        return []
    members = linked_ids(
        session, ProjectMember.project_id, ProjectMember.contact_id, [r[0] for r in rows]
    )
    return [
        ReviewItem(
            ReviewKind.QUIET_PROJECT,
            project_id,
            name,
            f"quiet for {days((today - last).days)} · last activity {short_day(last, today)}",
            tuple(members[project_id][:MEMBERS_TO_LOG]),
            project_id,
        )
        for project_id, name, last in rows
    ]


def goal_section(session: Session, rules: QueueRules, skip: Collection[int], room: int) -> Section:
    goals = [row for row in goal_rows(session, rules) if row[0] not in skip]
    return tuple(goal_item(row, rules.today) for row in goals[:room]), len(goals)


def project_section(
    session: Session, rules: QueueRules, skip: Collection[int], room: int
) -> Section:
    projects = [row for row in project_rows(session, rules) if row[0] not in skip]
    return tuple(project_items(session, projects[:room], rules.today)), len(projects)


def _day(value: object) -> date | None:
    """A day from what the engine returns: a date, a datetime, or ISO text (SQLite)."""
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
