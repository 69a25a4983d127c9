"""The Requests view, driven like a user: ask, answer, thank, decline, withdraw and nudge,
and see the groups, the contact's Input line and the department figures follow."""

from __future__ import annotations

from datetime import date

import pytest
from dialog_driver import answer_questions, when_shown
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.input_requests import RequestAction, RequestGroup
from deskbridge.records import ContactRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contact_detail import ContactDetail
from deskbridge.ui.departments_view import (
    COL_ANSWERS,
    COL_ASKS,
    COL_NAME,
    COL_THANKS,
    COL_UNTHANKED,
    DepartmentsView,
)
from deskbridge.ui.request_dialogs import AnswerDialog, AskDialog, NudgeDialog, ThankDialog
from deskbridge.ui.requests_model import COL_ASKED_OF, COL_NEEDED_BY, COL_STATUS, COL_TOPIC
from deskbridge.ui.requests_view import RequestsView
from deskbridge.workspace import Workspace

ASKED = date(2026, 11, 2)


@pytest.fixture
def ana(workspace: Workspace) -> ContactRecord:
    workspace.departments.add("Finance")
    return workspace.contacts.add("Ana Lopez", department="Finance", added_on=ASKED)


@pytest.fixture
def view(qtbot: QtBot, app_context: AppContext) -> RequestsView:
    page = RequestsView(app_context)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    return page


def rows(view: RequestsView) -> list[tuple[str, str, str]]:
    model = view.table.model()
    return [
        tuple(model.index(row, column).data() for column in (COL_ASKED_OF, COL_TOPIC, COL_STATUS))
        for row in range(model.rowCount())
    ]


def tab_texts(view: RequestsView) -> list[str]:
    return [view.tabs.tabText(index) for index in range(view.tabs.count())]


def enabled_actions(view: RequestsView) -> set[RequestAction]:
    return {action for action, button in view.detail.buttons.items() if button.isEnabled()}


def press_key(qtbot: QtBot, view: RequestsView, key: Qt.Key) -> None:
    view.table.setFocus()
    qtbot.keyClick(view.table, key)


def test_the_empty_view_says_how_to_ask(view: RequestsView) -> None:
    assert view.stack.currentWidget() is view.empty
    assert "not asked anyone for input yet" in view.empty_label.text()
    assert "Ctrl+Shift+A" in view.empty_label.text()
    assert view.empty_ask_button.isVisibleTo(view)
    assert tab_texts(view) == [
        "Open (0)", "Overdue (0)", "Answered, not thanked (0)", "Closed (0)", "All (0)",
    ]  # fmt: skip
    assert enabled_actions(view) == set()


def test_ask_answer_thank_through_the_dialogs_moves_the_request_and_the_figures(
    qtbot: QtBot,
    view: RequestsView,
    app_context: AppContext,
    ana: ContactRecord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace = app_context.workspace
    detail = ContactDetail(app_context)
    qtbot.addWidget(detail)
    detail.show_contact(ana.id)
    departments = DepartmentsView(app_context)
    qtbot.addWidget(departments)
    departments.show()
    assert detail.input_text == "Not asked for input yet"

    def department_figures() -> tuple[str, ...]:
        model = departments.table.model()
        (row,) = [
            r for r in range(model.rowCount()) if model.index(r, COL_NAME).data() == "Finance"
        ]
        columns = (COL_ASKS, COL_ANSWERS, COL_THANKS, COL_UNTHANKED)
        return tuple(model.index(row, column).data() for column in columns)

    def ask(dialog: AskDialog) -> None:
        qtbot.keyClicks(dialog.topic, "Q3 campaign ROI")
        qtbot.keyClicks(dialog.question, "Can you pull the numbers?")
        dialog.submit()

    when_shown(monkeypatch, AskDialog, ask)
    view.ask_for_input(ana.id)

    assert view.group is RequestGroup.OPEN
    assert rows(view) == [("Ana Lopez", "Q3 campaign ROI", "Open")]
    assert view.detail.topic.text() == "Q3 campaign ROI"
    assert enabled_actions(view) == {
        RequestAction.ANSWER, RequestAction.NUDGE, RequestAction.DECLINE, RequestAction.WITHDRAW,
    }  # fmt: skip
    assert tab_texts(view)[0] == "Open (1)"
    assert detail.input_text == "Asked 1 · answered 0 · thanked 0"
    assert department_figures() == ("1", "0", "0", "0")

    def answer(dialog: AnswerDialog) -> None:
        qtbot.keyClicks(dialog.summary, "Sent the sheet")
        dialog.submit()

    when_shown(monkeypatch, AnswerDialog, answer)
    press_key(qtbot, view, Qt.Key.Key_A)

    assert rows(view) == []
    assert tab_texts(view)[:3] == ["Open (0)", "Overdue (0)", "Answered, not thanked (1)"]
    assert workspace.contacts.get(ana.id).last_touch_on == workspace.clock.today()
    assert detail.input_text == "Asked 1 · answered 1 · thanked 0 · 1 answer not yet thanked"
    assert department_figures() == ("1", "1", "0", "1")

    view.set_group(RequestGroup.UNTHANKED)
    assert rows(view) == [("Ana Lopez", "Q3 campaign ROI", "Answered, not thanked")]
    view.table.selectRow(0)
    assert enabled_actions(view) == {RequestAction.THANK}
    assert "Sent the sheet" in view.detail.answer.text()

    def thank(dialog: ThankDialog) -> None:
        qtbot.keyClicks(dialog.note, "It shaped the Q3 budget")
        dialog.submit()

    when_shown(monkeypatch, ThankDialog, thank)
    qtbot.mouseClick(view.detail.buttons[RequestAction.THANK], Qt.MouseButton.LeftButton)

    assert rows(view) == []
    assert tab_texts(view)[2:4] == ["Answered, not thanked (0)", "Closed (1)"]
    assert detail.input_text == "Asked 1 · answered 1 · thanked 1"
    assert department_figures() == ("1", "1", "1", "0")
    view.set_group(RequestGroup.CLOSED)
    view.table.selectRow(0)
    assert rows(view) == [("Ana Lopez", "Q3 campaign ROI", "Thanked")]
    assert enabled_actions(view) == set()
    assert view.detail.contact_button.isEnabled()
    assert "It shaped the Q3 budget" in view.detail.thanks.text()


def test_a_bad_ask_shows_its_message_beside_the_field(
    qtbot: QtBot, app_context: AppContext, ana: ContactRecord
) -> None:
    dialog = AskDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    assert dialog.isVisible()
    assert "pick the person" in dialog.field_error("asked of")

    qtbot.keyClicks(dialog.asked_of.line_edit, "Nobody Atall")
    qtbot.keyClicks(dialog.topic, "Budget")
    dialog.submit()
    assert "Nobody called “Nobody Atall”" in dialog.field_error("asked of")

    dialog.asked_of.line_edit.clear()
    qtbot.keyClicks(dialog.asked_of.line_edit, "Ana Lopez")
    dialog.topic.clear()
    dialog.submit()
    assert dialog.field_error("asked of") == ""
    assert dialog.field_error("topic") == "Must not be empty"
    assert app_context.workspace.requests.list() == []

    qtbot.keyClicks(dialog.topic, "Budget")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = app_context.workspace.requests.list()
    assert (stored.asked_of.id, stored.topic, stored.needed_by) == (ana.id, "Budget", None)


def test_a_blank_answer_shows_beside_the_field_and_keeps_the_request_open(
    qtbot: QtBot, app_context: AppContext, ana: ContactRecord
) -> None:
    asked = app_context.workspace.requests.ask(ana.id, "Margin", asked_on=ASKED)
    dialog = AnswerDialog(app_context, asked)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    assert dialog.field_error("answer") == "Must not be empty"
    assert app_context.workspace.requests.get(asked.id).status == "open"


@pytest.mark.parametrize(
    ("key", "status"), [(Qt.Key.Key_D, "declined"), (Qt.Key.Key_W, "withdrawn")]
)
def test_decline_and_withdraw_ask_first_then_close_the_request(
    qtbot: QtBot,
    view: RequestsView,
    app_context: AppContext,
    ana: ContactRecord,
    monkeypatch: pytest.MonkeyPatch,
    key: Qt.Key,
    status: str,
) -> None:
    asked = app_context.workspace.requests.ask(ana.id, "Hiring plan", asked_on=ASKED)
    view.show_request(asked.id)

    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    press_key(qtbot, view, key)
    assert len(questions) == 1 and "Hiring plan" in questions[0]
    assert app_context.workspace.requests.get(asked.id).status == "open"
    assert rows(view) == [("Ana Lopez", "Hiring plan", "Open")]

    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    press_key(qtbot, view, key)
    assert app_context.workspace.requests.get(asked.id).status == status
    assert rows(view) == []
    assert "Closed (1)" in tab_texts(view)
    view.show_request(asked.id)
    assert view.group is RequestGroup.CLOSED
    assert rows(view) == [("Ana Lopez", "Hiring plan", status.capitalize())]


def test_a_nudge_logs_a_follow_up_interaction(
    qtbot: QtBot,
    view: RequestsView,
    app_context: AppContext,
    ana: ContactRecord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace = app_context.workspace
    asked = workspace.requests.ask(ana.id, "Margin by region", asked_on=ASKED)
    view.show_request(asked.id)

    def nudge(dialog: NudgeDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("call"))
        qtbot.keyClicks(dialog.note, "Left a voicemail")
        dialog.submit()

    opened = when_shown(monkeypatch, NudgeDialog, nudge)
    qtbot.mouseClick(view.detail.buttons[RequestAction.NUDGE], Qt.MouseButton.LeftButton)

    assert len(opened) == 1
    (logged,) = workspace.interactions.with_contact(ana.id)
    assert (logged.summary, logged.kind, logged.notes) == (
        "Follow-up: Margin by region", "call", "Left a voicemail",
    )  # fmt: skip
    assert workspace.contacts.get(ana.id).last_touch_on == workspace.clock.today()
    assert rows(view) == [("Ana Lopez", "Margin by region", "Open")]


def test_overdue_requests_are_grouped_and_say_how_late(
    view: RequestsView, app_context: AppContext, ana: ContactRecord
) -> None:
    requests = app_context.workspace.requests
    late = requests.ask(ana.id, "Late one", asked_on=ASKED, needed_by=date(2026, 11, 20))
    requests.ask(ana.id, "On time", asked_on=ASKED, needed_by=date(2026, 11, 30))
    view.refresh()
    assert tab_texts(view)[:2] == ["Open (1)", "Overdue (1)"]
    assert rows(view) == [("Ana Lopez", "On time", "Open")]

    view.show_request(late.id)
    assert view.group is RequestGroup.OVERDUE
    assert rows(view) == [("Ana Lopez", "Late one", "Overdue")]
    model = view.table.model()
    assert model.index(0, COL_NEEDED_BY).data() == "2026-11-20 · 3 days late"
    assert model.index(0, COL_NEEDED_BY).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert view.detail.status.text() == "Overdue"


def test_the_filter_narrows_rows_and_counts_and_can_be_cleared(
    view: RequestsView, app_context: AppContext, ana: ContactRecord, qtbot: QtBot
) -> None:
    requests = app_context.workspace.requests
    requests.ask(ana.id, "Budget", asked_on=ASKED)
    requests.ask(ana.id, "Pipeline", asked_on=ASKED)
    view.refresh()
    assert tab_texts(view)[0] == "Open (2)"
    qtbot.keyClicks(view.text_filter, "budg")
    assert [topic for _, topic, _ in rows(view)] == ["Budget"]
    assert tab_texts(view)[0] == "Open (1)"
    qtbot.keyClicks(view.text_filter, "xyz")
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == "No requests match this filter."
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert len(rows(view)) == 2


def test_keys_for_refused_steps_do_nothing(
    qtbot: QtBot,
    view: RequestsView,
    app_context: AppContext,
    ana: ContactRecord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = app_context.workspace.requests.ask(ana.id, "Budget", asked_on=ASKED)
    view.show_request(asked.id)
    opened = when_shown(monkeypatch, ThankDialog, lambda dialog: None)
    press_key(qtbot, view, Qt.Key.Key_T)
    assert opened == []
    assert not view.detail.buttons[RequestAction.THANK].isEnabled()


def test_many_requests_arrive_a_page_at_a_time(
    view: RequestsView, app_context: AppContext, ana: ContactRecord
) -> None:
    requests = app_context.workspace.requests
    made = [requests.ask(ana.id, f"Topic {n:03}", asked_on=ASKED) for n in range(450)]
    view.set_group(RequestGroup.ALL)
    view.refresh()
    assert view.table.model().rowCount() == 200
    assert tab_texts(view)[4] == "All (450)"
    # The oldest ask is last: showing it reads down to it.
    assert view.show_request(made[0].id)
    assert view.detail.topic.text() == "Topic 000"
    assert view.table.model().rowCount() == 450


def test_ask_for_input_from_the_contact_detail_fills_in_the_person(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = app_context.workspace.contacts.add("Ana Lopez")
    detail = ContactDetail(app_context)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_contact(ana.id)

    def fill(dialog: AskDialog) -> None:
        assert dialog.asked_of.contact_ids() == [ana.id]
        dialog.topic.setText("Q3 ROI")
        dialog.submit()

    when_shown(monkeypatch, AskDialog, fill)
    assert detail.input_text == "Not asked for input yet"
    detail.ask_button.click()

    assert [r.topic for r in app_context.workspace.requests.for_contact(ana.id)] == ["Q3 ROI"]
    assert detail.input_text == "Asked 1 · answered 0 · thanked 0"
