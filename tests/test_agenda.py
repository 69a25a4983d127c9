"""Today's agenda: late asks, answers to thank for, and tasks due by the end of the week."""

from __future__ import annotations

from datetime import date, timedelta

from deskbridge.agenda import end_of_week
from deskbridge.records import PersonRef
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)  # a Monday; the `clock` fixture's day
LONG_AGO = date(2026, 9, 1)


def test_the_week_ends_on_sunday() -> None:
    assert end_of_week(TODAY) == date(2026, 11, 29)
    assert end_of_week(date(2026, 11, 29)) == date(2026, 11, 29)
    assert end_of_week(date(2026, 11, 30)) == date(2026, 12, 6)


def test_asks_past_their_deadline_are_listed_most_late_first(workspace: Workspace) -> None:
    workspace.departments.add("Finance")
    ana = workspace.contacts.add("Ana Lopez", department="Finance", added_on=LONG_AGO)
    requests = workspace.requests
    later = requests.ask(ana.id, "Margins", asked_on=LONG_AGO, needed_by=TODAY - timedelta(1))
    first = requests.ask(ana.id, "ROI", asked_on=LONG_AGO, needed_by=TODAY - timedelta(9))
    requests.ask(ana.id, "Due today", asked_on=LONG_AGO, needed_by=TODAY)
    requests.ask(ana.id, "No deadline", asked_on=LONG_AGO)
    answered = requests.ask(ana.id, "Answered", asked_on=LONG_AGO, needed_by=LONG_AGO)
    requests.answer(answered.id, "Here", answered_on=LONG_AGO)

    agenda = workspace.agenda.read()

    assert [item.id for item in agenda.late_asks] == [first.id, later.id]
    assert agenda.late_asks_total == 2
    assert agenda.late_asks[0].person == PersonRef(ana.id, "Ana Lopez")
    assert agenda.late_asks[0].department == "Finance"


def test_answers_not_yet_thanked_for_are_listed_oldest_answer_first(
    workspace: Workspace,
) -> None:
    ana = workspace.contacts.add("Ana Lopez", added_on=LONG_AGO)
    requests = workspace.requests
    asks = [requests.ask(ana.id, f"Ask {n}", asked_on=LONG_AGO) for n in range(3)]
    requests.answer(asks[0].id, "A", answered_on=TODAY)
    requests.answer(asks[1].id, "B", answered_on=TODAY - timedelta(5))
    requests.answer(asks[2].id, "C", answered_on=TODAY - timedelta(2))
    requests.thank(asks[2].id)

    agenda = workspace.agenda.read()

    assert [item.id for item in agenda.to_thank] == [asks[1].id, asks[0].id]
    assert agenda.to_thank_total == 2
    assert agenda.to_thank[0].answered_on == TODAY - timedelta(5)


def test_open_tasks_due_by_sunday_are_listed_late_ones_first(workspace: Workspace) -> None:
    ana = workspace.contacts.add("Ana Lopez")
    project = workspace.projects.create("Launch")
    tasks = workspace.tasks
    late = tasks.create("Late", due_on=TODAY - timedelta(3), assignee_ids=[ana.id])
    sunday = tasks.create("Sunday", due_on=date(2026, 11, 29), project_id=project.id)
    tasks.create("Next week", due_on=date(2026, 11, 30))
    tasks.create("Whenever")
    done = tasks.create("Done already", due_on=TODAY)
    tasks.complete(done.id)

    agenda = workspace.agenda.read()

    assert [item.id for item in agenda.tasks] == [late.id, sunday.id]
    assert agenda.tasks_total == 2
    assert agenda.week_ends_on == date(2026, 11, 29)
    assert agenda.tasks[0].assignees == (PersonRef(ana.id, "Ana Lopez"),)
    assert agenda.tasks[1].project == "Launch"


def test_a_limit_keeps_the_most_urgent_and_the_totals_count_everything(
    workspace: Workspace,
) -> None:
    ana = workspace.contacts.add("Ana Lopez", added_on=LONG_AGO)
    for n in range(5):
        workspace.requests.ask(
            ana.id, f"Ask {n}", asked_on=LONG_AGO, needed_by=TODAY - timedelta(days=10 - n)
        )
        workspace.tasks.create(f"Task {n}", due_on=TODAY + timedelta(days=n % 3))

    agenda = workspace.agenda.read(limit=2)

    assert [item.topic for item in agenda.late_asks] == ["Ask 0", "Ask 1"]
    assert agenda.late_asks_total == 5
    assert len(agenda.tasks) == 2 and agenda.tasks_total == 5
