"""Keep-in-touch reminders: when to remind, what to say, and where to say it without a tray.

The rule, decided once here and tested on its own with the day and time passed in:

* at start-up, remind when anyone is overdue (the user just sat down: tell them now);
* then once a day at the chosen time (Preferences.reminder_time), never twice in one day.
  A start-up after the chosen time counts as that day's reminder, so the user does not get
  the same list twice within a minute.

Only stale and overdue people are named: "due this week" is for the Today view, not for an
interruption.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from PySide6.QtCore import QObject, QTime, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from deskbridge.records import DueContact, TouchStatus
from deskbridge.ui.preferences import Preferences
from deskbridge.workspace import Workspace

CHECK_INTERVAL_MS = 60_000
REMINDER_SCAN = 1000
"""How many of the most urgent contacts a reminder reads; beyond that it says "more than"."""
NAMED = 2
"""How many people a reminder names before it counts the rest."""
REMINDER_TITLE = "Time to get in touch"
OVERDUE_STATUSES = frozenset({TouchStatus.STALE, TouchStatus.OVERDUE})


def reminder_due(now: datetime, reminder_time: time, last_reminded_on: date | None) -> bool:
    """True when the daily reminder should go out at ``now``: the chosen time of day has
    come and no daily reminder went out today yet."""
    if now.time() < reminder_time:
        return False
    return last_reminded_on is None or last_reminded_on < now.date()


def reminder_text(due_contacts: Sequence[DueContact], *, cut_short: bool = False) -> str | None:
    """ "Overdue: Ana Lopez, Bo Chen and 10 others", or None when nobody is overdue.

    ``cut_short`` says the list stopped at a limit while still overdue, so the count of
    the others is a lower bound."""
    names = [contact.name for contact in due_contacts if contact.status in OVERDUE_STATUSES]
    if not names:
        return None
    if len(names) == 1:
        return f"Overdue: {names[0]}"
    others = len(names) - NAMED
    if others <= 1 and not cut_short:
        return f"Overdue: {', '.join(names[:-1])} and {names[-1]}"
    counted = f"{others} other{'' if others == 1 else 's'}"
    if cut_short:
        counted = f"more than {counted}"
    return f"Overdue: {', '.join(names[:NAMED])} and {counted}"


def as_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class Reminders(QObject):
    """Checks every minute whether to remind, on the workspace's clock; emits the text."""

    remind = Signal(str)
    """Show this reminder (tray message, or the in-window banner without a tray)."""
    new_day = Signal()
    """The date changed since the last check: due counts shown anywhere are out of date."""

    def __init__(self, preferences: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.workspace: Workspace | None = None
        self._day: date | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def attach(self, workspace: Workspace) -> None:
        """Remind about ``workspace`` from now on (after switching databases)."""
        self.workspace = workspace
        self._day = workspace.clock.today()

    def start(self) -> None:
        """The start-up reminder, then the daily check every minute."""
        if self.workspace is None:
            return
        now = self.workspace.clock.now()
        if reminder_due(now, as_time(self.preferences.reminder_time), self._last_day()):
            self._mark(now.date())
        text = self.current_text()
        if text:
            self.remind.emit(text)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def current_text(self) -> str | None:
        """What a reminder would say now, or None when nobody is overdue."""
        if self.workspace is None:
            return None
        due = self.workspace.keep_in_touch.due(limit=REMINDER_SCAN)
        cut_short = len(due) == REMINDER_SCAN and due[-1].status in OVERDUE_STATUSES
        return reminder_text(due, cut_short=cut_short)

    def check(self) -> None:
        """One tick: announce a new day, and send the daily reminder when it is due."""
        if self.workspace is None:
            return
        now = self.workspace.clock.now()
        if self._day != now.date():
            self._day = now.date()
            self.new_day.emit()
        if not reminder_due(now, as_time(self.preferences.reminder_time), self._last_day()):
            return
        self._mark(now.date())
        text = self.current_text()
        if text:
            self.remind.emit(text)

    def _last_day(self) -> date | None:
        return parse_day(self.preferences.last_reminded_on)

    def _mark(self, day: date) -> None:
        self.preferences.last_reminded_on = day.isoformat()
        self.preferences.sync()


class ReminderBanner(QFrame):
    """Reminders inside the window, for desktops without a system tray: a strip above the
    views with the text, an optional way to see the people, and Dismiss."""

    def __init__(
        self, show_people: Callable[[], object] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        # Tooltip colours: a gentle "note" look that follows the system theme, light or dark.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A strip as tall as its text: the views below keep the rest of the height.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        row.addWidget(self.label, 1)
        self.show_button: QPushButton | None = None
        if show_people is not None:
            self.show_button = QPushButton("&Show who")
            self.show_button.setToolTip("Open the Today view")

            def show_and_dismiss() -> None:
                show_people()
                self.hide()

            self.show_button.clicked.connect(show_and_dismiss)
            row.addWidget(self.show_button)
        self.dismiss_button = QPushButton("&Dismiss")
        self.dismiss_button.clicked.connect(self.hide)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_text(self, text: str) -> None:
        """Show ``text`` in the banner (replacing an earlier reminder)."""
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text()
