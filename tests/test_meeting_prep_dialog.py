"""The meeting-prep dialog, opened like a user: from a contact, from a meeting, then copied
and logged."""

from __future__ import annotations

import pytest
from dialog_driver import when_shown
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from test_meeting_prep import Network, build

from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contact_detail import ContactDetail
from deskbridge.ui.meeting_prep_dialog import (
    NOBODY,
    MeetingPrepDialog,
    muted_colour,
    names_title,
)
from deskbridge.ui.meetings_model import COL_SUMMARY
from deskbridge.ui.meetings_view import MeetingsView
from deskbridge.ui.quick_log_dialog import QuickLogDialog


@pytest.fixture
def network(app_context: AppContext) -> Network:
    return build(app_context.workspace)


def open_prep(qtbot: QtBot, app_context: AppContext, *ids: int) -> MeetingPrepDialog:
    dialog = MeetingPrepDialog(app_context, list(ids))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_button_on_a_contact_opens_their_brief(
    app_context: AppContext, network: Network, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = ContactDetail(app_context)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_contact(network.ana.id)
    texts: list[str] = []
    opened = when_shown(monkeypatch, MeetingPrepDialog, lambda d: texts.append(d.text()))

    qtbot.mouseClick(detail.prepare_button, Qt.MouseButton.LeftButton)

    assert len(opened) == 1
    assert opened[0].windowTitle() == "Meeting prep — Ana Lopez"
    text = texts[0]
    for expected in (
        "Ana Lopez · Controller · Finance",
        "Ask them about: ROI models",
        "Your notes: Prefers mornings; ask about the Q3 close.",
        "Budget for the CRM — outcome: Ana approves",
        "Margins — asked of Ana Lopez",
        "ROI — Ana Lopez answered 8 days ago: 12% on the spring campaign",
        "Faster close",
        "Ana Lopez owns it",
        "Pricing study (proposed) — Ana Lopez as Analyst",
        "Draft the budget — due 2026-11-25 (in 2 days)",
        "you are on it too",
    ):
        assert expected in text
    # Only Ana's: Bo's ask and task, and Cy, are not in it.
    for absent in ("Field list", "Export fields", "Cy Dune", "Cy's own", "Declined"):
        assert absent not in text


def test_the_prepare_key_on_a_contact_opens_the_brief(
    app_context: AppContext, network: Network, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    detail = ContactDetail(app_context)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_contact(network.bo.id)
    # The keyboard is anywhere in the window, here on the first action button.
    detail.activateWindow()
    detail.log_button.setFocus()
    qtbot.waitUntil(detail.log_button.hasFocus)
    opened = when_shown(monkeypatch, MeetingPrepDialog, lambda d: None)

    qtbot.keyClick(
        detail.log_button,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert [d.contact_ids for d in opened] == [[network.bo.id]]


def test_the_user_cannot_prepare_a_meeting_with_themself(
    app_context: AppContext, network: Network, qtbot: QtBot
) -> None:
    detail = ContactDetail(app_context)
    qtbot.addWidget(detail)
    detail.show_contact(network.me.id)
    assert not detail.prepare_button.isEnabled()
    detail.show_contact(network.ana.id)
    assert detail.prepare_button.isEnabled()


def test_the_meetings_view_prepares_for_the_selected_meetings_people(
    app_context: AppContext, network: Network, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = MeetingsView(app_context)
    qtbot.addWidget(view)
    view.show()
    assert not view.prepare_button.isEnabled()  # nothing selected yet
    model = view.table.model()
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, COL_SUMMARY).data() == "Budget for the CRM"
    )
    view.table.selectRow(row)
    assert view.prepare_button.isEnabled()
    titles: list[str] = []
    opened = when_shown(monkeypatch, MeetingPrepDialog, lambda d: titles.append(d.windowTitle()))

    qtbot.mouseClick(view.prepare_button, Qt.MouseButton.LeftButton)

    assert titles == ["Meeting prep — Ana Lopez and Bo Chen"]
    brief = opened[0].brief
    assert brief is not None
    assert brief.contact_ids == (network.ana.id, network.bo.id)
    assert "Field list" in opened[0].text() and "Margins" in opened[0].text()


def test_a_meeting_with_the_user_prepares_for_the_others_only(
    app_context: AppContext, network: Network, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = MeetingsView(app_context)
    qtbot.addWidget(view)
    view.show()
    model = view.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_SUMMARY).data() == "Ana #1")
    view.table.selectRow(row)
    opened = when_shown(monkeypatch, MeetingPrepDialog, lambda d: None)

    view.prepare_selected()

    assert opened[0].windowTitle() == "Meeting prep — Ana Lopez"


def test_log_the_meeting_opens_quick_log_with_the_same_people_and_rereads_the_brief(
    app_context: AppContext, network: Network, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_prep(qtbot, app_context, network.bo.id, network.ana.id)
    assert "Nothing logged" not in dialog.text()
    chosen: list[list[int]] = []

    def log_it(quick: QuickLogDialog) -> None:
        chosen.append(quick.participants.contact_ids())
        quick.summary.setText("Prep paid off")
        quick.submit()

    when_shown(monkeypatch, QuickLogDialog, log_it)

    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)

    assert chosen == [[network.bo.id, network.ana.id]]
    # The meeting just logged heads the brief's last touches.
    assert dialog.brief is not None
    assert dialog.brief.touches[0].summary == "Prep paid off"
    assert "Prep paid off" in dialog.text()
    # Quick log refits its height on a zero timer; let it run while the dialog still exists.
    QApplication.processEvents()


def test_copy_puts_rich_text_and_markdown_on_the_clipboard(
    app_context: AppContext, network: Network, qtbot: QtBot
) -> None:
    dialog = open_prep(qtbot, app_context, network.ana.id)
    QGuiApplication.clipboard().clear()

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)

    data = QGuiApplication.clipboard().mimeData()
    assert "Faster close" in data.html()
    assert "## Open asks" in data.text()  # Markdown headings for plain-text notes
    assert "Margins" in data.text()
    assert dialog.status.text().startswith("Copied")


def test_someone_with_nothing_shared_gets_friendly_empty_lines(
    app_context: AppContext, network: Network, qtbot: QtBot
) -> None:
    dee = app_context.workspace.contacts.add("Dee New")
    dialog = open_prep(qtbot, app_context, dee.id)

    text = dialog.text()
    for line in (
        "Nothing logged with them yet",
        "Nothing open either way",
        "No shared goals with them",
        "They are on none of your live projects",
        "No open tasks with them",
        "Your notes: none",
    ):
        assert line in text
    assert dialog.log_button.isEnabled() and dialog.copy_button.isEnabled()


def test_a_brief_on_nobody_but_the_user_says_so_and_offers_nothing(
    app_context: AppContext, network: Network, qtbot: QtBot
) -> None:
    dialog = open_prep(qtbot, app_context, network.me.id)
    assert dialog.text() == NOBODY
    assert not dialog.log_button.isEnabled()
    assert not dialog.copy_button.isEnabled()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_titles_name_a_few_people_and_count_the_rest() -> None:
    assert names_title(["Ana"]) == "Ana"
    assert names_title(["Ana", "Bo"]) == "Ana and Bo"
    assert names_title(["Ana", "Bo", "Cy"]) == "Ana, Bo and Cy"
    assert names_title(["Ana", "Bo", "Cy", "Dee", "Eve"]) == "Ana, Bo and 3 others"


def test_the_muted_grey_sits_between_text_and_background_in_both_themes() -> None:
    for text, base in (("#000000", "#ffffff"), ("#e0e0e0", "#1e1e1e")):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        grey = QColor(muted_colour(palette)).lightness()
        low, high = sorted((QColor(text).lightness(), QColor(base).lightness()))
        assert low + 40 < grey < high - 40
