"""Importing contacts: read a file, preview what would change, apply it in one transaction.

The rules for matching and updating are in :mod:`deskbridge.exchange.contact_matching`;
how the rows are written is in :mod:`deskbridge.exchange.contact_writing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deskbridge.clock import Clock
from deskbridge.errors import ExchangeFileError
from deskbridge.exchange.contact_matching import (
    ImportAction,
    ImportPlan,
    PlannedContact,
    plan_import,
)
from deskbridge.exchange.contact_writing import write_plan
from deskbridge.exchange.csv_contacts import contacts_from_csv, guess_mapping, read_csv_table
from deskbridge.exchange.incoming import ParsedContacts
from deskbridge.exchange.vcard_contacts import read_vcards
from deskbridge.progress import Progress, no_progress
from deskbridge.store.database import Database

__all__ = [
    "ContactImport",
    "ImportAction",
    "ImportPreview",
    "ImportResult",
    "PlannedContact",
    "read_contacts_file",
]

FORMAT_BY_SUFFIX = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".vcf": "vcard", ".vcard": "vcard"}


@dataclass(frozen=True)
class ImportPreview:
    rows: tuple[PlannedContact, ...]  # one per incoming contact and per problem (ERROR)
    created: int
    updated: int
    skipped: int
    errors: int


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    skipped: int
    errors: int


def contacts_format(path: Path, fmt: str | None = None) -> str:
    """ "csv" or "vcard": ``fmt`` if given, else from the file's extension."""
    chosen = fmt or FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if chosen not in ("csv", "vcard"):
        raise ExchangeFileError(
            str(path),
            f"cannot import {fmt!r} contacts; use csv or vcard"
            if fmt
            else "cannot tell the format from the extension; choose csv or vcard",
        )
    return chosen


def read_contacts_file(path: Path, fmt: str | None = None) -> ParsedContacts:
    """The contacts in a CSV (columns recognised by :func:`guess_mapping`) or vCard file."""
    if contacts_format(path, fmt) == "vcard":
        return read_vcards(path)
    table = read_csv_table(path)
    return contacts_from_csv(table, guess_mapping(table.headers))


def _counts(plan: ImportPlan) -> tuple[int, int, int, int]:
    return (
        plan.count(ImportAction.CREATE),
        plan.count(ImportAction.UPDATE),
        plan.count(ImportAction.SKIP),
        plan.count(ImportAction.ERROR),
    )


class ContactImport:
    """Preview and apply an import of contacts read from a file."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def preview(self, parsed: ParsedContacts, progress: Progress = no_progress) -> ImportPreview:
        """What :meth:`apply` would do with each contact, and why; nothing is written."""
        with self._db.reading() as session:
            plan = plan_import(session.connection(), parsed, progress, len(parsed.contacts))
        progress(len(parsed.contacts), len(parsed.contacts))
        return ImportPreview(plan.rows, *_counts(plan))

    def apply(self, parsed: ParsedContacts, progress: Progress = no_progress) -> ImportResult:
        """Create and update contacts as :meth:`preview` says, in one transaction. Rows with
        problems are left out (counted in ``errors``). When ``progress`` raises Cancelled,
        or anything fails, the database is left exactly as it was."""
        total = 2 * len(parsed.contacts)
        with self._db.unit_of_work() as session:
            connection = session.connection()
            plan = plan_import(connection, parsed, progress, total)
            write_plan(
                connection,
                plan,
                today=self._clock.today(),
                now=self._clock.now(),
                progress=progress,
                done=len(parsed.contacts),
                total=total,
            )
            progress(total, total)  # inside: a cancel here still undoes everything
        return ImportResult(*_counts(plan))
