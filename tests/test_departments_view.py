"""The Departments view, driven like a user: add, edit, validate, delete, show contacts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dialog_driver import answer_questions, click_ok, when_shown
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.department_dialog import DeleteDepartmentDialog, DepartmentDialog
from deskbridge.ui.departments_view import (
    COL_CADENCE,
    COL_CONTACTS,
    COL_DUE,
    COL_NAME,
    COL_OVERDUE,
    ColourRole,
    DepartmentsView,
)
from deskbridge.workspace import Workspace


@pytest.fixture
def view(qtbot: QtBot, app_context: AppContext) -> DepartmentsView:
    page = DepartmentsView(app_context)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    return page


def shown_rows(view: DepartmentsView) -> list[tuple[str, ...]]:
    model = view.table.model()
    columns = (COL_NAME, COL_CADENCE, COL_CONTACTS, COL_OVERDUE, COL_DUE)
    return [
        tuple(model.index(row, column).data() for column in columns)
        for row in range(model.rowCount())
    ]


def select(qtbot: QtBot, view: DepartmentsView, name: str) -> None:
    row = [r[0] for r in shown_rows(view)].index(name)
    view.table.setFocus()
    view.table.selectRow(row)


def test_an_empty_network_offers_to_add_the_first_department(
    qtbot: QtBot, view: DepartmentsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert view.stack.currentWidget() is view.empty
    assert not view.edit_button.isEnabled()

    def add_finance(dialog: QDialog) -> None:
        assert isinstance(dialog, DepartmentDialog)
        qtbot.keyClicks(dialog.name, "Finance")
        qtbot.keyClicks(dialog.cadence, "14")
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, DepartmentDialog, add_finance)
    qtbot.mouseClick(view.empty_add_button, Qt.MouseButton.LeftButton)

    assert view.stack.currentWidget() is view.table
    assert shown_rows(view) == [("Finance", "14 days", "0", "0", "0")]
    assert view.selected_department() is not None
    assert view.heading.text() == "1 department"
    stored = workspace.departments.list()
    assert [(d.name, d.cadence_days) for d in stored] == [("Finance", 14)]


def test_counts_show_contacts_overdue_and_due_and_follow_a_logged_touch(
    qtbot: QtBot, app_context: AppContext, workspace: Workspace
) -> None:
    today = workspace.clock.today()
    workspace.departments.add("Finance")
    olga = workspace.contacts.add("Olga", department="Finance", added_on=today - timedelta(40))
    workspace.contacts.add("Dan", department="Finance", added_on=today - timedelta(25))
    workspace.contacts.add("Fay", department="Finance", added_on=today)
    view = DepartmentsView(app_context)
    qtbot.addWidget(view)
    view.show()
    assert shown_rows(view) == [("Finance", "uses default (30 days)", "3", "1", "1")]
    overdue = view.table.model().index(0, COL_OVERDUE)
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None

    app_context.op(lambda: workspace.interactions.log([olga.id], "Coffee")).changes(
        ChangeKind.INTERACTIONS, ChangeKind.CONTACTS
    ).run()
    assert shown_rows(view) == [("Finance", "uses default (30 days)", "3", "0", "1")]


def test_enter_edits_the_cadence_and_the_counts_follow(
    qtbot: QtBot, view: DepartmentsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = workspace.clock.today()
    workspace.departments.add("IT")
    workspace.contacts.add("Ian", department="IT", added_on=today - timedelta(20))
    view.refresh()
    assert shown_rows(view)[0][1:] == ("uses default (30 days)", "1", "0", "0")

    def weekly(dialog: QDialog) -> None:
        assert isinstance(dialog, DepartmentDialog)
        assert dialog.name.text() == "IT"
        assert dialog.cadence.placeholderText() == "uses the default (30 days)"
        qtbot.keyClicks(dialog.cadence, "7")
        qtbot.keyClick(dialog.cadence, Qt.Key.Key_Return)

    when_shown(monkeypatch, DepartmentDialog, weekly)
    select(qtbot, view, "IT")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert shown_rows(view) == [("IT", "7 days", "1", "1", "0")]
    assert workspace.departments.list()[0].cadence_days == 7

    def back_to_default(dialog: QDialog) -> None:
        assert isinstance(dialog, DepartmentDialog)
        dialog.cadence.clear()
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, DepartmentDialog, back_to_default)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert shown_rows(view)[0][1] == "uses default (30 days)"
    assert workspace.departments.list()[0].cadence_days is None


@pytest.mark.parametrize(
    ("name", "cadence", "field", "message"),
    [
        ("", "", "name", "Must not be empty"),
        ("finance", "", "name", "A department named 'finance' already exists"),
        ("IT", "often", "cadence", "Must be a whole number of days"),
        ("IT", "0", "cadence", "Must be between 1 and 3650 days"),
    ],
)
def test_bad_input_is_explained_beside_its_field_and_nothing_is_saved(
    qtbot: QtBot,
    view: DepartmentsView,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    cadence: str,
    field: str,
    message: str,
) -> None:
    workspace.departments.add("Finance")
    view.refresh()

    def type_and_save(dialog: QDialog) -> None:
        assert isinstance(dialog, DepartmentDialog)
        qtbot.keyClicks(dialog.name, name)
        qtbot.keyClicks(dialog.cadence, cadence)
        click_ok(qtbot, dialog)

    opened = when_shown(monkeypatch, DepartmentDialog, type_and_save)
    view.add_department()

    dialog = opened[0]
    assert isinstance(dialog, DepartmentDialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.field_error(field) == message
    assert [d.name for d in workspace.departments.list()] == ["Finance"]
    assert [row[0] for row in shown_rows(view)] == ["Finance"]


def test_the_colour_comes_from_the_colour_dialog_and_shows_as_a_swatch(
    qtbot: QtBot, view: DepartmentsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor("#123456"))

    def pick_colour(dialog: QDialog) -> None:
        assert isinstance(dialog, DepartmentDialog)
        qtbot.keyClicks(dialog.name, "Sales")
        qtbot.mouseClick(dialog.colour_button, Qt.MouseButton.LeftButton)
        assert dialog.colour.text() == "#123456"
        click_ok(qtbot, dialog)

    when_shown(monkeypatch, DepartmentDialog, pick_colour)
    view.add_department()
    assert workspace.departments.list()[0].colour == "#123456"
    index = view.table.model().index(0, COL_NAME)
    assert index.data(ColourRole) == "#123456"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None


@pytest.fixture
def three_departments(workspace: Workspace) -> dict[str, int]:
    ids = {name: workspace.departments.add(name).id for name in ("Finance", "IT", "Sales")}
    for person in ("Ana", "Bo"):
        workspace.contacts.add(person, department="Finance")
    return ids


def test_deleting_a_department_can_move_its_contacts_to_another(
    qtbot: QtBot,
    view: DepartmentsView,
    workspace: Workspace,
    three_departments: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view.refresh()

    def move_to_sales(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteDepartmentDialog)
        assert dialog.move_choice.isChecked()
        assert [dialog.target.itemText(i) for i in range(dialog.target.count())] == [
            "IT",
            "Sales",
        ]
        dialog.target.setCurrentIndex(dialog.target.findText("Sales"))
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    when_shown(monkeypatch, DeleteDepartmentDialog, move_to_sales)
    select(qtbot, view, "Finance")
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)

    assert [row[0] for row in shown_rows(view)] == ["IT", "Sales"]
    assert shown_rows(view)[1][2] == "2"
    people = workspace.contact_list.page().rows
    assert {(row.name, row.department) for row in people} == {("Ana", "Sales"), ("Bo", "Sales")}


def test_deleting_a_department_can_leave_its_contacts_without_one(
    qtbot: QtBot,
    view: DepartmentsView,
    workspace: Workspace,
    three_departments: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view.refresh()

    def leave_them(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteDepartmentDialog)
        qtbot.mouseClick(dialog.leave_choice, Qt.MouseButton.LeftButton)
        assert not dialog.target.isEnabled()
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    when_shown(monkeypatch, DeleteDepartmentDialog, leave_them)
    select(qtbot, view, "Finance")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)

    assert [row[0] for row in shown_rows(view)] == ["IT", "Sales"]
    assert {row.department for row in workspace.contact_list.page().rows} == {None}


def test_cancelling_the_delete_keeps_everything(
    qtbot: QtBot,
    view: DepartmentsView,
    workspace: Workspace,
    three_departments: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view.refresh()

    def cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteDepartmentDialog)
        cancel_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)

    opened = when_shown(monkeypatch, DeleteDepartmentDialog, cancel)
    select(qtbot, view, "Finance")
    view.delete_selected()

    assert len(opened) == 1
    assert [row[0] for row in shown_rows(view)] == ["Finance", "IT", "Sales"]
    assert {row.department for row in workspace.contact_list.page().rows} == {"Finance"}


def test_a_department_without_contacts_asks_a_plain_question(
    qtbot: QtBot, view: DepartmentsView, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.departments.add("HR")
    view.refresh()
    asked = answer_questions(
        monkeypatch, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes
    )
    select(qtbot, view, "HR")
    view.delete_selected()
    assert [d.name for d in workspace.departments.list()] == ["HR"]

    view.delete_selected()
    assert asked == ["Delete the department “HR”? It has no active contacts."] * 2
    assert workspace.departments.list() == []
    assert view.stack.currentWidget() is view.empty


def test_show_contacts_asks_for_the_selected_department(
    qtbot: QtBot, view: DepartmentsView, three_departments: dict[str, int]
) -> None:
    view.refresh()
    select(qtbot, view, "IT")
    with qtbot.waitSignal(view.open_department) as emitted:
        qtbot.mouseClick(view.contacts_button, Qt.MouseButton.LeftButton)
    assert emitted.args == [three_departments["IT"]]


def test_a_view_off_screen_rereads_only_when_shown(
    qtbot: QtBot, app_context: AppContext, workspace: Workspace
) -> None:
    view = DepartmentsView(app_context)
    qtbot.addWidget(view)
    app_context.op(lambda: workspace.departments.add("Legal")).changes(ChangeKind.DEPARTMENTS).run()
    assert shown_rows(view) == []
    view.show()
    assert [row[0] for row in shown_rows(view)] == ["Legal"]


def test_a_cadence_error_puts_the_cursor_back_in_the_cadence_field(
    qtbot: QtBot, app_context: AppContext
) -> None:
    dialog = DepartmentDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Legal")
    qtbot.keyClicks(dialog.cadence, "weekly")
    click_ok(qtbot, dialog)
    assert dialog.field_error("cadence") == "Must be a whole number of days"
    assert dialog.focusWidget() is dialog.cadence
