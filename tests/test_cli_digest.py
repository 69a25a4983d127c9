"""``deskbridge digest``, run in-process on a real file holding one known week."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import run_cli
from digest_fixtures import EXPECTED_HEADLINE, fill_week

from deskbridge.clock import FixedClock
from deskbridge.workspace import Workspace


@pytest.fixture(autouse=True)
def no_inherited_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESKBRIDGE_DB", raising=False)


@pytest.fixture
def filled(db_path: Path, clock: FixedClock) -> Path:
    workspace = Workspace.open(str(db_path), clock)
    try:
        fill_week(workspace)
    finally:
        workspace.close()
    return db_path


def test_prints_markdown_by_default(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "digest", "--week", "2026-W47", "--db", str(filled))
    assert (code, err) == (0, "")
    assert out.startswith("# Weekly digest · Week 47 · 16–22 Nov 2026")
    assert f"**{EXPECTED_HEADLINE}**" in out
    assert "SECRET" not in out


def test_prints_html_when_asked(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "digest", "--week", "2026-W47", "--format", "html",
                       "--db", str(filled))  # fmt: skip
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and EXPECTED_HEADLINE in out


@pytest.mark.parametrize(
    ("name", "starts"),
    [("digest.html", "<!DOCTYPE html>"), ("digest.HTM", "<!DOCTYPE html>"),
     ("digest.md", "# Weekly digest"), ("digest.txt", "# Weekly digest")],
)  # fmt: skip
def test_out_writes_a_file_in_the_format_its_extension_names(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, starts: str
) -> None:
    target = tmp_path / name
    code, out, err = run_cli(capsys, "digest", "--week", "2026-W47", "--out", str(target),
                         "--db", str(filled))  # fmt: skip
    assert (code, err) == (0, "")
    assert out.strip() == str(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(starts) and EXPECTED_HEADLINE in text


def test_format_wins_over_the_extension(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "digest.html"
    code, _, _ = run_cli(capsys, "digest", "--week", "2026-W47", "--format", "md",
                     "--out", str(target), "--db", str(filled))  # fmt: skip
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Weekly digest")


@pytest.mark.parametrize("week", ["2026-W60", "last week", "2026-11-23"])
def test_a_bad_week_is_one_line_and_a_failure(
    filled: Path, capsys: pytest.CaptureFixture[str], week: str
) -> None:
    code, out, err = run_cli(capsys, "digest", "--week", week, "--db", str(filled))
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--week" in err and "Traceback" not in err


def test_an_unwritable_out_is_one_line_and_a_failure(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "digest.md"
    code, _, err = run_cli(capsys, "digest", "--week", "2026-W47", "--out", str(target),
                       "--db", str(filled))  # fmt: skip
    assert code == 1 and not target.exists()
    assert err.startswith("deskbridge: error:") and len(err.strip().splitlines()) == 1
