"""The contacts table model pages from SQL: bounded rows, SQL sorting and filtering."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from deskbridge.contact_list import ContactFilter, ContactList, ContactPage, SortKey
from deskbridge.records import TouchStatus
from deskbridge.ui.contacts_model import (
    COL_DEPARTMENT,
    COL_LAST,
    COL_NAME,
    COL_STATUS,
    COL_TAGS,
    ContactIdRole,
    ContactsModel,
    StatusRole,
)
from deskbridge.workspace import Workspace

PAGE = 25


@pytest.fixture
def model(workspace: Workspace) -> ContactsModel:
    today = workspace.clock.today()
    workspace.departments.add("Finance")
    for number in range(60):
        workspace.contacts.add(
            f"Person {number:02d}",
            department="Finance" if number % 2 else None,
            tags=["ally"] if number == 7 else [],
            added_on=today - timedelta(days=number),
        )
    listing = ContactList(workspace.db, workspace.clock)

    def fetch(
        shown: ContactFilter, sort: SortKey, descending: bool, after: tuple[Any, ...] | None
    ) -> ContactPage:
        return listing.page(shown, sort=sort, descending=descending, after=after, limit=PAGE)

    return ContactsModel(fetch)


def names(model: ContactsModel) -> list[str]:
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def test_opens_with_one_page_and_fetches_more_on_demand(model: ContactsModel) -> None:
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 60
    assert not model.canFetchMore(QModelIndex())
    assert names(model) == [f"Person {n:02d}" for n in range(60)]


def test_a_view_scrolled_to_the_end_holds_every_row_once(
    qtbot: QtBot, model: ContactsModel
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    while model.canFetchMore(QModelIndex()):
        view.scrollToBottom()
        qtbot.wait(1)
    assert len(set(names(model))) == model.rowCount() == 60


def test_columns_and_roles(model: ContactsModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    seven = names(model).index("Person 07")
    assert model.index(seven, COL_DEPARTMENT).data() == "Finance"
    assert model.index(seven, COL_TAGS).data() == "ally"
    assert model.index(seven, COL_LAST).data() == "never"
    assert model.index(seven, COL_NAME).data(ContactIdRole) == model.contact_id(seven)
    overdue = names(model).index("Person 45")  # added 45 days ago, 30-day default cadence
    assert model.index(overdue, COL_STATUS).data() == "Overdue"
    assert model.index(overdue, COL_STATUS).data(StatusRole) == TouchStatus.OVERDUE
    assert model.index(overdue, COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Name"


def test_sorting_happens_in_sql_and_starts_from_the_first_page(model: ContactsModel) -> None:
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == PAGE
    assert names(model)[:3] == ["Person 59", "Person 58", "Person 57"]
    model.sort(COL_DEPARTMENT, Qt.SortOrder.AscendingOrder)
    assert names(model)[0] == "Person 00"  # no department sorts first
    model.sort(COL_STATUS)  # not a sortable column: nothing changes
    assert names(model)[0] == "Person 00"


def test_filtering_happens_in_sql(model: ContactsModel) -> None:
    model.set_filter(ContactFilter(text="person 0"))
    assert names(model) == [f"Person 0{n}" for n in range(10)]
    model.set_filter(ContactFilter(tag="ally"))
    assert names(model) == ["Person 07"]
    model.set_filter(ContactFilter(status=TouchStatus.OVERDUE))  # added 31 to 59 days ago
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert names(model) == [f"Person {n:02d}" for n in range(31, 60)]
    assert {model.index(row, COL_STATUS).data(StatusRole) for row in range(model.rowCount())} == {
        TouchStatus.OVERDUE
    }
