"""Meeting prep: the brief for meeting one or more colleagues, on a known data set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from deskbridge.errors import NotFoundError
from deskbridge.input_requests import RequestGroup
from deskbridge.meeting_prep import GOALS, TASKS, TOUCHES, MeetingBrief
from deskbridge.records import ContactRecord, PersonRef, TouchStatus
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)  # the `clock` fixture's day
LONG_AGO = date(2026, 6, 1)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@dataclass
class Network:
    me: ContactRecord
    ana: ContactRecord
    bo: ContactRecord
    cy: ContactRecord
    ids: dict[str, int]


def build(workspace: Workspace) -> Network:
    """Ana (Finance) and Bo (IT) are met; Cy (Finance) and the user are not."""
    ids: dict[str, int] = {}
    finance = workspace.departments.add("Finance")
    it = workspace.departments.add("IT")
    sales = workspace.departments.add("Sales")
    contacts = workspace.contacts
    me = contacts.add("Mara Jensen", is_me=True, added_on=LONG_AGO)
    ana = contacts.add(
        "Ana Lopez", department="Finance", role="Controller", strengths="ROI models",
        notes="Prefers mornings; ask about the Q3 close.", added_on=LONG_AGO, cadence_days=30,
    )  # fmt: skip
    bo = contacts.add(
        "Bo Chen", department="IT", role="CRM admin", added_on=LONG_AGO, cadence_days=3
    )
    cy = contacts.add("Cy Dune", department="Finance", added_on=LONG_AGO)

    log = workspace.interactions.log
    for n in range(1, 7):  # Ana: 10, 20, ... 60 days ago, with the user
        ids[f"ana{n}"] = log([ana.id, me.id], f"Ana #{n}", occurred_on=days_ago(10 * n)).id
    ids["bo"] = log([bo.id], "CRM fields", kind="call", occurred_on=days_ago(15)).id
    ids["both"] = log(
        [ana.id, bo.id], "Budget for the CRM", occurred_on=days_ago(5), outcome="Ana approves"
    ).id
    log([cy.id], "Cy only", occurred_on=days_ago(1))

    requests = workspace.requests
    ids["late"] = requests.ask(ana.id, "Margins", asked_on=days_ago(20), needed_by=days_ago(3)).id
    ids["open"] = requests.ask(bo.id, "Field list", asked_on=days_ago(2)).id
    ids["unthanked"] = requests.ask(ana.id, "ROI", asked_on=days_ago(30)).id
    requests.answer(ids["unthanked"], "12% on the spring campaign", answered_on=days_ago(8))
    thanked = requests.ask(ana.id, "Thanked", asked_on=days_ago(30))
    requests.answer(thanked.id, "Yes", answered_on=days_ago(9))
    requests.thank(thanked.id)
    requests.decline(requests.ask(ana.id, "Declined", asked_on=days_ago(30)).id)
    requests.ask(cy.id, "Not met", asked_on=days_ago(2))

    projects = workspace.projects
    crm = projects.create("CRM cleanup", status="active", department_ids=[it.id])
    projects.add_member(crm.id, bo.id, "Lead")
    projects.add_member(crm.id, me.id, "Sponsor")
    idea = projects.create("Pricing study", department_ids=[finance.id])  # proposed
    projects.add_member(idea.id, ana.id, "Analyst")
    old = projects.create("Old report", status="active")
    projects.add_member(old.id, ana.id)
    projects.set_status(old.id, "done")
    ids.update(crm=crm.id, idea=idea.id)

    goals = workspace.goals
    create = goals.create
    owned = create("Faster close", metric_name="days", target=5, baseline=10, owner_id=ana.id,
                   department_ids=[sales.id], due_on=date(2027, 6, 1))  # fmt: skip
    served = create("Clean CRM", metric_name="%", target=95, department_ids=[sales.id],
                    due_on=date(2027, 3, 1))  # fmt: skip
    projects.link_goal(crm.id, served.id)
    finance_goal = create("Lower cost", metric_name="€", target=1, department_ids=[finance.id],
                          due_on=date(2027, 1, 1))  # fmt: skip
    closed = create("Achieved", metric_name="n", target=1, department_ids=[finance.id])
    goals.set_status(closed.id, "achieved")
    create("Sales only", metric_name="n", target=1, department_ids=[sales.id])
    ids.update(owned=owned.id, served=served.id, finance_goal=finance_goal.id)

    tasks = workspace.tasks
    ids["joint"] = tasks.create(
        "Draft the budget", assignee_ids=[ana.id, me.id], due_on=TODAY + timedelta(2)
    ).id
    ids["late_task"] = tasks.create(
        "Export fields", assignee_ids=[bo.id], due_on=days_ago(1), project_id=crm.id
    ).id
    ids["undated"] = tasks.create("Read the report", assignee_ids=[ana.id]).id
    done = tasks.create("Done already", assignee_ids=[ana.id], due_on=days_ago(4))
    tasks.complete(done.id)
    tasks.create("Cy's own", assignee_ids=[cy.id], due_on=days_ago(9))
    return Network(me, ana, bo, cy, ids)


@pytest.fixture
def network(workspace: Workspace) -> Network:
    return build(workspace)


def brief_for(workspace: Workspace, *people: ContactRecord) -> MeetingBrief:
    return workspace.meeting_prep.brief([p.id for p in people])


def test_the_people_come_in_order_with_their_standing_and_the_user_left_out(
    workspace: Workspace, network: Network
) -> None:
    brief = brief_for(workspace, network.bo, network.me, network.ana, network.bo)

    assert [p.contact.full_name for p in brief.people] == ["Bo Chen", "Ana Lopez"]
    assert brief.contact_ids == (network.bo.id, network.ana.id)
    ana = brief.people[1]
    assert (ana.contact.department, ana.contact.role) == ("Finance", "Controller")
    assert ana.contact.strengths == "ROI models"
    # The user's own notes belong in a brief only the user reads.
    assert ana.contact.notes == "Prefers mornings; ask about the Q3 close."
    # Ana completed a task today; Bo, every 3 days, was last met 5 days ago.
    assert (ana.contact.last_touch_on, ana.status) == (TODAY, TouchStatus.OK)
    bo = brief.people[0]
    assert (bo.contact.next_touch_on, bo.status) == (days_ago(2), TouchStatus.OVERDUE)
    assert brief.prepared_on == TODAY


def test_last_touches_are_the_newest_with_any_of_them(
    workspace: Workspace, network: Network
) -> None:
    brief = brief_for(workspace, network.ana, network.bo)
    ids = network.ids

    assert [t.id for t in brief.touches] == [
        ids["both"], ids["ana1"], ids["bo"], ids["ana2"], ids["ana3"]
    ]  # fmt: skip
    assert len(brief.touches) == TOUCHES
    assert brief.touches[0].outcome == "Ana approves"
    assert brief.touches[2].kind == "call"
    assert PersonRef(network.me.id, "Mara Jensen") in brief.touches[1].participants


def test_open_asks_both_ways_late_first_then_answers_to_thank(
    workspace: Workspace, network: Network
) -> None:
    brief = brief_for(workspace, network.ana, network.bo)
    ids = network.ids

    assert [(a.request.id, a.group) for a in brief.asks] == [
        (ids["late"], RequestGroup.OVERDUE),
        (ids["open"], RequestGroup.OPEN),
        (ids["unthanked"], RequestGroup.UNTHANKED),
    ]
    assert brief.asks_total == 3
    assert [a.request.topic for a in brief.waiting_for_them] == ["Margins", "Field list"]
    assert [a.request.answer_summary for a in brief.to_thank] == ["12% on the spring campaign"]


def test_shared_goals_the_closest_first_with_why(workspace: Workspace, network: Network) -> None:
    brief = brief_for(workspace, network.ana, network.bo)
    ids = network.ids

    found = [(g.goal.id, g.reasons, g.close) for g in brief.goals]
    assert found == [
        (ids["served"], ("through CRM cleanup",), True),  # due 2027-03-01
        (ids["owned"], ("Ana Lopez owns it",), True),  # due 2027-06-01
        (ids["finance_goal"], ("Finance is in it",), False),
    ]
    assert brief.goals_total == 3  # not the achieved one, nor the Sales-only one


def test_live_projects_they_are_on_with_their_roles(workspace: Workspace, network: Network) -> None:
    brief = brief_for(workspace, network.ana, network.bo)

    shown = [
        (p.project.name, p.project.status, [(m.contact.name, m.role) for m in p.members])
        for p in brief.projects
    ]
    # Active before proposed; the done project is left out; the user is not among "them".
    assert shown == [
        ("CRM cleanup", "active", [("Bo Chen", "Lead")]),
        ("Pricing study", "proposed", [("Ana Lopez", "Analyst")]),
    ]


def test_open_tasks_with_them_soonest_first_marking_the_users_own(
    workspace: Workspace, network: Network
) -> None:
    brief = brief_for(workspace, network.ana, network.bo)
    ids = network.ids

    assert [(t.task.id, t.with_me) for t in brief.tasks] == [
        (ids["late_task"], False),
        (ids["joint"], True),
        (ids["undated"], False),
    ]
    assert brief.tasks_total == 3
    assert brief.tasks[0].task.project_name == "CRM cleanup"


def test_a_brief_for_someone_with_nothing_shared_is_empty_but_for_the_person(
    workspace: Workspace, network: Network
) -> None:
    new = workspace.contacts.add("Dee New", added_on=TODAY)
    brief = brief_for(workspace, new)

    assert [p.contact.full_name for p in brief.people] == ["Dee New"]
    assert brief.touches == brief.asks == brief.goals == brief.projects == brief.tasks == ()
    assert (brief.asks_total, brief.goals_total, brief.tasks_total) == (0, 0, 0)


def test_only_the_user_leaves_an_empty_brief(workspace: Workspace, network: Network) -> None:
    brief = brief_for(workspace, network.me)
    assert brief.people == brief.touches == brief.tasks == ()


def test_someone_unknown_is_refused(workspace: Workspace, network: Network) -> None:
    with pytest.raises(NotFoundError):
        workspace.meeting_prep.brief([network.ana.id, 9999])


def test_long_lists_are_capped_and_the_totals_count_everything(workspace: Workspace) -> None:
    workspace.departments.add("Finance")
    ana = workspace.contacts.add("Ana Lopez", department="Finance")
    finance = workspace.departments.list()[0].id
    for n in range(TASKS + 2):
        workspace.tasks.create(f"Task {n:02}", assignee_ids=[ana.id], due_on=TODAY + timedelta(n))
    for n in range(GOALS + 1):
        workspace.goals.create(f"Goal {n}", metric_name="n", target=1, department_ids=[finance])

    brief = workspace.meeting_prep.brief([ana.id])

    assert [t.task.title for t in brief.tasks] == [f"Task {n:02}" for n in range(TASKS)]
    assert brief.tasks_total == TASKS + 2
    assert len(brief.goals) == GOALS
    assert brief.goals_total == GOALS + 1
