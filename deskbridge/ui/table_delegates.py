"""How the keep-in-touch tables draw a status (a coloured badge) and a department (its
colour's dot before the name); shared by Today and Contacts so both look the same."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from deskbridge.records import TouchStatus
from deskbridge.ui.contacts_model import DepartmentColourRole, StatusRole
from deskbridge.ui.touch_status_style import STATUS_COLOURS

ModelIndex = QModelIndex | QPersistentModelIndex


def colour_dot(colour: str, size: int = 10) -> QIcon:
    """A round swatch of a department's colour. Not cached in a module: an icon outliving
    the QApplication crashes the interpreter as it exits."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return QIcon(pixmap)


class DepartmentDelegate(QStyledItemDelegate):
    """The department's name after a dot of its colour (the row's DepartmentColourRole)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        colour = index.data(DepartmentColourRole)
        if colour:
            dot = colour_dot(colour)
            option.icon = dot
            option.decorationSize = dot.availableSizes()[0]
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration


class StatusBadgeDelegate(QStyledItemDelegate):
    """The keep-in-touch status (the row's StatusRole) as a rounded badge in its colour."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        label: str = view_option.text
        view_option.text = ""
        widget = view_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The row's own background, selection and focus first; the badge on top.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        if not label:
            return
        colour = STATUS_COLOURS.get(TouchStatus(index.data(StatusRole)))
        metrics = view_option.fontMetrics
        cell: QRect = view_option.rect
        height = min(metrics.height() + 4, cell.height() - 2)
        width = metrics.horizontalAdvance(label) + 16
        badge = QRect(cell.left() + 4, cell.center().y() - height // 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if colour:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            text_colour = QColor("white")
        else:  # archived: an outline, quieter than any reminder
            painter.setPen(view_option.palette.mid().color())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            text_colour = view_option.palette.text().color()
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(text_colour)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 20, max(hint.height(), option.fontMetrics.height() + 8))
