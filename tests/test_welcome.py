"""First run: the welcome for an empty database, "me", and the demo organisation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from dialog_driver import when_shown
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from deskbridge import paths
from deskbridge.clock import FixedClock
from deskbridge.demo import fill_demo
from deskbridge.ui import demo_builder, main_window
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.demo_builder import DemoBuild
from deskbridge.ui.launch import DeskBridgeApp
from deskbridge.ui.welcome_dialog import WelcomeChoice, WelcomeDialog
from deskbridge.workspace import Workspace

DEMO_TEST_CONTACTS = 30


@pytest.fixture
def demo_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo database goes into the test's folder, and it is small."""
    path = tmp_path / "data" / "demo.sqlite3"
    monkeypatch.setattr(paths, "demo_database_path", lambda: path)
    monkeypatch.setattr(main_window, "demo_database_path", lambda: path)
    monkeypatch.setattr(demo_builder, "DEMO_CONTACTS", DEMO_TEST_CONTACTS)
    return path


def welcome(app_context: AppContext, qtbot: QtBot) -> WelcomeDialog:
    dialog = WelcomeDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def start_own(dialog: WelcomeDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_start_own_network_creates_me_and_a_new_department(
    app_context: AppContext, qtbot: QtBot
) -> None:
    dialog = welcome(app_context, qtbot)
    qtbot.keyClicks(dialog.name, "Mara Jensen")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.department.lineEdit(), "Brand Studio")
    start_own(dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice is WelcomeChoice.OWN_NETWORK
    workspace = app_context.workspace
    me = workspace.contacts.me()
    assert me is not None
    assert me.full_name == "Mara Jensen"
    assert me.department == "Brand Studio"
    assert [d.name for d in workspace.departments.list()] == ["Brand Studio"]
    assert not workspace.is_new()


def test_a_suggested_department_can_be_picked_and_blank_means_none(
    app_context: AppContext, qtbot: QtBot
) -> None:
    dialog = welcome(app_context, qtbot)
    assert dialog.department.findText("Marketing") > 0
    qtbot.keyClicks(dialog.name, "Mara Jensen")
    start_own(dialog)
    me = app_context.workspace.contacts.me()
    assert me is not None and me.department is None
    assert app_context.workspace.departments.list() == []


def test_an_existing_department_is_reused_whatever_its_case(
    app_context: AppContext, qtbot: QtBot
) -> None:
    app_context.workspace.departments.add("Marketing")
    dialog = welcome(app_context, qtbot)
    qtbot.keyClicks(dialog.name, "Mara Jensen")
    dialog.department.setEditText("marketing")
    start_own(dialog)
    me = app_context.workspace.contacts.me()
    assert me is not None and me.department == "Marketing"
    assert len(app_context.workspace.departments.list()) == 1


def test_an_empty_name_shows_a_message_beside_it_and_saves_nothing(
    app_context: AppContext, qtbot: QtBot
) -> None:
    dialog = welcome(app_context, qtbot)
    qtbot.keyClicks(dialog.name, "   ")
    qtbot.keyClicks(dialog.department.lineEdit(), "Marketing")
    start_own(dialog)
    assert dialog.isVisible()
    assert dialog.field_error("name") == "Please type your name"
    assert dialog.choice is None
    assert app_context.workspace.is_new()


def test_a_too_long_name_leaves_no_department_behind(app_context: AppContext, qtbot: QtBot) -> None:
    dialog = welcome(app_context, qtbot)
    dialog.name.setText("x" * 201)
    dialog.department.setEditText("Marketing")
    start_own(dialog)
    assert "200" in dialog.field_error("name")
    assert app_context.workspace.is_new()


def test_exploring_the_demo_fills_a_separate_file_and_leaves_this_one_empty(
    app_context: AppContext, qtbot: QtBot, demo_path: Path, clock: FixedClock
) -> None:
    dialog = welcome(app_context, qtbot)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice is WelcomeChoice.DEMO
    assert dialog.demo_location == str(demo_path)
    assert app_context.workspace.is_new()
    demo = Workspace.open(str(demo_path), clock)
    try:
        assert demo.contacts.count(include_archived=True) == DEMO_TEST_CONTACTS + 1  # and "me"
        assert demo.contacts.me() is not None
    finally:
        demo.close()


def build_in_this_thread(path: Path, clock: FixedClock, cancel_at: str | None) -> DemoBuild:
    build = DemoBuild(path, clock, DEMO_TEST_CONTACTS)

    def maybe_cancel(step: str, _fraction: float) -> None:
        if step == cancel_at:
            build.cancel()

    build.progress.connect(maybe_cancel)
    build.run()  # the thread's body, here, so the test decides when Cancel is pressed
    return build


def test_cancelling_the_demo_build_leaves_no_file(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "demo.sqlite3"
    build = build_in_this_thread(path, clock, cancel_at="writing contacts")
    assert build.cancelled
    assert build.error is None
    assert not path.exists()
    assert list(tmp_path.glob("demo.sqlite3*")) == []

    finished = build_in_this_thread(path, clock, cancel_at=None)
    assert not finished.cancelled
    assert path.exists()


def test_an_existing_demo_is_opened_as_it_is(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "demo.sqlite3"
    made = Workspace.open(str(path), clock)
    fill_demo(made.db, today=clock.today(), now=clock.now(), contacts=12)
    made.close()
    build = build_in_this_thread(path, clock, cancel_at=None)
    assert build.error is None and not build.cancelled
    again = Workspace.open(str(path), clock)
    try:
        assert again.contacts.count(include_archived=True) == 12 + 1
    finally:
        again.close()


# -- the app decides when to welcome --------------------------------------------------------


def test_an_empty_database_is_welcomed_and_the_user_starts_their_own(
    make_app: Callable[[], DeskBridgeApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def answer(dialog: WelcomeDialog) -> None:
        dialog.name.setText("Mara Jensen")
        start_own(dialog)

    shown = when_shown(monkeypatch, WelcomeDialog, answer)
    app = make_app()
    assert app.start(str(tmp_path / "mine.sqlite3"))
    assert len(shown) == 1
    assert app.context is not None and app.window is not None
    me = app.context.workspace.contacts.me()
    assert me is not None and me.full_name == "Mara Jensen"
    assert "DEMO" not in app.window.windowTitle()


def test_a_database_with_contacts_is_not_welcomed(
    make_app: Callable[[], DeskBridgeApp],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    location = tmp_path / "made-by-deskbridge-demo.sqlite3"
    made = Workspace.open(str(location), clock)
    fill_demo(made.db, today=clock.today(), now=clock.now(), contacts=12)
    made.close()
    shown = when_shown(monkeypatch, WelcomeDialog, lambda dialog: None)
    app = make_app()
    assert app.start(str(location))
    assert shown == []
    assert app.window is not None


def test_closing_the_welcome_opens_the_empty_database_and_welcomes_again_next_time(
    make_app: Callable[[], DeskBridgeApp], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown = when_shown(monkeypatch, WelcomeDialog, lambda dialog: dialog.reject())
    location = str(tmp_path / "mine.sqlite3")
    first = make_app()
    assert first.start(location)
    assert first.window is not None and first.context is not None
    assert first.context.workspace.is_new()
    first.window.quit()
    second = make_app()
    assert second.start(location)
    assert len(shown) == 2


def test_choosing_the_demo_switches_the_app_to_the_demo_database(
    make_app: Callable[[], DeskBridgeApp],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_path: Path,
    qtbot: QtBot,
) -> None:
    shown = when_shown(monkeypatch, WelcomeDialog, lambda dialog: dialog.demo_button.click())
    mine = tmp_path / "mine.sqlite3"
    app = make_app()
    assert app.start(str(mine))
    assert len(shown) == 1
    assert app.window is not None and app.context is not None
    assert app.context.workspace.db.path == demo_path
    assert "DEMO" in app.window.windowTitle()
    assert app.context.workspace.contacts.count(include_archived=True) == DEMO_TEST_CONTACTS + 1
    assert app.preferences.recent_databases[:2] == [str(demo_path), str(mine)]

    # The user's own database stayed empty: the welcome comes back when it is opened.
    shown_again = when_shown(monkeypatch, WelcomeDialog, lambda dialog: dialog.reject())
    assert app.open(str(mine))
    assert len(shown_again) == 1
    assert "DEMO" not in app.window.windowTitle()
