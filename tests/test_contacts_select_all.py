"""Ctrl+A in Contacts selects every contact the filters show, and an action on them reaches
each one without the table reading every row to learn who they are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dialog_driver import answer_questions, click_ok
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from deskbridge.contact_list import ContactFilter
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.bulk_actions import BulkTagDialog
from deskbridge.ui.contacts_model import BLOCK
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.workspace import Workspace

SALES = 2 * BLOCK + 30  # more rows than the table reads at once


@pytest.fixture
def many(workspace: Workspace) -> Workspace:
    today = workspace.clock.today()
    workspace.departments.add("Sales")
    workspace.departments.add("IT")
    for n in range(SALES):
        workspace.contacts.add(
            f"Seller {n:04d}", department="Sales", added_on=today - timedelta(days=3)
        )
    for n in range(5):
        workspace.contacts.add(f"Admin {n}", department="IT", added_on=today - timedelta(days=3))
    return workspace


@pytest.fixture
def view(qtbot: QtBot, app_context: AppContext, many: Workspace) -> ContactsView:
    shown = ContactsView(app_context)
    qtbot.addWidget(shown)
    shown.resize(1000, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def select_all(qtbot: QtBot, view: ContactsView) -> None:
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def test_select_all_then_tag_every_matching_contact_reading_one_block(
    qtbot: QtBot, view: ContactsView, many: Workspace
) -> None:
    view.filters.text.setText("seller")
    view.filters.typing.stop()
    view.filters.changed.emit()
    assert view.model.total == SALES
    select_all(qtbot, view)

    assert view.all_rows_selected()
    assert view.detail.many.text().startswith(f"{SALES:,} contacts selected")
    assert view.model.loaded_rows() == list(range(BLOCK))  # nothing read to show that

    view.tag_action.trigger()
    dialog = view.open_dialog
    assert isinstance(dialog, BulkTagDialog)
    assert dialog.windowTitle() == f"Add a tag to {SALES:,} contacts"
    typed = dialog.tag.lineEdit()
    assert typed is not None
    qtbot.keyClicks(typed, "Q4 push")
    click_ok(qtbot, dialog)

    tagged = many.contact_list.ids(ContactFilter(tag="Q4 push"))
    assert tagged == many.contact_list.ids(ContactFilter(text="seller"))
    assert len(tagged) == SALES
    assert many.contact_list.count(ContactFilter(text="admin", tag="Q4 push")) == 0
    assert view.all_rows_selected()  # the refresh keeps every row selected
    assert len(view.model.loaded_rows()) <= 2 * BLOCK


def test_select_all_then_archive_asks_with_the_count_and_spares_the_rest(
    qtbot: QtBot, view: ContactsView, many: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    sales = many.departments.list()[1]
    assert sales.name == "Sales"
    view.show_department(sales.id)
    select_all(qtbot, view)
    assert not view.log_action.isEnabled() and not view.edit_action.isEnabled()
    assert view.archive_action.isEnabled() and not view.unarchive_action.isEnabled()

    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    view.archive_action.trigger()
    assert asked[0].startswith(f"Archive {SALES:,} contacts?")
    assert many.contact_list.count(ContactFilter(archived=True)) == SALES
    assert many.contact_list.count() == 5  # the IT people stay active
    assert view.model.total == 0


def test_a_selection_short_of_every_row_acts_on_its_own_rows(
    qtbot: QtBot, view: ContactsView, many: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_all(qtbot, view)
    view.table.selectionModel().select(
        view.model.index(0, 0),
        view.table.selectionModel().SelectionFlag.Deselect
        | view.table.selectionModel().SelectionFlag.Rows,
    )
    assert not view.all_rows_selected()
    first = view.model.contact_id(0)
    chosen = view.chosen_contacts()
    assert chosen.shown is None and chosen.count == SALES + 4 and first not in chosen.ids
