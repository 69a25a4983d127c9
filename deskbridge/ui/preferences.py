"""Preferences that belong to this machine rather than to the database: when to remind,
how the window starts, and what closing it does. Stored with QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTime

DEFAULT_REMINDER_TIME = QTime(9, 0)
FRIDAY = 5
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The review day's choices, in ISO order: Monday is day 1."""


class Preferences:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _flag(self, key: str, default: bool) -> bool:
        value = self.settings.value(key, default)
        return value in (True, "true", "1", 1) if not isinstance(value, bool) else value

    @property
    def reminder_time(self) -> QTime:
        stored = QTime.fromString(str(self.settings.value("reminders/time", "")), "HH:mm")
        return stored if stored.isValid() else DEFAULT_REMINDER_TIME

    @reminder_time.setter
    def reminder_time(self, value: QTime) -> None:
        self.settings.setValue("reminders/time", value.toString("HH:mm"))

    @property
    def last_reminded_on(self) -> str:
        """ISO day of the last daily reminder, so one day never gets two."""
        return str(self.settings.value("reminders/last_day", ""))

    @last_reminded_on.setter
    def last_reminded_on(self, value: str) -> None:
        self.settings.setValue("reminders/last_day", value)

    @property
    def review_day(self) -> int:
        """The weekday of the weekly review, ISO numbered (1 = Monday … 7 = Sunday)."""
        try:
            day = int(str(self.settings.value("reminders/review_day", FRIDAY)))
        except ValueError:
            return FRIDAY
        return day if 1 <= day <= 7 else FRIDAY

    @review_day.setter
    def review_day(self, value: int) -> None:
        self.settings.setValue("reminders/review_day", value)

    @property
    def last_review_reminder_week(self) -> str:
        """ISO week ("2026-W48") of the last weekly-review reminder: one a week at most."""
        return str(self.settings.value("reminders/review_week", ""))

    @last_review_reminder_week.setter
    def last_review_reminder_week(self, value: str) -> None:
        self.settings.setValue("reminders/review_week", value)

    @property
    def start_minimised(self) -> bool:
        return self._flag("window/start_minimised", False)

    @start_minimised.setter
    def start_minimised(self, value: bool) -> None:
        self.settings.setValue("window/start_minimised", value)

    @property
    def stay_in_tray(self) -> bool:
        """Closing the window keeps DeskBridge running in the tray (when there is one)."""
        return self._flag("window/stay_in_tray", False)

    @stay_in_tray.setter
    def stay_in_tray(self, value: bool) -> None:
        self.settings.setValue("window/stay_in_tray", value)

    @property
    def told_about_tray(self) -> bool:
        """Whether the user has been told once that closing the window keeps DeskBridge
        running in the tray."""
        return self._flag("window/told_about_tray", False)

    @told_about_tray.setter
    def told_about_tray(self, value: bool) -> None:
        self.settings.setValue("window/told_about_tray", value)

    @property
    def recent_databases(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        if isinstance(value, str):
            return [value] if value else []
        # An ini file keeps a one-item list as a plain string, hence the case above.
        return [str(item) for item in value] if isinstance(value, (list, tuple)) else []

    def remember_database(self, location: str, keep: int = 8) -> None:
        recent = [location, *(item for item in self.recent_databases if item != location)]
        self.settings.setValue("files/recent", recent[:keep])

    def sync(self) -> None:
        self.settings.sync()
