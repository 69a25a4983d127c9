"""The .ics export: one component per reminder, task and request, with stable UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar

from deskbridge.clock import FixedClock
from deskbridge.exchange.exports import ExportFormat, Exports
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)


def arrange(workspace: Workspace) -> dict[str, int]:
    """People in every keep-in-touch state, and tasks and requests open and closed."""
    workspace.departments.add("Finance", cadence_days=30)
    add = workspace.contacts.add
    ids = {
        "ana": add("Ana Ruiz", department="Finance", added_on=date(2026, 9, 1)).id,  # stale
        "ben": add("Ben Ode", cadence_days=25, added_on=date(2026, 11, 1)).id,  # due 11-26
        "cleo": add("Cleo Park", cadence_days=30, added_on=date(2026, 11, 20)).id,  # fine
        "dan": add("Dan Wu", department="Finance", added_on=date(2026, 9, 1)).id,
        "eve": add("Eve Lund", department="Finance", added_on=date(2026, 9, 1)).id,
    }
    workspace.contacts.snooze(ids["dan"], date(2026, 12, 31))
    workspace.contacts.archive([ids["eve"]])
    tasks = workspace.tasks
    ids["budget"] = tasks.create(
        "Budget deck", assignee_ids=[ids["ana"]], due_on=date(2026, 12, 1)
    ).id
    ids["site"] = tasks.create(
        "Fix the site", assignee_ids=[ids["ben"]], due_on=date(2026, 11, 20)
    ).id
    tasks.set_status(ids["site"], "in_progress")
    done = tasks.create("Done already", assignee_ids=[ids["cleo"]], due_on=date(2026, 11, 10)).id
    tasks.complete(done, completed_at=datetime(2026, 11, 9, 10, 0))
    tasks.create("Someday", assignee_ids=[ids["ben"]])
    requests = workspace.requests
    ids["roi"] = requests.ask(
        ids["ana"], "ROI figures", question="Q3 please", needed_by=date(2026, 11, 30)
    ).id
    answered = requests.ask(ids["cleo"], "Headcount", needed_by=date(2026, 11, 25)).id
    requests.answer(answered, "Sent", answered_on=TODAY)
    requests.ask(ids["cleo"], "Whenever")
    return ids


def export(workspace: Workspace, path: Path, day: date) -> icalendar.Calendar:
    clock = FixedClock(datetime(day.year, day.month, day.day, 9, 0))
    result = Exports(workspace.db, clock).write(path)
    assert result.format is ExportFormat.ICS
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert result.items == len(calendar.subcomponents)
    return calendar


def test_one_component_per_reminder_task_and_request(workspace: Workspace, tmp_path: Path) -> None:
    ids = arrange(workspace)

    calendar = export(workspace, tmp_path / "deskbridge.ics", TODAY)

    assert str(calendar["prodid"]) == "-//DeskBridge//DeskBridge//EN"
    assert str(calendar["x-wr-calname"]) == "DeskBridge"
    by_uid = {str(item["uid"]): item for item in calendar.subcomponents}
    assert sorted(by_uid) == sorted([
        f"touch-{ids['ana']}@deskbridge", f"touch-{ids['ben']}@deskbridge",
        f"task-{ids['budget']}@deskbridge", f"task-{ids['site']}@deskbridge",
        f"request-{ids['roi']}@deskbridge",
    ])  # fmt: skip
    ana = by_uid[f"touch-{ids['ana']}@deskbridge"]
    assert ana.name == "VTODO"
    assert str(ana["summary"]) == "Get in touch with Ana Ruiz (Finance)"
    assert ana.decoded("due") == date(2026, 10, 1)
    assert ana.decoded("dtstamp") == datetime(2026, 11, 23, 9, 0).astimezone(UTC)
    ben = by_uid[f"touch-{ids['ben']}@deskbridge"]
    assert str(ben["summary"]) == "Get in touch with Ben Ode"
    assert ben.decoded("due") == date(2026, 11, 26)
    site = by_uid[f"task-{ids['site']}@deskbridge"]
    assert (site.name, str(site["summary"]), site.decoded("due")) == (
        "VTODO", "Fix the site", date(2026, 11, 20),
    )  # fmt: skip
    assert str(site["status"]) == "IN-PROCESS"
    roi = by_uid[f"request-{ids['roi']}@deskbridge"]
    assert roi.name == "VEVENT"
    assert str(roi["summary"]) == "Input due from Ana Ruiz: ROI figures"
    assert roi.decoded("dtstart") == date(2026, 11, 30)
    assert roi.decoded("dtend") == date(2026, 12, 1)


def test_uids_stay_the_same_from_one_day_to_the_next(workspace: Workspace, tmp_path: Path) -> None:
    arrange(workspace)

    first = export(workspace, tmp_path / "monday.ics", TODAY)
    second = export(workspace, tmp_path / "tuesday.ics", TODAY + timedelta(days=1))

    def uids(calendar: icalendar.Calendar) -> list[str]:
        return sorted(str(item["uid"]) for item in calendar.subcomponents)

    assert uids(first) == uids(second)
    assert len(uids(first)) == len(set(uids(first))) == 5
    stamps = {item.decoded("dtstamp") for item in second.subcomponents}
    assert stamps == {datetime(2026, 11, 24, 9, 0).astimezone(UTC)}


def test_an_empty_database_gives_an_empty_calendar(workspace: Workspace, tmp_path: Path) -> None:
    calendar = export(workspace, tmp_path / "nothing.ics", TODAY)
    assert calendar.subcomponents == []
    assert str(calendar["version"]) == "2.0"
