"""Keep-in-touch reminders: when to remind, what to say, and where to say it without a tray.

The rule, decided once here and tested on its own with the day and time passed in:

* at start-up, remind when anyone is overdue (the user just sat down: tell them now);
* then once a day at the chosen time (Preferences.reminder_time), never twice in one day.
  A start-up after the chosen time counts as that day's reminder, so the user does not get
  the same list twice within a minute.

Only stale and overdue people are named: "due this week" is for the Today view, not for an
interruption.

The weekly review has a reminder of its own, once per ISO week: on the review day chosen in
Preferences from the reminder time on (or at the first check later that week, when the
computer was off that day), unless the week's review is finished already. Clicking it asks
for the Review page (:attr:`Reminders.review_requested`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from PySide6.QtCore import QObject, QTime, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from deskbridge.records import DueContact, TouchStatus
from deskbridge.ui.preferences import Preferences
from deskbridge.weekly_review import iso_week
from deskbridge.workspace import Workspace

CHECK_INTERVAL_MS = 60_000
REMINDER_SCAN = 1000
"""How many of the most urgent contacts a reminder reads; beyond that it says "more than"."""
NAMED = 2
"""How many people a reminder names before it counts the rest."""
REMINDER_TITLE = "Time to get in touch"
REVIEW_TITLE = "Weekly review"
OVERDUE_STATUSES = frozenset({TouchStatus.STALE, TouchStatus.OVERDUE})

ReviewStatus = Callable[[date], tuple[bool, int]]
"""For a day: whether that ISO week's review is finished, and how many items wait in it."""


def reminder_due(now: datetime, reminder_time: time, last_reminded_on: date | None) -> bool:
    """True when the daily reminder should go out at ``now``: the chosen time of day has
    come and no daily reminder went out today yet."""
    if now.time() < reminder_time:
        return False
    return last_reminded_on is None or last_reminded_on < now.date()


def review_reminder_due(
    now: datetime,
    review_day: int,
    reminder_time: time,
    last_reminded_week: str | None,
    finished: bool,
) -> bool:
    """True when the weekly-review reminder should go out at ``now``: the review day
    (ISO weekday, 1 = Monday) has come this ISO week, at or after ``reminder_time`` on the
    day itself; no review reminder went out this week; the week's review is not finished."""
    if finished or last_reminded_week == iso_week(now.date()):
        return False
    weekday = now.isoweekday()
    if weekday == review_day:
        return now.time() >= reminder_time
    return weekday > review_day


def review_text(waiting: int) -> str:
    """What the weekly-review reminder says."""
    if waiting <= 0:
        return "Time for your weekly review: nothing is waiting, so finishing it takes a moment"
    items = "item" if waiting == 1 else "items"
    return f"Time for your weekly review: {waiting:,} {items} waiting"


def workspace_review_status(workspace: Workspace) -> ReviewStatus:
    """The review's state read from ``workspace``'s database: its queue for the day."""
    reviews = workspace.review

    def status(day: date) -> tuple[bool, int]:
        queue = reviews.queue(day)
        return queue.finished_at is not None, len(queue.items)

    return status


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
    review_remind = Signal(str)
    """Show this weekly-review reminder; clicking it should call :meth:`request_review`."""
    review_requested = Signal()
    """The user clicked the weekly-review reminder: show the Review page."""

    def __init__(self, preferences: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.workspace: Workspace | None = None
        self.review_status: ReviewStatus | None = None
        self._day: date | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def attach(self, workspace: Workspace, review_status: ReviewStatus | None = None) -> None:
        """Remind about ``workspace`` from now on (after switching databases); the review's
        state comes from ``review_status``, by default from the workspace's database."""
        self.workspace = workspace
        self.review_status = review_status or workspace_review_status(workspace)
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
        self.check_review()
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
        if reminder_due(now, as_time(self.preferences.reminder_time), self._last_day()):
            self._mark(now.date())
            text = self.current_text()
            if text:
                self.remind.emit(text)
        self.check_review()

    def check_review(self) -> None:
        """Send the weekly-review reminder when it is due. The review is read only once
        the day and time say so, and a finished review also marks the week as done."""
        if self.workspace is None or self.review_status is None:
            return
        now = self.workspace.clock.now()
        preferences = self.preferences
        when = (now, preferences.review_day, as_time(preferences.reminder_time))
        last_week = preferences.last_review_reminder_week or None
        if not review_reminder_due(*when, last_week, finished=False):
            return
        finished, waiting = self.review_status(now.date())
        preferences.last_review_reminder_week = iso_week(now.date())
        preferences.sync()
        if review_reminder_due(*when, last_week, finished=finished):
            self.review_remind.emit(review_text(waiting))

    def request_review(self) -> None:
        """The user clicked the weekly-review reminder."""
        self.review_requested.emit()

    def _last_day(self) -> date | None:
        return parse_day(self.preferences.last_reminded_on)

    def _mark(self, day: date) -> None:
        self.preferences.last_reminded_on = day.isoformat()
        self.preferences.sync()


class ReminderBanner(QFrame):
    """Reminders inside the window, for desktops without a system tray: a strip above the
    views with the text, an optional way to see the people (or, for the weekly-review
    reminder, to start the review), and Dismiss."""

    def __init__(
        self,
        show_people: Callable[[], object] | None = None,
        parent: QWidget | None = None,
        *,
        start_review: Callable[[], object] | None = None,
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
        self.show_button = self._action_button(row, "&Show who", "Open the Today view", show_people)
        self.review_button = self._action_button(
            row, "Start the &review", "Open the Review page", start_review
        )
        self.dismiss_button = QPushButton("&Dismiss")
        self.dismiss_button.clicked.connect(self.hide)
        row.addWidget(self.dismiss_button)
        self.hide()

    def _action_button(
        self,
        row: QHBoxLayout,
        text: str,
        tip: str,
        action: Callable[[], object] | None,
    ) -> QPushButton | None:
        """A button that runs ``action`` and then closes the banner: the reminder is answered.
        None when there is no ``action`` to offer."""
        if action is None:
            return None
        button = QPushButton(text)
        button.setToolTip(tip)

        def act_and_dismiss() -> None:
            action()
            self.hide()

        button.clicked.connect(act_and_dismiss)
        row.addWidget(button)
        return button

    def show_text(self, text: str) -> None:
        """Show ``text`` in the banner (replacing an earlier reminder)."""
        self._show(text, review=False)

    def show_review_text(self, text: str) -> None:
        """Show the weekly-review reminder, with its way to start the review."""
        self._show(text, review=True)

    def _show(self, text: str, *, review: bool) -> None:
        self.label.setText(text)
        if self.show_button is not None:
            self.show_button.setVisible(not review)
        if self.review_button is not None:
            self.review_button.setVisible(review)
        self.show()

    def text(self) -> str:
        return self.label.text()
