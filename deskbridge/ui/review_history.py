"""Past weekly reviews: the streak, and what each review did."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from deskbridge.review_items import ReviewAction
from deskbridge.ui.detail_pane import MUTED
from deskbridge.weekly_review import PastReview, ReviewHistory

# How a review's actions read in its line of the history, e.g. "4 touches logged".
ACTION_PHRASES: dict[ReviewAction, tuple[str, str]] = {
    ReviewAction.LOG_TOUCH: ("touch logged", "touches logged"),
    ReviewAction.SNOOZE: ("snoozed", "snoozed"),
    ReviewAction.THANK: ("thanks given", "thanks given"),
    ReviewAction.NUDGE: ("nudge", "nudges"),
    ReviewAction.CHECK_IN: ("check-in", "check-ins"),
    ReviewAction.DONE: ("task done", "tasks done"),
    ReviewAction.SKIP: ("skipped", "skipped"),
}


def week_span(monday: date) -> str:
    """'23–29 Nov', or '30 Nov – 6 Dec' when the week spans two months."""
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}–{sunday.day} {sunday:%b}"
    return f"{monday.day} {monday:%b} – {sunday.day} {sunday:%b}"


def week_title(monday: date) -> str:
    """'Week 48 · 23–29 Nov'."""
    return f"Week {monday.isocalendar()[1]} · {week_span(monday)}"


def what_it_did(review: PastReview) -> str:
    """'4 touches logged, 2 thanks given, 1 skipped' (skips last: they did nothing), or
    'nothing needed doing'."""
    parts = []
    ordered = sorted(review.actions, key=lambda pair: pair[0] is ReviewAction.SKIP)
    for action, count in ordered:
        one, many = ACTION_PHRASES[action]
        parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts) or "nothing needed doing"


def streak_text(weeks: int) -> str:
    if weeks == 0:
        return "No streak yet: finish a review this week to start one."
    if weeks == 1:
        return "1 week in a row. Come back next week to keep it going."
    return f"{weeks} weeks in a row."


class ReviewHistoryPanel(QWidget):
    """The streak over a list of past reviews, newest first."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel("Past reviews")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.streak = QLabel()
        self.streak.setStyleSheet(MUTED)
        self.list = QListWidget()
        self.list.setAccessibleName("Past reviews")
        self.list.setAlternatingRowColors(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.streak)
        layout.addWidget(self.list, 1)

    def show_history(self, history: ReviewHistory) -> None:
        self.streak.setText(streak_text(history.streak))
        self.list.clear()
        for review in history.reviews:
            finished = review.completed_at
            line = (
                f"{week_title(review.starts_on)} — {what_it_did(review)}"
                f"   (finished {finished:%a} {finished.day} {finished:%b}, {finished:%H:%M})"
            )
            QListWidgetItem(line, self.list)

    def lines(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]
