"""Automatic backups: one shortly after the window shows, then at most every 30 minutes
while the data changed.

The copy runs on a thread of its own (:class:`~deskbridge.ui.side_jobs.SideRunner`): the
window stays usable and the database worker keeps serving the views. A failure never
interrupts anybody: the status bar turns to a warning whose tooltip says why, and the next
check tries again.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from deskbridge.backups import BackupInfo, Backups, automatic_backup_due
from deskbridge.clock import Clock
from deskbridge.errors import DeskBridgeError
from deskbridge.ui.backup_status import BackupStatus
from deskbridge.ui.operations import ChangeHub, Runner
from deskbridge.ui.side_jobs import SideRunner

START_DELAY_MS = 3000
"""After the window shows: the first paint and the first queries go first."""
CHECK_INTERVAL_MS = 60_000
AUTOMATIC = "automatic"


def failure_text(error: BaseException) -> str:
    """A failed backup in a line: the domain's words, or the system's (disk full, ...)."""
    if isinstance(error, DeskBridgeError | OSError):
        return str(error)
    first = str(error).strip().splitlines()
    return f"{type(error).__name__}: {first[0]}" if first else type(error).__name__


class AutoBackup(QObject):
    """Backs up one database on its own schedule; tells ``status`` how it went."""

    backed_up = Signal(object)
    """A :class:`~deskbridge.backups.BackupInfo`: an automatic backup was made and verified."""
    failed = Signal(str)
    """An automatic backup failed; the text says why."""

    def __init__(
        self,
        backups: Backups,
        clock: Clock,
        hub: ChangeHub,
        status: BackupStatus | None = None,
        runner: Runner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backups = backups
        self.clock = clock
        self.status = status
        self.runner: Runner = runner if runner is not None else SideRunner(self)
        self.last: datetime | None = None
        """When the last automatic backup started (None: not yet in this session)."""
        self.changed = False
        """The data changed since the last automatic backup started."""
        self.running = False
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        hub.changed.connect(self._mark_changed)

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """The backup at start, ``delay_ms`` from now; then a check every minute."""
        self.stopped = False
        QTimer.singleShot(delay_ms, self, self.back_up)
        self.timer.start()

    def stop(self) -> None:
        """No more backups from now on; one that is running finishes (see :meth:`wait`)."""
        self.stopped = True
        self.timer.stop()

    def wait(self) -> None:
        """Block until a running backup has finished writing (before a restore)."""
        wait = getattr(self.runner, "wait", None)
        if wait is not None:
            wait()

    def check(self) -> None:
        """The minute's look: re-word the status (days pass), back up when one is due."""
        now = self.clock.now()
        if self.status is not None:
            self.status.refresh(now)
        if self.stopped or self.running:
            return
        if automatic_backup_due(self.last, self.changed, now):
            self.back_up()

    def back_up(self) -> None:
        """Start an automatic backup now (unless one is running or backups were stopped)."""
        if self.stopped or self.running:
            return
        self.running = True
        # Changes made while the copy runs may miss it: they count for the next one.
        self.changed = False
        self.last = self.clock.now()
        backups = self.backups
        self.runner.submit(lambda: backups.create(AUTOMATIC), self._done, self._failed)

    def _mark_changed(self, _kinds: frozenset[object]) -> None:
        self.changed = True

    def _done(self, info: BackupInfo) -> None:
        self.running = False
        if self.status is not None:
            self.status.show_latest(info, self.clock.now())
        self.backed_up.emit(info)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.changed = True  # what it should have kept still needs keeping
        reason = failure_text(error)
        if self.status is not None:
            self.status.show_failure(reason, self.clock.now())
        self.failed.emit(reason)
