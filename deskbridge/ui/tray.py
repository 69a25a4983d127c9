"""The system tray icon: the app icon with a badge counting who is due, a tooltip saying
the same in words, and a menu to open the window, quick-log or quit.

The tray follows the app's current window (it changes when the user switches databases),
and re-reads the count whenever an operation changed contacts or their touches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from deskbridge import APP_NAME
from deskbridge.changes import ChangeKind
from deskbridge.ui.assets import app_icon
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.reminders import REMINDER_TITLE, REVIEW_TITLE

BADGE_SIZE = 64
"""Pixels of the painted icon; the desktop scales it down to its tray size."""
BADGE_COLOUR = QColor("#d32f2f")
MESSAGE_MS = 10_000
COUNT_CHANGES = frozenset(
    {ChangeKind.CONTACTS, ChangeKind.INTERACTIONS, ChangeKind.REQUESTS, ChangeKind.TASKS}
)
"""What moves a contact's next touch: edits, meetings, answered asks, completed tasks."""


def badge_text(count: int) -> str:
    """What the badge says: nothing for nobody, the count, or "99+" (three characters at
    most, so it stays readable at tray size)."""
    if count <= 0:
        return ""
    return "99+" if count > 99 else str(count)


def tray_tooltip(count: int) -> str:
    if count <= 0:
        return f"{APP_NAME} — you are in touch with everyone"
    people = "person" if count == 1 else "people"
    return f"{APP_NAME} — {count:,} {people} to get in touch with"


def badge_pixmap(icon: QIcon, count: int, size: int = BADGE_SIZE) -> QPixmap:
    """``icon`` at ``size`` pixels with the count painted on a red pill in its top right."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        icon.paint(painter, 0, 0, size, size)
        text = badge_text(count)
        if text:
            font = QFont()
            font.setBold(True)
            font.setPixelSize(round(size * 0.38))
            height = size * 0.52
            width = max(height, QFontMetricsF(font).horizontalAdvance(text) + size * 0.2)
            pill = QRectF(size - width, 0, width, height)
            outline = max(1.0, size / 32)
            painter.setPen(QPen(QColor("white"), outline))
            painter.setBrush(BADGE_COLOUR)
            inner = pill.adjusted(outline / 2, outline / 2, -outline / 2, -outline / 2)
            painter.drawRoundedRect(inner, inner.height() / 2, inner.height() / 2)
            painter.setFont(font)
            painter.setPen(QColor("white"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
    finally:
        painter.end()
    return pixmap


class Tray(QObject):
    """The tray icon and its menu. Create it only when a system tray is available."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: MainWindow | None = None
        self.count = 0
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.menu = QMenu()
        self.open_action = self.menu.addAction(f"&Open {APP_NAME}")
        self.open_action.triggered.connect(self.show_window)
        self.quick_log_action = self.menu.addAction("&Quick log…")
        self.quick_log_action.triggered.connect(self.quick_log)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction("&Quit")
        self.quit_action.triggered.connect(self.quit)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        self.icon.setToolTip(APP_NAME)
        self._clicked: Callable[[], object] | None = None
        """What clicking the message shown last does (None: show Today)."""

    def attach(self, window: MainWindow) -> None:
        """Follow ``window`` (and its database) from now on."""
        if self.window is not None:
            self.window.context.hub.changed.disconnect(self._changed)
        self.window = window
        window.context.hub.changed.connect(self._changed)
        self.refresh()

    def _changed(self, kinds: frozenset[ChangeKind]) -> None:
        if kinds & COUNT_CHANGES:
            self.refresh()

    def refresh(self) -> None:
        """Re-read how many people are due; repaint the badge and the tooltip."""
        if self.window is None:
            return
        self.count = self.window.context.workspace.keep_in_touch.due_count()
        self.icon.setIcon(QIcon(badge_pixmap(app_icon(), self.count)))
        self.icon.setToolTip(tray_tooltip(self.count))

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def notify(self, text: str, title: str = REMINDER_TITLE) -> None:
        """A desktop notification from the tray icon; clicking it shows Today."""
        self._clicked = None
        self.icon.showMessage(title, text, app_icon(), MESSAGE_MS)

    def notify_review(self, text: str, start_review: Callable[[], object]) -> None:
        """The weekly-review reminder; clicking it shows the window and ``start_review``."""
        self.notify(text, REVIEW_TITLE)
        self._clicked = start_review

    def _message_clicked(self) -> None:
        clicked = self._clicked
        if clicked is None:
            self.show_today()
            return
        self.show_window()
        clicked()

    # -- what the menu and clicks do -------------------------------------------------------

    def show_window(self) -> None:
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def show_today(self) -> None:
        """After a reminder was clicked: the window, on the list of who is due."""
        self.show_window()
        if self.window is not None and "Today" in self.window.titles:
            self.window.show_page("Today")

    def toggle_window(self) -> None:
        window = self.window
        if window is None:
            return
        if window.isVisible() and not window.isMinimized():
            window.hide()
        else:
            self.show_window()

    def quick_log(self) -> None:
        if self.window is not None:
            self.window.quick_log([])

    def quit(self) -> None:
        """Quit for real, even when closing the window would only hide it."""
        if self.window is not None:
            self.window.quit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window()
