"""The Contacts view on 100,000 contacts holds one page at a time: opening, scrolling,
filtering and sorting each read a bounded number of rows, whatever the database holds.

The database is built once for the module (about 40 s); every test opens it afresh and
only reads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot

from deskbridge.clock import FixedClock
from deskbridge.contact_list import PAGE_SIZE, SortKey
from deskbridge.demo import fill_demo
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contacts_model import COL_LAST
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.ui.operations import ChangeHub, ImmediateRunner
from deskbridge.ui.preferences import Preferences
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)
CONTACTS = 100_000


@pytest.fixture(scope="module")
def big_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "hundred-thousand.sqlite3"
    workspace = Workspace.open(str(path), FixedClock(TODAY))
    try:
        fill_demo(workspace.db, today=TODAY, now=datetime(2026, 11, 23, 9, 0), contacts=CONTACTS)
    finally:
        workspace.close()
    return path


@pytest.fixture
def big_view(
    qtbot: QtBot, big_database: Path, tmp_path: Path
) -> Iterator[tuple[ContactsView, Workspace]]:
    workspace = Workspace.open(str(big_database), FixedClock(TODAY))
    settings = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    context = AppContext(workspace, ImmediateRunner(), ChangeHub(), Preferences(settings))
    view = ContactsView(context)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    try:
        yield view, workspace
    finally:
        view.close()
        workspace.close()


def test_the_view_opens_with_one_page(big_view: tuple[ContactsView, Workspace]) -> None:
    view, workspace = big_view
    assert view.model.rowCount() == PAGE_SIZE
    assert view.model.canFetchMore()
    active = workspace.contact_list.count()
    assert active > 90_000
    assert view.count_label.text() == f"{active:,} contacts"


def test_scrolling_reads_one_page_at_a_time(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, _ = big_view
    model = view.model
    for pages in (2, 3, 4):
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda pages=pages: model.rowCount() == pages * PAGE_SIZE)
        qtbot.wait(20)  # let any further fetch the view might queue happen
        assert model.rowCount() == pages * PAGE_SIZE
    ids = [model.contact_id(row) for row in range(model.rowCount())]
    assert len(set(ids)) == len(ids)


def test_typing_a_filter_keeps_the_rows_held_bounded(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, workspace = big_view
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 * PAGE_SIZE)
    qtbot.keyClicks(view.filters.text, "an")
    qtbot.waitUntil(lambda: view.model.shown.text == "an")
    matching = workspace.contact_list.count(view.model.shown)
    assert matching > PAGE_SIZE
    assert view.model.rowCount() == PAGE_SIZE
    assert view.count_label.text() == f"{matching:,} contacts"


def test_sorting_by_another_column_keeps_the_rows_held_bounded(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, _ = big_view
    header = view.table.horizontalHeader()
    middle = header.sectionViewportPosition(COL_LAST) + header.sectionSize(COL_LAST) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert view.model.sort_key is SortKey.LAST_TOUCH
    assert view.model.rowCount() == PAGE_SIZE
    days = [view.model.index(row, COL_LAST).data() for row in range(PAGE_SIZE)]
    touched = [day for day in days if day != "never"]
    assert days == ["never"] * (len(days) - len(touched)) + touched  # never-touched first
    assert touched == sorted(touched)

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert view.model.descending
    assert view.model.rowCount() == PAGE_SIZE
    days = [view.model.index(row, COL_LAST).data() for row in range(PAGE_SIZE)]
    assert days == sorted(days, reverse=True)
    assert days[0] <= TODAY.isoformat()


def test_a_refresh_reads_back_what_was_scrolled_through_and_no_more(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, _ = big_view
    model = view.model
    for pages in (2, 3):
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda pages=pages: model.rowCount() == pages * PAGE_SIZE)
    view.show_contact(model.contact_id(450))
    chosen = view.selected_ids()
    view.refresh()
    assert model.rowCount() == 3 * PAGE_SIZE
    assert view.selected_ids() == chosen
    assert view.detail.contact_id == chosen[0]
