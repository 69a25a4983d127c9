"""Reading big tables for export a batch at a time, with what hangs off each row.

Rows are read by keyset (``id > last ORDER BY id LIMIT n``) and the lists that hang off
them (e-mails, participants, assignees, ...) by the batch's id range through the link
tables' primary-key indexes, so memory holds one batch however large the database is, and
there is no query per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Column, Connection, Row, Select, Table, func, select

from deskbridge.progress import Progress
from deskbridge.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Department

AnyRow = Row[*tuple[Any, ...]]
"""A result row of any shape."""

BATCH = 2000
# Selected ids go into IN lists of this size, well under every engine's parameter limit.
SELECTION_CHUNK = 500


def table_of(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def keyset_batches(
    connection: Connection,
    query: Select[Any],
    key: Column[int],
    ids: Sequence[int] | None = None,
    progress: Progress | None = None,
    total: int = 0,
) -> Iterator[list[AnyRow]]:
    """``query``'s rows in batches ordered by ``key`` (an integer primary key); only the
    rows whose key is in ``ids`` when it is given. Calls ``progress(done, total)`` after
    each batch (which may raise Cancelled)."""
    done = 0
    if ids is not None:
        batches: Iterator[list[AnyRow]] = (
            list(connection.execute(query.where(key.in_(chunk)).order_by(key)).all())
            for chunk in (ids[i : i + SELECTION_CHUNK] for i in range(0, len(ids), SELECTION_CHUNK))
        )
    else:
        batches = _by_keyset(connection, query, key)
    for batch in batches:
        if not batch:
            continue
        yield batch
        done += len(batch)
        if progress is not None:
            progress(done, max(total, done))


def _by_keyset(
    connection: Connection, query: Select[Any], key: Column[int]
) -> Iterator[list[AnyRow]]:
    last = 0
    # Ids start at 1; a hand-made row with id 0 or below is still read by the first batch.
    first = True
    while True:
        where = query if first else query.where(key > last)
        batch = list(connection.execute(where.order_by(key).limit(BATCH)).all())
        first = False
        if not batch:
            return
        yield batch
        if len(batch) < BATCH:
            return
        last = batch[-1]._mapping[key.name]


def grouped(
    connection: Connection,
    query: Select[Any],
    owner: Column[int],
    batch: Sequence[AnyRow],
    key_name: str = "id",
    shape: Callable[[AnyRow], Any] = lambda row: row[1],
) -> dict[int, list[Any]]:
    """The rows of ``query`` (whose first column is ``owner``) for the owners in ``batch``,
    shaped by ``shape`` and grouped by owner, in ``query``'s order."""
    keys = [row._mapping[key_name] for row in batch]
    found: dict[int, list[Any]] = defaultdict(list)
    low, high = min(keys), max(keys)
    if high - low < 4 * len(keys):
        # A run of ids (a keyset batch): a range scan of the link table's key index.
        wanted = set(keys)
        rows = connection.execute(query.where(owner >= low, owner <= high)).all()
    else:
        # Scattered ids (a selection): a range would read everything between them.
        wanted = None
        rows = connection.execute(query.where(owner.in_(keys))).all()
    for row in rows:
        if wanted is None or row[0] in wanted:
            found[row[0]].append(shape(row))
    return found


def count(connection: Connection, table: Table, ids: Sequence[int] | None = None) -> int:
    if ids is not None:
        return len(ids)
    return connection.scalar(select(func.count()).select_from(table)) or 0


Labelled = tuple[str, str]
"""A value and its label: ("ana@x.example", "work")."""


@dataclass(frozen=True)
class ExportedContact:
    id: int
    full_name: str
    department: str | None
    role: str
    location: str
    strengths: str
    notes: str
    emails: tuple[Labelled, ...]  # primary first
    phones: tuple[Labelled, ...]  # primary first
    tags: tuple[str, ...]
    cadence_days: int | None
    snoozed_until: date | None
    archived: bool
    is_me: bool
    added_on: date
    last_touch_on: date | None
    next_touch_on: date


def stream_contacts(
    connection: Connection, ids: Sequence[int] | None, progress: Progress
) -> Iterator[ExportedContact]:
    """Every contact (or those in ``ids``) by id, with department, e-mails, phones, tags."""
    contacts, departments = table_of(Contact), table_of(Department)
    emails, phones, tags = table_of(ContactEmail), table_of(ContactPhone), table_of(ContactTag)
    c = contacts.c
    query = select(
        c.id, c.full_name, departments.c.name.label("department"), c.role, c.location,
        c.strengths, c.notes, c.cadence_days, c.snoozed_until, c.archived, c.is_me,
        c.added_on, c.last_touch_on, c.next_touch_on,
    ).select_from(contacts.outerjoin(departments, departments.c.id == c.department_id))  # fmt: skip
    email_query = select(emails.c.contact_id, emails.c.address, emails.c.label).order_by(
        emails.c.contact_id, emails.c.position
    )
    phone_query = select(phones.c.contact_id, phones.c.number, phones.c.label).order_by(
        phones.c.contact_id, phones.c.position
    )
    tag_query = select(tags.c.contact_id, tags.c.name).order_by(tags.c.contact_id, tags.c.name)
    pair: Callable[[AnyRow], Labelled] = lambda row: (row[1], row[2])  # noqa: E731
    total = count(connection, contacts, ids)
    for batch in keyset_batches(connection, query, c.id, ids, progress, total):
        by_email = grouped(connection, email_query, emails.c.contact_id, batch, shape=pair)
        by_phone = grouped(connection, phone_query, phones.c.contact_id, batch, shape=pair)
        by_tag = grouped(connection, tag_query, tags.c.contact_id, batch)
        for row in batch:
            yield ExportedContact(
                id=row.id,
                full_name=row.full_name,
                department=row.department,
                role=row.role,
                location=row.location,
                strengths=row.strengths,
                notes=row.notes,
                emails=tuple(by_email.get(row.id, ())),
                phones=tuple(by_phone.get(row.id, ())),
                tags=tuple(by_tag.get(row.id, ())),
                cadence_days=row.cadence_days,
                snoozed_until=row.snoozed_until,
                archived=bool(row.archived),
                is_me=bool(row.is_me),
                added_on=row.added_on,
                last_touch_on=row.last_touch_on,
                next_touch_on=row.next_touch_on,
            )
