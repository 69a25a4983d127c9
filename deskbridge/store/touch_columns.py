"""SQL that derives the keep-in-touch columns of contacts from what is stored.

A contact's last touch is its newest logged interaction, answer to an input request, or
completed joint task. The next touch date and the day after which it turns stale follow
from the effective cadence. The domain calls :func:`refresh_touch_columns` after every
write that can move them; :func:`touch_drift` compares the stored values with a
from-scratch computation so that ``deskbridge check`` can prove they never drift.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Select,
    Table,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import QueryableAttribute, Session, aliased
from sqlalchemy.sql.expression import ColumnElement

from deskbridge.store.models import (
    Contact,
    Department,
    InputRequest,
    Interaction,
    InteractionParticipant,
    Task,
    TaskAssignee,
)
from deskbridge.store.sql_dates import add_days, as_date, latest_of

CHUNK = 500


def last_touch_of(contact_id: ColumnElement[Any] | QueryableAttribute[Any]) -> ColumnElement[Any]:
    """The newest touch date for the contact whose id is ``contact_id`` (correlated)."""
    interactions = (
        select(func.max(Interaction.occurred_on).label("day"))
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .where(InteractionParticipant.contact_id == contact_id)
    )
    answers = select(func.max(InputRequest.answered_on).label("day")).where(
        InputRequest.asked_of_id == contact_id
    )
    tasks = (
        select(func.max(as_date(Task.completed_at)).label("day"))
        .join(TaskAssignee, TaskAssignee.task_id == Task.id)
        .where(TaskAssignee.contact_id == contact_id)
    )
    # Three correlated scalar subqueries, each an index lookup; a UNION in a derived table
    # could not see the outer contact.
    return latest_of(
        interactions.scalar_subquery(), answers.scalar_subquery(), tasks.scalar_subquery()
    )


def effective_cadence_of(contact: Any, default_cadence: int) -> ColumnElement[Any]:
    department_cadence = (
        select(Department.cadence_days)
        .where(Department.id == contact.department_id)
        .scalar_subquery()
    )
    return func.coalesce(contact.cadence_days, department_cadence, literal(default_cadence))


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh_touch_columns(
    session: Session | Connection, default_cadence: int, contact_ids: Iterable[int] | None = None
) -> None:
    """Recompute last touch, next touch and stale-after for the given contacts (None: all)."""
    scopes: list[Sequence[int] | None]
    scopes = [None] if contact_ids is None else list(_chunks(sorted(set(contact_ids))))
    table = cast(Table, Contact.__table__)
    for scope in scopes:
        where = [] if scope is None else [table.c.id.in_(scope)]
        session.execute(update(table).where(*where).values(last_touch_on=last_touch_of(table.c.id)))
        cadence = effective_cadence_of(table.c, default_cadence)
        next_touch = add_days(func.coalesce(table.c.last_touch_on, table.c.added_on), cadence)
        # Both are set from the old row, so stale-after adds the cadence twice.
        stale_after = add_days(next_touch, cadence)
        session.execute(
            update(table).where(*where).values(next_touch_on=next_touch, stale_after_on=stale_after)
        )


@dataclass(frozen=True)
class TouchDrift:
    contact_id: int
    full_name: str
    field: str
    stored: date | None
    expected: date | None


def _expected_columns(default_cadence: int) -> Select[Any]:
    c = aliased(Contact, name="c")
    last = last_touch_of(c.id).label("last")
    base = select(
        c.id,
        c.full_name,
        c.last_touch_on,
        c.next_touch_on,
        c.stale_after_on,
        last,
        effective_cadence_of(c, default_cadence).label("cadence"),
        c.added_on,
    ).subquery()
    next_touch = add_days(func.coalesce(base.c.last, base.c.added_on), base.c.cadence)
    stale_after = add_days(next_touch, base.c.cadence)
    return select(
        base.c.id, base.c.full_name,
        base.c.last_touch_on, base.c.last,
        base.c.next_touch_on, next_touch.label("next_expected"),
        base.c.stale_after_on, stale_after.label("stale_expected"),
    ).where(
        or_(
            base.c.last_touch_on.is_distinct_from(base.c.last),
            base.c.next_touch_on.is_distinct_from(next_touch),
            base.c.stale_after_on.is_distinct_from(stale_after),
        )
    )  # fmt: skip


def touch_drift(session: Session | Connection, default_cadence: int) -> list[TouchDrift]:
    """Every stored keep-in-touch value that differs from a from-scratch recomputation."""
    drift: list[TouchDrift] = []
    for row in session.execute(_expected_columns(default_cadence)):
        pairs = (
            ("last_touch_on", row[2], row[3]),
            ("next_touch_on", row[4], row[5]),
            ("stale_after_on", row[6], row[7]),
        )
        for field, stored, expected in pairs:
            stored_day = _as_day(stored)
            expected_day = _as_day(expected)
            if stored_day != expected_day:
                drift.append(TouchDrift(row[0], row[1], field, stored_day, expected_day))
    return drift


def _as_day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
