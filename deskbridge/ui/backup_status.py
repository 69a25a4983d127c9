"""The status bar's word on backups: "Last backup: today 14:05", and a warning when the
last automatic backup failed. Clicking it opens the list of backups to restore from."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QToolButton, QWidget

from deskbridge.backups import BackupInfo

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NO_BACKUP = "No backup yet"
WARNING_STYLE = "QToolButton { color: #b71c1c; font-weight: bold; }"


def moment_text(moment: datetime, now: datetime) -> str:
    """When, as a person says it: "today 14:05", "yesterday 09:30", "20 Nov 16:00", and with
    the year when it was not this year."""
    day, today = moment.date(), now.date()
    if day == today:
        when = "today"
    elif day == today - timedelta(days=1):
        when = "yesterday"
    elif day.year == today.year:
        when = f"{day.day} {MONTHS[day.month - 1]}"
    else:
        when = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{when} {moment:%H:%M}"


def last_backup_text(latest: BackupInfo | None, now: datetime) -> str:
    if latest is None:
        return NO_BACKUP
    return f"Last backup: {moment_text(latest.taken_at, now)}"


class BackupStatus(QToolButton):
    """A permanent status-bar widget. It shows what it is told (:meth:`show_latest`,
    :meth:`show_failure`); :meth:`refresh` re-words it as days pass."""

    open_backups = Signal()
    """The user clicked it: show the backups (the restore dialog)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupStatus")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.latest: BackupInfo | None = None
        self.failure: str | None = None
        """Why the last automatic backup failed; None once one succeeded."""
        self.failed_at: datetime | None = None
        self.clicked.connect(self.open_backups)
        self.setText(NO_BACKUP)

    @property
    def failed(self) -> bool:
        return self.failure is not None

    def show_latest(self, latest: BackupInfo | None, now: datetime) -> None:
        """The newest backup there is (None: none yet); a success clears a failure."""
        self.latest = latest
        self.failure = self.failed_at = None
        self.refresh(now)

    def show_failure(self, reason: str, now: datetime) -> None:
        """The automatic backup that just ran failed because of ``reason``."""
        self.failure, self.failed_at = reason, now
        self.refresh(now)

    def refresh(self, now: datetime) -> None:
        text = last_backup_text(self.latest, now)
        if self.failure is None:
            self.setIcon(QIcon())
            self.setStyleSheet("")
            self.setText(text)
            self.setToolTip(self._tooltip(now))
            return
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.setStyleSheet(WARNING_STYLE)
        self.setText(f"Backup failed · {text}")
        when = moment_text(self.failed_at or now, now)
        self.setToolTip(
            f"The automatic backup {when} failed: {self.failure}\n"
            "DeskBridge tries again in a while. Click to see the backups there are."
        )

    def _tooltip(self, now: datetime) -> str:
        latest = self.latest
        if latest is None:
            return (
                "DeskBridge backs up when it starts and every 30 minutes while you work. "
                "Click to see the backups."
            )
        return f"{latest.path}\nClick to see all backups or restore one."
