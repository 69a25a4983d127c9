"""Department coverage on a small organisation whose every figure is known."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from deskbridge import coverage
from deskbridge.coverage import CoverageWarning, DepartmentCoverage, month_starts
from deskbridge.records import PersonRef
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)
EARLY = date(2026, 1, 1)


@dataclass(frozen=True)
class Organisation:
    finance: int
    it: int
    legal: int
    ana: int


def build(workspace: Workspace) -> Organisation:
    """Finance: Bea (met last week), Carl (overdue), Dana (stale), Eve (archived), and "me".
    IT: Ana Ruiz alone. Legal: nobody."""
    finance = workspace.departments.add("Finance", cadence_days=30).id
    it = workspace.departments.add("IT").id
    legal = workspace.departments.add("Legal").id
    contacts = workspace.contacts
    me = contacts.add("Me Myself", department="Finance", added_on=EARLY, is_me=True).id
    bea = contacts.add("Bea Berg", department="Finance", added_on=EARLY).id
    carl = contacts.add("Carl Cole", department="Finance", added_on=EARLY).id
    dana = contacts.add("Dana Diaz", department="Finance", added_on=EARLY).id
    eve = contacts.add("Eve Engel", department="Finance", added_on=date(2025, 6, 1)).id
    ana = contacts.add("Ana Ruiz", department="IT", added_on=EARLY).id

    log = workspace.interactions.log
    log([bea, me], "Budget review", occurred_on=date(2026, 11, 20))
    log([me], "Planning alone", occurred_on=date(2026, 11, 22))  # counts for nobody
    log([carl], "Forecast", occurred_on=date(2026, 10, 1))
    log([ana, bea, carl], "CRM costs", occurred_on=date(2026, 8, 15))  # once for Finance
    log([eve], "Old audit", occurred_on=date(2025, 12, 1))  # first day of the chart
    log([eve], "Older audit", occurred_on=date(2025, 11, 30))  # before the chart

    requests = workspace.requests
    requests.ask(bea, "Q4 numbers", asked_on=date(2026, 11, 1))  # open
    requests.ask(eve, "Audit trail", asked_on=date(2025, 12, 1))  # open, archived person
    answered = requests.ask(carl, "Margins", asked_on=date(2026, 9, 20))
    requests.answer(answered.id, "18 %", answered_on=date(2026, 10, 1))  # to thank
    thanked = requests.ask(dana, "Rates", asked_on=date(2026, 2, 1))
    requests.answer(thanked.id, "4 %", answered_on=date(2026, 2, 5))
    requests.thank(thanked.id, thanked_on=date(2026, 2, 6))
    declined = requests.ask(dana, "Headcount", asked_on=date(2026, 2, 1))
    requests.decline(declined.id)
    requests.ask(ana, "CRM licences", asked_on=date(2026, 11, 2))  # open
    contacts.archive([eve])

    goals = workspace.goals
    goals.create("Cut cost", metric_name="cost", target=10, department_ids=[finance, it])
    done = goals.create("Close books", metric_name="days", target=5, department_ids=[finance])
    goals.set_status(done.id, "achieved")

    projects = workspace.projects
    projects.create("Contract bot", status="active", department_ids=[finance, legal])
    projects.create("Spend map", status="proposed", department_ids=[finance])
    finished = projects.create("Old ledger", status="active", department_ids=[finance])
    projects.set_status(finished.id, "done")
    return Organisation(finance=finance, it=it, legal=legal, ana=ana)


@pytest.fixture
def organisation(workspace: Workspace) -> Organisation:
    return build(workspace)


def test_every_figure_of_every_department(workspace: Workspace, organisation: Organisation):
    rows = workspace.coverage.departments(TODAY)

    assert rows == [
        DepartmentCoverage(
            id=organisation.finance,
            name="Finance",
            colour=rows[0].colour,
            contacts=3,  # Bea, Carl, Dana: not archived Eve, not "me"
            overdue=2,  # Carl overdue, Dana stale
            last_spoken=date(2026, 11, 20),  # "me" alone on the 22nd is not Finance
            open_asks=2,  # Bea's and archived Eve's
            to_thank=1,  # Carl's answer
            goals=1,  # the achieved one is closed
            projects=2,  # active and proposed, not done
            sole_contact=None,
        ),
        DepartmentCoverage(
            id=organisation.it,
            name="IT",
            colour=rows[1].colour,
            contacts=1,
            overdue=1,  # Ana last met in August: stale by now
            last_spoken=date(2026, 8, 15),
            open_asks=1,
            to_thank=0,
            goals=1,
            projects=0,
            sole_contact=PersonRef(organisation.ana, "Ana Ruiz"),
        ),
        DepartmentCoverage(
            id=organisation.legal,
            name="Legal",
            colour=rows[2].colour,
            contacts=0,
            overdue=0,
            last_spoken=None,
            open_asks=0,
            to_thank=0,
            goals=0,
            projects=1,
            sole_contact=None,
        ),
    ]
    assert [row.warning for row in rows] == [
        None,
        CoverageWarning.SINGLE_POINT,
        CoverageWarning.NO_CONTACT,
    ]


def test_a_second_person_ends_the_single_point_of_contact(
    workspace: Workspace, organisation: Organisation
):
    workspace.contacts.add("Ivo Ivanov", department="IT")

    it = workspace.coverage.departments(TODAY)[1]

    assert (it.contacts, it.warning, it.sole_contact) == (2, None, None)


def test_large_departments_find_the_last_meeting_by_walking_back_the_newest(
    workspace: Workspace, organisation: Organisation, monkeypatch: pytest.MonkeyPatch
):
    # Every department counts as large: Finance is found in this week's meetings, IT (not
    # met for months) falls back to its people's meetings, Legal has none either way.
    monkeypatch.setattr(coverage, "SMALL_DEPARTMENT", 0)

    spoken = [row.last_spoken for row in workspace.coverage.departments(TODAY)]

    assert spoken == [date(2026, 11, 20), date(2026, 8, 15), None]


def test_interactions_per_department_per_month(workspace: Workspace, organisation: Organisation):
    monthly = workspace.coverage.monthly_interactions(TODAY)

    assert monthly.months == month_starts(TODAY, 12)
    assert (monthly.months[0], monthly.months[-1]) == (date(2025, 12, 1), date(2026, 11, 1))
    counts = {d.name: d.counts for d in monthly.departments}
    assert counts == {
        #          Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov
        "Finance": (1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1),
        "IT": (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
        "Legal": (0,) * 12,
    }
    assert monthly.total == 5  # August's meeting counts for Finance and for IT


def test_the_chart_window_follows_today(workspace: Workspace, organisation: Organisation):
    monthly = workspace.coverage.monthly_interactions(date(2026, 8, 31), months=3)

    assert monthly.months == (date(2026, 6, 1), date(2026, 7, 1), date(2026, 8, 1))
    assert {d.name: d.counts for d in monthly.departments}["IT"] == (0, 0, 1)


def test_month_starts_cross_the_new_year():
    assert month_starts(date(2026, 2, 14), 4) == (
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    )


def test_an_empty_database_has_no_coverage(workspace: Workspace):
    assert workspace.coverage.departments(TODAY) == []
    monthly = workspace.coverage.monthly_interactions(TODAY)
    assert (monthly.departments, monthly.total) == ((), 0)
