"""The pane beside the requests table: the selected request in full (question, answer,
dates and how it helped), with a button for each step it allows now."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deskbridge.input_requests import RequestAction, allowed_actions
from deskbridge.records import InputRequestRecord
from deskbridge.ui.detail_pane import (
    badge_style,
    field_grid,
    heading,
    invitation,
    muted,
    pane_stack,
    scrolling,
    value_label,
)
from deskbridge.ui.requests_model import LATE_COLOUR, WAITING_COLOUR, days_late, status_text

DETAIL_BUTTONS = (
    (RequestAction.ANSWER, "Record &answer…", "A"),
    (RequestAction.THANK, "&Thank…", "T"),
    (RequestAction.NUDGE, "&Nudge…", "N"),
    (RequestAction.DECLINE, "&Decline…", "D"),
    (RequestAction.WITHDRAW, "&Withdraw…", "W"),
)


def section(text: str) -> QLabel:
    return heading(text, space_above=8)


def paragraphs(text: str, empty: str) -> str:
    if not text.strip():
        return muted(escape(empty))
    return escape(text).replace("\n", "<br>")


class RequestDetail(QWidget):
    """The selected request in full, with a button for each step it allows now."""

    action_requested = Signal(object)  # a RequestAction
    open_contact_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request: InputRequestRecord | None = None
        self.setMinimumWidth(300)
        self.empty = invitation(
            "Select a request to see the question, the answer and what to do next"
        )

        self.topic = value_label()
        self.topic.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.person = QLabel()
        self.person.setWordWrap(True)
        self.person.setTextFormat(Qt.TextFormat.RichText)
        self.person.linkActivated.connect(lambda _link: self._open_contact())
        self.status = QLabel()
        self.buttons: dict[RequestAction, QPushButton] = {}
        actions = QGridLayout()
        actions.setContentsMargins(0, 6, 0, 6)
        for position, (action, text, key) in enumerate(DETAIL_BUTTONS):
            button = QPushButton(text)
            button.setToolTip(f"Key {key} on the table")
            button.clicked.connect(lambda _checked=False, a=action: self.action_requested.emit(a))
            self.buttons[action] = button
            actions.addWidget(button, position // 2, position % 2)
        self.contact_button = QPushButton("Open &contact")
        self.contact_button.setToolTip("Key O on the table")
        self.contact_button.clicked.connect(self._open_contact)
        actions.addWidget(self.contact_button, 2, 1)

        self.dates, self.date_labels = field_grid(
            ("Asked on", "Needed by", "Answered on", "Thanked on")
        )
        self.question = value_label()
        self.answer = value_label()
        self.thanks_heading = section("How it helped")
        self.thanks = value_label()

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.addLayout(self.dates)
        column.addWidget(section("Question"))
        column.addWidget(self.question)
        column.addWidget(section("Answer"))
        column.addWidget(self.answer)
        column.addWidget(self.thanks_heading)
        column.addWidget(self.thanks)
        column.addStretch(1)
        card = QWidget()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 0, 4, 4)
        title = QHBoxLayout()
        title.addWidget(self.topic, 1)
        title.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title)
        layout.addWidget(self.person)
        layout.addLayout(actions)
        layout.addWidget(scrolling(body), 1)

        self.stack = pane_stack(self, self.empty, card)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.request = None
        self.stack.setCurrentWidget(self.empty)
        for button in (*self.buttons.values(), self.contact_button):
            button.setEnabled(False)

    def show_request(self, request: InputRequestRecord, today: date) -> None:
        self.request = request
        late = (
            request.status == "open" and request.needed_by is not None and request.needed_by < today
        )
        self.topic.setText(request.topic)
        self.person.setText(
            f"Asked of <a href='contact:{request.asked_of.id}'>{escape(request.asked_of.name)}</a>"
        )
        label = status_text(request.status, request.thanked_on, late)
        self.status.setText(label)
        self.status.setStyleSheet(self._badge(request, late))
        needed = request.needed_by.isoformat() if request.needed_by else "no deadline"
        if late and request.needed_by is not None:
            needed += f" ({days_late(request.needed_by, today)})"
        values = {
            "Asked on": request.asked_on.isoformat(),
            "Needed by": needed,
            "Answered on": request.answered_on.isoformat() if request.answered_on else "",
            "Thanked on": request.thanked_on.isoformat() if request.thanked_on else "",
        }
        for name, text in values.items():
            caption, value = self.date_labels[name]
            value.setText(text)
            caption.setVisible(bool(text))
            value.setVisible(bool(text))
        self.question.setText(paragraphs(request.question, "No question written down."))
        waiting = "No answer yet." if request.status == "open" else "No answer."
        self.answer.setText(paragraphs(request.answer_summary, waiting))
        self.thanks_heading.setVisible(request.thanked_on is not None)
        self.thanks.setVisible(request.thanked_on is not None)
        self.thanks.setText(paragraphs(request.thanks_note, "Thanked; no note."))
        allowed = allowed_actions(request)
        for action, button in self.buttons.items():
            button.setEnabled(action in allowed)
        self.contact_button.setEnabled(True)
        self.stack.setCurrentIndex(1)

    @staticmethod
    def _badge(request: InputRequestRecord, late: bool) -> str:
        colour = None
        if late:
            colour = LATE_COLOUR
        elif request.status == "answered" and request.thanked_on is None:
            colour = WAITING_COLOUR
        return badge_style(colour)

    def _open_contact(self) -> None:
        if self.request is not None:
            self.open_contact_requested.emit(self.request.asked_of.id)
