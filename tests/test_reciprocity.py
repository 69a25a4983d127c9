"""Reciprocity: asks made, answers received, thanks given and answers still unthanked, per
contact and per department."""

from __future__ import annotations

from datetime import date

from observations import counting_queries

from deskbridge.reciprocity import Reciprocity
from deskbridge.workspace import Workspace

ASKED = date(2026, 11, 2)


def _ask(workspace: Workspace, contact_id: int, state: str) -> None:
    request = workspace.requests.ask(contact_id, f"About {state}", asked_on=ASKED)
    if state in ("answered", "thanked"):
        workspace.requests.answer(request.id, "Here it is", answered_on=ASKED)
    if state == "thanked":
        workspace.requests.thank(request.id)
    if state == "declined":
        workspace.requests.decline(request.id)
    if state == "withdrawn":
        workspace.requests.withdraw(request.id)


def test_figures_per_contact_count_each_state_once(workspace: Workspace) -> None:
    ana = workspace.contacts.add("Ana Lopez", added_on=ASKED)
    ben = workspace.contacts.add("Ben Okafor", added_on=ASKED)
    for state in ("open", "answered", "answered", "thanked", "declined", "withdrawn"):
        _ask(workspace, ana.id, state)
    _ask(workspace, ben.id, "thanked")

    assert workspace.reciprocity.for_contact(ana.id) == Reciprocity(6, 3, 1, 2)
    assert workspace.reciprocity.for_contact(ben.id) == Reciprocity(1, 1, 1, 0)


def test_a_contact_never_asked_has_zeros(workspace: Workspace) -> None:
    ana = workspace.contacts.add("Ana Lopez")
    assert workspace.reciprocity.for_contact(ana.id) == Reciprocity(0, 0, 0, 0)
    assert workspace.reciprocity.for_contact(999) == Reciprocity(0, 0, 0, 0)


def test_figures_follow_each_step_of_a_request(workspace: Workspace) -> None:
    ana = workspace.contacts.add("Ana Lopez", added_on=ASKED)
    figures = workspace.reciprocity.for_contact
    asked = workspace.requests.ask(ana.id, "ROI", asked_on=ASKED)
    assert figures(ana.id) == Reciprocity(asks=1, answers=0, thanks=0, unthanked=0)
    workspace.requests.answer(asked.id, "Sent")
    assert figures(ana.id) == Reciprocity(asks=1, answers=1, thanks=0, unthanked=1)
    workspace.requests.thank(asked.id)
    assert figures(ana.id) == Reciprocity(asks=1, answers=1, thanks=1, unthanked=0)


def test_figures_per_department_add_up_its_people(workspace: Workspace) -> None:
    finance = workspace.departments.add("Finance")
    it = workspace.departments.add("IT")
    empty = workspace.departments.add("Legal")
    ana = workspace.contacts.add("Ana Lopez", department="Finance", added_on=ASKED)
    cleo = workspace.contacts.add("Cleo Park", department="Finance", added_on=ASKED)
    dev = workspace.contacts.add("Dev Rao", department="IT", added_on=ASKED)
    loner = workspace.contacts.add("No Department", added_on=ASKED)
    for contact_id, state in [
        (ana.id, "answered"), (ana.id, "thanked"), (cleo.id, "open"), (cleo.id, "answered"),
        (dev.id, "declined"), (loner.id, "answered"),
    ]:  # fmt: skip
        _ask(workspace, contact_id, state)
    # Archived people still count: what they answered was answered.
    workspace.contacts.archive([cleo.id])

    expected = {finance.id: Reciprocity(4, 3, 1, 2), it.id: Reciprocity(1, 0, 0, 0)}
    assert workspace.reciprocity.by_department() == expected
    assert workspace.reciprocity.for_department(finance.id) == expected[finance.id]
    assert workspace.reciprocity.for_department(it.id) == expected[it.id]
    assert workspace.reciprocity.for_department(empty.id) == Reciprocity()


def test_all_departments_come_from_one_query(workspace: Workspace) -> None:
    for n in range(5):
        name = f"Department {n}"
        workspace.departments.add(name)
        person = workspace.contacts.add(f"Person {n}", department=name, added_on=ASKED)
        _ask(workspace, person.id, "answered")
    with counting_queries(workspace) as statements:
        figures = workspace.reciprocity.by_department()
    assert len(figures) == 5
    assert [s for s in statements if s.lstrip().upper().startswith("SELECT")] == statements[-1:]
    assert "GROUP BY" in statements[-1]
