"""The goals table: each shared goal with its departments, owner, due day, health, status
and how far it is towards its target; and how those cells are drawn."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from deskbridge.records import GoalRecord
from deskbridge.ui.badge_delegate import BadgeDelegate, plain_background
from deskbridge.ui.row_table_model import RowTableModel

COL_TITLE, COL_DEPARTMENTS, COL_OWNER, COL_DUE, COL_HEALTH, COL_STATUS, COL_PROGRESS = range(7)
HEADERS = ("Goal", "Departments", "Owner", "Due", "Health", "Status", "To target")
GoalIdRole = Qt.ItemDataRole.UserRole + 1
HealthRole = Qt.ItemDataRole.UserRole + 2
PercentRole = Qt.ItemDataRole.UserRole + 3
DepartmentColoursRole = Qt.ItemDataRole.UserRole + 4
ModelIndex = QModelIndex | QPersistentModelIndex

HEALTH_LABELS = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track"}
# Strong enough for white text on them, in a light window and a dark one.
HEALTH_COLOURS = {"on_track": "#2e7d32", "at_risk": "#c25e00", "off_track": "#c62828"}
# Readable on a light and a dark base alike.
OVERDUE_COLOUR = "#e53935"
STATUS_LABELS = {
    "active": "Active",
    "achieved": "Achieved",
    "missed": "Missed",
    "dropped": "Dropped",
}


def health_label(health: str | None) -> str:
    return HEALTH_LABELS.get(health or "", "Not judged")


def display_texts(goal: GoalRecord) -> tuple[str, ...]:
    """What each column shows for ``goal``."""
    return (
        goal.title,
        ", ".join(d.name for d in goal.departments),
        goal.owner_name or "—",
        goal.due_on.isoformat() if goal.due_on else "—",
        health_label(goal.health) if goal.health else "",
        STATUS_LABELS.get(goal.status, goal.status),
        f"{goal.percent}%",
    )


def overdue(goal: GoalRecord, today: date) -> bool:
    return goal.status == "active" and goal.due_on is not None and goal.due_on < today


class GoalsModel(RowTableModel):
    """Every goal shown: an organisation keeps tens of them, so all are held."""

    headers = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[GoalRecord] = []
        self._today = date.today()
        # A row's texts, made when first painted: the table asks for them cell by cell.
        self._texts: dict[int, tuple[str, ...]] = {}

    def set_rows(self, rows: list[GoalRecord], today: date) -> None:
        self._today = today
        self.show_rows(rows)

    def show_rows(self, rows: Iterable[GoalRecord]) -> None:
        self._texts = {}
        super().show_rows(rows)

    def goal(self, row: int) -> GoalRecord:
        return self._rows[row]

    def cell(self, goal: GoalRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(goal.id)
            if texts is None:
                texts = self._texts[goal.id] = display_texts(goal)
            return texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_TITLE and goal.description:
                return goal.description
            if column == COL_DEPARTMENTS:
                return ", ".join(d.name for d in goal.departments) or None
            if column == COL_PROGRESS:
                return f"{goal.metric_name}: {goal.latest_value:g} of {goal.target:g}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DUE:
            return QBrush(QColor(OVERDUE_COLOUR)) if overdue(goal, self._today) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DUE and overdue(goal, self._today):
            return "The due date has passed: close the goal, or move the date"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PROGRESS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == GoalIdRole:
            return goal.id
        if role == HealthRole:
            return goal.health
        if role == PercentRole:
            return goal.percent
        if role == DepartmentColoursRole:
            return [d.colour for d in goal.departments]
        return None


class HealthBadgeDelegate(BadgeDelegate):
    """The health (the row's HealthRole) as a rounded badge in its colour."""

    outline = False

    def colour_of(self, index: ModelIndex) -> str | None:
        return HEALTH_COLOURS.get(index.data(HealthRole) or "")


class ProgressDelegate(QStyledItemDelegate):
    """How far towards the target (the row's PercentRole): a small bar and the figure."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        label: str = view_option.text
        style = plain_background(view_option, painter)
        percent = int(index.data(PercentRole) or 0)
        cell: QRect = view_option.rect.adjusted(4, 0, -4, 0)
        metrics = view_option.fontMetrics
        text_width = metrics.horizontalAdvance("100%") + 6
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(cell.left(), cell.center().y() - 4, max(cell.width() - text_width, 10), 9)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = min(percent, 100)
        bar.textVisible = False
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = view_option.palette
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, view_option.widget)
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setPen(
            view_option.palette.highlightedText().color()
            if selected
            else view_option.palette.text().color()
        )
        text_rect = QRect(cell.right() - text_width, cell.top(), text_width, cell.height())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 120), hint.height())


class DepartmentDotsDelegate(QStyledItemDelegate):
    """Each department's name after a dot of its colour (the row's DepartmentColoursRole)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        label: str = view_option.text
        plain_background(view_option, painter)
        colours: list[str] = index.data(DepartmentColoursRole) or []
        names = label.split(", ") if label else []
        metrics = view_option.fontMetrics
        cell: QRect = view_option.rect.adjusted(4, 0, -4, 0)
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        text = (
            view_option.palette.highlightedText() if selected else view_option.palette.text()
        ).color()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(view_option.rect)
        x = cell.left()
        for name, colour in zip(names, colours, strict=False):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(x, cell.center().y() - 4, 9, 9)
            x += 13
            width = metrics.horizontalAdvance(name)
            painter.setPen(text)
            room = cell.right() - x
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                QRect(x, cell.top(), max(room, 0), cell.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            x += width + 10
            if x >= cell.right():
                break
        painter.restore()
