"""What a contacts file says, before anything is matched or stored.

Readers (CSV, vCard) turn a file into :class:`ParsedContacts`: the contacts that passed
validation, and a problem for each row or card that did not. Nothing here touches the
database.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IncomingContact:
    """One person read from a file, already validated field by field."""

    where: str  # "line 12" (the CSV physical line where the row starts) or "card 3"
    full_name: str
    emails: tuple[str, ...] = ()  # every address, primary first, lower case, no repeats
    phones: tuple[str, ...] = ()
    role: str = ""
    department: str = ""
    location: str = ""
    strengths: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportProblem:
    """Why one row or card cannot be imported: where it is, which field, what is wrong."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.message}"


@dataclass(frozen=True)
class ParsedContacts:
    """A file read: its kind, the good contacts, and the rows or cards that were not."""

    source: str  # "Google Contacts CSV", "Outlook CSV", "LinkedIn CSV", "CSV", "vCard"
    contacts: tuple[IncomingContact, ...]
    problems: tuple[ImportProblem, ...]  # rows/cards with a problem are NOT in contacts
