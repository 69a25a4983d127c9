"""Moving out: every export DeskBridge writes, and the JSON archive that brings it all back.

Each export reads one consistent snapshot of the database, streams what it writes (so a
million interactions never sit in memory at once), and writes through a temporary file
beside the target that is renamed into place at the end: a cancel or a failure leaves no
half-written file behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from deskbridge.clock import Clock
from deskbridge.errors import DeskBridgeError
from deskbridge.exchange.atomic_file import replacing
from deskbridge.progress import Progress, no_progress
from deskbridge.store.database import Database


class ExportFormat(StrEnum):
    CSV = "csv"
    VCARD = "vcard"
    ICS = "ics"
    JSON = "json"


EXPORTABLE: tuple[str, ...] = (
    "contacts", "departments", "interactions", "requests", "goals", "projects", "tasks",
)  # fmt: skip
"""What a CSV export can hold, one kind of thing per file."""

_BY_EXTENSION = {
    ".csv": ExportFormat.CSV,
    ".vcf": ExportFormat.VCARD,
    ".vcard": ExportFormat.VCARD,
    ".ics": ExportFormat.ICS,
    ".ical": ExportFormat.ICS,
    ".json": ExportFormat.JSON,
}
_ALIASES = {"vcf": ExportFormat.VCARD, "ical": ExportFormat.ICS, "icalendar": ExportFormat.ICS}

# What the count in an ExportResult counts, for formats that hold more than one kind.
CALENDAR_ITEMS = "calendar items"
ARCHIVE_ROWS = "rows"


def format_for(path: Path, fmt: str | None = None) -> ExportFormat:
    """The format named by ``fmt`` ("csv", "vcard", "ics", "json"), else the one the file
    name's extension implies; a :class:`DeskBridgeError` when neither says."""
    if fmt:
        name = fmt.strip().lower()
        try:
            return _ALIASES.get(name) or ExportFormat(name)
        except ValueError:
            known = ", ".join(member.value for member in ExportFormat)
            raise DeskBridgeError(f"unknown format {fmt!r}; use one of {known}") from None
    found = _BY_EXTENSION.get(path.suffix.lower())
    if found is None:
        raise DeskBridgeError(
            f"cannot tell the format of {path.name} from its extension; "
            "name it .csv, .vcf, .ics or .json, or give the format"
        )
    return found


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: ExportFormat
    what: str  # "contacts", "interactions", ...; "calendar items" (ics); "rows" (json)
    items: int


class Exports:
    """Exports of one database, and restoring a JSON archive into an empty one."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def write(
        self,
        path: Path,
        fmt: ExportFormat | None = None,
        what: str = "contacts",
        contact_ids: Sequence[int] | None = None,
        progress: Progress = no_progress,
    ) -> ExportResult:
        """Write ``path`` in ``fmt`` (default: from its extension).

        CSV holds one kind of thing (``what``, one of :data:`EXPORTABLE`); vCard holds
        contacts; both take ``contact_ids`` to export only those contacts (default: all).
        iCalendar holds the keep-in-touch reminders due on the clock's today, open tasks'
        due dates and open requests' deadlines; JSON holds everything. Written to a
        temporary file beside ``path``, then renamed: cancel or failure leaves no file."""
        chosen = format_for(path, fmt)
        _check_combination(chosen, what, contact_ids)
        ids = None if contact_ids is None else sorted(set(contact_ids))
        # Each format's module is imported when used: vobject and icalendar take ~0.1 s
        # to import, which every start of the app and the CLI would otherwise pay.
        if chosen is ExportFormat.CSV:
            from deskbridge.exchange import csv_export

            # utf-8 with a BOM: without it Excel reads the file as the local code page
            # and shows "JosÃ©" for "José".
            with replacing(path, encoding="utf-8-sig") as stream:
                items = csv_export.write_csv(self._db, stream, what, ids, progress)
            return ExportResult(path, chosen, what, items)
        if chosen is ExportFormat.VCARD:
            from deskbridge.exchange import vcard_export

            with replacing(path) as stream:
                items = vcard_export.write_vcards(self._db, stream, ids, progress)
            return ExportResult(path, chosen, "contacts", items)
        if chosen is ExportFormat.ICS:
            from deskbridge.exchange import calendar_export

            with replacing(path) as stream:
                items = calendar_export.write_calendar(self._db, self._clock, stream, progress)
            return ExportResult(path, chosen, CALENDAR_ITEMS, items)
        from deskbridge.exchange import json_archive

        with replacing(path) as stream:
            items = json_archive.write_archive(self._db, self._clock, stream, progress)
        return ExportResult(path, chosen, ARCHIVE_ROWS, items)

    def import_json(
        self, path: Path, progress: Progress = no_progress, dry_run: bool = False
    ) -> dict[str, int]:
        """Restore a JSON archive into this database, which must be empty: every row with
        its own id, in one transaction, then the search index is rebuilt. Returns the
        rows per table. ``dry_run`` reads and checks the whole file but writes nothing.
        A non-empty database, a file of another format or schema, or a bad value (named
        by table, row and column) raises :class:`DeskBridgeError` and changes nothing."""
        from deskbridge.exchange import json_archive

        return json_archive.import_archive(self._db, path, progress, dry_run=dry_run)


def _check_combination(fmt: ExportFormat, what: str, contact_ids: Sequence[int] | None) -> None:
    if fmt is ExportFormat.CSV:
        if what not in EXPORTABLE:
            raise DeskBridgeError(
                f"cannot export {what!r} as CSV; choose one of {', '.join(EXPORTABLE)}"
            )
    elif fmt is ExportFormat.VCARD and what != "contacts":
        raise DeskBridgeError(f"a vCard file holds contacts, not {what}")
    if contact_ids is not None and not (
        fmt is ExportFormat.VCARD or (fmt is ExportFormat.CSV and what == "contacts")
    ):
        raise DeskBridgeError("only contacts (CSV or vCard) can be exported by selection")
