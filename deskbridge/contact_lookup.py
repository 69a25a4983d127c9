"""Finding the one contact a user means by a name, an e-mail or part of a name."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from deskbridge.errors import AmbiguousError, NotFoundError
from deskbridge.store.models import Contact, ContactEmail

MAX_CANDIDATES = 10


def describe(contact: Contact) -> str:
    """``Ana Lopez <ana@example.com> (Finance)``: enough to tell two namesakes apart."""
    parts = [contact.full_name]
    if contact.emails:
        parts.append(f"<{contact.emails[0].address}>")
    if contact.department is not None:
        parts.append(f"({contact.department.name})")
    if contact.archived:
        parts.append("[archived]")
    return " ".join(parts)


def _one_or_ambiguous(key: str, found: list[Contact]) -> Contact | None:
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousError("contact", key, [describe(c) for c in found[:MAX_CANDIDATES]])
    return None


def resolve_contact(session: Session, key: str) -> Contact:
    """An e-mail matches exactly; otherwise the full name (any case); otherwise a unique
    contact whose name contains ``key``. Several matches raise AmbiguousError listing them."""
    wanted = key.strip()
    if not wanted:
        raise NotFoundError("contact", key)
    load = (selectinload(Contact.emails), selectinload(Contact.department))
    if "@" in wanted:
        by_email = session.scalars(
            select(Contact)
            .join(ContactEmail, ContactEmail.contact_id == Contact.id)
            .where(ContactEmail.address == wanted.lower())
            .options(*load)
            .distinct()
            .limit(MAX_CANDIDATES + 1)
        ).all()
        found = _one_or_ambiguous(wanted, list(by_email))
        if found is not None:
            return found
    by_name = session.scalars(
        select(Contact)
        .where(func.lower(Contact.full_name) == wanted.lower())
        .options(*load)
        .order_by(Contact.archived, Contact.id)
        .limit(MAX_CANDIDATES + 1)
    ).all()
    active = [c for c in by_name if not c.archived] or list(by_name)
    found = _one_or_ambiguous(wanted, active)
    if found is not None:
        return found
    escaped = wanted.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    partial = session.scalars(
        select(Contact)
        .where(func.lower(Contact.full_name).like(f"%{escaped}%", escape="\\"))
        .where(Contact.archived.is_(False))
        .options(*load)
        .order_by(Contact.full_name, Contact.id)
        .limit(MAX_CANDIDATES + 1)
    ).all()
    found = _one_or_ambiguous(wanted, list(partial))
    if found is not None:
        return found
    raise NotFoundError("contact", wanted)
