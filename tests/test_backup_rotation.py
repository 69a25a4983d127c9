"""The rotation rule over random backup times: what is kept, and that nothing else is."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from deskbridge.backup_rotation import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_NEWEST,
    KEEP_WEEKLY,
    MOST_KEPT,
    backups_to_keep,
)

backup_times = st.lists(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)),
    max_size=120,
)
# Backups clustered like a real app's: every ~30 minutes on some days, over months.
clustered_times = st.lists(
    st.tuples(st.integers(0, 400), st.integers(0, 47)).map(
        lambda day_slot: (
            datetime(2026, 1, 1) + timedelta(days=day_slot[0], minutes=30 * day_slot[1])
        )
    ),
    max_size=200,
)

PERIODS: list[tuple[Callable[[datetime], Hashable], int]] = [
    (lambda t: t.date(), KEEP_DAILY),
    (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
    (lambda t: (t.year, t.month), KEEP_MONTHLY),
]


def newest_first(times: list[datetime]) -> list[int]:
    return sorted(range(len(times)), key=lambda i: (times[i], i), reverse=True)


def newest_of_recent_periods(
    times: list[datetime], period: Callable[[datetime], Hashable], count: int
) -> set[int]:
    newest: dict[Hashable, int] = {}
    for index in newest_first(times):
        newest.setdefault(period(times[index]), index)
    recent = sorted(newest, key=lambda key: times[newest[key]], reverse=True)[:count]
    return {newest[key] for key in recent}


@given(st.one_of(backup_times, clustered_times))
def test_the_newest_five_are_always_kept(times: list[datetime]) -> None:
    assert set(newest_first(times)[:KEEP_NEWEST]) <= backups_to_keep(times)


@given(st.one_of(backup_times, clustered_times))
def test_the_newest_of_each_recent_day_week_and_month_is_kept(times: list[datetime]) -> None:
    kept = backups_to_keep(times)
    for period, count in PERIODS:
        assert newest_of_recent_periods(times, period, count) <= kept


@given(st.one_of(backup_times, clustered_times))
def test_nothing_else_is_kept(times: list[datetime]) -> None:
    expected = set(newest_first(times)[:KEEP_NEWEST])
    for period, count in PERIODS:
        expected |= newest_of_recent_periods(times, period, count)
    assert backups_to_keep(times) == expected
    assert len(expected) <= MOST_KEPT


@given(st.one_of(backup_times, clustered_times))
def test_rotating_again_keeps_everything_that_was_kept(times: list[datetime]) -> None:
    kept = sorted(backups_to_keep(times))
    survivors = [times[i] for i in kept]
    assert backups_to_keep(survivors) == frozenset(range(len(survivors)))


@given(st.one_of(backup_times, clustered_times))
def test_the_order_they_are_listed_in_does_not_matter(times: list[datetime]) -> None:
    reordered = list(reversed(times))
    kept = {reordered[i] for i in backups_to_keep(reordered)}
    assert kept == {times[i] for i in backups_to_keep(times)}


def test_a_year_of_half_hourly_backups_keeps_a_bounded_history() -> None:
    start = datetime(2026, 1, 1)
    times = [start + timedelta(minutes=30 * n) for n in range(365 * 48)]
    kept = sorted(times[i] for i in backups_to_keep(times))
    assert len(kept) <= MOST_KEPT
    assert kept[-KEEP_NEWEST:] == times[-KEEP_NEWEST:]
    assert kept[0].year == 2026 and kept[0].month == 12 - KEEP_MONTHLY + 1  # nine months back


def test_nothing_to_rotate_keeps_nothing() -> None:
    assert backups_to_keep([]) == frozenset()
