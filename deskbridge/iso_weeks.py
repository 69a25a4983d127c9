"""ISO 8601 weeks (Monday to Sunday), written ``2026-W48``: the unit of the weekly review
and of the weekly digest."""

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
