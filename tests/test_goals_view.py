"""The Goals view through its widgets: the list, the detail pane, the chart and the dialogs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from dialog_driver import answer_questions, click_ok, when_shown
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from deskbridge.records import GoalRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.checkin_dialog import CheckinDialog
from deskbridge.ui.goal_chart import NO_CHECKINS
from deskbridge.ui.goal_dialog import GoalDialog
from deskbridge.ui.goals_model import (
    COL_DEPARTMENTS,
    COL_DUE,
    COL_HEALTH,
    COL_OWNER,
    COL_PROGRESS,
    COL_STATUS,
    COL_TITLE,
)
from deskbridge.ui.goals_view import GoalsView
from deskbridge.ui.snooze import to_qdate
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)
DUE = date(2027, 3, 31)


@pytest.fixture
def workspace_of(app_context: AppContext) -> Workspace:
    return app_context.workspace


def open_view(app_context: AppContext, qtbot: QtBot) -> GoalsView:
    view = GoalsView(app_context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def leads_goal(workspace: Workspace, **kwargs: Any) -> GoalRecord:
    arguments: dict[str, Any] = {
        "metric_name": "Qualified leads",
        "metric_unit": "leads",
        "baseline": 400.0,
        "target": 900.0,
        "due_on": DUE,
    } | kwargs
    return workspace.goals.create("Raise qualified leads", **arguments)


def focus(qtbot: QtBot, widget: QWidget) -> None:
    """Give ``widget`` the keyboard, in an active window, as a user's click would."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warn(_parent: QWidget | None, _title: str, text: str, *_rest: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def cell(view: GoalsView, row: int, column: int) -> Any:
    return view.model.index(row, column).data()


# -- empty states --------------------------------------------------------------------------


def test_without_goals_the_view_says_what_to_do(app_context: AppContext, qtbot: QtBot) -> None:
    view = open_view(app_context, qtbot)
    assert view.stack.currentWidget() is view.empty
    assert view.empty_title.text() == "No shared goals yet"
    assert "Add one" in view.empty_text.text()
    assert view.empty_new_button.isVisible()
    assert view.detail.details is None


def test_with_only_closed_goals_active_is_empty_but_all_shows_them(
    app_context: AppContext, qtbot: QtBot, workspace_of: Workspace
) -> None:
    goal = leads_goal(workspace_of)
    workspace_of.goals.set_status(goal.id, "achieved")
    view = open_view(app_context, qtbot)
    assert view.empty_title.text() == "No active goals"
    assert "All goals" in view.empty_text.text()

    view.filter.setCurrentIndex(view.filter.findText("All goals"))
    assert view.stack.currentWidget() is view.table
    assert view.model.rowCount() == 1
    assert cell(view, 0, COL_STATUS) == "Achieved"
    assert not view.table.isColumnHidden(COL_STATUS)


# -- creating and editing ------------------------------------------------------------------


def test_a_goal_made_in_the_dialog_appears_selected(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = app_context.workspace
    sales = workspace.departments.add("Sales")
    workspace.departments.add("Finance")
    ana = workspace.contacts.add("Ana Lopez", department="Sales")

    def fill(dialog: GoalDialog) -> None:
        qtbot.keyClicks(dialog.title, "Lift lead-to-deal rate")
        qtbot.keyClicks(dialog.metric_name, "Conversion")
        qtbot.keyClicks(dialog.unit, "%")
        dialog.baseline.setValue(8)
        dialog.target.setValue(12)
        dialog.due.setDate(to_qdate(DUE))
        qtbot.keyClicks(dialog.owner.line_edit, "Ana Lopez")  # typed, not picked
        dialog.departments.findItems("Sales", Qt.MatchFlag.MatchExactly)[0].setCheckState(
            Qt.CheckState.Checked
        )
        dialog.health.setCurrentIndex(dialog.health.findText("At risk"))
        click_ok(qtbot, dialog)

    opened = when_shown(monkeypatch, GoalDialog, fill)
    view = open_view(app_context, qtbot)
    view.new_button.click()

    assert len(opened) == 1
    assert view.model.rowCount() == 1
    assert view.selected_goal() is not None
    assert cell(view, 0, COL_TITLE) == "Lift lead-to-deal rate"
    assert cell(view, 0, COL_DEPARTMENTS) == "Sales"
    assert cell(view, 0, COL_OWNER) == "Ana Lopez"
    assert cell(view, 0, COL_DUE) == "2027-03-31"
    assert cell(view, 0, COL_HEALTH) == "At risk"
    assert cell(view, 0, COL_PROGRESS) == "0%"
    assert view.detail.title_label.text() == "Lift lead-to-deal rate"
    assert view.detail.fields["Metric"].text() == "Conversion: 8 of 12% (0%)"
    stored = workspace.goals.list()[0]
    assert (stored.owner_id, stored.department_ids, stored.health) == (
        ana.id,
        (sales.id,),
        "at_risk",
    )


def test_the_goal_dialog_shows_errors_beside_the_fields(
    app_context: AppContext, qtbot: QtBot
) -> None:
    dialog = GoalDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()

    click_ok(qtbot, dialog)
    assert dialog.field_error("title") == "Must not be empty"
    assert dialog.result_value is None

    qtbot.keyClicks(dialog.title, "Faster releases")
    click_ok(qtbot, dialog)
    assert dialog.field_error("title") == ""
    assert dialog.field_error("metric") == "Must not be empty"

    qtbot.keyClicks(dialog.metric_name, "Release lead time")
    dialog.baseline.setValue(14)
    dialog.target.setValue(14)
    click_ok(qtbot, dialog)
    assert dialog.field_error("target") == "Must differ from the baseline"

    dialog.target.setValue(5)
    qtbot.keyClicks(dialog.owner.line_edit, "Nobody Here")
    click_ok(qtbot, dialog)
    assert dialog.field_error("owner").startswith("Nobody called “Nobody Here”")
    assert app_context.workspace.goals.list() == []

    dialog.owner.line_edit.clear()
    dialog.has_due.setChecked(False)
    click_ok(qtbot, dialog)
    assert dialog.result_value.title == "Faster releases"
    assert dialog.result_value.due_on is None


def test_enter_on_a_goal_edits_it(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = app_context.workspace
    owner = workspace.contacts.add("Bo Berg")
    leads_goal(workspace, owner_id=owner.id)

    def fill(dialog: GoalDialog) -> None:
        assert [p.name for p in dialog.owner.people()] == ["Bo Berg"]
        dialog.title.setText("Raise qualified leads a lot")
        dialog.target.setValue(1000)
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, GoalDialog, fill)
    view = open_view(app_context, qtbot)
    focus(qtbot, view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert cell(view, 0, COL_TITLE) == "Raise qualified leads a lot"
    assert view.detail.fields["Metric"].text() == "Qualified leads: 400 of 1,000 leads (0%)"
    assert view.detail.fields["Owner"].text().endswith(">Bo Berg</a>")


# -- check-ins and the chart ---------------------------------------------------------------


def test_check_ins_move_the_percentage_and_the_chart(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    goal = leads_goal(app_context.workspace)
    entries = iter([(650.0, TODAY, "after the webinar"), (500.0, date(2026, 10, 1), "")])

    def fill(dialog: CheckinDialog) -> None:
        value, day, note = next(entries)
        dialog.value.setValue(value)
        dialog.day.setDate(to_qdate(day))
        qtbot.keyClicks(dialog.note, note)
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, CheckinDialog, fill)
    view = open_view(app_context, qtbot)
    detail, chart = view.detail, view.detail.chart
    assert detail.fields["Metric"].text() == "Qualified leads: 400 of 900 leads (0%)"
    assert chart.actual_points() == []
    assert chart.title_text() == NO_CHECKINS
    assert chart.plan_points() == [(TODAY, 400.0), (DUE, 900.0)]
    assert chart.target_points() == [(TODAY, 900.0), (DUE, 900.0)]
    # Month names sit on the first of each month, with the year where it changes.
    assert chart.date_labels() == ["Dec 2026", "Jan 2027", "Feb", "Mar", "Apr"]

    detail.add_checkin_button.click()
    assert detail.fields["Metric"].text() == "Qualified leads: 650 of 900 leads (50%)"
    assert detail.progress.value() == 50
    assert chart.actual_points() == [(TODAY, 650.0)]
    assert chart.title_text() == ""
    assert cell(view, 0, COL_PROGRESS) == "50%"

    detail.add_checkin_button.click()
    # The earlier check-in moves the plan's start back to it.
    start = date(2026, 10, 1)
    assert chart.actual_points() == [(start, 500.0), (TODAY, 650.0)]
    assert chart.plan_points() == [(start, 400.0), (DUE, 900.0)]
    assert chart.target_points() == [(start, 900.0), (DUE, 900.0)]
    assert detail.fields["Metric"].text() == "Qualified leads: 650 of 900 leads (50%)"
    assert [detail.checkins.item(r, 0).text() for r in range(2)] == ["2026-11-23", "2026-10-01"]
    assert detail.checkins.item(0, 2).text() == "after the webinar"
    assert detail.checkins.item(0, 1).text() == "650 leads"
    assert [c.value for c in app_context.workspace.goals.get(goal.id).checkins] == [500, 650]


def test_the_check_in_key_opens_the_dialog(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    leads_goal(app_context.workspace)
    opened = when_shown(monkeypatch, CheckinDialog, lambda dialog: dialog.reject())
    view = open_view(app_context, qtbot)
    focus(qtbot, view.table)
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(opened) == 1
    assert view.detail.chart.actual_points() == []


def test_a_mistaken_check_in_is_deleted_with_the_delete_key(
    app_context: AppContext, qtbot: QtBot
) -> None:
    workspace = app_context.workspace
    goal = leads_goal(workspace)
    workspace.goals.check_in(goal.id, 500, checked_on=date(2026, 10, 1))
    workspace.goals.check_in(goal.id, 9000)
    view = open_view(app_context, qtbot)
    detail = view.detail
    assert cell(view, 0, COL_PROGRESS) == "1720%"
    assert not detail.delete_checkin_button.isEnabled()

    detail.checkins.selectRow(0)  # newest first: the 9000
    assert detail.delete_checkin_button.isEnabled()
    focus(qtbot, detail.checkins)
    qtbot.keyClick(detail.checkins, Qt.Key.Key_Delete)

    assert detail.chart.actual_points() == [(date(2026, 10, 1), 500.0)]
    assert detail.fields["Metric"].text() == "Qualified leads: 500 of 900 leads (20%)"
    assert cell(view, 0, COL_PROGRESS) == "20%"
    assert detail.checkins.rowCount() == 1


# -- status and health ---------------------------------------------------------------------


def test_closing_and_reopening_a_goal(app_context: AppContext, qtbot: QtBot) -> None:
    goal = leads_goal(app_context.workspace)
    view = open_view(app_context, qtbot)
    view.filter.setCurrentIndex(view.filter.findText("All goals"))
    detail = view.detail
    assert detail.status_label.text() == "Active"
    assert detail.close_buttons["achieved"].isEnabled()
    assert not detail.reopen_button.isEnabled()

    detail.close_buttons["achieved"].click()

    assert detail.status_label.text() == "Achieved"
    assert cell(view, 0, COL_STATUS) == "Achieved"
    assert not detail.add_checkin_button.isEnabled()
    assert "Reopen" in detail.add_checkin_button.toolTip()
    assert not any(b.isEnabled() for b in detail.close_buttons.values())
    assert detail.reopen_button.isEnabled()

    detail.reopen_button.click()
    assert app_context.workspace.goals.get(goal.id).status == "active"
    assert detail.add_checkin_button.isEnabled()


def test_a_closed_goal_leaves_the_active_list(app_context: AppContext, qtbot: QtBot) -> None:
    goal = leads_goal(app_context.workspace)
    view = open_view(app_context, qtbot)
    view.detail.close_buttons["dropped"].click()
    assert view.model.rowCount() == 0
    assert view.empty_title.text() == "No active goals"

    view.show_goal(goal.id)
    assert view.filter.currentText() == "All goals"
    assert view.detail.status_label.text() == "Dropped"


def test_a_refused_status_change_says_why(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = app_context.workspace
    goal = leads_goal(workspace)
    view = open_view(app_context, qtbot)
    shown = warnings_shown(monkeypatch)
    # A teammate closes it while this pane still shows it active.
    workspace.goals.set_status(goal.id, "achieved")

    view.detail.close_buttons["missed"].click()

    assert len(shown) == 1
    assert "cannot become missed: it is achieved; set it back to active first" in shown[0]
    assert workspace.goals.get(goal.id).status == "achieved"


def test_health_is_chosen_in_the_pane(app_context: AppContext, qtbot: QtBot) -> None:
    goal = leads_goal(app_context.workspace)
    view = open_view(app_context, qtbot)
    combo = view.detail.health
    assert combo.currentText() == "Not judged yet"
    combo.setCurrentIndex(combo.findText("Off track"))
    combo.activated.emit(combo.currentIndex())  # what choosing from the popup sends
    assert app_context.workspace.goals.get(goal.id).health == "off_track"
    assert cell(view, 0, COL_HEALTH) == "Off track"


def test_deleting_a_goal_asks_first(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = app_context.workspace
    goal = leads_goal(workspace)
    workspace.goals.check_in(goal.id, 500)
    view = open_view(app_context, qtbot)
    asked = answer_questions(
        monkeypatch, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes
    )
    focus(qtbot, view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "and its 1 check-in?" in asked[0]
    assert view.model.rowCount() == 1

    view.detail.delete_button.click()
    assert view.model.rowCount() == 0
    assert workspace.goals.list() == []
    assert view.detail.details is None


# -- the projects and people behind a goal -------------------------------------------------


def test_linked_projects_and_people_open_where_they_live(
    app_context: AppContext, qtbot: QtBot
) -> None:
    workspace = app_context.workspace
    workspace.departments.add("Sales")
    owner = workspace.contacts.add("Zoe Owner")
    ana = workspace.contacts.add("Ana Lopez", department="Sales")
    goal = leads_goal(workspace, owner_id=owner.id)
    launch = workspace.projects.create("Spring launch")
    workspace.projects.link_goal(launch.id, goal.id)
    workspace.projects.add_member(launch.id, ana.id, "Sales lead")
    view = open_view(app_context, qtbot)
    detail = view.detail

    assert detail.projects.count() == 1
    assert detail.projects.item(0).text() == "Spring launch  ·  proposed"
    assert not detail.no_projects.isVisible()
    assert [detail.people.item(n).text() for n in range(detail.people.count())] == [
        "Zoe Owner — Owner",
        "Ana Lopez (Sales) — Sales lead in Spring launch",
    ]

    detail.projects.setCurrentRow(0)
    with qtbot.waitSignal(view.open_project) as opened_project:
        qtbot.keyClick(detail.projects, Qt.Key.Key_Return)
    assert opened_project.args == [launch.id]

    detail.people.setCurrentRow(1)
    with qtbot.waitSignal(view.open_contact) as opened_contact:
        qtbot.keyClick(detail.people, Qt.Key.Key_Return)
    assert opened_contact.args == [ana.id]


def test_a_goal_on_its_own_says_how_to_connect_it(app_context: AppContext, qtbot: QtBot) -> None:
    leads_goal(app_context.workspace)
    view = open_view(app_context, qtbot)
    detail = view.detail
    assert detail.no_projects.isVisible() and not detail.projects.isVisible()
    assert detail.no_people.isVisible() and not detail.people.isVisible()
    assert detail.no_checkins.isVisible() and not detail.checkins.isVisible()
    assert "nobody yet" in detail.fields["Owner"].text()


def test_a_falling_target_reads_as_such(app_context: AppContext, qtbot: QtBot) -> None:
    workspace = app_context.workspace
    goal = workspace.goals.create(
        "Cut cost per lead", metric_name="Cost per lead", metric_unit="EUR",
        baseline=48, target=35,
    )  # fmt: skip
    workspace.goals.check_in(goal.id, 41.5)
    view = open_view(app_context, qtbot)
    assert view.detail.fields["Metric"].text() == (
        "Cost per lead: 41.5 EUR, down from 48 towards 35 (50%)"
    )
    # No due date: no planned path, but the target still spans the chart.
    assert view.detail.chart.plan_points() == []
    assert [value for _, value in view.detail.chart.target_points()] == [35.0, 35.0]
    assert view.detail.fields["Due"].text().endswith("no due date</span>")


def test_a_short_goal_is_labelled_by_week(app_context: AppContext, qtbot: QtBot) -> None:
    leads_goal(app_context.workspace, due_on=date(2026, 12, 21))
    view = open_view(app_context, qtbot)
    assert view.detail.chart.date_labels() == ["23 Nov", "30 Nov", "7 Dec", "14 Dec", "21 Dec"]
