"""Writing an import plan in the caller's transaction, fast enough for 100,000 contacts.

Rows go in with Core ``executemany`` inserts, not one ORM object at a time. On SQLite the
search-index triggers of contacts (and of their e-mails and tags) are set aside while the
rows go in, and the index entries of exactly the contacts touched are then rebuilt from the
index's source view. Unlike ``bulk_loading`` this never rebuilds the whole index, which in
a database with a million logged meetings means re-deriving a million entries. SQLite's DDL is
transactional, so a rollback (a failure, or the user cancelling) puts the triggers back too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update

from deskbridge.departments import PALETTE
from deskbridge.exchange.contact_matching import (
    FILLED_FIELDS,
    ContactChange,
    ImportPlan,
    contacts_table,
    departments_table,
    emails_table,
    phones_table,
    tags_table,
)
from deskbridge.month_counts import keeping_month_counts
from deskbridge.progress import Progress
from deskbridge.settings import DEFAULT_CADENCE_KEY, GLOBAL_DEFAULT_CADENCE
from deskbridge.store.models import Setting
from deskbridge.store.touch_columns import refresh_touch_columns

BATCH = 2000
REINDEX_CHUNK = 500
LARGE_CACHE_KIB = -131072
settings_table = cast(Table, Setting.__table__)


@contextmanager
def contact_search_set_aside(connection: Connection) -> Iterator[list[int]]:
    """Drop the contact search triggers; on leaving, re-index the contact ids the block put
    in the yielded list and restore the triggers. Nothing to do on other engines."""
    touched: list[int] = []
    if connection.dialect.name != "sqlite":
        yield touched
        return
    triggers = connection.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'search\\_contacts\\_%' ESCAPE '\\'"
        )
    ).all()
    for name, _ in triggers:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    yield touched
    if triggers:
        _reindex(connection, touched)
    for _, sql in triggers:
        connection.execute(text(sql))


@contextmanager
def _large_page_cache(connection: Connection) -> Iterator[None]:
    """A 128 MiB page cache (SQLite's default is 2 MiB) while the rows go in: the contacts'
    six indexes then stay in memory instead of being written out and read back."""
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {LARGE_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _runs(ids: list[int]) -> Iterator[tuple[int, int]]:
    """Sorted ids as (first, last) runs of consecutive ids."""
    ordered = sorted(set(ids))
    start = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index] != ordered[index - 1] + 1:
            yield ordered[start], ordered[index - 1]
            start = index


def _reindex(connection: Connection, ids: list[int]) -> None:
    """Rebuild the search entries of the contacts ``ids`` from the index's source view:
    long runs of new ids by range, scattered ones in chunks."""
    scattered: list[int] = []
    for first, last in _runs(ids):
        if last - first < REINDEX_CHUNK:
            scattered += range(first, last + 1)
            continue
        span = {"first": first, "last": last}
        connection.execute(
            text("DELETE FROM search_contacts WHERE rowid BETWEEN :first AND :last"), span
        )
        connection.execute(
            text(
                "INSERT INTO search_contacts(rowid, title, body) SELECT id, title, body "
                "FROM search_contacts_source WHERE id BETWEEN :first AND :last"
            ),
            span,
        )
    for start in range(0, len(scattered), REINDEX_CHUNK):
        chunk = tuple(scattered[start : start + REINDEX_CHUNK])
        marks = ", ".join("?" for _ in chunk)
        connection.exec_driver_sql(f"DELETE FROM search_contacts WHERE rowid IN ({marks})", chunk)
        connection.exec_driver_sql(
            "INSERT INTO search_contacts(rowid, title, body) SELECT id, title, body "
            f"FROM search_contacts_source WHERE id IN ({marks})",
            chunk,
        )


def _default_cadence(connection: Connection) -> int:
    stored = connection.scalar(
        select(settings_table.c.value).where(settings_table.c.key == DEFAULT_CADENCE_KEY)
    )
    return int(stored) if stored is not None else GLOBAL_DEFAULT_CADENCE


def _new_contact_ids(connection: Connection, count: int) -> list[int]:
    """Ids for ``count`` new contacts, so that plain executemany inserts can be used (with
    RETURNING, SQLAlchemy inserts one row per statement to keep the ids in order). SQLite:
    the ids it would choose itself, as this transaction is the only writer. PostgreSQL:
    taken from the table's sequence, which is safe while teammates add contacts too."""
    if count == 0:
        return []
    if connection.dialect.name == "postgresql":
        return list(
            connection.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence('contacts', 'id')) "
                    "FROM generate_series(1, :count)"
                ),
                {"count": count},
            )
        )
    largest = connection.scalar(select(func.max(contacts_table.c.id))) or 0
    return list(range(largest + 1, largest + 1 + count))


def _department_ids(connection: Connection, plan: ImportPlan) -> dict[str, tuple[int, int | None]]:
    """Department key -> (id, cadence), creating the departments the plan needs."""
    known = {k: (i, c) for k, (i, c) in plan.departments.items() if i is not None}
    count = connection.scalar(select(func.count()).select_from(departments_table)) or 0
    for offset, (key, name) in enumerate(plan.new_departments.items()):
        new_id = connection.execute(
            insert(departments_table)
            .values(name=name, colour=PALETTE[(count + offset) % len(PALETTE)], notes="")
            .returning(departments_table.c.id)
        ).scalar_one()
        known[key] = (new_id, None)
    return known


CONTACT_COLUMNS = (
    "id", "full_name", "department_id", "role", "location", "strengths", "notes",
    "cadence_days", "snoozed_until", "archived", "is_me", "added_on", "created_at",
    "last_touch_on", "next_touch_on", "stale_after_on",
)  # fmt: skip
EMAIL_COLUMNS = ("contact_id", "address", "label", "position")
PHONE_COLUMNS = ("contact_id", "number", "label", "position")
TAG_COLUMNS = ("contact_id", "name")


class _Writer:
    def __init__(self, connection: Connection, progress: Progress, done: int, total: int) -> None:
        self.connection = connection
        self.progress = progress
        self.done = done
        self.total = total
        self._stored: dict[tuple[str, str, Any], Any] = {}

    def step(self, rows: int) -> None:
        self.done += rows
        self.progress(min(self.done, self.total), self.total)

    def stored(self, table: Table, column: str, value: Any) -> Any:
        """``value`` as the driver takes it for ``table.column`` (SQLite keeps dates and
        booleans as text and integers); converted once per distinct value."""
        if self.connection.dialect.name != "sqlite" or value is None:
            return value
        key = (table.name, column, value)
        if key not in self._stored:
            dialect = self.connection.dialect
            convert = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
            self._stored[key] = convert(value) if convert else value
        return self._stored[key]

    def insert_rows(
        self, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        """Insert ``rows`` (values in ``columns`` order, dates and booleans through
        :meth:`stored`). On SQLite straight through the driver's executemany: SQLAlchemy's
        per-row parameter handling would cost more than SQLite's own work."""
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            if self.connection.dialect.name != "sqlite":
                self.connection.execute(
                    insert(table), [dict(zip(columns, r, strict=True)) for r in batch]
                )
                continue
            placeholders = ", ".join("?" for _ in columns)
            self.connection.exec_driver_sql(
                f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})",
                list(batch),
            )


def _create(
    writer: _Writer,
    plan: ImportPlan,
    departments: dict[str, tuple[int, int | None]],
    default_cadence: int,
    today: date,
    now: datetime,
) -> list[int]:
    ids = _new_contact_ids(writer.connection, len(plan.creates))
    rows: list[tuple[Any, ...]] = []
    emails: list[tuple[Any, ...]] = []
    phones: list[tuple[Any, ...]] = []
    tags: list[tuple[Any, ...]] = []
    no, added, created = (
        writer.stored(contacts_table, column, value)
        for column, value in (("archived", False), ("added_on", today), ("created_at", now))
    )
    # As Contacts.add derives them: never touched, so next touch = added + cadence.
    touch_dates: dict[int, tuple[Any, Any]] = {}
    for cadence in {cadence for _, cadence in departments.values()} | {None}:
        step = timedelta(days=cadence or default_cadence)
        touch_dates[cadence or default_cadence] = (
            writer.stored(contacts_table, "next_touch_on", today + step),
            writer.stored(contacts_table, "stale_after_on", today + step + step),
        )
    for contact_id, contact in zip(ids, plan.creates, strict=True):
        department_id, cadence = departments.get(contact.department.casefold(), (None, None))
        next_touch, stale_after = touch_dates[cadence or default_cadence]
        rows.append(
            (
                contact_id,
                contact.full_name,
                department_id,
                contact.role,
                contact.location,
                contact.strengths,
                contact.notes,
                None,
                None,
                no,
                no,
                added,
                created,
                None,
                next_touch,
                stale_after,
            )
        )
        emails += [(contact_id, a, "", i) for i, a in enumerate(contact.emails)]
        phones += [(contact_id, n, "", i) for i, n in enumerate(contact.phones)]
        tags += [(contact_id, t) for t in contact.tags]
    for start in range(0, len(rows), BATCH):
        writer.insert_rows(contacts_table, CONTACT_COLUMNS, rows[start : start + BATCH])
        writer.step(len(rows[start : start + BATCH]) // 2)
    writer.insert_rows(emails_table, EMAIL_COLUMNS, emails)
    writer.insert_rows(phones_table, PHONE_COLUMNS, phones)
    writer.insert_rows(tags_table, TAG_COLUMNS, tags)
    writer.step(len(rows) - len(rows) // 2)
    return ids


def _filled(
    change: ContactChange, departments: dict[str, tuple[int, int | None]]
) -> dict[str, Any]:
    """Parameters for the UPDATE in :func:`_update`; None keeps the stored value."""
    values: dict[str, Any] = {f"b_{name}": change.fields.get(name) for name in FILLED_FIELDS}
    values["b_id"] = change.contact_id
    values["b_department_id"] = departments[change.department][0] if change.department else None
    return values


def _update(
    writer: _Writer, plan: ImportPlan, departments: dict[str, tuple[int, int | None]]
) -> list[int]:
    """Apply the plan's changes; the ids whose department changed (their cadence may)."""
    c = contacts_table.c
    filled = [ch for ch in plan.changes if ch.fields or ch.department]
    if filled:
        writer.connection.execute(
            update(contacts_table)
            .where(c.id == bindparam("b_id"))
            .values(
                role=func.coalesce(bindparam("b_role"), c.role),
                location=func.coalesce(bindparam("b_location"), c.location),
                strengths=func.coalesce(bindparam("b_strengths"), c.strengths),
                notes=func.coalesce(bindparam("b_notes"), c.notes),
                department_id=func.coalesce(bindparam("b_department_id"), c.department_id),
            ),
            [_filled(change, departments) for change in filled],
        )
    emails = [
        (ch.contact_id, a, "", ch.first_email_position + i)
        for ch in plan.changes for i, a in enumerate(ch.emails)
    ]  # fmt: skip
    phones = [
        (ch.contact_id, n, "", ch.first_phone_position + i)
        for ch in plan.changes for i, n in enumerate(ch.phones)
    ]  # fmt: skip
    writer.insert_rows(emails_table, EMAIL_COLUMNS, emails)
    writer.insert_rows(phones_table, PHONE_COLUMNS, phones)
    writer.insert_rows(
        tags_table, TAG_COLUMNS, [(ch.contact_id, t) for ch in plan.changes for t in ch.tags]
    )
    writer.step(len(plan.changes))
    return [ch.contact_id for ch in plan.changes if ch.department]


def write_plan(
    connection: Connection,
    plan: ImportPlan,
    *,
    today: date,
    now: datetime,
    progress: Progress,
    done: int,
    total: int,
) -> None:
    """Create and update what ``plan`` says, in ``connection``'s transaction."""
    writer = _Writer(connection, progress, done, total)
    with _large_page_cache(connection), contact_search_set_aside(connection) as touched:
        departments = _department_ids(connection, plan)
        default_cadence = _default_cadence(connection)
        touched += _create(writer, plan, departments, default_cadence, today, now)
        # Contacts changing department take their meetings to its Coverage counts.
        moving = [change.contact_id for change in plan.changes if change.department]
        with keeping_month_counts(connection, contact_ids=moving):
            moved = _update(writer, plan, departments)
        touched += [change.contact_id for change in plan.changes]
        if moved:
            refresh_touch_columns(connection, default_cadence, moved)
