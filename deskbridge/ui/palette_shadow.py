"""The soft shadow under the command palette, blurred once per size and then only copied.

A ``QGraphicsDropShadowEffect`` on the palette itself renders the whole palette to a pixmap
and blurs it again on every repaint, which is every keystroke: about 10 ms of each one at
100,000 contacts (palette keystrokes 24-30 ms median with it, 16-18 ms without). This
sibling widget sits under the palette and paints a pixmap blurred when the palette's size
changes, so typing repaints the palette alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QGraphicsDropShadowEffect, QGraphicsPathItem, QGraphicsScene, QWidget

BLUR_RADIUS = 28
OFFSET_Y = 6
COLOUR = QColor(0, 0, 0, 110)
CORNER = 8  # the palette's border-radius
MARGIN = BLUR_RADIUS + OFFSET_Y  # room the blur spreads into around the palette


def shadow_pixmap(size: QSize, fill: QColor) -> QPixmap:
    """The shadow of a rounded ``size`` box filled with ``fill``, ``MARGIN`` wider on every
    side, drawn by the drop-shadow effect the palette used to carry."""
    scene = QGraphicsScene()
    outline = QPainterPath()
    outline.addRoundedRect(QRectF(0, 0, size.width(), size.height()), CORNER, CORNER)
    box = QGraphicsPathItem(outline)
    box.setPen(Qt.PenStyle.NoPen)
    box.setBrush(fill)
    effect = QGraphicsDropShadowEffect()
    effect.setBlurRadius(BLUR_RADIUS)
    effect.setOffset(0, OFFSET_Y)
    effect.setColor(COLOUR)
    box.setGraphicsEffect(effect)
    scene.addItem(box)
    area = QRectF(-MARGIN, -MARGIN, size.width() + 2 * MARGIN, size.height() + 2 * MARGIN)
    image = QImage(area.size().toSize(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    scene.render(painter, QRectF(QPointF(0, 0), area.size()), area)
    painter.end()
    return QPixmap.fromImage(image)


class PaletteShadow(QWidget):
    """Follows ``palette`` (moved, resized, shown, hidden) one step below it."""

    def __init__(self, palette: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self._palette = palette
        self._pixmap = QPixmap()
        self._size = QSize()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        palette.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._palette:
            kind = event.type()
            if kind in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
                self._follow()
            elif kind == QEvent.Type.Hide:
                self.hide()
        return super().eventFilter(watched, event)

    def _follow(self) -> None:
        if not self._palette.isVisible():
            return
        self.setGeometry(self._palette.geometry().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        self.show()
        self.stackUnder(self._palette)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Blurred here rather than on each resize: placing the palette resizes it twice.
        size = self._palette.size()
        if size != self._size:
            self._size = size
            self._pixmap = shadow_pixmap(size, self._palette.palette().window().color())
        painter = QPainter(self)
        painter.drawPixmap(event.rect(), self._pixmap, event.rect())
