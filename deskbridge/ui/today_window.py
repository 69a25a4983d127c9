"""The first window: who is due, overdue or stale for a touch today."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deskbridge.records import DueContact
from deskbridge.ui.touch_status_style import STATUS_LABELS, status_brush
from deskbridge.workspace import Workspace

COL_STATUS, COL_NAME, COL_DEPARTMENT, COL_LAST, COL_NEXT = range(5)
# The most urgent this many are listed: a page costs a few ms at any size, so opening the
# window never stalls on a network with thousands of people due.
SHOWN = 500
HEADERS = ("Status", "Name", "Department", "Last touch", "Next touch")
ModelIndex = QModelIndex | QPersistentModelIndex


class DueModel(QAbstractTableModel):
    def __init__(self, rows: list[DueContact]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                STATUS_LABELS[row.status],
                row.name,
                row.department or "",
                row.last_touch.isoformat() if row.last_touch else "never",
                row.next_touch.isoformat(),
            )
            return values[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return status_brush(row.status)
        return None


class TodayWindow(QMainWindow):
    """Keep-in-touch list for today, with a friendly empty state."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle(f"DeskBridge — {workspace.db.display_name}")
        self.setMinimumSize(720, 420)
        self.resize(960, 640)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600; padding: 8px 4px;")
        self.table = QTableView()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.empty = QLabel("You're in touch with everyone.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 14pt; color: palette(mid);")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack)
        self.setCentralWidget(body)
        self.refresh()

    def refresh(self) -> None:
        rows = self.workspace.keep_in_touch.due(limit=SHOWN)
        total = len(rows) if len(rows) < SHOWN else self.workspace.keep_in_touch.due_count()
        self.model = DueModel(rows)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(COL_STATUS, 90)
        self.table.setColumnWidth(COL_NAME, 200)
        self.table.setColumnWidth(COL_DEPARTMENT, 140)
        self.table.setColumnWidth(COL_LAST, 110)
        heading = f"Today — {total:,} people to get in touch with"
        if total > len(rows):
            heading += f" (the {len(rows)} most urgent shown)"
        self.heading.setText(heading)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self.statusBar().showMessage(
            f"{self.workspace.db.display_name} · {self.workspace.contacts.count():,} contacts"
        )
