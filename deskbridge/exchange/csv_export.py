"""CSV exports, one kind of thing per file, safe to open in a spreadsheet.

A header row of readable column names, one row per thing, several values in one cell
joined with "; ", dates in ISO form. Every cell goes through :func:`safe_cell`, so a
spreadsheet never runs a cell as a formula (CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import IO, Any

from sqlalchemy import Connection, func, select

from deskbridge.exchange.streamed_rows import (
    AnyRow,
    count,
    grouped,
    keyset_batches,
    stream_contacts,
    table_of,
)
from deskbridge.progress import Progress
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Contact,
    Department,
    GoalCheckin,
    GoalDepartment,
    InputRequest,
    Interaction,
    InteractionParticipant,
    Project,
    ProjectDepartment,
    ProjectGoal,
    ProjectMember,
    SharedGoal,
    Task,
    TaskAssignee,
)

SEPARATOR = "; "
# What a spreadsheet may take for the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """``value`` as CSV cell text: dates ISO, booleans yes/no, None empty; text a
    spreadsheet would read as a formula (starting with = + - @ tab or CR, negative
    numbers included) gets a leading apostrophe, which spreadsheets show as text."""
    if type(value) is str:  # most cells: checked before anything else
        text = value
    elif value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ", timespec="seconds")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, StrEnum):
        text = value.value
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def joined(values: Iterable[object]) -> str:
    return SEPARATOR.join(str(value) for value in values)


def readable(value: str | None) -> str:
    """A vocabulary value as people write it: "in_progress" -> "in progress"."""
    return "" if value is None else value.replace("_", " ")


def distinct(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


Cells = Sequence[object]
RowSource = Callable[[Connection, Sequence[int] | None, Progress], Iterator[Cells]]


def write_csv(
    db: Database, stream: IO[str], what: str, ids: Sequence[int] | None, progress: Progress
) -> int:
    """Write the ``what`` sheet (one of EXPORTABLE) to ``stream``; returns the rows written.
    ``ids`` limits a contacts sheet to those contacts."""
    headers, source = SHEETS[what]
    writer = csv.writer(stream, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(map(safe_cell, headers))
    written = 0
    # One read transaction: the sheet is one consistent snapshot.
    with db.reading() as session:
        for cells in source(session.connection(), ids, progress):
            writer.writerow(map(safe_cell, cells))
            written += 1
    return written


def _contacts(
    connection: Connection, ids: Sequence[int] | None, progress: Progress
) -> Iterator[Cells]:
    for contact in stream_contacts(connection, ids, progress):
        yield (
            contact.id, contact.full_name, contact.department, contact.role,
            joined(address for address, _ in contact.emails),
            joined(number for number, _ in contact.phones),
            contact.location, contact.strengths, contact.notes, joined(contact.tags),
            contact.cadence_days, contact.added_on, contact.last_touch_on,
            contact.next_touch_on, contact.snoozed_until, contact.archived, contact.is_me,
        )  # fmt: skip


def _departments(
    connection: Connection, _: Sequence[int] | None, progress: Progress
) -> Iterator[Cells]:
    departments, contacts = table_of(Department), table_of(Contact)
    members: dict[int | None, int] = dict(
        connection.execute(
            select(contacts.c.department_id, func.count()).group_by(contacts.c.department_id)
        ).all()
    )
    d = departments.c
    query = select(d.id, d.name, d.colour, d.cadence_days, d.notes)
    for batch in keyset_batches(
        connection, query, d.id, None, progress, count(connection, departments)
    ):
        for row in batch:
            yield (
                row.id,
                row.name,
                row.colour,
                row.cadence_days,
                members.get(row.id, 0),
                row.notes,
            )


def _people(link: Any, owner: Any) -> Any:
    """Names and departments of the people on a link table, by owner, then name."""
    contacts, departments = table_of(Contact), table_of(Department)
    return (
        select(owner, contacts.c.full_name, departments.c.name)
        .select_from(
            link.join(contacts, contacts.c.id == link.c.contact_id).outerjoin(
                departments, departments.c.id == contacts.c.department_id
            )
        )
        .order_by(owner, contacts.c.full_name, contacts.c.id)
    )


def _names(rows: Sequence[AnyRow]) -> str:
    return joined(row[1] for row in rows)


def _department_names(rows: Sequence[AnyRow]) -> str:
    return joined(distinct(row[2] for row in rows))


def _interactions(
    connection: Connection, _: Sequence[int] | None, progress: Progress
) -> Iterator[Cells]:
    interactions, projects = table_of(Interaction), table_of(Project)
    link = table_of(InteractionParticipant)
    i = interactions.c
    query = select(
        i.id,
        i.occurred_on,
        i.kind,
        i.summary,
        projects.c.name.label("project"),
        i.outcome,
        i.notes,
    ).select_from(interactions.outerjoin(projects, projects.c.id == i.project_id))
    people = _people(link, link.c.interaction_id)
    total = count(connection, interactions)
    for batch in keyset_batches(connection, query, i.id, None, progress, total):
        by_id = grouped(connection, people, link.c.interaction_id, batch, shape=lambda r: r)
        for row in batch:
            who = by_id.get(row.id, [])
            yield (
                row.id, row.occurred_on, row.kind, row.summary, _names(who),
                _department_names(who), row.project, row.outcome, row.notes,
            )  # fmt: skip


def _requests(
    connection: Connection, _: Sequence[int] | None, progress: Progress
) -> Iterator[Cells]:
    requests, contacts, departments = (
        table_of(InputRequest),
        table_of(Contact),
        table_of(Department),
    )
    r = requests.c
    query = select(
        r.id, r.topic, contacts.c.full_name, departments.c.name.label("department"),
        r.question, r.asked_on, r.needed_by, r.status, r.answer_summary, r.answered_on,
        r.thanked_on, r.thanks_note,
    ).select_from(
        requests.join(contacts, contacts.c.id == r.asked_of_id).outerjoin(
            departments, departments.c.id == contacts.c.department_id
        )
    )  # fmt: skip
    for batch in keyset_batches(
        connection, query, r.id, None, progress, count(connection, requests)
    ):
        for row in batch:
            yield (*row[:7], readable(row.status), *row[8:])


def _goals(connection: Connection, _: Sequence[int] | None, progress: Progress) -> Iterator[Cells]:
    goals, contacts, departments = table_of(SharedGoal), table_of(Contact), table_of(Department)
    link, checkins = table_of(GoalDepartment), table_of(GoalCheckin)
    g = goals.c
    query = select(
        g.id, g.title, g.description, contacts.c.full_name.label("owner"), g.metric_name,
        g.metric_unit, g.baseline, g.target, g.due_on, g.status, g.health,
    ).select_from(goals.outerjoin(contacts, contacts.c.id == g.owner_id))  # fmt: skip
    involved = (
        select(link.c.goal_id, departments.c.name)
        .select_from(link.join(departments, departments.c.id == link.c.department_id))
        .order_by(link.c.goal_id, departments.c.name)
    )
    progress_made = select(checkins.c.goal_id, checkins.c.value, checkins.c.checked_on).order_by(
        checkins.c.goal_id, checkins.c.checked_on, checkins.c.id
    )
    for batch in keyset_batches(connection, query, g.id, None, progress, count(connection, goals)):
        by_department = grouped(connection, involved, link.c.goal_id, batch)
        by_checkin = grouped(
            connection, progress_made, checkins.c.goal_id, batch, shape=lambda r: r
        )
        for row in batch:
            latest = by_checkin.get(row.id, [None])[-1]
            yield (
                row.id, row.title, row.description, row.owner,
                joined(by_department.get(row.id, ())), row.metric_name, row.metric_unit,
                row.baseline, row.target, latest[1] if latest else None,
                latest[2] if latest else None, row.due_on, readable(row.status),
                readable(row.health),
            )  # fmt: skip


def _projects(
    connection: Connection, _: Sequence[int] | None, progress: Progress
) -> Iterator[Cells]:
    projects, departments, goals = table_of(Project), table_of(Department), table_of(SharedGoal)
    in_department, members, linked = (
        table_of(ProjectDepartment), table_of(ProjectMember), table_of(ProjectGoal),
    )  # fmt: skip
    p = projects.c
    query = select(p.id, p.name, p.purpose, p.status, p.starts_on, p.ends_on)
    involved = (
        select(in_department.c.project_id, departments.c.name)
        .select_from(
            in_department.join(departments, departments.c.id == in_department.c.department_id)
        )
        .order_by(in_department.c.project_id, departments.c.name)
    )
    people = _people(members, members.c.project_id).add_columns(members.c.role)
    goal_titles = (
        select(linked.c.project_id, goals.c.title)
        .select_from(linked.join(goals, goals.c.id == linked.c.goal_id))
        .order_by(linked.c.project_id, goals.c.title)
    )

    def member(row: AnyRow) -> str:
        return f"{row[1]} ({row[3]})" if row[3] else str(row[1])

    for batch in keyset_batches(
        connection, query, p.id, None, progress, count(connection, projects)
    ):
        by_department = grouped(connection, involved, in_department.c.project_id, batch)
        by_member = grouped(connection, people, members.c.project_id, batch, shape=member)
        by_goal = grouped(connection, goal_titles, linked.c.project_id, batch)
        for row in batch:
            yield (
                row.id, row.name, row.purpose, readable(row.status), row.starts_on, row.ends_on,
                joined(by_department.get(row.id, ())), joined(by_member.get(row.id, ())),
                joined(by_goal.get(row.id, ())),
            )  # fmt: skip


def _tasks(connection: Connection, _: Sequence[int] | None, progress: Progress) -> Iterator[Cells]:
    tasks, projects, link = table_of(Task), table_of(Project), table_of(TaskAssignee)
    t = tasks.c
    query = select(
        t.id, t.title, projects.c.name.label("project"), t.due_on, t.priority, t.status,
        t.completed_at, t.notes, t.created_at,
    ).select_from(tasks.outerjoin(projects, projects.c.id == t.project_id))  # fmt: skip
    people = _people(link, link.c.task_id)
    for batch in keyset_batches(connection, query, t.id, None, progress, count(connection, tasks)):
        by_id = grouped(connection, people, link.c.task_id, batch, shape=lambda r: r)
        for row in batch:
            who = by_id.get(row.id, [])
            yield (
                row.id, row.title, row.project, _names(who), _department_names(who), row.due_on,
                row.priority, readable(row.status), row.completed_at, row.notes, row.created_at,
            )  # fmt: skip


SHEETS: dict[str, tuple[tuple[str, ...], RowSource]] = {
    "contacts": (
        ("ID", "Name", "Department", "Role", "E-mails", "Phones", "Location", "Strengths",
         "Notes", "Tags", "Cadence (days)", "Added on", "Last touch", "Next touch",
         "Snoozed until", "Archived", "Me"),
        _contacts,
    ),
    "departments": (("ID", "Name", "Colour", "Cadence (days)", "Contacts", "Notes"), _departments),
    "interactions": (
        ("ID", "Date", "Kind", "Summary", "Participants", "Departments", "Project", "Outcome",
         "Notes"),
        _interactions,
    ),
    "requests": (
        ("ID", "Topic", "Asked of", "Department", "Question", "Asked on", "Needed by", "Status",
         "Answer", "Answered on", "Thanked on", "Thanks note"),
        _requests,
    ),
    "goals": (
        ("ID", "Title", "Description", "Owner", "Departments", "Metric", "Unit", "Baseline",
         "Target", "Latest value", "Latest check-in", "Due", "Status", "Health"),
        _goals,
    ),
    "projects": (
        ("ID", "Name", "Purpose", "Status", "Starts on", "Ends on", "Departments", "Members",
         "Goals"),
        _projects,
    ),
    "tasks": (
        ("ID", "Title", "Project", "Assignees", "Departments", "Due", "Priority", "Status",
         "Completed at", "Notes", "Created at"),
        _tasks,
    ),
}  # fmt: skip
