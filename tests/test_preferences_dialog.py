"""Preferences: the database's default cadence, and this machine's settings in the ini file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from dialog_driver import click_ok
from PySide6.QtCore import QSettings, Qt, QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.clock import FixedClock
from deskbridge.ui import preferences_dialog
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.preferences import Preferences
from deskbridge.ui.preferences_dialog import PreferencesDialog


def open_dialog(app_context: AppContext, qtbot: QtBot) -> PreferencesDialog:
    dialog = PreferencesDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def replace_text(qtbot: QtBot, widget: object, text: str) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def reread(app_context: AppContext) -> Preferences:
    """The preferences as the next start of the app would read them from the file."""
    app_context.preferences.sync()
    return Preferences(
        QSettings(app_context.preferences.settings.fileName(), QSettings.Format.IniFormat)
    )


def test_changing_the_default_cadence_stores_it_and_moves_next_touches(
    app_context: AppContext, clock: FixedClock, qtbot: QtBot
) -> None:
    workspace = app_context.workspace
    ana = workspace.contacts.add("Ana Lopez")
    own = workspace.contacts.add("Bo Chen", cadence_days=60)
    assert ana.next_touch_on == clock.today() + timedelta(days=30)
    announced: list[frozenset[ChangeKind]] = []
    app_context.hub.changed.connect(announced.append)

    dialog = open_dialog(app_context, qtbot)
    assert dialog.cadence.value() == 30
    replace_text(qtbot, dialog.cadence, "14")
    click_ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert workspace.keep_in_touch.default_cadence() == 14
    assert workspace.contacts.get(ana.id).next_touch_on == clock.today() + timedelta(days=14)
    assert workspace.contacts.get(own.id).next_touch_on == own.next_touch_on  # its own cadence
    assert announced == [frozenset({ChangeKind.CONTACTS, ChangeKind.SETTINGS})]


def test_an_unchanged_cadence_runs_no_operation(app_context: AppContext, qtbot: QtBot) -> None:
    announced: list[frozenset[ChangeKind]] = []
    app_context.hub.changed.connect(announced.append)
    dialog = open_dialog(app_context, qtbot)
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert announced == []


def test_a_failed_cadence_change_shows_beside_the_field_and_saves_nothing(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deskbridge.errors import ValidationError

    def refuse(days: int) -> None:
        raise ValidationError("default cadence", "must be between 1 and 3650 days")

    monkeypatch.setattr(app_context.workspace.keep_in_touch, "set_default_cadence", refuse)
    dialog = open_dialog(app_context, qtbot)
    replace_text(qtbot, dialog.cadence, "20")
    dialog.start_minimised.setChecked(True)
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.field_error("default cadence") == "Must be between 1 and 3650 days"
    assert reread(app_context).start_minimised is False


def test_reminder_time_and_window_choices_persist_in_the_ini_file(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    dialog = open_dialog(app_context, qtbot)
    assert dialog.reminder_time.time() == QTime(9, 0)
    assert dialog.stay_in_tray.isEnabled()
    dialog.reminder_time.setTime(QTime(16, 45))
    qtbot.mouseClick(dialog.start_minimised, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.stay_in_tray, Qt.MouseButton.LeftButton)
    click_ok(qtbot, dialog)

    stored = reread(app_context)
    assert stored.reminder_time == QTime(16, 45)
    assert stored.start_minimised is True
    assert stored.stay_in_tray is True
    text = Path(app_context.preferences.settings.fileName()).read_text()
    assert "time=16:45" in text

    again = open_dialog(app_context, qtbot)
    assert again.reminder_time.time() == QTime(16, 45)
    assert again.start_minimised.isChecked()
    assert again.stay_in_tray.isChecked()


def test_the_weekly_review_day_is_chosen_by_name_and_persists(
    app_context: AppContext, qtbot: QtBot
) -> None:
    dialog = open_dialog(app_context, qtbot)
    combo = dialog.review_day
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]  # fmt: skip
    assert combo.currentText() == "Friday"  # the default
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # Thursday, from the keyboard
    click_ok(qtbot, dialog)

    assert reread(app_context).review_day == 4
    assert open_dialog(app_context, qtbot).review_day.currentText() == "Thursday"


def test_a_review_day_stored_out_of_range_falls_back_to_friday(app_context: AppContext) -> None:
    preferences = app_context.preferences
    for stored in ("9", "someday", "0"):
        preferences.settings.setValue("reminders/review_day", stored)
        assert preferences.review_day == 5
    preferences.review_day = 7
    assert reread(app_context).review_day == 7


def test_every_hint_shows_in_full(app_context: AppContext, qtbot: QtBot) -> None:
    dialog = open_dialog(app_context, qtbot)
    qtbot.waitExposed(dialog)
    hints = [
        label
        for label in dialog.findChildren(QLabel)
        if label.wordWrap() and label.isVisible() and label.text()
    ]
    assert len(hints) >= 4
    for label in hints:
        assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_cancel_keeps_the_old_preferences(app_context: AppContext, qtbot: QtBot) -> None:
    dialog = open_dialog(app_context, qtbot)
    dialog.reminder_time.setTime(QTime(7, 15))
    dialog.start_minimised.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    stored = reread(app_context)
    assert stored.reminder_time == QTime(9, 0)
    assert stored.start_minimised is False


def test_without_a_tray_staying_in_it_cannot_be_chosen_and_the_dialog_says_why(
    app_context: AppContext, qtbot: QtBot
) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen has none
    dialog = open_dialog(app_context, qtbot)
    assert not dialog.stay_in_tray.isEnabled()
    assert dialog.tray_note is not None
    assert dialog.tray_note.isVisible()
    assert dialog.tray_note.text() == preferences_dialog.NO_TRAY


def test_the_data_location_is_shown_and_open_folder_opens_it(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    dialog = open_dialog(app_context, qtbot)
    path = app_context.workspace.db.path
    assert path is not None
    assert dialog.location.text() == str(path)
    assert dialog.location.isReadOnly()
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(path.parent)]


def test_choosing_who_you_are_sets_the_me_contact(app_context: AppContext, qtbot: QtBot) -> None:
    contacts = app_context.workspace.contacts
    first = contacts.add("Ana Lopez")
    contacts.set_me(first.id)
    contacts.add("Bo Chen")

    dialog = open_dialog(app_context, qtbot)
    assert [p.name for p in dialog.me.people()] == ["Ana Lopez"]
    qtbot.keyClicks(dialog.me.line_edit, "Bo Ch")
    click_ok(qtbot, dialog)

    me = contacts.me()
    assert me is not None and me.full_name == "Bo Chen"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_name_nobody_has_is_shown_beside_the_you_field(
    app_context: AppContext, qtbot: QtBot
) -> None:
    contacts = app_context.workspace.contacts
    contacts.set_me(contacts.add("Ana Lopez").id)

    dialog = open_dialog(app_context, qtbot)
    replace_text(qtbot, dialog.cadence, "14")
    qtbot.keyClicks(dialog.me.line_edit, "Nobody Known")
    click_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert "Nobody Known" in dialog.field_error("me")
    assert app_context.workspace.keep_in_touch.default_cadence() == 30
    me = contacts.me()
    assert me is not None and me.full_name == "Ana Lopez"


def test_emptying_the_you_field_means_nobody_is_me(app_context: AppContext, qtbot: QtBot) -> None:
    contacts = app_context.workspace.contacts
    ana = contacts.add("Ana Lopez")
    contacts.set_me(ana.id)

    dialog = open_dialog(app_context, qtbot)
    dialog.me.remove_person(ana.id)
    click_ok(qtbot, dialog)

    assert contacts.me() is None
