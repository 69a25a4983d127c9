"""What the weekly digest is made of: the ISO week it covers and frozen values for each
section. Plain data, shared by the reader (digest.py) and the writers (digest_render.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from deskbridge.errors import ValidationError

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEK_PATTERN = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO 8601 week (Monday to Sunday), written ``2026-W48``."""

    year: int
    week: int

    def __post_init__(self) -> None:
        try:
            date.fromisocalendar(self.year, self.week, 1)
        except ValueError:
            raise ValidationError("week", f"{self.year} has no week {self.week}") from None

    @classmethod
    def containing(cls, day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2026-W48`` (also ``2026W48``, ``2026-w48``); ValidationError on field "week"."""
        found = _WEEK_PATTERN.match(text)
        if found is None:
            raise ValidationError("week", f"{text!r} is not an ISO week like 2026-W48")
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def starts_on(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def ends_on(self) -> date:
        return date.fromisocalendar(self.year, self.week, 7)

    def previous(self) -> IsoWeek:
        return IsoWeek.containing(self.starts_on - timedelta(days=7))

    def next(self) -> IsoWeek:
        return IsoWeek.containing(self.starts_on + timedelta(days=7))

    @property
    def label(self) -> str:
        """``Week 48 · 23–29 Nov 2026``; the month and year appear once where shared."""
        first, last = self.starts_on, self.ends_on
        if first.year != last.year:
            span = f"{_day(first, year=True)} – {_day(last, year=True)}"
        elif first.month != last.month:
            span = f"{_day(first)} – {_day(last, year=True)}"
        else:
            span = f"{first.day}–{_day(last, year=True)}"
        return f"Week {self.week} · {span}"

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def _day(day: date, *, year: bool = False) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


@dataclass(frozen=True)
class ProjectMove:
    """A project that moved this week, and how."""

    id: int
    name: str
    status: str
    tasks_done: int
    meetings: int
    created: bool
    started: bool
    finished: bool
    done_titles: tuple[str, ...]
    departments: tuple[str, ...]


@dataclass(frozen=True)
class GoalProgress:
    """An active goal where it stood at the end of the week."""

    id: int
    title: str
    metric_name: str
    metric_unit: str
    baseline: float
    target: float
    value: float
    percent: int
    checkins_this_week: int
    change_this_week: float | None
    due_on: date | None
    departments: tuple[str, ...]


@dataclass(frozen=True)
class AnswerReceived:
    request_id: int
    person: str
    department: str | None
    topic: str
    answer_summary: str
    answered_on: date


@dataclass(frozen=True)
class ThanksGiven:
    request_id: int
    person: str
    department: str | None
    topic: str
    thanked_on: date


@dataclass(frozen=True)
class DepartmentMeetings:
    """How many logged meetings (of any kind) included someone from a department."""

    department: str | None
    colour: str | None
    meetings: int
    people: int


@dataclass(frozen=True)
class Highlight:
    """A meeting that recorded an outcome: its summary, what came of it, and who was there."""

    interaction_id: int
    occurred_on: date
    kind: str
    summary: str
    outcome: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class UpcomingTask:
    id: int
    title: str
    due_on: date
    project: str | None
    assignees: tuple[str, ...]


@dataclass(frozen=True)
class UpcomingAsk:
    id: int
    topic: str
    person: str
    department: str | None
    needed_by: date


@dataclass(frozen=True)
class GoalDue:
    id: int
    title: str
    due_on: date
    percent: int


@dataclass(frozen=True)
class Digest:
    """One week's newsletter. Lists hold at most the read's ``limit`` items; the ``*_total``
    and headline figures count everything."""

    week: IsoWeek
    meetings: int
    departments_met: int
    answers_received: int
    thanks_given: int
    tasks_done: int
    projects: tuple[ProjectMove, ...]
    tasks_done_outside_projects: int
    goals: tuple[GoalProgress, ...]
    goals_total: int
    answers: tuple[AnswerReceived, ...]
    thanks: tuple[ThanksGiven, ...]
    by_department: tuple[DepartmentMeetings, ...]
    highlights: tuple[Highlight, ...]
    upcoming_tasks: tuple[UpcomingTask, ...]
    upcoming_tasks_total: int
    upcoming_asks: tuple[UpcomingAsk, ...]
    upcoming_asks_total: int
    goals_due: tuple[GoalDue, ...]

    @property
    def is_quiet(self) -> bool:
        """Nothing happened: no meeting, answer, thanks or finished task."""
        return not (self.meetings or self.answers_received or self.thanks_given or self.tasks_done)

    @property
    def has_upcoming(self) -> bool:
        return bool(self.upcoming_tasks or self.upcoming_asks or self.goals_due)


def percent(value: float, baseline: float, target: float) -> int:
    """How far ``value`` has come from ``baseline`` to ``target``, as GoalRecord.percent."""
    span = target - baseline
    if span == 0:
        return 100
    return round(max(0.0, (value - baseline) / span) * 100)
