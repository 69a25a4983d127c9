"""``deskbridge review``: this week's review queue, for a glance from a shell or a script."""

from __future__ import annotations

import argparse
from typing import Any

from deskbridge.weekly_review import ReviewQueue
from deskbridge.workspace import Workspace

from .output import print_json, print_table
from .parsing import OneLineParser, add_db_option, iso_day


def register(subparsers: argparse._SubParsersAction[OneLineParser]) -> None:
    help = "this week's review: who and what needs attention"
    parser = subparsers.add_parser("review", help=help, description=help)
    add_db_option(parser)
    parser.add_argument("--today", type=iso_day, metavar="YYYY-MM-DD", help="default: today")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.set_defaults(handler=review)


def _rows(queue: ReviewQueue) -> list[dict[str, Any]]:
    return [
        {
            "kind": item.kind.value,
            "id": item.id,
            "title": item.title,
            "detail": item.detail,
            "key": item.key,
            "actions": [action.value for action in item.actions],
        }
        for item in queue.items
    ]


def review(ws: Workspace, args: argparse.Namespace) -> int:
    queue = ws.review.queue(args.today)
    if args.json:
        print_json(_rows(queue))
        return 0
    if not queue.items:
        print(f"{queue.week}: all caught up, nothing to review.")
        return 0
    print(f"{queue.week}: {len(queue.items)} to review, {queue.done} done")
    print_table(
        ("KIND", "ID", "TITLE", "DETAIL"),
        [(item.kind.value, str(item.id), item.title, item.detail) for item in queue.items],
    )
    more = [f"{s.more:,} more {s.kind.value}" for s in queue.sections if s.more]
    if more:
        print("Not listed: " + ", ".join(more))
    return 0
