"""Contacts: the people the user knows, and the actions on one of them."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Integer, column, false, func, literal_column, or_, select, table, update
from sqlalchemy.orm import Session, selectinload

from deskbridge.clock import Clock
from deskbridge.contact_lookup import resolve_contact
from deskbridge.departments import department_named
from deskbridge.errors import NotFoundError, ValidationError
from deskbridge.keep_in_touch import refresh_contacts
from deskbridge.month_counts import keeping_month_counts
from deskbridge.records import ContactRecord, ContactSuggestion
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, ContactEmail, ContactPhone, ContactTag, Department
from deskbridge.store.search_queries import WORD
from deskbridge.validation import bounded_text, cadence, email_address, required_text

UNSET = object()
# A picker looks at this many name matches at most, so a one-letter prefix that matches half
# of 100,000 contacts still answers in a few milliseconds.
SUGGESTION_CANDIDATES = 300
TEXT_LIMITS = {"role": 200, "location": 200, "strengths": 10_000, "notes": 50_000}


def contact_record(contact: Contact) -> ContactRecord:
    return ContactRecord(
        id=contact.id,
        full_name=contact.full_name,
        department_id=contact.department_id,
        department=contact.department.name if contact.department else None,
        role=contact.role,
        location=contact.location,
        strengths=contact.strengths,
        notes=contact.notes,
        emails=tuple(email.address for email in contact.emails),
        phones=tuple(phone.number for phone in contact.phones),
        tags=tuple(tag.name for tag in contact.tags),
        cadence_days=contact.cadence_days,
        snoozed_until=contact.snoozed_until,
        archived=contact.archived,
        is_me=contact.is_me,
        added_on=contact.added_on,
        last_touch_on=contact.last_touch_on,
        next_touch_on=contact.next_touch_on,
        stale_after_on=contact.stale_after_on,
    )


def clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned: dict[str, str] = {}
    for tag in tags:
        name = bounded_text("tags", tag, 60)
        if name:
            cleaned.setdefault(name.lower(), name)
    return list(cleaned.values())


def _clean_emails(emails: Sequence[str]) -> list[str]:
    cleaned: dict[str, None] = {}
    for address in emails:
        if address.strip():
            cleaned[email_address("email", address)] = None
    return list(cleaned)


def _clean_phones(phones: Sequence[str]) -> list[str]:
    return [bounded_text("phone", phone, 60) for phone in phones if phone.strip()]


def get_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError("contact", contact_id)
    return contact


class Contacts:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def add(
        self,
        full_name: str,
        *,
        department: str | None = None,
        role: str = "",
        emails: Sequence[str] = (),
        phones: Sequence[str] = (),
        location: str = "",
        strengths: str = "",
        notes: str = "",
        tags: Iterable[str] = (),
        cadence_days: int | None = None,
        added_on: date | None = None,
        is_me: bool = False,
    ) -> ContactRecord:
        """Add a contact. ``department`` is a department's name; it must exist."""
        name = required_text("name", full_name, 200)
        texts = {
            "role": role, "location": location, "strengths": strengths, "notes": notes,
        }  # fmt: skip
        clean = {
            field: bounded_text(field, value, TEXT_LIMITS[field]) for field, value in texts.items()
        }
        addresses = _clean_emails(emails)
        numbers = _clean_phones(phones)
        own_cadence = cadence("cadence", cadence_days)
        added = added_on or self._clock.today()
        if added > self._clock.today():
            raise ValidationError("added", "must not be in the future")
        with self._db.unit_of_work() as session:
            if is_me:
                # Before the new contact joins the session: the UPDATE must not flush it
                # half-built. The old "me" starts counting in Coverage.
                with keeping_month_counts(session, contact_ids=_me_ids(session)):
                    _clear_me(session)
            contact = Contact(
                full_name=name,
                department=department_named(session, department) if department else None,
                cadence_days=own_cadence,
                added_on=added,
                created_at=self._clock.now(),
                # Placeholders: refresh_contacts derives the real values below.
                next_touch_on=added,
                stale_after_on=added,
                **clean,
            )
            contact.emails = [ContactEmail(address=a, position=i) for i, a in enumerate(addresses)]
            contact.phones = [ContactPhone(number=n, position=i) for i, n in enumerate(numbers)]
            contact.tags = [ContactTag(name=tag) for tag in clean_tags(tags)]
            contact.is_me = is_me
            session.add(contact)
            session.flush()
            refresh_contacts(session, {contact.id})
            return contact_record(contact)

    def update(
        self,
        contact_id: int,
        *,
        full_name: str | None = None,
        department: str | object | None = UNSET,
        role: str | None = None,
        location: str | None = None,
        strengths: str | None = None,
        notes: str | None = None,
        emails: Sequence[str] | None = None,
        phones: Sequence[str] | None = None,
        tags: Iterable[str] | None = None,
        cadence_days: int | object | None = UNSET,
    ) -> ContactRecord:
        """Change the given fields; the rest stay as they are."""
        moving = [contact_id] if department is not UNSET else []
        with (
            self._db.unit_of_work() as session,
            keeping_month_counts(session, contact_ids=moving),
        ):
            contact = get_contact(session, contact_id)
            if full_name is not None:
                contact.full_name = required_text("name", full_name, 200)
            for field, value in (
                ("role", role), ("location", location), ("strengths", strengths), ("notes", notes),
            ):  # fmt: skip
                if value is not None:
                    setattr(contact, field, bounded_text(field, value, TEXT_LIMITS[field]))
            if department is not UNSET:
                assert department is None or isinstance(department, str)
                contact.department = department_named(session, department) if department else None
            if cadence_days is not UNSET:
                assert cadence_days is None or isinstance(cadence_days, int)
                contact.cadence_days = cadence("cadence", cadence_days)
            if emails is not None:
                addresses = _clean_emails(emails)
                contact.emails.clear()
                session.flush()
                contact.emails.extend(
                    ContactEmail(address=a, position=i) for i, a in enumerate(addresses)
                )
            if phones is not None:
                numbers = _clean_phones(phones)
                contact.phones.clear()
                session.flush()
                contact.phones.extend(
                    ContactPhone(number=n, position=i) for i, n in enumerate(numbers)
                )
            if tags is not None:
                contact.tags = [ContactTag(name=tag) for tag in clean_tags(tags)]
            session.flush()
            refresh_contacts(session, {contact_id})
            return contact_record(contact)

    def get(self, contact_id: int) -> ContactRecord:
        with self._db.reading() as session:
            return contact_record(get_contact(session, contact_id))

    def resolve(self, name_or_email: str) -> ContactRecord:
        """The one contact a name, e-mail or unique part of a name points to."""
        with self._db.reading() as session:
            return contact_record(resolve_contact(session, name_or_email))

    def me(self) -> ContactRecord | None:
        with self._db.reading() as session:
            found = session.scalars(select(Contact).where(Contact.is_me)).first()
            return contact_record(found) if found else None

    def set_me(self, contact_id: int) -> ContactRecord:
        with self._db.unit_of_work() as session:
            contact = get_contact(session, contact_id)
            with keeping_month_counts(session, contact_ids={contact_id, *_me_ids(session)}):
                _clear_me(session)
                contact.is_me = True
            return contact_record(contact)

    def clear_me(self) -> None:
        """Nobody is "me": every task assigned to a contact then waits on others."""
        with self._db.unit_of_work() as session:
            me = _me_ids(session)
            with keeping_month_counts(session, contact_ids=me):
                _clear_me(session)

    def list(
        self,
        *,
        after_name: str | None = None,
        after_id: int = 0,
        limit: int = 100,
        include_archived: bool = False,
    ) -> list[ContactRecord]:
        """A page of contacts by name; pass the last row's name and id to get the next page."""
        query = select(Contact).options(
            selectinload(Contact.emails),
            selectinload(Contact.phones),
            selectinload(Contact.tags),
            selectinload(Contact.department),
        )
        if not include_archived:
            query = query.where(Contact.archived.is_(False))
        if after_name is not None:
            query = query.where(
                or_(
                    Contact.full_name > after_name,
                    (Contact.full_name == after_name) & (Contact.id > after_id),
                )
            )
        query = query.order_by(Contact.full_name, Contact.id).limit(limit)
        with self._db.reading() as session:
            return [contact_record(row) for row in session.scalars(query)]

    def count(self, include_archived: bool = False) -> int:
        query = select(func.count(Contact.id))
        if not include_archived:
            query = query.where(Contact.archived.is_(False))
        with self._db.reading() as session:
            return session.scalar(query) or 0

    def snooze(self, contact_id: int, until: date | None) -> ContactRecord:
        """Silence reminders for the contact until ``until`` (None ends the snooze)."""
        if until is not None and until <= self._clock.today():
            raise ValidationError("snooze until", "must be a day after today")
        with self._db.unit_of_work() as session:
            contact = get_contact(session, contact_id)
            contact.snoozed_until = until
            return contact_record(contact)

    def archive(self, contact_ids: Iterable[int], archived: bool = True) -> None:
        ids = list(contact_ids)
        with self._db.unit_of_work() as session:
            for contact_id in ids:
                get_contact(session, contact_id)
            session.execute(update(Contact).where(Contact.id.in_(ids)).values(archived=archived))

    def add_tag(self, contact_ids: Iterable[int], tag: str) -> None:
        (name,) = clean_tags([tag]) or [""]
        if not name:
            raise ValidationError("tag", "must not be empty")
        with self._db.unit_of_work() as session:
            for contact_id in contact_ids:
                contact = get_contact(session, contact_id)
                if name.lower() not in {t.name.lower() for t in contact.tags}:
                    contact.tags.append(ContactTag(name=name))

    def set_department(self, contact_ids: Iterable[int], department: str | None) -> None:
        """Move the contacts to the named department (None: no department)."""
        ids = list(contact_ids)
        with self._db.unit_of_work() as session:
            target = department_named(session, department).id if department else None
            for contact_id in ids:
                get_contact(session, contact_id)
            with keeping_month_counts(session, contact_ids=ids):
                session.execute(
                    update(Contact).where(Contact.id.in_(ids)).values(department_id=target)
                )
            refresh_contacts(session, ids)

    def tag_names(self) -> builtins.list[str]:
        """Every tag in use, case-insensitively distinct, alphabetical."""
        # The distinct names first: SQLite skips along the name index to each new name
        # (~0.01 ms), where grouping every tagging by lower(name) sorted all 25,000 of
        # them at 100,000 contacts (~6 ms).
        names = select(ContactTag.name).distinct().subquery()
        query = (
            select(func.min(names.c.name))
            .group_by(func.lower(names.c.name))
            .order_by(func.lower(names.c.name))
        )
        with self._db.reading() as session:
            return list(session.scalars(query))

    def suggest(self, typed: str, limit: int = 10) -> builtins.list[ContactSuggestion]:
        """Active contacts whose name has words starting with every word typed; names that
        start with what was typed come first, then alphabetical."""
        words = WORD.findall(typed)
        if not words:
            return []
        query = select(Contact.id).where(Contact.archived == false())
        if self._db.is_sqlite:
            index = table("search_contacts", column("rowid", Integer))
            phrase = " ".join(f'"{word}"*' for word in words)
            query = query.join(index, Contact.id == index.c.rowid + 0).where(
                literal_column("search_contacts").op("MATCH")(f"title : ({phrase})")
            )
        else:
            query = query.where(
                *[
                    or_(Contact.full_name.ilike(f"{w}%"), Contact.full_name.ilike(f"% {w}%"))
                    for w in words
                ]
            )
        primary = ContactEmail.__table__.alias("primary_email")
        with self._db.reading() as session:
            ids = list(session.scalars(query.limit(SUGGESTION_CANDIDATES)))
            rows = session.execute(
                select(Contact.id, Contact.full_name, Department.name, primary.c.address)
                .outerjoin(Department, Department.id == Contact.department_id)
                .outerjoin(
                    primary,
                    (primary.c.contact_id == Contact.id) & (primary.c.position == 0),
                )
                .where(Contact.id.in_(ids))
            ).all()
        start = typed.strip().casefold()
        found = [ContactSuggestion(row[0], row[1], row[2], row[3]) for row in rows]
        found.sort(key=lambda s: (not s.name.casefold().startswith(start), s.name.casefold(), s.id))
        return found[:limit]

    def delete(self, contact_id: int) -> None:
        """Delete the contact with its e-mails, phones, tags, requests and participations."""
        self.delete_many([contact_id])

    def delete_many(self, contact_ids: Iterable[int]) -> None:
        """Delete all the contacts or, when one of them does not exist, none."""
        ids = list(dict.fromkeys(contact_ids))
        with self._db.unit_of_work() as session, keeping_month_counts(session, contact_ids=ids):
            for contact_id in ids:
                session.delete(get_contact(session, contact_id))


def _me_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Contact.id).where(Contact.is_me)))


def _clear_me(session: Session) -> None:
    session.execute(update(Contact).where(Contact.is_me).values(is_me=False))
    session.flush()
