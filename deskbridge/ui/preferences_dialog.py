"""Preferences: the database's default cadence, and this machine's reminder time, weekly
review day, start-up and tray behaviour, plus where the data lives.

The default cadence belongs to the database (everyone sharing it sees the same), so it is
saved as a domain operation; the rest are this machine's preferences, saved once that
operation has succeeded, so OK never half-applies what was chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSystemTrayIcon,
    QTimeEdit,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.participant_picker import ParticipantPicker, person
from deskbridge.ui.preferences import WEEKDAYS
from deskbridge.ui.quick_log_dialog import resolve_typed
from deskbridge.validation import MAX_CADENCE_DAYS

NO_TRAY = (
    "This desktop has no system tray, so closing the window quits DeskBridge. "
    "Reminders appear at the top of the window instead."
)


def section(title: str) -> QLabel:
    label = QLabel(f"<b>{title}</b>")
    label.setContentsMargins(0, 8, 0, 0)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setEnabled(False)  # the platform's muted text colour, light or dark theme
    label.setMinimumWidth(380)  # wrap across the field column, not in a narrow strip
    return label


class PreferencesDialog(FormDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "Preferences", parent)
        self.setMinimumWidth(540)
        preferences = context.preferences
        self.stored_cadence = context.workspace.keep_in_touch.default_cadence()
        stored_me = context.workspace.contacts.me()
        self.stored_me = stored_me.id if stored_me else None

        self.form.addRow(section("You"))
        self.me = ParticipantPicker(context.workspace.contacts, single=True)
        if stored_me is not None:
            self.me.set_people([person(stored_me)])
        self.add_field("&You are:", self.me, "me")
        self.form.addRow(
            "",
            hint(
                "Tasks assigned to you are “Mine”; open tasks assigned to anyone else are "
                "“Waiting on others”. Leave it empty if nobody here is you."
            ),
        )

        self.form.addRow(section("Keep in touch"))
        self.cadence = QSpinBox()
        self.cadence.setRange(1, MAX_CADENCE_DAYS)
        self.cadence.setSuffix(" days")
        self.cadence.setValue(self.stored_cadence)
        self.add_field("Default &cadence:", self.cadence, "default cadence")
        self.form.addRow(
            "",
            hint(
                "For people with no cadence of their own and none from their department. "
                "Changing it moves their next touch dates."
            ),
        )

        self.form.addRow(section("Reminders"))
        self.reminder_time = QTimeEdit(preferences.reminder_time)
        self.reminder_time.setDisplayFormat("HH:mm")
        self.add_field("Daily &reminder at:", self.reminder_time, "reminder time")
        self.form.addRow("", hint("Once a day, and when DeskBridge starts, if anyone is overdue."))
        self.review_day = QComboBox()
        for number, name in enumerate(WEEKDAYS, start=1):
            self.review_day.addItem(name, number)
        self.review_day.setCurrentIndex(preferences.review_day - 1)
        self.add_field("&Weekly review on:", self.review_day, "review day")
        self.form.addRow(
            "",
            hint(
                "From the reminder time that day, DeskBridge reminds you once to do the "
                "week's review, unless it is done already."
            ),
        )

        self.form.addRow(section("Window"))
        self.start_minimised = QCheckBox("Start &minimised")
        self.start_minimised.setChecked(preferences.start_minimised)
        self.form.addRow("", self.start_minimised)
        self.stay_in_tray = QCheckBox("&Keep running in the tray when the window closes")
        self.form.addRow("", self.stay_in_tray)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.stay_in_tray.setChecked(preferences.stay_in_tray)
            self.tray_note: QLabel | None = None
        else:
            self.stay_in_tray.setChecked(False)
            self.stay_in_tray.setEnabled(False)
            self.tray_note = hint(NO_TRAY)
            self.form.addRow("", self.tray_note)

        self.form.addRow(section("Data"))
        self.location = QLineEdit(context.workspace.db.display_name)
        self.location.setReadOnly(True)
        self.location.setCursorPosition(0)
        self.location.setToolTip(context.workspace.db.display_name)
        self.open_folder_button = QPushButton("Open &folder")
        self.open_folder_button.clicked.connect(self.open_folder)
        path = context.workspace.db.path
        self.open_folder_button.setEnabled(path is not None)
        if path is None:
            self.open_folder_button.setToolTip("A shared server database has no local folder")
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.location, 1)
        line.addWidget(self.open_folder_button)
        self.form.addRow("Database:", row)
        self.form.addRow("", hint("To switch to another database, use File › Open database."))

    def showEvent(self, event: QShowEvent) -> None:
        """Open tall enough for every wrapped hint: Qt sizes a window without asking its
        rows how tall they are at the width it gets, which cut the hints' last lines."""
        super().showEvent(event)
        body = self.layout()
        if body is not None and body.hasHeightForWidth():
            needed = body.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def folder(self) -> Path | None:
        path = self.context.workspace.db.path
        return path.parent if path is not None else None

    def open_folder(self) -> None:
        """Show the folder holding the database file in the file manager."""
        folder = self.folder()
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def submit(self) -> None:
        days = self.cadence.value()
        picked = self.me.contact_ids()
        typed = self.me.pending_text()
        me_changed = typed != "" or (picked[0] if picked else None) != self.stored_me
        if days == self.stored_cadence and not me_changed:
            self.accept()
            return
        workspace = self.context.workspace

        def save() -> None:
            # The name is checked before anything is written, so a typo changes nothing.
            me: int | None = resolve_typed(workspace, "me", typed) if typed else None
            if not typed and picked:
                me = picked[0]
            if days != self.stored_cadence:
                workspace.keep_in_touch.set_default_cadence(days)
            if me_changed and me is None:
                workspace.contacts.clear_me()
            elif me_changed and me is not None:
                workspace.contacts.set_me(me)

        self.run(save, ChangeKind.CONTACTS, ChangeKind.SETTINGS)

    def accept(self) -> None:
        preferences = self.context.preferences
        preferences.reminder_time = self.reminder_time.time()
        preferences.review_day = int(self.review_day.currentData())
        preferences.start_minimised = self.start_minimised.isChecked()
        if self.stay_in_tray.isEnabled():
            preferences.stay_in_tray = self.stay_in_tray.isChecked()
        preferences.sync()
        super().accept()
