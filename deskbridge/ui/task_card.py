"""A task drawn as a card on the project board: its title (up to three lines), its
assignees, its due line and a priority badge."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from deskbridge.records import TaskRecord
from deskbridge.tasks import CANCELLED

ModelIndex = QModelIndex | QPersistentModelIndex
# What a card is drawn from: the board puts these on each item.
TaskRole = Qt.ItemDataRole.UserRole + 1
TodayRole = Qt.ItemDataRole.UserRole + 3
PRIORITY_LABELS = {"urgent": "Urgent", "high": "High", "normal": "", "low": "Low"}
# Filled badges with white text: dark enough on light cards, bright enough on dark ones.
PRIORITY_COLOURS = {"urgent": "#c62828", "high": "#e65100"}
OVERDUE_COLOUR = "#e53935"
TITLE_LINES = 3
PADDING = 8


def due_text(due: date | None, today: date, done: bool) -> tuple[str, bool]:
    """The card's due line and whether it is overdue (only open tasks are)."""
    if due is None:
        return "No due date", False
    delta = (due - today).days
    if done or delta > 1:
        return f"Due {due.isoformat()}", False
    if delta == 1:
        return "Due tomorrow", False
    if delta == 0:
        return "Due today", False
    days = "1 day" if delta == -1 else f"{-delta} days"
    return f"Overdue by {days}", True


class CardDelegate(QStyledItemDelegate):
    """Draws a task as a card: title (up to three lines), assignees, due day, priority.

    A column asks every card's size before it draws one, so the fonts and each title's
    wrapped height are worked out once (per view font) rather than on every ask."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._font_key = ""
        self._made: tuple[QFont, QFont] = (QFont(), QFont())
        self._small_line = 0
        self._title_heights: dict[tuple[str, int], int] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        key = option.font.key()
        if key != self._font_key:
            title = QFont(option.font)
            title.setBold(True)
            small = QFont(option.font)
            small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.92))
            self._font_key = key
            self._made = (title, small)
            self._small_line = QFontMetrics(small).lineSpacing()
            self._title_heights.clear()
        return self._made

    def _title_rect(self, width: int, title_font: QFont, text: str) -> QRect:
        inner = max(40, width - 2 * PADDING)
        key = (text, inner)
        height = self._title_heights.get(key)
        if height is None or title_font is not self._made[0]:
            metrics = QFontMetrics(title_font)
            bound = metrics.boundingRect(
                QRect(0, 0, inner, metrics.lineSpacing() * TITLE_LINES),
                int(Qt.TextFlag.TextWordWrap),
                text,
            )
            height = min(bound.height(), metrics.lineSpacing() * TITLE_LINES)
            height = max(height, metrics.lineSpacing())
            if title_font is self._made[0]:
                self._title_heights[key] = height
        return QRect(0, 0, inner, height)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        task: TaskRecord = index.data(TaskRole)
        view = option.widget
        width = view.viewport().width() - 8 if isinstance(view, QListWidget) else 200
        title_font, _small = self._fonts(option)
        title = self._title_rect(width, title_font, task.title)
        return QSize(width, title.height() + 2 * self._small_line + 2 * PADDING + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        task: TaskRecord = index.data(TaskRole)
        today: date = index.data(TodayRole)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        card = option.rect.adjusted(3, 3, -3, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = palette.color(QPalette.ColorRole.Highlight) if selected else palette.mid().color()
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(card, 6, 6)
        if selected and focused:
            # A band of the highlight colour on the left says "this card has the keyboard".
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.highlight())
            painter.drawRoundedRect(QRect(card.left(), card.top(), 5, card.height()), 2, 2)

        title_font, small = self._fonts(option)
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlphaF(0.7)  # the text's own colour, quieter: readable on any palette
        left = card.left() + PADDING
        top = card.top() + PADDING
        inner = card.width() - 2 * PADDING
        title_box = self._title_rect(card.width(), title_font, task.title)
        title_box.moveTo(left, top)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(
            title_box,
            int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            self._clipped_title(task.title, title_font, title_box),
        )

        metrics = QFontMetrics(small)
        line = metrics.lineSpacing()
        painter.setFont(small)
        y = title_box.bottom() + 4
        people = ", ".join(p.name for p in task.assignees) or "Nobody assigned"
        painter.setPen(muted)
        painter.drawText(
            QRect(left, y, inner, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(people, Qt.TextElideMode.ElideRight, inner),
        )
        y += line + 2

        badge_width = 0
        label = PRIORITY_LABELS.get(task.priority, task.priority)
        if label:
            badge_width = metrics.horizontalAdvance(label) + 12
            badge = QRect(card.right() - PADDING - badge_width + 1, y, badge_width, line)
            colour = PRIORITY_COLOURS.get(task.priority)
            if colour:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colour))
                painter.drawRoundedRect(badge, line / 2, line / 2)
                painter.setPen(QColor("white"))
            else:
                painter.setPen(palette.mid().color())
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(badge, line / 2, line / 2)
                painter.setPen(muted)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), label)
        if task.completed_at is not None:
            text, overdue = f"Done {task.completed_at.date().isoformat()}", False
        else:
            text, overdue = due_text(task.due_on, today, task.status == CANCELLED)
        painter.setPen(QColor(OVERDUE_COLOUR) if overdue else muted)
        room = inner - badge_width - 6
        painter.drawText(
            QRect(left, y, room, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, room),
        )
        painter.restore()

    @staticmethod
    def _clipped_title(text: str, font: QFont, box: QRect) -> str:
        """The title, cut with an ellipsis when it needs more than the lines a card gives."""
        metrics = QFontMetrics(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        tall = QRect(0, 0, box.width(), 10_000)
        if metrics.boundingRect(tall, flags, text).height() <= box.height():
            return text
        words = text.split()
        while words and metrics.boundingRect(tall, flags, " ".join(words) + "…").height() > (
            box.height()
        ):
            words.pop()
        return (
            " ".join(words) + "…"
            if words
            else metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        )
