"""Field-by-field checks that turn what a row or card says into an :class:`IncomingContact`.

The limits are the columns' (deskbridge/store/models/network.py) and the contact form's, so
whatever passes here can be stored without the database refusing it. A value is never
echoed back in full: a 1 MB cell makes a one-line message, not a 1 MB one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from deskbridge.exchange.incoming import ImportProblem, IncomingContact

NAME_MAX = 200
ROLE_MAX = 200
LOCATION_MAX = 200
DEPARTMENT_MAX = 120
EMAIL_MAX = 320
PHONE_MAX = 60
TAG_MAX = 60
STRENGTHS_MAX = 10_000
NOTES_MAX = 50_000
SHOWN_MAX = 60

# Control characters other than tab and line breaks: PostgreSQL refuses NUL, and the rest
# are invisible garbage in a name.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SPACES = re.compile(r"\s+")
# What makes a single-line value need more than strip(): white space other than a single
# plain space, or a control character. Most values have neither.
UNUSUAL = re.compile(r"[^\S ]|  |[\x00-\x08\x0e-\x1f\x7f-\x9f]")
NOT_DIALLED = re.compile(r"[^\d+]")
# deskbridge.validation's e-mail shape, also refusing control characters.
EMAIL = re.compile(
    r"^[^@\s\x00-\x1f\x7f-\x9f]+@[^@\s\x00-\x1f\x7f-\x9f]+\.[^@\s\x00-\x1f\x7f-\x9f]+$"
)


class FieldProblem(Exception):
    """Raised inside the checks; becomes an ImportProblem for the row or card."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def shown(value: str) -> str:
    """The value quoted for a message, cut short when long."""
    cut = value if len(value) <= SHOWN_MAX else value[: SHOWN_MAX - 1] + "…"
    return repr(cut)


def _no_control(field: str, value: str) -> None:
    found = CONTROL.search(value)
    if found:
        raise FieldProblem(field, f"contains a control character (U+{ord(found.group()):04X})")


def one_line(field: str, value: str, limit: int) -> str:
    """A single-line text: runs of white space (line breaks too) become one space."""
    if not value:
        return ""
    cleaned = value.strip()
    if UNUSUAL.search(cleaned):
        cleaned = SPACES.sub(" ", cleaned)
        _no_control(field, cleaned)
    if len(cleaned) > limit:
        raise FieldProblem(field, f"is longer than {limit} characters ({len(cleaned):,})")
    return cleaned


def long_text(field: str, value: str, limit: int) -> str:
    """A text that may hold line breaks (notes, strengths)."""
    if not value:
        return ""
    cleaned = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(cleaned) > limit:
        raise FieldProblem(field, f"is longer than {limit:,} characters ({len(cleaned):,})")
    _no_control(field, cleaned)
    return cleaned


def email_addresses(values: Iterable[str]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for value in values:
        address = value.strip().lower()
        if address.startswith("mailto:"):
            address = address[7:].strip()
        if not address:
            continue
        if len(address) > EMAIL_MAX:
            raise FieldProblem("E-mail", f"is longer than {EMAIL_MAX} characters")
        if not EMAIL.match(address):
            raise FieldProblem("E-mail", f"{shown(value.strip())} is not an e-mail address")
        found[address] = None
    return tuple(found)


def phone_key(number: str) -> str:
    """What makes two ways of writing a phone number the same number."""
    return NOT_DIALLED.sub("", number) or number.casefold()


def phone_numbers(values: Iterable[str]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for value in values:
        number = one_line("Phone", value, PHONE_MAX)
        if number:
            found.setdefault(phone_key(number), number)
    return tuple(found.values())


def tag_names(values: Iterable[str]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for value in values:
        tag = one_line("Tags", value, TAG_MAX)
        if tag:
            found.setdefault(tag.casefold(), tag)
    return tuple(found.values())


def checked_contact(
    where: str,
    *,
    full_name: str = "",
    name_parts: Iterable[str] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    role: str = "",
    department: str = "",
    location: str = "",
    strengths: str = "",
    notes: str = "",
    tags: Iterable[str] = (),
) -> IncomingContact | ImportProblem | None:
    """The contact, the first problem found in it, or None for a row that says nothing.

    The name is ``full_name``, else the non-empty ``name_parts`` (first, middle, last)
    joined. A row with e-mail addresses but no name is a problem, not a contact named after
    its address: such rows are usually mailing lists and one-off senders."""
    try:
        name = one_line("Name", full_name, NAME_MAX)
        if not name:
            name = one_line("Name", " ".join(p for p in name_parts if p), NAME_MAX)
        addresses = email_addresses(emails) if emails else ()
        numbers = phone_numbers(phones) if phones else ()
        texts = (role, department, location, strengths, notes)
        # Empty values skip their check: most cells of a big export are empty.
        contact = IncomingContact(
            where=where,
            full_name=name,
            emails=addresses,
            phones=numbers,
            role=role and one_line("Role", role, ROLE_MAX),
            department=department and one_line("Department", department, DEPARTMENT_MAX),
            location=location and one_line("Location", location, LOCATION_MAX),
            strengths=strengths and long_text("Strengths", strengths, STRENGTHS_MAX),
            notes=notes and long_text("Notes", notes, NOTES_MAX),
            tags=tag_names(tags) if tags else (),
        )
    except FieldProblem as problem:
        return ImportProblem(where, problem.field, problem.message)
    if not name:
        if addresses:
            return ImportProblem(where, "Name", f"no name, only an e-mail address ({addresses[0]})")
        if numbers or contact.tags or any(text.strip() for text in texts):
            return ImportProblem(where, "Name", "no name")
        return None
    return contact
