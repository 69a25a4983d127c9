"""Today's asks and tasks: late asks, answers to thank for, tasks due this week, with keys."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dialog_driver import when_shown
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from deskbridge.records import ContactRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.today_view import TodayView
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)
LONG_AGO = date(2026, 9, 1)


def show(qtbot: QtBot, context: AppContext) -> TodayView:
    view = TodayView(context)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def cells(table: object, column: int) -> list[str]:
    model = table.model()  # type: ignore[attr-defined]
    return [model.index(row, column).data() for row in range(model.rowCount())]


@pytest.fixture
def ana(workspace: Workspace) -> ContactRecord:
    workspace.departments.add("Finance")
    return workspace.contacts.add("Ana Lopez", department="Finance", added_on=LONG_AGO)


def test_with_no_asks_or_tasks_the_panel_is_hidden(
    app_context: AppContext, qtbot: QtBot, ana: ContactRecord
) -> None:
    view = show(qtbot, app_context)
    assert view.agenda.isHidden()


def test_late_asks_and_answers_to_thank_for_are_listed(
    app_context: AppContext, qtbot: QtBot, ana: ContactRecord
) -> None:
    requests = app_context.workspace.requests
    requests.ask(ana.id, "Q3 ROI", asked_on=LONG_AGO, needed_by=TODAY - timedelta(days=3))
    answered = requests.ask(ana.id, "Margins", asked_on=LONG_AGO)
    requests.answer(answered.id, "Sent", answered_on=TODAY - timedelta(days=2))
    requests.ask(ana.id, "Not late yet", needed_by=TODAY + timedelta(days=3))

    view = show(qtbot, app_context)

    assert view.agenda.isVisible()
    table = view.agenda.asks_table
    assert cells(table, 0) == ["Their answer", "Your thanks"]
    assert cells(table, 1) == ["Q3 ROI", "Margins"]
    assert cells(table, 3) == ["Finance", "Finance"]
    assert cells(table, 4) == ["3 days late", "answered 2 days ago"]
    assert view.agenda.asks.heading.text() == "Asks — 1 late · 1 to thank for"


def test_t_thanks_the_selected_answer_and_it_leaves_the_list(
    app_context: AppContext, qtbot: QtBot, ana: ContactRecord
) -> None:
    requests = app_context.workspace.requests
    late = requests.ask(ana.id, "Q3 ROI", asked_on=LONG_AGO, needed_by=LONG_AGO)
    answered = requests.ask(ana.id, "Margins", asked_on=LONG_AGO)
    requests.answer(answered.id, "Sent", answered_on=TODAY)
    view = show(qtbot, app_context)
    table = view.agenda.asks_table

    table.setFocus()
    assert not view.agenda.thank_button.isEnabled()  # the late ask is selected
    qtbot.keyClick(table, Qt.Key.Key_T)
    assert requests.get(answered.id).thanked_on is None

    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert view.agenda.thank_button.isEnabled()
    assert not view.agenda.answer_button.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_T)

    assert requests.get(answered.id).thanked_on == TODAY
    assert cells(table, 1) == ["Q3 ROI"]
    assert requests.get(late.id).status == "open"


def test_tasks_due_this_week_are_listed_and_d_marks_one_done(
    app_context: AppContext, qtbot: QtBot, ana: ContactRecord
) -> None:
    workspace = app_context.workspace
    project = workspace.projects.create("Launch")
    late = workspace.tasks.create(
        "Send the brief", due_on=TODAY - timedelta(days=1), assignee_ids=[ana.id]
    )
    workspace.tasks.create("Book the room", due_on=date(2026, 11, 27), project_id=project.id)
    workspace.tasks.create("Next week", due_on=date(2026, 12, 1))

    view = show(qtbot, app_context)
    table = view.agenda.tasks_table
    assert cells(table, 0) == ["Send the brief", "Book the room"]
    assert cells(table, 1) == ["Ana Lopez", "nobody yet"]
    assert cells(table, 2) == ["", "Launch"]
    assert cells(table, 4) == ["1 day late", "due Friday"]
    assert view.agenda.tasks.heading.text() == "Tasks due this week — 2"

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_D)

    assert workspace.tasks.get(late.id).status == "done"
    assert workspace.contacts.get(ana.id).last_touch_on == TODAY  # done is a touch
    assert cells(table, 0) == ["Book the room"]


def test_enter_on_an_ask_asks_to_open_it_in_requests(
    app_context: AppContext, qtbot: QtBot, ana: ContactRecord
) -> None:
    request = app_context.workspace.requests.ask(
        ana.id, "Q3 ROI", asked_on=LONG_AGO, needed_by=LONG_AGO
    )
    view = show(qtbot, app_context)
    view.agenda.asks_table.setFocus()
    with qtbot.waitSignal(view.open_request) as opened:
        qtbot.keyClick(view.agenda.asks_table, Qt.Key.Key_Return)
    assert opened.args == [request.id]


def test_a_records_the_answer_to_a_late_ask_through_the_answer_dialog(
    app_context: AppContext, qtbot: QtBot, ana: ContactRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskbridge.ui.request_dialogs import AnswerDialog

    request = app_context.workspace.requests.ask(
        ana.id, "Q3 ROI", asked_on=LONG_AGO, needed_by=LONG_AGO
    )

    def answer(dialog: AnswerDialog) -> None:
        dialog.summary.setPlainText("ROI was 3.2x")
        dialog.submit()

    when_shown(monkeypatch, AnswerDialog, answer)
    view = show(qtbot, app_context)
    view.agenda.asks_table.setFocus()
    qtbot.keyClick(view.agenda.asks_table, Qt.Key.Key_A)

    answered = app_context.workspace.requests.get(request.id)
    assert answered.status == "answered" and answered.answer_summary == "ROI was 3.2x"
    assert cells(view.agenda.asks_table, 0) == ["Your thanks"]  # next: say thanks


def test_n_logs_a_nudge_with_the_person_asked(
    app_context: AppContext, qtbot: QtBot, ana: ContactRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskbridge.ui.request_dialogs import NudgeDialog

    app_context.workspace.requests.ask(ana.id, "Q3 ROI", asked_on=LONG_AGO, needed_by=LONG_AGO)
    when_shown(monkeypatch, NudgeDialog, lambda dialog: dialog.submit())
    view = show(qtbot, app_context)
    view.agenda.asks_table.setFocus()
    qtbot.keyClick(view.agenda.asks_table, Qt.Key.Key_N)

    assert app_context.workspace.contacts.get(ana.id).last_touch_on == TODAY
