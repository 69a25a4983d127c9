"""What a view shows in place of an empty table: a centred sentence saying what to do (under
an optional title) and the buttons that do it, stacked with the table it stands in for."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

TITLE_STYLE = "font-size: 14pt; font-weight: 600;"
MUTED_STYLE = "color: palette(placeholder-text);"
# Without a title the sentence is the headline, so it is as large as a title would be.
LEAD_STYLE = f"font-size: 14pt; {MUTED_STYLE}"
READABLE_CHARACTERS = 90  # of the body font: the widest a line gets before it wraps


class EmptyState(QWidget):
    """``title`` (hidden while empty) over ``text``, then the buttons added, all centred."""

    def __init__(self, text: str = "", title: str = "") -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setStyleSheet(TITLE_STYLE)
        self.text = QLabel()
        for label in (self.title, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # Wrapped at the column's whole width: a wrapped label centred in a box layout
            # is cut short, so the column is narrowed instead (resizeEvent).
            label.setWordWrap(True)
        self._column = QVBoxLayout(self)
        self._margin = self._column.contentsMargins().left()
        self._column.addStretch(1)
        self._column.addWidget(self.title)
        self._column.addWidget(self.text)
        self._column.addStretch(2)
        self.say(text, title)

    def say(self, text: str, title: str = "") -> None:
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.text.setText(text)
        self.text.setStyleSheet(MUTED_STYLE if title else LEAD_STYLE)

    def add_button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        # Before the closing stretch: the buttons sit right under the sentence.
        place = self._column.count() - 1
        self._column.insertWidget(place, button, 0, Qt.AlignmentFlag.AlignHCenter)
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Long sentences wrap at a readable width, centred however wide the view is.
        widest = self.fontMetrics().averageCharWidth() * READABLE_CHARACTERS
        side = max(self._margin, (event.size().width() - widest) // 2)
        self._column.setContentsMargins(side, self._margin, side, self._margin)
        super().resizeEvent(event)


def empty_stack(content: QWidget, empty: EmptyState) -> QStackedWidget:
    """The table (or what holds it) and its empty state, one shown at a time."""
    stack = QStackedWidget()
    stack.addWidget(content)
    stack.addWidget(empty)
    return stack
