"""The full JSON archive: export everything, restore it into an empty database exactly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from deskbridge.clock import FixedClock
from deskbridge.demo import fill_demo
from deskbridge.errors import Cancelled, DeskBridgeError, ExchangeFileError
from deskbridge.exchange.exports import ExportFormat
from deskbridge.exchange.json_archive import DERIVED_TABLES
from deskbridge.store.migrate import SCHEMA_HEAD
from deskbridge.store.models import Base, WeeklyReview
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)


def every_row(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, typed by the models, in primary-key order."""
    with workspace.db.reading() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def fill(workspace: Workspace, contacts: int = 40) -> None:
    """A demo organisation plus what the demo leaves out: settings, a weekly review, a
    contact with phones and text that needs escaping."""
    fill_demo(workspace.db, today=NOW.date(), now=NOW, contacts=contacts)
    workspace.keep_in_touch.set_default_cadence(28)
    workspace.contacts.add(
        'Zoë "Quote" Ünal',
        department="Finance",
        emails=["zoe@example.com", "z.unal@example.org"],
        phones=["+49 30 1234", "-5"],
        notes='Line one\nline two, with "quotes", a tab\tand \\ backslash',
        strengths="=SUM(A1:A9)",
        tags=["emoji 🎉", "vip"],
    )
    with workspace.db.unit_of_work() as session:
        session.add(WeeklyReview(iso_week="2026-W47", completed_at=NOW, acted_on='["touch:3"]'))


@pytest.fixture
def other(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    opened = Workspace.open(str(tmp_path / "restored.sqlite3"), clock)
    yield opened
    opened.close()


def test_an_archive_restores_every_row_of_every_table(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    fill(workspace)
    archive = tmp_path / "everything.json"

    result = workspace.exports.write(archive)
    counts = other.exports.import_json(archive)

    original = every_row(workspace)
    archived = {name: len(rows) for name, rows in original.items() if name not in DERIVED_TABLES}
    assert result.format is ExportFormat.JSON
    assert result.items == sum(archived.values())
    assert counts == archived
    # Derived counts are not archived: the restore counts them again, to the same figures.
    assert every_row(other) == original
    assert original["department_month_counts"]
    assert original["settings"] and original["weekly_reviews"] and original["contact_phones"]
    # The search index was rebuilt: the restored contacts can be found.
    assert [hit.title for hit in other.search("Ünal", kinds=["contact"])] == ['Zoë "Quote" Ünal']
    # New rows added the ordinary way after a restore get fresh ids.
    assert other.contacts.add("Someone New").id == max(row[0] for row in original["contacts"]) + 1


def test_the_archive_says_what_it_is(workspace: Workspace, tmp_path: Path) -> None:
    fill(workspace)
    archive = tmp_path / "everything.json"
    workspace.exports.write(archive)

    document = json.loads(archive.read_text(encoding="utf-8"))

    assert document["format"] == "deskbridge-archive"
    assert document["version"] == 1
    assert document["schema_revision"] == SCHEMA_HEAD
    assert document["exported_at"] == NOW.isoformat()
    names = [table["table"] for table in document["tables"]]
    assert set(names) == set(Base.metadata.tables) - DERIVED_TABLES
    assert not any(name.startswith(("search_", "alembic")) for name in names)
    # Parents before the rows that refer to them.
    assert names.index("departments") < names.index("contacts") < names.index("contact_emails")


def test_a_reformatted_archive_still_restores(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    fill(workspace, contacts=10)
    archive = tmp_path / "everything.json"
    workspace.exports.write(archive)
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(archive.read_text("utf-8")), indent=2), "utf-8")

    other.exports.import_json(pretty)

    assert every_row(other) == every_row(workspace)


def test_a_database_that_is_not_empty_is_refused(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    fill(workspace, contacts=10)
    archive = tmp_path / "everything.json"
    workspace.exports.write(archive)
    other.departments.add("Legal")
    before = every_row(other)

    with pytest.raises(DeskBridgeError, match=r"not empty \(it holds 1 department\)"):
        other.exports.import_json(archive)
    with pytest.raises(DeskBridgeError, match="not empty"):
        other.exports.import_json(archive, dry_run=True)

    assert every_row(other) == before


def test_a_dry_run_checks_and_counts_but_writes_nothing(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    fill(workspace, contacts=10)
    archive = tmp_path / "everything.json"
    workspace.exports.write(archive)
    seen: list[tuple[int, int]] = []

    counts = other.exports.import_json(
        archive, progress=lambda *step: seen.append(step), dry_run=True
    )

    assert counts["contacts"] == 12
    assert seen[-1][0] == seen[-1][1] == sum(counts.values())
    assert not any(every_row(other).values())


def write_archive(workspace: Workspace, tmp_path: Path) -> Path:
    fill(workspace, contacts=10)
    archive = tmp_path / "everything.json"
    workspace.exports.write(archive)
    return archive


def edited(archive: Path, old: str, new: str) -> Path:
    text = archive.read_text("utf-8")
    assert old in text
    archive.write_text(text.replace(old, new, 1), "utf-8")
    return archive


def test_a_bad_value_is_named_by_table_line_and_column(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    archive = write_archive(workspace, tmp_path)
    lines = archive.read_text("utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("[3, ") and "@" in line)
    edited(archive, lines[number - 1], lines[number - 1].replace("[3, 3, ", '[3, "three", ', 1))

    with pytest.raises(ExchangeFileError) as raised:
        other.exports.import_json(archive)

    assert f"line {number}: contact_emails row 3, contact_id: 'three' is not a whole number" in str(
        raised.value
    )
    assert not any(every_row(other).values())


def test_a_bad_date_is_refused(workspace: Workspace, other: Workspace, tmp_path: Path) -> None:
    archive = edited(write_archive(workspace, tmp_path), '"2026-11-23T09:00:00"]', '"yesterday"]')

    with pytest.raises(ExchangeFileError, match="'yesterday' is not a date and time"):
        other.exports.import_json(archive)
    assert not any(every_row(other).values())


def test_a_row_pointing_at_nothing_is_refused(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    archive = write_archive(workspace, tmp_path)
    lines = archive.read_text("utf-8").splitlines()
    email = next(line for line in lines if line.startswith("[1, 1, ") and "@" in line)
    edited(archive, email, email.replace("[1, 1, ", "[1, 999, ", 1))

    with pytest.raises(ExchangeFileError, match="contact_emails row 1 refers to a contacts row"):
        other.exports.import_json(archive)
    assert not any(every_row(other).values())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Name,E-mail\nAna,ana@example.com\n", "not a DeskBridge JSON archive"),
        ("[1, 2, 3]", "not a DeskBridge JSON archive"),
        ('{"format": "someone-else", "tables": []}', "not a DeskBridge JSON archive"),
        ("", "not a DeskBridge JSON archive"),
    ],
)
def test_a_file_of_another_format_is_refused(
    other: Workspace, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "other.json"
    path.write_text(content, "utf-8")

    with pytest.raises(ExchangeFileError, match=message):
        other.exports.import_json(path)


def test_a_schema_revision_it_does_not_know_is_refused(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    archive = edited(
        write_archive(workspace, tmp_path),
        f'"schema_revision": "{SCHEMA_HEAD}"',
        '"schema_revision": "9999"',
    )

    with pytest.raises(
        ExchangeFileError, match="schema '9999', which this DeskBridge does not know"
    ):
        other.exports.import_json(archive)


def test_a_cut_short_archive_is_refused_and_nothing_is_kept(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    archive = write_archive(workspace, tmp_path)
    text = archive.read_text("utf-8")
    archive.write_text(text[: len(text) * 2 // 3].rsplit("\n", 1)[0] + "\n", "utf-8")

    with pytest.raises(ExchangeFileError, match="ends early"):
        other.exports.import_json(archive)
    assert not any(every_row(other).values())


def test_a_file_that_is_not_utf8_is_refused(other: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "Zoë"}'.encode("latin-1"))

    with pytest.raises(ExchangeFileError, match="not UTF-8"):
        other.exports.import_json(path)


def test_a_cancelled_restore_leaves_the_database_empty(
    workspace: Workspace, other: Workspace, tmp_path: Path
) -> None:
    fill(workspace, contacts=1000)
    archive = tmp_path / "everything.json"
    workspace.exports.write(archive)

    def cancel_halfway(done: int, total: int) -> None:
        if done > total // 2:
            raise Cancelled()

    with pytest.raises(Cancelled):
        other.exports.import_json(archive, progress=cancel_halfway)

    assert not any(every_row(other).values())
    assert other.search("Ünal") == []
    other.exports.import_json(archive)  # and the database is still usable
    assert every_row(other) == every_row(workspace)


def test_a_cancelled_export_leaves_no_file(workspace: Workspace, tmp_path: Path) -> None:
    fill(workspace, contacts=1000)
    archive = tmp_path / "everything.json"

    def cancel(done: int, total: int) -> None:
        if done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        workspace.exports.write(archive, progress=cancel)

    assert list(tmp_path.glob("everything*")) == []
    assert not list(tmp_path.glob(".everything*"))


def test_a_sqlite_archive_restores_into_postgresql(
    workspace: Workspace, tmp_path: Path, fresh_postgres_url: str
) -> None:
    fill(workspace)
    archive = tmp_path / "everything.json"
    workspace.exports.write(archive)
    postgres = Workspace.open(fresh_postgres_url, FixedClock(NOW))
    try:
        postgres.exports.import_json(archive)

        assert every_row(postgres) == every_row(workspace)
        assert [hit.title for hit in postgres.search("Ünal", kinds=["contact"])] == [
            'Zoë "Quote" Ünal'
        ]
        assert postgres.contacts.add("Someone New").id > max(
            row[0] for row in every_row(workspace)["contacts"]
        )
        with pytest.raises(DeskBridgeError, match="not empty"):
            postgres.exports.import_json(archive)
    finally:
        postgres.close()
