"""``deskbridge backup | backups | restore | check``: keeping the database safe from a shell.

These commands take the database's location rather than an opened workspace (they are
``raw_handler``s): opening a damaged file could fail or even change it, and a restore must
happen while nothing has the database open.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from deskbridge.backups import MANUAL, BackupInfo, Backups, size_text
from deskbridge.clock import SystemClock
from deskbridge.database_health import Diagnosis, Problem, WayOut, diagnose, set_damaged_aside
from deskbridge.errors import DatabaseOpenError, DeskBridgeError
from deskbridge.paths import database_url
from deskbridge.progress import Progress
from deskbridge.sqlite_files import COUNTED_TABLES
from deskbridge.store.engine import sqlite_file

from .output import print_json, print_table
from .parsing import OneLineParser, add_db_option

if TYPE_CHECKING:  # the checks are imported when `check` runs, not at every start
    from deskbridge.integrity import CheckResult

RawHandler = Callable[[str | None, argparse.Namespace], int]
NOT_FOR_SERVERS = "backups are for SQLite files; back up a team database on its server (pg_dump)"


def _raw(
    subparsers: argparse._SubParsersAction[OneLineParser], name: str, handler: RawHandler, help: str
) -> OneLineParser:
    parser = subparsers.add_parser(name, help=help, description=help)
    add_db_option(parser)
    parser.set_defaults(raw_handler=handler)
    return parser


def register(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    backup = _raw(subparsers, "backup", backup_now, "take a verified backup of the database now")
    backup.add_argument(
        "--to", type=Path, metavar="PATH", help="a file or folder of your own (not rotated)"
    )
    listing = _raw(subparsers, "backups", list_backups, "list the backups, newest first")
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    restore = _raw(
        subparsers, "restore", restore_backup, "put a backup in place (the current file is kept)"
    )
    restore.add_argument(
        "backup", metavar="BACKUP", help="a backup file, or its number or name from `backups`"
    )
    check_parser = _raw(
        subparsers, "check", check, "diagnose the database, then check integrity and derived values"
    )
    check_parser.add_argument(
        "--set-aside",
        action="store_true",
        help="rename a damaged file aside (never deleted) so a new database starts there",
    )
    check_parser.add_argument(
        "--repair",
        action="store_true",
        help="recompute derived values that fail their check (search index, keep-in-touch "
        "dates, monthly counts); nothing you entered is changed",
    )


# --- shared pieces ----------------------------------------------------------------------


def _database_file(location: str | None) -> Path:
    path = sqlite_file(make_url(database_url(location)))
    if path is None:
        raise DeskBridgeError(NOT_FOR_SERVERS)
    return path


def _terminal_progress(label: str) -> Progress:
    def show(done: int, total: int) -> None:
        if total and sys.stderr.isatty():
            sys.stderr.write(f"\r{label} {done / total:4.0%}")
            if done >= total:
                sys.stderr.write("\r" + " " * (len(label) + 6) + "\r")

    return show


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(_many(number, key) for key, number in counts.items())


def _many(number: int, plural: str) -> str:
    """``1 task``, ``2 tasks``: the counted tables are named in the plural."""
    return f"{number} {plural.removesuffix('s') if number == 1 else plural}"


def _db_option(location: str | None) -> str:
    return f" --db {shlex.quote(location)}" if location else ""


def ways_out(diagnosis: Diagnosis, location: str | None) -> list[str]:
    """Each way out of ``diagnosis`` as the command that takes it."""
    lines = []
    latest = diagnosis.latest_backup
    for way in diagnosis.ways_out:
        if way is WayOut.RESTORE_BACKUP and latest is not None:
            lines.append(
                f"restore the latest good backup (taken {latest.taken_at:%Y-%m-%d %H:%M}, "
                f"{_many(latest.counts.get('contacts', 0), 'contacts')}): "
                f"deskbridge restore {shlex.quote(str(latest.path))}{_db_option(location)}"
            )
        elif way is WayOut.OPEN_ANOTHER:
            lines.append("use another database: add --db OTHER.sqlite3 to the command")
        elif way is WayOut.CREATE_NEW:
            lines.append(
                "start a new database, keeping this file aside (renamed, not deleted): "
                f"deskbridge check --set-aside{_db_option(location)}"
            )
        elif way is WayOut.RETRY and diagnosis.problem is Problem.LOCKED:
            lines.append("try again once the other program has closed the database")
        elif way is WayOut.RETRY:
            lines.append("try again once the file, its folder or the server can be used")
    return lines


def open_failure(location: str | None, error: Exception) -> DeskBridgeError:
    """The one-line error for a command whose database would not open: the diagnosis and
    the ways out, or the original reason when the diagnosis finds nothing wrong."""
    diagnosis = diagnose(location, SystemClock(), thorough=True)
    if diagnosis.ok:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return DatabaseOpenError(reason)
    return DatabaseOpenError(
        f"{diagnosis.message} Ways out: {'; '.join(ways_out(diagnosis, location))}"
    )


# --- the commands ---------------------------------------------------------------------------


def backup_now(location: str | None, args: argparse.Namespace) -> int:
    backups = Backups.for_database(_database_file(location), SystemClock())
    info = backups.create(MANUAL, to=args.to, progress=_terminal_progress("backing up"))
    print(f"Backed up to {info.path} ({_counts(info.counts)}; {size_text(info.size)}), verified.")
    return 0


def _as_json(number: int, info: BackupInfo) -> dict[str, object]:
    return {
        "number": number,
        "path": str(info.path),
        "taken_at": info.taken_at,
        "reason": info.reason,
        "size": info.size,
        "counts": dict(info.counts),
    }


def list_backups(location: str | None, args: argparse.Namespace) -> int:
    path = _database_file(location)
    infos = Backups.for_database(path, SystemClock()).list()
    if args.json:
        print_json([_as_json(number, info) for number, info in enumerate(infos, 1)])
    elif not infos:
        print(f"No backups of {path} yet. Take one with: deskbridge backup{_db_option(location)}")
    else:
        headers = ("#", "TAKEN", "REASON", "SIZE", *(key.upper() for key in COUNTED_TABLES))
        rows = [
            (str(number), f"{info.taken_at:%Y-%m-%d %H:%M:%S}", info.reason, size_text(info.size),
             *(str(info.counts.get(key, 0)) for key in COUNTED_TABLES))
            for number, info in enumerate(infos, 1)
        ]  # fmt: skip
        print_table(headers, rows)
        print(f"in {infos[0].path.parent}")
    return 0


def _chosen_backup(backups: Backups, given: str) -> Path:
    if given.isdigit():
        infos = backups.list()
        number = int(given)
        if not 1 <= number <= len(infos):
            raise DeskBridgeError(
                f"there is no backup number {number}; `deskbridge backups` lists {len(infos)}"
            )
        return infos[number - 1].path
    for candidate in (Path(given).expanduser(), backups.folder / given):
        if candidate.is_file():
            return candidate
    raise DeskBridgeError(
        f"there is no backup file {given}: give a file, or a number or name from "
        "`deskbridge backups`"
    )


def restore_backup(location: str | None, args: argparse.Namespace) -> int:
    database = _database_file(location)
    backups = Backups.for_database(database, SystemClock())
    chosen = _chosen_backup(backups, args.backup)
    kept = backups.restore(chosen, progress=_terminal_progress("restoring"))
    where = f"; the previous database was kept at {kept}" if kept else ""
    print(f"Restored {chosen} into {database}{where}.")
    return 0


def check(location: str | None, args: argparse.Namespace) -> int:
    from deskbridge.integrity import DERIVED, repair_derived, run_checks
    from deskbridge.workspace import Workspace

    clock = SystemClock()
    diagnosis = diagnose(location, clock, thorough=True)
    if not diagnosis.ok:
        if args.set_aside and WayOut.CREATE_NEW in diagnosis.ways_out:
            damaged = Path(diagnosis.location)
            aside = set_damaged_aside(damaged, clock)
            print(f"{damaged} was renamed to {aside.name}; a new database will start there.")
            return 0
        print(f"FAIL  {diagnosis.message}")
        for line in ways_out(diagnosis, location):
            print(f"      way out: {line}")
        return 1
    if args.set_aside:
        print(f"{diagnosis.location} is sound; nothing was set aside.")
    print(f"ok    {diagnosis.message}")
    workspace = Workspace.open(location, clock)
    try:
        results = run_checks(workspace.db)
        _print_results(results)
        repairable = [r.name for r in results if not r.ok and r.name in DERIVED]
        if args.repair and repairable:
            for what in repair_derived(workspace.db, repairable):
                print(f"fixed {what}: recomputed")
            results = run_checks(workspace.db)
            _print_results([r for r in results if r.name in repairable])
        elif repairable:
            print("      way out: deskbridge check --repair recomputes what failed")
        name = workspace.db.display_name
    finally:
        workspace.close()
    failed = [r for r in results if not r.ok]
    verdict = f"{_many(len(failed), 'checks')} failed" if failed else "all checks passed"
    print(f"{name}: {verdict}")
    return 1 if failed else 0


def _print_results(results: list[CheckResult]) -> None:
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'}  {result.name}")
        for detail in result.details:
            print(f"      {detail}")
