"""Choosing how long to silence a contact's reminders: a week, a month, or a chosen day."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

ONE_WEEK = timedelta(days=7)
ONE_MONTH = timedelta(days=30)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class SnoozeUntilDialog(QDialog):
    """A calendar limited to days after today."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snooze until")
        self.calendar = QCalendarWidget()
        self.calendar.setMinimumDate(to_qdate(today + timedelta(days=1)))
        self.calendar.setSelectedDate(to_qdate(today + ONE_WEEK * 2))
        self.calendar.activated.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("No reminders for this contact before:"))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        return from_qdate(self.calendar.selectedDate())


def snooze_menu(today: date, parent: QWidget | None = None) -> tuple[QMenu, dict[object, date]]:
    """A menu of snooze lengths and the day each action stands for (the custom action
    maps to nothing; :func:`ask_snooze_until` handles it)."""
    menu = QMenu("Snooze", parent)
    days: dict[object, date] = {
        menu.addAction("For 1 week"): today + ONE_WEEK,
        menu.addAction("For 1 month"): today + ONE_MONTH,
    }
    menu.addAction("Until a day…").setObjectName("custom")
    return menu, days


def ask_snooze_until(today: date, parent: QWidget | None, at: QPoint) -> date | None:
    """Pop up the snooze menu at ``at``; the day chosen, or None when dismissed."""
    menu, days = snooze_menu(today, parent)
    action = menu.exec(at)
    if action is None:
        return None
    if action in days:
        return days[action]
    dialog = SnoozeUntilDialog(today, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
