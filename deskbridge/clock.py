"""Time, injected: rules ask a clock for today instead of reading the system time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The local wall clock."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)


class FixedClock:
    """A clock stopped at one moment; tests and ``--today`` use it."""

    def __init__(self, moment: datetime | date) -> None:
        if not isinstance(moment, datetime):
            moment = datetime(moment.year, moment.month, moment.day, 9, 0)
        self.moment = moment

    def today(self) -> date:
        return self.moment.date()

    def now(self) -> datetime:
        return self.moment
