"""What the weekly digest is made of: the ISO week it covers and frozen values for each
section. Plain data, shared by the reader (digest.py) and the writers (digest_render.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from deskbridge.iso_weeks import IsoWeek


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
