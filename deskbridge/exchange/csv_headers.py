"""The header rows of well-known contact exports, and a guess for any other CSV.

Each known export is recognised by a few headers only it writes; its columns then map by
exact name (case-insensitive). Any other CSV gets a best-effort guess from the words in its
headers, which the user can correct in the mapping dialog.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Fields a row has at most one of; e-mail, phone and tags may come from several columns.
SINGLE_FIELDS = frozenset(
    {"full_name", "first_name", "middle_name", "last_name", "role", "department",
     "location", "strengths", "notes"}
)  # fmt: skip

GOOGLE_EMAIL = re.compile(r"^e-mail \d+ - value$")
GOOGLE_PHONE = re.compile(r"^phone \d+ - value$")
# With "E-mail 1 - Value", one of these tells Google's export (current or older form).
GOOGLE_MARKS = frozenset(
    {"labels", "group membership", "given name", "organization name", "first name",
     "organization 1 - name"}
)  # fmt: skip


@dataclass(frozen=True)
class KnownExport:
    source: str  # "Google Contacts", "Outlook", "LinkedIn"
    recognised_by: Callable[[frozenset[str]], bool]
    columns: dict[str, str]  # lower-case header -> CONTACT_FIELDS key
    patterns: tuple[tuple[re.Pattern[str], str], ...] = ()
    # Used only when the first is missing: a formatted address stands in for the city.
    fallbacks: tuple[tuple[str, str], ...] = ()

    def field_for(self, header: str) -> str:
        if header in self.columns:
            return self.columns[header]
        for pattern, field in self.patterns:
            if pattern.match(header):
                return field
        return ""


GOOGLE = KnownExport(
    source="Google Contacts",
    recognised_by=lambda h: "e-mail 1 - value" in h and bool(h & GOOGLE_MARKS),
    columns={
        "name": "full_name",
        "first name": "first_name",
        "given name": "first_name",
        "middle name": "middle_name",
        "additional name": "middle_name",
        "last name": "last_name",
        "family name": "last_name",
        "organization title": "role",
        "organization 1 - title": "role",
        "organization department": "department",
        "organization 1 - department": "department",
        "labels": "tags",
        "group membership": "tags",
        "notes": "notes",
        "address 1 - city": "location",
    },
    patterns=((GOOGLE_EMAIL, "email"), (GOOGLE_PHONE, "phone")),
    fallbacks=(("address 1 - formatted", "location"),),
)

OUTLOOK = KnownExport(
    source="Outlook",
    recognised_by=lambda h: (
        "e-mail address" in h
        and bool(h & {"business phone", "categories", "job title", "e-mail 2 address"})
    ),
    columns={
        "first name": "first_name",
        "middle name": "middle_name",
        "last name": "last_name",
        "e-mail address": "email",
        "e-mail 2 address": "email",
        "e-mail 3 address": "email",
        "business phone": "phone",
        "business phone 2": "phone",
        "mobile phone": "phone",
        "primary phone": "phone",
        "company main phone": "phone",
        "home phone": "phone",
        "job title": "role",
        "department": "department",
        "business city": "location",
        "notes": "notes",
        "categories": "tags",
    },
)

LINKEDIN = KnownExport(
    source="LinkedIn",
    recognised_by=lambda h: "connected on" in h and bool(h & {"url", "position", "company"}),
    columns={
        "first name": "first_name",
        "last name": "last_name",
        "email address": "email",
        "position": "role",
    },
)

KNOWN_EXPORTS = (GOOGLE, OUTLOOK, LINKEDIN)

# Best-effort guess for other CSVs: the first rule whose words appear in the header wins.
# Order matters: "Department name" is a department, "Last name" is not a full name.
IGNORED_WORDS = ("prefix", "suffix", "nickname", "phonetic", "yomi", "label", "type")
GUESS_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("e-mail", "email", "e mail", "mail"), "email"),
    (("phone", "mobile", "tel", "cell"), "phone"),
    (("department", "dept", "division", "team", "unit"), "department"),
    (("first", "given", "forename"), "first_name"),
    (("middle", "additional"), "middle_name"),
    (("last", "family", "surname"), "last_name"),
    (("title", "role", "position", "job", "function"), "role"),
    # A company is not a department, and "Company name" is not the person's name.
    (("company", "organization", "organisation", "employer", "url", "web"), ""),
    (("full name", "name", "contact", "person"), "full_name"),
    (("city", "location", "office", "town", "site"), "location"),
    (("strength", "expertise", "skill", "ask about", "good at"), "strengths"),
    (("note", "comment", "remark"), "notes"),
    (("tag", "categor", "group", "keyword"), "tags"),
)


def known_export(headers: Sequence[str]) -> KnownExport | None:
    present = frozenset(h.strip().lower() for h in headers)
    for export in KNOWN_EXPORTS:
        if export.recognised_by(present):
            return export
    return None


def _guess_field(header: str) -> str:
    words = header.strip().lower().replace("_", " ")
    if not words or any(word in words for word in IGNORED_WORDS):
        return ""
    for keys, field in GUESS_RULES:
        if any(key in words for key in keys):
            return field
    return ""


def _keep_first_single(fields: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for field in fields:
        if field in SINGLE_FIELDS and field in seen:
            kept.append("")
            continue
        seen.add(field)
        kept.append(field)
    return kept


def mapped_fields(headers: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """(source, one field key per column): the known export's, else the word guess."""
    export = known_export(headers)
    lowered = [h.strip().lower() for h in headers]
    if export is None:
        return "", tuple(_keep_first_single([_guess_field(h) for h in lowered]))
    fields = [export.field_for(h) for h in lowered]
    for header, field in export.fallbacks:
        if field not in fields and header in lowered:
            fields[lowered.index(header)] = field
    return export.source, tuple(_keep_first_single(fields))


def header_score(cells: Sequence[str]) -> int:
    """How many cells look like column headers of a contacts file (to find the header row
    below a preamble such as LinkedIn's "Notes:")."""
    source, fields = mapped_fields(cells)
    return sum(1 for field in fields if field) + (3 if source else 0)
