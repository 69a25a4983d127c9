"""An iCalendar (.ics) file of what needs doing, through the icalendar library.

One component per item: a VTODO per keep-in-touch reminder due, overdue or stale on the
clock's today, a VTODO per open task with a due date, and an all-day VEVENT per open input
request with a needed-by date. UIDs depend only on what the item is ("task-12@deskbridge"),
so importing a newer export into a calendar updates the items instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import chain
from typing import IO, Any

from icalendar import Calendar, Component, Event, Todo
from sqlalchemy import Connection, Select, func, select

from deskbridge.clock import Clock
from deskbridge.exchange.streamed_rows import grouped, keyset_batches, table_of
from deskbridge.keep_in_touch import KeepInTouch
from deskbridge.progress import Progress
from deskbridge.records import DueContact, TouchStatus
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, InputRequest, Project, Task, TaskAssignee
from deskbridge.store.vocabulary import RequestStatus, TaskPriority, TaskStatus

PRODID = "-//DeskBridge//DeskBridge//EN"
CALENDAR_NAME = "DeskBridge"
UID_DOMAIN = "deskbridge"
# RFC 5545 PRIORITY: 1 highest, 9 lowest, 0 undefined.
PRIORITIES = {
    TaskPriority.URGENT.value: 1,
    TaskPriority.HIGH.value: 3,
    TaskPriority.NORMAL.value: 5,
    TaskPriority.LOW.value: 9,
}
CLOSED_TASKS = (TaskStatus.DONE.value, TaskStatus.CANCELLED.value)


def touch_uid(contact_id: int) -> str:
    return f"touch-{contact_id}@{UID_DOMAIN}"


def task_uid(task_id: int) -> str:
    return f"task-{task_id}@{UID_DOMAIN}"


def request_uid(request_id: int) -> str:
    return f"request-{request_id}@{UID_DOMAIN}"


def write_calendar(db: Database, clock: Clock, stream: IO[str], progress: Progress) -> int:
    """Write the calendar to ``stream``; returns how many components it holds.

    Components are serialised one at a time between the calendar's own first and last
    lines, so the file is streamed rather than built whole in memory."""
    today = clock.today()
    # DTSTAMP must be UTC (RFC 5545); the clock's naive local time is taken as local.
    stamp = clock.now().astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    head = calendar.to_ical().decode("utf-8")
    end = "END:VCALENDAR\r\n"
    assert head.endswith(end)
    stream.write(head.removesuffix(end))
    reminders = KeepInTouch(db, clock).due(today)
    items: Iterator[Component] = iter(_reminders(reminders, stamp))
    written = 0
    with db.reading() as session:
        connection = session.connection()
        tasks, requests = _open_tasks(), _open_requests()
        total = len(reminders) + sum(
            connection.scalar(select(func.count()).select_from(query.subquery())) or 0
            for query in (tasks, requests)
        )
        progress(0, total)
        items = chain(
            items, _tasks(connection, tasks, stamp), _requests(connection, requests, stamp)
        )
        for component in items:
            stream.write(component.to_ical().decode("utf-8"))
            written += 1
            if written % 500 == 0:
                progress(written, max(total, written))
    stream.write(end)
    progress(written, max(total, written))
    return written


def _reminders(reminders: list[DueContact], stamp: datetime) -> Iterator[Todo]:
    for due in reminders:
        todo = Todo()
        todo.add("uid", touch_uid(due.id))
        todo.add("dtstamp", stamp)
        where = f" ({due.department})" if due.department else ""
        todo.add("summary", f"Get in touch with {due.name}{where}")
        todo.add("due", due.next_touch)
        todo.add("status", "NEEDS-ACTION")
        todo.add("categories", ["Keep in touch"])
        todo.add("description", _touch_description(due))
        if due.status is TouchStatus.STALE:
            todo.add("priority", 1)
        yield todo


def _touch_description(due: DueContact) -> str:
    last = f"last touch {due.last_touch.isoformat()}" if due.last_touch else "never in touch"
    contact = f"; {due.email}" if due.email else ""
    return f"{due.status.value.capitalize()}: {last}{contact}."


def _open_tasks() -> Select[Any]:
    tasks, projects = table_of(Task), table_of(Project)
    t = tasks.c
    return (
        select(
            t.id, t.title, t.notes, t.due_on, t.priority, t.status, projects.c.name.label("project")
        )
        .select_from(tasks.outerjoin(projects, projects.c.id == t.project_id))
        .where(t.due_on.is_not(None), t.status.not_in(CLOSED_TASKS))
    )


def _tasks(connection: Connection, query: Select[Any], stamp: datetime) -> Iterator[Todo]:
    link, contacts = table_of(TaskAssignee), table_of(Contact)
    assignees = (
        select(link.c.task_id, contacts.c.full_name)
        .select_from(link.join(contacts, contacts.c.id == link.c.contact_id))
        .order_by(link.c.task_id, contacts.c.full_name)
    )
    for batch in keyset_batches(connection, query, table_of(Task).c.id):
        by_task = grouped(connection, assignees, link.c.task_id, batch)
        for row in batch:
            todo = Todo()
            todo.add("uid", task_uid(row.id))
            todo.add("dtstamp", stamp)
            todo.add("summary", row.title)
            todo.add("due", row.due_on)
            todo.add(
                "status", "IN-PROCESS" if row.status == TaskStatus.IN_PROGRESS else "NEEDS-ACTION"
            )
            todo.add("priority", PRIORITIES.get(row.priority, 0))
            todo.add("categories", ["Task"])
            lines = [f"Assigned to {', '.join(by_task[row.id])}"] if by_task.get(row.id) else []
            if row.project:
                lines.append(f"Project: {row.project}")
            if row.notes:
                lines.append(row.notes)
            if lines:
                todo.add("description", "\n".join(lines))
            yield todo


def _open_requests() -> Select[Any]:
    requests, contacts = table_of(InputRequest), table_of(Contact)
    r = requests.c
    return (
        select(r.id, r.topic, r.question, r.needed_by, contacts.c.full_name)
        .select_from(requests.join(contacts, contacts.c.id == r.asked_of_id))
        .where(r.status == RequestStatus.OPEN.value, r.needed_by.is_not(None))
    )


def _requests(connection: Connection, query: Select[Any], stamp: datetime) -> Iterator[Event]:
    for batch in keyset_batches(connection, query, table_of(InputRequest).c.id):
        for row in batch:
            yield _all_day_event(
                request_uid(row.id),
                stamp,
                row.needed_by,
                f"Input due from {row.full_name}: {row.topic}",
                row.question,
            )


def _all_day_event(uid: str, stamp: datetime, day: date, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    # All-day: DTEND is exclusive, the day after; TRANSPARENT keeps the day "free".
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Input request"])
    if description:
        event.add("description", description)
    return event
