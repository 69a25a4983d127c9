"""``deskbridge backup | backups | restore | check`` and what every command says when the
database will not open: output, exit codes, and files left as they were."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from cli_runner import run_cli
from damaged_databases import (
    Snapshot,
    counts,
    lock_held_by_another_process,
    make_database,
    make_foreign_database,
    overwrite_middle,
    set_revision,
    truncate,
)
from sqlalchemy import text

from deskbridge.clock import FixedClock
from deskbridge.workspace import Workspace


@pytest.fixture
def database(db_path: Path) -> Path:
    return make_database(db_path)


Run = tuple[int, str, str]


def cli(capsys: pytest.CaptureFixture[str], database: Path, *argv: str) -> Run:
    return run_cli(capsys, *argv, "--db", str(database))


def one_error_line(result: Run, *words: str) -> None:
    code, out, err = result
    assert code == 1, result
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("deskbridge: ") and "Traceback" not in err
    for word in words:
        assert word in err, (word, err)


# --- backup, backups, restore -------------------------------------------------------------


def test_backup_then_backups_lists_it_with_counts(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    code, out, err = cli(capsys, database, "backup")
    assert (code, err) == (0, "")
    assert "305 contacts, 5 interactions" in out and "verified" in out
    code, out, _ = cli(capsys, database, "backups")
    assert code == 0
    header, row = out.splitlines()[:2]
    assert header.split() == [
        "#", "TAKEN", "REASON", "SIZE", "CONTACTS", "INTERACTIONS", "REQUESTS", "GOALS",
        "PROJECTS", "TASKS",
    ]  # fmt: skip
    assert row.split()[0] == "1" and "manual" in row and " 305 " in row
    listed = json.loads(cli(capsys, database, "backups", "--json")[1])
    assert len(listed) == 1
    assert listed[0]["number"] == 1 and listed[0]["reason"] == "manual"
    assert listed[0]["counts"]["contacts"] == 305
    assert Path(listed[0]["path"]).is_file()


def test_backups_says_how_to_take_the_first_one(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    code, out, _ = cli(capsys, database, "backups")
    assert code == 0
    assert "No backups" in out and "deskbridge backup --db" in out
    assert json.loads(cli(capsys, database, "backups", "--json")[1]) == []


def test_backup_to_a_chosen_file(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.sqlite3"
    code, out, _ = cli(capsys, database, "backup", "--to", str(target))
    assert code == 0 and str(target) in out
    assert counts(target) == counts(database)
    assert json.loads(cli(capsys, database, "backups", "--json")[1]) == []


@pytest.mark.parametrize("how", ["number", "name", "path"])
def test_restore_by_number_name_or_path(
    capsys: pytest.CaptureFixture[str], database: Path, how: str
) -> None:
    cli(capsys, database, "backup")
    backup = Path(json.loads(cli(capsys, database, "backups", "--json")[1])[0]["path"])
    assert cli(capsys, database, "contact", "add", "Zed Afterwards")[0] == 0
    chosen = {"number": "1", "name": backup.name, "path": str(backup)}[how]
    code, out, err = cli(capsys, database, "restore", chosen)
    assert (code, err) == (0, "")
    assert "Restored" in out and "the previous database was kept at" in out
    assert counts(database) == counts(backup)
    names = json.loads(cli(capsys, database, "search", "Zed", "--json")[1])
    assert names == []
    listed = json.loads(cli(capsys, database, "backups", "--json")[1])
    assert [b["reason"] for b in listed] == ["before restore", "manual"]
    assert listed[0]["counts"]["contacts"] == 306


def test_restore_refuses_a_bad_backup_in_one_line(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    cli(capsys, database, "backup")
    backup = Path(json.loads(cli(capsys, database, "backups", "--json")[1])[0]["path"])
    overwrite_middle(backup)
    before = Snapshot.of(database)
    one_error_line(cli(capsys, database, "restore", "1"), "is damaged")
    assert Snapshot.of(database) == before


@pytest.mark.parametrize("given", ["7", "nothing-like-this.sqlite3"])
def test_restore_of_an_unknown_backup_says_where_to_look(
    capsys: pytest.CaptureFixture[str], database: Path, given: str
) -> None:
    one_error_line(cli(capsys, database, "restore", given), "deskbridge backups")


def test_backups_are_for_files_not_team_databases(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://someone@/deskbridge?host=/nonexistent"
    for argv in (["backup"], ["backups"], ["restore", "1"]):
        one_error_line(run_cli(capsys, *argv, "--db", url), "pg_dump")


# --- check ------------------------------------------------------------------------------------


def test_check_on_a_sound_database_runs_every_check(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    code, out, _ = cli(capsys, database, "check")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ok    ") and "sound DeskBridge database" in lines[0]
    assert "ok    file integrity" in lines
    assert lines[-1].endswith("all checks passed")


DAMAGE = {
    "truncated": (truncate, "cut short", True),
    "garbage": (overwrite_middle, "is damaged", True),
    "text": (lambda p: p.write_text("hello\n" * 40), "damaged or written over", True),
    "foreign": (lambda p: (p.unlink(), make_foreign_database(p)), "other tables", True),
    "newer": (lambda p: set_revision(p, "9999"), "update DeskBridge", False),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_check_explains_the_damage_and_the_ways_out_without_touching_the_file(
    capsys: pytest.CaptureFixture[str], database: Path, kind: str
) -> None:
    cli(capsys, database, "backup")
    damage, words, can_start_anew = DAMAGE[kind]
    damage(database)
    before = Snapshot.of(database)
    code, out, _ = cli(capsys, database, "check")
    assert Snapshot.of(database) == before
    assert code == 1
    first, *ways = out.splitlines()
    assert first.startswith("FAIL  ") and words in first and "Nothing was changed." in first
    assert all(line.startswith("      way out: ") for line in ways)
    offered = "\n".join(ways)
    assert "add --db OTHER.sqlite3" in offered
    assert ("deskbridge check --set-aside --db" in offered) == can_start_anew
    if kind != "foreign":  # a healthy database of another program's is not ours to restore
        assert "restore the latest good backup" in offered
        assert "deskbridge restore " in offered


def test_the_restore_command_check_offers_works(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    cli(capsys, database, "backup")
    truncate(database)
    out = cli(capsys, database, "check")[1]
    offered = next(line for line in out.splitlines() if "way out: restore" in line)
    command = offered.split(": deskbridge ", 1)[1].split()
    assert command[0] == "restore" and command[-2] == "--db"
    code, out, _ = run_cli(capsys, *command)
    assert code == 0, out
    assert "deskbridge.damaged-" in out
    assert cli(capsys, database, "check")[0] == 0


def test_check_set_aside_makes_room_for_a_new_database(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    truncate(database)
    damaged = database.read_bytes()
    code, out, _ = cli(capsys, database, "check", "--set-aside")
    assert code == 0 and "renamed to deskbridge.damaged-" in out
    aside = next(database.parent.glob("deskbridge.damaged-*.sqlite3"))
    assert aside.read_bytes() == damaged
    assert not database.exists()
    assert cli(capsys, database, "contact", "add", "Ana Lopez")[0] == 0


def test_check_set_aside_leaves_a_sound_database_alone(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    code, out, _ = cli(capsys, database, "check", "--set-aside")
    assert code == 0 and "nothing was set aside" in out
    assert database.exists()


def test_check_reports_a_lock_held_by_another_process(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    with lock_held_by_another_process(database):
        code, out, _ = cli(capsys, database, "check")
    assert code == 1
    assert "in use by another program" in out
    assert "try again once the other program has closed the database" in out


# --- any other command on a database that will not open ----------------------------------------


@pytest.mark.parametrize("kind", DAMAGE)
def test_other_commands_print_the_diagnosis_and_the_way_out_in_one_line(
    capsys: pytest.CaptureFixture[str], database: Path, kind: str
) -> None:
    cli(capsys, database, "backup")
    damage, words, _ = DAMAGE[kind]
    damage(database)
    before = Snapshot.of(database)
    result = cli(capsys, database, "contact", "list")
    if result[0] == 0:
        pytest.skip(f"{kind}: the damage is not on the pages this command reads")
    one_error_line(result, "Ways out:", "--db OTHER.sqlite3")
    assert words in result[2] or "is damaged" in result[2]
    assert Snapshot.of(database).content == before.content


def test_check_repair_recomputes_derived_values_and_keeps_what_was_entered(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    workspace = Workspace.open(str(database), FixedClock(datetime(2026, 11, 23, 9, 0)))
    ana = workspace.contacts.add("Ana Lindqvist", department="Finance").id
    workspace.interactions.log([ana], "Budget review", occurred_on=date(2026, 11, 2))
    with workspace.db.unit_of_work() as session:
        session.execute(text("UPDATE department_month_counts SET interactions = 7"))
        session.execute(text("UPDATE contacts SET next_touch_on = '2030-01-01'"))
        session.execute(text("DELETE FROM search_contacts"))
    workspace.close()

    code, out, _ = cli(capsys, database, "check")
    assert code == 1
    assert "FAIL  search index" in out
    assert "way out: deskbridge check --repair recomputes what failed" in out

    code, out, _ = cli(capsys, database, "check", "--repair")
    assert code == 0, out
    for what in ("search index", "keep-in-touch dates", "interactions per department"):
        assert any(line.startswith(f"fixed {what}") for line in out.splitlines()), what
    assert out.splitlines()[-1].endswith("all checks passed")

    workspace = Workspace.open(str(database), FixedClock(datetime(2026, 11, 23, 9, 0)))
    try:
        assert [hit.title for hit in workspace.search("lindq")] == ["Ana Lindqvist"]
        assert workspace.contacts.get(ana).full_name == "Ana Lindqvist"
        assert [r.summary for r in workspace.interactions.with_contact(ana)] == ["Budget review"]
    finally:
        workspace.close()


def test_check_repair_cannot_mend_a_damaged_file(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    truncate(database)
    code, out, _ = cli(capsys, database, "check", "--repair")
    assert code == 1
    assert "fixed" not in out
