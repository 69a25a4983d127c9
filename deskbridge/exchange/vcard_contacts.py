"""Contacts from vCard files (2.1, 3.0 and 4.0) through vobject.

vobject reads a whole file in one go and stops at the first card it cannot parse, so the
file is first cut into cards with vobject's own logical-line reader (which unfolds folded
lines and vCard 2.1 quoted-printable soft breaks); each card is then parsed on its own, and
a broken card becomes a problem naming its number and property while the rest import.
Binary properties (PHOTO, LOGO, SOUND, KEY) are dropped before parsing: DeskBridge keeps no
pictures, and a damaged photo must not cost the card.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskbridge.errors import ExchangeFileError
from deskbridge.exchange.file_text import read_file_text
from deskbridge.exchange.incoming import ImportProblem, IncomingContact, ParsedContacts
from deskbridge.exchange.incoming_checks import checked_contact
from deskbridge.progress import Progress, no_progress

DROPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
PROGRESS_EVERY = 200
NOT_PREFERRED = 1_000


@dataclass
class _Card:
    number: int
    lines: list[str] = field(default_factory=list)
    closed: bool = False


def _property(line: str) -> str:
    """The property name of a content line, without a group ("item1.EMAIL" -> "EMAIL")."""
    name = line.split(":", 1)[0].split(";", 1)[0]
    return name.rsplit(".", 1)[-1].strip().upper()


def _cards(text: str) -> Iterator[_Card]:
    # Imported here: vobject costs ~15 ms, which every start of the app would pay.
    from vobject.base import getLogicalLines

    card: _Card | None = None
    number = 0
    for line, _ in getLogicalLines(io.StringIO(text), True):
        name = _property(line)
        value = line.split(":", 1)[-1].strip().upper()
        if name == "BEGIN" and value == "VCARD":
            if card is not None:
                yield card
            number += 1
            card = _Card(number, [line])
        elif card is not None and name not in DROPPED:
            card.lines.append(line)
            if name == "END" and value == "VCARD":
                card.closed = True
                yield card
                card = None
    if card is not None:
        yield card


def _parse(lines: list[str]) -> Any:
    import vobject

    return vobject.readOne("\r\n".join(lines) + "\r\n", allowQP=True)


def _line_at(lines: list[str], line_number: int) -> str | None:
    """The logical line starting on physical line ``line_number`` (1-based) of the card."""
    start = 1
    for line in lines:
        if start == line_number:
            return line
        start += line.count("\n") + 1
    return None


def _culprit(lines: list[str], error: Exception) -> str:
    """The property whose line makes the card unreadable: the line vobject names, else the
    first one without which the card parses."""
    named = getattr(error, "lineNumber", None)
    line = _line_at(lines, named) if isinstance(named, int) else None
    if line is not None:
        return _property(line)
    for index in range(1, len(lines) - 1):
        try:
            _parse(lines[:index] + lines[index + 1 :])
        except Exception:
            continue
        return _property(lines[index])
    return "VCARD"


def _reason(error: Exception) -> str:
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    message = re.sub(r"^At line \d+: ", "", message)
    if isinstance(error, UnicodeError | LookupError):
        return f"cannot be decoded ({message})"
    return f"cannot be read ({message[:120]})"


def _preference(line: Any) -> int:
    params = {key.upper(): values for key, values in line.params.items()}
    for value in params.get("PREF", ()):
        try:
            return int(value)
        except ValueError:
            return 1
    types = [str(t).upper() for t in params.get("TYPE", ())]
    singles = [str(s).upper() for s in line.singletonparams]
    return 1 if "PREF" in types or "PREF" in singles else NOT_PREFERRED


def _lines(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value if _text(v))
    return "" if value is None else str(value)


def _first(card: Any, *names: str) -> str:
    for name in names:
        for line in _lines(card, name):
            text = _text(line.value).strip()
            if text:
                return text
    return ""


def _by_preference(card: Any, name: str) -> list[str]:
    lines = sorted(_lines(card, name), key=_preference)  # stable: file order otherwise
    return [_text(line.value) for line in lines]


def _name_parts(card: Any) -> list[str]:
    for line in _lines(card, "n"):
        value = line.value
        parts = [getattr(value, part, "") for part in ("given", "additional", "family")]
        return [_text(part) for part in parts]
    return []


def _department(card: Any) -> str:
    for line in _lines(card, "org"):
        value = line.value
        units = value if isinstance(value, list) else str(value).split(";")
        if len(units) > 1 and _text(units[1]).strip():
            return _text(units[1])
    return ""


def _location(card: Any) -> str:
    for line in sorted(_lines(card, "adr"), key=_preference):
        city = _text(getattr(line.value, "city", ""))
        if city.strip():
            return city
    return ""


def _tags(card: Any) -> list[str]:
    tags: list[str] = []
    for line in _lines(card, "categories"):
        value = line.value
        tags += [_text(v) for v in value] if isinstance(value, list) else str(value).split(",")
    return tags


def _contact(where: str, card: Any) -> IncomingContact | ImportProblem | None:
    return checked_contact(
        where,
        full_name=_first(card, "fn"),
        name_parts=_name_parts(card),
        emails=_by_preference(card, "email"),
        phones=_by_preference(card, "tel"),
        role=_first(card, "title", "role"),
        department=_department(card),
        location=_location(card),
        strengths=_first(card, "x-deskbridge-strengths"),
        notes=_first(card, "note"),
        tags=_tags(card),
    )


def _read_card(card: _Card) -> IncomingContact | ImportProblem | None:
    where = f"card {card.number}"
    if not card.closed:
        return ImportProblem(where, "END", "the card is not closed with END:VCARD")
    try:
        parsed = _parse(card.lines)
    except Exception as error:
        return ImportProblem(where, _culprit(card.lines, error), _reason(error))
    return _contact(where, parsed)


def _contacts_from_cards(cards: Iterable[_Card], total: int, progress: Progress) -> ParsedContacts:
    contacts: list[IncomingContact] = []
    problems: list[ImportProblem] = []
    for count, card in enumerate(cards, start=1):
        outcome = _read_card(card)
        if isinstance(outcome, IncomingContact):
            contacts.append(outcome)
        elif outcome is not None:
            problems.append(outcome)
        if count % PROGRESS_EVERY == 0:
            progress(count, total)
    progress(total, total)
    return ParsedContacts(source="vCard", contacts=tuple(contacts), problems=tuple(problems))


def read_vcards(path: Path, progress: Progress = no_progress) -> ParsedContacts:
    """Every card of the file as a contact, or a problem naming the card and property.

    ExchangeFileError when the file cannot be read, is empty, or holds no vCard."""
    text = read_file_text(path, "vCard file").text
    cards = list(_cards(text))
    if not cards:
        raise ExchangeFileError(str(path), "is not a vCard file: it has no BEGIN:VCARD")
    return _contacts_from_cards(cards, len(cards), progress)
