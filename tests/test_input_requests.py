"""Input requests: asking, answering (a touch), thanking, declining and withdrawing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from observations import assert_no_drift, counting_queries, due_ids

from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.records import ContactRecord, InputRequestRecord, PersonRef
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)  # the `clock` fixture's day
LONG_AGO = date(2026, 9, 1)


@pytest.fixture
def ana(workspace: Workspace) -> ContactRecord:
    return workspace.contacts.add("Ana Lopez", department=None, added_on=LONG_AGO)


@pytest.fixture
def ben(workspace: Workspace) -> ContactRecord:
    return workspace.contacts.add("Ben Okafor", added_on=LONG_AGO)


def test_ask_stores_an_open_request(workspace: Workspace, ana: ContactRecord) -> None:
    asked = workspace.requests.ask(
        ana.id, "  Q3 campaign ROI  ", question="Can you pull the numbers?",
        needed_by=date(2026, 12, 1),
    )  # fmt: skip
    assert asked == InputRequestRecord(
        id=asked.id,
        asked_of=PersonRef(ana.id, "Ana Lopez"),
        topic="Q3 campaign ROI",
        question="Can you pull the numbers?",
        asked_on=TODAY,
        needed_by=date(2026, 12, 1),
        status="open",
        answer_summary="",
        answered_on=None,
        thanked_on=None,
        thanks_note="",
    )
    assert workspace.requests.get(asked.id) == asked
    # Asking is not a touch.
    assert workspace.contacts.get(ana.id).last_touch_on is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"topic": "   "}, "topic"),
        ({"topic": "x" * 301}, "topic"),
        ({"question": "x" * 50_001}, "question"),
        ({"asked_on": date(2026, 11, 24)}, "asked on"),
        ({"asked_on": date(2026, 11, 20), "needed_by": date(2026, 11, 19)}, "needed by"),
        ({"contact_id": 999}, "asked of"),
    ],
)
def test_ask_refuses_bad_input_naming_the_field(
    workspace: Workspace, ana: ContactRecord, kwargs: dict[str, Any], field: str
) -> None:
    arguments: dict[str, Any] = {"contact_id": ana.id, "topic": "Budget"} | kwargs
    with pytest.raises(ValidationError) as caught:
        workspace.requests.ask(**arguments)
    assert caught.value.field == field
    assert workspace.requests.list() == []


def test_answering_is_a_touch(workspace: Workspace, ana: ContactRecord) -> None:
    asked = workspace.requests.ask(ana.id, "Margin by region", asked_on=date(2026, 11, 2))
    assert ana.id in due_ids(workspace)

    answered = workspace.requests.answer(asked.id, "  Sent the sheet  ")

    assert answered.status == "answered"
    assert answered.answer_summary == "Sent the sheet"
    assert answered.answered_on == TODAY
    contact = workspace.contacts.get(ana.id)
    assert contact.last_touch_on == TODAY
    assert contact.next_touch_on == date(2026, 12, 23)
    assert ana.id not in due_ids(workspace)
    assert_no_drift(workspace)


def test_a_backdated_answer_touches_on_its_day(workspace: Workspace, ana: ContactRecord) -> None:
    asked = workspace.requests.ask(ana.id, "Margin", asked_on=date(2026, 10, 1))
    workspace.requests.answer(asked.id, "Done", answered_on=date(2026, 10, 5))
    assert workspace.contacts.get(ana.id).last_touch_on == date(2026, 10, 5)
    # Still overdue: 5 October + 30 days has passed.
    assert ana.id in due_ids(workspace)
    assert_no_drift(workspace)


def test_an_answer_touches_only_the_person_asked(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    to_ben = workspace.requests.ask(ben.id, "Pipeline", asked_on=date(2026, 11, 1))
    workspace.requests.answer(to_ben.id, "Sent", answered_on=date(2026, 11, 20))
    to_ana = workspace.requests.ask(ana.id, "Margin", asked_on=date(2026, 10, 1))
    workspace.requests.answer(to_ana.id, "Sent", answered_on=date(2026, 10, 5))
    assert workspace.contacts.get(ana.id).last_touch_on == date(2026, 10, 5)
    assert workspace.contacts.get(ben.id).last_touch_on == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("summary", "answered_on", "field"),
    [
        ("   ", None, "answer"),
        ("Fine", date(2026, 11, 24), "answered on"),
        ("Fine", date(2026, 11, 9), "answered on"),
    ],
)
def test_answer_refuses_bad_input_and_changes_nothing(
    workspace: Workspace,
    ana: ContactRecord,
    summary: str,
    answered_on: date | None,
    field: str,
) -> None:
    asked = workspace.requests.ask(ana.id, "Margin", asked_on=date(2026, 11, 10))
    with pytest.raises(ValidationError) as caught:
        workspace.requests.answer(asked.id, summary, answered_on=answered_on)
    assert caught.value.field == field
    assert workspace.requests.get(asked.id) == asked
    assert workspace.contacts.get(ana.id).last_touch_on is None


def test_thanks_are_recorded_once(workspace: Workspace, ana: ContactRecord) -> None:
    asked = workspace.requests.ask(ana.id, "CRM export", asked_on=date(2026, 11, 1))
    workspace.requests.answer(asked.id, "Exported", answered_on=date(2026, 11, 3))

    thanked = workspace.requests.thank(asked.id, note="Coffee on me")
    assert thanked.thanked_on == TODAY
    assert thanked.thanks_note == "Coffee on me"
    assert thanked.status == "answered"

    with pytest.raises(TransitionError, match="already thanked"):
        workspace.requests.thank(asked.id)
    assert workspace.requests.get(asked.id) == thanked
    # Thanks are not a touch; the answer was.
    assert workspace.contacts.get(ana.id).last_touch_on == date(2026, 11, 3)
    assert_no_drift(workspace)


@pytest.mark.parametrize(
    ("thanked_on", "note", "field"),
    [
        (date(2026, 11, 2), "", "thanked on"),
        (date(2026, 11, 24), "", "thanked on"),
        (None, "x" * 10_001, "note"),
    ],
)
def test_thank_refuses_bad_input(
    workspace: Workspace, ana: ContactRecord, thanked_on: date | None, note: str, field: str
) -> None:
    asked = workspace.requests.ask(ana.id, "CRM export", asked_on=date(2026, 11, 1))
    answered = workspace.requests.answer(asked.id, "Exported", answered_on=date(2026, 11, 3))
    with pytest.raises(ValidationError) as caught:
        workspace.requests.thank(asked.id, thanked_on=thanked_on, note=note)
    assert caught.value.field == field
    assert workspace.requests.get(asked.id) == answered


@pytest.mark.parametrize(("action", "status"), [("decline", "declined"), ("withdraw", "withdrawn")])
def test_decline_and_withdraw_close_an_open_request(
    workspace: Workspace, ana: ContactRecord, action: str, status: str
) -> None:
    asked = workspace.requests.ask(ana.id, "Hiring plan")
    closed = getattr(workspace.requests, action)(asked.id)
    assert closed.status == status
    assert closed.answered_on is None
    assert workspace.requests.get(asked.id) == closed
    # Neither is a touch.
    assert workspace.contacts.get(ana.id).last_touch_on is None
    assert_no_drift(workspace)


def _in_state(workspace: Workspace, contact_id: int, state: str) -> InputRequestRecord:
    asked = workspace.requests.ask(contact_id, f"Topic {state}", asked_on=date(2026, 11, 1))
    moves: dict[str, Callable[[], InputRequestRecord]] = {
        "open": lambda: asked,
        "answered": lambda: workspace.requests.answer(asked.id, "Yes"),
        "thanked": lambda: workspace.requests.thank(workspace.requests.answer(asked.id, "Yes").id),
        "declined": lambda: workspace.requests.decline(asked.id),
        "withdrawn": lambda: workspace.requests.withdraw(asked.id),
    }
    return moves[state]()


INVALID = [
    (state, action)
    for state in ("answered", "thanked", "declined", "withdrawn")
    for action in ("answer", "decline", "withdraw")
] + [("open", "thank"), ("declined", "thank"), ("withdrawn", "thank"), ("thanked", "thank")]


@pytest.mark.parametrize(("state", "action"), INVALID)
def test_invalid_transitions_are_refused_and_change_nothing(
    workspace: Workspace, ana: ContactRecord, state: str, action: str
) -> None:
    before = _in_state(workspace, ana.id, state)
    touch_before = workspace.contacts.get(ana.id)
    calls: dict[str, Callable[[], object]] = {
        "answer": lambda: workspace.requests.answer(before.id, "Again"),
        "decline": lambda: workspace.requests.decline(before.id),
        "withdraw": lambda: workspace.requests.withdraw(before.id),
        "thank": lambda: workspace.requests.thank(before.id),
    }
    with pytest.raises(TransitionError) as caught:
        calls[action]()
    assert before.topic in str(caught.value)
    assert workspace.requests.get(before.id) == before
    assert workspace.contacts.get(ana.id) == touch_before


def test_unknown_request_ids_are_not_found(workspace: Workspace) -> None:
    calls: list[Callable[[], object]] = [
        lambda: workspace.requests.get(42),
        lambda: workspace.requests.answer(42, "x"),
        lambda: workspace.requests.thank(42),
        lambda: workspace.requests.decline(42),
        lambda: workspace.requests.withdraw(42),
    ]
    for call in calls:
        with pytest.raises(NotFoundError):
            call()


def test_list_puts_open_requests_first_by_need_then_newest(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    ask = workspace.requests.ask
    no_deadline = ask(ana.id, "No deadline", asked_on=date(2026, 11, 20))
    later = ask(ben.id, "Later", needed_by=date(2026, 12, 20), asked_on=date(2026, 11, 1))
    sooner = ask(ana.id, "Sooner", needed_by=date(2026, 12, 1), asked_on=date(2026, 11, 2))
    old_done = ask(ben.id, "Old, answered", asked_on=date(2026, 10, 1))
    new_done = ask(ana.id, "New, declined", asked_on=date(2026, 11, 15))
    workspace.requests.answer(old_done.id, "Yes")
    workspace.requests.decline(new_done.id)

    listed = [r.id for r in workspace.requests.list()]
    assert listed == [sooner.id, later.id, no_deadline.id, new_done.id, old_done.id]
    assert [r.id for r in workspace.requests.list("open")] == [sooner.id, later.id, no_deadline.id]
    assert [r.id for r in workspace.requests.list("Answered")] == [old_done.id]
    assert [r.id for r in workspace.requests.list(limit=2)] == [sooner.id, later.id]
    assert [r.id for r in workspace.requests.for_contact(ben.id)] == [later.id, old_done.id]
    assert workspace.requests.for_contact(999) == []


def test_list_refuses_an_unknown_status(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.requests.list("pending")
    assert caught.value.field == "status"
    assert "open, answered, declined, withdrawn" in caught.value.message


def test_reads_do_not_query_per_row(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    workspace.requests.ask(ana.id, "One")
    with counting_queries(workspace) as few:
        assert len(workspace.requests.list()) == 1
    for n in range(10):
        workspace.requests.ask(ben.id if n % 2 else ana.id, f"More {n}")
    with counting_queries(workspace) as many:
        assert len(workspace.requests.list()) == 11
    assert len(many) == len(few)


def test_deleting_the_contact_removes_their_requests(
    workspace: Workspace, ana: ContactRecord
) -> None:
    asked = workspace.requests.ask(ana.id, "Budget")
    workspace.contacts.delete(ana.id)
    with pytest.raises(NotFoundError):
        workspace.requests.get(asked.id)
