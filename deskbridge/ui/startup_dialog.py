"""Opening the database at start, and what to do when it is damaged, locked or foreign.

Before the database is opened, :func:`deskbridge.database_health.diagnose` looks at the
file without writing to it. When something is wrong (or opening fails anyway, after which a
thorough look says why), :class:`StartupDialog` says so in plain words and offers one
button per way out: restore the latest backup, open another file, create a new database
(the damaged file is kept aside, never overwritten), try again, or quit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from deskbridge import APP_NAME
from deskbridge.clock import Clock
from deskbridge.database_health import Diagnosis, Problem, WayOut, diagnose, set_damaged_aside
from deskbridge.errors import DeskBridgeError
from deskbridge.paths import data_dir, database_url
from deskbridge.ui.backup_dialog import counts_text, restore_over
from deskbridge.ui.backup_status import moment_text
from deskbridge.ui.main_window import DATABASE_FILTER
from deskbridge.workspace import Workspace

Ask = Callable[[Diagnosis], WayOut]
ChooseFile = Callable[[], str | None]


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


def database_file(location: str | None) -> Path | None:
    """The SQLite file ``location`` points at; None for a server database."""
    url = database_url(location)
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def after_failed_open(location: str | None, error: BaseException, clock: Clock) -> Diagnosis:
    """Why opening failed: a thorough look at the file; when even that finds nothing, the
    error's own words, with the ways out that still make sense."""
    diagnosis = diagnose(location, clock, thorough=True)
    if not diagnosis.ok:
        return diagnosis
    ways: tuple[WayOut, ...] = (WayOut.OPEN_ANOTHER, WayOut.RETRY, WayOut.QUIT)
    if diagnosis.latest_backup is not None:
        ways = (WayOut.RESTORE_BACKUP, *ways)
    message = f"{shown_location(location)} cannot be opened: {failure_reason(error)}"
    return dataclasses.replace(diagnosis, message=message, ways_out=ways)


def the_file_there(diagnosis: Diagnosis) -> str:
    """How to name the file a way out moves aside: damaged, or merely not usable here."""
    damaged = diagnosis.problem in (Problem.CORRUPT, Problem.TRUNCATED)
    return "The damaged file" if damaged else "The file that was there"


def way_out_labels(diagnosis: Diagnosis, now: datetime) -> dict[WayOut, tuple[str, str]]:
    """Each way out as a button says it: a title and a line saying what it does."""
    latest = diagnosis.latest_backup
    kept = the_file_there(diagnosis)
    restore = ("Restore the latest backup", "")
    if latest is not None:
        restore = (
            f"Restore the backup from {moment_text(latest.taken_at, now)}",
            f"{counts_text(latest.counts)}. {kept} is kept aside, not overwritten.",
        )
    return {
        WayOut.RESTORE_BACKUP: restore,
        WayOut.OPEN_ANOTHER: (
            "Open another file…",
            "Choose a DeskBridge database somewhere else.",
        ),
        WayOut.CREATE_NEW: (
            "Create a new database",
            f"An empty one at the same place. {kept} is kept aside under another name, "
            "not deleted.",
        ),
        WayOut.RETRY: (
            "Try again",
            "When another program had the file open, or after fixing its permissions.",
        ),
        WayOut.QUIT: ("Quit", ""),
    }


class StartupDialog(QDialog):
    """The problem in words and one button per way out; :attr:`choice` is what the user
    clicked (Quit when the dialog was closed)."""

    def __init__(self, diagnosis: Diagnosis, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: the database needs attention")
        self.setMinimumWidth(560)
        self.diagnosis = diagnosis
        self.choice = WayOut.QUIT

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        self.heading = QLabel("<b>DeskBridge cannot open the database</b>")
        self.heading.setStyleSheet("font-size: 13pt;")
        self.message = QLabel(diagnosis.message)
        self.message.setWordWrap(True)
        words = QVBoxLayout()
        for label in (self.heading, self.message):
            words.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addLayout(words, 1)

        self.buttons: dict[WayOut, QPushButton] = {}
        labels = way_out_labels(diagnosis, now)
        ways = QVBoxLayout()
        bottom = QDialogButtonBox()
        for way in diagnosis.ways_out:
            title, description = labels[way]
            if way is WayOut.QUIT:
                button = bottom.addButton(title, QDialogButtonBox.ButtonRole.RejectRole)
            else:
                button = QCommandLinkButton(title, description)
                ways.addWidget(button)
            button.clicked.connect(lambda _checked=False, way=way: self.choose(way))
            self.buttons[way] = button
        first = next((b for w, b in self.buttons.items() if w is not WayOut.QUIT), None)
        if first is not None:
            first.setDefault(True)
            first.setFocus()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(ways)
        layout.addWidget(bottom)

    def choose(self, way: WayOut) -> None:
        self.choice = way
        if way is WayOut.QUIT:
            self.reject()
        else:
            self.accept()


def choose_database_file() -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        None, "Open DeskBridge database", str(data_dir()), DATABASE_FILTER
    )
    return path or None


class StartupCheck:
    """Opens the database at start, going through the dialog until it opens or the user
    quits. ``ask`` and ``choose_file`` stand in for the dialogs in tests."""

    def __init__(
        self,
        clock: Clock,
        ask: Ask | None = None,
        choose_file: ChooseFile = choose_database_file,
        workspace_clock: Clock | None = None,
    ) -> None:
        self.clock = clock
        self.workspace_clock = workspace_clock
        self.ask = ask if ask is not None else self.ask_with_dialog
        self.choose_file = choose_file

    def open(self, location: str | None) -> tuple[Workspace, str | None] | None:
        """The opened workspace and the location it came from; None when the user quit."""
        chosen = location
        while True:
            diagnosis = diagnose(chosen, self.clock)
            if diagnosis.ok:
                try:
                    return Workspace.open(chosen, self.workspace_clock), chosen
                except Exception as error:
                    diagnosis = after_failed_open(chosen, error, self.clock)
            way = self.ask(diagnosis)
            if way is WayOut.RESTORE_BACKUP:
                self.restore_latest(chosen, diagnosis)
            elif way is WayOut.OPEN_ANOTHER:
                chosen = self.choose_file() or chosen
            elif way is WayOut.CREATE_NEW:
                self.create_new(chosen, diagnosis)
            elif way is not WayOut.RETRY:
                return None

    def ask_with_dialog(self, diagnosis: Diagnosis) -> WayOut:
        dialog = StartupDialog(diagnosis, self.clock.now())
        dialog.exec()
        return dialog.choice

    def restore_latest(self, location: str | None, diagnosis: Diagnosis) -> None:
        path, latest = database_file(location), diagnosis.latest_backup
        if path is not None and latest is not None:
            kept = the_file_there(diagnosis)
            restore_over(None, path, latest, self.clock, kept).tell(None)

    def create_new(self, location: str | None, diagnosis: Diagnosis) -> None:
        path = database_file(location)
        if path is None or not path.exists():
            return
        try:
            kept = set_damaged_aside(path, self.clock)
        except OSError as error:
            QMessageBox.warning(None, APP_NAME, f"{path} cannot be moved aside: {error}")
            return
        QMessageBox.information(
            None,
            APP_NAME,
            f"DeskBridge starts a new, empty database at\n{path}\n\n"
            f"{the_file_there(diagnosis)} is kept at:\n{kept}",
        )
