"""Which backups to keep: a pure rule over the times they were taken.

The newest few are kept whatever their age; beyond them, the newest backup of each of the
most recent days, ISO weeks and months that have one. Periods are counted among the
periods that *have* backups, not back from today, so a long holiday or a wrong system
clock never discards the history: the set kept depends only on the backups themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import datetime

KEEP_NEWEST = 5
KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9
MOST_KEPT = KEEP_NEWEST + KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY


def _day(moment: datetime) -> Hashable:
    return moment.date()


def _iso_week(moment: datetime) -> Hashable:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: datetime) -> Hashable:
    return (moment.year, moment.month)


def _newest_per_period(
    newest_first: Sequence[int],
    times: Sequence[datetime],
    period: Callable[[datetime], Hashable],
    periods: int,
) -> set[int]:
    kept: dict[Hashable, int] = {}
    for index in newest_first:
        key = period(times[index])
        if key not in kept:
            if len(kept) == periods:
                break
            kept[key] = index
    return set(kept.values())


def backups_to_keep(times: Sequence[datetime]) -> frozenset[int]:
    """The positions in ``times`` of the backups to keep; every other one may be deleted.

    Ties (two backups taken in the same second) are broken by position, later first, so
    the answer is the same however often it is asked.
    """
    newest_first = sorted(range(len(times)), key=lambda i: (times[i], i), reverse=True)
    kept = set(newest_first[:KEEP_NEWEST])
    kept |= _newest_per_period(newest_first, times, _day, KEEP_DAILY)
    kept |= _newest_per_period(newest_first, times, _iso_week, KEEP_WEEKLY)
    kept |= _newest_per_period(newest_first, times, _month, KEEP_MONTHLY)
    return frozenset(kept)
