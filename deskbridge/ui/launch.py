"""Starting the desktop app, switching databases, and quitting cleanly.

:class:`DeskBridgeApp` is the controller: it opens a workspace, greets a brand-new database
with the welcome dialog, shows the main window, keeps the tray and the reminders pointed at
the current database, and on a switch opens the new database *before* letting go of the
old one, so a file that cannot be opened never costs the user the window they had.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QSystemTrayIcon

from deskbridge import APP_NAME, __version__
from deskbridge.clock import Clock
from deskbridge.errors import DeskBridgeError
from deskbridge.paths import data_dir, database_url
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.assets import app_icon
from deskbridge.ui.error_dialog import install_excepthook
from deskbridge.ui.main_window import DATABASE_FILTER, MainWindow, PageFactory
from deskbridge.ui.operations import ChangeHub, Runner, ThreadRunner
from deskbridge.ui.preferences import Preferences
from deskbridge.ui.reminders import ReminderBanner, Reminders
from deskbridge.ui.tray import Tray
from deskbridge.ui.welcome_dialog import WelcomeChoice, WelcomeDialog
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


def failure_reason(error: BaseException) -> str:
    """The part of an error a user can act on: the domain's words, or the database
    driver's first line without the library's wrapping."""
    if isinstance(error, DeskBridgeError):
        return str(error)
    # Store errors wrap the driver's own (``orig``); "file is not a database" says it all.
    reason = str(getattr(error, "orig", None) or error).strip()
    return reason.splitlines()[0] if reason else type(error).__name__


def shown_location(location: str | None) -> str:
    """The file or server a location points at, as a user recognises it (no password)."""
    url = database_url(location)
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.runner_factory = runner_factory
        self.clock = clock
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
        """Open the first window. When the database cannot be opened, say why and offer
        another file; False when the user chose to quit instead."""
        chosen = location
        while True:
            try:
                workspace = Workspace.open(chosen, self.clock)
            except Exception as error:
                answer = QMessageBox.critical(
                    None,
                    APP_NAME,
                    f"DeskBridge cannot open the database\n\n{shown_location(chosen)}\n\n"
                    f"Reason: {failure_reason(error)}\n\n"
                    "Open another database file, or close DeskBridge?",
                    QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                    QMessageBox.StandardButton.Open,
                )
                if answer != QMessageBox.StandardButton.Open:
                    return False
                path, _ = QFileDialog.getOpenFileName(
                    None, "Open DeskBridge database", str(data_dir()), DATABASE_FILTER
                )
                if not path:
                    return False
                chosen = path
                continue
            self._adopt(workspace, chosen, starting=True)
            return True

    def open(self, location: str) -> bool:
        """Switch to the database at ``location``. When it cannot be opened, say why and
        stay on the current one (False)."""
        workspace = self._open_or_explain(location)
        if workspace is None:
            return False
        self._adopt(workspace, location, starting=False)
        return True

    def _open_or_explain(self, location: str) -> Workspace | None:
        try:
            return Workspace.open(location, self.clock)
        except Exception as error:
            staying = (
                f"\n\nDeskBridge stays on {self.context.workspace.db.display_name}."
                if self.context is not None
                else ""
            )
            QMessageBox.warning(
                self.window,
                APP_NAME,
                f"DeskBridge cannot open the database\n\n{shown_location(location)}\n\n"
                f"Reason: {failure_reason(error)}{staying}",
            )
            return None

    def _adopt(self, workspace: Workspace, location: str | None, *, starting: bool) -> None:
        """Make ``workspace`` the current database: welcome it if new, then its window."""
        context = AppContext(workspace, self.runner_factory(), ChangeHub(), self.preferences)
        self.preferences.remember_database(remembered_location(workspace, location))
        self.preferences.sync()
        if workspace.is_new():
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
        window.close_to_tray = self.close_to_tray
        if self.tray is None:
            titles = {page.title for page in window.pages}
            show_people = (lambda: window.show_page("Today")) if "Today" in titles else None
            start_review = self.reminders.request_review if REVIEW_PAGE in titles else None
            self.banner = ReminderBanner(show_people, start_review=start_review)
            window.set_banner(self.banner)

    def _retire(self, window: MainWindow) -> None:
        window.open_database.disconnect(self.open)
        window.quit_requested.disconnect(self.quit)
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

    def show_review(self) -> None:
        """The Review page, when this window has one (nothing otherwise)."""
        window = self.window
        if window is not None and any(page.title == REVIEW_PAGE for page in window.pages):
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
    preferences = Preferences(QSettings(ORGANISATION, APP_NAME))
    controller = DeskBridgeApp(preferences)
    if not controller.start(location):
        controller.shutdown()
        return 1
    controller.finished.connect(app.quit)
    # Also when the session ends without the window closing (logout, shutdown).
    app.aboutToQuit.connect(controller.shutdown)
    return app.exec()


def main() -> int:
    """Entry point of ``deskbridge-gui``: the same as ``deskbridge`` (no command opens the
    app; ``--db`` chooses the database)."""
    from deskbridge.cli.main import main as cli_main

    return cli_main()
