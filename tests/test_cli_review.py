"""``deskbridge review``: the week's queue from a shell, in-process on a real file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli
from test_weekly_review import fill_review_data

from deskbridge.workspace import Workspace


@pytest.fixture(autouse=True)
def no_inherited_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESKBRIDGE_DB", raising=False)


def test_review_json_lists_the_weeks_queue(
    workspace: Workspace, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    org = fill_review_data(workspace)
    code, out, err = run_cli(
        capsys, "review", "--today", "2026-11-23", "--json", "--db", str(db_path)
    )
    assert (code, err) == (0, "")
    items = json.loads(out)
    assert {(item["kind"], item["id"]) for item in items} == {
        (kind.value, thing) for kind, thing in org.expected()
    }
    sam = next(item for item in items if item["kind"] == "stale_contact")
    assert sam["title"] == "Sam Stale"
    assert sam["key"] == f"stale_contact:{org.stale}"
    assert sam["actions"] == ["log_touch", "snooze", "skip"]


def test_review_prints_a_table_and_another_day_a_different_queue(
    workspace: Workspace, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_review_data(workspace)
    code, out, _ = run_cli(capsys, "review", "--today", "2026-11-23", "--db", str(db_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2026-W48: 10 to review, 0 done"
    assert lines[1].split() == ["KIND", "ID", "TITLE", "DETAIL"]
    assert any(line.startswith("stale_contact") and "Sam Stale" in line for line in lines)
    # A month earlier the asks were not late yet and Sam was not stale.
    _, earlier, _ = run_cli(
        capsys, "review", "--today", "2026-10-12", "--json", "--db", str(db_path)
    )
    kinds = {item["kind"] for item in json.loads(earlier)}
    assert "stale_contact" not in kinds and "overdue_request" not in kinds


def test_review_of_an_empty_database_says_so(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "review", "--today", "2026-11-23", "--db", str(db_path))
    assert code == 0
    assert out == "2026-W48: all caught up, nothing to review.\n"
    assert run_cli(capsys, "review", "--json", "--db", str(db_path))[1].strip() == "[]"


def test_a_bad_day_is_one_line(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "review", "--today", "23/11", "--db", str(db_path))
    assert code == 2 and out == ""
    assert "is not a date like 2026-11-23" in err
