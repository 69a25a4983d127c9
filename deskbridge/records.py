"""What reads return: frozen, plain values that never hold a session or an ORM object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class TouchStatus(StrEnum):
    """Where a contact stands with the keep-in-touch rule on a given day, worst first."""

    STALE = "stale"
    OVERDUE = "overdue"
    DUE = "due"
    OK = "ok"
    SNOOZED = "snoozed"
    ARCHIVED = "archived"


@dataclass(frozen=True)
class DepartmentRecord:
    id: int
    name: str
    colour: str
    cadence_days: int | None
    notes: str


@dataclass(frozen=True)
class DepartmentSummary:
    """A department with how many people it holds and how many of them need a touch."""

    id: int
    name: str
    colour: str
    cadence_days: int | None
    notes: str
    contacts: int
    overdue: int
    due: int


@dataclass(frozen=True)
class ContactRecord:
    id: int
    full_name: str
    department_id: int | None
    department: str | None
    role: str
    location: str
    strengths: str
    notes: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    tags: tuple[str, ...]
    cadence_days: int | None
    snoozed_until: date | None
    archived: bool
    is_me: bool
    added_on: date
    last_touch_on: date | None
    next_touch_on: date
    stale_after_on: date

    @property
    def primary_email(self) -> str | None:
        return self.emails[0] if self.emails else None


@dataclass(frozen=True)
class DueContact:
    """One line of the keep-in-touch list."""

    id: int
    name: str
    email: str | None
    department: str | None
    last_touch: date | None
    next_touch: date
    status: TouchStatus


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str


@dataclass(frozen=True)
class InteractionRecord:
    id: int
    occurred_on: date
    kind: str
    summary: str
    notes: str
    outcome: str
    project_id: int | None
    participants: tuple[PersonRef, ...]


@dataclass(frozen=True)
class ContactSuggestion:
    """One line of a participant picker: enough to tell two people of the same name apart."""

    id: int
    name: str
    department: str | None
    email: str | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.department})" if self.department else self.name


@dataclass(frozen=True)
class InputRequestRecord:
    id: int
    asked_of: PersonRef
    topic: str
    question: str
    asked_on: date
    needed_by: date | None
    status: str
    answer_summary: str
    answered_on: date | None
    thanked_on: date | None
    thanks_note: str


@dataclass(frozen=True)
class DepartmentRef:
    """A department as lists show it: a name after a dot of its colour."""

    id: int
    name: str
    colour: str


@dataclass(frozen=True)
class CheckinRecord:
    id: int
    checked_on: date
    value: float
    note: str


@dataclass(frozen=True)
class GoalRecord:
    id: int
    title: str
    description: str
    owner_id: int | None
    owner_name: str | None
    metric_name: str
    metric_unit: str
    baseline: float
    target: float
    due_on: date | None
    status: str
    health: str | None
    created_on: date
    departments: tuple[DepartmentRef, ...]
    checkins: tuple[CheckinRecord, ...]

    @property
    def department_ids(self) -> tuple[int, ...]:
        return tuple(d.id for d in self.departments)

    @property
    def latest_value(self) -> float:
        return self.checkins[-1].value if self.checkins else self.baseline

    @property
    def progress(self) -> float:
        """Share of the way from baseline to target, 0.0 to 1.0 (can pass 1.0)."""
        span = self.target - self.baseline
        if span == 0:
            return 1.0
        return max(0.0, (self.latest_value - self.baseline) / span)

    @property
    def percent(self) -> int:
        """:attr:`progress` as a whole percentage, as the list and the detail show it."""
        return round(self.progress * 100)

    @property
    def starts_on(self) -> date:
        """Where the planned path begins: the day the goal was recorded, or its first
        check-in when that came earlier (goals entered after the work began)."""
        first = self.checkins[0].checked_on if self.checkins else self.created_on
        return min(first, self.created_on)


@dataclass(frozen=True)
class MemberRecord:
    contact: PersonRef
    role: str


@dataclass(frozen=True)
class ProjectRecord:
    id: int
    name: str
    purpose: str
    status: str
    starts_on: date | None
    ends_on: date | None
    department_ids: tuple[int, ...]
    members: tuple[MemberRecord, ...]
    goal_ids: tuple[int, ...]


@dataclass(frozen=True)
class TaskRecord:
    id: int
    title: str
    notes: str
    project_id: int | None
    due_on: date | None
    priority: str
    status: str
    completed_at: datetime | None
    assignees: tuple[PersonRef, ...]


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: int
    title: str
    score: float
