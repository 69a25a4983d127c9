"""Deciding what importing each contact does: create, update, skip, or report an error.

Matching: any e-mail address (case-insensitive) of an existing contact, then the full name
(case-insensitive), but a name alone never joins two people who each have e-mails and share
none: those are namesakes. A name two existing contacts share matches neither (SKIP, with
the reason). Two rows of the file for the same person: the later one is skipped ("same person
as line 4"), never merged, so what is imported is always one row the user can point at.
An UPDATE only adds: the e-mails, phones and tags the contact lacks, and the fields
(role, location, strengths, notes, department) that are empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import cast

from sqlalchemy import Connection, Table, select

from deskbridge.exchange.incoming import IncomingContact, ParsedContacts
from deskbridge.exchange.incoming_checks import phone_key
from deskbridge.progress import Progress
from deskbridge.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Department

CHUNK = 500
FILLED_FIELDS = ("role", "location", "strengths", "notes")

contacts_table = cast(Table, Contact.__table__)
emails_table = cast(Table, ContactEmail.__table__)
phones_table = cast(Table, ContactPhone.__table__)
tags_table = cast(Table, ContactTag.__table__)
departments_table = cast(Table, Department.__table__)


class ImportAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"


@dataclass(frozen=True)
class PlannedContact:
    where: str
    name: str
    action: ImportAction
    reason: str
    contact_id: int | None


@dataclass(frozen=True)
class ContactChange:
    """What an UPDATE adds to one existing contact."""

    contact_id: int
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    tags: tuple[str, ...]
    fields: Mapping[str, str]  # role/location/strengths/notes that were empty
    department: str  # department key (casefolded name) to set, "" for none
    first_email_position: int
    first_phone_position: int


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[PlannedContact, ...]
    creates: tuple[IncomingContact, ...]
    changes: tuple[ContactChange, ...]
    # casefolded name -> (id, cadence); id None for a department the import creates
    departments: Mapping[str, tuple[int | None, int | None]]
    new_departments: Mapping[str, str]  # casefolded name -> name as first written

    def count(self, action: ImportAction) -> int:
        return sum(1 for row in self.rows if row.action is action)


@dataclass
class _Existing:
    role: str
    location: str
    strengths: str
    notes: str
    department_id: int | None
    emails: set[str]
    phones: set[str]
    tags: set[str]
    next_email: int = 0
    next_phone: int = 0


def _order(where: str) -> int:
    """Where a row or card is in the file ("line 12", "card 3" -> 12, 3)."""
    number = where.rpartition(" ")[2]
    return int(number) if number.isdigit() else 0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _listed(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _load_existing(connection: Connection, ids: Sequence[int]) -> dict[int, _Existing]:
    found: dict[int, _Existing] = {}
    c = contacts_table.c
    for chunk in _chunks(ids):
        for row in connection.execute(
            select(c.id, c.role, c.location, c.strengths, c.notes, c.department_id).where(
                c.id.in_(chunk)
            )
        ):
            found[row[0]] = _Existing(*row[1:], emails=set(), phones=set(), tags=set())
        e, p, t = emails_table.c, phones_table.c, tags_table.c
        for contact_id, address, position in connection.execute(
            select(e.contact_id, e.address, e.position).where(e.contact_id.in_(chunk))
        ):
            found[contact_id].emails.add(address.lower())
            found[contact_id].next_email = max(found[contact_id].next_email, position + 1)
        for contact_id, number, position in connection.execute(
            select(p.contact_id, p.number, p.position).where(p.contact_id.in_(chunk))
        ):
            found[contact_id].phones.add(phone_key(number))
            found[contact_id].next_phone = max(found[contact_id].next_phone, position + 1)
        for contact_id, name in connection.execute(
            select(t.contact_id, t.name).where(t.contact_id.in_(chunk))
        ):
            found[contact_id].tags.add(name.casefold())
    return found


class _Planner:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.by_email: dict[str, set[int]] = {}
        for address, contact_id in connection.execute(
            select(emails_table.c.address, emails_table.c.contact_id)
        ):
            self.by_email.setdefault(address.lower(), set()).add(contact_id)
        self.by_name: dict[str, list[int]] = {}
        for contact_id, name in connection.execute(
            select(contacts_table.c.id, contacts_table.c.full_name)
        ):
            self.by_name.setdefault(name.casefold(), []).append(contact_id)
        d = departments_table.c
        self.departments: dict[str, tuple[int | None, int | None]] = {
            name.casefold(): (department_id, cadence)
            for department_id, name, cadence in connection.execute(
                select(d.id, d.name, d.cadence_days)
            )
        }
        self.new_departments: dict[str, str] = {}
        self.seen_emails: dict[str, str] = {}  # address -> where, for rows already planned
        self.seen_names: dict[str, tuple[str, bool]] = {}  # name -> (where, had e-mails)
        self.with_email = {owner for owners in self.by_email.values() for owner in owners}
        self.claimed: dict[int, str] = {}  # contact id -> where

    def target(self, incoming: IncomingContact) -> tuple[int | None, str]:
        """(existing contact id or None, "") or (None, reason to skip)."""
        owners: set[int] = set()
        for address in incoming.emails:
            if address in self.seen_emails:
                return None, f"same person as {self.seen_emails[address]}"
            if address in self.by_email:
                owners |= self.by_email[address]
        if len(owners) > 1:
            return None, f"its e-mails belong to {len(owners)} different contacts"
        if owners:
            found = owners.pop()
            if found in self.claimed:
                return None, f"same person as {self.claimed[found]}"
            return found, ""
        key = incoming.full_name.casefold()
        named = [
            found
            for found in self.by_name.get(key, [])
            if not (incoming.emails and found in self.with_email)
        ]
        if len(named) > 1:
            return None, f"{len(named)} contacts are named {incoming.full_name!r}; which is meant?"
        if named:
            found = named[0]
            if found in self.claimed:
                return None, f"same person as {self.claimed[found]}"
            return found, "by name"
        if key in self.seen_names:
            where, had_emails = self.seen_names[key]
            if not (incoming.emails and had_emails):
                return None, f"same person as {where}"
        return None, ""

    def note(self, incoming: IncomingContact, contact_id: int | None) -> None:
        for address in incoming.emails:
            self.seen_emails.setdefault(address, incoming.where)
        if contact_id is None:
            self.seen_names.setdefault(
                incoming.full_name.casefold(), (incoming.where, bool(incoming.emails))
            )
        else:
            self.claimed[contact_id] = incoming.where

    def department_reason(self, name: str) -> str:
        key = name.casefold()
        if key in self.departments or key in self.new_departments:
            return "in " + name
        self.new_departments[key] = name
        return f"in {name} (new department)"


def _change(
    incoming: IncomingContact, contact_id: int, existing: _Existing
) -> tuple[ContactChange, list[str]]:
    emails = tuple(a for a in incoming.emails if a not in existing.emails)
    phones = tuple(n for n in incoming.phones if phone_key(n) not in existing.phones)
    tags = tuple(t for t in incoming.tags if t.casefold() not in existing.tags)
    fields = {
        name: getattr(incoming, name)
        for name in FILLED_FIELDS
        if getattr(incoming, name) and not getattr(existing, name).strip()
    }
    department = (
        incoming.department.casefold()
        if incoming.department and existing.department_id is None
        else ""
    )
    adds = [
        _plural(len(items), word)
        for items, word in ((emails, "e-mail"), (phones, "phone"), (tags, "tag"))
        if items
    ]
    sets = [*fields, *(["department"] if department else [])]
    said = ([f"adds {_listed(adds)}"] if adds else []) + ([f"sets {_listed(sets)}"] if sets else [])
    change = ContactChange(
        contact_id, emails, phones, tags, fields, department,
        existing.next_email, existing.next_phone,
    )  # fmt: skip
    return change, said


def plan_import(
    connection: Connection, parsed: ParsedContacts, progress: Progress, total: int
) -> ImportPlan:
    """What importing ``parsed`` would do, read in ``connection``'s transaction."""
    planner = _Planner(connection)
    decided: list[tuple[IncomingContact, int | None, str]] = []
    for done, incoming in enumerate(parsed.contacts, start=1):
        contact_id, why = planner.target(incoming)
        if contact_id is not None or not why:
            planner.note(incoming, contact_id)
        decided.append((incoming, contact_id, why))
        if done % CHUNK == 0:
            progress(done // 2, total)
    existing = _load_existing(connection, sorted({c for _, c, _ in decided if c is not None}))
    rows: list[PlannedContact] = []
    creates: list[IncomingContact] = []
    changes: list[ContactChange] = []
    for done, (incoming, contact_id, why) in enumerate(decided, start=1):
        planned = partial(PlannedContact, incoming.where, incoming.full_name)
        if contact_id is not None:
            change, said = _change(incoming, contact_id, existing[contact_id])
            if change.department:
                planner.department_reason(incoming.department)
            if said:
                matched = " (matched by name)" if why == "by name" else ""
                rows.append(planned(ImportAction.UPDATE, ", ".join(said) + matched, contact_id))
                changes.append(change)
            else:
                rows.append(planned(ImportAction.SKIP, "already up to date", contact_id))
        elif why:
            rows.append(planned(ImportAction.SKIP, why, None))
        else:
            reason = "new contact"
            if incoming.department:
                reason += " " + planner.department_reason(incoming.department)
            rows.append(planned(ImportAction.CREATE, reason, None))
            creates.append(incoming)
        if done % CHUNK == 0:
            progress((len(decided) + done) // 2, total)
    rows += [
        PlannedContact(p.where, "", ImportAction.ERROR, f"{p.field}: {p.message}", None)
        for p in parsed.problems
    ]
    rows.sort(key=lambda row: _order(row.where))
    departments = dict(planner.departments)
    departments.update(dict.fromkeys(planner.new_departments, (None, None)))
    return ImportPlan(
        rows=tuple(rows),
        creates=tuple(creates),
        changes=tuple(changes),
        departments=departments,
        new_departments=dict(planner.new_departments),
    )
