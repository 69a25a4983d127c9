"""``deskbridge``: the desktop app with no command, and every operation from a shell."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from deskbridge import __version__
from deskbridge.errors import DeskBridgeError
from deskbridge.store.vocabulary import InteractionKind, RequestStatus, TaskPriority
from deskbridge.workspace import Workspace

from . import (
    backup_commands,
    commands,
    cross_department,
    digest_command,
    export_command,
    import_command,
    review_command,
)
from .parsing import OneLineParser, add_db_option, iso_day, positive_int

Handler = Callable[[Workspace, argparse.Namespace], int]
EXIT_FAILURE = 1


def _command(
    subparsers: argparse._SubParsersAction[OneLineParser], name: str, handler: Handler, help: str
) -> OneLineParser:
    parser = subparsers.add_parser(name, help=help, description=help)
    add_db_option(parser)
    parser.set_defaults(handler=handler)
    return parser


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def _department_commands(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    group = subparsers.add_parser("department", help="add or list departments")
    actions = group.add_subparsers(dest="action", required=True, parser_class=OneLineParser)
    add = _command(actions, "add", commands.department_add, "add a department")
    add.add_argument("name")
    add.add_argument("--cadence", type=positive_int, metavar="DAYS", help="keep-in-touch cadence")
    add.add_argument("--colour", "--color", metavar="HEX", help="colour such as #1e88e5")
    listing = _command(actions, "list", commands.department_list, "list departments")
    _json_flag(listing)


def _contact_commands(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    group = subparsers.add_parser("contact", help="add or list contacts")
    actions = group.add_subparsers(dest="action", required=True, parser_class=OneLineParser)
    add = _command(actions, "add", commands.contact_add, "add a contact")
    add.add_argument("name")
    add.add_argument("--department", metavar="NAME")
    add.add_argument("--email", action="append", default=[], metavar="E", help="repeatable")
    add.add_argument("--role", metavar="R")
    add.add_argument("--strengths", metavar="TEXT", help="what to ask them about")
    add.add_argument("--notes", metavar="TEXT", help="private notes")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    add.add_argument("--cadence", type=positive_int, metavar="DAYS")
    add.add_argument("--added", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    listing = _command(actions, "list", commands.contact_list, "list contacts by name")
    listing.add_argument("--limit", type=positive_int, default=1000)
    listing.add_argument("--archived", action="store_true", help="include archived contacts")
    _json_flag(listing)


def _finite_number(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"{value!r} is not a finite number")
    return number


def _request_commands(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    work = cross_department
    ask = _command(subparsers, "ask", work.ask, "record that you asked someone for input")
    ask.add_argument("--of", required=True, metavar="NAME_OR_EMAIL", help="who you asked")
    ask.add_argument("--topic", required=True, metavar="TEXT")
    ask.add_argument("--question", metavar="TEXT")
    ask.add_argument("--needed-by", type=iso_day, metavar="YYYY-MM-DD")
    ask.add_argument("--when", type=iso_day, metavar="YYYY-MM-DD", help="asked on; default today")
    answer = _command(subparsers, "answer", work.answer, "record the answer to a request")
    answer.add_argument("id", type=positive_int)
    answer.add_argument("--summary", required=True, metavar="TEXT")
    answer.add_argument("--when", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    thank = _command(subparsers, "thank", work.thank, "record that you said thanks")
    thank.add_argument("id", type=positive_int)
    thank.add_argument("--when", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    thank.add_argument("--note", metavar="TEXT", help="how the input was used")
    listing = _command(subparsers, "requests", work.requests, "list requests for input")
    listing.add_argument("--status", choices=[s.value for s in RequestStatus])
    listing.add_argument("--limit", type=positive_int)
    _json_flag(listing)
    me = _command(subparsers, "me", work.me, 'choose the contact who is "me"')
    me.add_argument("who", metavar="NAME_OR_EMAIL")


def _task_and_goal_commands(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    work = cross_department
    task = subparsers.add_parser("task", help="add or complete a joint task")
    actions = task.add_subparsers(dest="action", required=True, parser_class=OneLineParser)
    add = _command(actions, "add", work.task_add, "add a joint task")
    add.add_argument("title")
    add.add_argument("--assign", action="append", default=[], metavar="NAME_OR_EMAIL",
                     help="an assignee (repeatable)")  # fmt: skip
    add.add_argument("--due", type=iso_day, metavar="YYYY-MM-DD")
    add.add_argument("--project", metavar="NAME")
    add.add_argument("--priority", default="normal", choices=[p.value for p in TaskPriority])
    add.add_argument("--notes", metavar="TEXT")
    done = _command(
        actions, "done", work.task_done, "mark a task done (a touch with its assignees)"
    )
    done.add_argument("id", type=positive_int)
    done.add_argument("--when", type=iso_day, metavar="YYYY-MM-DD", help="default: now")
    listing = _command(subparsers, "tasks", work.tasks, "list open joint tasks")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--mine", action="store_true", help="assigned to you")
    which.add_argument("--waiting", action="store_true", help="waiting on others")
    which.add_argument("--overdue", action="store_true", help="past their due day")
    which.add_argument("--all", action="store_true", help="done and cancelled ones too")
    _json_flag(listing)

    goal = subparsers.add_parser("goal", help="add a shared goal or check in on one")
    actions = goal.add_subparsers(dest="action", required=True, parser_class=OneLineParser)
    add = _command(actions, "add", work.goal_add, "add a shared goal with a metric")
    add.add_argument("title")
    add.add_argument("--metric", required=True, metavar="NAME")
    add.add_argument("--target", required=True, type=_finite_number, metavar="N")
    add.add_argument("--baseline", type=_finite_number, default=0.0, metavar="N")
    add.add_argument("--unit", metavar="TEXT")
    add.add_argument("--due", type=iso_day, metavar="YYYY-MM-DD")
    checkin = _command(actions, "checkin", work.goal_checkin, "record where a goal's metric stands")
    checkin.add_argument("id", type=positive_int)
    checkin.add_argument("value", type=_finite_number)
    checkin.add_argument("--when", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    checkin.add_argument("--note", metavar="TEXT")


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="deskbridge",
        description="Keep your cross-department working relationships healthy. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"deskbridge {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check this install works, then exit (0 = ok)"
    )
    add_db_option(parser)
    subparsers = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    _department_commands(subparsers)
    _contact_commands(subparsers)

    log = _command(subparsers, "log", commands.log, "log a meeting, call, coffee, ...")
    log.add_argument(
        "--with", dest="with_", action="append", required=True, metavar="NAME_OR_EMAIL",
        help="a participant (repeatable)",
    )  # fmt: skip
    log.add_argument("--summary", required=True, metavar="TEXT")
    log.add_argument("--kind", default="meeting", choices=[k.value for k in InteractionKind])
    log.add_argument("--when", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    log.add_argument("--notes", metavar="TEXT")
    log.add_argument("--outcome", metavar="TEXT")

    due = _command(subparsers, "due", commands.due, "who is due, overdue or stale for a touch")
    due.add_argument("--today", type=iso_day, metavar="YYYY-MM-DD")
    due.add_argument("--limit", type=positive_int)
    _json_flag(due)

    search = _command(subparsers, "search", commands.search, "search everything")
    search.add_argument("text")
    search.add_argument("--limit", type=positive_int, default=20)
    _json_flag(search)

    demo = _command(subparsers, "demo", commands.demo, "fill an empty database with a demo")
    demo.add_argument("--contacts", type=positive_int, default=150, metavar="N")
    demo.add_argument("--seed", type=int, default=7, metavar="S")

    backup_commands.register(subparsers)  # backup, backups, restore, check
    _request_commands(subparsers)
    _task_and_goal_commands(subparsers)
    review_command.register(subparsers)
    import_command.register(subparsers)
    export_command.register(subparsers)
    digest_command.register(subparsers)
    return parser


def _open_gui(location: str | None) -> int:
    from deskbridge.ui.launch import run_app

    return run_app(location)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    location: str | None = getattr(args, "db", None)
    if args.self_test:
        from deskbridge.ui.self_test import run

        return run()
    try:
        if args.command is None:
            return _open_gui(location)
        if raw_handler := getattr(args, "raw_handler", None):
            return int(raw_handler(location, args))  # takes the location, opens nothing itself
        try:
            workspace = Workspace.open(location)
        except (DeskBridgeError, SQLAlchemyError) as error:
            raise backup_commands.open_failure(location, error) from error
        try:
            handler: Handler = args.handler
            return handler(workspace, args)
        finally:
            workspace.close()
    except DeskBridgeError as error:
        print(f"deskbridge: error: {error}", file=sys.stderr)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        print(f"deskbridge: database error: {reason}", file=sys.stderr)
    except BrokenPipeError:
        # The reader (``| head``) has gone; nothing more to say, and nowhere to say it.
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115
        return 0
    except OSError as error:
        print(f"deskbridge: error: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("deskbridge: interrupted", file=sys.stderr)
    except Exception as error:
        if os.environ.get("DESKBRIDGE_DEBUG"):
            traceback.print_exc()
        print(
            f"deskbridge: unexpected error: {type(error).__name__}: {error} "
            "(set DESKBRIDGE_DEBUG=1 for details)",
            file=sys.stderr,
        )
    return EXIT_FAILURE
