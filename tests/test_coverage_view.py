"""The Coverage view as a user sees it: tiles, warnings, keys, and the monthly chart."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_coverage import Organisation, build

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.coverage_view import CoverageView


@pytest.fixture
def organisation(app_context: AppContext) -> Organisation:
    return build(app_context.workspace)


def shown(qtbot: QtBot, context: AppContext) -> CoverageView:
    view = CoverageView(context)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    # Keys go to the focused tile only in the active window.
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_each_department_gets_a_tile_saying_how_it_is_covered(
    qtbot: QtBot, app_context: AppContext, organisation: Organisation
):
    view = shown(qtbot, app_context)

    texts = {tile.department_id: tile.texts() for tile in view.tiles.tiles}
    assert texts == {
        organisation.finance: [
            "Finance",
            "3 contacts · <span style='color: #ef6c00; font-weight: 600;'>2 overdue</span>",
            "Last spoke 3 days ago",
            "2 asks open · 1 to thank",
            "1 goal · 2 projects",
        ],
        organisation.it: [
            "IT",
            "1 contact · <span style='color: #ef6c00; font-weight: 600;'>1 overdue</span>",
            "Last spoke 3 months ago",
            "1 ask open · 0 to thank",
            "1 goal · 0 projects",
            "Single point of contact: Ana Ruiz",
        ],
        organisation.legal: [
            "Legal",
            "No contacts",
            "Never spoken to",
            "No open asks, no thanks owed",
            "0 goals · 1 project",
            "No contact yet — add one",
        ],
    }
    assert view.summary.text() == "3 departments · 2 need another contact"


def test_a_second_contact_clears_the_warning_once_saved(
    qtbot: QtBot, app_context: AppContext, organisation: Organisation
):
    view = shown(qtbot, app_context)
    it_tile = view.tiles.tile(organisation.it)
    assert it_tile is not None and not it_tile.chip.isHidden()

    contacts = app_context.workspace.contacts
    app_context.op(lambda: contacts.add("Ivo Ivanov", department="IT")).changes(
        ChangeKind.CONTACTS
    ).run()

    it_tile = view.tiles.tile(organisation.it)
    assert it_tile is not None
    assert it_tile.chip.isHidden()
    assert it_tile.texts()[1].startswith("2 contacts")
    assert view.summary.text() == "3 departments · 1 needs another contact"


def test_enter_on_a_tile_opens_its_department(
    qtbot: QtBot, app_context: AppContext, organisation: Organisation
):
    view = shown(qtbot, app_context)
    view.focus_tiles()
    first = view.tiles.tiles[0]
    assert first.hasFocus() and first.department_id == organisation.finance

    qtbot.keyClick(first, Qt.Key.Key_Right)
    it_tile = view.tiles.tile(organisation.it)
    assert it_tile is not None and it_tile.hasFocus()

    with qtbot.waitSignal(view.open_department) as opened:
        qtbot.keyClick(it_tile, Qt.Key.Key_Return)
    assert opened.args == [organisation.it]

    # The button opens the tile last chosen too.
    with qtbot.waitSignal(view.open_department) as opened:
        view.open_button.click()
    assert opened.args == [organisation.it]


def test_down_moves_to_the_tile_below(
    qtbot: QtBot, app_context: AppContext, organisation: Organisation
):
    for name in ("Ops", "Sales", "HR"):
        app_context.workspace.departments.add(name)
    view = shown(qtbot, app_context)
    columns = view.tiles.columns()
    assert 1 < columns < len(view.tiles.tiles)
    view.focus_tiles()

    qtbot.keyClick(view.tiles.tiles[0], Qt.Key.Key_Down)

    assert view.tiles.tiles[columns].hasFocus()


def test_the_chart_stacks_each_departments_interactions_per_month(
    qtbot: QtBot, app_context: AppContext, organisation: Organisation
):
    view = shown(qtbot, app_context)

    assert view.chart_stack.currentWidget() is view.chart
    assert view.chart.bar_values() == {
        "Finance": (1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1),
        "IT": (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
        "Legal": (0,) * 12,
    }
    colours = {d.name: d.colour for d in app_context.workspace.departments.list()}
    assert view.chart.bar_colours() == colours
    assert view.chart.labels()[:2] == ["Dec", "Jan"]
    assert view.chart.span() == "December 2025 – November 2026"


def test_a_logged_meeting_moves_the_chart_and_the_tile(
    qtbot: QtBot, app_context: AppContext, organisation: Organisation
):
    view = shown(qtbot, app_context)
    interactions = app_context.workspace.interactions

    app_context.op(
        lambda: interactions.log([organisation.ana], "Licences", occurred_on=date(2026, 11, 23))
    ).changes(ChangeKind.INTERACTIONS).run()

    assert view.chart.bar_values()["IT"][-1] == 1
    it_tile = view.tiles.tile(organisation.it)
    assert it_tile is not None and it_tile.texts()[2] == "Last spoke today"


def test_departments_without_meetings_show_what_to_do_instead_of_a_chart(
    qtbot: QtBot, app_context: AppContext
):
    app_context.workspace.departments.add("Finance")
    view = shown(qtbot, app_context)

    assert view.chart_stack.currentWidget() is view.chart_empty
    assert "Ctrl+L" in view.chart_empty.text.text()
    with qtbot.waitSignal(view.quick_log) as asked:
        view.quick_log_button.click()
    assert asked.args == [[]]


def test_an_empty_database_offers_to_add_a_department(qtbot: QtBot, app_context: AppContext):
    view = shown(qtbot, app_context)

    assert view.stack.currentWidget() is view.empty
    assert view.empty_add_button.isVisible()
    assert not view.open_button.isVisible()
