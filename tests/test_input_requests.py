"""Input requests: asking, answering (a touch), thanking, declining and withdrawing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from observations import assert_no_drift, counting_queries, due_ids

from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.input_requests import (
    RequestAction,
    RequestFilter,
    RequestGroup,
    RequestRow,
    allowed_actions,
    group_of,
)
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


# -- every action from every state ---------------------------------------------------------

STATES = ("open", "answered", "thanked", "declined", "withdrawn")
ACTIONS = ("answer", "thank", "decline", "withdraw", "nudge")
ALLOWED = {
    ("open", "answer"), ("open", "decline"), ("open", "withdraw"), ("open", "nudge"),
    ("answered", "thank"),
}  # fmt: skip
REFUSAL_WORDS = {
    "answer": "only an open request can be answered",
    "decline": "only an open request can be declined",
    "withdraw": "only an open request can be withdrawn",
    "nudge": "only an open request can be nudged",
    "thank": "thanked for",
}


def _act(workspace: Workspace, request_id: int, action: str) -> object:
    calls: dict[str, Callable[[], object]] = {
        "answer": lambda: workspace.requests.answer(request_id, "Here you go"),
        "thank": lambda: workspace.requests.thank(request_id),
        "decline": lambda: workspace.requests.decline(request_id),
        "withdraw": lambda: workspace.requests.withdraw(request_id),
        "nudge": lambda: workspace.requests.nudge(request_id),
    }
    return calls[action]()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_from_every_state(
    workspace: Workspace, ana: ContactRecord, state: str, action: str
) -> None:
    before = _in_state(workspace, ana.id, state)
    assert (RequestAction(action) in allowed_actions(before)) == ((state, action) in ALLOWED)
    if (state, action) in ALLOWED:
        _act(workspace, before.id, action)
        assert workspace.requests.get(before.id) != before or action == "nudge"
        return
    with pytest.raises(TransitionError) as caught:
        _act(workspace, before.id, action)
    message = str(caught.value)
    assert before.topic in message
    assert REFUSAL_WORDS[action] in message
    assert workspace.requests.get(before.id) == before


def test_the_refusal_says_what_state_the_request_is_in(
    workspace: Workspace, ana: ContactRecord
) -> None:
    declined = _in_state(workspace, ana.id, "declined")
    with pytest.raises(TransitionError) as caught:
        workspace.requests.nudge(declined.id)
    assert str(caught.value) == (
        "The request 'Topic declined' is declined; only an open request can be nudged."
    )
    thanked = _in_state(workspace, ana.id, "thanked")
    with pytest.raises(TransitionError, match="already thanked for on 2026-11-23"):
        workspace.requests.thank(thanked.id)


# -- nudging -------------------------------------------------------------------------------


def test_a_nudge_logs_a_follow_up_that_is_a_touch(workspace: Workspace, ana: ContactRecord) -> None:
    asked = workspace.requests.ask(ana.id, "Q3 budget", asked_on=date(2026, 11, 2))
    assert ana.id in due_ids(workspace)

    logged = workspace.requests.nudge(
        asked.id, on=date(2026, 11, 20), kind="call", note="Left a voicemail"
    )

    assert logged.summary == "Follow-up: Q3 budget"
    assert logged.kind == "call"
    assert logged.notes == "Left a voicemail"
    assert logged.occurred_on == date(2026, 11, 20)
    assert [p.id for p in logged.participants] == [ana.id]
    assert workspace.interactions.with_contact(ana.id) == [logged]
    assert workspace.contacts.get(ana.id).last_touch_on == date(2026, 11, 20)
    assert ana.id not in due_ids(workspace)
    # The request itself stays open: a nudge is not an answer.
    assert workspace.requests.get(asked.id) == asked
    assert_no_drift(workspace)


def test_a_nudge_defaults_to_an_email_today(workspace: Workspace, ana: ContactRecord) -> None:
    asked = workspace.requests.ask(ana.id, "Headcount", asked_on=date(2026, 11, 2))
    logged = workspace.requests.nudge(asked.id)
    assert (logged.kind, logged.occurred_on, logged.notes) == ("email", TODAY, "")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "carrier pigeon"}, "kind"),
        ({"on": date(2026, 11, 24)}, "when"),
        ({"on": date(2026, 11, 1)}, "when"),
        ({"note": "x" * 50_001}, "notes"),
    ],
)
def test_a_bad_nudge_names_the_field_and_logs_nothing(
    workspace: Workspace, ana: ContactRecord, kwargs: dict[str, Any], field: str
) -> None:
    asked = workspace.requests.ask(ana.id, "Headcount", asked_on=date(2026, 11, 2))
    with pytest.raises(ValidationError) as caught:
        workspace.requests.nudge(asked.id, **kwargs)
    assert caught.value.field == field
    assert workspace.interactions.with_contact(ana.id) == []
    assert workspace.contacts.get(ana.id).last_touch_on is None


def test_nudging_an_unknown_request_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        workspace.requests.nudge(42)


# -- the view's groups and pages -------------------------------------------------------------


@pytest.fixture
def spread(workspace: Workspace, ana: ContactRecord, ben: ContactRecord) -> dict[str, int]:
    """One request in each state, Ana in Finance and Ben without a department."""
    workspace.departments.add("Finance")
    workspace.contacts.update(ana.id, department="Finance")
    ask = workspace.requests.ask
    made = {
        "soon": ask(ana.id, "Budget soon", needed_by=nov(25), asked_on=nov(10)),
        "today": ask(ben.id, "Due today", needed_by=TODAY, asked_on=nov(11)),
        "undated": ask(ben.id, "No deadline", asked_on=nov(12)),
        "late": ask(ana.id, "Margin late", needed_by=nov(20), asked_on=nov(1)),
        "later": ask(ben.id, "Pipeline late", needed_by=nov(22), asked_on=nov(2)),
        "unthanked": ask(ana.id, "CRM export", asked_on=nov(3)),
        "thanked": ask(ben.id, "Hiring plan", asked_on=nov(4)),
        "declined": ask(ana.id, "Press kit", asked_on=nov(5)),
        "withdrawn": ask(ben.id, "Old idea", asked_on=nov(6)),
    }  # fmt: skip
    workspace.requests.answer(made["unthanked"].id, "Done", answered_on=date(2026, 11, 8))
    workspace.requests.answer(made["thanked"].id, "Done", answered_on=date(2026, 11, 9))
    workspace.requests.thank(made["thanked"].id)
    workspace.requests.decline(made["declined"].id)
    workspace.requests.withdraw(made["withdrawn"].id)
    return {name: record.id for name, record in made.items()}


def nov(day: int) -> date:
    return date(2026, 11, day)


def _shown(workspace: Workspace, shown: RequestFilter, **kwargs: Any) -> list[int]:
    return [row.id for row in workspace.requests.page(shown, today=TODAY, **kwargs).rows]


def test_each_group_holds_its_requests_in_working_order(
    workspace: Workspace, spread: dict[str, int]
) -> None:
    names = {v: k for k, v in spread.items()}

    def group(g: RequestGroup) -> list[str]:
        return [names[i] for i in _shown(workspace, RequestFilter(g))]

    assert group(RequestGroup.OPEN) == ["today", "soon", "undated"]
    assert group(RequestGroup.OVERDUE) == ["late", "later"]
    assert group(RequestGroup.UNTHANKED) == ["unthanked"]
    assert group(RequestGroup.CLOSED) == ["withdrawn", "declined", "thanked"]
    assert group(RequestGroup.ALL) == [
        "undated", "today", "soon", "withdrawn", "declined", "thanked", "unthanked", "later",
        "late",
    ]  # fmt: skip
    for name, request_id in spread.items():
        record = workspace.requests.get(request_id)
        assert request_id in _shown(workspace, RequestFilter(group_of(record, TODAY))), name


def test_group_counts_agree_with_the_groups(workspace: Workspace, spread: dict[str, int]) -> None:
    counts = workspace.requests.group_counts(RequestFilter(), today=TODAY)
    assert counts == {
        RequestGroup.OPEN: 3,
        RequestGroup.OVERDUE: 2,
        RequestGroup.UNTHANKED: 1,
        RequestGroup.CLOSED: 3,
        RequestGroup.ALL: 9,
    }
    # Tomorrow "Due today" is late too: today is an argument, never read inside.
    later = workspace.requests.group_counts(RequestFilter(), today=date(2026, 11, 24))
    assert (later[RequestGroup.OPEN], later[RequestGroup.OVERDUE]) == (2, 3)


def test_filters_narrow_rows_and_counts_alike(
    workspace: Workspace, spread: dict[str, int], ana: ContactRecord, ben: ContactRecord
) -> None:
    finance = workspace.departments.list()[0].id
    by_department = RequestFilter(department_id=finance)
    assert set(_shown(workspace, by_department)) == {
        spread[n] for n in ("soon", "late", "unthanked", "declined")
    }
    counts = workspace.requests.group_counts(by_department, today=TODAY)
    assert (counts[RequestGroup.ALL], counts[RequestGroup.OVERDUE]) == (4, 1)

    assert set(_shown(workspace, RequestFilter(contact_id=ben.id))) == {
        spread[n] for n in ("today", "undated", "later", "thanked", "withdrawn")
    }
    # Text matches the topic or the person's name, any case; % and _ are plain characters.
    assert _shown(workspace, RequestFilter(text="crm")) == [spread["unthanked"]]
    assert len(_shown(workspace, RequestFilter(text="OKAFOR"))) == 5
    assert _shown(workspace, RequestFilter(text="%")) == []
    text_counts = workspace.requests.group_counts(RequestFilter(text="late"), today=TODAY)
    assert text_counts[RequestGroup.OVERDUE] == 2
    assert text_counts[RequestGroup.ALL] == 2


def test_rows_carry_what_the_table_shows(
    workspace: Workspace, spread: dict[str, int], ana: ContactRecord
) -> None:
    (row,) = workspace.requests.page(RequestFilter(text="CRM"), today=TODAY).rows
    assert row == RequestRow(
        id=spread["unthanked"],
        asked_of=PersonRef(ana.id, "Ana Lopez"),
        department="Finance",
        department_colour=workspace.departments.list()[0].colour,
        topic="CRM export",
        asked_on=date(2026, 11, 3),
        needed_by=None,
        status="answered",
        answered_on=date(2026, 11, 8),
        thanked_on=None,
    )


def test_pages_follow_on_and_positions_find_a_row(
    workspace: Workspace, spread: dict[str, int]
) -> None:
    everything = _shown(workspace, RequestFilter())
    first = workspace.requests.page(RequestFilter(), today=TODAY, limit=4)
    assert first.next_offset == 4
    second = workspace.requests.page(RequestFilter(), today=TODAY, offset=4, limit=4)
    last = workspace.requests.page(RequestFilter(), today=TODAY, offset=8, limit=4)
    assert last.next_offset is None
    assert [r.id for r in (*first.rows, *second.rows, *last.rows)] == everything
    for place, request_id in enumerate(everything):
        assert workspace.requests.position(request_id, RequestFilter(), today=TODAY) == place
    overdue = RequestFilter(RequestGroup.OVERDUE)
    assert workspace.requests.position(spread["later"], overdue, today=TODAY) == 1
    assert workspace.requests.position(spread["soon"], overdue, today=TODAY) is None


def test_a_page_reads_in_two_queries_at_any_size(
    workspace: Workspace, ana: ContactRecord, ben: ContactRecord
) -> None:
    workspace.requests.ask(ana.id, "One")
    with counting_queries(workspace) as few:
        workspace.requests.page(RequestFilter(), today=TODAY)
    for n in range(12):
        workspace.requests.ask(ben.id if n % 2 else ana.id, f"More {n}")
    with counting_queries(workspace) as many:
        assert len(workspace.requests.page(RequestFilter(), today=TODAY).rows) == 13
    assert len(many) == len(few)
