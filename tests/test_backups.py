"""Backups on real files: taken online, verified, listed with counts, rotated with an
injected clock, restored (the content proven by counts and a search), bad ones refused."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from damaged_databases import (
    PEOPLE,
    Snapshot,
    age,
    counts,
    leave_a_crashed_write_ahead_log,
    lock_held_by_another_process,
    make_database,
    overwrite_middle,
    set_revision,
    truncate,
)
from sqlalchemy import create_engine

from deskbridge.backup_rotation import MOST_KEPT
from deskbridge.backups import (
    AUTOMATIC,
    AUTOMATIC_INTERVAL,
    BEFORE_RESTORE,
    MANUAL,
    BackupInfo,
    Backups,
    automatic_backup_due,
)
from deskbridge.clock import FixedClock
from deskbridge.errors import Cancelled, DeskBridgeError
from deskbridge.paths import backup_folder_for, data_dir
from deskbridge.store.database import Database
from deskbridge.workspace import Workspace

NOON = datetime(2026, 11, 23, 12, 0)


@pytest.fixture
def database(db_path: Path) -> Path:
    return make_database(db_path)


@pytest.fixture
def noon() -> FixedClock:
    return FixedClock(NOON)


@pytest.fixture
def backups(database: Path, noon: FixedClock) -> Backups:
    return Backups.for_database(database, noon)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- where backups go -----------------------------------------------------------------------


def test_each_database_has_its_own_folder_under_the_data_directory(tmp_path: Path) -> None:
    one = backup_folder_for(tmp_path / "a" / "deskbridge.sqlite3")
    other = backup_folder_for(tmp_path / "b" / "deskbridge.sqlite3")
    assert one != other
    assert one.parent == other.parent == data_dir() / "backups"
    assert one.name.startswith("deskbridge-")
    assert backup_folder_for(tmp_path / "a" / ".." / "a" / "deskbridge.sqlite3") == one


def test_the_workspace_hands_out_backups_of_its_file(workspace: Workspace, db_path: Path) -> None:
    assert workspace.backups.folder == backup_folder_for(db_path)
    assert workspace.backups.db_path == db_path


def test_a_team_database_has_no_file_backups(clock: FixedClock) -> None:
    not_a_file = Workspace(Database(create_engine("sqlite://")), clock)
    with pytest.raises(DeskBridgeError, match="pg_dump"):
        _ = not_a_file.backups


# --- taking one -----------------------------------------------------------------------------


def test_a_backup_is_verified_counted_and_private(backups: Backups, database: Path) -> None:
    info = backups.create()
    assert info.reason == MANUAL
    assert info.taken_at == NOON
    assert info.path.parent == backups.folder
    assert info.path.name == "deskbridge-2026-11-23-120000-manual.sqlite3"
    assert info.size == info.path.stat().st_size
    assert info.counts == {
        "contacts": 305, "interactions": 5, "requests": 0, "goals": 0, "projects": 0, "tasks": 0,
    }  # fmt: skip
    assert counts(info.path) == counts(database)
    assert mode(info.path) == 0o600
    assert mode(backups.folder) == 0o700
    assert mode(backups.folder.parent) == 0o700
    sidecar = json.loads(info.path.with_name(info.path.name + ".json").read_text())
    assert sidecar["reason"] == "manual" and sidecar["counts"]["contacts"] == 305
    # One self-contained file: no write-ahead log beside it, and nothing left over.
    assert sorted(p.name for p in backups.folder.iterdir()) == [
        info.path.name, info.path.name + ".json",
    ]  # fmt: skip


def test_a_backup_is_taken_while_the_app_has_the_database_open_and_writing(
    db_path: Path, clock: FixedClock
) -> None:
    workspace = Workspace.open(str(db_path), clock)
    try:
        workspace.contacts.add("Ana Lopez")
        in_progress: list[int] = []

        def write_meanwhile(done: int, total: int) -> None:
            in_progress.append(done)
            if len(in_progress) == 1:
                workspace.contacts.add("Written During The Backup")

        info = workspace.backups.create(AUTOMATIC, progress=write_meanwhile)
        workspace.contacts.add("Ben Okafor")
        assert info.counts["contacts"] in (1, 2)  # one consistent moment, whichever it was
        assert counts(info.path)["contacts"] == info.counts["contacts"]
        assert workspace.contacts.count(include_archived=True) == 3
    finally:
        workspace.close()


def test_progress_is_reported_up_to_the_whole(backups: Backups) -> None:
    seen: list[tuple[int, int]] = []
    backups.create(progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_a_cancelled_backup_leaves_nothing(backups: Backups) -> None:
    def cancel(done: int, total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        backups.create(progress=cancel)
    assert list(backups.folder.iterdir()) == []
    assert backups.list() == []


def test_a_damaged_database_gives_no_backup(backups: Backups, database: Path) -> None:
    overwrite_middle(database)
    with pytest.raises(DeskBridgeError, match="damaged"):
        backups.create()
    assert backups.list() == []
    assert list(backups.folder.iterdir()) == []


def test_there_is_nothing_to_back_up_without_a_database(db_path: Path, noon: FixedClock) -> None:
    with pytest.raises(DeskBridgeError, match="no database"):
        Backups.for_database(db_path, noon).create()
    assert not db_path.exists()


def test_a_backup_to_a_chosen_file_or_folder_is_verified_and_not_rotated(
    backups: Backups, tmp_path: Path
) -> None:
    chosen = tmp_path / "usb-stick"
    chosen.mkdir()
    into_folder = backups.create(to=chosen)
    into_file = backups.create(to=chosen / "mine.sqlite3")
    assert into_folder.path.parent == chosen
    assert into_file.path == chosen / "mine.sqlite3"
    assert counts(into_file.path)["contacts"] == 305
    assert sorted(p.name for p in chosen.iterdir()) == sorted(
        [into_folder.path.name, "mine.sqlite3"]
    )
    assert backups.list() == []
    with pytest.raises(DeskBridgeError, match="already exists"):
        backups.create(to=chosen / "mine.sqlite3")


# --- listing and rotation ---------------------------------------------------------------------


def test_list_is_newest_first_and_only_verified(backups: Backups, noon: FixedClock) -> None:
    first = backups.create(AUTOMATIC)
    noon.moment += timedelta(hours=1)
    second = backups.create()
    (backups.folder / "deskbridge-unfinished.sqlite3").write_bytes(b"half a copy")
    (backups.folder / ".deskbridge-x.sqlite3.123.partial").write_bytes(b"a dead copy")
    assert backups.list() == [second, first]
    assert backups.latest() == second
    assert isinstance(second, BackupInfo) and second.counts["contacts"] == 305


def test_same_second_backups_get_their_own_names(backups: Backups) -> None:
    one, two = backups.create(), backups.create()
    assert one.path != two.path
    assert len(backups.list()) == 2


def test_unfinished_leftovers_are_removed_once_they_are_old(backups: Backups) -> None:
    kept = backups.create()
    fresh = backups.folder / ".deskbridge-fresh.sqlite3.1.partial"
    stale = backups.folder / ".deskbridge-stale.sqlite3.2.partial"
    unverified = backups.folder / "deskbridge-unverified.sqlite3"
    orphan = backups.folder / "deskbridge-gone.sqlite3.json"
    for leftover in (fresh, stale, unverified, orphan):
        leftover.write_text("{}")
    for leftover in (stale, unverified, orphan):
        age(leftover, 3600)
    removed = backups.rotate()
    assert set(removed) == {stale, unverified, orphan}
    assert fresh.exists()  # perhaps a copy in progress elsewhere
    assert backups.list() == [kept]


def test_rotation_over_months_of_backups_keeps_a_bounded_history(
    backups: Backups, noon: FixedClock
) -> None:
    start = noon.moment = datetime(2026, 1, 1, 9, 0)
    restore_point = None
    for day in range(0, 330, 3):
        for hour in (9, 15):
            noon.moment = start + timedelta(days=day, hours=hour - 9)
            backups.create(AUTOMATIC)
        if day == 30:
            restore_point = backups.create(BEFORE_RESTORE)
    listed = backups.list()
    rotated = [info for info in listed if info.reason != BEFORE_RESTORE]
    assert len(rotated) <= MOST_KEPT
    assert len(rotated) < 2 * len(range(0, 330, 3))
    assert listed[0].taken_at == noon.moment  # the newest is always there
    assert {info.taken_at.date() for info in rotated} >= {
        (noon.moment - timedelta(days=days)).date() for days in range(0, 12 * 3, 3)
    }
    assert restore_point in listed  # "before restore" copies are never rotated away
    on_disk = {p.name for p in backups.folder.iterdir()}
    assert on_disk == {i.path.name for i in listed} | {i.path.name + ".json" for i in listed}


def test_automatic_backups_are_due_at_first_and_then_when_changed_every_half_hour() -> None:
    last = datetime(2026, 11, 23, 9, 0)
    assert timedelta(minutes=30) == AUTOMATIC_INTERVAL
    assert automatic_backup_due(None, changed_since_last=False, now=last)
    assert not automatic_backup_due(last, changed_since_last=False, now=last + timedelta(days=3))
    assert not automatic_backup_due(last, True, last + timedelta(minutes=29, seconds=59))
    assert automatic_backup_due(last, True, last + timedelta(minutes=30))


# --- restoring --------------------------------------------------------------------------------


def contact_names(path: Path, clock: FixedClock) -> set[str]:
    workspace = Workspace.open(str(path), clock)
    try:
        return {c.full_name for c in workspace.contacts.list(limit=10_000, include_archived=True)}
    finally:
        workspace.close()


def notes_written_before_the_crash(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        query = "SELECT count(*) FROM contacts WHERE notes = 'written just before a crash'"
        return int(connection.execute(query).fetchone()[0])
    finally:
        connection.close()


def test_restore_brings_back_the_backup_and_keeps_the_current_database(
    backups: Backups, database: Path, clock: FixedClock
) -> None:
    backup = backups.create()
    workspace = Workspace.open(str(database), clock)
    try:
        workspace.contacts.add("Zed Afterwards")
    finally:
        workspace.close()
    leave_a_crashed_write_ahead_log(database)  # an -wal of the old file must not be replayed
    kept = backups.restore(backup.path)
    assert counts(database) == counts(backup.path)
    assert "Zed Afterwards" not in contact_names(database, clock)
    workspace = Workspace.open(str(database), clock)
    try:
        hits = workspace.search("Okafor")
        assert [h.title for h in hits if h.kind == "contact"] == ["Ben Okafor"]
    finally:
        workspace.close()
    assert kept is not None
    previous = next(info for info in backups.list() if info.path == kept)
    assert previous.reason == BEFORE_RESTORE
    assert previous.counts["contacts"] == backup.counts["contacts"] + 1
    assert "Zed Afterwards" in contact_names(kept, clock)
    assert notes_written_before_the_crash(kept) == previous.counts["contacts"]
    assert notes_written_before_the_crash(database) == 0  # the old -wal was not replayed
    assert mode(database) == 0o600
    assert not [p for p in database.parent.iterdir() if p.name.endswith(".partial")]


def test_restoring_over_a_damaged_database_keeps_the_damaged_file_aside(
    backups: Backups, database: Path, clock: FixedClock
) -> None:
    backup = backups.create()
    truncate(database)
    damaged = database.read_bytes()
    kept = backups.restore(backup.path)
    assert kept is not None and kept.parent == database.parent
    assert kept.name.startswith("deskbridge.damaged-")
    assert kept.read_bytes() == damaged
    assert set(PEOPLE) <= contact_names(database, clock)


def test_restoring_where_the_database_is_missing(backups: Backups, database: Path) -> None:
    backup = backups.create()
    database.unlink()
    assert backups.restore(backup.path) is None
    assert counts(database) == counts(backup.path)


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (overwrite_middle, "damaged"),
        (truncate, "damaged"),
        (lambda path: path.write_text("not a database at all\n" * 50), "not a DeskBridge database"),
        (lambda path: set_revision(path, "9999"), "newer DeskBridge"),
    ],
    ids=["garbage", "truncated", "text", "newer"],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    backups: Backups, database: Path, damage: object, words: str
) -> None:
    backup = backups.create().path
    damage(backup)  # type: ignore[operator]
    before = Snapshot.of(database)
    with pytest.raises(DeskBridgeError, match=words):
        backups.restore(backup)
    assert Snapshot.of(database) == before
    assert len(backups.list()) == 1  # no "before restore" copy either


def test_a_missing_backup_or_the_database_itself_is_refused(
    backups: Backups, database: Path
) -> None:
    with pytest.raises(DeskBridgeError, match="no backup"):
        backups.restore(database.with_name("nope.sqlite3"))
    with pytest.raises(DeskBridgeError, match="the database itself"):
        backups.restore(database)


def test_restore_waits_for_another_program_to_let_go(backups: Backups, database: Path) -> None:
    backup = backups.create()
    with lock_held_by_another_process(database):
        before = Snapshot.of(database)
        with pytest.raises(DeskBridgeError, match="in use by another program"):
            backups.restore(backup.path)
        assert Snapshot.of(database) == before


def test_a_backup_kept_elsewhere_can_be_restored(
    backups: Backups, database: Path, clock: FixedClock, tmp_path: Path
) -> None:
    backup = backups.create(to=tmp_path / "on-a-usb-stick.sqlite3")
    truncate(database)
    backups.restore(backup.path)
    assert set(PEOPLE) <= contact_names(database, clock)
