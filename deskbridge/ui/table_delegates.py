"""How the keep-in-touch tables draw a status (a coloured badge) and a department (its
colour's dot before the name); shared by Today and Contacts so both look the same."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from deskbridge.records import TouchStatus
from deskbridge.ui.badge_delegate import BadgeDelegate
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


class StatusBadgeDelegate(BadgeDelegate):
    """The keep-in-touch status (the row's StatusRole) as a rounded badge in its colour;
    archived is an outline, quieter than any reminder."""

    def colour_of(self, index: ModelIndex) -> str | None:
        return STATUS_COLOURS.get(TouchStatus(index.data(StatusRole)))
