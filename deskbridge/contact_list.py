"""The contacts table's rows: filtered and sorted in SQL, read a page at a time.

Pages are keyset pages (``after`` the last row's sort key), so the thousandth page costs
what the first does, and a view can scroll through 100,000 contacts holding only what it
has shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Select,
    String,
    Table,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
    type_coerce,
)

from deskbridge.clock import Clock
from deskbridge.contact_text_filter import ContactTextFilter
from deskbridge.keep_in_touch import DUE_WINDOW_DAYS
from deskbridge.records import TouchStatus
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, ContactEmail, ContactTag, Department

PAGE_SIZE = 200


class SortKey(StrEnum):
    NAME = "name"
    DEPARTMENT = "department"
    LAST_TOUCH = "last_touch"
    NEXT_TOUCH = "next_touch"


@dataclass(frozen=True)
class ContactFilter:
    """What the contacts table shows. ``archived``: False active only, True archived only,
    None both. ``text`` matches names, e-mails, roles, strengths, notes and tags as prefixes."""

    text: str = ""
    department_id: int | None = None
    tag: str | None = None
    status: TouchStatus | None = None
    archived: bool | None = False


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    department: str | None
    department_colour: str | None
    role: str
    email: str | None
    last_touch: date | None
    next_touch: date
    status: TouchStatus
    tags: tuple[str, ...]
    is_me: bool = False
    """The user: never reminded, so filed with the archived, but not archived."""


@dataclass(frozen=True)
class ContactPage:
    rows: tuple[ContactRow, ...]
    after: tuple[Any, ...] | None
    """Pass to the next :meth:`ContactList.page` call; None when this was the last page."""


def _sort_key(row: Any, sort: SortKey) -> tuple[Any, ...]:
    """Where the next page starts: the row's sort value (if any), name and id."""
    first = {
        SortKey.NAME: (),
        SortKey.DEPARTMENT: (row[2] or "",),
        SortKey.LAST_TOUCH: (_day(row[6]) if row[6] is not None else None,),
        SortKey.NEXT_TOUCH: (_day(row[7]),),
    }[sort]
    return (*first, row[1], row[0])


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


class ContactList:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._text = ContactTextFilter(db.is_sqlite)

    def page(
        self,
        shown: ContactFilter = ContactFilter(),
        *,
        sort: SortKey = SortKey.NAME,
        descending: bool = False,
        after: tuple[Any, ...] | None = None,
        offset: int = 0,
        limit: int = PAGE_SIZE,
        today: date | None = None,
    ) -> ContactPage:
        """Up to ``limit`` rows after the row whose sort key is ``after`` or, without
        ``after``, from row ``offset`` on (a view jumping to the end of the list). Every
        order walks an index, so a page costs the same at 100 contacts or 100,000, and an
        offset costs a walk along that index (under 2 ms to the end of 100,000)."""
        day = today or self._clock.today()
        contacts = cast(Table, Contact.__table__)
        # Two steps: the ids of the page first, then what the table shows for just those.
        # A filter matching thousands then joins departments and e-mails for 200 rows only.
        reach = limit + (offset if after is None else 0)
        base = self._filtered(select(contacts.c.id).select_from(contacts), shown, day, reach)
        with self._db.reading() as session:
            connection = session.connection()
            self._text.prepare(connection)
            if sort is SortKey.DEPARTMENT:
                ids = self._by_department(connection, base, descending, after, offset, limit)
            else:
                query = self._ordered(base, sort, descending, after, limit)
                if after is None and offset > 0:
                    query = query.offset(offset)
                ids = list(connection.scalars(query))
            details = {
                row[0]: row
                for row in connection.execute(self._columns(day).where(contacts.c.id.in_(ids)))
            }
            rows = [details[contact_id] for contact_id in ids]
            tags = self._tags(connection, ids)
        found = tuple(
            ContactRow(
                id=row[0],
                name=row[1],
                department=row[2],
                department_colour=row[3],
                role=row[4],
                email=row[5],
                last_touch=_day(row[6]) if row[6] is not None else None,
                next_touch=_day(row[7]),
                status=TouchStatus(row[8]),
                tags=tuple(tags[row[0]]),
                is_me=bool(row[10]),
            )
            for row in rows
        )
        return ContactPage(
            rows=found, after=_sort_key(rows[-1], sort) if len(rows) == limit else None
        )

    def _columns(self, day: date) -> Select[Any]:
        c = cast(Table, Contact.__table__).c
        departments = cast(Table, Department.__table__)
        primary = cast(Table, ContactEmail.__table__).alias("primary_email")
        return select(
            c.id,
            c.full_name,
            departments.c.name,
            departments.c.colour,
            c.role,
            primary.c.address,
            type_coerce(c.last_touch_on, String),
            type_coerce(c.next_touch_on, String),
            self._status(day),
            c.department_id,
            c.is_me,
        ).select_from(
            cast(Table, Contact.__table__)
            .outerjoin(departments, departments.c.id == c.department_id)
            .outerjoin(primary, and_(primary.c.contact_id == c.id, primary.c.position == 0))
        )

    @staticmethod
    def _ordered(
        base: Select[Any],
        sort: SortKey,
        descending: bool,
        after: tuple[Any, ...] | None,
        limit: int,
    ) -> Select[Any]:
        c = cast(Table, Contact.__table__).c
        tail = [c.full_name, c.id]
        if sort is SortKey.LAST_TOUCH:
            # Never-touched contacts (NULL) come first going up and last going down, which
            # is SQLite's own order, so the index serves it.
            first = c.last_touch_on
            order: list[Any] = [
                first.desc().nulls_last() if descending else first.asc().nulls_first()
            ]
        elif sort is SortKey.NEXT_TOUCH:
            first = c.next_touch_on
            order = [first.desc() if descending else first]
        else:
            first = None
            order = []
        order += [key.desc() if descending else key for key in tail]
        query = base.order_by(*order).limit(limit)
        if after is None:
            return query
        rest = tuple_(*tail)
        rest_bound = tuple_(*[literal(value) for value in after[-2:]])
        beyond = rest < rest_bound if descending else rest > rest_bound
        if first is None:
            return query.where(beyond)
        value = after[0]
        if value is None:  # the cursor sits among the never-touched contacts
            if descending:
                return query.where(first.is_(None), beyond)
            return query.where(or_(first.is_not(None), and_(first.is_(None), beyond)))
        # A row value, not an OR of cases: SQLite turns it into a range on the index.
        position = tuple_(first, *tail)
        bound = tuple_(literal(value, first.type), *[literal(v) for v in after[-2:]])
        ahead = position < bound if descending else position > bound
        if sort is SortKey.LAST_TOUCH and descending:
            ahead = or_(ahead, first.is_(None))
        return query.where(ahead)

    def _by_department(
        self,
        connection: Connection,
        base: Select[Any],
        descending: bool,
        after: tuple[Any, ...] | None,
        offset: int,
        limit: int,
    ) -> list[int]:
        """Department by department in name order, each read through the index on
        (department, name): a handful of departments, each an indexed range. An offset
        skips whole departments by their counts (one grouped count) before it reads."""
        c = cast(Table, Contact.__table__).c
        departments = cast(Table, Department.__table__)
        groups: list[tuple[str, int | None]] = [("", None)]
        groups += [
            (name, department_id)
            for department_id, name in connection.execute(
                select(departments.c.id, departments.c.name)
            )
        ]
        groups.sort(key=lambda group: (group[0], group[1] or 0), reverse=descending)
        sizes: dict[int | None, int] = {}
        offset = offset if after is None else 0
        if offset > 0:
            counted = base.with_only_columns(c.department_id, func.count()).group_by(
                c.department_id
            )
            sizes = {row[0]: row[1] for row in connection.execute(counted)}
        rows: list[int] = []
        for name, department_id in groups:
            passed = after is not None and ((name > after[0]) if descending else (name < after[0]))
            if passed:
                continue
            wanted = limit - len(rows)
            if wanted <= 0:
                break
            if offset and offset >= sizes.get(department_id, 0):
                offset -= sizes.get(department_id, 0)  # the whole department lies before
                continue
            in_group = base.where(
                c.department_id.is_(None)
                if department_id is None
                else c.department_id == department_id
            )
            resume = after[-2:] if after is not None and name == after[0] else None
            query = self._ordered(in_group, SortKey.NAME, descending, resume, wanted)
            if offset:
                query, offset = query.offset(offset), 0
            rows.extend(connection.scalars(query))
        return rows

    @staticmethod
    def _tags(connection: Connection, ids: list[int]) -> dict[int, list[str]]:
        tags: dict[int, list[str]] = {i: [] for i in ids}
        if ids:
            for contact_id, name in connection.execute(
                select(ContactTag.contact_id, ContactTag.name)
                .where(ContactTag.contact_id.in_(ids))
                .order_by(ContactTag.name)
            ):
                tags[contact_id].append(name)
        return tags

    def ids(self, shown: ContactFilter = ContactFilter(), today: date | None = None) -> list[int]:
        """Every contact ``shown`` selects, in id order: for an action on "all matching
        contacts", run on the database worker (one query, no row details)."""
        day = today or self._clock.today()
        c = cast(Table, Contact.__table__).c
        query = self._filtered(select(c.id), shown, day).order_by(c.id)
        with self._db.reading() as session:
            return list(session.connection().scalars(query))

    def count(self, shown: ContactFilter = ContactFilter(), today: date | None = None) -> int:
        day = today or self._clock.today()
        c = cast(Table, Contact.__table__).c
        with self._db.reading() as session:
            connection = session.connection()
            if self._db.is_sqlite and shown.text.strip() and _text_only(shown):
                return self._text.count(connection, shown.text, shown.archived)
            query = self._filtered(select(func.count(c.id)), shown, day)
            return connection.execute(query).scalar() or 0

    @staticmethod
    def _status(day: date) -> Any:
        c = cast(Table, Contact.__table__).c
        return case(
            (c.archived == true(), literal(TouchStatus.ARCHIVED.value)),
            (c.is_me == true(), literal(TouchStatus.ARCHIVED.value)),
            (c.snoozed_until > day, literal(TouchStatus.SNOOZED.value)),
            (c.stale_after_on < day, literal(TouchStatus.STALE.value)),
            (c.next_touch_on < day, literal(TouchStatus.OVERDUE.value)),
            (
                c.next_touch_on <= day + timedelta(days=DUE_WINDOW_DAYS),
                literal(TouchStatus.DUE.value),
            ),
            else_=literal(TouchStatus.OK.value),
        )

    def _filtered(
        self, query: Select[Any], shown: ContactFilter, day: date, rows_walked: int = 0
    ) -> Select[Any]:
        c = cast(Table, Contact.__table__).c
        if shown.archived is not None:
            query = query.where(c.archived == (true() if shown.archived else false()))
        if shown.department_id is not None:
            query = query.where(c.department_id == shown.department_id)
        if shown.tag:
            query = query.where(
                exists().where(
                    ContactTag.contact_id == c.id,
                    func.lower(ContactTag.name) == shown.tag.strip().lower(),
                )
            )
        if shown.status is not None:
            query = query.where(*_status_condition(shown.status, day))
        if shown.text.strip():
            query = self._matching(query, shown.text, rows_walked)
        return query

    def _matching(self, query: Select[Any], typed: str, rows_walked: int) -> Select[Any]:
        condition, joined = self._text.condition(typed, rows_walked)
        if joined is not None:
            query = query.join(*joined)
        return query.where(condition)


def _text_only(shown: ContactFilter) -> bool:
    """Nothing but the text (and active or archived) chosen: counted from the index alone."""
    return shown.department_id is None and not shown.tag and shown.status is None


def _status_condition(status: TouchStatus, day: date) -> list[Any]:
    c = cast(Table, Contact.__table__).c
    horizon = day + timedelta(days=DUE_WINDOW_DAYS)
    reminded = [
        c.archived == false(),
        c.is_me == false(),
        or_(c.snoozed_until.is_(None), c.snoozed_until <= day),
    ]
    bands = {
        TouchStatus.STALE: [c.next_touch_on < day, c.stale_after_on < day],
        TouchStatus.OVERDUE: [c.next_touch_on < day, c.stale_after_on >= day],
        TouchStatus.DUE: [c.next_touch_on >= day, c.next_touch_on <= horizon],
        TouchStatus.OK: [c.next_touch_on > horizon],
    }
    if status in bands:
        return [*reminded, *bands[status]]
    if status is TouchStatus.SNOOZED:
        return [c.archived == false(), c.is_me == false(), c.snoozed_until > day]
    return [or_(c.archived == true(), c.is_me == true())]
