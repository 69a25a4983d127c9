"""The Tasks view through its real widgets: tabs and their counts, marking done (a touch),
reopening, editing, deleting, empty states, and a follow-up task from a meeting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dialog_driver import answer_questions, click_ok, when_shown
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.records import ContactRecord, PersonRef
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.meetings_view import MeetingsView
from deskbridge.ui.task_dialog import TaskDialog
from deskbridge.ui.tasks_model import (
    COL_ASSIGNEES,
    COL_DUE,
    COL_PROJECT,
    COL_STATUS,
    COL_TITLE,
    relative_due,
)
from deskbridge.ui.tasks_view import EMPTY, NO_MATCHES, NO_ME, TasksView
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)
MINE, WAITING, OVERDUE, ALL = range(4)


@pytest.fixture
def people(workspace: Workspace) -> dict[str, ContactRecord]:
    for name in ("Marketing", "Finance", "IT"):
        workspace.departments.add(name)
    long_ago = TODAY - timedelta(days=60)
    return {
        "me": workspace.contacts.add(
            "Mia Marketing", department="Marketing", added_on=long_ago, is_me=True
        ),
        "ana": workspace.contacts.add("Ana Lopez", department="Finance", added_on=long_ago),
        "bo": workspace.contacts.add("Bo Chen", department="IT", added_on=long_ago),
    }


def make_view(qtbot: QtBot, context: AppContext) -> TasksView:
    view = TasksView(context)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # the table's keys are shortcuts of the window
    return view


def titles(view: TasksView) -> list[str]:
    model = view.model
    return [model.index(row, COL_TITLE).data() for row in range(model.rowCount())]


def tab_labels(view: TasksView) -> list[str]:
    return [view.tabs.tabText(i).replace("&", "") for i in range(view.tabs.count())]


def on_tab(view: TasksView, tab: int) -> list[str]:
    view.tabs.setCurrentIndex(tab)
    return titles(view) if view.stack.currentWidget() is view.table else []


def select(qtbot: QtBot, view: TasksView, title: str) -> None:
    row = titles(view).index(title)
    view.table.setFocus()
    view.table.selectRow(row)


def pick(qtbot: QtBot, dialog: TaskDialog, typed: str) -> None:
    dialog.assignees.line_edit.setFocus()
    qtbot.keyClicks(dialog.assignees.line_edit, typed)
    popup = dialog.assignees.completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_tasks_land_in_mine_and_waiting_on_others_with_counts_on_the_tabs(
    qtbot: QtBot,
    app_context: AppContext,
    people: dict[str, ContactRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = make_view(qtbot, app_context)
    assert tab_labels(view) == ["Mine (0)", "Waiting on others (0)", "Overdue (0)", "All (0)"]
    assert view.empty_label.text() == EMPTY[view.current_filter().view]

    def shared(dialog: TaskDialog) -> None:
        qtbot.keyClicks(dialog.title_edit, "Align lead scoring")
        pick(qtbot, dialog, "Ana")  # Finance, with me (the default)
        click_ok(qtbot, dialog)

    def theirs(dialog: TaskDialog) -> None:
        qtbot.keyClicks(dialog.title_edit, "Fix the CRM export")
        dialog.assignees.remove_person(people["me"].id)
        pick(qtbot, dialog, "Bo")  # IT only
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, TaskDialog, shared)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    when_shown(monkeypatch, TaskDialog, theirs)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)

    assert tab_labels(view) == ["Mine (1)", "Waiting on others (2)", "Overdue (0)", "All (2)"]
    assert on_tab(view, MINE) == ["Align lead scoring"]
    assert view.model.index(0, COL_ASSIGNEES).data() == "Mia Marketing (me), Ana Lopez"
    assert sorted(on_tab(view, WAITING)) == ["Align lead scoring", "Fix the CRM export"]
    assert on_tab(view, OVERDUE) == []
    assert view.empty_label.text() == EMPTY[view.current_filter().view]
    qtbot.keyClick(view, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # the tab's mnemonic
    assert view.tabs.currentIndex() == WAITING
    assert sorted(on_tab(view, ALL)) == ["Align lead scoring", "Fix the CRM export"]
    assert view.summary.text() == "2 open tasks"


def test_without_me_mine_says_how_to_choose_and_everything_assigned_waits(
    qtbot: QtBot, app_context: AppContext, workspace: Workspace
) -> None:
    ana = workspace.contacts.add("Ana Lopez")
    workspace.tasks.create("Ask Ana", assignee_ids=[ana.id])
    view = make_view(qtbot, app_context)
    assert on_tab(view, MINE) == []
    assert view.empty_label.text() == NO_ME
    assert not view.clear_button.isVisibleTo(view)
    assert on_tab(view, WAITING) == ["Ask Ana"]

    workspace.contacts.set_me(workspace.contacts.add("Mia Me").id)
    app_context.hub.changed.emit(frozenset(TasksView.shows))  # preferences changed "me"
    assert on_tab(view, MINE) == []
    assert view.empty_label.text() == EMPTY[view.current_filter().view]


def test_the_overdue_tab_shows_late_tasks_in_red(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    workspace.tasks.create("Late", assignee_ids=[people["ana"].id], due_on=date(2026, 11, 20))
    workspace.tasks.create("Soon", assignee_ids=[people["ana"].id], due_on=date(2026, 11, 26))
    view = make_view(qtbot, app_context)
    assert tab_labels(view)[OVERDUE] == "Overdue (1)"
    assert on_tab(view, OVERDUE) == ["Late"]
    due = view.model.index(0, COL_DUE)
    assert due.data() == "3 days overdue"
    assert due.data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#c62828")
    assert on_tab(view, ALL) == ["Late", "Soon"]
    assert view.model.index(1, COL_DUE).data() == "in 3 days"
    assert view.model.index(1, COL_DUE).data(Qt.ItemDataRole.ForegroundRole) is None


def test_space_marks_done_a_touch_and_reopen_takes_it_back(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    ana = people["ana"]
    workspace.tasks.create("Send figures", assignee_ids=[ana.id])
    view = make_view(qtbot, app_context)
    assert not view.toolbar.isVisibleTo(view)  # nothing of mine: nothing to act on
    view.tabs.setCurrentIndex(WAITING)
    assert workspace.contacts.get(ana.id).last_touch_on is None
    assert view.selected_task_id() is not None  # the first row, ready for the keys
    assert view.done_action.isEnabled()
    assert not view.reopen_action.isEnabled()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Space)

    assert workspace.contacts.get(ana.id).last_touch_on == TODAY
    assert titles(view) == []
    assert tab_labels(view)[WAITING] == "Waiting on others (0)"

    view.show_done.setChecked(True)
    assert titles(view) == ["Send figures"]
    assert view.model.index(0, COL_STATUS).data() == "Done 23 Nov"
    select(qtbot, view, "Send figures")
    assert not view.done_action.isEnabled()
    assert view.reopen_action.isEnabled()
    view.reopen_action.trigger()

    assert workspace.contacts.get(ana.id).last_touch_on is None
    assert view.model.index(0, COL_STATUS).data() == "To do"
    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert workspace.contacts.get(ana.id).last_touch_on == TODAY


def test_enter_edits_the_selected_task(
    qtbot: QtBot,
    app_context: AppContext,
    people: dict[str, ContactRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace = app_context.workspace
    project = workspace.projects.create("Webinar")
    task = workspace.tasks.create("Draft", assignee_ids=[people["me"].id])
    view = make_view(qtbot, app_context)

    def rename(dialog: TaskDialog) -> None:
        assert dialog.title_edit.text() == "Draft"
        dialog.title_edit.setText("Draft the agenda")
        dialog.project.setCurrentIndex(dialog.project.findText("Webinar"))
        click_ok(qtbot, dialog)

    opened = when_shown(monkeypatch, TaskDialog, rename)
    select(qtbot, view, "Draft")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert len(opened) == 1
    assert titles(view) == ["Draft the agenda"]
    assert view.model.index(0, COL_PROJECT).data() == "Webinar"
    assert workspace.tasks.get(task.id).project_id == project.id
    assert view.selected_task_id() == task.id


def test_delete_asks_first(
    qtbot: QtBot,
    app_context: AppContext,
    people: dict[str, ContactRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace = app_context.workspace
    workspace.tasks.create("Keep me")
    workspace.tasks.create("Drop me")
    view = make_view(qtbot, app_context)
    asked = answer_questions(
        monkeypatch, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes
    )
    view.tabs.setCurrentIndex(ALL)
    select(qtbot, view, "Drop me")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert titles(view) == ["Keep me", "Drop me"]
    view.delete_action.trigger()
    assert titles(view) == ["Keep me"]
    assert [t.title for t in workspace.tasks.list()] == ["Keep me"]
    assert "“Drop me”" in asked[0]


def test_filters_narrow_and_clear(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    project = workspace.projects.create("Webinar")
    workspace.tasks.create("Book the room", project_id=project.id)
    workspace.tasks.create("Budget check", assignee_ids=[people["ana"].id])
    view = make_view(qtbot, app_context)
    view.tabs.setCurrentIndex(ALL)

    view.project_filter.setCurrentIndex(view.project_filter.findText("Webinar"))
    assert titles(view) == ["Book the room"]
    assert tab_labels(view)[ALL] == "All (1)"
    assert view.summary.text() == "1 open task matches"
    qtbot.keyClicks(view.text_filter, "zzz")
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == NO_MATCHES
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert sorted(titles(view)) == ["Book the room", "Budget check"]
    qtbot.keyClicks(view.text_filter, "lopez")  # an assignee's name
    assert titles(view) == ["Budget check"]


def test_the_list_pages_and_sorts_in_sql(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    for n in range(450):
        workspace.tasks.create(f"Task {n:03}", due_on=TODAY + timedelta(days=n % 30))
    view = make_view(qtbot, app_context)
    view.tabs.setCurrentIndex(ALL)
    assert tab_labels(view)[ALL] == "All (450)"
    assert view.model.rowCount() == 200
    assert view.model.canFetchMore()
    view.table.scrollToBottom()
    assert view.model.rowCount() == 400

    view.table.horizontalHeader().setSortIndicator(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(view)[:2] == ["Task 449", "Task 448"]
    assert view.model.rowCount() == 200

    view.show_task(workspace.tasks.page(limit=1).rows[0].id)  # not among the first 200
    assert view.selected_task_id() == workspace.tasks.page(limit=1).rows[0].id


def test_show_task_finds_a_done_task_from_another_tab(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    done = workspace.tasks.complete(workspace.tasks.create("Finished").id)
    workspace.tasks.create("Mine", assignee_ids=[people["me"].id])
    view = make_view(qtbot, app_context)
    assert view.tabs.currentIndex() == MINE
    view.show_task(done.id)
    assert view.tabs.currentIndex() == ALL
    assert view.show_done.isChecked()
    assert view.selected_task_id() == done.id


def test_a_follow_up_task_from_a_meeting(
    qtbot: QtBot,
    app_context: AppContext,
    people: dict[str, ContactRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace = app_context.workspace
    ana, bo = people["ana"], people["bo"]
    project = workspace.projects.create("CRM clean-up")
    workspace.interactions.log(
        [ana.id, bo.id],
        "CRM data quality",
        kind="meeting",
        occurred_on=date(2026, 11, 20),
        outcome="Bo exports the duplicates\nAna checks the invoices",
        project_id=project.id,
    )
    meetings = MeetingsView(app_context)
    qtbot.addWidget(meetings)
    meetings.show()
    assert not meetings.follow_up_button.isEnabled()
    meetings.table.selectRow(0)
    assert meetings.follow_up_button.isEnabled()

    def accept(dialog: TaskDialog) -> None:
        assert dialog.title_edit.text() == "Bo exports the duplicates"
        assert dialog.notes.toPlainText() == ("From the meeting on 2026-11-20: CRM data quality")
        assert dialog.project.currentText() == "CRM clean-up"
        click_ok(qtbot, dialog)

    opened = when_shown(monkeypatch, TaskDialog, accept)
    qtbot.mouseClick(meetings.follow_up_button, Qt.MouseButton.LeftButton)

    task = opened[0].result_value
    assert task.assignees == (PersonRef(ana.id, "Ana Lopez"), PersonRef(bo.id, "Bo Chen"))
    assert task.project_id == project.id
    tasks = make_view(qtbot, app_context)
    assert on_tab(tasks, WAITING) == ["Bo exports the duplicates"]


def test_relative_due_reads_naturally() -> None:
    assert relative_due(TODAY, TODAY) == "today"
    assert relative_due(TODAY + timedelta(days=1), TODAY) == "tomorrow"
    assert relative_due(TODAY - timedelta(days=1), TODAY) == "yesterday"
    assert relative_due(TODAY + timedelta(days=3), TODAY) == "in 3 days"
    assert relative_due(TODAY - timedelta(days=5), TODAY) == "5 days overdue"
    assert relative_due(date(2027, 1, 5), TODAY) == "5 Jan 2027"
