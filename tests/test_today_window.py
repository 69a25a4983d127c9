"""The first window: the keep-in-touch list a user sees when DeskBridge opens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from deskbridge.ui import today_window
from deskbridge.ui.today_window import COL_NAME, COL_STATUS, TodayWindow
from deskbridge.workspace import Workspace


def test_empty_network_shows_the_friendly_empty_state(qtbot: QtBot, workspace: Workspace) -> None:
    window = TodayWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.empty
    assert window.empty.text() == "You're in touch with everyone."
    assert "0 people" in window.heading.text()


def test_due_contacts_appear_most_urgent_first_and_leave_after_a_touch(
    qtbot: QtBot, workspace: Workspace
) -> None:
    today = workspace.clock.today()
    ana = workspace.contacts.add("Ana Lopez", added_on=today - timedelta(days=90))
    workspace.contacts.add("Bo Chen", added_on=today - timedelta(days=27))
    window = TodayWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    model = window.table.model()
    assert window.stack.currentWidget() is window.table
    assert model.rowCount() == 2
    assert model.index(0, COL_NAME).data() == "Ana Lopez"
    assert model.index(0, COL_STATUS).data() == "Stale"
    assert model.index(1, COL_STATUS).data() == "Due"
    assert model.index(0, COL_STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "2 people" in window.heading.text()

    workspace.interactions.log([ana.id], "Coffee", kind="coffee")
    window.refresh()
    assert window.table.model().rowCount() == 1
    assert window.table.model().index(0, COL_NAME).data() == "Bo Chen"
    assert "1 contacts" not in window.statusBar().currentMessage()
    assert "2 contacts" in window.statusBar().currentMessage()


def test_a_long_list_shows_the_most_urgent_page_and_says_how_many_in_all(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_window, "SHOWN", 2)
    today = workspace.clock.today()
    for days_ago in (27, 90, 40):
        workspace.contacts.add(f"Contact {days_ago}", added_on=today - timedelta(days=days_ago))
    window = TodayWindow(workspace)
    qtbot.addWidget(window)
    model = window.table.model()
    assert model.rowCount() == 2
    assert [model.index(r, COL_NAME).data() for r in range(2)] == ["Contact 90", "Contact 40"]
    assert window.heading.text() == (
        "Today — 3 people to get in touch with (the 2 most urgent shown)"
    )
