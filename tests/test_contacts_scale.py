"""The Contacts view on 100,000 contacts is a window over them: it knows how many there are,
and opening, jumping to the end, filtering and sorting each read a bounded number of rows,
whatever the database holds.

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
from deskbridge.contact_list import SortKey
from deskbridge.demo import fill_demo
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contacts_model import BLOCK, COL_LAST, COL_NAME
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


def test_the_view_opens_knowing_every_row_and_reading_one_block(
    big_view: tuple[ContactsView, Workspace],
) -> None:
    view, workspace = big_view
    active = workspace.contact_list.count()
    assert active > 90_000
    assert view.model.rowCount() == active
    assert view.model.loaded_rows() == list(range(BLOCK))
    assert view.count_label.text() == f"{active:,} contacts"


def test_ctrl_end_shows_the_last_contact_without_reading_the_rows_between(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, workspace = big_view
    last = workspace.contact_list.page(descending=True, limit=1).rows[0]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    current = view.table.currentIndex()
    assert current.row() == view.model.rowCount() - 1
    assert view.model.index(current.row(), COL_NAME).data() == last.name
    assert view.table.viewport().rect().contains(view.table.visualRect(current).center())
    assert len(view.model.loaded_rows()) <= 3 * BLOCK


def test_dragging_the_scroll_bar_to_the_bottom_reads_only_what_is_shown(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, _ = big_view
    bar = view.table.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.wait(20)  # let any read the view might queue happen
    loaded = view.model.loaded_rows()
    assert loaded[-1] == view.model.rowCount() - 1
    assert len(loaded) <= 3 * BLOCK
    ids = [view.model.contact_id(row) for row in loaded]
    assert len(set(ids)) == len(ids)


def test_typing_a_filter_keeps_the_rows_held_bounded(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, workspace = big_view
    view.table.scrollToBottom()
    qtbot.keyClicks(view.filters.text, "an")
    qtbot.waitUntil(lambda: view.model.shown.text == "an")
    matching = workspace.contact_list.count(view.model.shown)
    assert matching > BLOCK
    assert view.model.rowCount() == matching
    assert len(view.model.loaded_rows()) <= 2 * BLOCK
    assert view.count_label.text() == f"{matching:,} contacts"


def test_sorting_by_another_column_keeps_the_rows_held_bounded(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, _ = big_view
    header = view.table.horizontalHeader()
    middle = header.sectionViewportPosition(COL_LAST) + header.sectionSize(COL_LAST) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert view.model.sort_key is SortKey.LAST_TOUCH
    assert view.model.loaded_rows() == list(range(BLOCK))
    days = [view.model.index(row, COL_LAST).data() for row in range(BLOCK)]
    touched = [day for day in days if day != "never"]
    assert days == ["never"] * (len(days) - len(touched)) + touched  # never-touched first
    assert touched == sorted(touched)

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert view.model.descending
    assert view.model.loaded_rows() == list(range(BLOCK))
    days = [view.model.index(row, COL_LAST).data() for row in range(BLOCK)]
    assert days == sorted(days, reverse=True)
    assert days[0] <= TODAY.isoformat()


def test_a_refresh_keeps_the_selection_and_reads_back_only_what_is_shown(
    qtbot: QtBot, big_view: tuple[ContactsView, Workspace]
) -> None:
    view, _ = big_view
    model = view.model
    view.show_contact(model.contact_id(50_450))
    chosen = view.selected_ids()
    name = model.index(50_450, COL_NAME).data()
    scrolled = view.table.verticalScrollBar().value()
    view.refresh()
    assert view.selected_ids() == chosen
    assert view.detail.contact_id == chosen[0]
    assert view.detail.name_label.text() == name
    assert view.table.verticalScrollBar().value() == scrolled
    assert len(model.loaded_rows()) <= 3 * BLOCK
