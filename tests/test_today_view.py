"""Today, the home view: who to get in touch with, and one key per action."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.records import ContactRecord
from deskbridge.ui import today_view
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.today_view import (
    COL_NAME,
    COL_STATUS,
    COL_WHEN,
    StatusRole,
    TodayView,
    days_phrase,
)
from deskbridge.workspace import Workspace


def show(qtbot: QtBot, context: AppContext) -> TodayView:
    view = TodayView(context)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    return view


def column(view: TodayView, col: int) -> list[str]:
    model = view.table.model()
    return [model.index(row, col).data() for row in range(model.rowCount())]


def selected_names(view: TodayView) -> list[str]:
    model = view.table.model()
    rows = sorted(i.row() for i in view.table.selectionModel().selectedRows())
    return [model.index(row, COL_NAME).data() for row in rows]


def add(
    workspace: Workspace, name: str, days_ago: int, department: str | None = None
) -> ContactRecord:
    """A contact added ``days_ago`` days ago and never touched (cadence 30 days)."""
    today = workspace.clock.today()
    return workspace.contacts.add(
        name, department=department, added_on=today - timedelta(days=days_ago)
    )


@pytest.fixture
def due_people(workspace: Workspace) -> dict[str, ContactRecord]:
    workspace.departments.add("Finance", colour_hex="#2e7d32")
    workspace.departments.add("IT", colour_hex="#1565c0")
    workspace.departments.add("HR")
    return {
        "due": add(workspace, "Dora Due", 27, "Finance"),  # next touch in 3 days
        "stale": add(workspace, "Sam Stale", 90, "IT"),  # 60 days overdue
        "today": add(workspace, "Tia Today", 30, "Finance"),  # due today
        "overdue": add(workspace, "Olly Overdue", 42, "Finance"),  # 12 days overdue
        "fine": add(workspace, "Finn Fine", 2, "HR"),  # not due for weeks
    }


def test_nobody_due_shows_the_friendly_empty_state(qtbot: QtBot, app_context: AppContext) -> None:
    view = show(qtbot, app_context)
    assert view.stack.currentWidget() is view.empty
    assert view.empty_title.text() == "You're in touch with everyone."
    assert "Contacts (Ctrl+N)" in view.empty_hint.text()
    assert view.heading.text() == "Today — nobody to get in touch with"
    assert not view.departments.isVisible()

    add(app_context.workspace, "Finn Fine", 2)
    app_context.hub.changed.emit(frozenset({ChangeKind.CONTACTS}))
    assert view.stack.currentWidget() is view.empty
    assert "Ctrl+L" in view.empty_hint.text()


def test_rows_are_most_overdue_first_with_how_late_each_is(
    qtbot: QtBot, app_context: AppContext, due_people: dict[str, ContactRecord]
) -> None:
    view = show(qtbot, app_context)
    assert view.stack.currentWidget() is not view.empty
    assert column(view, COL_NAME) == ["Sam Stale", "Olly Overdue", "Tia Today", "Dora Due"]
    assert column(view, COL_STATUS) == ["Stale", "Overdue", "Due", "Due"]
    assert column(view, COL_WHEN) == [
        "60 days overdue", "12 days overdue", "due today", "due in 3 days",
    ]  # fmt: skip
    model = view.table.model()
    assert model.index(0, COL_STATUS).data(StatusRole) == "stale"
    assert view.heading.text() == "Today — 4 people to get in touch with"
    assert selected_names(view) == ["Sam Stale"], "the first row is ready for L, S or O"


def test_days_phrases() -> None:
    today = date(2026, 11, 23)
    assert days_phrase(today - timedelta(days=1), today) == "1 day overdue"
    assert days_phrase(today + timedelta(days=1), today) == "due tomorrow"


def test_a_long_list_shows_the_most_urgent_and_says_how_many_in_all(
    qtbot: QtBot,
    app_context: AppContext,
    due_people: dict[str, ContactRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(today_view, "SHOWN", 2)
    view = show(qtbot, app_context)
    assert column(view, COL_NAME) == ["Sam Stale", "Olly Overdue"]
    assert view.heading.text() == (
        "Today — 4 people to get in touch with (the 2 most urgent shown)"
    )


def test_counts_per_department_list_only_departments_with_someone_due(
    qtbot: QtBot, app_context: AppContext, due_people: dict[str, ContactRecord]
) -> None:
    view = show(qtbot, app_context)
    assert view.departments.isVisible()
    assert view.departments.lines == [
        "Finance: overdue 1 · due 2",
        "IT: overdue 1 · due 0",
    ]
    assert "#2e7d32" in view.departments.labels[0].text()


def test_s_snoozes_the_selected_contact_and_moves_to_the_next(
    qtbot: QtBot,
    app_context: AppContext,
    due_people: dict[str, ContactRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace = app_context.workspace
    in_a_week = workspace.clock.today() + timedelta(days=7)
    asked: list[tuple[date, QWidget | None]] = []

    def choose(today: date, parent: QWidget | None, at: object) -> date:
        asked.append((today, parent))
        return in_a_week

    monkeypatch.setattr(today_view, "ask_snooze_until", choose)
    view = show(qtbot, app_context)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert selected_names(view) == ["Olly Overdue"]
    qtbot.keyClick(view.table, Qt.Key.Key_S)

    assert asked == [(workspace.clock.today(), view)]
    assert workspace.contacts.get(due_people["overdue"].id).snoozed_until == in_a_week
    assert column(view, COL_NAME) == ["Sam Stale", "Tia Today", "Dora Due"]
    assert selected_names(view) == ["Tia Today"]
    assert view.snooze_button.isEnabled()
    assert view.heading.text() == "Today — 3 people to get in touch with"


def test_dismissing_the_snooze_menu_changes_nothing(
    qtbot: QtBot,
    app_context: AppContext,
    due_people: dict[str, ContactRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(today_view, "ask_snooze_until", lambda today, parent, at: None)
    view = show(qtbot, app_context)
    view.snooze_button.click()
    assert len(column(view, COL_NAME)) == 4
    assert app_context.workspace.contacts.get(due_people["stale"].id).snoozed_until is None


def test_l_asks_for_the_quick_log_with_the_selected_people(
    qtbot: QtBot, app_context: AppContext, due_people: dict[str, ContactRecord]
) -> None:
    view = show(qtbot, app_context)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(view.quick_log) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_L)
    assert blocker.args == [[due_people["stale"].id, due_people["overdue"].id]]

    with qtbot.waitSignal(view.quick_log) as blocker:
        view.log_button.click()
    assert blocker.args == [[due_people["stale"].id, due_people["overdue"].id]]


def test_o_and_enter_open_the_contact(
    qtbot: QtBot, app_context: AppContext, due_people: dict[str, ContactRecord]
) -> None:
    view = show(qtbot, app_context)
    for _ in range(3):
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.open_contact) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_O)
    assert blocker.args == [due_people["due"].id]

    qtbot.keyClick(view.table, Qt.Key.Key_PageUp)
    with qtbot.waitSignal(view.open_contact) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [due_people["stale"].id]


def test_the_action_buttons_need_a_selection(
    qtbot: QtBot, app_context: AppContext, due_people: dict[str, ContactRecord]
) -> None:
    view = show(qtbot, app_context)
    assert view.log_button.text() == "Log touch (L)"
    assert view.open_button.isEnabled()
    view.table.clearSelection()
    assert not view.log_button.isEnabled()
    assert not view.snooze_button.isEnabled()
    assert not view.open_button.isEnabled()
    with qtbot.assertNotEmitted(view.quick_log):
        qtbot.keyClick(view.table, Qt.Key.Key_L)


def test_a_touch_logged_elsewhere_takes_the_contact_off_the_list(
    qtbot: QtBot, app_context: AppContext, due_people: dict[str, ContactRecord]
) -> None:
    view = show(qtbot, app_context)
    workspace = app_context.workspace
    app_context.op(
        lambda: workspace.interactions.log([due_people["stale"].id], "Coffee", kind="coffee")
    ).changes(ChangeKind.INTERACTIONS, ChangeKind.CONTACTS).run()
    assert column(view, COL_NAME) == ["Olly Overdue", "Tia Today", "Dora Due"]
    assert selected_names(view) == ["Olly Overdue"]

    view.hide()
    app_context.op(
        lambda: workspace.contacts.snooze(due_people["today"].id, date(2026, 12, 1))
    ).changes(ChangeKind.CONTACTS).run()
    assert "Tia Today" in column(view, COL_NAME), "a hidden page waits until it is shown"
    view.show()
    assert column(view, COL_NAME) == ["Olly Overdue", "Dora Due"]
