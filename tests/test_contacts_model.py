"""The contacts table model is a window over SQL: it knows every row, reads a block where the
view looks (by keyset scrolling on, by offset jumping), sorts and filters in SQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
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
def reads() -> list[tuple[tuple[Any, ...] | None, int]]:
    """(after, offset) of every block the model read."""
    return []


@pytest.fixture
def model(workspace: Workspace, reads: list[tuple[tuple[Any, ...] | None, int]]) -> ContactsModel:
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
        shown: ContactFilter,
        sort: SortKey,
        descending: bool,
        after: tuple[Any, ...] | None,
        offset: int,
        limit: int,
    ) -> ContactPage:
        reads.append((after, offset))
        return listing.page(
            shown, sort=sort, descending=descending, after=after, offset=offset, limit=limit
        )

    return ContactsModel(fetch, listing.count, block=PAGE)


def names(model: ContactsModel) -> list[str]:
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def test_knows_every_row_and_reads_only_the_first_block_on_opening(
    model: ContactsModel, reads: list[tuple[tuple[Any, ...] | None, int]]
) -> None:
    assert model.rowCount() == 60
    assert model.total == 60
    assert reads == [(None, 0)]
    assert model.loaded_rows() == list(range(PAGE))


def test_the_last_row_is_read_by_offset_without_the_rows_between(
    model: ContactsModel, reads: list[tuple[tuple[Any, ...] | None, int]]
) -> None:
    assert model.index(59, COL_NAME).data() == "Person 59"
    assert reads == [(None, 0), (None, 50)]
    # Scrolling on from the first block carries on after its last row (a keyset).
    assert model.index(25, COL_NAME).data() == "Person 25"
    assert reads[-1] == (("Person 24", model.contact_id(24)), 0)
    assert names(model) == [f"Person {n:02d}" for n in range(60)]


def test_a_view_jumping_to_the_end_shows_the_last_contact(
    qtbot: QtBot, model: ContactsModel, reads: list[tuple[tuple[Any, ...] | None, int]]
) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    view.setCurrentIndex(model.index(0, COL_NAME))
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().row() == 59
    assert model.index(59, COL_NAME).data() == "Person 59"
    assert (None, PAGE) not in reads  # the block in between was never read


def test_every_order_reads_the_same_rows_by_offset_as_by_keyset(workspace: Workspace) -> None:
    finance = workspace.departments.add("Finance")
    workspace.departments.add("Sales")
    for number in range(30):
        workspace.contacts.add(
            f"Person {number:02d}", department=("Sales", None, "Finance")[number % 3]
        )
    listing = ContactList(workspace.db, workspace.clock)
    for sort in SortKey:
        for descending in (False, True):
            walked: list[int] = []
            after = None
            while True:
                page = listing.page(sort=sort, descending=descending, after=after, limit=7)
                walked += [row.id for row in page.rows]
                if page.after is None:
                    break
                after = page.after
            for offset in range(0, 30, 4):
                page = listing.page(sort=sort, descending=descending, offset=offset, limit=7)
                assert [row.id for row in page.rows] == walked[offset : offset + 7], (sort, offset)
    in_finance = ContactFilter(department_id=finance.id)
    page = listing.page(in_finance, sort=SortKey.DEPARTMENT, offset=8, limit=5)
    assert [row.name for row in page.rows] == ["Person 26", "Person 29"]


def test_columns_and_roles(model: ContactsModel) -> None:
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
    assert model.rowCount() == 60
    assert model.loaded_rows() == list(range(PAGE))
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
    assert names(model) == [f"Person {n:02d}" for n in range(31, 60)]
    assert {model.index(row, COL_STATUS).data(StatusRole) for row in range(model.rowCount())} == {
        TouchStatus.OVERDUE
    }
