"""The closed sets of values the schema accepts; CHECK constraints are built from these."""

from enum import StrEnum


class InteractionKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    CHAT = "chat"
    COFFEE = "coffee"
    WORKSHOP = "workshop"
    OTHER = "other"


class RequestStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    MISSED = "missed"
    DROPPED = "dropped"


class GoalHealth(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


class ProjectStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


def check_in(column: str, values: type[StrEnum]) -> str:
    """SQL for a CHECK constraint that limits ``column`` to the members of ``values``.

    Spelled as ``a = 'x' OR a = 'y'`` rather than ``a IN ('x', 'y')``: SQLite evaluates an
    IN list in a CHECK constraint so slowly that it doubled the cost of a bulk insert."""
    return "(" + " OR ".join(f"{column} = '{member.value}'" for member in values) + ")"
