"""Interactions per department per month, kept in ``department_month_counts`` so that the
Coverage chart reads a hundred rows instead of grouping a year of meetings (1.4-2.0 s at
1,000,000 interactions).

The figure for a department and a month: the interactions of that calendar month with at
least one participant of the department who is not "me"; archived people count, and a
meeting with two people of one department counts once for it. So it moves when an
interaction is logged, edited or deleted, and when a participant changes department, stops
or starts being "me", or is deleted.

Writers keep it in the same transaction as their change:

- one interaction, or a few contacts: :func:`keeping_month_counts` counts exactly the
  interactions concerned before and after the change and applies the difference (about a
  millisecond for one meeting, where recounting one department-month from scratch reads a
  whole month of the log: ~140 ms);
- a department's people moving at once (department delete): :func:`recount_departments`;
- bulk loads (demo, archive restore): :func:`rebuild_month_counts`.

:func:`month_count_drift` compares the table with a from-scratch count for ``deskbridge
check``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Table, delete, false, func, select, update
from sqlalchemy.orm import Session

from deskbridge.progress import Progress, no_progress
from deskbridge.store.models import (
    Contact,
    DepartmentMonthCount,
    Interaction,
    InteractionParticipant,
)

CHUNK = 500
# Above this many interactions a change to some contacts recounts their departments instead:
# counting 20,000 interactions twice (before and after) costs about what recounting one
# large department does (~0.5 s at 1,000,000 interactions).
LARGE_CHANGE = 20_000
MonthKey = tuple[int, date]  # (department id, first day of the month)
counts_table = cast(Table, DepartmentMonthCount.__table__)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _as_day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _chunks(ids: Collection[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _tally(target: Session | Connection, *conditions: ColumnElement[bool]) -> Counter[MonthKey]:
    """The from-scratch count over the interactions and people ``conditions`` select.
    Grouped by day, not month, so the SQL is the same on every engine; a year is a few
    thousand rows to fold here."""
    query = (
        select(
            Contact.department_id,
            Interaction.occurred_on,
            func.count(Interaction.id.distinct()),
        )
        .select_from(Interaction)
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .join(Contact, Contact.id == InteractionParticipant.contact_id)
        .where(Contact.is_me == false(), Contact.department_id.is_not(None), *conditions)
        .group_by(Contact.department_id, Interaction.occurred_on)
    )
    counts: Counter[MonthKey] = Counter()
    for department_id, occurred_on, count in target.execute(query):
        assert department_id is not None  # filtered in SQL
        counts[(int(department_id), month_start(_as_day(occurred_on)))] += int(count)
    return counts


def tally_interactions(
    target: Session | Connection, interaction_ids: Collection[int]
) -> Counter[MonthKey]:
    """What these interactions add to each department's months, as stored right now."""
    counts: Counter[MonthKey] = Counter()
    for chunk in _chunks(interaction_ids):
        counts.update(_tally(target, Interaction.id.in_(chunk)))
    return counts


def interactions_of(target: Session | Connection, contact_ids: Collection[int]) -> set[int]:
    """The ids of every interaction these contacts took part in."""
    found: set[int] = set()
    for chunk in _chunks(contact_ids):
        found.update(
            target.scalars(
                select(InteractionParticipant.interaction_id).where(
                    InteractionParticipant.contact_id.in_(chunk)
                )
            )
        )
    return found


def _dialect(target: Session | Connection) -> str:
    bind = target.get_bind() if isinstance(target, Session) else target
    return bind.dialect.name


def _upsert(target: Session | Connection, rows: list[dict[str, Any]]) -> None:
    """Add ``interactions`` to each row's stored count, creating the rows not there yet."""
    statement: Any
    if _dialect(target) == "postgresql":
        from sqlalchemy.dialects import postgresql

        statement = postgresql.insert(counts_table)
    else:
        from sqlalchemy.dialects import sqlite

        statement = sqlite.insert(counts_table)
    # ON CONFLICT rather than UPDATE-then-INSERT: two team members logging the first meeting
    # of a month with one department at once must not collide on the key.
    target.execute(
        statement.on_conflict_do_update(
            index_elements=["department_id", "month"],
            set_={"interactions": counts_table.c.interactions + statement.excluded.interactions},
        ),
        rows,
    )


def shift_month_counts(
    target: Session | Connection, before: Counter[MonthKey], after: Counter[MonthKey]
) -> None:
    """Move the stored counts by ``after - before``; a count reaching zero loses its row."""
    c = counts_table.c
    changes = {key: after[key] - before[key] for key in before.keys() | after.keys()}
    gains = [
        {"department_id": d, "month": m, "interactions": n}
        for (d, m), n in sorted(changes.items())
        if n > 0
    ]
    losses = [((d, m), -n) for (d, m), n in sorted(changes.items()) if n < 0]
    for (department_id, month), lost in losses:
        key = (c.department_id == department_id) & (c.month == month)
        # Delete first: the table keeps no zero rows (a check constraint says so).
        target.execute(delete(counts_table).where(key, c.interactions <= lost))
        target.execute(update(counts_table).where(key).values(interactions=c.interactions - lost))
    if gains:
        _upsert(target, gains)


class MonthCountKeeper:
    """Collects the interactions a change concerns, with their counts from before it; see
    :func:`keeping_month_counts`."""

    def __init__(self, target: Session | Connection) -> None:
        self._target = target
        self._watched: set[int] = set()
        self._before: Counter[MonthKey] = Counter()
        # Contacts with too many interactions to count twice, and their departments.
        self._recounted: set[int] = set()
        self._departments: set[int] = set()

    def _flush(self) -> None:
        if isinstance(self._target, Session):
            self._target.flush()

    def watch(self, interaction_ids: Iterable[int]) -> None:
        """Interactions about to change (or be deleted): their counts as they stand now."""
        fresh = set(interaction_ids) - self._watched
        if fresh:
            self._flush()
            self._before.update(tally_interactions(self._target, fresh))
            self._watched |= fresh

    def watch_contacts(self, contact_ids: Iterable[int]) -> None:
        """Contacts about to change department, stop or start being "me", or be deleted."""
        ids = set(contact_ids)
        if not ids:
            return
        self._flush()
        concerned = interactions_of(self._target, ids)
        if len(concerned - self._watched) > LARGE_CHANGE:
            # Only these contacts' departments, as they were and as they will be, can move.
            self._recounted |= ids
            self._departments |= departments_of(self._target, ids)
        else:
            self.watch(concerned)

    def created(self, interaction_ids: Iterable[int]) -> None:
        """Interactions logged inside the block: they counted for nobody before."""
        self._watched |= set(interaction_ids)

    def settle(self) -> None:
        """Apply the difference between the watched interactions' counts now and before."""
        self._flush()
        after = tally_interactions(self._target, self._watched)
        shift_month_counts(self._target, self._before, after)
        # After the shift: a recount replaces whatever it gave those departments.
        if self._recounted:
            departments = self._departments | departments_of(self._target, self._recounted)
            recount_departments(self._target, departments)
        self._watched = set()
        self._before = Counter()
        self._recounted = set()
        self._departments = set()


@contextmanager
def keeping_month_counts(
    target: Session | Connection,
    *,
    interaction_ids: Iterable[int] = (),
    contact_ids: Iterable[int] = (),
) -> Iterator[MonthCountKeeper]:
    """Keep the monthly counts current across the change made inside the block, in the
    caller's transaction. Name up front (or through the yielded keeper, before changing
    them) every interaction and contact the change touches; tell the keeper of the
    interactions the block creates. Nothing is applied when the block raises."""
    keeper = MonthCountKeeper(target)
    keeper.watch(interaction_ids)
    keeper.watch_contacts(contact_ids)
    yield keeper
    keeper.settle()


def recount_departments(target: Session | Connection, department_ids: Iterable[int]) -> None:
    """Count these departments' months again from scratch (every month, departments that no
    longer exist losing their rows): for changes that move many people at once."""
    ids = sorted(set(department_ids))
    if not ids:
        return
    target.execute(delete(counts_table).where(counts_table.c.department_id.in_(ids)))
    counts = _tally(target, Contact.department_id.in_(ids))
    shift_month_counts(target, Counter(), counts)


def _months_logged(target: Session | Connection) -> list[date]:
    first, last = target.execute(
        select(func.min(Interaction.occurred_on), func.max(Interaction.occurred_on))
    ).one()
    if first is None or last is None:
        return []
    months = [month_start(_as_day(first))]
    while months[-1] < month_start(_as_day(last)):
        months.append(next_month(months[-1]))
    return months


def expected_month_counts(
    target: Session | Connection, progress: Progress = no_progress
) -> Counter[MonthKey]:
    """The counts computed from the log alone, a month at a time (each a range of the date
    index), calling ``progress`` after each month."""
    months = _months_logged(target)
    counts: Counter[MonthKey] = Counter()
    progress(0, len(months))
    for done, month in enumerate(months, start=1):
        counts.update(
            _tally(
                target,
                Interaction.occurred_on >= month,
                Interaction.occurred_on < next_month(month),
            )
        )
        progress(done, len(months))
    return counts


def stored_month_counts(target: Session | Connection) -> Counter[MonthKey]:
    rows = target.execute(
        select(counts_table.c.department_id, counts_table.c.month, counts_table.c.interactions)
    )
    return Counter({(int(d), _as_day(m)): int(n) for d, m, n in rows})


def rebuild_month_counts(target: Session | Connection, progress: Progress = no_progress) -> None:
    """Replace the whole table with a from-scratch count (about 3 s at 1,000,000
    interactions): after bulk loads, and to repair drift."""
    counts = expected_month_counts(target, progress)
    target.execute(delete(counts_table))
    shift_month_counts(target, Counter(), counts)


@dataclass(frozen=True)
class MonthCountDrift:
    department_id: int
    month: date
    stored: int
    expected: int


def month_count_drift(target: Session | Connection) -> list[MonthCountDrift]:
    """Every stored count that differs from a from-scratch count, by department and month."""
    stored = stored_month_counts(target)
    expected = expected_month_counts(target)
    return [
        MonthCountDrift(key[0], key[1], stored[key], expected[key])
        for key in sorted(stored.keys() | expected.keys())
        if stored[key] != expected[key]
    ]


def departments_of(target: Session | Connection, contact_ids: Collection[int]) -> set[int]:
    """The departments these contacts are in now (for :func:`recount_departments`)."""
    found: set[int] = set()
    for chunk in _chunks(contact_ids):
        found.update(
            d
            for d in target.scalars(
                select(Contact.department_id).where(Contact.id.in_(chunk)).distinct()
            )
            if d is not None
        )
    return found
