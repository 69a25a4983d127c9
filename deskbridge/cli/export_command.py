"""``deskbridge export FILE``: CSV, vCard, iCalendar or the full JSON archive."""

from __future__ import annotations

import argparse
from pathlib import Path

from deskbridge.clock import FixedClock
from deskbridge.errors import DeskBridgeError
from deskbridge.exchange.exports import EXPORTABLE, ExportFormat, Exports, format_for
from deskbridge.workspace import Workspace

from .parsing import OneLineParser, add_db_option, iso_day

FORMAT_NAMES = {
    ExportFormat.CSV: "a CSV",
    ExportFormat.VCARD: "a vCard",
    ExportFormat.ICS: "an iCalendar",
    ExportFormat.JSON: "a JSON",
}


def register(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    help = "export to CSV, vCard, iCalendar (.ics) or a full JSON archive"
    parser = subparsers.add_parser(
        "export",
        help=help,
        description=f"{help}. The format comes from the file's extension "
        "(.csv, .vcf, .ics, .json) unless --format says otherwise; JSON holds everything.",
    )
    add_db_option(parser)
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--format", choices=[member.value for member in ExportFormat])
    parser.add_argument(
        "--what", choices=EXPORTABLE, help="what a CSV file holds (default: contacts)"
    )
    parser.add_argument(
        "--today",
        type=iso_day,
        metavar="YYYY-MM-DD",
        help="the day whose keep-in-touch reminders go into an .ics (default: today)",
    )
    parser.set_defaults(handler=export)


def export(ws: Workspace, args: argparse.Namespace) -> int:
    fmt = format_for(args.file, args.format)
    if args.what is not None and fmt is not ExportFormat.CSV:
        holds = {ExportFormat.VCARD: "contacts", ExportFormat.ICS: "reminders and due dates"}
        raise DeskBridgeError(
            f"--what is for CSV exports; {FORMAT_NAMES[fmt]} export holds "
            f"{holds.get(fmt, 'everything')}"
        )
    if args.today is not None and fmt is not ExportFormat.ICS:
        raise DeskBridgeError("--today is for .ics exports")
    exports = ws.exports if args.today is None else Exports(ws.db, FixedClock(args.today))
    result = exports.write(args.file, fmt, what=args.what or "contacts")
    # A JSON archive counts rows of every table: "records" to a user.
    plural = "records" if result.what == "rows" else result.what
    what = plural.removesuffix("s") if result.items == 1 else plural
    print(f"Exported {result.items} {what} to {result.path}")
    return 0
