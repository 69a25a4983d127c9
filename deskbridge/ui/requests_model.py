"""The Requests table's model: one group of input requests, a page at a time from SQL.

Only the pages the view has scrolled to are held; the group's order and its filters are
applied in SQL, so 30,000 requests open as fast as thirty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from deskbridge.input_requests import RequestFilter, RequestPage, RequestRow
from deskbridge.records import TouchStatus
from deskbridge.ui.contacts_model import DepartmentColourRole
from deskbridge.ui.row_table_model import PagedTableModel
from deskbridge.ui.touch_status_style import STATUS_COLOURS

COL_ASKED_OF, COL_DEPARTMENT, COL_TOPIC, COL_ASKED_ON, COL_NEEDED_BY, COL_STATUS = range(6)
HEADERS = ("Asked of", "Department", "Topic", "Asked on", "Needed by", "Status")
RequestIdRole = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex
# (filter, offset, limit or None for a standard page) -> that page
FetchPage = Callable[[RequestFilter, int, "int | None"], RequestPage]
# Readable on light and dark rows alike, as the keep-in-touch colours are.
LATE_COLOUR = STATUS_COLOURS[TouchStatus.OVERDUE]
WAITING_COLOUR = STATUS_COLOURS[TouchStatus.DUE]


def days_late(needed_by: date, today: date) -> str:
    late = (today - needed_by).days
    return "1 day late" if late == 1 else f"{late} days late"


def needed_by_text(row: RequestRow, today: date) -> str:
    """The day, and for an open request past it how late it is ("3 days late")."""
    if row.needed_by is None:
        return "—"
    shown = row.needed_by.isoformat()
    if is_late(row, today):
        return f"{shown} · {days_late(row.needed_by, today)}"
    if row.status == "open" and row.needed_by == today:
        return f"{shown} · today"
    return shown


def is_late(row: RequestRow, today: date) -> bool:
    return row.status == "open" and row.needed_by is not None and row.needed_by < today


def status_text(status: str, thanked_on: date | None, late: bool = False) -> str:
    """A request's state as the user reads it."""
    if status == "open":
        return "Overdue" if late else "Open"
    if status == "answered":
        return "Thanked" if thanked_on else "Answered, not thanked"
    return status.capitalize()


class RequestsModel(PagedTableModel):
    headers = HEADERS

    def __init__(
        self,
        fetch_page: FetchPage,
        today: Callable[[], date],
        shown: RequestFilter | None = None,
    ) -> None:
        super().__init__()
        self._fetch_page = fetch_page
        self._today = today
        self._filter = shown or RequestFilter()
        self._rows: list[RequestRow] = []
        self._next: int | None = None

    # -- what is shown ---------------------------------------------------------------------

    @property
    def shown(self) -> RequestFilter:
        return self._filter

    def set_filter(self, shown: RequestFilter, at_least: int = 0) -> None:
        """Show ``shown`` from its first row; with ``at_least``, read that many rows in one
        go (to keep the user's place, or reach a row far down)."""
        self._filter = shown
        self.reload(at_least)

    def reload(self, at_least: int = 0) -> None:
        """Start again from the first row (after a change), holding at least as many rows
        as ``at_least`` when the group has them."""
        page = self._fetch_page(self._filter, 0, at_least or None)
        self._next = page.next_offset
        self.show_rows(page.rows)

    def request_id(self, row: int) -> int:
        return self._rows[row].id

    def row(self, row: int) -> RequestRow:
        return self._rows[row]

    # -- Qt's model interface --------------------------------------------------------------

    def has_more(self) -> bool:
        return self._next is not None

    def next_rows(self) -> tuple[RequestRow, ...]:
        assert self._next is not None  # has_more said so
        page = self._fetch_page(self._filter, self._next, None)
        self._next = page.next_offset
        return page.rows

    def cell(self, row: RequestRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            today = self._today()
            return (
                row.asked_of.name,
                row.department or "",
                row.topic,
                row.asked_on.isoformat(),
                needed_by_text(row, today),
                status_text(row.status, row.thanked_on, is_late(row, today)),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TOPIC:
            return row.topic
        if role == RequestIdRole:
            return row.id
        if role == DepartmentColourRole and column == COL_DEPARTMENT:
            return row.department_colour
        return None

    def _foreground(self, row: RequestRow, column: int) -> QBrush | None:
        late = is_late(row, self._today())
        if late and column in (COL_NEEDED_BY, COL_STATUS):
            return QBrush(QColor(LATE_COLOUR))
        if column == COL_STATUS and row.status == "answered" and row.thanked_on is None:
            return QBrush(QColor(WAITING_COLOUR))
        return None
