"""The main window: sidebar, menus, status bar, title, and the layout it remembers."""

from __future__ import annotations

from typing import ClassVar

import pytest
from dialog_driver import when_shown
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.ui import main_window as main_window_module
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.page import Page
from deskbridge.ui.preferences import Preferences


class FakePage(Page):
    shows: ClassVar[frozenset[ChangeKind]] = frozenset({ChangeKind.CONTACTS})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.refreshed = 0
        QVBoxLayout(self).addWidget(QLabel(self.title))

    def refresh(self) -> None:
        self.refreshed += 1


def fake(title: str) -> type[FakePage]:
    return type(f"{title}Page", (FakePage,), {"title": title})


PAGES = [fake("Today"), fake("Contacts"), fake("Departments"), fake("Meetings")]


def make_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context, pages=PAGES)
    qtbot.addWidget(window)
    window.show()
    return window


def test_sidebar_lists_the_views_and_switches_between_them(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = make_window(qtbot, app_context)
    titles = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert titles == ["Today", "Contacts", "Departments", "Meetings"]
    assert window.current_page().title == "Today"
    window.sidebar.setCurrentRow(2)
    assert window.current_page().title == "Departments"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().title == "Meetings"


def test_title_and_status_bar_name_the_database_and_its_counts(
    qtbot: QtBot, app_context: AppContext
) -> None:
    workspace = app_context.workspace
    workspace.departments.add("Finance")
    workspace.contacts.add("Ana Lopez", department="Finance")
    window = make_window(qtbot, app_context)
    assert workspace.db.path is not None
    assert window.windowTitle() == f"DeskBridge — {workspace.db.path.name}"
    assert window.counts.toolTip() == str(workspace.db.path)
    assert "1 contacts" in window.counts.text()
    assert "1 departments" in window.counts.text()
    app_context.op(lambda: workspace.contacts.add("Bo Chen")).changes(ChangeKind.CONTACTS).run()
    assert "2 contacts" in window.counts.text()


def test_the_demo_database_is_labelled_in_the_title(
    qtbot: QtBot, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = app_context.workspace.db.path
    monkeypatch.setattr(main_window_module, "demo_database_path", lambda: path)
    window = make_window(qtbot, app_context)
    assert "DEMO" in window.windowTitle()


def test_only_the_visible_page_refreshes_at_once_the_others_when_shown(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = make_window(qtbot, app_context)
    today, contacts = window.pages[0], window.pages[1]
    assert isinstance(today, FakePage) and isinstance(contacts, FakePage)
    app_context.hub.changed.emit(frozenset({ChangeKind.CONTACTS}))
    assert (today.refreshed, contacts.refreshed) == (1, 0)
    app_context.hub.changed.emit(frozenset({ChangeKind.TASKS}))
    assert today.refreshed == 1
    window.show_page("Contacts")
    assert contacts.refreshed == 1


def test_layout_and_last_view_come_back_next_time(
    qtbot: QtBot, app_context: AppContext, tmp_path: object
) -> None:
    window = make_window(qtbot, app_context)
    window.resize(780, 520)  # the offscreen screen is 800 x 600
    window.splitter.setSizes([240, 540])
    window.show_page("Departments")
    window.close()

    again = make_window(qtbot, app_context)
    assert again.current_page().title == "Departments"
    assert again.size().width() == 780
    assert again.splitter.sizes()[0] == 240


def test_closing_hides_to_the_tray_when_asked_and_quit_really_quits(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = make_window(qtbot, app_context)
    window.close_to_tray = lambda: True
    with qtbot.assertNotEmitted(window.quit_requested):
        window.close()
    assert window.isHidden()
    window.show()
    with qtbot.waitSignal(window.quit_requested):
        window.quit()


def test_every_menu_entry_has_a_working_action(qtbot: QtBot, app_context: AppContext) -> None:
    window = make_window(qtbot, app_context)
    menus = {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Help"]
    for menu in menus.values():
        for action in menu.actions():
            if not action.isSeparator() and action.menu() is None:
                assert action.receivers("2triggered(bool)") > 0, action.text()


def test_recent_databases_menu_lists_others_and_opens_them(
    qtbot: QtBot, app_context: AppContext, tmp_path: object
) -> None:
    app_context.preferences.remember_database("/elsewhere/team.sqlite3")
    app_context.preferences.remember_database(str(app_context.workspace.db.path))
    window = make_window(qtbot, app_context)
    window._fill_recent()
    entries = [a for a in window.recent_menu.actions() if a.isEnabled()]
    assert [a.text() for a in entries] == ["/elsewhere/team.sqlite3"]
    with qtbot.waitSignal(window.open_database) as opened:
        entries[0].trigger()
    assert opened.args == ["/elsewhere/team.sqlite3"]


def test_preferences_are_kept_per_machine_in_the_settings_file(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    preferences = Preferences(settings)
    preferences.stay_in_tray = True
    preferences.remember_database("a")
    preferences.remember_database("b")
    preferences.remember_database("a")
    preferences.sync()
    again = Preferences(QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat))
    assert again.stay_in_tray is True
    assert again.recent_databases == ["a", "b"]


def test_the_real_views_route_requests_to_each_other(
    qtbot: QtBot, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskbridge.ui.quick_log_dialog import QuickLogDialog

    workspace = app_context.workspace
    finance = workspace.departments.add("Finance")
    workspace.departments.add("IT")
    ana = workspace.contacts.add("Ana Lopez", department="Finance")
    workspace.contacts.add("Ivo Petrov", department="IT")
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    assert [page.title for page in window.pages] == [
        "Today",
        "Contacts",
        "Departments",
        "Meetings",
        "Requests",
        "Tasks",
        "Projects",
        "Goals",
        "Review",
        "Coverage",
    ]

    window.pages[2].open_department.emit(finance.id)
    contacts = window.current_page()
    assert contacts.title == "Contacts"
    model = contacts.model  # type: ignore[attr-defined]
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Ana Lopez"]

    opened: list[list[int]] = []
    when_shown(
        monkeypatch,
        QuickLogDialog,
        lambda dialog: opened.append(dialog.participants.contact_ids()),
    )
    window.pages[0].quick_log.emit([ana.id])
    assert opened == [[ana.id]]


def test_review_and_coverage_open_from_the_keyboard_and_route_onwards(
    qtbot: QtBot, app_context: AppContext
) -> None:
    workspace = app_context.workspace
    finance = workspace.departments.add("Finance")
    ana = workspace.contacts.add("Ana Lopez", department="Finance")
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(window.sidebar, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    review = window.current_page()
    assert review.title == "Review"
    review.open_contact.emit(ana.id)
    assert window.current_page().title == "Contacts"

    qtbot.keyClick(window.sidebar, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    coverage = window.current_page()
    assert coverage.title == "Coverage"
    coverage.open_department.emit(finance.id)
    contacts = window.current_page()
    assert contacts.title == "Contacts"
    model = contacts.model  # type: ignore[attr-defined]
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Ana Lopez"]


def test_the_weekly_digest_opens_from_the_view_menu(
    qtbot: QtBot, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskbridge.ui.digest_dialog import DigestDialog

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    shown: list[str] = []
    when_shown(monkeypatch, DigestDialog, lambda dialog: shown.append(type(dialog).__name__))
    window.show_digest()
    assert shown == ["DigestDialog"]


def test_a_views_inner_splitter_comes_back_next_time(qtbot: QtBot, app_context: AppContext) -> None:
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.resize(780, 520)  # fits the offscreen screen, so it comes back the same size
    window.splitter.setSizes([140, 640])
    contacts = window.show_page("Contacts")
    inner = contacts.splitter  # type: ignore[attr-defined]
    first = inner.sizes()[0] / sum(inner.sizes())
    inner.setSizes([100, 1000])  # as narrow as the table may be
    wanted = inner.sizes()[0] / sum(inner.sizes())
    window.close()
    again = MainWindow(app_context)
    qtbot.addWidget(again)
    again.show()
    sizes = again.page("Contacts").splitter.sizes()  # type: ignore[attr-defined]
    # The same share of the width (the window may lay out at another width).
    assert sizes[0] / sum(sizes) == pytest.approx(wanted, abs=0.02)
    assert abs(wanted - first) > 0.05  # far from where the pane starts


def test_views_open_each_others_projects_goals_and_requests(
    qtbot: QtBot, app_context: AppContext
) -> None:
    workspace = app_context.workspace
    ana = workspace.contacts.add("Ana Lopez")
    goal = workspace.goals.create("More leads", metric_name="Leads", target=100)
    project = workspace.projects.create("Launch", status="active")
    workspace.projects.link_goal(project.id, goal.id)
    request = workspace.requests.ask(ana.id, "Q3 ROI")
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()

    window.page("Goals").open_project.emit(project.id)
    assert window.current_page().title == "Projects"
    assert window.current_page().selected_project_id() == project.id  # type: ignore[attr-defined]

    window.page("Projects").open_goal.emit(goal.id)
    assert window.current_page().title == "Goals"
    shown_goal = window.current_page().selected_goal()  # type: ignore[attr-defined]
    assert shown_goal is not None and shown_goal.id == goal.id

    window.page("Today").open_request.emit(request.id)
    assert window.current_page().title == "Requests"
    assert window.current_page().selected_request_id() == request.id  # type: ignore[attr-defined]


def test_ctrl_t_opens_the_task_dialog_over_any_view(
    qtbot: QtBot, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskbridge.ui.task_dialog import TaskDialog

    opened = when_shown(monkeypatch, TaskDialog, lambda dialog: None)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for title in ("Contacts", "Goals"):
        window.show_page(title)
        qtbot.keyClick(window.sidebar, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 2
    assert window.current_page().title == "Goals"  # the view stays where it was
