"""Restore from backup: the verified backups of this database, newest first, with what each
holds, and a Restore… that says what happens to the database as it is now before it acts.

The dialog only chooses. The app does the restoring (:meth:`DeskBridgeApp.restore_backup`):
it closes the database, restores off the GUI thread, reopens it and refreshes the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deskbridge import APP_NAME
from deskbridge.backups import BackupInfo, Backups, size_text
from deskbridge.clock import Clock
from deskbridge.errors import Cancelled
from deskbridge.ui.backup_status import moment_text
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.side_jobs import run_with_progress

COUNTED = ("contacts", "interactions", "requests", "goals", "projects", "tasks")
SINGULAR = {
    "contacts": "contact",
    "interactions": "interaction",
    "requests": "request",
    "goals": "goal",
    "projects": "project",
    "tasks": "task",
}
REASONS = {
    "automatic": "Automatic",
    "manual": "Back up now",
    "before restore": "Before a restore",
}
HEADERS = ("Taken", "Kind", *(name.capitalize() for name in COUNTED), "Size")
EMPTY_TEXT = (
    "DeskBridge backs up this database when it starts and every 30 minutes while you work. "
    "File › Back up now makes one at once."
)


def counts_text(counts: Mapping[str, int], *, all_kinds: bool = False) -> str:
    """ "150 contacts, 2,340 interactions": contacts and interactions always, the rest when
    there are any (or always, with ``all_kinds``)."""
    parts = []
    for name in COUNTED:
        number = counts.get(name, 0)
        if number or all_kinds or name in ("contacts", "interactions"):
            parts.append(f"{number:,} {SINGULAR[name] if number == 1 else name}")
    return ", ".join(parts)


def reason_text(reason: str) -> str:
    return REASONS.get(reason, reason.capitalize())


def _cell(text: str, *, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class RestoreDialog(QDialog):
    """Lists ``backups``; after a confirmed Restore…, :attr:`chosen` is the backup to
    restore and the dialog is accepted."""

    def __init__(self, backups: Backups, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(780, 400)
        self.backups = backups
        self.now = now
        self.chosen: BackupInfo | None = None
        self.listed: list[BackupInfo] = []

        self.intro = QLabel(
            "Choose the backup to go back to. Each one was checked when it was made."
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty = EmptyState(EMPTY_TEXT, "No backups yet")
        self.stack = empty_stack(self.table, self.empty)
        self.folder = QLabel()
        self.folder.setWordWrap(True)
        self.folder.setStyleSheet("color: palette(placeholder-text);")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setDefault(True)  # Enter asks, as a double-click does
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton("Show folder")
        self.folder_button.setFlat(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.show_folder)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, 1)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.folder_button)
        layout.addLayout(where)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self.listed = self.backups.list()
        self.table.setRowCount(len(self.listed))
        for row, info in enumerate(self.listed):
            self.table.setItem(row, 0, _cell(moment_text(info.taken_at, self.now)))
            self.table.setItem(row, 1, _cell(reason_text(info.reason)))
            for column, name in enumerate(COUNTED, start=2):
                count = info.counts.get(name, 0)
                self.table.setItem(row, column, _cell(f"{count:,}", number=True))
            self.table.setItem(row, len(HEADERS) - 1, _cell(size_text(info.size), number=True))
        has_any = bool(self.listed)
        self.stack.setCurrentIndex(0 if has_any else 1)
        self.intro.setVisible(has_any)
        self.restore_button.setVisible(has_any)
        self.folder.setText(f"Backups are kept in {self.backups.folder}")
        if has_any:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.listed[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def confirmation_text(self, info: BackupInfo) -> str:
        return (
            f"Go back to the backup from {moment_text(info.taken_at, self.now)} "
            f"({counts_text(info.counts)})?\n\n"
            "The database as it is now is kept in the backups folder first, so you can "
            f"return to it later:\n{self.backups.folder}\n\n"
            "DeskBridge closes the database, restores the backup and opens it again."
        )

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            self.confirmation_text(info),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.chosen = info
        self.accept()

    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups.folder)))


@dataclass(frozen=True)
class RestoreOutcome:
    """How a restore went, to tell once the database is open again."""

    restored: bool
    text: str

    def tell(self, parent: QWidget | None) -> None:
        say = QMessageBox.information if self.restored else QMessageBox.warning
        say(parent, APP_NAME, self.text)


def restore_over(
    parent: QWidget | None,
    db_path: Path,
    info: BackupInfo,
    clock: Clock,
    previous: str = "The database as it was before",
) -> RestoreOutcome:
    """Put the backup ``info`` in place of the database file ``db_path``, which this process
    must have closed; off the GUI thread, behind a progress dialog that can cancel it.
    ``previous`` names the file that was there, for saying where it is kept."""
    backups = Backups.for_database(db_path, clock)
    try:
        kept = run_with_progress(
            parent, "Restoring the backup…", lambda progress: backups.restore(info.path, progress)
        )
    except Cancelled:
        return RestoreOutcome(False, "The restore was cancelled; the database is as it was.")
    except Exception as error:
        return RestoreOutcome(False, f"The backup was not restored: {error}")
    where = f"\n\n{previous} is kept at:\n{kept}" if kept is not None else ""
    return RestoreOutcome(
        True,
        f"Restored the backup from {moment_text(info.taken_at, clock.now())} "
        f"({counts_text(info.counts)}).{where}",
    )
