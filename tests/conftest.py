"""Shared fixtures: a fresh database file per test and a clock stopped on a known day."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from deskbridge.clock import FixedClock
from deskbridge.workspace import Workspace

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from deskbridge.ui.app_context import AppContext
    from deskbridge.ui.launch import DeskBridgeApp

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data directory (default database, backups) in a folder of the test's own,
    and no database chosen by the environment, so no test touches the user's real data."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.delenv("DESKBRIDGE_DB", raising=False)
    return folder


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "deskbridge.sqlite3"


@pytest.fixture
def workspace(db_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    opened = Workspace.open(str(db_path), clock)
    yield opened
    opened.close()


@pytest.fixture
def app_context(workspace: Workspace, tmp_path: Path, qtbot: QtBot) -> AppContext:
    """What the UI runs on, with jobs run at once (no worker thread) and preferences in a
    file of the test's own, so no test reads or writes the user's settings."""
    from PySide6.QtCore import QSettings

    from deskbridge.ui.app_context import AppContext
    from deskbridge.ui.operations import ChangeHub, ImmediateRunner
    from deskbridge.ui.preferences import Preferences

    settings = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    return AppContext(workspace, ImmediateRunner(), ChangeHub(), Preferences(settings))


@pytest.fixture
def make_app(
    tmp_path: Path, clock: FixedClock, qtbot: QtBot
) -> Iterator[Callable[..., DeskBridgeApp]]:
    """Makes desktop-app controllers on the test's clock and preferences file, with jobs run
    at once and no tray (``options`` override any of that); every one is shut down after."""
    from PySide6.QtCore import QSettings

    from deskbridge.ui.launch import DeskBridgeApp
    from deskbridge.ui.operations import ImmediateRunner
    from deskbridge.ui.preferences import Preferences

    made: list[DeskBridgeApp] = []

    def make(**options: Any) -> DeskBridgeApp:
        settings = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
        chosen: dict[str, Any] = {
            "runner_factory": ImmediateRunner, "clock": clock, "pages": [],
            "tray_available": lambda: False,
        }  # fmt: skip
        app = DeskBridgeApp(Preferences(settings), **(chosen | options))
        made.append(app)
        return app

    yield make
    for app in made:
        if app.window is not None:
            app.window.close_to_tray = None
            app.window.close()
        app.shutdown()


# --- PostgreSQL: one throwaway server per session, a fresh database per test -------------


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A URL for the database ``deskbridge_test`` on a throwaway PostgreSQL server that
    listens only on a unix socket in a temporary directory; stopped and removed at the end.
    Skips, saying why, where the server binaries or psycopg are not installed."""
    import importlib.util

    import postgres_server  # tests/ is on sys.path, as for observations.py

    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed: pip install -e '.[postgres]'")
    try:
        server = postgres_server.start_server()
    except postgres_server.PostgresNotInstalled as reason:
        pytest.skip(str(reason))
    try:
        yield postgres_server.create_database(server.url("postgres"), "deskbridge_test")
    finally:
        server.stop()


_postgres_databases = iter(range(1, 1_000_000))


@pytest.fixture
def fresh_postgres_url(postgres_url: str) -> Iterator[str]:
    """A new, empty database on the session's PostgreSQL server, dropped after the test."""
    import postgres_server

    name = f"deskbridge_t{os.getpid()}_{next(_postgres_databases)}"
    url = postgres_server.create_database(postgres_url, name)
    try:
        yield url
    finally:
        postgres_server.drop_database(postgres_url, name)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Empty the clipboard before Qt goes away: with the offscreen platform, rich data a
    test copied there (a QMimeData) crashes the interpreter's exit, which would turn a green
    run into a failed one. Real platforms hand the data over and are not affected."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()
