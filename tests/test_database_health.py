"""The start-up health check on real damaged databases: the diagnosis, the ways out, and
that the file is left exactly as it was."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from damaged_databases import (
    Snapshot,
    leave_a_crashed_write_ahead_log,
    lock_held_by_another_process,
    make_database,
    make_foreign_database,
    overwrite_middle,
    set_revision,
    truncate,
)

from deskbridge.backups import Backups
from deskbridge.clock import FixedClock
from deskbridge.database_health import (
    Diagnosis,
    Problem,
    WayOut,
    diagnose,
    set_damaged_aside,
)

W = WayOut


@pytest.fixture
def database(db_path: Path) -> Path:
    return make_database(db_path)


def diagnosed_untouched(path: Path, clock: FixedClock, thorough: bool = False) -> Diagnosis:
    """The diagnosis, after proving it changed no byte, no timestamp, and no file beside."""
    before = Snapshot.of(path)
    diagnosis = diagnose(str(path), clock, thorough=thorough)
    assert Snapshot.of(path) == before
    return diagnosis


# --- fine -----------------------------------------------------------------------------------


def test_a_sound_database_is_fine(database: Path, clock: FixedClock) -> None:
    diagnosis = diagnosed_untouched(database, clock, thorough=True)
    assert diagnosis.ok
    assert diagnosis.problem is None and diagnosis.ways_out == ()
    assert diagnosis.location == str(database)
    assert "sound DeskBridge database" in diagnosis.message


def test_a_missing_file_in_a_writable_folder_is_a_new_database(
    db_path: Path, clock: FixedClock
) -> None:
    diagnosis = diagnose(str(db_path), clock)
    assert diagnosis.ok
    assert "new database" in diagnosis.message
    assert not db_path.exists()


def test_an_empty_file_is_a_new_database(db_path: Path, clock: FixedClock) -> None:
    db_path.touch()
    assert diagnosed_untouched(db_path, clock).ok


def test_a_crashed_write_ahead_log_is_read_but_neither_replayed_nor_removed(
    database: Path, clock: FixedClock
) -> None:
    leave_a_crashed_write_ahead_log(database)
    wal = database.with_name(database.name + "-wal")
    log_before = wal.read_bytes()
    assert diagnosed_untouched(database, clock, thorough=True).ok
    assert wal.read_bytes() == log_before


# --- damage -----------------------------------------------------------------------------------


def test_a_truncated_database_is_told_apart(database: Path, clock: FixedClock) -> None:
    truncate(database)
    diagnosis = diagnosed_untouched(database, clock)
    assert diagnosis.problem is Problem.TRUNCATED
    assert "cut short" in diagnosis.message
    assert "Nothing was changed." in diagnosis.message
    assert diagnosis.ways_out == (W.OPEN_ANOTHER, W.CREATE_NEW, W.QUIT)
    assert diagnosis.latest_backup is None


def test_a_database_cut_inside_its_header_is_truncated(database: Path, clock: FixedClock) -> None:
    truncate(database, keep=60)
    assert diagnosed_untouched(database, clock).problem is Problem.TRUNCATED


def test_a_backup_is_offered_first_when_one_exists(database: Path, clock: FixedClock) -> None:
    taken = Backups.for_database(database, clock).create()
    truncate(database)
    diagnosis = diagnosed_untouched(database, clock)
    assert diagnosis.ways_out == (W.RESTORE_BACKUP, W.OPEN_ANOTHER, W.CREATE_NEW, W.QUIT)
    assert diagnosis.latest_backup == taken


def test_garbage_in_the_middle_is_corrupt_when_checked_thoroughly(
    database: Path, clock: FixedClock
) -> None:
    overwrite_middle(database)
    diagnosis = diagnosed_untouched(database, clock, thorough=True)
    assert diagnosis.problem is Problem.CORRUPT
    assert "is damaged" in diagnosis.message
    assert diagnosis.ways_out == (W.OPEN_ANOTHER, W.CREATE_NEW, W.QUIT)


def test_a_damaged_header_is_corrupt(database: Path, clock: FixedClock) -> None:
    with database.open("r+b") as file:
        file.seek(16)
        file.write(b"\x00\x03")  # page size 3: impossible
    diagnosis = diagnosed_untouched(database, clock)
    assert diagnosis.problem is Problem.CORRUPT
    assert "header" in diagnosis.message


def test_a_damaged_schema_page_is_corrupt_even_without_the_thorough_check(
    database: Path, clock: FixedClock
) -> None:
    with database.open("r+b") as file:
        file.seek(100)  # the rest of page 1: the table of tables
        file.write(b"\xff" * 3000)
    assert diagnosed_untouched(database, clock).problem is Problem.CORRUPT


def test_a_text_file_is_not_a_deskbridge_database(db_path: Path, clock: FixedClock) -> None:
    db_path.write_text("Dear diary, today I met Ana from Finance.\n" * 20)
    diagnosis = diagnosed_untouched(db_path, clock)
    assert diagnosis.problem is Problem.NOT_DESKBRIDGE
    assert "not a DeskBridge database" in diagnosis.message
    assert diagnosis.ways_out == (W.OPEN_ANOTHER, W.CREATE_NEW, W.QUIT)


def test_overwritten_first_bytes_of_a_backed_up_database_are_corruption(
    database: Path, clock: FixedClock
) -> None:
    Backups.for_database(database, clock).create()
    with database.open("r+b") as file:
        file.write(b"garbage garbage!")
    diagnosis = diagnosed_untouched(database, clock)
    assert diagnosis.problem is Problem.CORRUPT
    assert "there are backups of it" in diagnosis.message
    assert diagnosis.ways_out[0] is W.RESTORE_BACKUP


def test_another_programs_sqlite_file_is_not_a_deskbridge_database(
    db_path: Path, clock: FixedClock
) -> None:
    make_foreign_database(db_path)
    diagnosis = diagnosed_untouched(db_path, clock, thorough=True)
    assert diagnosis.problem is Problem.NOT_DESKBRIDGE
    assert "recipes" in diagnosis.message


def test_a_database_from_a_newer_deskbridge_says_to_update(
    database: Path, clock: FixedClock
) -> None:
    set_revision(database, "9999_from_the_future")
    diagnosis = diagnosed_untouched(database, clock)
    assert diagnosis.problem is Problem.NEWER_VERSION
    assert "update DeskBridge" in diagnosis.message
    assert "9999_from_the_future" in diagnosis.message
    assert diagnosis.ways_out == (W.OPEN_ANOTHER, W.QUIT)


def test_a_newer_database_with_a_backup_offers_it_after_another_file(
    database: Path, clock: FixedClock
) -> None:
    Backups.for_database(database, clock).create()
    set_revision(database, "9999")
    diagnosis = diagnosed_untouched(database, clock)
    assert diagnosis.ways_out == (W.OPEN_ANOTHER, W.RESTORE_BACKUP, W.QUIT)


def test_an_older_known_revision_is_fine_it_will_be_migrated(
    database: Path, clock: FixedClock
) -> None:
    set_revision(database, "0004")
    assert diagnosed_untouched(database, clock).ok


# --- permissions and locks ------------------------------------------------------------------


def test_a_read_only_file_offers_retry(database: Path, clock: FixedClock) -> None:
    diagnosis = diagnose(str(database), clock, writable=lambda path: path != database)
    assert diagnosis.problem is Problem.READ_ONLY
    assert "read-only" in diagnosis.message
    assert diagnosis.ways_out == (W.RETRY, W.OPEN_ANOTHER, W.QUIT)


def test_a_read_only_folder_is_read_only_too(database: Path, clock: FixedClock) -> None:
    folder = database.parent
    diagnosis = diagnose(str(database), clock, writable=lambda path: path != folder)
    assert diagnosis.problem is Problem.READ_ONLY
    assert str(folder) in diagnosis.message


def test_a_new_database_in_a_read_only_folder_is_read_only(
    db_path: Path, clock: FixedClock
) -> None:
    diagnosis = diagnose(str(db_path / "x.sqlite3"), clock, writable=lambda path: False)
    assert diagnosis.problem is Problem.READ_ONLY


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a file whatever its mode")
def test_a_file_without_write_permission_is_read_only(database: Path, clock: FixedClock) -> None:
    database.chmod(0o400)
    try:
        assert diagnose(str(database), clock).problem is Problem.READ_ONLY
    finally:
        database.chmod(0o600)


def test_a_write_lock_held_by_another_process_is_locked(database: Path, clock: FixedClock) -> None:
    with lock_held_by_another_process(database):
        before = Snapshot.of(database)
        diagnosis = diagnose(str(database), clock)
        assert Snapshot.of(database) == before
    assert diagnosis.problem is Problem.LOCKED
    assert "in use by another program" in diagnosis.message
    assert diagnosis.ways_out == (W.RETRY, W.OPEN_ANOTHER, W.QUIT)
    assert diagnose(str(database), clock).ok  # the lock is gone: retrying works


def test_the_lock_probe_leaves_no_lock_and_no_files_behind(
    database: Path, clock: FixedClock
) -> None:
    assert diagnosed_untouched(database, clock).ok
    writer = sqlite3.connect(database, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("ROLLBACK")
    writer.close()


# --- a team database --------------------------------------------------------------------------


def test_an_unreachable_server_is_explained_with_retry(clock: FixedClock, tmp_path: Path) -> None:
    url = f"postgresql+psycopg://someone:secret@/deskbridge?host={tmp_path / 'no-server'}"
    diagnosis = diagnose(url, clock)
    assert diagnosis.problem is Problem.UNREACHABLE
    assert "cannot be reached" in diagnosis.message
    assert "secret" not in diagnosis.message
    assert diagnosis.ways_out == (W.RETRY, W.OPEN_ANOTHER, W.QUIT)


def test_a_reachable_team_database_is_fine(fresh_postgres_url: str, clock: FixedClock) -> None:
    assert diagnose(fresh_postgres_url, clock).ok


# --- setting a damaged file aside -------------------------------------------------------------


def test_set_aside_renames_the_file_and_its_companions(database: Path) -> None:
    leave_a_crashed_write_ahead_log(database)
    content = database.read_bytes()
    clock = FixedClock(datetime(2026, 11, 23, 14, 5))
    aside = set_damaged_aside(database, clock)
    assert aside.name == "deskbridge.damaged-2026-11-23-1405.sqlite3"
    assert aside.read_bytes() == content
    assert (aside.parent / f"{aside.name}-wal").exists()
    assert not database.exists()
    assert not database.with_name(database.name + "-wal").exists()


def test_set_aside_never_overwrites_an_earlier_damaged_file(db_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 14, 5))
    db_path.write_text("first")
    first = set_damaged_aside(db_path, clock)
    db_path.write_text("second")
    second = set_damaged_aside(db_path, clock)
    assert first != second
    assert second.name == "deskbridge.damaged-2026-11-23-1405-2.sqlite3"
    assert (first.read_text(), second.read_text()) == ("first", "second")
