"""File › Back up now and File › Restore from backup…, the status bar's "Last backup", and
the automatic backups of the window's database.

A PostgreSQL workspace has no backup file of DeskBridge's own: the actions stay in the menu,
disabled, with a tooltip saying the server does the backups, and the status is hidden.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QMessageBox

from deskbridge import APP_NAME
from deskbridge.backups import BackupInfo, Backups
from deskbridge.ui.auto_backup import START_DELAY_MS, AutoBackup
from deskbridge.ui.backup_dialog import RestoreDialog, counts_text
from deskbridge.ui.backup_status import BackupStatus
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.operations import Runner
from deskbridge.ui.progress_job import ProgressJob
from deskbridge.ui.side_jobs import SideRunner
from deskbridge.workspace import Workspace

if TYPE_CHECKING:
    from deskbridge.ui.main_window import MainWindow

SERVER_DOES_BACKUPS = (
    "This database is on a PostgreSQL server: the server's own backups keep it safe "
    "(ask whoever runs the server). DeskBridge backs up only database files."
)


BACKED_UP_SHORT = "Backed up; the copy was checked and is good."


def backups_of(workspace: Workspace) -> Backups | None:
    """The backups of the workspace's database file; None for a server database."""
    path = workspace.db.path
    return None if path is None else Backups.for_database(Path(path), workspace.clock)


def backed_up_text(info: BackupInfo) -> str:
    return f"Backed up: {counts_text(info.counts)} (verified)"


class BackupActions(QObject):
    """What the window offers about backups. The app starts the automatic backups
    (:meth:`start_automatic`) and does restores, on :attr:`restore_requested`."""

    restore_requested = Signal(object)
    """A :class:`~deskbridge.backups.BackupInfo` the user confirmed: close the database,
    restore it, reopen."""

    def __init__(self, window: MainWindow, file_menu: QMenu, runner: Runner | None = None):
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.backups = backups_of(window.context.workspace)
        self.runner: Runner = runner if runner is not None else SideRunner(self)
        self.back_up_action = file_menu.addAction("&Back up now")
        self.back_up_action.triggered.connect(lambda _checked=False: self.back_up_now())
        self.restore_action = file_menu.addAction("Restore from bac&kup…")
        self.restore_action.triggered.connect(lambda _checked=False: self.show_backups())
        self.status = BackupStatus()
        self.status.open_backups.connect(self.show_backups)
        window.statusBar().addPermanentWidget(self.status)
        self.automatic: AutoBackup | None = None
        if self.backups is None:
            for action in (self.back_up_action, self.restore_action):
                action.setEnabled(False)
                action.setToolTip(SERVER_DOES_BACKUPS)
            file_menu.setToolTipsVisible(True)
            self.status.hide()
            return
        self.status.show_latest(self._latest(), self.context.workspace.clock.now())

    def _latest(self) -> BackupInfo | None:
        if self.backups is None:
            return None
        try:
            return self.backups.latest()
        except OSError:  # an unreadable backups folder must not stop the window opening
            return None

    # -- automatic -------------------------------------------------------------------------

    def start_automatic(self, delay_ms: int | None = None) -> AutoBackup | None:
        """Back up ``delay_ms`` after now (default :data:`START_DELAY_MS`), then every 30
        minutes while the data changed."""
        if self.backups is None:
            return None
        if self.automatic is None:
            self.automatic = AutoBackup(
                self.backups, self.context.workspace.clock, self.context.hub, self.status,
                parent=self,
            )  # fmt: skip
        self.automatic.start(START_DELAY_MS if delay_ms is None else delay_ms)
        return self.automatic

    def stop(self) -> None:
        """No more automatic backups; wait for one that is being written (the database is
        about to close or be replaced)."""
        if self.automatic is not None:
            self.automatic.stop()
            self.automatic.wait()
        wait = getattr(self.runner, "wait", None)
        if wait is not None:
            wait()

    # -- by hand ---------------------------------------------------------------------------

    def back_up_now(self) -> None:
        backups = self.backups
        if backups is None:
            return
        self.back_up_action.setEnabled(False)
        ProgressJob(
            self.window, self.runner, "Backing up and checking the copy…",
            lambda progress: backups.create("manual", progress=progress),
        ).on_done(self._backed_up).on_failed(self._failed).on_cancelled(
            self._cancelled
        ).start()  # fmt: skip

    def _backed_up(self, info: BackupInfo) -> None:
        self.back_up_action.setEnabled(True)
        self.status.show_latest(info, self.context.workspace.clock.now())
        # The box says what was saved and where; the status bar, left of its permanent
        # widgets, has room for a short line only.
        self.window.statusBar().showMessage(BACKED_UP_SHORT, 10_000)
        QMessageBox.information(
            self.window, APP_NAME, f"{backed_up_text(info)}\n\nKept at {info.path}"
        )

    def _failed(self, error: BaseException) -> None:
        self.back_up_action.setEnabled(True)
        show_error(self.window, error)

    def _cancelled(self) -> None:
        self.back_up_action.setEnabled(True)
        self.window.statusBar().showMessage("Backup cancelled; no backup was made.", 10_000)

    def show_backups(self) -> None:
        """The restore dialog; a confirmed choice goes to the app (restore_requested)."""
        if self.backups is None:
            return
        dialog = RestoreDialog(self.backups, self.context.workspace.clock.now(), self.window)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_requested.emit(dialog.chosen)


def install(window: MainWindow, file_menu: QMenu) -> BackupActions:
    """Add the backup actions to ``file_menu`` and the backup status to the status bar."""
    return BackupActions(window, file_menu)
