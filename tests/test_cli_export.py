"""``deskbridge export``: the format from the extension, a one-line error for bad requests."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import icalendar
import pytest
from cli_runner import run_cli

from deskbridge.clock import FixedClock
from deskbridge.demo import fill_demo
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)


@pytest.fixture
def demo_db(tmp_path: Path) -> str:
    location = str(tmp_path / "demo.sqlite3")
    workspace = Workspace.open(location, FixedClock(NOW))
    fill_demo(workspace.db, today=NOW.date(), now=NOW, contacts=150)
    workspace.close()
    return location


def test_contacts_to_csv_by_default(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "contacts.csv"

    code, out, err = run_cli(capsys, "export", str(target), "--db", demo_db)

    assert (code, err) == (0, "")
    assert out == f"Exported 151 contacts to {target}\n"
    with target.open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.reader(stream))) == 152


def test_what_chooses_the_csv_sheet(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "work.csv"

    code, out, _ = run_cli(capsys, "export", str(target), "--what", "tasks", "--db", demo_db)

    assert code == 0
    assert out == f"Exported 30 tasks to {target}\n"
    assert target.read_text("utf-8-sig").startswith("ID,Title,Project,Assignees")


@pytest.mark.parametrize(
    ("name", "extra", "said"),
    [
        ("people.vcf", (), "151 contacts"),
        ("deskbridge.ics", ("--today", "2026-11-23"), "calendar items"),
        ("everything.json", (), "records"),
        ("backup.data", ("--format", "json"), "records"),
    ],
)
def test_other_formats_from_the_extension_or_format(
    demo_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    extra: tuple[str, ...],
    said: str,
) -> None:
    target = tmp_path / name

    code, out, err = run_cli(capsys, "export", str(target), *extra, "--db", demo_db)

    assert (code, err) == (0, "")
    assert out.startswith("Exported ") and out.endswith(f"{said} to {target}\n")
    if name.endswith(".ics"):
        assert icalendar.Calendar.from_ical(target.read_bytes()).subcomponents
    if "json" in extra or name.endswith(".json"):
        assert json.loads(target.read_text("utf-8"))["format"] == "deskbridge-archive"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("everything.json", "--what", "tasks"), "--what is for CSV exports"),
        (("people.vcf", "--what", "contacts"), "--what is for CSV exports"),
        (("contacts.csv", "--today", "2026-11-23"), "--today is for .ics exports"),
        (("notes.txt",), "cannot tell the format of notes.txt"),
        (("missing/folder/contacts.csv",), "cannot be written"),
    ],
)
def test_a_bad_request_is_one_line_and_exit_1(
    demo_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    target, *rest = args

    code, out, err = run_cli(capsys, "export", str(tmp_path / target), *rest, "--db", demo_db)

    assert code == 1
    assert out == ""
    assert err.startswith("deskbridge: error: ") and message in err
    assert err.count("\n") == 1
    assert not (tmp_path / target).exists()
