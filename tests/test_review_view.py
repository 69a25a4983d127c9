"""The Review page, driven with the keyboard only: work down the week's queue with the
one-letter keys, the dialogs they open answered like a user, then finish with Ctrl+Enter."""

from __future__ import annotations

from datetime import date

import pytest
from dialog_driver import answer_questions, click_ok, when_shown
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_weekly_review import Org, fill_review_data

from deskbridge.review_items import ReviewAction, ReviewKind
from deskbridge.ui import review_view
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.checkin_dialog import CheckinDialog
from deskbridge.ui.quick_log_dialog import QuickLogDialog
from deskbridge.ui.request_dialogs import NudgeDialog, ThankDialog
from deskbridge.ui.review_item import ACTION_TEXTS
from deskbridge.ui.review_view import ReviewView

# The key the test presses for each kind: a different action for most, to use them all.
KEY_FOR = {
    ReviewKind.STALE_CONTACT: Qt.Key.Key_L,
    ReviewKind.GOING_STALE_CONTACT: Qt.Key.Key_S,
    ReviewKind.OVERDUE_CONTACT: Qt.Key.Key_K,
    ReviewKind.OVERDUE_REQUEST: Qt.Key.Key_N,
    ReviewKind.UNTHANKED_ANSWER: Qt.Key.Key_T,
    ReviewKind.OPEN_REQUEST: Qt.Key.Key_K,
    ReviewKind.OVERDUE_TASK: Qt.Key.Key_D,
    ReviewKind.WAITING_TASK: Qt.Key.Key_K,
    ReviewKind.GOAL_NEEDS_CHECKIN: Qt.Key.Key_C,
    ReviewKind.QUIET_PROJECT: Qt.Key.Key_L,
}


def shown_view(app_context: AppContext, qtbot: QtBot) -> ReviewView:
    view = ReviewView(app_context)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.start_review()
    return view


def visible_actions(view: ReviewView) -> list[str]:
    return [b.text() for b in view.pane.buttons.values() if b.isVisibleTo(view.pane)]


@pytest.fixture
def org(app_context: AppContext) -> Org:
    return fill_review_data(app_context.workspace)


def test_a_whole_review_by_keyboard_stores_the_weekly_review(
    app_context: AppContext, org: Org, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def log_it(dialog: QuickLogDialog) -> None:
        qtbot.keyClicks(dialog.summary, "Weekly catch-up")
        click_ok(qtbot, dialog)

    logged = when_shown(monkeypatch, QuickLogDialog, log_it)
    nudged = when_shown(monkeypatch, NudgeDialog, lambda d: click_ok(qtbot, d))
    thanked = when_shown(monkeypatch, ThankDialog, lambda d: click_ok(qtbot, d))
    checked = when_shown(monkeypatch, CheckinDialog, lambda d: click_ok(qtbot, d))
    snoozed: list[date] = []

    def snooze_two_weeks(today: date, *_args: object) -> date:
        snoozed.append(date(2026, 12, 7))
        return snoozed[-1]

    monkeypatch.setattr(review_view, "ask_snooze_until", snooze_two_weeks)
    view = shown_view(app_context, qtbot)
    assert view.heading.text() == "Week 48 · 23–29 Nov"
    assert view.progress.format() == "0 of 10 done"
    assert view.tree.hasFocus() or view.tree.isVisible()

    # Down then Up comes back to the first item; headings are never current.
    first = view.current_item()
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert view.current_item() != first
    qtbot.keyClick(view.tree, Qt.Key.Key_Up)
    assert view.current_item() == first

    seen = []
    while view.items:
        item = view.current_item()
        assert item is not None
        seen.append(item.kind)
        qtbot.keyClick(view.tree, KEY_FOR[item.kind])
        assert view.current_item() != item  # it left the queue and the next took its place
    assert seen == list(ReviewKind)
    assert view.progress.format() == "10 of 10 done"
    assert view.caught_up.title.text() == "All caught up"
    assert view.caught_up_finish.isVisible()

    # Each dialog opened filled in for its item.
    assert [d.participants.contact_ids() for d in logged] == [[org.stale], [org.fine]]
    assert logged[1].project.currentData() == org.quiet_project
    assert [d.request.id for d in nudged] == [org.late_ask]
    assert [d.request.id for d in thanked] == [org.unthanked]
    assert [d.goal.id for d in checked] == [org.quiet_goal]

    qtbot.keyClick(view.caught_up_finish, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    history = app_context.workspace.review.history()
    assert [past.week for past in history.reviews] == ["2026-W48"]
    assert dict(history.reviews[0].actions) == {
        ReviewAction.LOG_TOUCH: 2,
        ReviewAction.SNOOZE: 1,
        ReviewAction.SKIP: 3,
        ReviewAction.NUDGE: 1,
        ReviewAction.THANK: 1,
        ReviewAction.DONE: 1,
        ReviewAction.CHECK_IN: 1,
    }
    assert history.streak == 1
    assert view.caught_up.title.text() == "This week's review is done"
    assert view.history_panel.streak.text().startswith("1 week in a row")
    assert view.history_panel.lines()[0].startswith(
        "Week 48 · 23–29 Nov — 2 touches logged, 1 snoozed, 1 thanks given, 1 nudge, "
        "1 check-in, 1 task done, 3 skipped"
    )
    # The operations really happened: the task is done, the contact snoozed.
    assert app_context.workspace.tasks.get(org.late_task).status == "done"
    assert app_context.workspace.contacts.get(org.going_stale).snoozed_until == snoozed[0]


def test_only_the_actions_that_fit_are_offered(
    app_context: AppContext, org: Org, qtbot: QtBot
) -> None:
    view = shown_view(app_context, qtbot)
    assert view.current_item() is not None
    assert view.current_item().kind is ReviewKind.STALE_CONTACT  # type: ignore[union-attr]
    assert visible_actions(view) == ["Log a touch (L)", "Snooze (S)", "Skip (K)"]
    qtbot.keyClick(view.tree, Qt.Key.Key_T)  # thanks do not fit a contact: nothing happens
    assert app_context.workspace.review.progress() == ()
    while view.current_item().kind is not ReviewKind.UNTHANKED_ANSWER:  # type: ignore[union-attr]
        qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert visible_actions(view) == [ACTION_TEXTS[ReviewAction.THANK].label, "Skip (K)"]


def test_enter_opens_the_thing_and_the_place_survives_a_reopen(
    app_context: AppContext, org: Org, qtbot: QtBot
) -> None:
    view = shown_view(app_context, qtbot)
    with qtbot.waitSignal(view.open_contact) as opened:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert opened.args == [org.stale]
    qtbot.keyClick(view.tree, Qt.Key.Key_K)
    assert view.progress.format() == "1 of 10 done"
    again = shown_view(app_context, qtbot)  # as after a restart: read from the database
    assert again.progress.format() == "1 of 10 done"
    assert again.current_item() is not None
    assert again.current_item().kind is ReviewKind.GOING_STALE_CONTACT  # type: ignore[union-attr]


def test_finishing_early_asks_first(
    app_context: AppContext, org: Org, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    view = shown_view(app_context, qtbot)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0].startswith("10 items still in the queue")
    assert app_context.workspace.review.history().reviews == ()
    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [p.week for p in app_context.workspace.review.history().reviews] == ["2026-W48"]


def test_an_empty_database_explains_the_review(app_context: AppContext, qtbot: QtBot) -> None:
    view = shown_view(app_context, qtbot)
    assert view.stack.currentWidget() is view.blank
    assert view.blank.title.text() == "Nothing to review yet"
    assert "Contacts (Ctrl+N)" in view.blank.text.text()
    assert not view.progress.isVisible()
