"""What each CLI command does, given parsed arguments and an opened workspace."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from deskbridge.workspace import Workspace

from .output import cell, print_json, print_table


def department_add(ws: Workspace, args: argparse.Namespace) -> int:
    record = ws.departments.add(args.name, cadence_days=args.cadence, colour_hex=args.colour)
    print(record.id)
    return 0


def department_list(ws: Workspace, args: argparse.Namespace) -> int:
    records = ws.departments.list()
    if args.json:
        print_json(records)
    elif not records:
        print("No departments yet. Add one with: deskbridge department add NAME")
    else:
        print_table(
            ("ID", "NAME", "COLOUR", "CADENCE"),
            [(str(d.id), d.name, d.colour, cell(d.cadence_days)) for d in records],
        )
    return 0


def contact_add(ws: Workspace, args: argparse.Namespace) -> int:
    record = ws.contacts.add(
        args.name,
        department=args.department,
        emails=args.email,
        role=args.role or "",
        strengths=args.strengths or "",
        notes=args.notes or "",
        cadence_days=args.cadence,
        added_on=args.added,
        tags=args.tag,
    )
    print(record.id)
    return 0


def contact_list(ws: Workspace, args: argparse.Namespace) -> int:
    records = ws.contacts.list(limit=args.limit, include_archived=args.archived)
    if args.json:
        print_json(records)
    elif not records:
        print("No contacts yet. Add one with: deskbridge contact add NAME")
    else:
        print_table(
            ("ID", "NAME", "DEPARTMENT", "ROLE", "E-MAIL", "LAST TOUCH", "NEXT TOUCH"),
            [
                (str(c.id), c.full_name, cell(c.department), c.role, cell(c.primary_email),
                 cell(c.last_touch_on), cell(c.next_touch_on))
                for c in records
            ],
        )  # fmt: skip
    return 0


def log(ws: Workspace, args: argparse.Namespace) -> int:
    people = [ws.contacts.resolve(name) for name in args.with_]
    record = ws.interactions.log(
        [p.id for p in people],
        args.summary,
        kind=args.kind,
        occurred_on=args.when,
        notes=args.notes or "",
        outcome=args.outcome or "",
    )
    print(record.id)
    return 0


def due(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.keep_in_touch.due(today=args.today, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "email": r.email,
                    "department": r.department,
                    "last_touch": r.last_touch,
                    "next_touch": r.next_touch,
                    "status": r.status,
                }
                for r in rows
            ]
        )
    elif not rows:
        print("You're in touch with everyone.")
    else:
        print_table(
            ("STATUS", "NAME", "DEPARTMENT", "LAST TOUCH", "NEXT TOUCH", "E-MAIL"),
            [
                (r.status.value, r.name, r.department or "",
                 r.last_touch.isoformat() if r.last_touch else "never",
                 r.next_touch.isoformat(), r.email or "")
                for r in rows
            ],
        )  # fmt: skip
    return 0


def search(ws: Workspace, args: argparse.Namespace) -> int:
    hits = ws.search(args.text, limit=args.limit)
    if args.json:
        print_json([{"kind": h.kind, "id": h.id, "title": h.title} for h in hits])
    elif not hits:
        print(f"Nothing matches {args.text!r}.")
    else:
        print_table(("KIND", "ID", "TITLE"), [(h.kind, str(h.id), h.title) for h in hits])
    return 0


def demo(ws: Workspace, args: argparse.Namespace) -> int:
    from deskbridge.demo import fill_demo  # only this command needs the generator

    def progress(step: str, fraction: float) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{fraction:4.0%} {step:<40}")

    summary = fill_demo(
        ws.db,
        today=ws.clock.today(),
        now=datetime.combine(ws.clock.today(), ws.clock.now().time()),
        contacts=args.contacts,
        seed=args.seed,
        progress=progress,
    )
    if sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 48 + "\r")
    print(
        f"Demo organisation written to {ws.db.display_name}: {summary.departments} departments, "
        f"{summary.contacts} contacts, {summary.interactions} interactions, "
        f"{summary.requests} requests, {summary.goals} goals, {summary.projects} projects, "
        f"{summary.tasks} tasks."
    )
    return 0
