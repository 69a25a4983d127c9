"""The Projects view, driven like a user: start a project across departments, staff it,
plan its tasks on the board, move its status along, link goals, see its meetings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from dialog_driver import answer_questions, click_ok, when_shown
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.member_dialog import MemberDialog
from deskbridge.ui.project_dialog import ProjectDialog
from deskbridge.ui.projects_view import (
    COL_DATES,
    COL_DEPARTMENTS,
    COL_MEMBERS,
    COL_NAME,
    COL_PROGRESS,
    COL_STATUS,
    ProjectsView,
)
from deskbridge.ui.task_board import encode_task
from deskbridge.ui.task_dialog import TaskDialog
from deskbridge.workspace import Workspace


@pytest.fixture
def view(qtbot: QtBot, app_context: AppContext) -> ProjectsView:
    page = ProjectsView(app_context)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


@pytest.fixture
def people(workspace: Workspace) -> dict[str, int]:
    workspace.departments.add("Sales")
    workspace.departments.add("IT")
    return {
        "ana": workspace.contacts.add("Ana Lopez", department="Sales").id,
        "ben": workspace.contacts.add("Ben Okafor", department="IT").id,
    }


def click(qtbot: QtBot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rows(view: ProjectsView) -> list[tuple[str, ...]]:
    model = view.table.model()
    columns = (COL_NAME, COL_STATUS, COL_DEPARTMENTS, COL_MEMBERS, COL_PROGRESS, COL_DATES)
    return [
        tuple(model.index(row, column).data() for column in columns)
        for row in range(model.rowCount())
    ]


def start_project(
    qtbot: QtBot, view: ProjectsView, monkeypatch: pytest.MonkeyPatch, name: str = "Bridge"
) -> None:
    def fill(dialog: ProjectDialog) -> None:
        qtbot.keyClicks(dialog.name, name)
        qtbot.keyClicks(dialog.purpose, "One lead list for Sales and IT.")
        dialog.departments.set_checked("Sales")
        dialog.departments.set_checked("IT")
        dialog.starts.check.setChecked(True)
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, ProjectDialog, fill)
    view.new_project()


def add_member(
    qtbot: QtBot, view: ProjectsView, monkeypatch: pytest.MonkeyPatch, name: str, role: str
) -> None:
    def fill(dialog: MemberDialog) -> None:
        assert dialog.picker is not None
        qtbot.keyClicks(dialog.picker.line_edit, name)
        qtbot.keyClicks(dialog.role, role)
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, MemberDialog, fill)
    view.detail.tabs.setCurrentIndex(1)
    click(qtbot, view.detail.team.add_member_button)


def test_with_no_projects_the_view_invites_the_first(
    qtbot: QtBot, view: ProjectsView, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert view.list_stack.currentWidget() is view.empty
    assert view.empty_title.text() == "No projects yet"
    assert view.detail.stack.currentWidget() is view.detail.empty

    start_project(qtbot, view, monkeypatch)
    assert view.list_stack.currentWidget() is view.table
    assert rows(view) == [
        ("Bridge", "Proposed", "IT, Sales", "0", "No tasks yet", "from 2026-11-23")
    ]
    detail = view.detail
    assert detail.name_label.text() == "Bridge"
    assert detail.status_actions() == ["Start", "Cancel project"]
    assert detail.team.members_stack.currentWidget() is detail.team.members_empty
    assert detail.team.goals_stack.currentWidget() is detail.team.goals_empty
    assert detail.interactions_stack.currentWidget() is detail.interactions_empty
    assert detail.progress_label.text() == "No tasks yet"


def test_the_dialog_keeps_a_bad_project_open_with_the_message_beside_the_field(
    qtbot: QtBot, view: ProjectsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.projects.create("Bridge")
    view.refresh()

    def clash(dialog: ProjectDialog) -> None:
        qtbot.keyClicks(dialog.name, "bridge")
        click_ok(qtbot, dialog)
        assert "already exists" in dialog.field_error("name")
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, "Other")
        dialog.starts.check.setChecked(True)
        dialog.ends.check.setChecked(True)
        dialog.ends.edit.setDate(dialog.starts.edit.date().addDays(-1))
        click_ok(qtbot, dialog)
        assert dialog.field_error("ends on") != ""
        dialog.reject()

    opened = when_shown(monkeypatch, ProjectDialog, clash)
    click(qtbot, view.new_button)
    assert len(opened) == 1
    assert [r[0] for r in rows(view)] == ["Bridge"]


def test_a_team_from_two_departments_with_tasks_across_them(
    qtbot: QtBot,
    view: ProjectsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start_project(qtbot, view, monkeypatch)
    detail = view.detail
    add_member(qtbot, view, monkeypatch, "Ana Lopez", "Sponsor")
    add_member(qtbot, view, monkeypatch, "Ben Okafor", "IT lead")

    model = detail.team.members.model()
    shown = [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]
    assert shown == [("Ana Lopez", "Sales", "Sponsor"), ("Ben Okafor", "IT", "IT lead")]
    assert rows(view)[0][COL_MEMBERS] == "2"

    def new_task(title: str, who: str) -> Callable[[TaskDialog], None]:
        def fill(dialog: TaskDialog) -> None:
            assert dialog.project.currentText() == "Bridge"
            qtbot.keyClicks(dialog.title_edit, title)
            qtbot.keyClicks(dialog.assignees.line_edit, who)
            click_ok(qtbot, dialog)

        return fill

    detail.tabs.setCurrentIndex(0)
    when_shown(monkeypatch, TaskDialog, new_task("Agree lead fields", "Ana Lopez"))
    click(qtbot, detail.board.new_button)
    when_shown(monkeypatch, TaskDialog, new_task("Build the sync", "Ben Okafor"))
    click(qtbot, detail.board.new_button)

    assert detail.board.card_titles("todo") == ["Agree lead fields", "Build the sync"]
    assert rows(view)[0][COL_PROGRESS] == "0/2 tasks"
    assert detail.progress_label.text() == "0/2 tasks"
    tasks = {t.title: t for t in workspace.tasks.list()}
    assert [p.name for p in tasks["Build the sync"].assignees] == ["Ben Okafor"]

    # Done by keyboard: the progress in the list and in the detail follows.
    ctrl = Qt.KeyboardModifier.ControlModifier
    detail.board.select_task(tasks["Build the sync"].id)
    for _ in range(3):
        qtbot.keyClick(detail.board.focusWidget(), Qt.Key.Key_Right, ctrl)
    assert detail.board.card_titles("done") == ["Build the sync"]
    assert rows(view)[0][COL_PROGRESS] == "1/2 tasks"
    assert detail.progress_label.text() == "1/2 tasks"
    assert detail.progress.value() == 1
    assert workspace.contacts.get(people["ben"]).last_touch_on == date(2026, 11, 23)

    # Back by a drop: the progress goes down again.
    drop(detail.board.columns["in_progress"], tasks["Build the sync"].id)
    assert detail.board.card_titles("in_progress") == ["Build the sync"]
    assert rows(view)[0][COL_PROGRESS] == "0/2 tasks"


def drop(column: QWidget, task_id: int) -> None:
    """Release a dragged card over ``column``; the mime data lives as long as the drop,
    as a real drag's does."""
    data = encode_task(task_id)
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    column.dropEvent(event)
    assert event.isAccepted()


def test_enter_on_a_card_opens_the_task_to_edit(
    qtbot: QtBot,
    view: ProjectsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = workspace.projects.create("Bridge")
    task = workspace.tasks.create("Draft", assignee_ids=[people["ana"]], project_id=project.id)
    view.refresh()

    def rename(dialog: TaskDialog) -> None:
        assert dialog.title_edit.text() == "Draft"
        dialog.title_edit.setText("Draft v2")
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, TaskDialog, rename)
    board = view.detail.board
    board.select_task(task.id)
    qtbot.keyClick(board.columns["todo"], Qt.Key.Key_Return)
    assert board.card_titles("todo") == ["Draft v2"]


def test_members_change_role_leave_and_open_their_contact(
    qtbot: QtBot,
    view: ProjectsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = workspace.projects.create("Bridge")
    workspace.projects.add_member(project.id, people["ana"], "Sponsor")
    workspace.projects.add_member(project.id, people["ben"], "IT lead")
    view.refresh()
    detail = view.detail
    detail.tabs.setCurrentIndex(1)
    assert not detail.team.role_button.isEnabled()
    detail.team.members.selectRow(1)
    assert detail.team.remove_member_button.isEnabled()

    def new_role(dialog: MemberDialog) -> None:
        assert dialog.role.text() == "IT lead"
        dialog.role.setText("Architect")
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, MemberDialog, new_role)
    click(qtbot, detail.team.role_button)
    assert workspace.projects.get(project.id).members[1].role == "Architect"

    detail.team.members.setFocus()
    detail.team.members.selectRow(1)
    with qtbot.waitSignal(view.open_contact) as opened:
        qtbot.keyClick(detail.team.members, Qt.Key.Key_Return)
    assert opened.args == [people["ben"]]

    click(qtbot, detail.team.remove_member_button)
    assert [m.contact.name for m in workspace.projects.get(project.id).members] == ["Ana Lopez"]
    assert rows(view)[0][COL_MEMBERS] == "1"


def test_status_moves_through_the_buttons_and_final_ones_leave_the_live_list(
    qtbot: QtBot, view: ProjectsView, workspace: Workspace
) -> None:
    project = workspace.projects.create("Bridge")
    view.refresh()
    detail = view.detail
    buttons = detail.status_buttons

    click(qtbot, buttons["active"])
    assert detail.status_label.text() == "Active"
    assert detail.status_actions() == ["Put on hold", "Mark done", "Cancel project"]
    assert rows(view)[0][COL_STATUS] == "Active"
    click(qtbot, buttons["on_hold"])
    assert detail.status_actions() == ["Resume", "Cancel project"]
    click(qtbot, buttons["active"])
    click(qtbot, buttons["done"])
    assert workspace.projects.get(project.id).status == "done"
    # Done is final and not live: the list says so and offers every project.
    assert view.list_stack.currentWidget() is view.empty
    assert view.empty_title.text() == "No live projects"
    click(qtbot, view.empty_button)
    assert rows(view)[0][:2] == ("Bridge", "Done")
    assert detail.status_actions() == []
    assert detail.status_note.isVisibleTo(detail)
    assert "final" in detail.status_note.text()


def test_a_refused_status_change_shows_the_reason(
    qtbot: QtBot, view: ProjectsView, workspace: Workspace
) -> None:
    project = workspace.projects.create("Bridge")
    view.refresh()
    # Someone else cancels it while this window still offers "Start".
    workspace.projects.set_status(project.id, "cancelled")

    click(qtbot, view.detail.status_buttons["active"])

    assert view.detail.message.isVisibleTo(view.detail)
    assert "cancelled is final" in view.detail.message.text()
    assert workspace.projects.get(project.id).status == "cancelled"


def test_goals_link_unlink_and_open(
    qtbot: QtBot, view: ProjectsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = workspace.projects.create("Bridge")
    goal = workspace.goals.create("Lift margin", metric_name="margin", target=30)
    view.refresh()
    detail = view.detail
    offered: list[list[str]] = []

    def pick(_parent: Any, _title: str, _label: str, items: list[str], *_rest: Any) -> Any:
        offered.append(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    detail.tabs.setCurrentIndex(1)
    click(qtbot, detail.team.link_button)
    assert offered == [["Lift margin"]]
    assert detail.team.goal_titles() == ["Lift margin  (active)"]
    assert workspace.projects.get(project.id).goal_ids == (goal.id,)

    detail.team.goals.setFocus()
    detail.team.goals.setCurrentRow(0)
    with qtbot.waitSignal(view.open_goal) as opened:
        qtbot.keyClick(detail.team.goals, Qt.Key.Key_Return)
    assert opened.args == [goal.id]
    with qtbot.waitSignal(view.open_goal) as opened:
        click(qtbot, detail.team.goal_button)
    assert opened.args == [goal.id]

    click(qtbot, detail.team.unlink_button)
    assert detail.team.goals_stack.currentWidget() is detail.team.goals_empty
    assert workspace.projects.get(project.id).goal_ids == ()


def test_interactions_tagged_to_the_project_appear(
    view: ProjectsView, app_context: AppContext, workspace: Workspace, people: dict[str, int]
) -> None:
    project = workspace.projects.create("Bridge")
    workspace.interactions.log([people["ana"]], "Untagged coffee")
    view.refresh()
    detail = view.detail
    assert detail.interactions_stack.currentWidget() is detail.interactions_empty

    app_context.op(
        lambda: workspace.interactions.log(
            [people["ana"], people["ben"]], "Kick-off", kind="workshop", project_id=project.id
        )
    ).changes(ChangeKind.INTERACTIONS, ChangeKind.CONTACTS).run()

    model = detail.interactions.model()
    assert detail.interactions_stack.currentWidget() is detail.interactions
    assert [model.index(0, c).data() for c in range(4)] == [
        "2026-11-23", "Workshop", "Kick-off", "Ana Lopez, Ben Okafor",
    ]  # fmt: skip
    assert model.rowCount() == 1
    assert detail.tabs.tabText(2) == "&Interactions (1)"


def test_edit_and_delete_a_project(
    qtbot: QtBot,
    view: ProjectsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    department_ids = [d.id for d in workspace.departments.list()]
    project = workspace.projects.create("Bridge", department_ids=department_ids)
    task = workspace.tasks.create("Keep me", assignee_ids=[people["ana"]], project_id=project.id)
    view.refresh()

    def edit(dialog: ProjectDialog) -> None:
        assert sorted(dialog.departments.chosen_ids()) == sorted(department_ids)
        dialog.name.setText("Bridge 2")
        dialog.departments.set_checked("IT", False)
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, ProjectDialog, edit)
    click(qtbot, view.detail.edit_button)
    assert rows(view)[0][:3] == ("Bridge 2", "Proposed", "Sales")

    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert rows(view) == []
    assert view.empty_title.text() == "No projects yet"
    assert view.detail.stack.currentWidget() is view.detail.empty
    assert workspace.tasks.get(task.id).project_id is None


def test_show_project_finds_a_finished_one(view: ProjectsView, workspace: Workspace) -> None:
    live = workspace.projects.create("Live")
    done = workspace.projects.create("Finished", status="active")
    workspace.projects.set_status(done.id, "done")
    view.refresh()
    assert [r[0] for r in rows(view)] == ["Live"]

    view.show_project(done.id)

    assert view.selected_project_id() == done.id
    assert view.detail.name_label.text() == "Finished"
    view.show_project(live.id)
    assert view.detail.name_label.text() == "Live"


def test_log_a_meeting_from_the_project_tags_it_with_the_project(
    view: ProjectsView,
    qtbot: QtBot,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from deskbridge.ui.quick_log_dialog import QuickLogDialog

    project = workspace.projects.create("Launch", status="active")
    view.show_project(project.id)
    detail = view.detail

    def fill(dialog: Any) -> None:
        qtbot.keyClicks(dialog.participants.line_edit, "Ana Lopez")
        dialog.summary.setText("Kick-off with Finance")
        dialog.submit()

    when_shown(monkeypatch, QuickLogDialog, fill)
    detail.tabs.setCurrentIndex(2)
    click(qtbot, detail.log_button)

    logged = workspace.projects.interactions(project.id)
    assert [i.summary for i in logged] == ["Kick-off with Finance"]
    model = detail.interactions.model()
    assert model.rowCount() == 1
