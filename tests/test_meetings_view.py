"""The Meetings view, driven like a user: the log newest first, its filters, paging, the
empty states, and opening a row to edit or delete the interaction."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dialog_driver import answer_questions, click_ok, when_shown
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.interaction_dialog import NO_PROJECT, InteractionDialog
from deskbridge.ui.meetings_model import (
    COL_DATE,
    COL_DEPARTMENTS,
    COL_KIND,
    COL_OUTCOME,
    COL_PARTICIPANTS,
    COL_SUMMARY,
    InteractionIdRole,
)
from deskbridge.ui.meetings_view import (
    CUSTOM,
    LAST_7_DAYS,
    NO_MATCHES,
    NO_MEETINGS,
    MeetingsView,
)
from deskbridge.ui.snooze import to_qdate
from deskbridge.workspace import Workspace


def make_view(qtbot: QtBot, app_context: AppContext) -> MeetingsView:
    view = MeetingsView(app_context)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    return view


def summaries(view: MeetingsView) -> list[str]:
    model = view.table.model()
    return [model.index(row, COL_SUMMARY).data() for row in range(model.rowCount())]


@pytest.fixture
def today(workspace: Workspace) -> date:
    return workspace.clock.today()


@pytest.fixture
def people(workspace: Workspace) -> dict[str, int]:
    workspace.departments.add("Finance")
    workspace.departments.add("IT")
    return {
        "ana": workspace.contacts.add("Ana Lopez", department="Finance").id,
        "bo": workspace.contacts.add("Bo Chen", department="IT").id,
        "cy": workspace.contacts.add("Cy Brown").id,
    }


@pytest.fixture
def view(
    qtbot: QtBot, app_context: AppContext, workspace: Workspace, people: dict[str, int], today: date
) -> MeetingsView:
    log = workspace.interactions.log
    log([people["ana"]], "Budget review", kind="meeting", occurred_on=today - timedelta(2),
        outcome="ROI model by Friday\nand a second line")  # fmt: skip
    log([people["bo"], people["ana"]], "CRM rollout", kind="call", occurred_on=today)
    log([people["bo"]], "Coffee with Bo", kind="coffee", occurred_on=today - timedelta(20))
    log([people["cy"]], "Year-end chat", kind="chat", occurred_on=date(2025, 12, 1))
    return make_view(qtbot, app_context)


def double_click_row(qtbot: QtBot, view: MeetingsView, row: int) -> None:
    """A real double-click: Qt 6's QTest sends only the second press, so click first."""
    centre = view.table.visualRect(view.table.model().index(row, COL_SUMMARY)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_nothing_logged_yet_says_how_to_log(qtbot: QtBot, app_context: AppContext) -> None:
    view = make_view(qtbot, app_context)
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == NO_MEETINGS
    assert view.empty_label.text() == "No meetings logged yet — press Ctrl+L to log one"
    assert not view.clear_button.isVisibleTo(view)
    assert view.count_label.text() == "0 interactions"


def test_the_log_is_newest_first_with_every_column(view: MeetingsView, today: date) -> None:
    assert view.stack.currentWidget() is view.table
    assert summaries(view) == ["CRM rollout", "Budget review", "Coffee with Bo", "Year-end chat"]
    model = view.table.model()
    assert model.index(0, COL_DATE).data() == today.isoformat()
    assert model.index(0, COL_KIND).data() == "Call"
    assert model.index(0, COL_PARTICIPANTS).data() == "Ana Lopez, Bo Chen"
    assert model.index(0, COL_DEPARTMENTS).data() == "Finance, IT"
    assert model.index(1, COL_OUTCOME).data() == "ROI model by Friday …"
    assert "second line" in model.index(1, COL_OUTCOME).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(3, COL_DEPARTMENTS).data() == ""
    assert isinstance(model.index(0, COL_DATE).data(InteractionIdRole), int)
    assert view.count_label.text() == "4 interactions"


def test_the_kind_and_department_filters_narrow_the_rows(
    view: MeetingsView, workspace: Workspace
) -> None:
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("coffee"))
    assert summaries(view) == ["Coffee with Bo"]
    assert view.count_label.text() == "1 of 4 interactions"

    view.kind_filter.setCurrentIndex(0)
    finance = workspace.departments.named("Finance").id
    view.department_filter.setCurrentIndex(view.department_filter.findData(finance))
    assert summaries(view) == ["CRM rollout", "Budget review"]

    view.kind_filter.setCurrentIndex(view.kind_filter.findData("call"))
    assert summaries(view) == ["CRM rollout"]
    assert view.count_label.text() == "1 of 4 interactions"


def test_the_person_filter_completes_names_as_they_are_typed(
    qtbot: QtBot, view: MeetingsView
) -> None:
    qtbot.keyClicks(view.contact_filter, "bo")
    popup = view.completer.popup()
    assert popup is not None and popup.isVisible()
    assert view.completer.completionModel().index(0, 0).data() == "Bo Chen (IT)"
    assert len(summaries(view)) == 4  # typing alone filters nothing yet

    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert view.contact_filter.text() == "Bo Chen (IT)"
    assert summaries(view) == ["CRM rollout", "Coffee with Bo"]

    # Clearing the field removes the person filter.
    qtbot.keyClick(view.contact_filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.contact_filter, Qt.Key.Key_Backspace)
    assert len(summaries(view)) == 4


def test_enter_in_the_person_filter_takes_the_first_match_or_says_there_is_none(
    qtbot: QtBot, view: MeetingsView
) -> None:
    qtbot.keyClicks(view.contact_filter, "cy")
    qtbot.keyClick(view.contact_filter, Qt.Key.Key_Return)
    assert view.contact_filter.text() == "Cy Brown"
    assert summaries(view) == ["Year-end chat"]

    # Typing over the chosen name lets go of that person.
    qtbot.keyClick(view.contact_filter, Qt.Key.Key_Backspace)
    assert len(summaries(view)) == 4

    view.contact_filter.clear()
    qtbot.keyClicks(view.contact_filter, "zed")
    qtbot.keyClick(view.contact_filter, Qt.Key.Key_Return)
    assert view.filter_message.isVisibleTo(view)
    assert view.filter_message.text() == "Nobody called “zed” is in your contacts."
    assert len(summaries(view)) == 4


def test_the_period_filters_by_preset_or_by_chosen_days(view: MeetingsView, today: date) -> None:
    assert not view.since_edit.isVisibleTo(view)
    view.period.setCurrentIndex(LAST_7_DAYS)
    assert summaries(view) == ["CRM rollout", "Budget review"]

    view.period.setCurrentIndex(CUSTOM)
    assert view.since_edit.isVisibleTo(view) and view.until_edit.isVisibleTo(view)
    # Custom starts from the days the preset covered.
    assert view.since_edit.date() == to_qdate(today - timedelta(6))
    assert summaries(view) == ["CRM rollout", "Budget review"]
    view.since_edit.setDate(to_qdate(date(2025, 11, 1)))
    view.until_edit.setDate(to_qdate(date(2025, 12, 31)))
    assert summaries(view) == ["Year-end chat"]

    # A range that ends before it starts is explained and changes nothing.
    view.since_edit.setDate(to_qdate(date(2026, 1, 5)))
    assert view.filter_message.isVisibleTo(view)
    assert view.filter_message.text() == "The first day comes after the last day."
    assert summaries(view) == ["Year-end chat"]
    view.until_edit.setDate(to_qdate(today))
    assert not view.filter_message.isVisibleTo(view)
    assert summaries(view) == ["CRM rollout", "Budget review", "Coffee with Bo"]


def test_filters_that_exclude_everything_say_so_and_can_be_cleared(
    qtbot: QtBot, view: MeetingsView, workspace: Workspace
) -> None:
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("workshop"))
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == NO_MATCHES == "Nothing matches these filters"
    assert view.count_label.text() == "0 of 4 interactions"
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.kind_filter.currentData() is None
    assert view.stack.currentWidget() is view.table
    assert len(summaries(view)) == 4


def test_a_long_log_is_read_a_page_at_a_time(
    qtbot: QtBot, app_context: AppContext, workspace: Workspace, people: dict[str, int]
) -> None:
    today = workspace.clock.today()
    for number in range(450):
        workspace.interactions.log(
            [people["ana"]], f"Talk {number:03d}", occurred_on=today - timedelta(number // 3)
        )
    view = make_view(qtbot, app_context)
    model = view.table.model()
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    assert view.count_label.text() == "450 interactions"
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    rows = summaries(view)
    assert len(set(rows)) == 450
    assert rows[0] == "Talk 002" and rows[-1] == "Talk 447"  # newest day, newest id first

    # A filter starts again from its first page.
    view.period.setCurrentIndex(LAST_7_DAYS)
    assert model.rowCount() == 21
    assert view.count_label.text() == "21 of 450 interactions"


def test_opening_a_row_edits_the_interaction(
    qtbot: QtBot,
    view: MeetingsView,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    today: date,
) -> None:
    def edit(dialog: InteractionDialog) -> None:
        assert dialog.participants.text() == "Ana Lopez"
        assert dialog.summary.text() == "Budget review"
        dialog.summary.clear()
        qtbot.keyClicks(dialog.summary, "Budget review with Finance")
        dialog.kind.setCurrentIndex(dialog.kind.findData("workshop"))
        dialog.when.setDate(to_qdate(today - timedelta(1)))
        qtbot.keyClicks(dialog.notes, "Bring the Q3 figures")
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert save.text() == "&Save"
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    opened = when_shown(monkeypatch, InteractionDialog, edit)
    double_click_row(qtbot, view, 1)

    assert len(opened) == 1 and opened[0].result() == QDialog.DialogCode.Accepted
    model = view.table.model()
    assert summaries(view)[1] == "Budget review with Finance"
    assert model.index(1, COL_KIND).data() == "Workshop"
    assert model.index(1, COL_DATE).data() == (today - timedelta(1)).isoformat()
    stored = workspace.interactions.get(opened[0].record.id)
    assert (stored.summary, stored.kind, stored.notes) == (
        "Budget review with Finance", "workshop", "Bring the Q3 figures",
    )  # fmt: skip


def test_an_empty_summary_is_explained_and_nothing_changes(
    qtbot: QtBot, view: MeetingsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def blank(dialog: InteractionDialog) -> None:
        dialog.summary.clear()
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)

    opened = when_shown(monkeypatch, InteractionDialog, blank)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    dialog = opened[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.field_error("summary") == "Must not be empty"
    assert workspace.interactions.get(dialog.record.id).summary == "CRM rollout"
    assert summaries(view)[0] == "CRM rollout"


def test_deleting_from_the_dialog_asks_first(
    qtbot: QtBot, view: MeetingsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_questions(
        monkeypatch, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes
    )

    def delete_twice(dialog: InteractionDialog) -> None:
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert not dialog.deleted and dialog.isVisible()
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    opened = when_shown(monkeypatch, InteractionDialog, delete_twice)
    double_click_row(qtbot, view, 2)

    assert len(asked) == 2
    assert asked[0].startswith("Delete “Coffee with Bo” of ")
    assert opened[0].deleted
    assert summaries(view) == ["CRM rollout", "Budget review", "Year-end chat"]
    assert workspace.meeting_log.count() == 3
    assert view.count_label.text() == "3 interactions"


def test_the_delete_key_asks_then_deletes_the_selected_row(
    qtbot: QtBot, view: MeetingsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    view.table.setFocus()
    view.table.selectRow(3)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert summaries(view) == ["CRM rollout", "Budget review", "Coffee with Bo"]


def test_log_a_meeting_asks_the_main_window_for_the_quick_log(
    qtbot: QtBot, view: MeetingsView
) -> None:
    with qtbot.waitSignal(view.quick_log) as emitted:
        qtbot.mouseClick(view.log_button, Qt.MouseButton.LeftButton)
    assert emitted.args == [[]]


def test_a_meeting_logged_elsewhere_appears_and_keeps_the_filters(
    app_context: AppContext, view: MeetingsView, workspace: Workspace, people: dict[str, int]
) -> None:
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("call"))
    app_context.op(
        lambda: workspace.interactions.log([people["cy"]], "Vendor call", kind="call")
    ).changes(ChangeKind.INTERACTIONS, ChangeKind.CONTACTS).run()
    assert summaries(view) == ["Vendor call", "CRM rollout"]
    assert view.count_label.text() == "2 of 5 interactions"


def test_a_renamed_department_is_renamed_in_its_filter(
    app_context: AppContext, view: MeetingsView, workspace: Workspace
) -> None:
    finance = workspace.departments.named("Finance").id
    view.department_filter.setCurrentIndex(view.department_filter.findData(finance))
    app_context.op(lambda: workspace.departments.update(finance, name="Controlling")).changes(
        ChangeKind.DEPARTMENTS
    ).run()
    assert view.department_filter.currentText() == "Controlling"
    assert summaries(view) == ["CRM rollout", "Budget review"]


def test_the_dialog_moves_a_meeting_to_another_project_or_off_it(
    qtbot: QtBot,
    view: MeetingsView,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    projects = workspace.projects
    launch = projects.create("Spring launch")
    crm = projects.set_status(projects.create("CRM rollout").id, "active")
    crm = projects.set_status(crm.id, "done")
    (meeting,) = [i for i in workspace.interactions.recent() if i.summary == "CRM rollout"]
    workspace.interactions.update(meeting.id, project_id=crm.id)

    def retag(dialog: InteractionDialog) -> None:
        names = [dialog.project.itemText(i) for i in range(dialog.project.count())]
        assert names == [NO_PROJECT, "Spring launch", "CRM rollout (done)"]
        assert dialog.project.currentData() == crm.id
        dialog.project.setFocus()
        qtbot.keyClicks(dialog.project, "sp")
        assert dialog.project.currentText() == "Spring launch"
        qtbot.keyClick(dialog.project, Qt.Key.Key_Return)

    opened = when_shown(monkeypatch, InteractionDialog, retag)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert opened[0].result() == QDialog.DialogCode.Accepted
    assert [i.id for i in projects.interactions(launch.id)] == [meeting.id]
    assert projects.interactions(crm.id) == []

    def untag(dialog: InteractionDialog) -> None:
        assert dialog.project.currentText() == "Spring launch"
        names = [dialog.project.itemText(i) for i in range(dialog.project.count())]
        assert names == [NO_PROJECT, "Spring launch"], "a finished project is not offered anew"
        dialog.project.setCurrentIndex(dialog.project.findText(NO_PROJECT))
        click_ok(qtbot, dialog)

    opened = when_shown(monkeypatch, InteractionDialog, untag)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert opened[0].result() == QDialog.DialogCode.Accepted
    assert workspace.interactions.get(meeting.id).project_id is None
    assert projects.interactions(launch.id) == []
