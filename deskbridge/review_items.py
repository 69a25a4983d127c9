"""The weekly review's vocabulary: the kinds of item, the actions that fit each, the items
and sections the queue is made of, the limits it keeps to, and the words its details use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from deskbridge.agenda import end_of_week
from deskbridge.records import PersonRef

CAP = 15
CHECKIN_DAYS = 14
QUIET_DAYS = 21
# Logging a touch on a quiet project fills in at most this many of its members.
MEMBERS_TO_LOG = 8


class ReviewKind(StrEnum):
    """The kinds of item, in the order the review walks them."""

    STALE_CONTACT = "stale_contact"
    GOING_STALE_CONTACT = "going_stale_contact"
    OVERDUE_CONTACT = "overdue_contact"
    OVERDUE_REQUEST = "overdue_request"
    UNTHANKED_ANSWER = "unthanked_answer"
    OPEN_REQUEST = "open_request"
    OVERDUE_TASK = "overdue_task"
    WAITING_TASK = "waiting_task"
    GOAL_NEEDS_CHECKIN = "goal_needs_checkin"
    QUIET_PROJECT = "quiet_project"


class ReviewAction(StrEnum):
    LOG_TOUCH = "log_touch"
    SNOOZE = "snooze"
    THANK = "thank"
    NUDGE = "nudge"
    CHECK_IN = "check_in"
    DONE = "done"
    SKIP = "skip"


A = ReviewAction
_CONTACT_ACTIONS = (A.LOG_TOUCH, A.SNOOZE, A.SKIP)
ACTIONS: dict[ReviewKind, tuple[ReviewAction, ...]] = {
    ReviewKind.STALE_CONTACT: _CONTACT_ACTIONS,
    ReviewKind.GOING_STALE_CONTACT: _CONTACT_ACTIONS,
    ReviewKind.OVERDUE_CONTACT: _CONTACT_ACTIONS,
    ReviewKind.OVERDUE_REQUEST: (A.NUDGE, A.SKIP),
    ReviewKind.UNTHANKED_ANSWER: (A.THANK, A.SKIP),
    ReviewKind.OPEN_REQUEST: (A.NUDGE, A.SKIP),
    ReviewKind.OVERDUE_TASK: (A.DONE, A.LOG_TOUCH, A.SKIP),
    ReviewKind.WAITING_TASK: (A.DONE, A.LOG_TOUCH, A.SKIP),
    ReviewKind.GOAL_NEEDS_CHECKIN: (A.CHECK_IN, A.SKIP),
    ReviewKind.QUIET_PROJECT: (A.LOG_TOUCH, A.SKIP),
}
"""The actions that fit each kind, the one most often wanted first."""


def item_key(kind: ReviewKind, thing_id: int) -> str:
    return f"{kind.value}:{thing_id}"


def parse_key(key: str) -> tuple[ReviewKind, int] | None:
    """The kind and id a key names; None for anything that is not such a key."""
    kind, _, number = key.partition(":")
    if kind not in ReviewKind._value2member_map_ or not number.isdigit():
        return None
    return ReviewKind(kind), int(number)


@dataclass(frozen=True)
class ReviewItem:
    kind: ReviewKind
    id: int
    """The contact's, request's, task's, goal's or project's id."""
    title: str
    detail: str
    people: tuple[int, ...] = ()
    """Who a logged touch is with: the contact, a task's other assignees, a project's team."""
    project_id: int | None = None
    """The project a touch logged from this item belongs to."""

    @property
    def key(self) -> str:
        return item_key(self.kind, self.id)

    @property
    def actions(self) -> tuple[ReviewAction, ...]:
        return ACTIONS[self.kind]


@dataclass(frozen=True)
class ReviewSection:
    kind: ReviewKind
    items: tuple[ReviewItem, ...]
    more: int
    """How many more of this kind there are beyond the items listed."""


@dataclass(frozen=True)
class QueueRules:
    today: date
    cap: int = CAP
    checkin_days: int = CHECKIN_DAYS
    quiet_days: int = QUIET_DAYS

    @property
    def next_sunday(self) -> date:
        return end_of_week(self.today) + timedelta(days=7)


# -- wording ----------------------------------------------------------------------------------


def days(count: int) -> str:
    return f"{count:,} day{'' if count == 1 else 's'}"


def short_day(day: date, today: date) -> str:
    """'Wed 2 Dec', with the year when it is not this year's."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def joined(*parts: str | None) -> str:
    return " · ".join(part for part in parts if part)


def names(people: Sequence[PersonRef], limit: int = 3) -> str:
    shown = ", ".join(p.name for p in people[:limit])
    return shown + (f" +{len(people) - limit}" if len(people) > limit else "")
