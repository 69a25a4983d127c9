"""The ``deskbridge`` command line, run in-process and as a real process, on real files.

The CLI reads the wall clock, so dates here are relative to the real today.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from deskbridge.cli.main import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


Cli = Callable[..., Run]


def days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.fixture(autouse=True)
def no_inherited_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESKBRIDGE_DB", raising=False)
    monkeypatch.delenv("DESKBRIDGE_DEBUG", raising=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[[list[str]], Run]:
    def invoke(argv: list[str]) -> Run:
        capsys.readouterr()
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def cli(run: Callable[[list[str]], Run], db_path: Path) -> Cli:
    """``cli("log", "--with", ...)``: the command with ``--db <tmp file>`` after it."""
    return lambda *argv: run([*argv, "--db", str(db_path)])


def one_error_line(result: Run, *words: str) -> None:
    assert result.code == 1, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert result.err.startswith("deskbridge: ")
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, (word, result.err)


def subprocess_run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(cwd), "LANG": "C.UTF-8", **env}
    return subprocess.run(
        [sys.executable, "-m", "deskbridge", *args],
        cwd=cwd, env=clean_env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


# --- where the database is ----------------------------------------------------------------


def test_db_option_after_the_command_creates_and_uses_that_file(cli: Cli, db_path: Path) -> None:
    added = cli("department", "add", "Finance")
    assert added.code == 0
    assert db_path.is_file()
    assert [d["name"] for d in cli("department", "list", "--json").json] == ["Finance"]


def test_db_option_before_the_command_works(run: Callable[..., Run], db_path: Path) -> None:
    assert run(["--db", str(db_path), "department", "add", "Sales"]).code == 0
    listed = run(["--db", str(db_path), "department", "list", "--json"])
    assert [d["name"] for d in listed.json] == ["Sales"]


def test_deskbridge_db_environment_variable_is_honoured(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("DESKBRIDGE_DB", str(from_env))
    assert run(["department", "add", "HR"]).code == 0
    assert from_env.is_file()
    assert [d["name"] for d in run(["department", "list", "--json"]).json] == ["HR"]


def test_db_option_wins_over_the_environment_variable(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unused = tmp_path / "unused.sqlite3"
    monkeypatch.setenv("DESKBRIDGE_DB", str(unused))
    assert cli("department", "add", "IT").code == 0
    assert db_path.is_file()
    assert not unused.exists()


# --- departments and contacts -------------------------------------------------------------


def test_department_add_prints_only_the_new_id(cli: Cli) -> None:
    first = cli("department", "add", "Finance", "--cadence", "30", "--colour", "#1E88E5")
    second = cli("department", "add", "Sales")
    assert (first.code, first.out, first.err) == (0, "1\n", "")
    assert (second.code, second.out) == (0, "2\n")
    finance, sales = cli("department", "list", "--json").json
    assert finance == {
        "id": 1, "name": "Finance", "colour": "#1e88e5", "cadence_days": 30, "notes": "",
    }  # fmt: skip
    assert sales["cadence_days"] is None


def test_duplicate_department_name_fails_with_one_line_naming_the_field(cli: Cli) -> None:
    cli("department", "add", "Finance")
    one_error_line(cli("department", "add", "finance"), "name", "already exists")
    assert len(cli("department", "list", "--json").json) == 1


def test_contact_add_with_every_option_prints_the_id_and_stores_it_all(cli: Cli) -> None:
    cli("department", "add", "Finance")
    added = cli(
        "contact", "add", "Ana Lopez", "--department", "Finance", "--email", "Ana@Fin.Example",
        "--role", "Controller", "--strengths", "ROI models", "--notes", "Prefers mornings",
        "--cadence", "14", "--added", days_ago(3), "--tag", "budget",
    )  # fmt: skip
    assert (added.code, added.out, added.err) == (0, "1\n", "")
    (ana,) = cli("contact", "list", "--json").json
    assert ana["id"] == 1
    assert ana["full_name"] == "Ana Lopez"
    assert ana["department"] == "Finance"
    assert ana["emails"] == ["ana@fin.example"]
    assert (ana["role"], ana["strengths"], ana["notes"]) == (
        "Controller", "ROI models", "Prefers mornings",
    )  # fmt: skip
    assert ana["tags"] == ["budget"]
    assert ana["cadence_days"] == 14
    assert ana["added_on"] == days_ago(3)
    assert ana["last_touch_on"] is None
    assert ana["next_touch_on"] == (date.today() + timedelta(days=11)).isoformat()


def test_contact_add_with_unknown_department_names_the_department(cli: Cli) -> None:
    one_error_line(cli("contact", "add", "Ana", "--department", "Nowhere"), "department", "Nowhere")
    assert cli("contact", "list", "--json").json == []


def test_contact_add_with_bad_email_names_the_email(cli: Cli) -> None:
    one_error_line(cli("contact", "add", "Ana", "--email", "not-an-address"), "email", "not-an")
    assert cli("contact", "list", "--json").json == []


def test_contact_list_json_is_sorted_by_name(cli: Cli) -> None:
    for name in ("Zoe Weber", "Ana Lopez", "Mia Chen"):
        cli("contact", "add", name)
    listed = cli("contact", "list", "--json").json
    assert [c["full_name"] for c in listed] == ["Ana Lopez", "Mia Chen", "Zoe Weber"]
    assert [c["full_name"] for c in cli("contact", "list", "--json", "--limit", "1").json] == [
        "Ana Lopez"
    ]


# --- logging ------------------------------------------------------------------------------


def test_log_prints_the_interaction_id(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez", "--email", "ana@fin.example")
    cli("contact", "add", "Ben Okafor")
    logged = cli(
        "log", "--with", "ana@fin.example", "--with", "Ben Okafor", "--summary", "Budget review",
        "--kind", "call", "--when", days_ago(2),
    )  # fmt: skip
    assert (logged.code, logged.out, logged.err) == (0, "1\n", "")
    touched = {c["full_name"]: c["last_touch_on"] for c in cli("contact", "list", "--json").json}
    assert touched == {"Ana Lopez": days_ago(2), "Ben Okafor": days_ago(2)}


def test_log_with_unknown_participant_fails_and_logs_nothing(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez")
    one_error_line(cli("log", "--with", "Nobody Known", "--summary", "Chat"), "Nobody Known")
    assert cli("search", "chat", "--json").json == []


def test_log_with_ambiguous_name_lists_both_candidates_with_emails(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez", "--email", "ana.lopez@finance.example")
    cli("contact", "add", "Ana Lopez", "--email", "ana.lopez@sales.example")
    result = cli("log", "--with", "Ana Lopez", "--summary", "Chat")
    one_error_line(result, "ana.lopez@finance.example", "ana.lopez@sales.example", "2 contacts")
    # The e-mail tells them apart.
    assert cli("log", "--with", "ana.lopez@sales.example", "--summary", "Chat").code == 0


def test_log_in_the_future_is_refused(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    one_error_line(
        cli("log", "--with", "Ana Lopez", "--summary", "Chat", "--when", tomorrow), "future"
    )


# --- keep in touch ------------------------------------------------------------------------


def due_rows(cli: Cli) -> list[dict[str, Any]]:
    result = cli("due", "--today", date.today().isoformat(), "--json")
    assert result.code == 0, result
    rows: list[dict[str, Any]] = result.json
    return rows


def test_due_json_lists_stale_then_overdue_then_due(cli: Cli) -> None:
    cli("department", "add", "Sales")
    # Added in the opposite order of urgency, with names sorting the opposite way too.
    cli("contact", "add", "Abe Due", "--cadence", "10", "--added", days_ago(7))
    cli("contact", "add", "Mia Overdue", "--cadence", "10", "--added", days_ago(15),
        "--department", "Sales", "--email", "mia@sales.example")  # fmt: skip
    cli("contact", "add", "Zed Stale", "--cadence", "10", "--added", days_ago(100))
    cli("contact", "add", "Olu Fine", "--cadence", "10", "--added", days_ago(1))
    rows = due_rows(cli)
    assert [(r["name"], r["status"]) for r in rows] == [
        ("Zed Stale", "stale"), ("Mia Overdue", "overdue"), ("Abe Due", "due"),
    ]  # fmt: skip
    for row in rows:
        assert {"name", "email", "department", "last_touch", "next_touch", "status"} <= set(row)
        assert row["last_touch"] is None
        date.fromisoformat(row["next_touch"])
    mia = rows[1]
    assert (mia["email"], mia["department"]) == ("mia@sales.example", "Sales")
    assert mia["next_touch"] == days_ago(5)


def test_logging_a_meeting_takes_the_contact_off_the_due_list(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez", "--cadence", "30", "--added", days_ago(90))
    cli("contact", "add", "Ben Okafor", "--cadence", "30", "--added", days_ago(90))
    assert {r["name"] for r in due_rows(cli)} == {"Ana Lopez", "Ben Okafor"}
    assert cli("log", "--with", "Ana Lopez", "--summary", "Coffee", "--kind", "coffee").code == 0
    assert [r["name"] for r in due_rows(cli)] == ["Ben Okafor"]


def test_due_with_nobody_due_says_so(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez", "--cadence", "30")
    result = cli("due", "--today", date.today().isoformat())
    assert (result.code, result.out) == (0, "You're in touch with everyone.\n")


def test_due_table_shows_status_name_and_never(cli: Cli) -> None:
    cli("contact", "add", "Zed Stale", "--cadence", "10", "--added", days_ago(100))
    result = cli("due", "--today", date.today().isoformat())
    header, line = result.out.splitlines()
    assert header.split()[:2] == ["STATUS", "NAME"]
    status, *name = line.split()[:3]
    assert (status.lower(), name) == ("stale", ["Zed", "Stale"])
    assert "never" in line


# --- search -------------------------------------------------------------------------------


def test_search_json_finds_an_interaction_by_prefix_with_summary_as_title(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez")
    cli("log", "--with", "Ana Lopez", "--summary", "Budget review")
    assert cli("search", "budg", "--json").json == [
        {"kind": "interaction", "id": 1, "title": "Budget review"}
    ]
    assert cli("search", "lop", "--json").json == [
        {"kind": "contact", "id": 1, "title": "Ana Lopez"}
    ]


def test_search_without_hits_says_nothing_matches(cli: Cli) -> None:
    result = cli("search", "zzz")
    assert (result.code, result.out) == (0, "Nothing matches 'zzz'.\n")


def test_search_limit_is_honoured(cli: Cli) -> None:
    for number in range(5):
        cli("contact", "add", f"Sam Person{number}")
    assert len(cli("search", "sam", "--json", "--limit", "3").json) == 3


# --- check and demo -----------------------------------------------------------------------


def test_check_passes_on_a_healthy_database(cli: Cli) -> None:
    cli("contact", "add", "Ana Lopez", "--added", days_ago(40))
    cli("log", "--with", "Ana Lopez", "--summary", "Chat", "--when", days_ago(3))
    result = cli("check")
    assert result.code == 0
    assert result.out.splitlines()[-1].endswith("all checks passed")
    assert "FAIL" not in result.out


def test_check_fails_naming_a_corrupted_derived_value(cli: Cli, db_path: Path) -> None:
    cli("contact", "add", "Ana Lopez", "--added", days_ago(40))
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE contacts SET next_touch_on = '2000-01-01'")
    connection.close()
    result = cli("check")
    assert result.code == 1
    assert "FAIL  keep-in-touch dates" in result.out
    assert "Ana Lopez" in result.out
    assert "next_touch_on is 2000-01-01" in result.out
    assert result.out.splitlines()[-1].endswith("1 check failed")


def test_demo_fills_an_empty_database_once(cli: Cli) -> None:
    result = cli("demo", "--contacts", "20", "--seed", "3")
    assert result.code == 0, result
    assert "7 departments, 21 contacts" in result.out
    assert len(cli("department", "list", "--json").json) == 7
    assert len(cli("contact", "list", "--json", "--archived").json) == 21
    assert cli("check").code == 0
    one_error_line(cli("demo", "--contacts", "20", "--seed", "3"), "already has 21 contacts")


# --- usage errors and foreign files -------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["department"],
        ["log", "--with", "Ana"],
        ["log", "--with", "Ana", "--summary", "Chat", "--kind", "party"],
        ["due", "--today", "2026-13-01"],
        ["department", "add", "Finance", "--cadence", "0"],
        ["contact", "add", "Ana", "--cadence", "-3"],
        ["search", "x", "--limit", "lots"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_usage_errors_exit_2_with_one_line_and_touch_no_file(
    run: Callable[..., Run], db_path: Path, argv: list[str]
) -> None:
    result = run([*argv, "--db", str(db_path)] if argv[0] != "bogus" else argv)
    assert result.code == 2
    assert len(result.err_lines) == 1, result.err
    assert "error:" in result.err
    assert "Traceback" not in result.err
    assert not db_path.exists()


def make_foreign_database(path: Path) -> bytes:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.execute("INSERT INTO recipes VALUES ('bread')")
    connection.close()
    return path.read_bytes()


def test_foreign_sqlite_file_is_refused_with_one_line(cli: Cli, db_path: Path) -> None:
    make_foreign_database(db_path)
    one_error_line(cli("contact", "list"), "not a DeskBridge database")
    tables = sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("recipes",)]


def test_foreign_sqlite_file_is_left_byte_for_byte_unchanged(cli: Cli, db_path: Path) -> None:
    # Switching to WAL would rewrite header bytes 18-19 of somebody else's database.
    before = make_foreign_database(db_path)
    assert cli("check").code == 1
    assert db_path.read_bytes() == before
    assert [path.name for path in db_path.parent.iterdir()] == [db_path.name]


# --- a real process -----------------------------------------------------------------------


def test_real_process_prints_the_id_and_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "real.sqlite3"
    done = subprocess_run(["department", "add", "Finance"], tmp_path, DESKBRIDGE_DB=str(db))
    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")
    listed = subprocess_run(["department", "list", "--json", "--db", str(db)], tmp_path)
    assert [d["name"] for d in json.loads(listed.stdout)] == ["Finance"]


def test_real_process_domain_error_exits_1_without_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "real.sqlite3")
    subprocess_run(["contact", "add", "Ana Lopez", "--db", db], tmp_path)
    failed = subprocess_run(["log", "--with", "Nobody", "--summary", "x", "--db", db], tmp_path)
    assert failed.returncode == 1
    assert failed.stderr.count("\n") == 1
    assert failed.stderr.startswith("deskbridge: error:")
    assert "Traceback" not in failed.stderr


def test_real_process_usage_error_exits_2_without_traceback(tmp_path: Path) -> None:
    failed = subprocess_run(["log", "--with", "Ana"], tmp_path)
    assert failed.returncode == 2
    assert failed.stderr.count("\n") == 1
    assert "--summary" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_empty_listings_say_how_to_begin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "empty.sqlite3")
    assert main(["contact", "list", "--db", db]) == 0
    assert capsys.readouterr().out == "No contacts yet. Add one with: deskbridge contact add NAME\n"
    assert main(["department", "list", "--db", db]) == 0
    assert "deskbridge department add NAME" in capsys.readouterr().out
    assert main(["contact", "list", "--json", "--db", db]) == 0
    assert capsys.readouterr().out.strip() == "[]"
