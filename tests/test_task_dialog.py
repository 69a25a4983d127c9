"""The task dialog: creating and editing joint tasks as a user would, from the keyboard."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dialog_driver import click_ok
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.records import ContactRecord, PersonRef
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.quick_log_dialog import NO_DUE_DATE
from deskbridge.ui.task_dialog import TaskDialog
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)


def focused() -> QWidget:
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    return target


def open_dialog(qtbot: QtBot, dialog: TaskDialog) -> TaskDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def pick(qtbot: QtBot, dialog: TaskDialog, typed: str) -> None:
    """Type part of a name in the assignees field and take the first suggestion."""
    dialog.assignees.line_edit.setFocus()
    qtbot.keyClicks(dialog.assignees.line_edit, typed)
    assert dialog.assignees.completer.popup().isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def chips(dialog: TaskDialog) -> list[str]:
    return [chosen.label for chosen in dialog.assignees.people()]


def save(qtbot: QtBot, dialog: TaskDialog) -> None:
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def people(workspace: Workspace) -> dict[str, ContactRecord]:
    workspace.departments.add("Marketing")
    workspace.departments.add("Finance")
    long_ago = TODAY - timedelta(days=60)
    return {
        "me": workspace.contacts.add(
            "Mia Marketing", department="Marketing", added_on=long_ago, is_me=True
        ),
        "ana": workspace.contacts.add("Ana Lopez", department="Finance", added_on=long_ago),
    }


def test_a_new_task_goes_to_me_and_a_colleague_in_another_department(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    project = workspace.projects.create("Lead scoring")
    changes: list[frozenset[ChangeKind]] = []
    app_context.hub.changed.connect(changes.append)
    dialog = open_dialog(qtbot, TaskDialog(app_context))

    assert dialog.windowTitle() == "New task"
    assert not dialog.status.isVisibleTo(dialog)
    assert chips(dialog) == ["Mia Marketing (me)"]  # "me" by default
    assert dialog.due.text() == NO_DUE_DATE
    qtbot.keyClicks(dialog.title_edit, "Share the Q3 ROI figures")
    pick(qtbot, dialog, "ana")
    assert chips(dialog) == ["Mia Marketing (me)", "Ana Lopez (Finance)"]
    dialog.project.setCurrentIndex(dialog.project.findText("Lead scoring"))
    dialog.due.setFocus()
    for _ in range(3):  # today, then two days later
        qtbot.keyClick(dialog.due, Qt.Key.Key_Up)
    dialog.priority.setCurrentIndex(dialog.priority.findText("High"))
    qtbot.keyClicks(dialog.notes, "Bring last quarter too")
    save(qtbot, dialog)

    assert dialog.result() == TaskDialog.DialogCode.Accepted
    task = dialog.result_value
    assert task == workspace.tasks.get(task.id)
    assert task.title == "Share the Q3 ROI figures"
    assert task.assignees == (
        PersonRef(people["ana"].id, "Ana Lopez"),
        PersonRef(people["me"].id, "Mia Marketing"),
    )
    assert (task.project_id, task.due_on, task.priority) == (project.id, date(2026, 11, 25), "high")
    assert (task.status, task.notes) == ("todo", "Bring last quarter too")
    assert ChangeKind.TASKS in changes[-1]


def test_errors_show_beside_the_field_and_nothing_is_stored(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    dialog = open_dialog(qtbot, TaskDialog(app_context))
    assert dialog.field_error("title") == ""

    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.field_error("title") == "Must not be empty"
    assert dialog.title_edit.hasFocus()

    qtbot.keyClicks(dialog.title_edit, "Ask Nobody")
    qtbot.keyClicks(dialog.assignees.line_edit, "Zed Nobody")
    click_ok(qtbot, dialog)
    assert dialog.field_error("title") == ""
    assert dialog.field_error("assignees").startswith("Nobody called “Zed Nobody”")
    assert workspace.tasks.list() == []


def test_a_name_typed_but_not_picked_is_resolved(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    dialog = open_dialog(qtbot, TaskDialog(app_context))
    qtbot.keyClicks(dialog.title_edit, "Check the budget")
    dialog.assignees.remove_person(people["me"].id)
    qtbot.keyClicks(dialog.assignees.line_edit, "Ana Lopez")
    click_ok(qtbot, dialog)
    assert dialog.result_value.assignees == (PersonRef(people["ana"].id, "Ana Lopez"),)


def test_fields_given_by_the_caller_fill_the_dialog(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    project = app_context.workspace.projects.create("Webinar")
    dialog = open_dialog(
        qtbot,
        TaskDialog(
            app_context,
            project_id=project.id,
            assignee_ids=[people["ana"].id],
            title="Send the deck",
            notes="From Monday's call",
        ),
    )
    assert dialog.title_edit.text() == "Send the deck"
    assert dialog.notes.toPlainText() == "From Monday's call"
    assert dialog.project.currentText() == "Webinar"
    assert chips(dialog) == ["Ana Lopez (Finance)"]  # the caller's people, not "me"
    save(qtbot, dialog)
    assert dialog.result_value.project_id == project.id


def test_without_me_a_new_task_starts_unassigned(
    qtbot: QtBot, app_context: AppContext, workspace: Workspace
) -> None:
    workspace.contacts.add("Ana Lopez")
    dialog = open_dialog(qtbot, TaskDialog(app_context))
    assert chips(dialog) == []
    assert dialog.project.currentText() == "No project"
    qtbot.keyClicks(dialog.title_edit, "Loose end")
    save(qtbot, dialog)
    assert dialog.result_value.assignees == ()


def test_editing_a_task_to_done_is_a_touch_and_keeps_its_past_due_day(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    ana = people["ana"]
    task = workspace.tasks.create(
        "Late figures", assignee_ids=[ana.id], due_on=date(2026, 11, 10), priority="urgent"
    )
    dialog = open_dialog(qtbot, TaskDialog(app_context, task_id=task.id))

    assert dialog.windowTitle() == "Edit task"
    assert dialog.title_edit.text() == "Late figures"
    assert dialog.due.text() == "10 Nov 2026"  # before today, and still shown
    assert dialog.priority.currentText() == "Urgent"
    assert dialog.status.currentText() == "To do"
    assert chips(dialog) == ["Ana Lopez (Finance)"]
    assert workspace.contacts.get(ana.id).last_touch_on is None

    dialog.status.setCurrentIndex(dialog.status.findText("Done"))
    dialog.title_edit.setText("Late figures, sent")
    save(qtbot, dialog)

    saved = workspace.tasks.get(task.id)
    assert (saved.title, saved.status, saved.due_on) == (
        "Late figures, sent",
        "done",
        date(2026, 11, 10),
    )
    assert saved.completed_at == datetime(2026, 11, 23, 9, 0)
    assert workspace.contacts.get(ana.id).last_touch_on == TODAY


def test_clearing_the_due_day_of_a_task(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    task = app_context.workspace.tasks.create("Task", due_on=date(2026, 11, 30))
    dialog = open_dialog(qtbot, TaskDialog(app_context, task_id=task.id))
    dialog.due.setDate(dialog.due.minimumDate())
    assert dialog.due.text() == NO_DUE_DATE
    save(qtbot, dialog)
    assert app_context.workspace.tasks.get(task.id).due_on is None


def test_a_refused_status_change_shows_above_the_buttons(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    task = workspace.tasks.complete(workspace.tasks.create("Done deal").id)
    dialog = open_dialog(qtbot, TaskDialog(app_context, task_id=task.id))
    dialog.status.setCurrentIndex(dialog.status.findText("Cancelled"))
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "reopen it before cancelling it" in dialog.general_error.text()
    assert workspace.tasks.get(task.id) == task
