"""The scale benchmark keeps working: on a tiny database it runs every part and prints every
figure. Nothing here asserts a time (speed is judged in the printed table, not in tests)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from benchmarks import scale
from benchmarks.demo_cache import demo_database
from benchmarks.figures import CATALOG
from benchmarks.results_table import NOTES_MARK, Results, kept_notes

CONTACTS = 40


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("scale")
    out = folder / "out"
    out.mkdir()
    (out / "RESULTS.md").write_text(f"old table\n{NOTES_MARK}\nWhy search misses: kept.\n")
    return out, folder


def test_one_run_prints_and_writes_every_figure(
    run: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out, folder = run
    scale.main(
        [
            f"--sizes={CONTACTS}",
            "--runs=1",
            "--heavy-runs=1",
            f"--cache={folder / 'cache'}",
            "--write",
            f"--out={out}",
        ]
    )
    printed = capsys.readouterr().out
    for figure in CATALOG:
        line = next((row for row in printed.splitlines() if row.startswith(figure.label)), None)
        assert line is not None, f"{figure.label!r} is not in the table"
        assert "–" not in line, f"{figure.label!r} has no value"

    results = Results.load(out / "results.json")
    (size,) = results.sizes
    assert size.contacts == CONTACTS
    assert size.counts["contacts"] == CONTACTS + 1  # and "me"
    assert size.counts["interactions"] > 0
    assert set(size.figures) == {figure.key for figure in CATALOG}
    assert all(value > 0 for value in size.figures.values())

    written = (out / "RESULTS.md").read_text()
    assert "| cold start to first window shown |" in written
    assert "old table" not in written
    assert kept_notes(out / "RESULTS.md").strip() == "Why search misses: kept."
    assert png_size(out / "growth.png") == (900, 560)


def test_saved_results_redraw_without_measuring(
    run: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out, _ = run
    saved = json.loads((out / "results.json").read_text())
    bigger = {**saved["sizes"][0], "contacts": CONTACTS * 10}
    bigger["figures"] = {key: value * 2 for key, value in bigger["figures"].items()}
    saved["sizes"].append(bigger)
    (tmp_path / "results.json").write_text(json.dumps(saved))

    scale.main([f"--from-json={tmp_path / 'results.json'}", "--write", f"--out={tmp_path}"])

    printed = capsys.readouterr().out
    assert f"{CONTACTS * 10:,}" in printed.splitlines()[0]
    assert png_size(tmp_path / "growth.png") == (900, 560)
    assert "| 400 |" in (tmp_path / "RESULTS.md").read_text()


def test_a_cached_demo_is_reused(run: tuple[Path, Path]) -> None:
    _, folder = run
    cached = demo_database(CONTACTS, folder / "cache", report=False)
    stamp = cached.stat().st_mtime_ns
    assert demo_database(CONTACTS, folder / "cache", report=False) == cached
    assert cached.stat().st_mtime_ns == stamp
