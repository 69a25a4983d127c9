"""One DeskBridge per database: a second start brings the first window to the front."""

from __future__ import annotations

import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbridge.clock import FixedClock
from deskbridge.ui.launch import DeskBridgeApp, run_app
from deskbridge.ui.operations import ImmediateRunner
from deskbridge.ui.preferences import Preferences
from deskbridge.ui.single_instance import SingleInstance, server_name_for
from deskbridge.workspace import Workspace


@pytest.fixture
def name() -> str:
    return f"deskbridge-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def guards() -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for guard in made:
        guard.release()


def test_a_second_start_finds_the_first_and_asks_it_to_the_front(
    name: str, guards: list[SingleInstance], qtbot: QtBot
) -> None:
    first, second = SingleInstance(name), SingleInstance(name)
    guards += [first, second]
    assert first.claim()
    with qtbot.waitSignal(first.activate, timeout=5000):
        assert not second.claim()
    assert second.server is None  # the second one does not listen: it ends


def test_a_socket_left_by_a_crashed_instance_is_taken_over(
    name: str, guards: list[SingleInstance], qtbot: QtBot
) -> None:
    probe = QLocalServer()
    assert probe.listen(name)
    path = probe.fullServerName()
    probe.close()
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(path)  # the file stays, nobody listens: what a crash leaves
    crashed.close()
    assert Path(path).exists()

    survivor = SingleInstance(name)
    guards.append(survivor)
    assert survivor.claim()  # nobody answered: it removed the stale socket and listens
    later = SingleInstance(name)
    guards.append(later)
    with qtbot.waitSignal(survivor.activate, timeout=5000):
        assert not later.claim()


def test_the_name_follows_the_database_not_the_way_it_was_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    here = server_name_for("mine.sqlite3")
    assert here == server_name_for(str(tmp_path / "mine.sqlite3"))
    assert here != server_name_for(str(tmp_path / "other.sqlite3"))
    assert here.startswith("deskbridge-") and len(here) == len("deskbridge-") + 16


def test_run_app_on_an_open_database_wakes_the_first_and_ends(
    tmp_path: Path,
    guards: list[SingleInstance],
    qapp: QApplication,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    location = str(tmp_path / "mine.sqlite3")
    first = SingleInstance(server_name_for(location))
    guards.append(first)
    assert first.claim()
    quits = qapp.quitOnLastWindowClosed()
    try:
        with qtbot.waitSignal(first.activate, timeout=5000):
            assert run_app(location) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(quits)
    assert capsys.readouterr().out == (
        f"DeskBridge is already open on {location}; brought it to the front\n"
    )
    assert not Path(location).exists()  # the second start never opened the database


def test_the_first_window_comes_out_of_the_tray(
    tmp_path: Path, clock: FixedClock, qtbot: QtBot
) -> None:
    location = str(tmp_path / "mine.sqlite3")
    workspace = Workspace.open(location, clock)
    workspace.contacts.add("Ana Lopez")
    workspace.close()
    settings = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    app = DeskBridgeApp(
        Preferences(settings), runner_factory=ImmediateRunner, clock=clock, pages=[],
        tray_available=lambda: False,
    )  # fmt: skip
    try:
        assert app.start(location)
        window = app.window
        assert window is not None
        window.showMaximized()
        window.hide()  # what closing to the tray does
        app.show_window()
        assert window.isVisible() and window.isMaximized() and not window.isMinimized()
        window.showMinimized()
        app.show_window()
        assert window.isVisible() and not window.isMinimized()
    finally:
        if app.window is not None:
            app.window.close()
        app.shutdown()
