"""The command palette (Ctrl+K) and the "/" key, through the real main window and views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.ui.goals_view import GoalsView
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.meetings_view import MeetingsView
from deskbridge.ui.projects_view import ProjectsView
from deskbridge.ui.requests_view import RequestsView
from deskbridge.ui.tasks_view import TasksView
from deskbridge.workspace import Workspace

CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass
class Known:
    priya: int
    ben: int
    task: int
    meeting: int


@pytest.fixture
def known(workspace: Workspace) -> Known:
    workspace.departments.add("Purchasing")
    priya = workspace.contacts.add(
        "Priya Natarajan", department="Purchasing", strengths="supplier negotiation, tenders"
    )
    ben = workspace.contacts.add("Ben Okafor", strengths="payroll")
    # Other meetings on other days and the same day: the right one must be selected.
    for day in (date(2026, 11, 2), date(2026, 10, 1)):
        workspace.interactions.log([ben.id], "Payroll sync", occurred_on=day)
    meeting = workspace.interactions.log(
        [priya.id, ben.id], "Freight rebate review", occurred_on=date(2026, 10, 1)
    )
    workspace.interactions.log([ben.id], "Weekly sync", occurred_on=date(2026, 11, 20))
    workspace.tasks.create("Tally the workshop costs")
    task = workspace.tasks.create("Draft supplier scorecard", notes="Include carbon metrics")
    workspace.tasks.complete(task.id)  # done: hidden from the default tab
    return Known(priya.id, ben.id, task.id, meeting.id)


def open_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("Today")
    return window


def press_ctrl_k(qtbot: QtBot, window: MainWindow) -> QLineEdit:
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_K, CTRL)
    palette = window.command_palette
    assert palette.isVisible()
    assert palette.edit.hasFocus()
    return palette.edit


def listed(window: MainWindow) -> list[tuple[str, str, str, str]]:
    return [(r.kind, r.title, r.detail, r.shortcut) for r in window.command_palette.rows()]


# --- finding things -------------------------------------------------------------------------


def test_a_prefix_of_a_strength_finds_the_contact_and_enter_opens_it(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "negot")
    assert listed(window) == [
        ("Contact", "Priya Natarajan", "Purchasing · supplier negotiation, tenders", "")
    ]
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not window.command_palette.isVisible()
    contacts = window.current_page()
    assert isinstance(contacts, ContactsView)
    assert contacts.detail.contact_id == known.priya
    assert contacts.detail.name_label.text() == "Priya Natarajan"


def test_a_done_task_opens_in_tasks_selected(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "scorec")
    assert listed(window) == [("Task", "Draft supplier scorecard", "Done", "")]
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    tasks = window.current_page()
    assert isinstance(tasks, TasksView)
    assert tasks.selected_task_id() == known.task


def test_a_meeting_opens_in_meetings_selected_among_that_days_meetings(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "rebate")
    assert listed(window) == [
        (
            "Meeting",
            "Freight rebate review",
            "2026-10-01 · Meeting · with Ben Okafor, Priya Natarajan",
            "",
        )
    ]
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    meetings = window.current_page()
    assert isinstance(meetings, MeetingsView)
    assert meetings.selected_interaction_id() == known.meeting
    shown = [meetings.model.row(n).summary for n in range(meetings.model.rowCount())]
    assert sorted(shown) == ["Freight rebate review", "Payroll sync"]  # 1 October only


def test_title_matches_come_first_and_commands_before_all(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "pay")
    assert [(kind, title) for kind, title, _, _ in listed(window)] == [
        ("Meeting", "Payroll sync"),
        ("Meeting", "Payroll sync"),
        ("Contact", "Ben Okafor"),  # only his strengths say "payroll"
    ]
    edit.clear()
    qtbot.keyClicks(edit, "ta")
    kinds = [kind for kind, _, _, _ in listed(window)]
    assert kinds[0] == "Command" and "Task" in kinds
    assert kinds == sorted(kinds, key=lambda kind: kind != "Command")


def selected_in(window: MainWindow, title: str) -> int | None:
    """The id the view titled ``title`` shows as chosen."""
    page = window.current_page()
    assert page.title == title
    if isinstance(page, ContactsView):
        return page.filters.shown.department_id
    if isinstance(page, RequestsView):
        return page.selected_request_id()
    if isinstance(page, GoalsView):
        goal = page.selected_goal()
        return goal.id if goal is not None else None
    if isinstance(page, ProjectsView):
        return page.selected_project_id()
    raise AssertionError(title)


@pytest.mark.parametrize(
    ("typed", "kind", "view"),
    [
        ("purch", "Department", "Contacts"),  # the department's people
        ("tariff", "Request", "Requests"),
        ("onboard", "Goal", "Goals"),
        ("atlas", "Project", "Projects"),
    ],
)
def test_other_kinds_open_in_their_views(
    qtbot: QtBot, app_context: AppContext, workspace: Workspace, typed: str, kind: str, view: str
) -> None:
    department = workspace.departments.add("Purchasing")
    ben = workspace.contacts.add("Ben Okafor", department="Purchasing")
    ids = {
        "Department": department.id,
        "Request": workspace.requests.ask(ben.id, "Tariff sheet").id,
        "Goal": workspace.goals.create("Cut onboarding time", metric_name="days", target=10).id,
        "Project": workspace.projects.create("Atlas CRM migration").id,
    }
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, typed)
    assert [row[0] for row in listed(window)] == [kind]
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert selected_in(window, view) == ids[kind]


def test_nothing_found_says_so(qtbot: QtBot, app_context: AppContext, known: Known) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "zzqx")
    assert listed(window) == []
    assert window.command_palette.message.isVisible()
    assert window.command_palette.message.text() == "Nothing matches “zzqx”."


# --- commands ---------------------------------------------------------------------------------


def test_empty_box_lists_every_menu_command_with_its_shortcut(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = open_window(qtbot, app_context)
    press_ctrl_k(qtbot, window)
    rows = listed(window)
    assert all(kind == "Command" for kind, _, _, _ in rows)
    titles = [title for _, title, _, _ in rows]
    for page in window.pages:
        assert page.title in titles
    everyday = ["New task…", "Ask for input…", "New contact…", "New department…"]
    everyday += ["New project…", "New shared goal…", "Preferences…", "Keyboard shortcuts"]
    assert set(everyday) <= set(titles)
    assert ("Command", "Quick log…", "Edit", "Ctrl+L") in rows
    assert ("Command", "Goals", "View", "Ctrl+8") in rows
    assert ("Command", "Start weekly review", "View", "Ctrl+R") in rows
    assert ("Command", "Weekly digest…", "View", "Ctrl+Shift+D") in rows
    assert "Command palette…" not in titles  # it is open already
    assert titles[0] == "Quick log…"  # the everyday commands before File's


def test_a_menu_entry_added_later_is_a_command_too(qtbot: QtBot, app_context: AppContext) -> None:
    window = open_window(qtbot, app_context)
    ran: list[str] = []
    extra = window.file_menu.addAction("Print everything…")
    extra.triggered.connect(lambda: ran.append("print"))
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "print")
    assert listed(window)[0] == ("Command", "Print everything…", "File", "")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert ran == ["print"]
    assert not window.command_palette.isVisible()


def test_enter_on_goals_shows_the_goals_view(qtbot: QtBot, app_context: AppContext) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "goals")
    assert listed(window)[0][:2] == ("Command", "Goals")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.current_page().title == "Goals"


def test_up_and_down_choose_what_enter_runs(qtbot: QtBot, app_context: AppContext) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "view")  # the View menu's entries, matched by the menu's name
    titles = [title for _, title, _, _ in listed(window)]
    assert titles[:3] == ["Today", "Contacts", "Departments"]
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up):
        qtbot.keyClick(edit, key)
    current = window.command_palette.current_row()
    assert current is not None and current.title == "Contacts"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.current_page().title == "Contacts"


def test_escape_closes_and_gives_the_focus_back(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    contacts = window.show_page("Contacts")
    assert isinstance(contacts, ContactsView)
    table = contacts.table
    table.setFocus()
    assert table.hasFocus()
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "goals")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert not window.command_palette.isVisible()
    assert window.current_page().title == "Contacts"  # nothing ran
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_K, CTRL)
    assert window.command_palette.edit.text() == ""  # opens afresh
    qtbot.keyClick(window.command_palette.edit, Qt.Key.Key_K, CTRL)  # Ctrl+K again closes
    assert not window.command_palette.isVisible()


def test_clicking_elsewhere_closes_it(qtbot: QtBot, app_context: AppContext) -> None:
    window = open_window(qtbot, app_context)
    press_ctrl_k(qtbot, window)
    window.sidebar.setFocus(Qt.FocusReason.MouseFocusReason)
    assert not window.command_palette.isVisible()


class GreedyLineEdit(QLineEdit):
    """A text field that claims every key combination, as some platforms' fields claim
    Ctrl+K (delete to the end of the line)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)


def test_ctrl_k_opens_the_palette_from_a_text_field_that_claims_it(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = open_window(qtbot, app_context)
    field = GreedyLineEdit(window.current_page())
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_K, CTRL)
    assert window.command_palette.isVisible()


def test_the_palette_menu_entry_and_shortcuts_list(qtbot: QtBot, app_context: AppContext) -> None:
    window = open_window(qtbot, app_context)
    assert window.palette_action.text() == "Command &palette…"
    assert window.palette_action.shortcut().toString() == "Ctrl+K"
    window.palette_action.trigger()
    assert window.command_palette.isVisible()
    from deskbridge.ui.main_window import SHORTCUTS

    assert {"Ctrl+K", "/"} <= {keys for keys, _ in SHORTCUTS}


# --- searching through the database worker -------------------------------------------------


class HeldRunner:
    """A database worker that runs each job only when the test says so."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def submit(
        self, job: Callable[[], Any], done: Callable[[Any], None], failed: Callable[..., None]
    ) -> None:
        self.jobs.append((job, done))

    def run_next(self) -> None:
        job, done = self.jobs.pop(0)
        done(job())


def test_fast_typing_runs_one_search_at_a_time_and_shows_the_last(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    held = HeldRunner()
    app_context.runner = held
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "tend")
    assert len(held.jobs) == 1  # "s" is being searched; the rest waits for its answer
    held.run_next()  # the answer for "s" is dropped: the box says "tend" by now
    assert len(held.jobs) == 1
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # before the answer: runs when it comes
    assert window.command_palette.isVisible()
    held.run_next()
    assert not window.command_palette.isVisible()
    contacts = window.current_page()
    assert isinstance(contacts, ContactsView)
    assert contacts.detail.contact_id == known.priya  # the only hit for "tend"
    assert held.jobs == []


# --- "/" focuses the current view's filter --------------------------------------------------


def slash(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Slash, Qt.KeyboardModifier.NoModifier)


def test_slash_focuses_the_contacts_filter_and_types_inside_it(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    contacts = window.show_page("Contacts")
    assert isinstance(contacts, ContactsView)
    contacts.table.setFocus()
    slash(qtbot, contacts.table)
    assert contacts.filters.text.hasFocus()
    qtbot.keyClicks(contacts.filters.text, "a/b")
    assert contacts.filters.text.text() == "a/b"


@pytest.mark.parametrize(
    ("title", "field"),
    [("Tasks", "text_filter"), ("Requests", "text_filter"), ("Meetings", "contact_filter")],
)
def test_slash_focuses_the_filter_of_other_views(
    qtbot: QtBot, app_context: AppContext, known: Known, title: str, field: str
) -> None:
    window = open_window(qtbot, app_context)
    page = window.show_page(title)
    window.sidebar.setFocus()
    slash(qtbot, window.sidebar)
    box = getattr(page, field)
    assert box.hasFocus()
    qtbot.keyClicks(box, "x/y")
    assert box.text() == "x/y"


def test_slash_on_a_view_without_a_filter_points_to_the_palette(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = open_window(qtbot, app_context)
    window.show_page("Goals")
    window.sidebar.setFocus()
    slash(qtbot, window.sidebar)
    assert window.sidebar.hasFocus()
    assert window.statusBar().currentMessage() == (
        "Goals has no filter. Ctrl+K finds anyone or anything."
    )


def test_slash_in_the_palette_is_typed(qtbot: QtBot, app_context: AppContext) -> None:
    window = open_window(qtbot, app_context)
    edit = press_ctrl_k(qtbot, window)
    slash(qtbot, edit)
    assert edit.text() == "/"
    assert window.command_palette.isVisible()


def test_the_shadow_surrounds_the_palette_while_it_is_open(
    qtbot: QtBot, app_context: AppContext, known: Known
) -> None:
    window = open_window(qtbot, app_context)
    palette = window.command_palette
    edit = press_ctrl_k(qtbot, window)
    qtbot.keyClicks(edit, "goals")
    assert palette.shadow.isVisible()
    assert palette.shadow.geometry().contains(palette.geometry())
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert not palette.shadow.isVisible()
