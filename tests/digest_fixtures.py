"""One known week of cross-department work for the digest tests (domain, CLI and dialog).

Week 2026-W47 runs from Monday 16 to Sunday 22 November 2026; the tests' today is Monday
23 November (week 48). Every private field holds a distinctive SECRET marker, so a test
can prove that none of them reaches the digest. Things just outside the week (Sunday 15th,
Monday 23rd) check its edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from deskbridge.digest import IsoWeek
from deskbridge.workspace import Workspace

WEEK = IsoWeek(2026, 47)
SECRETS = (
    "SECRET-NOTE-123",
    "SECRET-NOTE-456",
    "SECRET-DEPT-NOTE",
    "SECRET-MEETING-NOTE",
    "SECRET-TASK-NOTE",
    "SECRET-THANKS-NOTE",
    "SECRET-CHECKIN-NOTE",
    "SECRET-QUESTION",
    "SECRET-GOAL-DESCRIPTION",
)
SCRIPT_TOPIC = "<script>alert(1)</script> CRM export"
EXPECTED_HEADLINE = (
    "This week: 3 meetings with 2 departments, 2 answers received, 1 thanks given, "
    "2 joint tasks done"
)


@dataclass(frozen=True)
class WeekIds:
    ana: int
    ivo: int
    me: int
    project: int
    goal: int


def fill_week(ws: Workspace) -> WeekIds:
    finance = ws.departments.add("Finance", notes="SECRET-DEPT-NOTE")
    it = ws.departments.add("IT", notes="SECRET-DEPT-NOTE")
    ana = ws.contacts.add("Ana Lopez", department="Finance", notes="SECRET-NOTE-123").id
    ivo = ws.contacts.add("Ivo Petrov", department="IT", notes="SECRET-NOTE-456").id
    me = ws.contacts.add("Mara Jensen", department="Finance", is_me=True).id
    project = ws.projects.create("Spring fair", department_ids=[finance.id, it.id]).id

    log = ws.interactions.log
    log([ana, ivo, me], "Budget sync", occurred_on=date(2026, 11, 17), project_id=project,
        notes="SECRET-MEETING-NOTE", outcome="Agreed the fair budget")  # fmt: skip
    log([ana], "ROI check-in", occurred_on=date(2026, 11, 18), notes="SECRET-MEETING-NOTE")
    log([ivo], "CRM fields", kind="call", occurred_on=date(2026, 11, 22))
    log([ana], "Old chat", occurred_on=date(2026, 11, 15), outcome="Before the week")
    log([ivo], "Next week's chat", occurred_on=date(2026, 11, 23), outcome="After the week")

    tasks = ws.tasks
    venue = tasks.create("Book the venue", assignee_ids=[ana], project_id=project,
                         notes="SECRET-TASK-NOTE").id  # fmt: skip
    tasks.complete(venue, completed_at=datetime(2026, 11, 19, 14, 0))
    flyers = tasks.create("Print flyers", assignee_ids=[me]).id
    tasks.complete(flyers, completed_at=datetime(2026, 11, 22, 23, 30))
    old = tasks.create("Old task", assignee_ids=[ivo], project_id=project).id
    tasks.complete(old, completed_at=datetime(2026, 11, 15, 23, 59))
    tasks.create("Send invitations", assignee_ids=[ana, ivo], project_id=project,
                 due_on=date(2026, 11, 25), notes="SECRET-TASK-NOTE")  # fmt: skip
    tasks.create("Later work", assignee_ids=[ivo], due_on=date(2026, 12, 3))

    requests = ws.requests
    roi = requests.ask(ana, "Q3 ROI", question="SECRET-QUESTION", asked_on=date(2026, 11, 10)).id
    requests.answer(roi, "2.4x return on the fair", answered_on=date(2026, 11, 18))
    requests.thank(roi, thanked_on=date(2026, 11, 20), note="SECRET-THANKS-NOTE")
    export = requests.ask(ivo, SCRIPT_TOPIC, asked_on=date(2026, 11, 12)).id
    requests.answer(export, "CSV *attached* [see link]", answered_on=date(2026, 11, 21))
    early = requests.ask(ivo, "Old answer", asked_on=date(2026, 11, 2)).id
    requests.answer(early, "Answered before the week", answered_on=date(2026, 11, 14))
    requests.ask(ana, "Headcount plan", asked_on=date(2026, 11, 20), needed_by=date(2026, 11, 26))

    goal = ws.goals.create(
        "Lower cost per lead", metric_name="cost per lead", metric_unit="EUR", baseline=80,
        target=60, due_on=date(2026, 12, 10), department_ids=[finance.id],
        description="SECRET-GOAL-DESCRIPTION",
    ).id  # fmt: skip
    ws.goals.check_in(goal, 75, checked_on=date(2026, 11, 10), note="SECRET-CHECKIN-NOTE")
    ws.goals.check_in(goal, 70, checked_on=date(2026, 11, 18), note="SECRET-CHECKIN-NOTE")
    # Recorded on the 23rd with no check-in: it did not exist yet in week 47.
    ws.goals.create("Grow newsletter reach", metric_name="subscribers", target=20_000,
                    baseline=10_000, due_on=date(2027, 6, 1))  # fmt: skip
    return WeekIds(ana=ana, ivo=ivo, me=me, project=project, goal=goal)
