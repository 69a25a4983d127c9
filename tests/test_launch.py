"""The app controller: opening, refusing a broken file, switching databases, tray and quit."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.clock import FixedClock
from deskbridge.database_health import Diagnosis, WayOut
from deskbridge.ui import launch
from deskbridge.ui.launch import (
    DeskBridgeApp,
    configure_application,
    failure_reason,
    run_app,
    shown_location,
)
from deskbridge.ui.operations import ImmediateRunner
from deskbridge.ui.preferences import Preferences
from deskbridge.ui.tray import Tray
from deskbridge.workspace import Workspace


class RecordingRunner(ImmediateRunner):
    """Runs jobs at once and remembers being shut down, like ThreadRunner's shutdown()."""

    made: ClassVar[list[RecordingRunner]] = []

    def __init__(self) -> None:
        self.stopped = False
        RecordingRunner.made.append(self)

    def shutdown(self) -> None:
        self.stopped = True


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_app(
    preferences: Preferences, clock: FixedClock, qtbot: QtBot
) -> Iterator[Callable[..., DeskBridgeApp]]:
    made: list[DeskBridgeApp] = []
    RecordingRunner.made = []

    def make(tray: bool = False, **options: Any) -> DeskBridgeApp:
        app = DeskBridgeApp(
            preferences, runner_factory=RecordingRunner, clock=clock, pages=[],
            tray_available=lambda: tray, **options,
        )  # fmt: skip
        made.append(app)
        return app

    yield make
    for app in made:
        if app.window is not None:
            app.window.close_to_tray = None
            app.window.close()
        app.shutdown()


def database_with(path: Path, clock: FixedClock, *names: str, overdue: bool = False) -> str:
    """A database file holding these contacts (so no welcome), closed again."""
    workspace = Workspace.open(str(path), clock)
    added = clock.today() - timedelta(days=45 if overdue else 0)
    for name in names or ("Someone",):
        workspace.contacts.add(name, added_on=added)
    workspace.close()
    return str(path)


def garbage_file(path: Path) -> bytes:
    data = b"this is not a database\x00\x01\x02" * 40
    path.write_bytes(data)
    return data


class Answers:
    """Stands in for QMessageBox's static functions: records what was said, answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: Any = None) -> None:
        self.said: list[tuple[str, str]] = []
        self.answer = answer
        for kind in ("critical", "warning", "information", "question"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(self._record(kind)))

    def _record(self, kind: str) -> Callable[..., Any]:
        def record(_parent: object, _title: str, text: str, *rest: object) -> Any:
            self.said.append((kind, text))
            return self.answer if self.answer is not None else QMessageBox.StandardButton.Ok

        return record


# -- opening ----------------------------------------------------------------------------------


def test_a_broken_file_is_refused_clearly_and_nothing_stays_open(
    make_app: Callable[..., DeskBridgeApp], tmp_path: Path, preferences: Preferences
) -> None:
    broken = tmp_path / "broken.sqlite3"
    data = garbage_file(broken)
    asked: list[Diagnosis] = []

    def quit_(diagnosis: Diagnosis) -> WayOut:
        asked.append(diagnosis)
        return WayOut.QUIT

    app = make_app(ask_way_out=quit_)

    assert app.start(str(broken)) is False
    [diagnosis] = asked  # the start-up dialog (tests/test_startup_dialog.py) would show it
    assert str(broken) in diagnosis.message
    assert "is not a DeskBridge database" in diagnosis.message
    assert diagnosis.ways_out == (WayOut.OPEN_ANOTHER, WayOut.CREATE_NEW, WayOut.QUIT)
    assert app.window is None and app.context is None
    assert RecordingRunner.made == []  # no worker was started for it
    assert broken.read_bytes() == data  # not a byte changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.sqlite3"]
    assert preferences.recent_databases == []


def test_after_a_broken_file_the_user_can_open_another(
    make_app: Callable[..., DeskBridgeApp],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    broken = tmp_path / "broken.sqlite3"
    garbage_file(broken)
    good = database_with(tmp_path / "good.sqlite3", clock, "Ana Lopez")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: (good, "")))
    app = make_app(ask_way_out=lambda diagnosis: WayOut.OPEN_ANOTHER)
    assert app.start(str(broken))
    assert app.context is not None and str(app.context.workspace.db.path) == good
    assert app.window is not None and app.window.isVisible()


def test_opening_remembers_recent_databases_newest_first(
    make_app: Callable[..., DeskBridgeApp],
    tmp_path: Path,
    clock: FixedClock,
    preferences: Preferences,
) -> None:
    first = database_with(tmp_path / "first.sqlite3", clock)
    second = database_with(tmp_path / "second.sqlite3", clock)
    app = make_app()
    assert app.start(first)
    assert app.open(second)
    assert app.open(first)
    assert preferences.recent_databases == [first, second]


# -- switching --------------------------------------------------------------------------------


def test_switching_swaps_window_and_workspace_and_closes_the_old_ones(
    make_app: Callable[..., DeskBridgeApp],
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    first = database_with(tmp_path / "first.sqlite3", clock, "Ana Lopez")
    second = database_with(tmp_path / "second.sqlite3", clock, "Bo Chen", "Cy Dune")
    app = make_app()
    assert app.start(first)
    old_window, old_context = app.window, app.context
    assert old_window is not None and old_context is not None
    closed: list[str] = []
    real_close = old_context.workspace.close
    monkeypatch.setattr(
        old_context.workspace, "close", lambda: (closed.append("closed"), real_close())
    )
    finished: list[bool] = []
    app.finished.connect(lambda: finished.append(True))

    old_window.open_database.emit(second)  # File › Open database chose the second file

    assert app.window is not old_window and app.context is not old_context
    assert app.window is not None and app.context is not None
    assert app.window.isVisible()
    assert not old_window.isVisible()
    assert "second.sqlite3" in app.window.windowTitle()
    assert app.context.workspace.contacts.count() == 2
    assert closed == ["closed"]
    assert RecordingRunner.made[0].stopped and not RecordingRunner.made[1].stopped
    assert finished == []  # closing the old window did not end the app


def test_a_file_that_cannot_be_opened_keeps_the_current_database(
    make_app: Callable[..., DeskBridgeApp],
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = database_with(tmp_path / "first.sqlite3", clock, "Ana Lopez")
    broken = tmp_path / "broken.sqlite3"
    garbage_file(broken)
    app = make_app()
    assert app.start(first)
    window, context = app.window, app.context
    assert window is not None and context is not None
    answers = Answers(monkeypatch)

    window.open_database.emit(str(broken))

    [(kind, text)] = answers.said
    assert kind == "warning"
    assert f"{broken} is not a DeskBridge database" in text
    assert f"DeskBridge stays on {first}" in text
    assert app.window is window and app.context is context
    assert window.isVisible()
    assert context.workspace.contacts.count() == 1  # still open and working
    assert not RecordingRunner.made[0].stopped


# -- quitting, the tray, start-up --------------------------------------------------------------


def test_quitting_ends_the_app_and_closes_the_database(
    make_app: Callable[..., DeskBridgeApp], tmp_path: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    app = make_app()
    assert app.start(database_with(tmp_path / "mine.sqlite3", clock))
    assert app.window is not None
    with qtbot.waitSignal(app.finished):
        app.window.close()  # no tray: closing the window quits
    assert RecordingRunner.made[0].stopped
    assert not app.reminders.timer.isActive()


def test_with_stay_in_tray_closing_hides_the_window_and_says_so_once(
    make_app: Callable[..., DeskBridgeApp],
    tmp_path: Path,
    clock: FixedClock,
    preferences: Preferences,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    notes: list[str] = []
    monkeypatch.setattr(Tray, "notify", lambda self, text, title="": notes.append(text))
    preferences.stay_in_tray = True
    app = make_app(tray=True)
    assert app.start(database_with(tmp_path / "mine.sqlite3", clock))
    window = app.window
    assert window is not None and app.tray is not None
    finished: list[bool] = []
    app.finished.connect(lambda: finished.append(True))

    window.close()
    assert not window.isVisible()
    assert finished == []
    assert notes == [launch.STILL_RUNNING]
    assert preferences.told_about_tray

    app.tray.open_action.trigger()
    assert window.isVisible()
    window.close()
    assert notes == [launch.STILL_RUNNING]  # told once is enough

    app.tray.quit_action.trigger()
    assert finished == [True]


def test_without_stay_in_tray_closing_quits_even_with_a_tray(
    make_app: Callable[..., DeskBridgeApp], tmp_path: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    app = make_app(tray=True)
    assert app.start(database_with(tmp_path / "mine.sqlite3", clock))
    assert app.window is not None
    with qtbot.waitSignal(app.finished):
        app.window.close()


def test_start_minimised_hides_to_the_tray_or_minimises(
    make_app: Callable[..., DeskBridgeApp],
    tmp_path: Path,
    clock: FixedClock,
    preferences: Preferences,
) -> None:
    preferences.start_minimised = True
    location = database_with(tmp_path / "mine.sqlite3", clock)
    in_tray = make_app(tray=True)
    assert in_tray.start(location)
    assert in_tray.window is not None and not in_tray.window.isVisible()
    in_tray.shutdown()

    no_tray = make_app(tray=False)
    assert no_tray.start(location)
    assert no_tray.window is not None and no_tray.window.isMinimized()


def test_without_a_tray_the_start_up_reminder_shows_in_the_window(
    make_app: Callable[..., DeskBridgeApp], tmp_path: Path, clock: FixedClock
) -> None:
    app = make_app(tray=False)
    location = database_with(tmp_path / "mine.sqlite3", clock, "Ana Lopez", overdue=True)
    assert app.start(location)
    assert app.banner is not None and app.window is not None
    assert app.banner.isVisible()
    assert app.banner.text() == "Overdue: Ana Lopez"
    assert app.banner.window() is app.window


def test_with_a_tray_reminders_go_to_the_tray(
    make_app: Callable[..., DeskBridgeApp],
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes: list[str] = []
    monkeypatch.setattr(Tray, "notify", lambda self, text, title="": notes.append(text))
    app = make_app(tray=True)
    assert app.start(database_with(tmp_path / "mine.sqlite3", clock, "Ana Lopez", overdue=True))
    assert notes == ["Overdue: Ana Lopez"]
    assert app.banner is None
    assert app.tray is not None and app.tray.count == 1


# -- the application object and entry points ----------------------------------------------------


def test_configure_application_names_the_app_and_leaves_quitting_to_the_controller(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    style = qapp.style().name()
    quits = qapp.quitOnLastWindowClosed()
    try:
        configure_application(qapp)
        assert qapp.applicationName() == "DeskBridge"
        assert qapp.organizationName() == "DeskBridge"
        assert qapp.desktopFileName() == "io.github.deskbridge.DeskBridge"
        assert not qapp.windowIcon().isNull()
        assert not qapp.quitOnLastWindowClosed()
        assert qapp.style().name() == style  # the desktop's own style, not forced
    finally:
        qapp.setQuitOnLastWindowClosed(quits)


def test_run_app_returns_1_when_no_database_was_opened(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    monkeypatch.setattr(DeskBridgeApp, "start", lambda self, location=None: False)
    quits = qapp.quitOnLastWindowClosed()
    try:
        assert run_app("/nowhere/at/all.sqlite3") == 1
    finally:
        qapp.setQuitOnLastWindowClosed(quits)


def test_the_gui_entry_point_is_the_command_line_without_a_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from deskbridge.cli import main as cli

    monkeypatch.setattr(cli, "main", lambda: 7)
    assert launch.main() == 7


def test_errors_read_as_the_user_needs_them() -> None:
    from deskbridge.errors import DatabaseOpenError

    class Wrapped(Exception):
        orig = Exception("file is not a database\nmore details")

    assert failure_reason(Wrapped("(sqlite3.DatabaseError) noise")) == "file is not a database"
    assert failure_reason(DatabaseOpenError("made by a newer DeskBridge")) == (
        "made by a newer DeskBridge"
    )
    assert shown_location("/tmp/x.sqlite3") == "/tmp/x.sqlite3"
    assert shown_location("postgresql://ana:secret@db.example/deskbridge") == (
        "postgresql://ana:***@db.example/deskbridge"
    )
