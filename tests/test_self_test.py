"""``deskbridge --self-test``: every step passes here, in-process and as the installed command."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deskbridge.cli.main import main
from deskbridge.resources import resource_path
from deskbridge.self_test import PASSED, run_steps
from deskbridge.store.migrate import MIGRATIONS_DIR
from deskbridge.ui.assets import ASSETS
from deskbridge.ui.self_test import run

DESKBRIDGE = Path(sys.executable).with_name("deskbridge")


def test_resource_path_finds_the_packaged_files_in_a_checkout() -> None:
    assert (resource_path("deskbridge", "store", "migrations") / "env.py").is_file()
    assert resource_path("deskbridge", "store", "migrations") == MIGRATIONS_DIR.resolve()
    assert (ASSETS / "deskbridge.svg").is_file()


def test_resource_path_looks_in_the_bundle_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("resources", "x.desktop") == tmp_path / "resources" / "x.desktop"


def test_self_test_passes_in_process(qapp: object) -> None:
    out = io.StringIO()
    assert run(out) == 0
    lines = out.getvalue().splitlines()
    assert lines[-1] == PASSED
    assert all(": ok (" in line for line in lines[:-1])
    assert any("main window" in line for line in lines)


def test_the_cli_flag_runs_it(qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(PASSED)


def test_a_failing_step_names_itself_and_stops() -> None:
    def broken() -> str:
        raise FileNotFoundError("migrations/versions missing")

    out = io.StringIO()
    assert (
        run_steps([("fine", lambda: "yes"), ("migrations", broken), ("never", lambda: "")], out)
        == 1
    )
    text = out.getvalue()
    assert "[2/3] migrations: FAILED" in text
    assert "step 2 (migrations): FileNotFoundError: migrations/versions missing" in text
    assert "never" not in text and PASSED not in text


@pytest.mark.skipif(not DESKBRIDGE.exists(), reason="needs the installed deskbridge command")
def test_the_installed_command_passes_without_a_display() -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [str(DESKBRIDGE), "--self-test"],
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == PASSED
