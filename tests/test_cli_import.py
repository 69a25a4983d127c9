"""``deskbridge import``: what it prints, what it writes, and its exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_runner import run_cli
from contact_files import database_dump, google_csv, write_text

from deskbridge.clock import FixedClock
from deskbridge.workspace import Workspace

GOOD_AND_BAD = (
    "Name,E-mail,Department\n"
    "Ada Okafor,ada@corp.example,Finance\n"
    "Bad Mail,nope,IT\n"
    ",only@x.org,\n"
    "Ben Stone,ben@corp.example,IT\n"
)
CARDS = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Zoé Martin\nEMAIL:zoe@corp.example\nORG:Corp;Legal\nEND:VCARD\n"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    location = str(tmp_path / "cli.sqlite3")
    Workspace.open(location).close()
    return location


def contact_count(db: str) -> int:
    ws = Workspace.open(db)
    try:
        return ws.contacts.count()
    finally:
        ws.close()


def test_dry_run_prints_the_counts_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    before = database_dump(Path(db))

    code, out, err = run_cli(capsys, "import", str(google_csv(tmp_path)), "--dry-run", "--db", db)

    assert (code, err) == (0, "")
    assert out == "Google Contacts CSV, dry run: created 2, updated 0, skipped 0, errors 0\n"
    assert database_dump(Path(db)) == before


def test_dry_run_lists_the_errors_and_exits_1_when_the_import_would_stop(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    path = write_text(tmp_path / "mixed.csv", GOOD_AND_BAD)

    code, out, _ = run_cli(capsys, "import", str(path), "--dry-run", "--db", db)

    assert code == 1
    assert out.splitlines() == [
        "CSV, dry run: created 2, updated 0, skipped 0, errors 2",
        "  line 3, E-mail: 'nope' is not an e-mail address",
        "  line 4, Name: no name, only an e-mail address (only@x.org)",
        "the import would stop on these errors (use --skip-errors to import the rest)",
    ]
    code, out, _ = run_cli(capsys, "import", str(path), "--dry-run", "--skip-errors", "--db", db)
    assert code == 0
    assert contact_count(db) == 0


def test_errors_stop_the_import_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    path = write_text(tmp_path / "mixed.csv", GOOD_AND_BAD)
    before = database_dump(Path(db))

    code, out, err = run_cli(capsys, "import", str(path), "--db", db)

    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "deskbridge: error: 2 rows have problems; nothing was imported "
        "(fix them, or use --skip-errors to import the rest):"
    )
    assert "line 3, E-mail: 'nope' is not an e-mail address" in err
    assert database_dump(Path(db)) == before


def test_skip_errors_imports_the_good_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    path = write_text(tmp_path / "mixed.csv", GOOD_AND_BAD)

    code, out, _ = run_cli(capsys, "import", str(path), "--skip-errors", "--db", db)

    assert (code, out) == (0, "CSV: created 2, updated 0, skipped 0, errors 2\n")
    assert contact_count(db) == 2
    code, _, _ = run_cli(capsys, "check", "--db", db)
    assert code == 0


def test_vcard_by_extension_or_by_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    code, out, _ = run_cli(capsys, "import", str(write_text(tmp_path / "a.vcf", CARDS)), "--db", db)
    assert (code, out) == (0, "vCard: created 1, updated 0, skipped 0, errors 0\n")

    as_text = write_text(tmp_path / "cards.txt", CARDS)
    code, out, _ = run_cli(capsys, "import", str(as_text), "--format", "vcard", "--db", db)
    assert (code, out) == (0, "vCard: created 0, updated 0, skipped 1, errors 0\n")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("contacts.dat", b"x", "cannot tell the format from the extension"),
        ("empty.csv", b"", "the file is empty"),
        ("cards.vcf", b"no cards here", "is not a vCard file"),
        ("missing.csv", None, "cannot read the file"),
        ("no-name.csv", b"E-mail\na@x.org\n", "no column is the name"),
    ],
)
def test_a_file_that_cannot_be_imported_is_one_clear_line_and_exit_1(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    db: str,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    code, out, err = run_cli(capsys, "import", str(path), "--db", db)

    assert (code, out) == (1, "")
    assert err.startswith("deskbridge: error: ") and message in err
    assert len(err.splitlines()) == 1


def test_a_json_archive_is_restored_into_an_empty_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    pytest.importorskip("deskbridge.exchange.exports")
    source = Workspace.open(str(tmp_path / "source.sqlite3"), FixedClock(date(2026, 11, 23)))
    try:
        source.contacts.add("Ada Okafor", emails=["ada@corp.example"])
        archive = tmp_path / "everything.json"
        source.exports.write(archive)
    finally:
        source.close()

    code, out, _ = run_cli(capsys, "import", str(archive), "--dry-run", "--db", db)
    assert code == 0 and out.startswith("would import: ") and "contacts 1" in out
    assert contact_count(db) == 0

    code, out, _ = run_cli(capsys, "import", str(archive), "--db", db)
    assert code == 0 and out.startswith("imported: ") and "contacts 1" in out
    assert contact_count(db) == 1

    code, _, err = run_cli(capsys, "import", str(archive), "--db", db)
    assert code == 1 and err.startswith("deskbridge: error: ")
