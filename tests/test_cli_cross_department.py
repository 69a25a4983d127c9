"""The command line for asks, joint tasks, shared goals and "me", run in-process on real
files. The CLI reads the wall clock, so dates here are relative to the real today."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from deskbridge.cli.main import main


def days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.fixture(autouse=True)
def no_inherited_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESKBRIDGE_DB", raising=False)


class Cli:
    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main([*argv, "--db", str(self.db)])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err

    def new_id(self, *argv: str) -> int:
        code, out, err = self(*argv)
        assert code == 0, err
        assert out.strip().isdigit(), out
        return int(out)

    def json(self, *argv: str) -> Any:
        code, out, err = self(*argv, "--json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_path, capsys)
    run.new_id("department", "add", "Finance")
    run.new_id("department", "add", "IT")
    run.new_id("contact", "add", "Ana Lopez", "--department", "Finance", "--added", days_ago(90))
    run.new_id("contact", "add", "Ivo Petrov", "--department", "IT", "--email", "ivo@example.com")
    run.new_id("contact", "add", "Mara Jensen")
    return run


def test_ask_answer_thank_round_trip_and_the_listing(cli: Cli) -> None:
    asked = cli.new_id(
        "ask", "--of", "Ana", "--topic", "Q3 ROI", "--question", "What did the fair return?",
        "--needed-by", date.today().isoformat(), "--when", days_ago(3),
    )  # fmt: skip
    [row] = cli.json("requests")
    assert row["id"] == asked
    assert row["of"] == "Ana Lopez"
    assert (row["status"], row["asked_on"], row["needed_by"]) == (
        "open", days_ago(3), date.today().isoformat(),
    )  # fmt: skip
    assert row["answered_on"] is None and row["thanked_on"] is None

    assert cli("answer", str(asked), "--summary", "2.4x", "--when", days_ago(1))[0] == 0
    assert cli("thank", str(asked))[0] == 0
    [row] = cli.json("requests")
    assert (row["status"], row["answered_on"], row["thanked_on"]) == (
        "answered", days_ago(1), date.today().isoformat(),
    )  # fmt: skip
    # The answer was a touch with Ana: she is no longer stale.
    [ana] = [c for c in cli.json("contact", "list") if c["full_name"] == "Ana Lopez"]
    assert ana["last_touch_on"] == days_ago(1)


def test_invalid_transitions_are_one_clear_line(cli: Cli) -> None:
    asked = cli.new_id("ask", "--of", "ivo@example.com", "--topic", "CRM export")
    code, out, err = cli("thank", str(asked))
    assert (code, out) == (1, "")
    assert err.startswith("deskbridge: error:") and "only an answered request" in err
    code, _, err = cli("answer", "999", "--summary", "x")
    assert code == 1 and "999" in err and "Traceback" not in err
    code, _, err = cli("ask", "--of", "Nobody", "--topic", "x")
    assert code == 1 and "Nobody" in err


def test_tasks_mine_and_waiting_follow_the_me_contact(cli: Cli) -> None:
    shared = cli.new_id("task", "add", "Budget sheet", "--assign", "Mara", "--assign", "Ana")
    mine = cli.new_id("task", "add", "Draft brief", "--assign", "Mara", "--due", days_ago(2))
    theirs = cli.new_id("task", "add", "Fix the CRM field", "--assign", "Ivo")

    # With nobody as "me", every task assigned to someone waits on others.
    assert {t["id"] for t in cli.json("tasks", "--waiting")} == {shared, mine, theirs}
    assert cli.json("tasks", "--mine") == []
    assert "deskbridge me" in cli("tasks", "--mine")[1]

    assert cli.new_id("me", "Mara Jensen") > 0
    assert {t["id"] for t in cli.json("tasks", "--mine")} == {shared, mine}
    assert {t["id"] for t in cli.json("tasks", "--waiting")} == {shared, theirs}
    assert [t["id"] for t in cli.json("tasks", "--overdue")] == [mine]

    assert cli("task", "done", str(theirs), "--when", days_ago(1))[0] == 0
    assert theirs not in {t["id"] for t in cli.json("tasks")}
    [done] = [t for t in cli.json("tasks", "--all") if t["id"] == theirs]
    assert done["status"] == "done" and done["completed_at"].startswith(days_ago(1))
    code, _, err = cli("task", "done", str(theirs))
    assert code == 1 and "only an open task" in err


def test_a_task_names_its_project_and_an_unknown_one_is_refused(cli: Cli, db_path: Path) -> None:
    from deskbridge.workspace import Workspace

    code, out, err = cli("task", "add", "Launch", "--project", "Spring fair")
    assert (code, out) == (1, "")
    assert "project" in err and "Spring fair" in err
    workspace = Workspace.open(str(db_path))
    try:
        project = workspace.projects.create("Spring Fair")
    finally:
        workspace.close()
    cli.new_id("task", "add", "Launch", "--project", "spring fair", "--assign", "Ivo")
    [task] = cli.json("tasks")
    assert task["project_id"] == project.id
    assert task["assignees"] == ["Ivo Petrov"]


def test_goals_take_a_metric_and_check_ins(cli: Cli, db_path: Path) -> None:
    goal = cli.new_id(
        "goal", "add", "Lower cost per lead", "--metric", "cost per lead", "--unit", "EUR",
        "--baseline", "80", "--target", "60", "--due", (date.today() + timedelta(90)).isoformat(),
    )  # fmt: skip
    assert cli("goal", "checkin", str(goal), "72.5", "--when", days_ago(7))[0] == 0
    assert cli("goal", "checkin", str(goal), "70")[0] == 0
    from deskbridge.workspace import Workspace

    workspace = Workspace.open(str(db_path))
    try:
        record = workspace.goals.get(goal)
    finally:
        workspace.close()
    assert [c.value for c in record.checkins] == [72.5, 70.0]
    assert record.progress == pytest.approx(0.5)
    code, _, err = cli("goal", "checkin", str(goal), "nan")
    assert code == 2 and "not a finite number" in err
