"""The weekly review's rules on a small, fixed organisation on Monday 2026-11-23 (week 48):
which items the queue holds, how acting on them takes them out, progress across a restart,
finishing, and the streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from deskbridge.clock import FixedClock
from deskbridge.errors import ValidationError
from deskbridge.review_items import ReviewAction, ReviewKind
from deskbridge.weekly_review import ReviewQueue, iso_week, streak, week_start
from deskbridge.workspace import Workspace

K = ReviewKind
LONG_AGO = date(2026, 9, 1)


@dataclass(frozen=True)
class Org:
    stale: int
    going_stale: int
    overdue: int
    fine: int
    snoozed: int
    me: int
    late_ask: int
    open_ask: int
    unthanked: int
    late_task: int
    waiting_task: int
    quiet_goal: int
    fresh_goal: int
    quiet_project: int
    busy_project: int

    def expected(self) -> set[tuple[ReviewKind, int]]:
        return {
            (K.STALE_CONTACT, self.stale),
            (K.GOING_STALE_CONTACT, self.going_stale),
            (K.OVERDUE_CONTACT, self.overdue),
            (K.OVERDUE_REQUEST, self.late_ask),
            (K.OPEN_REQUEST, self.open_ask),
            (K.UNTHANKED_ANSWER, self.unthanked),
            (K.OVERDUE_TASK, self.late_task),
            (K.WAITING_TASK, self.waiting_task),
            (K.GOAL_NEEDS_CHECKIN, self.quiet_goal),
            (K.QUIET_PROJECT, self.quiet_project),
        }


def fill_review_data(ws: Workspace) -> Org:
    """One thing of each kind, and one beside each that must stay out of the review."""
    past = Workspace(ws.db, FixedClock(LONG_AGO))  # goals and projects started long ago
    contacts, log = ws.contacts, ws.interactions.log
    ws.departments.add("Finance", cadence_days=30)
    # Cadence 10, never touched since 1 Oct: next touch 11 Oct, stale after 21 Oct.
    stale = contacts.add("Sam Stale", cadence_days=10, added_on=date(2026, 10, 1)).id
    going = contacts.add("Gina Going", department="Finance", added_on=LONG_AGO).id
    log([going], "Coffee", occurred_on=date(2026, 10, 5))  # stale after 4 Dec: next week
    overdue = contacts.add("Olga Overdue", department="Finance", added_on=LONG_AGO).id
    log([overdue], "Call", occurred_on=date(2026, 10, 20))  # due 19 Nov, stale after 19 Dec
    fine = contacts.add("Fred Fine", department="Finance", added_on=LONG_AGO).id
    log([fine], "Lunch", occurred_on=date(2026, 11, 20))
    snoozed = contacts.add("Sue Snoozed", cadence_days=10, added_on=date(2026, 10, 1)).id
    contacts.snooze(snoozed, date(2026, 12, 10))
    me = contacts.add("Me Myself", added_on=date(2026, 1, 1)).id
    contacts.set_me(me)

    requests = ws.requests
    late_ask = requests.ask(
        fine, "Budget", asked_on=date(2026, 11, 1), needed_by=date(2026, 11, 10)
    ).id
    open_ask = requests.ask(
        fine, "Roadmap", asked_on=date(2026, 11, 15), needed_by=date(2026, 11, 30)
    ).id
    unthanked = requests.ask(fine, "Figures", asked_on=date(2026, 11, 2)).id
    requests.answer(unthanked, "Sent", answered_on=date(2026, 11, 12))
    thanked = requests.ask(fine, "Names", asked_on=date(2026, 11, 2)).id
    requests.answer(thanked, "Sent", answered_on=date(2026, 11, 3))
    requests.thank(thanked, thanked_on=date(2026, 11, 4))

    tasks = ws.tasks
    late_task = tasks.create("Send deck", assignee_ids=[fine], due_on=date(2026, 11, 16)).id
    waiting = tasks.create("Draft plan", assignee_ids=[overdue], due_on=date(2026, 12, 1)).id
    tasks.create("Shared plan", assignee_ids=[me, overdue], due_on=date(2026, 12, 1))
    tasks.create("My own", assignee_ids=[me], due_on=date(2026, 12, 2))

    quiet_goal = past.goals.create("Faster quotes", metric_name="days", target=2).id
    fresh_goal = past.goals.create("More leads", metric_name="leads", target=100).id
    ws.goals.check_in(fresh_goal, 40, checked_on=date(2026, 11, 20))
    quiet_project = past.projects.create("Quiet launch", status="active").id
    ws.projects.add_member(quiet_project, fine)
    busy_project = past.projects.create("Busy launch", status="active").id
    log([fine], "Kick-off", occurred_on=date(2026, 11, 18), project_id=busy_project)
    past.projects.create("Proposed idea")
    return Org(
        stale, going, overdue, fine, snoozed, me, late_ask, open_ask, unthanked, late_task,
        waiting, quiet_goal, fresh_goal, quiet_project, busy_project,
    )  # fmt: skip


@pytest.fixture
def org(workspace: Workspace) -> Org:
    return fill_review_data(workspace)


def kinds_and_ids(queue: ReviewQueue) -> set[tuple[ReviewKind, int]]:
    return {(item.kind, item.id) for item in queue.items}


def test_the_queue_holds_exactly_the_expected_items(workspace: Workspace, org: Org) -> None:
    queue = workspace.review.queue()
    assert kinds_and_ids(queue) == org.expected()
    assert len(queue.items) == len(org.expected())  # nothing listed twice
    assert queue.week == "2026-W48"
    assert (queue.starts_on, queue.ends_on) == (date(2026, 11, 23), date(2026, 11, 29))
    assert (queue.done, queue.total) == (0, 10)
    assert [s.kind for s in queue.sections] == list(ReviewKind)
    by_key = {item.key: item for item in queue.items}
    sam = by_key[f"stale_contact:{org.stale}"]
    assert sam.title == "Sam Stale"
    assert sam.detail == "overdue by 43 days · never touched"
    assert sam.actions == (ReviewAction.LOG_TOUCH, ReviewAction.SNOOZE, ReviewAction.SKIP)
    gina = by_key[f"going_stale_contact:{org.going_stale}"]
    assert gina.detail == "goes stale Sat 5 Dec · last touch Mon 5 Oct · Finance"
    assert by_key[f"overdue_request:{org.late_ask}"].detail.startswith("13 days late")
    waiting = by_key[f"waiting_task:{org.waiting_task}"]
    assert waiting.people == (org.overdue,)
    assert by_key[f"quiet_project:{org.quiet_project}"].people == (org.fine,)


def test_acting_through_each_operation_takes_its_item_out(workspace: Workspace, org: Org) -> None:
    ws = workspace
    ws.interactions.log([org.stale], "Caught up")
    ws.contacts.snooze(org.going_stale, date(2026, 12, 20))
    ws.requests.thank(org.unthanked)
    ws.tasks.complete(org.late_task)
    ws.goals.check_in(org.quiet_goal, 5)
    ws.interactions.log([org.fine], "Status", project_id=org.quiet_project)
    left = kinds_and_ids(ws.review.queue())
    assert left == org.expected() - {
        (K.STALE_CONTACT, org.stale),
        (K.GOING_STALE_CONTACT, org.going_stale),
        (K.UNTHANKED_ANSWER, org.unthanked),
        (K.OVERDUE_TASK, org.late_task),
        (K.GOAL_NEEDS_CHECKIN, org.quiet_goal),
        (K.QUIET_PROJECT, org.quiet_project),
    }


def test_a_handled_item_leaves_the_queue_and_counts_as_done(workspace: Workspace, org: Org) -> None:
    review = workspace.review
    review.handle(f"overdue_request:{org.late_ask}", ReviewAction.NUDGE)
    review.handle(f"overdue_contact:{org.overdue}", "skip")
    queue = review.queue()
    assert (K.OVERDUE_REQUEST, org.late_ask) not in kinds_and_ids(queue)
    assert (K.OVERDUE_CONTACT, org.overdue) not in kinds_and_ids(queue)
    assert (queue.done, queue.total) == (2, 10)
    review.unhandle(f"overdue_contact:{org.overdue}")
    assert (K.OVERDUE_CONTACT, org.overdue) in kinds_and_ids(review.queue())


def test_only_an_action_that_fits_the_kind_is_accepted(workspace: Workspace, org: Org) -> None:
    with pytest.raises(ValidationError, match="thank does not apply"):
        workspace.review.handle(f"stale_contact:{org.stale}", ReviewAction.THANK)
    with pytest.raises(ValidationError):
        workspace.review.handle("nonsense", ReviewAction.SKIP)
    with pytest.raises(ValidationError):
        workspace.review.handle(f"stale_contact:{org.stale}", "wave")


def test_progress_survives_reopening_and_a_new_week_starts_afresh(
    workspace: Workspace, org: Org, db_path: Path, clock: FixedClock
) -> None:
    workspace.review.handle(f"stale_contact:{org.stale}", ReviewAction.SKIP)
    workspace.close()
    reopened = Workspace.open(str(db_path), clock)
    try:
        queue = reopened.review.queue()
        assert queue.done == 1
        assert (K.STALE_CONTACT, org.stale) not in kinds_and_ids(queue)
        next_week = reopened.review.queue(date(2026, 11, 30))
        assert next_week.done == 0
        assert (K.STALE_CONTACT, org.stale) in kinds_and_ids(next_week)
    finally:
        reopened.close()


def test_each_kind_is_capped_and_the_rest_counted(workspace: Workspace, org: Org) -> None:
    workspace.contacts.add("Sid Stale", cadence_days=10, added_on=date(2026, 9, 20))
    review = workspace.review
    stale = review.queue(cap=1).sections[0]
    assert [item.title for item in stale.items] == ["Sid Stale"]  # the longest overdue
    assert stale.more == 1
    review.handle(stale.items[0].key, ReviewAction.SKIP)
    after = review.queue(cap=1).sections[0]
    assert (after.items, after.more) == ((), 1)  # handling does not pull in the next one


def test_finishing_stores_one_review_per_week(workspace: Workspace, org: Org) -> None:
    review = workspace.review
    review.handle(f"stale_contact:{org.stale}", ReviewAction.LOG_TOUCH)
    first = review.finish()
    assert first.week == "2026-W48"
    assert first.actions == ((ReviewAction.LOG_TOUCH, 1),)
    review.handle(f"overdue_contact:{org.overdue}", ReviewAction.SKIP)
    review.handle(f"going_stale_contact:{org.going_stale}", ReviewAction.LOG_TOUCH)
    review.finish()
    history = review.history()
    assert [past.week for past in history.reviews] == ["2026-W48"]
    assert history.reviews[0].actions == ((ReviewAction.LOG_TOUCH, 2), (ReviewAction.SKIP, 1))
    assert history.reviews[0].handled == 3
    assert review.queue().finished_at == workspace.clock.now()


def test_the_streak_counts_weeks_in_a_row_up_to_this_week_or_the_last(
    workspace: Workspace,
) -> None:
    for day in (date(2026, 10, 26), date(2026, 11, 9), date(2026, 11, 16)):
        Workspace(workspace.db, FixedClock(day)).review.finish()
    history = workspace.review.history()
    assert history.streak == 2  # weeks 46 and 47; week 44 is cut off by the gap
    assert [past.week for past in history.reviews] == ["2026-W47", "2026-W46", "2026-W44"]
    workspace.review.finish()
    assert workspace.review.history().streak == 3
    assert workspace.review.history(date(2026, 12, 14)).streak == 0  # a week missed


def test_iso_weeks_cross_the_year() -> None:
    assert iso_week(date(2027, 1, 1)) == "2026-W53"
    assert week_start("2027-W01") == date(2027, 1, 4)
    assert streak({"2026-W53", "2027-W01"}, date(2027, 1, 6)) == 2


def test_an_empty_database_has_nothing_to_review(workspace: Workspace) -> None:
    queue = workspace.review.queue()
    assert queue.items == ()
    assert (queue.done, queue.total) == (0, 0)
    assert workspace.review.history().reviews == ()
