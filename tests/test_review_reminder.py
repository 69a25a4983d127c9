"""The weekly-review reminder: when it is due, what it says, where it shows, and that
clicking it opens the Review page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from deskbridge.clock import FixedClock
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.launch import DeskBridgeApp
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.page import Page
from deskbridge.ui.reminders import (
    ReminderBanner,
    Reminders,
    review_reminder_due,
    review_text,
    workspace_review_status,
)
from deskbridge.ui.tray import Tray
from deskbridge.weekly_review import WeeklyReviews
from deskbridge.workspace import Workspace

NINE = time(9, 0)
FRIDAY = 5
MONDAY = date(2026, 11, 23)  # the `clock` fixture's day, in ISO week 2026-W48
THIS_WEEK = "2026-W48"


def on(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def weekday(number: int) -> date:
    """The day of MONDAY's week with this ISO number (1 = Monday)."""
    return MONDAY + timedelta(days=number - 1)


# -- the decision, with the moment passed in ------------------------------------------------


def test_the_review_reminder_waits_for_the_review_day_and_its_time() -> None:
    friday = weekday(FRIDAY)
    for day in range(1, FRIDAY):  # Monday to Thursday, however late
        assert not review_reminder_due(on(weekday(day), 23, 59), FRIDAY, NINE, None, False)
    assert not review_reminder_due(on(friday, 8, 59), FRIDAY, NINE, None, False)
    assert review_reminder_due(on(friday, 9, 0), FRIDAY, NINE, None, False)
    assert review_reminder_due(on(friday, 17, 0), FRIDAY, NINE, "2026-W47", False)


def test_a_missed_review_day_is_made_up_later_that_week_only() -> None:
    # The computer was off on Friday: Saturday's first check reminds, at any hour.
    assert review_reminder_due(on(weekday(6), 7, 0), FRIDAY, NINE, "2026-W47", False)
    assert review_reminder_due(on(weekday(7), 22, 0), FRIDAY, NINE, None, False)
    # The next week starts over: nothing until its own Friday.
    next_monday = weekday(8)
    assert not review_reminder_due(on(next_monday, 10, 0), FRIDAY, NINE, THIS_WEEK, False)


def test_once_a_week_and_never_for_a_finished_review() -> None:
    friday = on(weekday(FRIDAY), 9, 30)
    assert not review_reminder_due(friday, FRIDAY, NINE, THIS_WEEK, False)
    assert not review_reminder_due(friday, FRIDAY, NINE, None, True)
    # A Monday review day comes on Monday; the next Monday is a new week.
    assert review_reminder_due(on(MONDAY, 9, 0), 1, NINE, "2026-W47", False)
    assert review_reminder_due(on(weekday(8), 9, 0), 1, NINE, THIS_WEEK, False)


def test_the_iso_week_decides_across_new_year() -> None:
    # 2026-12-31 (Thursday) and 2027-01-01 (Friday) are both in ISO week 2026-W53.
    thursday, friday = date(2026, 12, 31), date(2027, 1, 1)
    assert review_reminder_due(on(thursday, 9, 0), 4, NINE, "2026-W52", False)
    assert not review_reminder_due(on(friday, 9, 0), 4, NINE, "2026-W53", False)
    assert review_reminder_due(on(date(2027, 1, 7), 9, 0), 4, NINE, "2026-W53", False)


def test_the_reminder_counts_what_waits() -> None:
    assert review_text(12) == "Time for your weekly review: 12 items waiting"
    assert review_text(1) == "Time for your weekly review: 1 item waiting"
    assert review_text(0).startswith("Time for your weekly review: nothing is waiting")


# -- Reminders on a real workspace, the review's state injected ------------------------------


class FakeReview:
    """The review's state as the reminder asks for it, counting the questions."""

    def __init__(self, finished: bool = False, waiting: int = 7) -> None:
        self.finished = finished
        self.waiting = waiting
        self.asked: list[date] = []

    def __call__(self, day: date) -> tuple[bool, int]:
        self.asked.append(day)
        return self.finished, self.waiting


def review_reminders(
    app_context: AppContext, review: FakeReview
) -> tuple[Reminders, list[str], list[str]]:
    reminders = Reminders(app_context.preferences)
    reminders.attach(app_context.workspace, review)
    daily: list[str] = []
    weekly: list[str] = []
    reminders.remind.connect(daily.append)
    reminders.review_remind.connect(weekly.append)
    return reminders, daily, weekly


def test_on_the_review_day_the_reminder_comes_once_at_the_time(
    app_context: AppContext, clock: FixedClock
) -> None:
    preferences = app_context.preferences
    preferences.review_day = 1  # Monday, the clock's day
    preferences.reminder_time = QTime(9, 30)
    review = FakeReview(waiting=7)
    reminders, _, weekly = review_reminders(app_context, review)

    clock.moment = on(MONDAY, 9, 0)
    reminders.check()
    assert weekly == []
    assert review.asked == []  # not read before the time comes

    clock.moment = on(MONDAY, 9, 30)
    reminders.check()
    assert weekly == ["Time for your weekly review: 7 items waiting"]
    assert preferences.last_review_reminder_week == THIS_WEEK
    for moment in (on(MONDAY, 9, 31), on(MONDAY, 18, 0), on(weekday(3), 9, 30)):
        clock.moment = moment
        reminders.check()
    assert len(weekly) == 1
    assert review.asked == [MONDAY]

    clock.moment = on(weekday(8), 9, 30)  # next Monday
    review.waiting = 1
    reminders.check()
    assert weekly[1:] == ["Time for your weekly review: 1 item waiting"]


def test_a_finished_review_is_not_reminded_of_nor_read_again_that_week(
    app_context: AppContext, clock: FixedClock
) -> None:
    app_context.preferences.review_day = 1
    review = FakeReview(finished=True)
    reminders, _, weekly = review_reminders(app_context, review)
    clock.moment = on(MONDAY, 10, 0)
    reminders.check()
    clock.moment = on(MONDAY, 10, 1)
    reminders.check()
    assert weekly == []
    assert review.asked == [MONDAY]


def test_a_start_up_on_the_review_day_reminds_of_both(
    app_context: AppContext, clock: FixedClock
) -> None:
    workspace = app_context.workspace
    workspace.contacts.add("Ana Lopez", added_on=MONDAY - timedelta(days=45))
    app_context.preferences.review_day = 1
    clock.moment = on(MONDAY, 11, 0)
    reminders, daily, weekly = review_reminders(app_context, FakeReview(waiting=3))
    reminders.start()
    assert daily == ["Overdue: Ana Lopez"]
    assert weekly == ["Time for your weekly review: 3 items waiting"]
    reminders.stop()


def test_the_default_review_day_is_friday(app_context: AppContext, clock: FixedClock) -> None:
    assert app_context.preferences.review_day == FRIDAY
    reminders, _, weekly = review_reminders(app_context, FakeReview())
    clock.moment = on(MONDAY, 12, 0)
    reminders.check()
    assert weekly == []
    clock.moment = on(weekday(FRIDAY), 9, 0)
    reminders.check()
    assert weekly == ["Time for your weekly review: 7 items waiting"]


def test_the_review_state_comes_from_the_weekly_review_by_default(workspace: Workspace) -> None:
    status = workspace_review_status(workspace)
    assert status(MONDAY) == (False, 0)
    for name in ("Ana Lopez", "Bo Chen"):  # both overdue: two items in the week's queue
        workspace.contacts.add(name, added_on=MONDAY - timedelta(days=45))
    assert status(MONDAY) == (False, 2)

    WeeklyReviews(workspace.db, workspace.clock).finish()

    assert status(MONDAY) == (True, 2)
    assert status(weekday(8)) == (False, 2)  # next week's review is not done yet


def test_clicking_the_reminder_asks_for_the_review(app_context: AppContext) -> None:
    reminders = Reminders(app_context.preferences)
    asked: list[bool] = []
    reminders.review_requested.connect(lambda: asked.append(True))
    reminders.request_review()
    assert asked == [True]


# -- where it shows: the tray, or the banner ---------------------------------------------------


def test_the_banner_offers_to_start_the_review_for_a_review_reminder(qtbot: QtBot) -> None:
    people: list[bool] = []
    started: list[bool] = []
    banner = ReminderBanner(lambda: people.append(True), start_review=lambda: started.append(True))
    qtbot.addWidget(banner)
    assert banner.show_button is not None and banner.review_button is not None

    banner.show_review_text("Time for your weekly review: 4 items waiting")
    assert banner.text() == "Time for your weekly review: 4 items waiting"
    assert banner.review_button.isVisibleTo(banner) and not banner.show_button.isVisibleTo(banner)
    banner.review_button.click()
    assert started == [True] and people == []
    assert banner.isHidden()

    banner.show_text("Overdue: Ana Lopez")  # the daily reminder offers the people again
    assert banner.show_button.isVisibleTo(banner)
    assert not banner.review_button.isVisibleTo(banner)


def test_a_banner_without_a_review_page_has_no_review_button(qtbot: QtBot) -> None:
    banner = ReminderBanner()
    qtbot.addWidget(banner)
    banner.show_review_text("Time for your weekly review: 4 items waiting")
    assert banner.review_button is None
    assert banner.dismiss_button.isVisibleTo(banner)


def test_a_clicked_tray_message_does_what_its_reminder_asks(
    app_context: AppContext, qtbot: QtBot
) -> None:
    window = MainWindow(app_context, pages=[])
    qtbot.addWidget(window)
    tray = Tray()
    tray.attach(window)
    started: list[bool] = []

    tray.notify_review("Time for your weekly review: 2 items waiting", lambda: started.append(True))
    tray.icon.messageClicked.emit()
    assert started == [True]
    assert window.isVisible()

    tray.notify("Overdue: Ana Lopez")  # the daily reminder's click shows Today again
    tray.icon.messageClicked.emit()
    assert started == [True]


# -- the app: the reminder's click opens the Review page when there is one ---------------------


class StubPage(Page):
    def refresh(self) -> None:
        pass


class TodayStub(StubPage):
    title = "Today"


class ReviewStub(StubPage):
    title = "Review"


@pytest.fixture
def started_app(
    make_app: Callable[..., DeskBridgeApp], tmp_path: Path, clock: FixedClock
) -> Callable[[list[type[StubPage]]], DeskBridgeApp]:
    """An app started on a database that is not new (no welcome), with ``pages``."""

    def start(pages: list[type[StubPage]]) -> DeskBridgeApp:
        app = make_app(pages=pages)
        workspace = Workspace.open(str(tmp_path / "mine.sqlite3"), clock)
        workspace.contacts.add("Someone")
        workspace.close()
        assert app.start(str(tmp_path / "mine.sqlite3"))
        return app

    return start


def test_the_review_reminder_opens_the_review_page(
    started_app: Callable[..., DeskBridgeApp],
) -> None:
    app = started_app([TodayStub, ReviewStub])
    assert app.window is not None and app.banner is not None
    assert app.window.current_page().title == "Today"

    app.reminders.review_remind.emit("Time for your weekly review: 5 items waiting")
    assert app.banner.text() == "Time for your weekly review: 5 items waiting"
    assert app.banner.review_button is not None
    app.banner.review_button.click()

    assert app.window.current_page().title == "Review"


def test_without_a_review_page_asking_for_it_changes_nothing(
    started_app: Callable[..., DeskBridgeApp],
) -> None:
    app = started_app([TodayStub])
    assert app.window is not None and app.banner is not None
    assert app.banner.review_button is None
    app.reminders.request_review()
    assert app.window.current_page().title == "Today"
