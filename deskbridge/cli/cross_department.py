"""CLI commands for the work that crosses departments: asks for input, joint tasks, shared
goals, and who "me" is."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from deskbridge.records import InputRequestRecord, TaskRecord
from deskbridge.workspace import Workspace

from .output import cell, print_json, print_table


def _request_row(request: InputRequestRecord) -> dict[str, Any]:
    return {
        "id": request.id,
        "of": request.asked_of.name,
        "of_id": request.asked_of.id,
        "topic": request.topic,
        "question": request.question,
        "status": request.status,
        "asked_on": request.asked_on,
        "needed_by": request.needed_by,
        "answered_on": request.answered_on,
        "answer": request.answer_summary,
        "thanked_on": request.thanked_on,
    }


def ask(ws: Workspace, args: argparse.Namespace) -> int:
    person = ws.contacts.resolve(args.of)
    record = ws.requests.ask(
        person.id,
        args.topic,
        question=args.question or "",
        needed_by=args.needed_by,
        asked_on=args.when,
    )
    print(record.id)
    return 0


def answer(ws: Workspace, args: argparse.Namespace) -> int:
    ws.requests.answer(args.id, args.summary, answered_on=args.when)
    return 0


def thank(ws: Workspace, args: argparse.Namespace) -> int:
    ws.requests.thank(args.id, thanked_on=args.when, note=args.note or "")
    return 0


def requests(ws: Workspace, args: argparse.Namespace) -> int:
    records = ws.requests.list(args.status, limit=args.limit)
    if args.json:
        print_json([_request_row(r) for r in records])
    elif not records:
        print('No requests yet. Ask with: deskbridge ask --of NAME --topic "..."')
    else:
        print_table(
            ("ID", "OF", "TOPIC", "STATUS", "ASKED", "NEEDED BY", "ANSWERED", "THANKED"),
            [
                (str(r.id), r.asked_of.name, r.topic, r.status, cell(r.asked_on),
                 cell(r.needed_by), cell(r.answered_on), cell(r.thanked_on))
                for r in records
            ],
        )  # fmt: skip
    return 0


def me(ws: Workspace, args: argparse.Namespace) -> int:
    person = ws.contacts.set_me(ws.contacts.resolve(args.who).id)
    print(person.id)
    return 0


def task_add(ws: Workspace, args: argparse.Namespace) -> int:
    people = [ws.contacts.resolve(name).id for name in args.assign]
    project = ws.projects.named(args.project).id if args.project else None
    record = ws.tasks.create(
        args.title,
        assignee_ids=people,
        due_on=args.due,
        project_id=project,
        priority=args.priority,
        notes=args.notes or "",
    )
    print(record.id)
    return 0


def task_done(ws: Workspace, args: argparse.Namespace) -> int:
    moment = None
    if args.when is not None:
        # The time of day from now: a day in the past, or today, is then never in the future.
        moment = datetime.combine(args.when, ws.clock.now().time())
    ws.tasks.complete(args.id, completed_at=moment)
    return 0


def _task_row(task: TaskRecord) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "status": task.status,
        "priority": task.priority,
        "due_on": task.due_on,
        "project_id": task.project_id,
        "assignees": [person.name for person in task.assignees],
        "completed_at": task.completed_at,
    }


def tasks(ws: Workspace, args: argparse.Namespace) -> int:
    me_contact = ws.contacts.me()
    me_id = me_contact.id if me_contact else None
    if args.mine:
        records = ws.tasks.mine(me_id)
    elif args.waiting:
        records = ws.tasks.waiting_on_others(me_id)
    elif args.overdue:
        records = ws.tasks.overdue()
    else:
        records = ws.tasks.list(open_only=not args.all)
    if args.json:
        print_json([_task_row(t) for t in records])
    elif not records:
        if args.mine and me_id is None:
            print("Nobody is set as you yet: deskbridge me NAME_OR_EMAIL")
        else:
            print("No tasks here.")
    else:
        print_table(
            ("ID", "TITLE", "STATUS", "PRIORITY", "DUE", "ASSIGNED TO"),
            [
                (str(t.id), t.title, t.status, t.priority, cell(t.due_on),
                 ", ".join(p.name for p in t.assignees))
                for t in records
            ],
        )  # fmt: skip
    return 0


def goal_add(ws: Workspace, args: argparse.Namespace) -> int:
    record = ws.goals.create(
        args.title,
        metric_name=args.metric,
        target=args.target,
        baseline=args.baseline,
        metric_unit=args.unit or "",
        due_on=args.due,
    )
    print(record.id)
    return 0


def goal_checkin(ws: Workspace, args: argparse.Namespace) -> int:
    ws.goals.check_in(args.id, args.value, checked_on=args.when, note=args.note or "")
    return 0
