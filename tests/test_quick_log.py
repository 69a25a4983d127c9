"""The quick log, driven from the keyboard as a practised user would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from deskbridge.records import ContactRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.interaction_dialog import NO_PROJECT
from deskbridge.ui.quick_log_dialog import NO_DUE_DATE, QuickLogDialog
from deskbridge.ui.today_view import COL_NAME, TodayView
from deskbridge.workspace import Workspace

NO_KEYS = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    """Where the keyboard goes now: an open completion list first, as on a real screen."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    return target


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_KEYS, times: int = 1
) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def open_dialog(
    qtbot: QtBot, context: AppContext, ids: list[int] | None = None, project_id: int | None = None
) -> QuickLogDialog:
    dialog = QuickLogDialog(context, participant_ids=ids or [], project_id=project_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def chips(dialog: QuickLogDialog) -> list[str]:
    return [chosen.label for chosen in dialog.participants.people()]


def today_names(view: TodayView) -> list[str]:
    model = view.table.model()
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


@pytest.fixture
def people(workspace: Workspace) -> dict[str, ContactRecord]:
    today = workspace.clock.today()
    workspace.departments.add("Finance")
    workspace.departments.add("IT")
    return {
        "ana": workspace.contacts.add(
            "Ana Lopez", department="Finance", added_on=today - timedelta(days=60)
        ),
        "bo": workspace.contacts.add(
            "Bo Chen", department="IT", added_on=today - timedelta(days=45)
        ),
    }


def test_a_coffee_logged_with_the_keyboard_only_takes_the_contact_off_today(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    today_view = TodayView(app_context)
    qtbot.addWidget(today_view)
    today_view.show()
    assert today_names(today_view) == ["Ana Lopez", "Bo Chen"]

    dialog = open_dialog(qtbot, app_context)
    assert focused() is dialog.participants.line_edit
    type_text(qtbot, "an")
    assert dialog.participants.completer.popup().isVisible()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Enter)
    assert chips(dialog) == ["Ana Lopez (Finance)"]
    assert dialog.participants.pending_text() == ""
    assert dialog.isVisible(), "picking a name must not save the dialog"

    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.kind
    type_text(qtbot, "co")
    assert dialog.kind.currentText() == "Coffee"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.when
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.summary
    type_text(qtbot, "Budget for the spring campaign")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = workspace.interactions.with_contact(people["ana"].id)
    assert stored.kind == "coffee"
    assert stored.summary == "Budget for the spring campaign"
    assert stored.occurred_on == workspace.clock.today()
    assert [p.id for p in stored.participants] == [people["ana"].id]
    assert workspace.tasks.list() == []
    assert today_names(today_view) == ["Bo Chen"]


def test_tab_on_a_highlighted_name_picks_it_and_moves_on(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    dialog = open_dialog(qtbot, app_context)
    type_text(qtbot, "ch")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert chips(dialog) == ["Bo Chen (IT)"]
    assert focused() is dialog.kind

    press(qtbot, Qt.Key.Key_Backtab)
    type_text(qtbot, "lop")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert chips(dialog) == ["Bo Chen (IT)", "Ana Lopez (Finance)"]
    press(qtbot, Qt.Key.Key_Backspace)
    assert chips(dialog) == ["Bo Chen (IT)"]


def test_people_chosen_before_start_in_the_summary_and_enter_saves(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    dialog = open_dialog(qtbot, app_context, [people["bo"].id])
    assert chips(dialog) == ["Bo Chen (IT)"]
    assert focused() is dialog.summary
    type_text(qtbot, "Website launch")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.outcome
    type_text(qtbot, "Go live")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "on Monday")
    assert dialog.isVisible(), "Enter in the outcome starts a new line"
    press(qtbot, Qt.Key.Key_Backtab)
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is dialog.when
    press(qtbot, Qt.Key.Key_Down)  # yesterday
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = app_context.workspace.interactions.with_contact(people["bo"].id)
    assert stored.kind == "meeting"
    assert stored.outcome == "Go live\non Monday"
    assert stored.occurred_on == app_context.workspace.clock.today() - timedelta(days=1)


def test_a_follow_up_becomes_a_task_for_the_chosen_person_with_its_due_day(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    today = workspace.clock.today()
    dialog = open_dialog(qtbot, app_context, [people["ana"].id])
    assert [p.id for p in dialog.assignee.people()] == [people["ana"].id]
    type_text(qtbot, "ROI review")
    press(qtbot, Qt.Key.Key_Tab, times=3)  # past the outcome and the project
    assert focused() is dialog.follow_up
    type_text(qtbot, "Send the campaign figures")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.assignee.line_edit
    type_text(qtbot, "bo")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert [p.label for p in dialog.assignee.people()] == ["Bo Chen (IT)"]
    assert focused() is dialog.due
    assert dialog.due.text() == NO_DUE_DATE
    press(qtbot, Qt.Key.Key_Up, times=4)  # today, then three days on
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (task,) = workspace.tasks.list()
    assert task.title == "Send the campaign figures"
    assert [a.id for a in task.assignees] == [people["bo"].id]
    assert task.due_on == today + timedelta(days=3)
    (stored,) = workspace.interactions.with_contact(people["ana"].id)
    assert stored.summary == "ROI review"
    assert dialog.result_value.task == task


def test_the_follow_up_goes_to_me_when_there_is_a_me(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    me = workspace.contacts.add("Mia Me", is_me=True)
    dialog = open_dialog(qtbot, app_context, [people["ana"].id])
    assert [p.id for p in dialog.assignee.people()] == [me.id]
    dialog.participants.setFocus()
    type_text(qtbot, "mi")
    assert dialog.participants.suggestions.rowCount() == 0, "nobody logs a meeting with themself"
    dialog.participants.line_edit.clear()
    dialog.summary.setFocus()
    type_text(qtbot, "Budget")
    press(qtbot, Qt.Key.Key_Tab, times=3)  # past the outcome and the project
    type_text(qtbot, "Book the room")
    press(qtbot, Qt.Key.Key_Return)

    (task,) = workspace.tasks.list()
    assert [a.id for a in task.assignees] == [me.id]
    assert task.due_on is None


def test_an_invalid_follow_up_saves_nothing_and_keeps_what_was_typed(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    dialog = open_dialog(qtbot, app_context, [people["ana"].id])
    type_text(qtbot, "Budget")
    press(qtbot, Qt.Key.Key_Tab, times=3)  # past the outcome and the project
    too_long = "x" * 301
    type_text(qtbot, too_long)
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.field_error("follow-up") == "Is longer than 300 characters"
    assert focused() is dialog.follow_up
    assert dialog.follow_up.text() == too_long
    assert dialog.summary.text() == "Budget"
    assert workspace.interactions.recent() == []
    assert workspace.tasks.list() == []
    assert workspace.contacts.get(people["ana"].id).last_touch_on is None

    dialog.follow_up.clear()
    type_text(qtbot, "Call back")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Nobody Known")
    press(qtbot, Qt.Key.Key_Return)
    assert "Nobody called “Nobody Known”" in dialog.field_error("assignee")
    assert dialog.field_error("follow-up") == ""
    assert workspace.interactions.recent() == []
    assert workspace.tasks.list() == []


def test_no_participants_or_no_summary_are_shown_beside_their_fields(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    dialog = open_dialog(qtbot, app_context)
    press(qtbot, Qt.Key.Key_Tab, times=3)
    type_text(qtbot, "Quarterly numbers")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.field_error("participants") == "Name at least one person"
    assert focused() is dialog.participants.line_edit
    assert workspace.interactions.recent() == []

    type_text(qtbot, "ana")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab, times=3)
    dialog.summary.clear()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.field_error("summary") == "Must not be empty"
    assert dialog.field_error("participants") == ""
    assert chips(dialog) == ["Ana Lopez (Finance)"]
    assert workspace.interactions.recent() == []


def test_a_name_typed_but_not_picked_is_looked_up_on_save(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    workspace.contacts.add("Ana Ruiz", department="IT")
    dialog = open_dialog(qtbot, app_context)
    type_text(qtbot, "Zed")
    press(qtbot, Qt.Key.Key_Tab, times=3)
    type_text(qtbot, "Hello")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.field_error("participants") == (
        "Nobody called “Zed”: pick a name from the list, or add them in Contacts"
    )
    assert dialog.participants.pending_text() == "Zed"

    dialog.participants.line_edit.clear()
    dialog.participants.setFocus()
    type_text(qtbot, "Ana")
    press(qtbot, Qt.Key.Key_Escape)  # close the suggestions, keep the text
    press(qtbot, Qt.Key.Key_Return)
    message = dialog.field_error("participants")
    assert message.startswith("“Ana” could be 2 people:")
    assert "Ana Lopez (Finance)" in message
    assert "Ana Ruiz (IT)" in message
    assert workspace.interactions.recent() == []

    dialog.participants.line_edit.clear()
    dialog.participants.setFocus()
    type_text(qtbot, "Bo")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = workspace.interactions.recent()
    assert [p.name for p in stored.participants] == ["Bo Chen"]


def project_names(dialog: QuickLogDialog) -> list[str]:
    return [dialog.project.itemText(i) for i in range(dialog.project.count())]


def test_a_meeting_and_its_follow_up_are_tagged_with_the_project_picked_by_keyboard(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    projects = workspace.projects
    launch = projects.create("Spring launch")
    audit = projects.create("Audit prep")
    closed = projects.set_status(
        projects.set_status(projects.create("Old CRM").id, "active").id, "done"
    )
    dialog = open_dialog(qtbot, app_context, [people["ana"].id])
    assert project_names(dialog) == [NO_PROJECT, "Audit prep", "Spring launch"]
    assert dialog.project.currentText() == NO_PROJECT

    type_text(qtbot, "Launch plan")
    press(qtbot, Qt.Key.Key_Tab, times=2)
    assert focused() is dialog.project
    type_text(qtbot, "sp")
    assert dialog.project.currentText() == "Spring launch"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.follow_up
    type_text(qtbot, "Draft the press release")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (tagged,) = projects.interactions(launch.id)
    assert tagged.summary == "Launch plan"
    assert projects.interactions(audit.id) == [] and projects.interactions(closed.id) == []
    (task,) = workspace.tasks.list()
    assert task.title == "Draft the press release"
    assert task.project_id == launch.id


def test_without_a_project_nothing_is_tagged(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    launch = workspace.projects.create("Spring launch")
    dialog = open_dialog(qtbot, app_context, [people["bo"].id])
    type_text(qtbot, "Catch-up")
    press(qtbot, Qt.Key.Key_Tab, times=3)
    type_text(qtbot, "Share the notes")
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = workspace.interactions.with_contact(people["bo"].id)
    assert stored.project_id is None
    assert workspace.tasks.list()[0].project_id is None
    assert workspace.projects.interactions(launch.id) == []


def test_opened_from_a_project_the_project_is_already_chosen(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    workspace = app_context.workspace
    workspace.projects.create("Audit prep")
    launch = workspace.projects.create("Spring launch")
    dialog = open_dialog(qtbot, app_context, project_id=launch.id)
    assert dialog.project.currentText() == "Spring launch"
    assert focused() is dialog.participants.line_edit, "the fast path starts as usual"
    type_text(qtbot, "bo")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab, times=2)
    type_text(qtbot, "Venue walk-through")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    (tagged,) = workspace.projects.interactions(launch.id)
    assert tagged.summary == "Venue walk-through"
    assert [p.id for p in tagged.participants] == [people["bo"].id]


def test_a_finished_project_is_offered_only_when_the_log_starts_from_it(
    qtbot: QtBot, app_context: AppContext, people: dict[str, ContactRecord]
) -> None:
    projects = app_context.workspace.projects
    old = projects.create("Old CRM")
    projects.set_status(old.id, "cancelled")
    dialog = open_dialog(qtbot, app_context, [people["ana"].id], project_id=old.id)
    assert project_names(dialog) == [NO_PROJECT, "Old CRM (cancelled)"]
    assert dialog.project.currentData() == old.id
    dialog.summary.setFocus()
    type_text(qtbot, "Wrap-up")
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [i.summary for i in projects.interactions(old.id)] == ["Wrap-up"]
