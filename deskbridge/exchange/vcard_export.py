"""vCard 3.0 export of contacts, card by card, through vobject.

The department goes into the ORG unit (``ORG:;Finance``: the organisation itself is left
empty, DeskBridge does not know it), which is where the contact import and address books
look for it. Strengths, which vCard has no property for, go into X-DESKBRIDGE-STRENGTHS.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

import vobject

from deskbridge.exchange.streamed_rows import ExportedContact, stream_contacts
from deskbridge.progress import Progress
from deskbridge.store.database import Database

# Words that belong to the family name that follows them: "Ludwig van Beethoven".
SURNAME_PARTICLES = frozenset(
    ("da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "st.",
     "ten", "ter", "van", "von", "zu")
)  # fmt: skip
PHONE_TYPES = {"mobile": "CELL", "cell": "CELL", "work": "WORK", "home": "HOME", "fax": "FAX"}


def name_parts(full_name: str) -> tuple[str, str, str]:
    """(family, given, additional) for the vCard N property:
    "Ana María de la Cruz" -> ("de la Cruz", "Ana", "María"); "Ruiz, Ana" -> ("Ruiz", "Ana", "");
    "Cher" -> ("", "Cher", "")."""
    if "," in full_name:
        family, _, given = full_name.partition(",")
        return family.strip(), given.strip(), ""
    words = full_name.split()
    if len(words) < 2:
        return "", full_name.strip(), ""
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in SURNAME_PARTICLES:
        family_start -= 1
    return " ".join(words[family_start:]), words[0], " ".join(words[1:family_start])


def contact_card(contact: ExportedContact) -> Any:
    """The vobject vCard of one contact."""
    card = vobject.vCard()
    card.add("uid").value = f"contact-{contact.id}@deskbridge"
    card.add("fn").value = contact.full_name
    family, given, additional = name_parts(contact.full_name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given, additional=additional)
    for position, (address, _label) in enumerate(contact.emails):
        email = card.add("email")
        email.value = address
        email.type_paramlist = ["INTERNET", "PREF"] if position == 0 else ["INTERNET"]
    for position, (number, label) in enumerate(contact.phones):
        phone = card.add("tel")
        phone.value = number
        kind = PHONE_TYPES.get(label.strip().lower(), "VOICE")
        phone.type_paramlist = [kind, "PREF"] if position == 0 else [kind]
    if contact.role:
        card.add("title").value = contact.role
    if contact.department:
        card.add("org").value = ["", contact.department]
    if contact.location:
        card.add("adr").value = vobject.vcard.Address(city=contact.location)
    if contact.notes:
        card.add("note").value = contact.notes
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    if contact.strengths:
        card.add("x-deskbridge-strengths").value = contact.strengths
    return card


def write_vcards(
    db: Database, stream: IO[str], ids: Sequence[int] | None, progress: Progress
) -> int:
    """Write a vCard for every contact (or those in ``ids``); returns how many."""
    written = 0
    with db.reading() as session:
        for contact in stream_contacts(session.connection(), ids, progress):
            stream.write(contact_card(contact).serialize())
            written += 1
    return written
