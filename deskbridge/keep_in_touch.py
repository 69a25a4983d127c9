"""The keep-in-touch rule, and the due list it produces.

A contact's effective cadence is its own, else its department's, else the global default.
Its next touch date is last touch + cadence (never touched: added + cadence). On a day:
overdue when the next touch date has passed; due when it falls within the next
``DUE_WINDOW_DAYS`` days (today included); stale when overdue by more than one further
cadence. Snoozed (until a later day), archived and "me" contacts are none of these.

The pure functions here are the reference; the stored columns and the SQL due list must
agree with them (tests compare both on random data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import (
    Date,
    Select,
    String,
    Table,
    and_,
    bindparam,
    false,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.records import DueContact, TouchStatus
from deskbridge.settings import DEFAULT_CADENCE_KEY, default_cadence, store_setting
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, ContactEmail, Department
from deskbridge.store.touch_columns import refresh_touch_columns
from deskbridge.validation import cadence as valid_cadence

DUE_WINDOW_DAYS = 7


def effective_cadence(own: int | None, department: int | None, default: int) -> int:
    if own is not None:
        return own
    if department is not None:
        return department
    return default


@dataclass(frozen=True)
class TouchSchedule:
    next_touch: date
    stale_after: date


def schedule(added_on: date, last_touch: date | None, cadence_days: int) -> TouchSchedule:
    step = timedelta(days=cadence_days)
    next_touch = (last_touch or added_on) + step
    return TouchSchedule(next_touch=next_touch, stale_after=next_touch + step)


def status_on(
    today: date,
    plan: TouchSchedule,
    *,
    snoozed_until: date | None = None,
    archived: bool = False,
    is_me: bool = False,
) -> TouchStatus:
    """The contact's standing on ``today`` under the rule in this module's docstring."""
    if archived or is_me:
        return TouchStatus.ARCHIVED
    if snoozed_until is not None and snoozed_until > today:
        return TouchStatus.SNOOZED
    if plan.stale_after < today:
        return TouchStatus.STALE
    if plan.next_touch < today:
        return TouchStatus.OVERDUE
    if plan.next_touch <= today + timedelta(days=DUE_WINDOW_DAYS):
        return TouchStatus.DUE
    return TouchStatus.OK


def _due_bands() -> list[tuple[TouchStatus, Select[Any], Select[Any]]]:
    """Per status, its slice of the due list with and without a row limit. Built once: a
    statement object keeps its cache key, so each call skips building and keying it."""
    # Core tables, not mapped classes: the list needs no ORM, and the CLI's `due` then
    # skips configuring every mapper (~50 ms) before it can answer.
    contacts = cast(Table, Contact.__table__)
    c = contacts.c
    departments = cast(Table, Department.__table__)
    primary = cast(Table, ContactEmail.__table__).alias("primary_email")
    day = bindparam("day", type_=Date)
    base = (
        select(
            c.id,
            c.full_name,
            primary.c.address,
            departments.c.name,
            # Parsed with date.fromisoformat, several times quicker than the generic Date
            # type on a list of ten thousand rows.
            type_coerce(c.last_touch_on, String),
            type_coerce(c.next_touch_on, String),
        )
        .select_from(
            contacts.outerjoin(departments, departments.c.id == c.department_id).outerjoin(
                primary, and_(primary.c.contact_id == c.id, primary.c.position == 0)
            )
        )
        .where(
            c.archived == false(),
            c.is_me == false(),
            or_(c.snoozed_until.is_(None), c.snoozed_until <= day),
        )
        .order_by(c.next_touch_on, c.full_name, c.id)
    )
    # One query per status, each walking the next-touch index in order, so the first
    # screenful costs the same however many contacts are due.
    bands = (
        (TouchStatus.STALE, [c.next_touch_on < day, c.stale_after_on < day]),
        (TouchStatus.OVERDUE, [c.next_touch_on < day, c.stale_after_on >= day]),
        (
            TouchStatus.DUE,
            [c.next_touch_on >= day, c.next_touch_on <= bindparam("horizon", type_=Date)],
        ),
    )
    return [
        (status, base.where(*band).limit(bindparam("wanted")), base.where(*band))
        for status, band in bands
    ]


_DUE_BANDS = _due_bands()


def _same_day(value: date) -> date:
    return value


class KeepInTouch:
    """Due lists and the cadence settings behind them."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def due(self, today: date | None = None, limit: int | None = None) -> list[DueContact]:
        """Stale, overdue and due contacts on ``today``, most urgent first (by status, then
        by next touch date, then by name)."""
        day = today or self._clock.today()
        values = {"day": day, "horizon": day + timedelta(days=DUE_WINDOW_DAYS)}
        # SQLite hands the coerced dates back as ISO text; other drivers as dates.
        parse = date.fromisoformat if self._db.is_sqlite else _same_day
        found: list[DueContact] = []
        with self._db.reading() as session:
            connection = session.connection()
            for status, limited, unlimited in _DUE_BANDS:
                if limit is None:
                    rows = connection.execute(unlimited, values).all()
                elif limit > len(found):
                    rows = connection.execute(
                        limited, {**values, "wanted": limit - len(found)}
                    ).all()
                else:
                    break
                found.extend(
                    DueContact(key, name, email, dept, last and parse(last), parse(nxt), status)
                    for key, name, email, dept, last, nxt in rows
                )
        return found

    def due_count(self, today: date | None = None) -> int:
        """How many contacts :meth:`due` would list on ``today``."""
        day = today or self._clock.today()
        query = select(func.count(Contact.id)).where(
            Contact.archived == false(),
            Contact.is_me == false(),
            Contact.next_touch_on <= day + timedelta(days=DUE_WINDOW_DAYS),
            or_(Contact.snoozed_until.is_(None), Contact.snoozed_until <= day),
        )
        with self._db.reading() as session:
            return session.scalar(query) or 0

    def default_cadence(self) -> int:
        with self._db.reading() as session:
            return default_cadence(session)

    def set_default_cadence(self, days: int) -> None:
        """Change the global default cadence; every contact that relies on it moves."""
        checked = valid_cadence("default cadence", days)
        assert checked is not None
        with self._db.unit_of_work() as session:
            store_setting(session, DEFAULT_CADENCE_KEY, str(checked))
            session.flush()
            refresh_touch_columns(session, checked)


def refresh_contacts(session: Session, contact_ids: list[int] | set[int]) -> None:
    """Re-derive the keep-in-touch columns of these contacts inside the caller's unit of work."""
    session.flush()
    refresh_touch_columns(session, default_cadence(session), contact_ids)
    # The UPDATE ran beside the ORM: make loaded objects re-read their touch columns.
    session.expire_all()
