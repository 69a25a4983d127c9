"""A realistic demo organisation, generated fast enough to scale to 100,000 contacts.

Rows go in with bulk inserts on one connection inside one transaction, so a cancelled or
failed run leaves the database as it was. The keep-in-touch columns are derived at the end
by the same SQL the domain uses, so ``deskbridge check`` agrees with a demo database.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from deskbridge.demo_vocabulary import (
    ASK_TOPICS,
    DEPARTMENTS,
    FIRST_NAMES,
    GOALS,
    LAST_NAMES,
    LOCATIONS,
    MEETING_TOPICS,
    OUTCOMES,
    PROJECTS,
    TAGS,
    TASK_TITLES,
)
from deskbridge.errors import DeskBridgeError
from deskbridge.month_counts import rebuild_month_counts
from deskbridge.settings import GLOBAL_DEFAULT_CADENCE
from deskbridge.store.bulk_load import bulk_connection, bulk_loading
from deskbridge.store.database import Database
from deskbridge.store.models import Base
from deskbridge.store.touch_columns import refresh_touch_columns
from deskbridge.store.vocabulary import InteractionKind

Progress = Callable[[str, float], None]
KINDS = [kind.value for kind in InteractionKind]
KIND_WEIGHTS = [40, 20, 15, 8, 12, 3, 2]
ME_NAME = "Mara Jensen"


@dataclass
class DemoSummary:
    departments: int = 0
    contacts: int = 0
    interactions: int = 0
    requests: int = 0
    goals: int = 0
    projects: int = 0
    tasks: int = 0


def _d(day: date) -> str:
    return day.isoformat()


def _dt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.000000")


@dataclass
class _Plan:
    """Everything generated so far, as rows ready for bulk insert."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def table(self, name: str, *columns: str) -> list[tuple[Any, ...]]:
        self.columns[name] = columns
        return self.rows.setdefault(name, [])


class DemoBuilder:
    def __init__(self, today: date, now: datetime, contacts: int, seed: int) -> None:
        self.today = today
        self.now = _dt(now)
        self.count = contacts
        self.rng = random.Random(seed)
        self.plan = _Plan()
        self.by_department: dict[int, list[int]] = {}
        self.cadence: dict[int, int] = {}
        self.summary = DemoSummary()

    def build(self) -> _Plan:
        self._departments()
        self._contacts()
        self._interactions()
        self._requests()
        goal_ids = self._goals()
        self._projects_and_tasks(goal_ids)
        return self.plan

    def _departments(self) -> None:
        rows = self.plan.table("departments", "id", "name", "colour", "cadence_days", "notes")
        for index, (name, (colour, cadence, _, _)) in enumerate(DEPARTMENTS.items(), start=1):
            rows.append((index, name, colour, cadence, f"Demo {name} department."))
            self.by_department[index] = []
        self.summary.departments = len(rows)

    def _contacts(self) -> None:
        rng = self.rng
        contacts = self.plan.table(
            "contacts", "id", "full_name", "department_id", "role", "location", "strengths",
            "notes", "cadence_days", "archived", "is_me", "added_on", "created_at",
            "next_touch_on", "stale_after_on",
        )  # fmt: skip
        emails = self.plan.table("contact_emails", "contact_id", "address", "label", "position")
        tags = self.plan.table("contact_tags", "contact_id", "name")
        department_names = list(DEPARTMENTS)
        seen_emails: dict[str, int] = {}
        for contact_id in range(1, self.count + 2):
            is_me = contact_id == 1
            department_id = 1 if is_me else rng.randrange(len(department_names)) + 1
            name = department_names[department_id - 1]
            _, cadence, roles, strengths = DEPARTMENTS[name]
            full_name = ME_NAME if is_me else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            own_cadence = None if is_me or rng.random() > 0.1 else rng.choice((14, 60, 90))
            self.cadence[contact_id] = own_cadence or cadence
            added = _d(self.today - timedelta(days=rng.randint(380, 900)))
            contacts.append((
                contact_id, full_name, department_id,
                "Marketing Lead" if is_me else rng.choice(roles),
                rng.choice(LOCATIONS), ", ".join(rng.sample(strengths, 2)),
                "" if rng.random() < 0.7 else f"Prefers mornings. Met at the {name} offsite.",
                own_cadence, rng.random() < 0.02 and not is_me, is_me, added, self.now,
                added, added,
            ))  # fmt: skip
            local = full_name.lower().replace(" ", ".")
            number = seen_emails.get(local, 0)
            seen_emails[local] = number + 1
            address = f"{local}{number or ''}@northwind.example"
            emails.append((contact_id, address, "work", 0))
            if rng.random() < 0.25:
                tags.append((contact_id, rng.choice(TAGS)))
            if not is_me:
                self.by_department[department_id].append(contact_id)
        self.summary.contacts = len(contacts)

    def _last_touch_offset(self, cadence: int) -> int:
        """Days since the last touch: most people are in touch, some due, a few stale."""
        roll = self.rng.random()
        if roll < 0.82:
            return self.rng.randint(0, max(0, cadence - 8))
        if roll < 0.9:
            return self.rng.randint(max(0, cadence - 7), cadence)
        if roll < 0.96:
            return self.rng.randint(cadence + 1, 2 * cadence)
        return self.rng.randint(2 * cadence + 1, 2 * cadence + 120)

    def _interactions(self) -> None:
        rng = self.rng
        interactions = self.plan.table(
            "interactions", "id", "occurred_on", "kind", "summary", "notes", "outcome",
            "project_id", "created_at",
        )  # fmt: skip
        participants = self.plan.table("interaction_participants", "interaction_id", "contact_id")
        per_contact = 10 if self.count >= 1000 else 6
        # Precomputed choices: a million rows must not pay for formatting each one.
        days = [_d(self.today - timedelta(days=offset)) for offset in range(0, 800)]
        topics = [t.format(q=q) for t in MEETING_TOPICS for q in range(1, 5)]
        notes = [f"Follow up on {topic.lower()}." for topic in topics]
        meetings: list[tuple[int, int]] = []
        random = rng.random  # int(random() * n) is several times quicker than randint
        for contact_id in range(2, self.count + 2):
            last = self._last_touch_offset(self.cadence[contact_id])
            meetings.append((last, contact_id))
            span = 366 - last
            meetings.extend(
                (last + int(random() * span), contact_id) for _ in range(per_contact - 1)
            )
        # Oldest first, so ids grow with the date as they do when people log as they go.
        meetings.sort(key=lambda meeting: -meeting[0])
        total = len(meetings)
        kinds = rng.choices(KINDS, KIND_WEIGHTS, k=total)
        topic_picks = [int(random() * len(topics)) for _ in range(total)]
        outcome_picks = rng.choices(OUTCOMES, k=total)
        for index, (offset, contact_id) in enumerate(meetings):
            interaction_id = index + 1
            topic = topic_picks[index]
            interactions.append((
                interaction_id, days[offset], kinds[index], topics[topic],
                notes[topic] if index % 5 < 2 else "", outcome_picks[index], None, self.now,
            ))  # fmt: skip
            participants.append((interaction_id, contact_id))
            if index % 7 == 3:
                participants.append((interaction_id, 1))
        self.summary.interactions = total

    def _requests(self) -> None:
        rng = self.rng
        rows = self.plan.table(
            "input_requests", "asked_of_id", "topic", "question", "asked_on", "needed_by",
            "status", "answer_summary", "answered_on", "thanked_on", "thanks_note", "created_at",
        )  # fmt: skip
        for _ in range(max(12, self.count * 3 // 10)):
            asked = self.today - timedelta(days=rng.randint(0, 120))
            topic = rng.choice(ASK_TOPICS).format(q=rng.randint(1, 4))
            roll = rng.random()
            status, summary, answered, thanked = "open", "", None, None
            if roll < 0.55:
                status, summary = "answered", "Sent the figures with a short explanation."
                answered = min(self.today, asked + timedelta(days=rng.randint(1, 10)))
                if rng.random() < 0.6:
                    thanked = _d(min(self.today, answered + timedelta(days=rng.randint(0, 3))))
            elif roll < 0.63:
                status = "declined"
            elif roll < 0.7:
                status = "withdrawn"
            rows.append((
                rng.randint(2, self.count + 1), topic, f"Could you help with {topic.lower()}?",
                _d(asked), _d(asked + timedelta(days=rng.randint(5, 21))), status, summary,
                _d(answered) if answered else None, thanked, "", self.now,
            ))  # fmt: skip
        self.summary.requests = len(rows)

    def _goals(self) -> list[int]:
        rng = self.rng
        goals = self.plan.table(
            "shared_goals", "id", "title", "description", "owner_id", "metric_name",
            "metric_unit", "baseline", "target", "due_on", "status", "health", "created_at",
        )  # fmt: skip
        links = self.plan.table("goal_departments", "goal_id", "department_id")
        checkins = self.plan.table("goal_checkins", "goal_id", "checked_on", "value", "note")
        count = max(len(GOALS), self.count // 2000)
        for goal_id in range(1, count + 1):
            title, metric, unit, baseline, target = GOALS[(goal_id - 1) % len(GOALS)]
            round_ = (goal_id - 1) // len(GOALS)
            goals.append((
                goal_id, f"{title} {round_ + 1}" if round_ else title,
                "A shared goal between departments.", 1, metric, unit, baseline, target,
                _d(self.today + timedelta(days=rng.randint(30, 200))), "active",
                rng.choice(("on_track", "on_track", "at_risk", "off_track")), self.now,
            ))  # fmt: skip
            for department_id in rng.sample(range(1, len(DEPARTMENTS) + 1), 2):
                links.append((goal_id, department_id))
            for month in range(6, 0, -1):
                share = (6 - month + rng.random()) / 10
                value = round(baseline + (target - baseline) * share, 1)
                day = _d(self.today - timedelta(days=30 * month))
                checkins.append((goal_id, day, value, "Monthly check-in"))
        self.summary.goals = count
        return list(range(1, count + 1))

    def _projects_and_tasks(self, goal_ids: Sequence[int]) -> None:
        rng = self.rng
        projects = self.plan.table(
            "projects", "id", "name", "purpose", "status", "starts_on", "ends_on", "created_at"
        )
        departments = self.plan.table("project_departments", "project_id", "department_id")
        members = self.plan.table("project_members", "project_id", "contact_id", "role")
        goals = self.plan.table("project_goals", "project_id", "goal_id")
        names = list(DEPARTMENTS)
        count = max(len(PROJECTS), self.count // 2000)
        member_pool: dict[int, list[int]] = {}
        for project_id in range(1, count + 1):
            name, purpose, involved = PROJECTS[(project_id - 1) % len(PROJECTS)]
            round_ = (project_id - 1) // len(PROJECTS)
            starts = self.today - timedelta(days=rng.randint(10, 200))
            status = rng.choice(("active", "active", "active", "proposed", "on_hold", "done"))
            projects.append((
                project_id, f"{name} {round_ + 1}" if round_ else name, purpose, status,
                _d(starts), _d(starts + timedelta(days=rng.randint(60, 240))),
                _dt(datetime.combine(starts - timedelta(days=7), datetime.min.time())),
            ))  # fmt: skip
            pool = [1]
            members.append((project_id, 1, "Sponsor"))
            for department in involved:
                department_id = names.index(department) + 1
                departments.append((project_id, department_id))
                candidates = self.by_department[department_id]
                for contact_id in rng.sample(candidates, min(2, len(candidates))):
                    members.append((project_id, contact_id, f"{department} lead"))
                    pool.append(contact_id)
            goals.append((project_id, goal_ids[(project_id - 1) % len(goal_ids)]))
            member_pool[project_id] = pool
        self.summary.projects = count
        self._tasks(member_pool)

    def _tasks(self, member_pool: dict[int, list[int]]) -> None:
        rng = self.rng
        tasks = self.plan.table(
            "tasks", "id", "title", "notes", "project_id", "due_on", "priority", "status",
            "completed_at", "created_at",
        )  # fmt: skip
        assignees = self.plan.table("task_assignees", "task_id", "contact_id")
        for task_id in range(1, max(15, self.count // 5) + 1):
            project_id = rng.choice(list(member_pool)) if rng.random() < 0.6 else None
            pool = member_pool[project_id] if project_id else [1, rng.randint(2, self.count + 1)]
            due = self.today + timedelta(days=rng.randint(-30, 45))
            status = rng.choices(("todo", "in_progress", "blocked", "done"), (40, 25, 5, 30))[0]
            completed = None
            if status == "done":
                day = min(self.today, due) - timedelta(days=rng.randint(0, 10))
                completed = _dt(datetime(day.year, day.month, day.day, 16, 30))
            tasks.append((
                task_id, rng.choice(TASK_TITLES), "", project_id, _d(due),
                rng.choice(("low", "normal", "normal", "high", "urgent")), status, completed,
                self.now,
            ))  # fmt: skip
            for contact_id in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                assignees.append((task_id, contact_id))
        self.summary.tasks = len(tasks)


def _insert(connection: Connection, table: Table, columns: Sequence[str], rows: list[Any]) -> None:
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
        connection.exec_driver_sql(sql, rows)
    else:
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])


def fill_demo(
    db: Database,
    *,
    today: date,
    now: datetime,
    contacts: int = 150,
    seed: int = 7,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo organisation of ``contacts`` colleagues plus "me".

    ``progress(step, fraction)`` is called between steps; raising from it cancels, and the
    database is left exactly as it was."""
    if contacts < 10:
        raise DeskBridgeError("a demo organisation needs at least 10 contacts")
    report = progress or (lambda step, fraction: None)
    report("generating", 0.0)
    builder = DemoBuilder(today, now, contacts, seed)
    plan = builder.build()
    with bulk_connection(db.engine) as connection, connection.begin():
        held = {
            name: connection.scalar(select(func.count()).select_from(Base.metadata.tables[name]))
            for name in plan.rows
        }
        if held["contacts"]:
            what = f"{held['contacts']} contacts"
        else:
            what = ", ".join(name for name, count in held.items() if count)
        if what:
            raise DeskBridgeError(
                f"{db.display_name} already has {what}; the demo fills an empty database"
            )
        total = sum(len(rows) for rows in plan.rows.values())
        done = 0
        with bulk_loading(connection, tables=list(plan.rows)):
            for name, rows in plan.rows.items():
                report(f"writing {name}", 0.6 * done / total)
                _insert(connection, Base.metadata.tables[name], plan.columns[name], rows)
                done += len(rows)
            report("indexing for search", 0.6)
        report("deriving keep-in-touch dates", 0.9)
        refresh_touch_columns(connection, GLOBAL_DEFAULT_CADENCE)
        report("counting interactions per department and month", 0.95)
        rebuild_month_counts(connection)
        report("done", 1.0)
    return builder.summary
