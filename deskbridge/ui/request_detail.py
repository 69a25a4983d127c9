"""The pane beside the requests table: the selected request in full (question, answer,
dates and how it helped), with a button for each step it allows now."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbridge.input_requests import RequestAction, allowed_actions
from deskbridge.records import InputRequestRecord
from deskbridge.ui.requests_model import LATE_COLOUR, WAITING_COLOUR, days_late, status_text

# Rich text cannot use palette roles; mid-grey reads on light and dark panes alike.
MUTED = "color: #808080;"
DETAIL_BUTTONS = (
    (RequestAction.ANSWER, "Record &answer…", "A"),
    (RequestAction.THANK, "&Thank…", "T"),
    (RequestAction.NUDGE, "&Nudge…", "N"),
    (RequestAction.DECLINE, "&Decline…", "D"),
    (RequestAction.WITHDRAW, "&Withdraw…", "W"),
)


def text_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; margin-top: 8px;")
    return label


def paragraphs(text: str, empty: str) -> str:
    if not text.strip():
        return f"<span style='{MUTED}'>{escape(empty)}</span>"
    return escape(text).replace("\n", "<br>")


class RequestDetail(QWidget):
    """The selected request in full, with a button for each step it allows now."""

    action_requested = Signal(object)  # a RequestAction
    open_contact_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request: InputRequestRecord | None = None
        self.setMinimumWidth(300)
        self.empty = QLabel("Select a request to see the question, the answer and what to do next")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"font-size: 12pt; {MUTED} padding: 24px;")

        self.topic = text_label()
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

        self.dates = QGridLayout()
        self.dates.setHorizontalSpacing(8)
        self.dates.setColumnStretch(1, 1)
        self.date_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for name in ("Asked on", "Needed by", "Answered on", "Thanked on"):
            caption, value = QLabel(f"{name}:"), text_label()
            row = self.dates.rowCount()
            self.dates.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignRight)
            self.dates.addWidget(value, row, 1)
            self.date_labels[name] = (caption, value)
        self.question = text_label()
        self.answer = text_label()
        self.thanks_heading = section("How it helped")
        self.thanks = text_label()

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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        card = QWidget()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 0, 4, 4)
        title = QHBoxLayout()
        title.addWidget(self.topic, 1)
        title.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title)
        layout.addWidget(self.person)
        layout.addLayout(actions)
        layout.addWidget(scroll, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(card)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
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
        if colour is None:
            return "border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px;"
        return (
            f"background: {colour}; color: white; font-weight: 600;"
            " border-radius: 9px; padding: 1px 8px;"
        )

    def _open_contact(self) -> None:
        if self.request is not None:
            self.open_contact_requested.emit(self.request.asked_of.id)
