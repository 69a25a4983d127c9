"""The weekly review: this ISO week's queue, the user's progress through it, finishing it,
and the history of past reviews with their streak.

Progress is the list of item keys handled this week with the action taken, kept in the
``settings`` table under one key, so it survives a restart without a table of its own; a
new week starts with none. An item acted on through its real operation (a touch logged, a
request thanked) also leaves the queue by itself, because the queue is re-read from the
rules; marking it handled only counts it and keeps a skipped item out.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from deskbridge.agenda import end_of_week
from deskbridge.clock import Clock
from deskbridge.errors import ValidationError
from deskbridge.iso_weeks import IsoWeek
from deskbridge.review_items import (
    ACTIONS,
    CAP,
    CHECKIN_DAYS,
    QUIET_DAYS,
    QueueRules,
    ReviewAction,
    ReviewItem,
    ReviewSection,
    parse_key,
)
from deskbridge.review_queue import read_sections
from deskbridge.settings import store_setting
from deskbridge.store.database import Database
from deskbridge.store.models import Setting, WeeklyReview

PROGRESS_KEY = "weekly_review_progress"
CHECKIN_DAYS_KEY = "review_checkin_days"
QUIET_DAYS_KEY = "review_quiet_project_days"
HISTORY_LIMIT = 52


def iso_week(day: date) -> str:
    """'2026-W48' for any day of that ISO week: how a review's week is stored."""
    return str(IsoWeek.containing(day))


def week_start(week: str) -> date:
    """The Monday of an ISO week written '2026-W48'."""
    return IsoWeek.parse(week).starts_on


@dataclass(frozen=True)
class HandledItem:
    key: str
    action: ReviewAction


@dataclass(frozen=True)
class ReviewQueue:
    """This week's review as it stands: what is left, kind by kind, and what was handled."""

    week: str
    today: date
    sections: tuple[ReviewSection, ...]
    handled: tuple[HandledItem, ...]
    finished_at: datetime | None
    """When this week's review was last finished (None: not yet)."""

    @property
    def starts_on(self) -> date:
        return week_start(self.week)

    @property
    def ends_on(self) -> date:
        return end_of_week(self.starts_on)

    @property
    def items(self) -> tuple[ReviewItem, ...]:
        """Every item left, in review order."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def done(self) -> int:
        return len(self.handled)

    @property
    def total(self) -> int:
        return self.done + len(self.items)


@dataclass(frozen=True)
class PastReview:
    week: str
    completed_at: datetime
    actions: tuple[tuple[ReviewAction, int], ...]
    """How many items each action handled, the most used first."""

    @property
    def handled(self) -> int:
        return sum(count for _, count in self.actions)

    @property
    def starts_on(self) -> date:
        return week_start(self.week)


@dataclass(frozen=True)
class ReviewHistory:
    streak: int
    """Consecutive ISO weeks with a finished review, up to this week or the last."""
    reviews: tuple[PastReview, ...]
    """Newest first."""


def _read_progress(session: Session, week: str) -> list[HandledItem]:
    stored = session.scalar(select(Setting.value).where(Setting.key == PROGRESS_KEY))
    return _progress(stored, week)


def _progress(stored: str | None, week: str) -> list[HandledItem]:
    if stored is None:
        return []
    try:
        data = json.loads(stored)
    except ValueError:
        return []
    if not isinstance(data, dict) or data.get("week") != week:
        return []
    return _handled_items(data.get("handled"))


def _handled_items(data: object) -> list[HandledItem]:
    """The (key, action) pairs of stored JSON, leaving out anything not understood."""
    if not isinstance(data, list):
        return []
    found = []
    for entry in data:
        if isinstance(entry, dict):
            key, action = entry.get("key"), entry.get("action")
            if isinstance(key, str) and action in ReviewAction._value2member_map_:
                found.append(HandledItem(key, ReviewAction(str(action))))
    return found


def _as_list(handled: list[HandledItem]) -> list[dict[str, str]]:
    return [{"key": h.key, "action": h.action.value} for h in handled]


def _store_progress(session: Session, week: str, handled: list[HandledItem]) -> None:
    value = json.dumps({"week": week, "handled": _as_list(handled)})
    store_setting(session, PROGRESS_KEY, value)


def _int_setting(session: Session, key: str, default: int) -> int:
    stored = session.scalar(select(Setting.value).where(Setting.key == key))
    return _whole_number(stored, default)


def _whole_number(stored: str | None, default: int) -> int:
    try:
        return int(stored) if stored is not None else default
    except ValueError:
        return default


def _past(review: WeeklyReview) -> PastReview:
    try:
        handled = _handled_items(json.loads(review.acted_on))
    except ValueError:
        handled = []
    counts = Counter(h.action for h in handled)
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], list(ReviewAction).index(pair[0])))
    return PastReview(review.iso_week, review.completed_at, tuple(ordered))


def streak(weeks: set[str], today: date) -> int:
    """How many consecutive weeks in ``weeks`` end at ``today``'s week, or at the week
    before it (this week's review may still be to come)."""
    day = today if iso_week(today) in weeks else today - timedelta(days=7)
    count = 0
    while iso_week(day) in weeks:
        count += 1
        day -= timedelta(days=7)
    return count


class WeeklyReviews:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def queue(self, today: date | None = None, *, cap: int = CAP) -> ReviewQueue:
        """The review of ``today``'s ISO week: each kind's most urgent items not yet
        handled (at most ``cap`` a kind, fewer by those handled), and the progress."""
        day = today or self._clock.today()
        week = iso_week(day)
        with self._db.reading() as session:
            # The progress and both thresholds in one statement: the queue is re-read after
            # every item handled, so each statement of it counts.
            keys = (PROGRESS_KEY, CHECKIN_DAYS_KEY, QUIET_DAYS_KEY)
            found = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
            stored: dict[str, str] = dict(found.all())
            handled = _progress(stored.get(PROGRESS_KEY), week)
            rules = QueueRules(
                day,
                cap,
                _whole_number(stored.get(CHECKIN_DAYS_KEY), CHECKIN_DAYS),
                _whole_number(stored.get(QUIET_DAYS_KEY), QUIET_DAYS),
            )
            sections = read_sections(session, rules, {h.key for h in handled})
            finished = session.scalar(
                select(WeeklyReview.completed_at).where(WeeklyReview.iso_week == week)
            )
        return ReviewQueue(week, day, tuple(sections), tuple(handled), finished)

    def handle(self, key: str, action: ReviewAction | str, today: date | None = None) -> None:
        """Count the item ``key`` as handled this week by ``action``; it leaves the queue."""
        parsed = parse_key(key)
        if parsed is None:
            raise ValidationError("item", f"{key!r} is not a review item")
        if action not in ReviewAction._value2member_map_:
            raise ValidationError("action", f"{action!r} is not a review action")
        chosen = ReviewAction(action)
        if chosen not in ACTIONS[parsed[0]]:
            raise ValidationError("action", f"{chosen.value} does not apply to {parsed[0].value}")
        week = iso_week(today or self._clock.today())
        with self._db.unit_of_work() as session:
            handled = [h for h in _read_progress(session, week) if h.key != key]
            handled.append(HandledItem(key, chosen))
            _store_progress(session, week, handled)

    def unhandle(self, key: str, today: date | None = None) -> None:
        """Put a handled item back in the queue (if its rule still picks it)."""
        week = iso_week(today or self._clock.today())
        with self._db.unit_of_work() as session:
            handled = _read_progress(session, week)
            _store_progress(session, week, [h for h in handled if h.key != key])

    def progress(self, today: date | None = None) -> tuple[HandledItem, ...]:
        """What was handled this week, in the order it was handled."""
        week = iso_week(today or self._clock.today())
        with self._db.reading() as session:
            return tuple(_read_progress(session, week))

    def finish(self, today: date | None = None) -> PastReview:
        """Store this week's review with what was handled; finishing again the same week
        updates it."""
        week = iso_week(today or self._clock.today())
        with self._db.unit_of_work() as session:
            handled = _read_progress(session, week)
            review = session.scalar(select(WeeklyReview).where(WeeklyReview.iso_week == week))
            if review is None:
                review = WeeklyReview(iso_week=week)
                session.add(review)
            review.completed_at = self._clock.now()
            review.acted_on = json.dumps(_as_list(handled))
            session.flush()
            return _past(review)

    def history(self, today: date | None = None, *, limit: int = HISTORY_LIMIT) -> ReviewHistory:
        """Past reviews, newest first, and the streak up to ``today``."""
        day = today or self._clock.today()
        with self._db.reading() as session:
            weeks = set(session.scalars(select(WeeklyReview.iso_week)))
            rows = session.scalars(
                select(WeeklyReview).order_by(WeeklyReview.iso_week.desc()).limit(limit)
            )
            reviews = tuple(_past(review) for review in rows)
        return ReviewHistory(streak(weeks, day), reviews)

    def thresholds(self) -> tuple[int, int]:
        """Days without a check-in before a goal, and without activity before a project,
        come up in the review."""
        with self._db.reading() as session:
            return (
                _int_setting(session, CHECKIN_DAYS_KEY, CHECKIN_DAYS),
                _int_setting(session, QUIET_DAYS_KEY, QUIET_DAYS),
            )

    def set_thresholds(self, checkin_days: int, quiet_days: int) -> None:
        for field, value in (("check-in days", checkin_days), ("quiet days", quiet_days)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 365:
                raise ValidationError(field, "must be a whole number of days from 1 to 365")
        with self._db.unit_of_work() as session:
            store_setting(session, CHECKIN_DAYS_KEY, str(checkin_days))
            store_setting(session, QUIET_DAYS_KEY, str(quiet_days))
