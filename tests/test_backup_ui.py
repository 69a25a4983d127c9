"""Backups in the window: Back up now, the status bar's "Last backup", automatic backups on
their schedule, and Restore from backup through the app."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dialog_driver import answer_questions, when_shown
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.backups import BackupInfo, Backups
from deskbridge.changes import ChangeKind
from deskbridge.clock import FixedClock
from deskbridge.store.database import Database
from deskbridge.ui import backup_actions
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.auto_backup import AutoBackup
from deskbridge.ui.backup_dialog import RestoreDialog, counts_text
from deskbridge.ui.backup_status import NO_BACKUP, BackupStatus, last_backup_text, moment_text
from deskbridge.ui.launch import DeskBridgeApp
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.operations import ChangeHub, ImmediateRunner
from deskbridge.workspace import Workspace


class Said:
    """Records QMessageBox.information/warning instead of showing them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[tuple[str, str]] = []
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(self._record(kind)))

    def _record(self, kind: str) -> Callable[..., Any]:
        def record(_parent: object, _title: str, text: str, *_rest: object) -> Any:
            self.texts.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return record


def fill(workspace: Workspace, *names: str, meetings: int = 0) -> None:
    ids = [workspace.contacts.add(name).id for name in names]
    for number in range(meetings):
        workspace.interactions.log(ids[:1], f"Coffee {number + 1}")


def window_for(context: AppContext, qtbot: QtBot) -> MainWindow:
    window = MainWindow(context, pages=[])
    qtbot.addWidget(window)
    return window


# -- the words --------------------------------------------------------------------------------


def test_the_last_backup_reads_as_a_person_says_it() -> None:
    now = datetime(2026, 11, 23, 16, 0)
    assert moment_text(datetime(2026, 11, 23, 14, 5), now) == "today 14:05"
    assert moment_text(datetime(2026, 11, 22, 9, 30), now) == "yesterday 09:30"
    assert moment_text(datetime(2026, 11, 2, 8, 0), now) == "2 Nov 08:00"
    assert moment_text(datetime(2025, 12, 31, 23, 59), now) == "31 Dec 2025 23:59"
    assert last_backup_text(None, now) == NO_BACKUP == "No backup yet"
    counts = {"contacts": 150, "interactions": 2340, "requests": 0, "tasks": 1}
    assert counts_text(counts) == "150 contacts, 2,340 interactions, 1 task"


# -- Back up now ------------------------------------------------------------------------------


def test_back_up_now_makes_a_verified_backup_and_the_status_shows_it(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(app_context.workspace, "Ana Lopez", "Bo Chen", meetings=3)
    window = window_for(app_context, qtbot)
    actions = window.backup_actions
    assert actions.status.text() == "No backup yet"
    assert actions.back_up_action in window.file_menu.actions()
    said = Said(monkeypatch)

    actions.back_up_action.trigger()
    qtbot.waitUntil(lambda: bool(said.texts), timeout=10_000)  # on a thread of its own

    [(kind, text)] = said.texts
    assert kind == "information"
    assert text.startswith("Backed up: 2 contacts, 3 interactions (verified)")
    [info] = Backups.for_database(Path(str(app_context.workspace.db.path)), FixedClock(
        app_context.workspace.clock.now())).list()  # fmt: skip
    assert info.reason == "manual" and str(info.path) in text
    with sqlite3.connect(info.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM contacts").fetchone() == (2,)
    assert actions.status.text() == "Last backup: today 09:00"
    assert not actions.status.failed
    assert actions.back_up_action.isEnabled()
    assert window.statusBar().currentMessage() == "Backed up; the copy was checked and is good."


def test_a_server_database_leaves_backups_to_the_server(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a PostgreSQL workspace looks like to the window: no database file.
    monkeypatch.setattr(Database, "path", property(lambda self: None))
    window = window_for(app_context, qtbot)
    actions = window.backup_actions
    for action in (actions.back_up_action, actions.restore_action):
        assert not action.isEnabled()
        assert "PostgreSQL server" in action.toolTip()
    assert actions.status.isHidden()
    assert actions.start_automatic(0) is None


# -- automatic backups ------------------------------------------------------------------------


class ThreadNoting(Backups):
    """Real backups that note which thread made them."""

    threads: list[str]

    def create(self, *args: Any, **kwargs: Any) -> BackupInfo:
        self.threads.append(threading.current_thread().name)
        return super().create(*args, **kwargs)


@pytest.fixture
def noting_backups(workspace: Workspace, clock: FixedClock) -> Iterator[ThreadNoting]:
    fill(workspace, "Ana Lopez")
    path = workspace.db.path
    assert path is not None
    backups = ThreadNoting.for_database(Path(path), clock)
    assert isinstance(backups, ThreadNoting)
    backups.threads = []
    yield backups


def test_automatic_backups_at_start_then_only_after_a_change_and_30_minutes(
    noting_backups: ThreadNoting, clock: FixedClock, qtbot: QtBot
) -> None:
    hub = ChangeHub()
    status = BackupStatus()
    qtbot.addWidget(status)
    auto = AutoBackup(noting_backups, clock, hub, status)  # its own thread, as in the app

    auto.start(delay_ms=0)
    qtbot.waitUntil(lambda: len(noting_backups.list()) == 1 and not auto.running)
    assert noting_backups.threads[0].startswith("deskbridge-side")  # not GUI, not the worker
    assert noting_backups.latest() is not None
    assert noting_backups.list()[0].reason == "automatic"
    assert status.text() == "Last backup: today 09:00"

    def minutes_later(minutes: int) -> int:
        clock.moment += timedelta(minutes=minutes)
        auto.check()  # what the minute timer does
        qtbot.waitUntil(lambda: not auto.running)
        return len(noting_backups.list())

    assert minutes_later(40) == 1  # nothing changed: no new backup, however long
    hub.changed.emit(frozenset({ChangeKind.CONTACTS}))
    assert minutes_later(10) == 2  # 50 minutes since the last one, and a change
    hub.changed.emit(frozenset({ChangeKind.CONTACTS}))
    assert minutes_later(10) == 2  # changed, but only 10 minutes since
    assert minutes_later(19) == 2
    assert minutes_later(1) == 3  # 30 minutes
    assert status.text() == "Last backup: today 10:20"
    auto.stop()
    assert minutes_later(120) == 3


def test_a_failed_automatic_backup_warns_in_the_status_bar_not_in_a_dialog(
    tmp_path: Path, clock: FixedClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    gone = Backups(tmp_path / "gone.sqlite3", tmp_path / "backups", clock)
    status = BackupStatus()
    qtbot.addWidget(status)
    auto = AutoBackup(gone, clock, ChangeHub(), status, runner=ImmediateRunner())
    failures: list[str] = []
    auto.failed.connect(failures.append)

    auto.back_up()

    assert failures and "there is no database at" in failures[0]
    assert status.failed
    assert status.text() == "Backup failed · No backup yet"
    assert "failed: there is no database at" in status.toolTip()
    assert not status.icon().isNull()
    assert said.texts == []
    assert auto.changed  # tried again at the next due check


# -- Restore from backup ----------------------------------------------------------------------


def test_the_restore_dialog_says_when_there_are_no_backups(
    app_context: AppContext, qtbot: QtBot
) -> None:
    path = app_context.workspace.db.path
    assert path is not None
    dialog = RestoreDialog(
        Backups.for_database(Path(path), app_context.workspace.clock), datetime(2026, 11, 23, 9)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    assert dialog.empty.title.text() == "No backups yet"
    assert not dialog.restore_button.isVisible()


def test_restore_lists_backups_with_counts_and_puts_the_chosen_one_back(
    make_app: Callable[[], DeskBridgeApp],
    db_path: Path,
    clock: FixedClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backup_actions, "START_DELAY_MS", 60 * 60 * 1000)  # not during the test
    workspace = Workspace.open(str(db_path), clock)
    fill(workspace, "Ana Lopez", meetings=1)
    backups = Backups.for_database(db_path, clock)
    clock.moment = datetime(2026, 11, 22, 17, 45)
    backups.create("manual")
    fill(workspace, "Bo Chen", "Cy Dune")
    clock.moment = datetime(2026, 11, 23, 9, 0)
    backups.create("automatic")
    fill(workspace, "Di Evans")
    workspace.close()

    app = make_app()
    assert app.start(str(db_path))
    window = app.window
    assert window is not None and app.context is not None
    assert app.context.workspace.contacts.count() == 4
    assert window.backup_actions.status.text() == "Last backup: today 09:00"
    seen: list[list[str]] = []

    def choose_the_older(dialog: RestoreDialog) -> None:
        table = dialog.table
        for row in range(table.rowCount()):
            items = [table.item(row, column) for column in range(table.columnCount())]
            seen.append([item.text() if item is not None else "" for item in items])
        table.selectRow(1)
        dialog.restore_button.click()

    when_shown(monkeypatch, RestoreDialog, choose_the_older)
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    said = Said(monkeypatch)

    window.backup_actions.restore_action.trigger()

    assert seen == [
        ["today 09:00", "Automatic", "3", "1", "0", "0", "0", "0", seen[0][-1]],
        ["yesterday 17:45", "Back up now", "1", "1", "0", "0", "0", "0", seen[1][-1]],
    ]
    assert seen[0][-1].endswith("KiB")
    [question] = asked
    assert "Go back to the backup from yesterday 17:45 (1 contact, 1 interaction)?" in question
    assert "The database as it is now is kept in the backups folder first" in question
    # The app closed the database, restored, reopened it in a fresh window.
    assert app.window is not window and app.window is not None and app.window.isVisible()
    assert not window.isVisible()
    assert app.context is not None
    assert [c.full_name for c in app.context.workspace.contacts.list()] == ["Ana Lopez"]
    [(kind, text)] = said.texts
    assert kind == "information"
    assert text.startswith("Restored the backup from yesterday 17:45 (1 contact, 1 interaction).")
    before = [info for info in backups.list() if info.reason == "before restore"]
    assert len(before) == 1 and str(before[0].path) in text
    assert before[0].counts["contacts"] == 4  # nothing the user had is lost
