"""Reminders and the tray: when to remind, what to say, the in-window fallback, the badge."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QTime
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.clock import FixedClock
from deskbridge.records import DueContact, TouchStatus
from deskbridge.ui import reminders as reminders_module
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.assets import app_icon
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.reminders import ReminderBanner, Reminders, reminder_due, reminder_text
from deskbridge.ui.tray import BADGE_COLOUR, Tray, badge_pixmap, badge_text, tray_tooltip

NINE = time(9, 0)
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def due(name: str, status: TouchStatus) -> DueContact:
    return DueContact(
        id=hash(name) & 0xFFFF, name=name, email=None, department=None,
        last_touch=None, next_touch=MONDAY, status=status,
    )  # fmt: skip


# -- the decision, with day and time passed in -------------------------------------------


def test_the_daily_reminder_waits_for_its_time_then_comes_once_a_day() -> None:
    assert not reminder_due(at(MONDAY, 8, 59), NINE, None)
    assert reminder_due(at(MONDAY, 9, 0), NINE, None)
    assert reminder_due(at(MONDAY, 17, 30), NINE, MONDAY - timedelta(days=1))
    # Already reminded today: not again, even hours later.
    assert not reminder_due(at(MONDAY, 9, 1), NINE, MONDAY)
    assert not reminder_due(at(MONDAY, 23, 59), NINE, MONDAY)
    # The next day, again only from the chosen time on.
    tuesday = MONDAY + timedelta(days=1)
    assert not reminder_due(at(tuesday, 8, 0), NINE, MONDAY)
    assert reminder_due(at(tuesday, 9, 0), NINE, MONDAY)
    # Days skipped (the computer was off) change nothing: one reminder, at the time.
    assert reminder_due(at(tuesday, 10, 0), NINE, MONDAY - timedelta(days=5))


def test_reminder_text_names_the_overdue_and_counts_the_rest() -> None:
    ana = due("Ana Lopez", TouchStatus.STALE)
    bo = due("Bo Chen", TouchStatus.OVERDUE)
    cy = due("Cy Dune", TouchStatus.OVERDUE)
    soon = due("Dee Soon", TouchStatus.DUE)
    assert reminder_text([]) is None
    assert reminder_text([soon]) is None  # due this week is not overdue yet
    assert reminder_text([ana, soon]) == "Overdue: Ana Lopez"
    assert reminder_text([ana, bo]) == "Overdue: Ana Lopez and Bo Chen"
    assert reminder_text([ana, bo, cy]) == "Overdue: Ana Lopez, Bo Chen and Cy Dune"
    many = [ana, bo, *(due(f"Person {n}", TouchStatus.OVERDUE) for n in range(10)), soon]
    assert reminder_text(many) == "Overdue: Ana Lopez, Bo Chen and 10 others"
    assert (
        reminder_text(many[:4], cut_short=True)
        == "Overdue: Ana Lopez, Bo Chen and more than 2 others"
    )


# -- Reminders on a real workspace ---------------------------------------------------------


def reminders_for(app_context: AppContext) -> tuple[Reminders, list[str]]:
    reminders = Reminders(app_context.preferences)
    reminders.attach(app_context.workspace)
    said: list[str] = []
    reminders.remind.connect(said.append)
    return reminders, said


def test_start_up_reminds_when_someone_is_overdue_and_the_daily_one_comes_once(
    app_context: AppContext, clock: FixedClock
) -> None:
    today = clock.today()
    app_context.workspace.contacts.add("Ana Lopez", added_on=today - timedelta(days=45))
    app_context.workspace.contacts.add("Bo Chen", added_on=today - timedelta(days=3))
    app_context.preferences.reminder_time = QTime(9, 30)
    clock.moment = at(today, 8, 0)
    reminders, said = reminders_for(app_context)

    reminders.start()
    assert said == ["Overdue: Ana Lopez"]  # Bo is not due for weeks
    assert reminders.timer.isActive()
    reminders.check()  # 8:00, before the chosen time
    assert said == ["Overdue: Ana Lopez"]

    clock.moment = at(today, 9, 30)
    reminders.check()
    assert said == ["Overdue: Ana Lopez"] * 2
    assert app_context.preferences.last_reminded_on == today.isoformat()
    clock.moment = at(today, 9, 31)
    reminders.check()
    clock.moment = at(today, 18, 0)
    reminders.check()
    assert len(said) == 2

    clock.moment = at(today + timedelta(days=1), 9, 30)
    reminders.check()
    assert len(said) == 3
    reminders.stop()


def test_a_start_after_the_reminder_time_counts_as_that_days_reminder(
    app_context: AppContext, clock: FixedClock
) -> None:
    today = clock.today()
    app_context.workspace.contacts.add("Ana Lopez", added_on=today - timedelta(days=45))
    clock.moment = at(today, 14, 0)
    reminders, said = reminders_for(app_context)
    reminders.start()
    reminders.check()
    assert said == ["Overdue: Ana Lopez"]
    reminders.stop()


def test_nobody_overdue_means_no_reminder_but_the_day_is_still_marked(
    app_context: AppContext, clock: FixedClock
) -> None:
    app_context.workspace.contacts.add("Bo Chen")
    clock.moment = at(clock.today(), 10, 0)
    reminders, said = reminders_for(app_context)
    reminders.check()
    assert said == []
    assert app_context.preferences.last_reminded_on == clock.today().isoformat()


def test_a_long_overdue_list_says_more_than(
    app_context: AppContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminders_module, "REMINDER_SCAN", 3)
    for name in ("Ana Lopez", "Bo Chen", "Cy Dune", "Dee Ek"):
        app_context.workspace.contacts.add(name, added_on=clock.today() - timedelta(days=45))
    reminders, _ = reminders_for(app_context)
    assert reminders.current_text() == "Overdue: Ana Lopez, Bo Chen and more than 1 other"


def test_a_new_day_is_announced_so_counts_can_be_refreshed(
    app_context: AppContext, clock: FixedClock
) -> None:
    reminders, _ = reminders_for(app_context)
    days: list[bool] = []
    reminders.new_day.connect(lambda: days.append(True))
    reminders.check()
    assert days == []
    clock.moment = clock.moment + timedelta(days=1)
    reminders.check()
    assert days == [True]


# -- without a tray: the banner in the window ----------------------------------------------


def test_the_banner_shows_the_reminder_and_dismiss_hides_it(qtbot: QtBot) -> None:
    shown: list[bool] = []
    banner = ReminderBanner(lambda: shown.append(True))
    qtbot.addWidget(banner)
    assert banner.isHidden()
    banner.show_text("Overdue: Ana Lopez")
    assert banner.isVisible()
    assert banner.text() == "Overdue: Ana Lopez"
    banner.dismiss_button.click()
    assert banner.isHidden()

    banner.show_text("Overdue: Bo Chen")
    assert banner.show_button is not None
    banner.show_button.click()
    assert shown == [True]
    assert banner.isHidden()


def test_a_banner_without_a_today_view_offers_only_dismiss(qtbot: QtBot) -> None:
    banner = ReminderBanner()
    qtbot.addWidget(banner)
    assert banner.show_button is None


# -- the tray icon ---------------------------------------------------------------------------


def test_badge_text_stays_short() -> None:
    assert [badge_text(n) for n in (0, 1, 42, 99, 100, 12_345)] == [
        "", "1", "42", "99", "99+", "99+",
    ]  # fmt: skip
    assert tray_tooltip(12) == "DeskBridge — 12 people to get in touch with"
    assert tray_tooltip(1) == "DeskBridge — 1 person to get in touch with"
    assert "everyone" in tray_tooltip(0)


def test_the_badge_is_painted_on_the_icon_only_when_someone_is_due(qtbot: QtBot) -> None:
    plain = badge_pixmap(app_icon(), 0).toImage()
    badged = badge_pixmap(app_icon(), 7).toImage()
    assert plain.size() == badged.size()
    # The top-right corner turns badge red; the bottom-left corner stays the icon.
    corner = QColor(badged.pixel(badged.width() - 8, badged.height() // 4))
    assert corner.red() > 180 and corner.green() < 90, corner.name()
    assert QColor(plain.pixel(plain.width() - 8, plain.height() // 4)) != corner
    assert badged.pixel(4, badged.height() - 10) == plain.pixel(4, plain.height() - 10)
    assert BADGE_COLOUR.name() == "#d32f2f"


def window_for(app_context: AppContext, qtbot: QtBot) -> MainWindow:
    window = MainWindow(app_context, pages=[])
    qtbot.addWidget(window)
    return window


def test_tray_tooltip_counts_due_people_and_follows_changes(
    app_context: AppContext, clock: FixedClock, qtbot: QtBot
) -> None:
    workspace = app_context.workspace
    workspace.contacts.add("Ana Lopez", added_on=clock.today() - timedelta(days=45))
    tray = Tray()
    tray.attach(window_for(app_context, qtbot))
    assert tray.icon.toolTip() == "DeskBridge — 1 person to get in touch with"
    assert not tray.icon.icon().isNull()

    app_context.op(
        lambda: workspace.contacts.add("Bo Chen", added_on=clock.today() - timedelta(days=40))
    ).changes(ChangeKind.CONTACTS).run()
    assert tray.count == 2
    assert tray.icon.toolTip() == "DeskBridge — 2 people to get in touch with"


def test_tray_menu_opens_the_window_quick_logs_and_quits(
    app_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_for(app_context, qtbot)
    tray = Tray()
    tray.attach(window)
    texts = [action.text() for action in tray.menu.actions() if not action.isSeparator()]
    assert texts == ["&Open DeskBridge", "&Quick log…", "&Quit"]

    tray.open_action.trigger()
    assert window.isVisible()
    tray.toggle_window()  # a click on the icon while the window is up hides it
    assert not window.isVisible()
    tray.toggle_window()
    assert window.isVisible()

    logged: list[list[int]] = []
    monkeypatch.setattr(window, "quick_log", logged.append)
    tray.quick_log_action.trigger()
    assert logged == [[]]

    window.close_to_tray = lambda: True  # even when closing would only hide it...
    with qtbot.waitSignal(window.quit_requested):
        tray.quit_action.trigger()  # ...Quit quits
    assert window.really_quit
    assert not window.isVisible()
