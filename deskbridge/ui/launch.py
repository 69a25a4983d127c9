"""Starting the desktop app, switching databases, and quitting cleanly.

:class:`DeskBridgeApp` is the controller: it opens a workspace, greets a brand-new database
with the welcome dialog, shows the main window, keeps the tray and the reminders pointed at
the current database, and on a switch opens the new database *before* letting go of the
old one, so a file that cannot be opened never costs the user the window they had.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from deskbridge import APP_NAME, __version__
from deskbridge.backups import BackupInfo
from deskbridge.clock import Clock, SystemClock
from deskbridge.database_health import diagnose
from deskbridge.paths import database_url
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.assets import app_icon
from deskbridge.ui.backup_dialog import restore_over
from deskbridge.ui.error_dialog import install_excepthook
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.operations import ChangeHub, Runner, ThreadRunner
from deskbridge.ui.page_list import PageFactory
from deskbridge.ui.preferences import Preferences
from deskbridge.ui.reminders import ReminderBanner, Reminders
from deskbridge.ui.single_instance import SingleInstance, bring_to_front, server_name_for
from deskbridge.ui.startup_dialog import (
    Ask,
    StartupCheck,
    after_failed_open,
    database_file,
)
from deskbridge.ui.startup_dialog import failure_reason as failure_reason  # where tests look
from deskbridge.ui.startup_dialog import shown_location as shown_location
from deskbridge.ui.tray import Tray
from deskbridge.workspace import Workspace

DESKTOP_FILE_NAME = "io.github.deskbridge.DeskBridge"
ORGANISATION = APP_NAME
STILL_RUNNING = (
    "DeskBridge keeps running here and will remind you who to get in touch with. "
    "To quit, use Quit in this icon's menu."
)

REVIEW_PAGE = "Review"
"""The title of the weekly review's page, which the review reminder opens."""

RunnerFactory = Callable[[], Runner]


def remembered_location(workspace: Workspace, location: str | None) -> str:
    """What File › Open recent should reopen: the file's path, or the server URL."""
    path = workspace.db.path
    return str(path) if path is not None else database_url(location)


def close_context(context: AppContext) -> None:
    """Finish the database worker's queued jobs, then close the database."""
    shutdown: Callable[[], None] | None = getattr(context.runner, "shutdown", None)
    if shutdown is not None:
        shutdown()
    context.workspace.close()


class DeskBridgeApp(QObject):
    """The running app: one workspace and its window at a time, plus tray and reminders."""

    finished = Signal()
    """The user quit: the event loop should end."""

    def __init__(
        self,
        preferences: Preferences,
        *,
        runner_factory: RunnerFactory = ThreadRunner,
        clock: Clock | None = None,
        pages: Sequence[PageFactory] | None = None,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        ask_way_out: Ask | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.runner_factory = runner_factory
        self.clock = clock
        self.ask_way_out = ask_way_out
        """Answers the start-up dialog (tests); None shows it."""
        self.pages = pages
        self.window: MainWindow | None = None
        self.context: AppContext | None = None
        self.banner: ReminderBanner | None = None
        self.tray: Tray | None = Tray(self) if tray_available() else None
        self.reminders = Reminders(preferences, self)
        self.reminders.remind.connect(self.remind)
        self.reminders.new_day.connect(self._new_day)
        self.reminders.review_remind.connect(self.remind_review)
        self.reminders.review_requested.connect(self.show_review)
        self._shut_down = False

    # -- opening ---------------------------------------------------------------------------

    def start(self, location: str | None = None) -> bool:
        """Open the first window. When the database is damaged, locked or not DeskBridge's,
        say so and offer the ways out (startup_dialog); False when the user chose to quit."""
        opened = self._startup_check().open(location)
        if opened is None:
            return False
        self._adopt(*opened, starting=True)
        return True

    def _startup_check(self) -> StartupCheck:
        return StartupCheck(
            self.clock or SystemClock(), self.ask_way_out, workspace_clock=self.clock
        )

    def open(self, location: str) -> bool:
        """Switch to the database at ``location``. When it cannot be opened, say why and
        stay on the current one (False)."""
        workspace = self._open_or_explain(location)
        if workspace is None:
            return False
        self._adopt(workspace, location, starting=False)
        return True

    def _open_or_explain(self, location: str) -> Workspace | None:
        """The workspace at ``location``; or None, after saying what is wrong with it in the
        words of the start-up check (the current database stays open)."""
        clock = self.clock or SystemClock()
        current = self.context.workspace.db.path if self.context is not None else None
        # Not the open database: closing the check's file handles would drop our locks.
        same = current is not None and database_file(location) == Path(current)
        diagnosis = None if same else diagnose(location, clock)
        if diagnosis is None or diagnosis.ok:
            try:
                return Workspace.open(location, self.clock)
            except Exception as error:
                diagnosis = after_failed_open(location, error, clock)
        staying = (
            f"\n\nDeskBridge stays on {self.context.workspace.db.display_name}."
            if self.context is not None
            else ""
        )
        QMessageBox.warning(
            self.window,
            APP_NAME,
            f"DeskBridge cannot open the database.\n\n{diagnosis.message}{staying}",
        )
        return None

    def restore_backup(self, info: BackupInfo) -> None:
        """Put the backup ``info`` in place of the current database: close it, restore
        (off the GUI thread, with a progress dialog), reopen it in a fresh window, and say
        where the previous database was kept."""
        window, context = self.window, self.context
        path = context.workspace.db.path if context is not None else None
        if window is None or context is None or path is None:
            return
        window.backup_actions.stop()
        self.reminders.stop()
        close_context(context)
        self.context = None  # closed already: the switch below must not close it again
        outcome = restore_over(window, Path(path), info, context.workspace.clock)
        opened = self._startup_check().open(str(path))
        if opened is None:
            self.quit()
            return
        self._adopt(*opened, starting=False)
        self.reminders.timer.start()
        outcome.tell(self.window)

    def _adopt(self, workspace: Workspace, location: str | None, *, starting: bool) -> None:
        """Make ``workspace`` the current database: welcome it if new, then its window."""
        context = AppContext(workspace, self.runner_factory(), ChangeHub(), self.preferences)
        self.preferences.remember_database(remembered_location(workspace, location))
        self.preferences.sync()
        if workspace.is_new():
            # Only a new database is welcomed: its dialog and the demo generator behind it
            # are not loaded on an ordinary start.
            from deskbridge.ui.welcome_dialog import WelcomeChoice, WelcomeDialog

            welcome = WelcomeDialog(context, self.window)
            welcome.exec()
            if welcome.choice is WelcomeChoice.DEMO and welcome.demo_location is not None:
                demo = self._open_or_explain(welcome.demo_location)
                if demo is not None:
                    close_context(context)
                    self._adopt(demo, welcome.demo_location, starting=starting)
                    return
        self._show(context, starting=starting)

    def _show(self, context: AppContext, *, starting: bool) -> None:
        old_window, old_context = self.window, self.context
        if old_window is not None:
            old_window.save_layout()  # the new window opens where the old one was
        window = MainWindow(context, self.pages)
        self._wire(window)
        self.window, self.context = window, context
        self.reminders.attach(context.workspace)
        if self.tray is not None:
            self.tray.attach(window)
        if old_window is not None:
            self._retire(old_window)
        if old_context is not None:
            close_context(old_context)
        window.backup_actions.start_automatic()
        if starting:
            self._show_first_window(window)
            if self.tray is not None:
                self.tray.show()
            self.reminders.start()
        else:
            window.show()
            window.raise_()
            window.activateWindow()

    def _wire(self, window: MainWindow) -> None:
        window.open_database.connect(self.open)
        window.quit_requested.connect(self.quit)
        window.backup_actions.restore_requested.connect(self.restore_backup)
        window.close_to_tray = self.close_to_tray
        if self.tray is None:
            titles = set(window.titles)
            show_people = (lambda: window.show_page("Today")) if "Today" in titles else None
            start_review = self.reminders.request_review if REVIEW_PAGE in titles else None
            self.banner = ReminderBanner(show_people, start_review=start_review)
            window.set_banner(self.banner)

    def _retire(self, window: MainWindow) -> None:
        window.open_database.disconnect(self.open)
        window.quit_requested.disconnect(self.quit)
        window.backup_actions.restore_requested.disconnect(self.restore_backup)
        window.backup_actions.stop()
        window.close_to_tray = None
        window.close()
        window.deleteLater()

    def _show_first_window(self, window: MainWindow) -> None:
        if not self.preferences.start_minimised:
            window.show()
        elif self.tray is None:
            window.showMinimized()
        # else: start hidden; the tray icon opens the window.

    # -- tray and reminders ----------------------------------------------------------------

    def close_to_tray(self) -> bool:
        """Asked by the window as it closes: True hides it to the tray instead of quitting."""
        if self.tray is None or not self.preferences.stay_in_tray:
            return False
        if not self.preferences.told_about_tray:
            self.tray.notify(STILL_RUNNING, title=APP_NAME)
            self.preferences.told_about_tray = True
            self.preferences.sync()
        return True

    def remind(self, text: str) -> None:
        """Show a reminder: a tray notification, or the banner in the window without a tray."""
        if self.tray is not None:
            self.tray.notify(text)
        elif self.banner is not None:
            self.banner.show_text(text)

    def remind_review(self, text: str) -> None:
        """Show the weekly-review reminder where the daily one goes; clicking it (or the
        banner's button) opens the Review page."""
        if self.tray is not None:
            self.tray.notify_review(text, self.reminders.request_review)
        elif self.banner is not None:
            self.banner.show_review_text(text)

    def show_window(self) -> None:
        """Another start on this database asked for the window: bring it to the front,
        out of the tray too."""
        if self.window is not None:
            bring_to_front(self.window)

    def show_review(self) -> None:
        """The Review page, when this window has one (nothing otherwise)."""
        window = self.window
        if window is not None and REVIEW_PAGE in window.titles:
            window.show_page(REVIEW_PAGE)

    def _new_day(self) -> None:
        if self.tray is not None:
            self.tray.refresh()
        if self.window is not None:
            self.window.update_status()

    # -- quitting --------------------------------------------------------------------------

    def quit(self) -> None:
        self.shutdown()
        self.finished.emit()

    def shutdown(self) -> None:
        """Stop reminders, remove the tray icon, finish queued work and close the database.
        Safe to call more than once."""
        if self._shut_down:
            return
        self._shut_down = True
        self.reminders.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.close_to_tray = None
            self.window.backup_actions.stop()
        if self.context is not None:
            close_context(self.context)


def configure_application(app: QApplication) -> None:
    """Names, icon and desktop entry: what the platform shows for DeskBridge. The style
    is left alone so the app follows the desktop's theme and palette."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    # The app quits when the main window closes for good (DeskBridgeApp.finished), not when
    # the last window happens to disappear: that also happens while switching databases,
    # during the first-run welcome, and when the window hides to the tray.
    app.setQuitOnLastWindowClosed(False)


def run_app(location: str | None = None) -> int:
    """Show the app on the database at ``location`` (default: the user's database)."""
    existing: Any = QApplication.instance()
    app: QApplication = (
        existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    )
    configure_application(app)
    install_excepthook()
    guard = SingleInstance(server_name_for(location))
    if not guard.claim():
        print(f"DeskBridge is already open on {shown_location(location)}; brought it to the front")
        return 0
    try:
        preferences = Preferences(QSettings(ORGANISATION, APP_NAME))
        controller = DeskBridgeApp(preferences)
        guard.activate.connect(controller.show_window)
        if not controller.start(location):
            controller.shutdown()
            return 1
        controller.finished.connect(app.quit)
        if os.environ.get("DESKBRIDGE_STARTUP_PROBE"):  # see benchmarks/cold_start.py
            QTimer.singleShot(0, lambda: _probe_done(controller))
        # Also when the session ends without the window closing (logout, shutdown).
        app.aboutToQuit.connect(controller.shutdown)
        return app.exec()
    finally:
        guard.release()


def _probe_done(controller: DeskBridgeApp) -> None:
    print(f"first window shown{_peak_memory_note()}", flush=True)
    controller.quit()


def _peak_memory_note() -> str:
    """This process's own peak memory, where the system tells it (Linux). The benchmark
    can't take it from its child's rusage: Linux carries the parent's peak into a child."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return ""
    peak = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), "")
    return f"; peak {int(peak) // 1024} MiB" if peak.isdigit() else ""


def main() -> int:
    """Entry point of ``deskbridge-gui``: the same as ``deskbridge`` (no command opens the
    app; ``--db`` chooses the database)."""
    from deskbridge.cli.main import main as cli_main

    return cli_main()
