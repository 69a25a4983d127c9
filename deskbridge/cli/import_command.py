"""``deskbridge import FILE``: contacts from CSV or vCard, or a whole JSON archive.

Contacts are imported all or nothing: when rows have problems the command lists them and
writes nothing, unless ``--skip-errors`` says to import the rest. ``--dry-run`` prints what
would happen (and exits 1 when the real import would refuse), so scripts can check first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from deskbridge.errors import DeskBridgeError
from deskbridge.exchange.contact_import import (
    FORMAT_BY_SUFFIX,
    ImportAction,
    ImportPreview,
    ImportResult,
)
from deskbridge.exchange.csv_contacts import (
    NAME_FIELDS,
    contacts_from_csv,
    guess_mapping,
    read_csv_table,
)
from deskbridge.exchange.incoming import ParsedContacts
from deskbridge.exchange.vcard_contacts import read_vcards
from deskbridge.workspace import Workspace

from .parsing import OneLineParser, add_db_option

EXIT_FAILURE = 1
ERRORS_SHOWN = 10


def register(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    help = "import contacts (CSV, vCard) or a JSON archive into an empty database"
    parser = subparsers.add_parser("import", help=help, description=help)
    add_db_option(parser)
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--format", choices=("csv", "vcard", "json"), help="default: from the file's extension"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument(
        "--skip-errors", action="store_true", help="import the good rows when some have problems"
    )
    parser.set_defaults(handler=import_file)


def _counts(counts: ImportPreview | ImportResult) -> str:
    return (
        f"created {counts.created}, updated {counts.updated}, skipped {counts.skipped}, "
        f"errors {counts.errors}"
    )


def _print_errors(preview: ImportPreview, file: TextIO) -> None:
    errors = [row for row in preview.rows if row.action is ImportAction.ERROR]
    for row in errors[:ERRORS_SHOWN]:
        print(f"  {row.where}, {row.reason}", file=file)
    if len(errors) > ERRORS_SHOWN:
        print(f"  ... and {len(errors) - ERRORS_SHOWN} more", file=file)


def _import_json(ws: Workspace, args: argparse.Namespace) -> int:
    counts = ws.exports.import_json(args.file, dry_run=args.dry_run)
    listed = ", ".join(f"{table} {rows}" for table, rows in counts.items() if rows) or "nothing"
    print(f"{'would import' if args.dry_run else 'imported'}: {listed}")
    return 0


def _format(path: Path, given: str | None) -> str:
    if given:
        return given
    suffix = path.suffix.lower()
    fmt = "json" if suffix == ".json" else FORMAT_BY_SUFFIX.get(suffix)
    if fmt is None:
        raise DeskBridgeError(
            f"{path}: cannot tell the format from the extension; name it .csv, .vcf or .json, "
            "or add --format csv, vcard or json"
        )
    return fmt


def _read_csv(path: Path) -> ParsedContacts:
    """The CSV's contacts under the columns recognised from its headers. Without a name
    column the error lists the headers found: there is no mapping dialog here."""
    table = read_csv_table(path)
    mapping = guess_mapping(table.headers)
    if not any(field in NAME_FIELDS for field in mapping.fields):
        found = ", ".join(f"“{header}”" for header in table.headers[:8] if header)
        more = " …" if len(table.headers) > 8 else ""
        raise DeskBridgeError(
            f"{path}: no column is the name (the columns are {found or 'unnamed'}{more}); "
            "head one “Name”, or “First name” and “Last name”, or import the file in the "
            "app, which lets you match the columns by hand"
        )
    return contacts_from_csv(table, mapping)


def import_file(ws: Workspace, args: argparse.Namespace) -> int:
    path: Path = args.file
    fmt = _format(path, args.format)
    if fmt == "json":
        return _import_json(ws, args)
    parsed = read_vcards(path) if fmt == "vcard" else _read_csv(path)
    preview = ws.contact_import.preview(parsed)
    refused = preview.errors > 0 and not args.skip_errors
    if args.dry_run:
        print(f"{parsed.source}, dry run: {_counts(preview)}")
        _print_errors(preview, sys.stdout)
        if refused:
            print("the import would stop on these errors (use --skip-errors to import the rest)")
        return EXIT_FAILURE if refused else 0
    if refused:
        one = preview.errors == 1
        rows = "1 row has a problem" if one else f"{preview.errors} rows have problems"
        print(
            f"deskbridge: error: {rows}; nothing was imported "
            f"(fix {'it' if one else 'them'}, or use --skip-errors to import the rest):",
            file=sys.stderr,
        )
        _print_errors(preview, sys.stderr)
        return EXIT_FAILURE
    result = ws.contact_import.apply(parsed)
    print(f"{parsed.source}: {_counts(result)}")
    return 0
