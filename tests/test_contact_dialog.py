"""Adding and editing a contact through the dialog, typed like a user types it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from dialog_driver import click_ok
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contact_dialog import ContactDialog, parse_cadence, split_list
from deskbridge.ui.contacts_model import COL_DEPARTMENT, COL_NAME, COL_ROLE, COL_STATUS
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.workspace import Workspace


@pytest.fixture
def view(qtbot: QtBot, app_context: AppContext) -> ContactsView:
    shown = ContactsView(app_context)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def open_add_dialog(view: ContactsView) -> ContactDialog:
    view.add_contact()
    dialog = view.open_dialog
    assert isinstance(dialog, ContactDialog)
    assert dialog.isVisible()
    return dialog


def department_box(dialog: ContactDialog) -> QLineEdit:
    box = dialog.department.lineEdit()
    assert box is not None
    return box


def table_row(view: ContactsView, name: str) -> int:
    names = [view.model.index(row, COL_NAME).data() for row in range(view.model.rowCount())]
    assert name in names, names
    return names.index(name)


def test_a_contact_typed_into_the_dialog_is_stored_and_shown(
    qtbot: QtBot, view: ContactsView, workspace: Workspace
) -> None:
    workspace.departments.add("Finance")
    view.refresh()
    assert view.table_stack.currentIndex() == 1  # the empty state, before anyone is added
    dialog = open_add_dialog(view)

    qtbot.keyClicks(dialog.name, "Ana Lopez")
    qtbot.keyClicks(department_box(dialog), "Finance")
    qtbot.keyClicks(dialog.role, "Controller")
    qtbot.keyClicks(dialog.emails, "ana@example.com, ana.lopez@example.com")
    qtbot.keyClicks(dialog.phones, "+34 600 100 200")
    qtbot.keyClicks(dialog.location, "Madrid")
    qtbot.keyClicks(dialog.tags, "ally, budget")
    qtbot.keyClicks(dialog.cadence, "5")
    qtbot.keyClicks(dialog.strengths, "ROI models")
    qtbot.keyClicks(dialog.notes, "Prefers mornings")
    click_ok(qtbot, dialog)

    assert view.open_dialog is None
    assert workspace.contacts.count() == 1
    stored = workspace.contacts.resolve("Ana Lopez")
    assert stored.department == "Finance"
    assert stored.emails == ("ana@example.com", "ana.lopez@example.com")
    assert stored.phones == ("+34 600 100 200",)
    assert stored.tags == ("ally", "budget")
    assert stored.cadence_days == 5
    assert (stored.role, stored.location, stored.strengths, stored.notes) == (
        "Controller", "Madrid", "ROI models", "Prefers mornings",
    )  # fmt: skip

    assert view.table_stack.currentWidget() is view.table
    row = table_row(view, "Ana Lopez")
    assert view.model.index(row, COL_DEPARTMENT).data() == "Finance"
    assert view.model.index(row, COL_STATUS).data() == "Due"  # a 5-day cadence from today
    assert view.selected_ids() == [stored.id]
    assert view.detail.name_label.text() == "Ana Lopez"
    assert view.count_label.text() == "1 contact"


def fill_valid(qtbot: QtBot, dialog: ContactDialog) -> None:
    qtbot.keyClicks(dialog.name, "Bo Chen")
    qtbot.keyClicks(department_box(dialog), "Finance")
    qtbot.keyClicks(dialog.emails, "bo@example.com")
    qtbot.keyClicks(dialog.cadence, "14")


def clear_and_type(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, text)


@pytest.mark.parametrize(
    ("field", "retype", "typed", "message"),
    [
        ("name", lambda d: d.name, "", "Must not be empty"),
        ("email", None, "bo(at)example", "'bo(at)example' is not an e-mail address"),
        ("department", department_box, "Nowhere", "There is no department named 'Nowhere'"),
        ("cadence", lambda d: d.cadence, "fortnight", "Must be a whole number of days"),
        ("cadence", lambda d: d.cadence, "0", "Must be between 1 and 3650 days"),
    ],
)
def test_a_bad_field_gets_a_message_beside_it_and_nothing_is_saved(
    qtbot: QtBot,
    view: ContactsView,
    workspace: Workspace,
    field: str,
    retype: Callable[[ContactDialog], QLineEdit] | None,
    typed: str,
    message: str,
) -> None:
    workspace.departments.add("Finance")
    workspace.contacts.add("Someone Else")
    dialog = open_add_dialog(view)
    fill_valid(qtbot, dialog)
    if retype is None:
        dialog.emails.clear()
        qtbot.keyClicks(dialog.emails, typed)
    else:
        clear_and_type(qtbot, retype(dialog), typed)
    click_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert view.open_dialog is dialog
    assert dialog.field_error(field) == message
    others = {"name", "email", "department", "cadence"} - {field}
    assert all(dialog.field_error(other) == "" for other in others)
    assert workspace.contacts.count() == 1
    box = dialog.emails.toPlainText() if retype is None else retype(dialog).text()
    assert box == typed
    assert dialog.name.text() == ("" if field == "name" else "Bo Chen")


def test_fixing_the_field_and_pressing_ok_again_saves(
    qtbot: QtBot, view: ContactsView, workspace: Workspace
) -> None:
    workspace.departments.add("Finance")
    dialog = open_add_dialog(view)
    fill_valid(qtbot, dialog)
    clear_and_type(qtbot, dialog.cadence, "two weeks")
    click_ok(qtbot, dialog)
    assert dialog.field_error("cadence")
    assert workspace.contacts.count() == 0

    clear_and_type(qtbot, dialog.cadence, "14")
    click_ok(qtbot, dialog)
    assert view.open_dialog is None
    assert workspace.contacts.resolve("Bo Chen").cadence_days == 14


def test_enter_on_a_row_edits_it_and_the_table_and_detail_follow(
    qtbot: QtBot, view: ContactsView, workspace: Workspace
) -> None:
    workspace.departments.add("Finance")
    workspace.departments.add("IT", cadence_days=10)
    ana = workspace.contacts.add(
        "Ana Lopez", department="Finance", role="Analyst", emails=["ana@example.com"],
        tags=["ally"], cadence_days=20,
    )  # fmt: skip
    view.refresh()
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.table.visualRect(view.model.index(table_row(view, "Ana Lopez"), 0)).center(),
    )
    assert view.detail.fields["Role"].text() == "Analyst"
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    dialog = view.open_dialog
    assert isinstance(dialog, ContactDialog)
    assert dialog.windowTitle() == "Edit Ana Lopez"
    assert dialog.name.text() == "Ana Lopez"
    assert dialog.department.currentText() == "Finance"
    assert dialog.emails.toPlainText() == "ana@example.com"
    assert dialog.tags.text() == "ally"
    assert dialog.cadence.text() == "20"

    clear_and_type(qtbot, dialog.role, "Web lead")
    clear_and_type(qtbot, department_box(dialog), "IT")
    clear_and_type(qtbot, dialog.cadence, "")
    assert "Blank: 10 days, from IT" in dialog.cadence.placeholderText()
    click_ok(qtbot, dialog)

    assert view.open_dialog is None
    stored = workspace.contacts.get(ana.id)
    assert (stored.role, stored.department, stored.cadence_days) == ("Web lead", "IT", None)
    assert stored.emails == ("ana@example.com",)  # untouched fields stay
    row = table_row(view, "Ana Lopez")
    assert view.model.index(row, COL_ROLE).data() == "Web lead"
    assert view.model.index(row, COL_DEPARTMENT).data() == "IT"
    assert view.selected_ids() == [ana.id]
    assert view.detail.fields["Role"].text() == "Web lead"
    assert view.detail.fields["Keep in touch"].text() == "every 10 days (from IT)"


def test_a_failed_edit_changes_nothing(
    qtbot: QtBot, view: ContactsView, workspace: Workspace
) -> None:
    ana = workspace.contacts.add("Ana Lopez", emails=["ana@example.com"])
    view.edit_contact(ana.id)
    dialog = view.open_dialog
    assert isinstance(dialog, ContactDialog)
    clear_and_type(qtbot, dialog.role, "Web lead")
    dialog.emails.clear()
    qtbot.keyClicks(dialog.emails, "ana@example.com")
    qtbot.keyClick(dialog.emails, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.emails, "not an address")
    click_ok(qtbot, dialog)
    assert dialog.field_error("email") == "'not an address' is not an e-mail address"
    assert workspace.contacts.get(ana.id).role == ""


def test_lists_and_cadence_are_read_the_way_they_are_typed() -> None:
    assert split_list("a@x.io, b@x.io;c@x.io\n\n d@x.io ") == [
        "a@x.io",
        "b@x.io",
        "c@x.io",
        "d@x.io",
    ]
    assert parse_cadence("  ") is None
    assert parse_cadence(" 21 ") == 21
