"""The review's current item: what it is, why it is in the queue, and one button per action
that fits it, each named with its one-letter key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from deskbridge.review_items import ReviewAction, ReviewItem, ReviewKind
from deskbridge.ui.detail_pane import MUTED
from deskbridge.ui.view_actions import action_button


@dataclass(frozen=True)
class KindText:
    section: str
    """The queue's heading for the kind."""
    why: str
    """Why such an item is in the review, under its title."""
    view: str
    """The view that lists every one of them."""
    opens: str
    """What Enter shows."""


KINDS: dict[ReviewKind, KindText] = {
    ReviewKind.STALE_CONTACT: KindText(
        "Stale relationships", "No touch for more than two cadences.", "Contacts", "the contact"
    ),
    ReviewKind.GOING_STALE_CONTACT: KindText(
        "Going stale before next week",
        "Still in time: a touch now keeps this relationship from going stale.",
        "Contacts",
        "the contact",
    ),
    ReviewKind.OVERDUE_CONTACT: KindText(
        "Overdue for a touch", "The next touch date has passed.", "Contacts", "the contact"
    ),
    ReviewKind.OVERDUE_REQUEST: KindText(
        "Asks past their deadline",
        "You needed this input by a day that has passed: a nudge logs a follow-up.",
        "Requests",
        "the request",
    ),
    ReviewKind.UNTHANKED_ANSWER: KindText(
        "Answers to thank for",
        "They answered and you have not thanked them yet.",
        "Requests",
        "the request",
    ),
    ReviewKind.OPEN_REQUEST: KindText(
        "Open asks", "Waiting for an answer, not late yet.", "Requests", "the request"
    ),
    ReviewKind.OVERDUE_TASK: KindText(
        "Overdue tasks", "An open joint task past its due day.", "Tasks", "the task to edit"
    ),
    ReviewKind.WAITING_TASK: KindText(
        "Waiting on others",
        "Open joint work in other people's hands: is it done, or worth a word?",
        "Tasks",
        "the task to edit",
    ),
    ReviewKind.GOAL_NEEDS_CHECKIN: KindText(
        "Goals to check in on",
        "No check-in lately: record where the metric stands.",
        "Goals",
        "the goal",
    ),
    ReviewKind.QUIET_PROJECT: KindText(
        "Quiet projects",
        "No meeting logged and no task moved lately: a touch with the team logs it here.",
        "Projects",
        "the project",
    ),
}


@dataclass(frozen=True)
class ActionText:
    label: str
    key: Qt.Key
    tip: str


ACTION_TEXTS: dict[ReviewAction, ActionText] = {
    ReviewAction.LOG_TOUCH: ActionText(
        "Log a touch (L)", Qt.Key.Key_L, "Quick log a meeting, call or coffee with them"
    ),
    ReviewAction.SNOOZE: ActionText(
        "Snooze (S)", Qt.Key.Key_S, "No reminders for this contact until a later day"
    ),
    ReviewAction.THANK: ActionText(
        "Thank (T)", Qt.Key.Key_T, "Record that you thanked them, and how it helped"
    ),
    ReviewAction.NUDGE: ActionText(
        "Nudge (N)", Qt.Key.Key_N, "Log a follow-up with the person asked"
    ),
    ReviewAction.CHECK_IN: ActionText(
        "Check in (C)", Qt.Key.Key_C, "Record where the goal's metric stands today"
    ),
    ReviewAction.DONE: ActionText("Mark done (D)", Qt.Key.Key_D, "Mark the task done"),
    ReviewAction.SKIP: ActionText(
        "Skip (K)", Qt.Key.Key_K, "Nothing to do this week: take it off the queue"
    ),
}
KEYS = {text.key: action for action, text in ACTION_TEXTS.items()}


class ReviewItemPane(QWidget):
    """Shows one item; its buttons say which action the user chose (:attr:`chosen`)."""

    chosen = Signal(object)  # a ReviewAction
    open_item = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.section = QLabel()
        self.section.setStyleSheet(f"{MUTED} font-weight: 600;")
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setStyleSheet(MUTED)
        self.buttons: dict[ReviewAction, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        for place, (action, text) in enumerate(ACTION_TEXTS.items()):
            button = action_button(text.label, text.tip, self._choose(action))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys act from the queue
            self.buttons[action] = button
            grid.addWidget(button, place // 3, place % 3)
        self.open_button = action_button("Open (Enter)", "", self.open_item.emit)
        self.open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._grid = grid
        self.keys_hint = QLabel("Up/Down: move through the queue · Ctrl+Enter: finish the review")
        self.keys_hint.setStyleSheet(MUTED)
        self.keys_hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(self.section)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.why)
        layout.addSpacing(12)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.keys_hint)
        self.item: ReviewItem | None = None
        self.show_item(None)

    def _choose(self, action: ReviewAction) -> Callable[[], None]:
        return lambda: self.chosen.emit(action)

    def show_item(self, item: ReviewItem | None) -> None:
        """Show ``item`` with the actions that fit it (None: nothing chosen)."""
        self.item = item
        if item is None:
            for label in (self.section, self.title, self.detail, self.why):
                label.clear()
            for button in [*self.buttons.values(), self.open_button]:
                button.hide()
            return
        text = KINDS[item.kind]
        self.section.setText(text.section)
        self.title.setText(item.title)
        self.detail.setText(item.detail)
        self.why.setText(text.why)
        # Only the actions that fit, laid out in the kind's own order.
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.hide()
        self._grid.removeWidget(self.open_button)
        shown = [self.buttons[action] for action in item.actions]
        self.open_button.setToolTip(f"Show {text.opens} (also Enter)")
        for place, button in enumerate([*shown, self.open_button]):
            self._grid.addWidget(button, place // 3, place % 3)
            button.show()

    def offers(self, action: ReviewAction) -> bool:
        return self.item is not None and action in self.item.actions
