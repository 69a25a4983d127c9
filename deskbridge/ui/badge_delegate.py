"""Table cells painted by hand: the row's own background without its text, and the cell's
text as a rounded badge (filled in a colour under white text, or an outline)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

ModelIndex = QModelIndex | QPersistentModelIndex


def plain_background(option: QStyleOptionViewItem, painter: QPainter) -> QStyle:
    """Draw the row's own background, selection and focus for ``option`` (already filled
    in from its index) with its text and icon taken out; the style that drew it."""
    option.text = ""
    option.icon = QIcon()
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
    return style


def badge_box(cell: QRect, metrics: QFontMetrics, label: str) -> QRect:
    """Where a badge for ``label`` sits in a cell: at its left, centred in height, no
    wider than the cell."""
    height = min(metrics.height() + 4, cell.height() - 2)
    width = min(metrics.horizontalAdvance(label) + 16, cell.width() - 8)
    return QRect(cell.left() + 4, cell.center().y() - height // 2 + 1, width, height)


def paint_badge(
    painter: QPainter, box: QRect, label: str, colour: str | None, palette: QPalette
) -> None:
    """``label`` on a pill filling ``box``: white on ``colour``, or without a colour an
    outline around text in the palette's own colour (quieter than any filled badge)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if colour:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        text_colour = QColor("white")
    else:
        painter.setPen(palette.mid().color())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        text_colour = palette.text().color()
    painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
    painter.setPen(text_colour)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


class BadgeDelegate(QStyledItemDelegate):
    """The cell's text as a rounded badge in the colour :meth:`colour_of` gives; without
    one, an outline, or (``outline`` False) only the row's background."""

    outline = True

    def colour_of(self, index: ModelIndex) -> str | None:
        return None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        label: str = view_option.text
        plain_background(view_option, painter)
        colour = self.colour_of(index)
        if not label or (colour is None and not self.outline):
            return
        box = badge_box(view_option.rect, view_option.fontMetrics, label)
        paint_badge(painter, box, label, colour, view_option.palette)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 20, max(hint.height(), option.fontMetrics.height() + 8))
