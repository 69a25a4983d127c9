"""The date fields of the dialogs: a day typed from the keyboard, and a day the user may
also leave empty ("No due date", "No deadline")."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from deskbridge.ui.snooze import from_qdate, to_qdate

DATE_FORMAT = "d MMM yyyy"
NO_DUE_DATE = "No due date"
STEP_TIP = "Up arrow: today, then a day later per press; or pick in the calendar"


class DayEdit(QDateEdit):
    """A date field for the keyboard: Tab leaves it (Qt's date edit would step through
    its day, month and year first), and Up/Down move a day at a time."""

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        if day is not None:
            self.setDate(to_qdate(day))

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.setCurrentSection(QDateEdit.Section.DaySection)


class OptionalDayEdit(DayEdit):
    """A day from ``earliest`` on, or none. Qt has no empty date: the day before
    ``earliest`` stands for "none" and reads ``none_text``."""

    def __init__(
        self,
        earliest: date,
        none_text: str,
        day: date | None = None,
        tip: str = STEP_TIP,
    ) -> None:
        super().__init__()
        self.setMinimumDate(to_qdate(earliest - timedelta(days=1)))
        self.setSpecialValueText(none_text)
        self.setDate(to_qdate(day) if day else self.minimumDate())
        self.setToolTip(tip)

    def day(self) -> date | None:
        chosen = self.date()
        return None if chosen == self.minimumDate() else from_qdate(chosen)
