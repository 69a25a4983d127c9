"""The Contacts view as a user drives it: filters, sorting, the detail pane, quick actions
and changes to several contacts at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dialog_driver import answer_questions, click_ok
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.contact_list import SortKey
from deskbridge.demo import fill_demo
from deskbridge.errors import NotFoundError
from deskbridge.ui import contact_detail
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.bulk_actions import BulkDepartmentDialog, BulkTagDialog
from deskbridge.ui.contact_dialog import ContactDialog
from deskbridge.ui.contacts_model import (
    COL_DEPARTMENT,
    COL_LAST,
    COL_NAME,
    COL_STATUS,
    COL_TAGS,
    DepartmentColourRole,
)
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.workspace import Workspace


@pytest.fixture
def people(workspace: Workspace) -> dict[str, int]:
    """Five colleagues: two in Finance, one in IT, one snoozed, one never touched for long."""
    today = workspace.clock.today()
    workspace.departments.add("Finance", colour_hex="#1e88e5")
    workspace.departments.add("IT")
    ago = {"Ana Lopez": 45, "Bo Chen": 27, "Cy Diaz": 90, "Di Evans": 2, "Ed Fox": 40}
    added: dict[str, dict[str, Any]] = {
        "Ana Lopez": {"department": "Finance", "role": "Controller", "tags": ["ally"],
                      "strengths": "ROI models, budgets"},
        "Bo Chen": {"department": "IT", "role": "Web lead", "emails": ["bo@example.com"]},
        "Cy Diaz": {"department": "Finance", "role": "Buyer", "tags": ["ally", "new"]},
        "Di Evans": {"role": "Designer"},
        "Ed Fox": {"role": "Sales rep"},
    }  # fmt: skip
    ids = {
        name: workspace.contacts.add(name, added_on=today - timedelta(days=ago[name]), **fields).id
        for name, fields in added.items()
    }
    workspace.contacts.snooze(ids["Ed Fox"], today + timedelta(days=10))
    return ids


@pytest.fixture
def view(qtbot: QtBot, app_context: AppContext, people: dict[str, int]) -> ContactsView:
    shown = ContactsView(app_context)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def names(view: ContactsView) -> list[str]:
    return [view.model.index(row, COL_NAME).data() for row in range(view.model.rowCount())]


def cell(view: ContactsView, name: str, column: int) -> str:
    return str(view.model.index(names(view).index(name), column).data())


def click_row(qtbot: QtBot, view: ContactsView, name: str, ctrl: bool = False) -> None:
    index = view.model.index(names(view).index(name), COL_NAME)
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier,
        view.table.visualRect(index).center(),
    )


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def toolbar_click(qtbot: QtBot, view: ContactsView, action_name: str) -> None:
    button = view.toolbar.widgetForAction(getattr(view, action_name))
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- the table --------------------------------------------------------------------------------


def test_the_table_shows_active_contacts_with_department_colour_and_status(
    view: ContactsView,
) -> None:
    assert names(view) == ["Ana Lopez", "Bo Chen", "Cy Diaz", "Di Evans", "Ed Fox"]
    assert view.count_label.text() == "5 contacts"
    assert cell(view, "Ana Lopez", COL_STATUS) == "Overdue"
    assert cell(view, "Bo Chen", COL_STATUS) == "Due"
    assert cell(view, "Cy Diaz", COL_STATUS) == "Stale"
    assert cell(view, "Ed Fox", COL_STATUS) == "Snoozed"
    assert cell(view, "Cy Diaz", COL_TAGS) == "ally, new"
    row = names(view).index("Ana Lopez")
    assert view.model.index(row, COL_DEPARTMENT).data(DepartmentColourRole) == "#1e88e5"
    assert view.detail.stack.currentWidget() is view.detail.empty
    assert view.detail.empty.text() == "Select a contact to see their details"


def test_an_empty_network_says_how_to_begin(qtbot: QtBot, app_context: AppContext) -> None:
    shown = ContactsView(app_context)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.table_stack.currentIndex() == 1
    assert "No contacts yet" in shown.empty_label.text()
    qtbot.mouseClick(shown.empty_button, Qt.MouseButton.LeftButton)
    assert isinstance(shown.open_dialog, ContactDialog)


def test_header_clicks_sort_in_sql_and_unsortable_columns_do_not_react(
    qtbot: QtBot, view: ContactsView, workspace: Workspace, people: dict[str, int]
) -> None:
    today = workspace.clock.today()
    workspace.interactions.log([people["Bo Chen"]], "Call", occurred_on=today - timedelta(days=10))
    workspace.interactions.log([people["Ana Lopez"]], "Chat", occurred_on=today - timedelta(days=3))
    view.refresh()
    header = view.table.horizontalHeader()

    def click_header(column: int) -> None:
        middle = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))

    click_header(COL_LAST)
    assert view.model.sort_key is SortKey.LAST_TOUCH
    assert names(view) == ["Cy Diaz", "Di Evans", "Ed Fox", "Bo Chen", "Ana Lopez"]
    click_header(COL_LAST)
    assert names(view) == ["Ana Lopez", "Bo Chen", "Ed Fox", "Di Evans", "Cy Diaz"]
    click_header(COL_NAME)
    assert names(view) == ["Ana Lopez", "Bo Chen", "Cy Diaz", "Di Evans", "Ed Fox"]
    click_header(COL_NAME)
    assert view.model.descending
    assert names(view) == ["Ed Fox", "Di Evans", "Cy Diaz", "Bo Chen", "Ana Lopez"]

    click_header(COL_STATUS)
    assert view.model.sort_key is SortKey.NAME and view.model.descending
    assert header.sortIndicatorSection() == COL_NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert names(view)[0] == "Ed Fox"


# -- filters ----------------------------------------------------------------------------------


def test_typing_filters_once_the_user_pauses(qtbot: QtBot, view: ContactsView) -> None:
    fetched: list[object] = []
    view.model.modelReset.connect(lambda: fetched.append(view.model.shown.text))
    qtbot.keyClicks(view.filters.text, "bo")
    # Keystrokes arrive without the event loop running: no query yet, the pause timer waits.
    assert view.filters.typing.isActive()
    assert names(view) == ["Ana Lopez", "Bo Chen", "Cy Diaz", "Di Evans", "Ed Fox"]
    qtbot.waitUntil(lambda: names(view) == ["Bo Chen"])
    assert fetched == ["bo"]  # one query for the two keystrokes
    assert view.count_label.text() == "1 contact"

    qtbot.keyClicks(view.filters.text, "gus")
    qtbot.waitUntil(lambda: view.table_stack.currentIndex() == 1)
    assert view.empty_label.text() == "No contacts match these filters."
    qtbot.mouseClick(view.empty_button, Qt.MouseButton.LeftButton)
    assert view.filters.text.text() == ""
    assert len(names(view)) == 5


def test_department_tag_status_and_archived_filters(
    view: ContactsView, workspace: Workspace, people: dict[str, int]
) -> None:
    choose(view.filters.department, "Finance")
    assert names(view) == ["Ana Lopez", "Cy Diaz"]
    choose(view.filters.tag, "new")
    assert names(view) == ["Cy Diaz"]
    choose(view.filters.department, "All departments")
    choose(view.filters.tag, "ally")
    assert names(view) == ["Ana Lopez", "Cy Diaz"]
    choose(view.filters.tag, "Any tag")

    for status, expected in [
        ("Stale", ["Cy Diaz"]),
        ("Overdue", ["Ana Lopez"]),
        ("Due", ["Bo Chen"]),
        ("OK", ["Di Evans"]),
        ("Snoozed", ["Ed Fox"]),
    ]:
        choose(view.filters.status, status)
        assert names(view) == expected, status
        assert view.count_label.text() == "1 contact"
    choose(view.filters.status, "Any status")

    workspace.contacts.archive([people["Bo Chen"]])
    view.refresh()
    assert "Bo Chen" not in names(view)
    choose(view.filters.archived, "Archived")
    assert names(view) == ["Bo Chen"]
    assert cell(view, "Bo Chen", COL_STATUS) == "Archived"
    choose(view.filters.archived, "Active and archived")
    assert len(names(view)) == 5


def test_new_departments_and_tags_appear_in_the_filters_after_a_change(
    view: ContactsView, app_context: AppContext, people: dict[str, int]
) -> None:
    workspace = app_context.workspace
    app_context.op(lambda: workspace.departments.add("Legal")).changes(ChangeKind.DEPARTMENTS).run()
    app_context.op(lambda: workspace.contacts.add_tag([people["Di Evans"]], "mentor")).changes(
        ChangeKind.CONTACTS
    ).run()
    assert view.filters.department.findText("Legal") > 0
    choose(view.filters.tag, "mentor")
    assert names(view) == ["Di Evans"]


# -- the detail pane --------------------------------------------------------------------------


def test_the_detail_pane_shows_the_contact_and_their_timeline(
    qtbot: QtBot, view: ContactsView, app_context: AppContext, people: dict[str, int]
) -> None:
    click_row(qtbot, view, "Ana Lopez")
    detail = view.detail
    assert detail.name_label.text() == "Ana Lopez"
    assert "Controller" in detail.subtitle.text() and "Finance" in detail.subtitle.text()
    assert detail.status_label.text() == "Overdue"
    assert detail.fields["Department"].text() == "Finance"
    assert detail.fields["Tags"].text() == "ally"
    assert detail.fields["Last touch"].text() == "never"
    assert detail.fields["Keep in touch"].text() == "every 30 days (the default)"
    assert detail.strengths.text() == "ROI models, budgets"
    assert "Nothing logged with Ana Lopez yet" in detail.timeline_texts()[0]

    workspace = app_context.workspace
    yesterday = workspace.clock.today() - timedelta(days=1)
    app_context.op(
        lambda: workspace.interactions.log(
            [people["Ana Lopez"], people["Bo Chen"]], "Q3 budget review", kind="coffee",
            occurred_on=yesterday, outcome="Shared the ROI sheet",
        )
    ).changes(ChangeKind.INTERACTIONS, ChangeKind.CONTACTS).run()  # fmt: skip

    assert view.selected_ids() == [people["Ana Lopez"]]  # the refresh kept the selection
    (entry,) = detail.timeline_texts()
    assert yesterday.isoformat() in entry
    assert "Coffee" in entry and "Q3 budget review" in entry
    assert "Shared the ROI sheet" in entry and "With Bo Chen" in entry
    assert detail.fields["Last touch"].text() == f"{yesterday.isoformat()} (yesterday)"
    assert detail.status_label.isHidden()  # in touch: no badge
    assert cell(view, "Ana Lopez", COL_LAST) == yesterday.isoformat()


def test_selecting_several_shows_how_many(qtbot: QtBot, view: ContactsView) -> None:
    click_row(qtbot, view, "Ana Lopez")
    click_row(qtbot, view, "Cy Diaz", ctrl=True)
    assert view.detail.stack.currentWidget() is view.detail.many
    assert view.detail.many.text().startswith("2 contacts selected")
    click_row(qtbot, view, "Cy Diaz", ctrl=True)
    assert view.detail.name_label.text() == "Ana Lopez"


def test_log_a_touch_asks_the_main_window_with_the_contact(
    qtbot: QtBot, view: ContactsView, people: dict[str, int]
) -> None:
    click_row(qtbot, view, "Bo Chen")
    with qtbot.waitSignal(view.quick_log) as asked:
        qtbot.mouseClick(view.detail.log_button, Qt.MouseButton.LeftButton)
    assert asked.args == [[people["Bo Chen"]]]
    click_row(qtbot, view, "Di Evans", ctrl=True)
    with qtbot.waitSignal(view.quick_log) as asked:
        view.log_action.trigger()
    assert asked.args == [[people["Bo Chen"], people["Di Evans"]]]


def test_snooze_and_unsnooze_from_the_detail_pane(
    qtbot: QtBot,
    view: ContactsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    until = workspace.clock.today() + timedelta(days=7)
    monkeypatch.setattr(contact_detail, "ask_snooze_until", lambda today, parent, at: until)
    click_row(qtbot, view, "Ana Lopez")
    assert view.detail.unsnooze_button.isHidden()
    qtbot.mouseClick(view.detail.snooze_button, Qt.MouseButton.LeftButton)

    assert workspace.contacts.get(people["Ana Lopez"]).snoozed_until == until
    assert view.detail.status_label.text() == "Snoozed"
    assert view.detail.fields["Snoozed until"].text() == f"{until.isoformat()} (in 7 days)"
    assert cell(view, "Ana Lopez", COL_STATUS) == "Snoozed"

    qtbot.mouseClick(view.detail.unsnooze_button, Qt.MouseButton.LeftButton)
    assert workspace.contacts.get(people["Ana Lopez"]).snoozed_until is None
    assert view.detail.status_label.text() == "Overdue"
    assert cell(view, "Ana Lopez", COL_STATUS) == "Overdue"


def test_a_dismissed_snooze_menu_changes_nothing(
    qtbot: QtBot,
    view: ContactsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(contact_detail, "ask_snooze_until", lambda today, parent, at: None)
    click_row(qtbot, view, "Ana Lopez")
    qtbot.mouseClick(view.detail.snooze_button, Qt.MouseButton.LeftButton)
    assert workspace.contacts.get(people["Ana Lopez"]).snoozed_until is None


def test_archive_asks_first_and_no_means_no(
    qtbot: QtBot,
    view: ContactsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    click_row(qtbot, view, "Bo Chen")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(view.detail.archive_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Archive Bo Chen?")
    assert not workspace.contacts.get(people["Bo Chen"]).archived
    assert "Bo Chen" in names(view)

    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.detail.archive_button, Qt.MouseButton.LeftButton)
    assert workspace.contacts.get(people["Bo Chen"]).archived
    assert "Bo Chen" not in names(view)
    # The pane keeps the contact, so the user sees what happened and can take it back.
    assert view.detail.name_label.text() == "Bo Chen"
    assert view.detail.status_label.text() == "Archived"
    assert view.detail.archive_button.text() == "Unarchive"

    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(view.detail.archive_button, Qt.MouseButton.LeftButton)
    assert asked == []  # bringing someone back needs no confirmation
    assert not workspace.contacts.get(people["Bo Chen"]).archived
    assert "Bo Chen" in names(view)


def test_delete_asks_first_from_the_pane_and_the_delete_key(
    qtbot: QtBot,
    view: ContactsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    click_row(qtbot, view, "Di Evans")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(view.detail.delete_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(asked) == 2 and "Delete Di Evans for good?" in asked[0]
    assert workspace.contacts.count() == 5

    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert workspace.contacts.count() == 4
    assert "Di Evans" not in names(view)
    assert view.detail.stack.currentWidget() is view.detail.empty
    assert view.count_label.text() == "4 contacts"
    with pytest.raises(NotFoundError):
        workspace.contacts.get(people["Di Evans"])


# -- several at once --------------------------------------------------------------------------


def test_bulk_buttons_follow_the_selection(qtbot: QtBot, view: ContactsView) -> None:
    bulk = [view.tag_action, view.department_action, view.archive_action, view.delete_action]
    assert not any(action.isEnabled() for action in bulk)
    assert not view.unarchive_action.isEnabled()
    assert view.new_action.isEnabled()
    click_row(qtbot, view, "Ana Lopez")
    assert all(action.isEnabled() for action in bulk)
    assert not view.unarchive_action.isEnabled()  # nobody selected is archived
    menu = view.context_menu()
    assert {a.text() for a in menu.actions() if a.isEnabled()} >= {
        "Log a touch…", "Edit…", "Add tag…", "Move to department…", "Archive…", "Delete…",
    }  # fmt: skip


def test_you_are_marked_as_you_not_as_archived(
    qtbot: QtBot, app_context: AppContext, people: dict[str, int]
) -> None:
    app_context.workspace.contacts.set_me(people["Di Evans"])
    shown = ContactsView(app_context)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: "Di Evans" in names(shown))
    row = names(shown).index("Di Evans")
    assert shown.model.index(row, COL_STATUS).data() == "You"
    click_row(qtbot, shown, "Di Evans")
    assert shown.archive_action.isEnabled()
    assert not shown.unarchive_action.isEnabled()


def test_bulk_tag_department_and_archive(
    qtbot: QtBot,
    view: ContactsView,
    workspace: Workspace,
    people: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    click_row(qtbot, view, "Bo Chen")
    click_row(qtbot, view, "Di Evans", ctrl=True)
    chosen = [people["Bo Chen"], people["Di Evans"]]
    assert view.selected_ids() == chosen

    toolbar_click(qtbot, view, "tag_action")
    dialog = view.open_dialog
    assert isinstance(dialog, BulkTagDialog)
    assert dialog.windowTitle() == "Add a tag to 2 contacts"
    typed = dialog.tag.lineEdit()
    assert typed is not None
    qtbot.keyClicks(typed, "Launch team")
    click_ok(qtbot, dialog)
    assert view.open_dialog is None
    assert [cell(view, n, COL_TAGS) for n in ("Bo Chen", "Di Evans")] == ["Launch team"] * 2
    assert all("Launch team" in workspace.contacts.get(i).tags for i in chosen)
    assert view.selected_ids() == chosen  # the refresh kept both selected

    toolbar_click(qtbot, view, "department_action")
    dialog = view.open_dialog
    assert isinstance(dialog, BulkDepartmentDialog)
    choose(dialog.department, "Finance")
    click_ok(qtbot, dialog)
    assert [cell(view, n, COL_DEPARTMENT) for n in ("Bo Chen", "Di Evans")] == ["Finance"] * 2
    assert {workspace.contacts.get(i).department for i in chosen} == {"Finance"}

    toolbar_click(qtbot, view, "department_action")
    dialog = view.open_dialog
    assert isinstance(dialog, BulkDepartmentDialog)
    choose(dialog.department, "No department")
    click_ok(qtbot, dialog)
    assert {workspace.contacts.get(i).department for i in chosen} == {None}

    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    toolbar_click(qtbot, view, "archive_action")
    assert asked[0].startswith("Archive 2 contacts?")
    assert all(workspace.contacts.get(i).archived for i in chosen)
    assert names(view) == ["Ana Lopez", "Cy Diaz", "Ed Fox"]

    choose(view.filters.archived, "Archived")
    view.table.selectAll()
    assert view.unarchive_action.isEnabled() and not view.archive_action.isEnabled()
    toolbar_click(qtbot, view, "unarchive_action")
    assert not any(workspace.contacts.get(i).archived for i in chosen)
    assert view.table_stack.currentIndex() == 1  # nobody archived is left


def test_an_empty_bulk_tag_is_refused_beside_the_field(
    qtbot: QtBot, view: ContactsView, workspace: Workspace
) -> None:
    click_row(qtbot, view, "Bo Chen")
    toolbar_click(qtbot, view, "tag_action")
    dialog = view.open_dialog
    assert isinstance(dialog, BulkTagDialog)
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.field_error("tag") == "Must not be empty"
    assert workspace.contacts.resolve("Bo Chen").tags == ()


# -- what the main window asks, and keeping the user's place ------------------------------


def test_show_contact_selects_the_row_and_focus_filter_selects_the_text(
    qtbot: QtBot, view: ContactsView, workspace: Workspace, people: dict[str, int]
) -> None:
    view.show_contact(people["Cy Diaz"])
    assert view.selected_ids() == [people["Cy Diaz"]]
    assert view.detail.name_label.text() == "Cy Diaz"

    choose(view.filters.department, "IT")  # Cy is no longer in the table
    view.show_contact(people["Cy Diaz"])
    assert view.selected_ids() == []
    assert view.detail.name_label.text() == "Cy Diaz"

    qtbot.keyClicks(view.filters.text, "bo")
    view.table.setFocus()
    view.focus_filter()
    assert view.filters.text.hasFocus()
    assert view.filters.text.selectedText() == "bo"


def test_down_arrow_in_the_search_box_moves_into_the_table(
    qtbot: QtBot, view: ContactsView
) -> None:
    view.focus_filter()
    qtbot.keyClick(view.filters.text, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    assert view.detail.name_label.text() == "Ana Lopez"


def test_a_refresh_keeps_how_far_the_user_scrolled_and_the_selection(
    qtbot: QtBot, tmp_path: Path, app_context: AppContext
) -> None:
    workspace = app_context.workspace
    # The people fixture added five; the demo needs an empty database, so use a fresh one.
    fresh = Workspace.open(str(tmp_path / "demo.sqlite3"), workspace.clock)
    try:
        fill_demo(
            fresh.db, today=workspace.clock.today(), now=datetime(2026, 11, 23, 9), contacts=450
        )
        context = AppContext(fresh, app_context.runner, app_context.hub, app_context.preferences)
        shown = ContactsView(context)
        qtbot.addWidget(shown)
        shown.show()
        model = shown.model
        everyone = model.rowCount()
        assert everyone == fresh.contact_list.count()
        shown.show_contact(model.contact_id(350))
        chosen = shown.selected_ids()
        scrolled = shown.table.verticalScrollBar().value()
        assert scrolled > 0
        shown.refresh()
        assert model.rowCount() == everyone
        assert shown.selected_ids() == chosen
        assert shown.detail.contact_id == chosen[0]
        assert shown.table.verticalScrollBar().value() == scrolled

        shown.table.setFocus()
        qtbot.keyClick(shown.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        last = fresh.contact_list.page(descending=True, limit=1).rows[0]
        current = shown.table.currentIndex()
        assert current.row() == everyone - 1
        assert current.siblingAtColumn(COL_NAME).data() == last.name
        assert shown.table.viewport().rect().contains(shown.table.visualRect(current).center())
    finally:
        fresh.close()
