"""``deskbridge digest``: the weekly digest as Markdown or HTML, printed or saved."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from deskbridge.digest import IsoWeek
from deskbridge.digest_render import FORMATS, format_named_by
from deskbridge.errors import ValidationError
from deskbridge.workspace import Workspace

from .parsing import add_db_option


def iso_week(value: str) -> IsoWeek:
    try:
        return IsoWeek.parse(value)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def chosen_format(requested: str | None, out: Path | None) -> str:
    """``--format`` when given, else what the file's extension says, else Markdown."""
    if requested:
        return requested
    if out is not None:
        return format_named_by(out) or "md"
    return "md"


def digest(ws: Workspace, args: argparse.Namespace) -> int:
    out: Path | None = args.out
    render = FORMATS[chosen_format(args.format, out)]
    text = render(ws.digest.read(args.week))
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(out)
    return 0


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    help = "write the weekly digest (an internal newsletter) as Markdown or HTML"
    parser = subparsers.add_parser("digest", help=help, description=help)
    add_db_option(parser)
    parser.set_defaults(handler=digest)
    parser.add_argument(
        "--week",
        type=iso_week,
        metavar="YYYY-Www",
        help="ISO week such as 2026-W48; default: this week",
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATS), help="default: from --out's extension, else md"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here instead of printing")
