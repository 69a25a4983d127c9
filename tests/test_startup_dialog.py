"""A damaged, locked or unopenable database at start: the dialog says what is wrong and the
ways out work (restore the latest backup, create a new one, try again), never overwriting
the damaged file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from dialog_driver import when_shown
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.backups import Backups
from deskbridge.clock import FixedClock
from deskbridge.database_health import Diagnosis, Problem, WayOut
from deskbridge.errors import DatabaseOpenError
from deskbridge.ui.launch import DeskBridgeApp
from deskbridge.ui.startup_dialog import StartupDialog
from deskbridge.ui.welcome_dialog import WelcomeDialog
from deskbridge.workspace import Workspace


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    def record(_parent: object, _title: str, text: str, *_rest: object) -> Any:
        texts.append(text)
        return QMessageBox.StandardButton.Ok

    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record))
    return texts


def backed_up_then_damaged(db_path: Path, clock: FixedClock, *names: str) -> bytes:
    """A database holding ``names``, backed up yesterday evening, whose first page was then
    overwritten (what a crash mid-write or a bad disk leaves). Returns the damaged bytes."""
    workspace = Workspace.open(str(db_path), clock)
    for name in names:
        workspace.contacts.add(name)
    workspace.close()
    clock.moment = datetime(2026, 11, 22, 18, 30)
    Backups.for_database(db_path, clock).create("automatic")
    clock.moment = datetime(2026, 11, 23, 9, 0)
    data = bytearray(db_path.read_bytes())
    data[:32] = b"\xde\xad\xbe\xef" * 8
    db_path.write_bytes(bytes(data))
    return bytes(data)


def click_when_shown(qtbot: QtBot, way: WayOut, seen: list[StartupDialog]) -> None:
    """Click ``way``'s button on the start-up dialog as soon as it is open (it runs modal)."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StartupDialog):
            QTimer.singleShot(20, click)
            return
        seen.append(dialog)
        qtbot.mouseClick(dialog.buttons[way], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def test_a_corrupt_database_at_start_offers_the_latest_backup_and_opens_it(
    make_app: Callable[..., DeskBridgeApp],
    db_path: Path,
    clock: FixedClock,
    qtbot: QtBot,
    said: list[str],
) -> None:
    damaged = backed_up_then_damaged(db_path, clock, "Ana Lopez", "Bo Chen")
    seen: list[StartupDialog] = []
    click_when_shown(qtbot, WayOut.RESTORE_BACKUP, seen)
    app = make_app()  # the real dialog: the test clicks its button

    assert app.start(str(db_path))

    [dialog] = seen
    assert dialog.diagnosis.problem is Problem.CORRUPT
    assert str(db_path) in dialog.message.text() and "damaged" in dialog.message.text()
    titles = {way: button.text() for way, button in dialog.buttons.items()}
    assert titles[WayOut.RESTORE_BACKUP] == "Restore the backup from yesterday 18:30"
    assert list(titles) == [
        WayOut.RESTORE_BACKUP, WayOut.OPEN_ANOTHER, WayOut.CREATE_NEW, WayOut.QUIT,
    ]  # fmt: skip
    # The app opened with the backup's data.
    assert app.context is not None and app.window is not None and app.window.isVisible()
    assert app.context.workspace.contacts.count() == 2
    [text] = said
    assert text.startswith("Restored the backup from yesterday 18:30 (2 contacts,")
    kept = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name and p.suffix == ".sqlite3"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # not a byte overwritten
    assert f"The damaged file is kept at:\n{kept[0]}" in text


def test_create_new_keeps_the_damaged_file_aside_and_starts_empty(
    make_app: Callable[..., DeskBridgeApp],
    db_path: Path,
    clock: FixedClock,
    said: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    damaged = backed_up_then_damaged(db_path, clock, "Ana Lopez")
    welcomed = when_shown(monkeypatch, WelcomeDialog, lambda dialog: dialog.reject())
    app = make_app(ask_way_out=lambda diagnosis: WayOut.CREATE_NEW)

    assert app.start(str(db_path))

    assert app.context is not None and app.context.workspace.is_new()
    assert len(welcomed) == 1  # a new database is welcomed like any other
    kept = db_path.with_name("deskbridge.damaged-2026-11-23-0900.sqlite3")
    assert kept.read_bytes() == damaged
    [text] = said
    assert f"DeskBridge starts a new, empty database at\n{db_path}" in text
    assert f"The damaged file is kept at:\n{kept}" in text


def test_a_locked_database_can_be_retried_once_the_other_program_lets_go(
    make_app: Callable[..., DeskBridgeApp], db_path: Path, clock: FixedClock
) -> None:
    workspace = Workspace.open(str(db_path), clock)
    workspace.contacts.add("Ana Lopez")
    workspace.close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    asked: list[Diagnosis] = []

    def answer(diagnosis: Diagnosis) -> WayOut:
        asked.append(diagnosis)
        other.execute("ROLLBACK")
        other.close()
        return WayOut.RETRY

    app = make_app(ask_way_out=answer)
    assert app.start(str(db_path))
    [diagnosis] = asked
    assert diagnosis.problem is Problem.LOCKED
    assert WayOut.RETRY in diagnosis.ways_out
    assert app.context is not None and app.context.workspace.contacts.count() == 1


def test_when_opening_fails_anyway_the_reason_is_shown_with_the_ways_out(
    make_app: Callable[..., DeskBridgeApp],
    db_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace = Workspace.open(str(db_path), clock)
    workspace.contacts.add("Ana Lopez")
    workspace.close()
    real_open = Workspace.open
    failures = iter([DatabaseOpenError("the migration to schema 42 failed")])

    def open_once_failing(location: str | None = None, clock: Any = None) -> Workspace:
        for failure in failures:
            raise failure
        return real_open(location, clock)

    monkeypatch.setattr(Workspace, "open", staticmethod(open_once_failing))
    asked: list[Diagnosis] = []

    def retry(diagnosis: Diagnosis) -> WayOut:
        asked.append(diagnosis)
        return WayOut.RETRY

    app = make_app(ask_way_out=retry)

    assert app.start(str(db_path))
    [diagnosis] = asked
    assert diagnosis.message == (f"{db_path} cannot be opened: the migration to schema 42 failed")
    assert diagnosis.ways_out == (WayOut.OPEN_ANOTHER, WayOut.RETRY, WayOut.QUIT)


def test_quit_leaves_everything_as_it_was(
    make_app: Callable[..., DeskBridgeApp], db_path: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    damaged = backed_up_then_damaged(db_path, clock, "Ana Lopez")
    seen: list[StartupDialog] = []
    click_when_shown(qtbot, WayOut.QUIT, seen)
    app = make_app()
    assert app.start(str(db_path)) is False
    assert len(seen) == 1 and app.window is None
    assert db_path.read_bytes() == damaged
    assert not [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
