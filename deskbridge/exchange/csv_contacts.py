"""Contacts from CSV files (Google Contacts, Outlook, LinkedIn, or any other by hand)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from deskbridge.errors import ExchangeFileError, ValidationError
from deskbridge.exchange.csv_headers import header_score, mapped_fields
from deskbridge.exchange.file_text import read_file_text
from deskbridge.exchange.incoming import ImportProblem, IncomingContact, ParsedContacts
from deskbridge.exchange.incoming_checks import checked_contact
from deskbridge.progress import Progress, no_progress

DELIMITERS = ",;\t"
# LinkedIn puts a few "Notes:" lines above its header; no export puts more than this.
PREAMBLE_LINES = 30
SNIFF_SAMPLE = 64 * 1024
PROGRESS_EVERY = 1000
NAME_FIELDS = ("full_name", "first_name", "middle_name", "last_name")
SOURCES = {
    "Google Contacts": "Google Contacts CSV", "Outlook": "Outlook CSV",
    "LinkedIn": "LinkedIn CSV", "": "CSV",
}  # fmt: skip
# Google joins several values of one column with " ::: "; others use ";" or ",".
SEVERAL_EMAILS = re.compile(r":::|[;,\s]+(?=\S)")
SEVERAL_PHONES = re.compile(r":::")
SEVERAL_TAGS = re.compile(r":::|[;,]")

CONTACT_FIELDS: tuple[tuple[str, str], ...] = (
    ("", "Ignore"),
    ("full_name", "Name"),
    ("first_name", "First name"),
    ("middle_name", "Middle name"),
    ("last_name", "Last name"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("role", "Role"),
    ("department", "Department"),
    ("location", "Location"),
    ("strengths", "Strengths"),
    ("notes", "Notes"),
    ("tags", "Tags"),
)


@dataclass(frozen=True)
class CsvTable:
    path: Path
    encoding: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line number of the row's first line, cells)


@dataclass(frozen=True)
class ColumnMapping:
    source: str  # "Google Contacts", "Outlook", "LinkedIn", or "" (by hand)
    fields: tuple[str, ...]  # one CONTACT_FIELDS key per header column; "" = ignored


def _cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _header_line(head: Sequence[str]) -> int:
    """The index among the first lines of the one that holds the column headers: the first
    that looks like contact headers, else the first that is not blank."""
    first = None
    for index, line in enumerate(head):
        if not line.strip():
            continue
        if first is None:
            first = index
        if max(header_score(_cells(line, d)) for d in DELIMITERS) >= 2:
            return index
    return first or 0


def _delimiter(sample: str, header: str) -> str:
    """The separator csv.Sniffer finds, unless it splits the header worse than another.
    Only the separator is taken from the sniffed dialect: its quote-character guess can
    pick the apostrophe in O'Brien, and every exporter quotes with '"'."""
    widths = {d: len(_cells(header, d)) for d in DELIMITERS}
    widest = max(DELIMITERS, key=lambda d: widths[d])
    try:
        sniffed = csv.Sniffer().sniff(sample[:SNIFF_SAMPLE], delimiters=DELIMITERS).delimiter
    except csv.Error:
        return widest
    return sniffed if widths.get(sniffed, 0) >= widths[widest] else widest


@contextmanager
def _fields_up_to(size: int) -> Iterator[None]:
    # A huge cell must reach the field checks (and become a problem naming its line)
    # instead of stopping the csv module with "field larger than field limit".
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def read_csv_table(path: Path, progress: Progress = no_progress) -> CsvTable:
    """The file's header row and data rows, each with the physical line it starts on.

    Blank rows are left out. ExchangeFileError when the file cannot be read, is empty, or
    has no header row."""
    file = read_file_text(path, "CSV file")
    stream = io.StringIO(file.text, newline="")
    head = [stream.readline() for _ in range(PREAMBLE_LINES)]
    start = _header_line(head)
    delimiter = _delimiter("".join(head[start:]), head[start])
    total_lines = max(file.text.count("\n"), file.text.count("\r")) + 1
    lines = chain(head[start:], stream)
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    with _fields_up_to(len(file.text)):
        try:
            headers = tuple(
                cell.strip().lstrip("\ufeff") or f"Column {i + 1}"
                for i, cell in enumerate(next(reader, []))
            )
            consumed = reader.line_num
            for count, cells in enumerate(reader, start=1):
                line = start + consumed + 1
                consumed = reader.line_num
                if any(cell.strip() for cell in cells):
                    rows.append((line, tuple(cells)))
                if count % PROGRESS_EVERY == 0:
                    progress(min(start + consumed, total_lines), total_lines)
        except csv.Error as error:
            where = f"line {start + reader.line_num}"
            message = f"is not a readable CSV file: {error}"
            raise ExchangeFileError(str(path), message, where) from None
    if not any(headers):
        raise ExchangeFileError(str(path), "has no header row")
    progress(total_lines, total_lines)
    return CsvTable(path=path, encoding=file.encoding, headers=headers, rows=tuple(rows))


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Google Contacts, Outlook and LinkedIn headers by name; any other CSV by the words in
    its headers (source ""). Several columns may map to e-mail, phone and tags."""
    source, fields = mapped_fields(headers)
    return ColumnMapping(source=source, fields=fields)


def _split(pattern: re.Pattern[str], values: list[str]) -> list[str]:
    parts: list[str] = []
    for value in values:
        if pattern.search(value):
            parts += [part for part in pattern.split(value) if part.strip()]
        else:
            parts.append(value)
    return parts


def _user_tags(values: list[str]) -> list[str]:
    # Google's system groups ("* myContacts", "* starred") are not the user's labels.
    return [tag for tag in _split(SEVERAL_TAGS, values) if not tag.strip().startswith("*")]


def _first(cells: tuple[str, ...], indexes: tuple[int, ...]) -> str:
    for index in indexes:
        if index < len(cells) and cells[index]:
            return cells[index]
    return ""


def _all(cells: tuple[str, ...], indexes: tuple[int, ...]) -> list[str]:
    return [cells[i] for i in indexes if i < len(cells) and cells[i]]


def contacts_from_csv(table: CsvTable, mapping: ColumnMapping) -> ParsedContacts:
    """The rows as contacts under ``mapping``; a row with a problem becomes an ImportProblem
    (the first problem found in it) instead. ValidationError when no column holds a name."""
    fields = tuple(mapping.fields[: len(table.headers)]) + ("",) * max(
        0, len(table.headers) - len(mapping.fields)
    )
    if not any(field in NAME_FIELDS for field in fields):
        raise ValidationError(
            "mapping", "no column is the name: choose the Name column (or First and Last name)"
        )
    columns: dict[str, tuple[int, ...]] = {}
    for index, field in enumerate(fields):
        if field:
            columns[field] = (*columns.get(field, ()), index)
    full, first, middle, last, role, department, location, strengths, notes = (
        columns.get(field, ())
        for field in ("full_name", "first_name", "middle_name", "last_name", "role",
                      "department", "location", "strengths", "notes")
    )  # fmt: skip
    email, phone, tags = (columns.get(field, ()) for field in ("email", "phone", "tags"))
    width = len(fields)
    contacts: list[IncomingContact] = []
    problems: list[ImportProblem] = []
    for line, cells in table.rows:
        where = f"line {line}"
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            problems.append(
                ImportProblem(
                    where, "Row", f"has {len(cells)} cells but the header has {width} columns"
                )
            )
            continue
        outcome = checked_contact(
            where,
            full_name=_first(cells, full),
            name_parts=(_first(cells, first), _first(cells, middle), _first(cells, last)),
            emails=_split(SEVERAL_EMAILS, _all(cells, email)) if email else (),
            phones=_split(SEVERAL_PHONES, _all(cells, phone)) if phone else (),
            role=_first(cells, role),
            department=_first(cells, department),
            location=_first(cells, location),
            strengths=_first(cells, strengths),
            notes=_first(cells, notes),
            tags=_user_tags(_all(cells, tags)) if tags else (),
        )
        if isinstance(outcome, IncomingContact):
            contacts.append(outcome)
        elif outcome is not None:
            problems.append(outcome)
    return ParsedContacts(
        source=SOURCES.get(mapping.source, "CSV"),
        contacts=tuple(contacts),
        problems=tuple(problems),
    )
