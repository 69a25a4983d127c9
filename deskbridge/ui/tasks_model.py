"""The task list's model: a view's tasks a page at a time, filtered and sorted in SQL.

Only the pages the table has scrolled to are held, so the list of 20,000 tasks opens as
fast as a list of ten. Clicking a sortable header sorts in SQL and starts again from the
first page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from deskbridge.task_list import TaskFilter, TaskPage, TaskRow, TaskSort
from deskbridge.ui.row_table_model import PagedTableModel
from deskbridge.ui.task_dialog import PRIORITY_LABELS, STATUS_LABELS

COL_TITLE, COL_ASSIGNEES, COL_PROJECT, COL_DUE, COL_PRIORITY, COL_STATUS = range(6)
HEADERS = ("Task", "Assigned to", "Project", "Due", "Priority", "Status")
SORTABLE = {
    COL_TITLE: TaskSort.TITLE,
    COL_PROJECT: TaskSort.PROJECT,
    COL_DUE: TaskSort.DUE,
    COL_PRIORITY: TaskSort.PRIORITY,
    COL_STATUS: TaskSort.STATUS,
}
TaskIdRole = Qt.ItemDataRole.UserRole + 1
OverdueRole = Qt.ItemDataRole.UserRole + 2
# (filter, sort, descending, offset) -> the page from that offset
FetchPage = Callable[[TaskFilter, TaskSort, bool, int], TaskPage]
# Red that reads on light rows, and a lighter red that reads on dark ones.
OVERDUE_ON_LIGHT = "#c62828"
OVERDUE_ON_DARK = "#ff8a80"
URGENT_ON_LIGHT = "#ad1457"
URGENT_ON_DARK = "#f48fb1"


def relative_due(due_on: date, today: date) -> str:
    """How a due day reads next to today: "today", "in 3 days", "2 days overdue"."""
    days = (due_on - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if days > 0:
        return f"in {days} days" if days < 14 else day_text(due_on)
    return f"{-days} days overdue"


def day_text(day: date, *, year: bool = True) -> str:
    """ "5 Dec 2026" (no leading zero, on every platform's strftime)."""
    return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"


def _on_dark_rows() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def assignee_names(row: TaskRow, me_id: int | None) -> str:
    """The assignees by name, the user first and marked "(me)"."""
    mine = [f"{p.name} (me)" for p in row.assignees if p.id == me_id]
    return ", ".join([*mine, *(p.name for p in row.assignees if p.id != me_id)])


class TasksModel(PagedTableModel):
    headers = HEADERS

    def __init__(self, fetch_page: FetchPage, today: Callable[[], date]) -> None:
        super().__init__()
        self._fetch_page = fetch_page
        self._today = today
        self._filter = TaskFilter()
        self._sort = TaskSort.DUE
        self._descending = False
        self._rows: list[TaskRow] = []
        self._next: int | None = None
        self._me_id: int | None = None

    # -- what is shown ---------------------------------------------------------------------

    @property
    def shown(self) -> TaskFilter:
        return self._filter

    @property
    def sort_key(self) -> TaskSort:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def me_id(self) -> int | None:
        return self._me_id

    def show_page(
        self, shown: TaskFilter, sort: TaskSort, descending: bool, page: TaskPage
    ) -> None:
        """Show ``page`` (the first page of ``shown`` in that order) in place of every row."""
        self._filter = shown
        self._sort = sort
        self._descending = descending
        self._next = page.next_offset
        self._me_id = page.me_id
        self.show_rows(page.rows)

    def reload(self, keep: int = 0) -> None:
        """Read the first page again (at least ``keep`` rows, so a refresh leaves the user
        where they had scrolled to)."""
        page = self._fetch_page(self._filter, self._sort, self._descending, 0)
        self.show_page(self._filter, self._sort, self._descending, page)
        while self.rowCount() < keep and self.canFetchMore():
            self.fetchMore()

    def row(self, row: int) -> TaskRow:
        return self._rows[row]

    def task_id(self, row: int) -> int:
        return self._rows[row].id

    # -- Qt's model interface --------------------------------------------------------------

    def has_more(self) -> bool:
        return self._next is not None

    def next_rows(self) -> list[TaskRow]:
        assert self._next is not None  # has_more said so
        page = self._fetch_page(self._filter, self._sort, self._descending, self._next)
        self._next = page.next_offset
        known = {row.id for row in self._rows}
        # A task changed between pages can shift into a page already read: show it once.
        return [row for row in page.rows if row.id not in known]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORTABLE.get(column)
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def is_overdue(self, row: TaskRow) -> bool:
        return row.is_open and row.due_on is not None and row.due_on < self._today()

    def cell(self, row: TaskRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            dark = _on_dark_rows()
            if column == COL_DUE and self.is_overdue(row):
                return QBrush(QColor(OVERDUE_ON_DARK if dark else OVERDUE_ON_LIGHT))
            if column == COL_PRIORITY and row.priority == "urgent" and row.is_open:
                return QBrush(QColor(URGENT_ON_DARK if dark else URGENT_ON_LIGHT))
            if not row.is_open:
                return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.FontRole:
            overdue = column == COL_DUE and self.is_overdue(row)
            if overdue or (column == COL_PRIORITY and row.priority == "urgent" and row.is_open):
                font = QFont()
                font.setBold(True)
                return font
            if column == COL_TITLE and row.status == "done":
                font = QFont()
                font.setStrikeOut(True)
                return font
            return None
        if role == TaskIdRole:
            return row.id
        if role == OverdueRole:
            return self.is_overdue(row)
        return None

    def _text(self, row: TaskRow, column: int) -> str:
        if column == COL_TITLE:
            return row.title
        if column == COL_ASSIGNEES:
            return assignee_names(row, self._me_id) or "Nobody yet"
        if column == COL_PROJECT:
            return row.project_name or ""
        if column == COL_DUE:
            if row.due_on is None:
                return ""
            if row.is_open:
                return relative_due(row.due_on, self._today())
            return day_text(row.due_on)
        if column == COL_PRIORITY:
            return PRIORITY_LABELS.get(row.priority, row.priority)
        label = STATUS_LABELS.get(row.status, row.status)
        if row.completed_at is not None:
            return f"{label} {day_text(row.completed_at.date(), year=False)}"
        return label

    def _tooltip(self, row: TaskRow, column: int) -> str | None:
        if column == COL_TITLE:
            return f"{row.title}\n\n{row.notes}" if row.notes else row.title
        if column == COL_ASSIGNEES:
            return "\n".join(p.name for p in row.assignees) or None
        if column == COL_DUE and row.due_on is not None:
            return f"{row.due_on:%A} {row.due_on.day} {row.due_on:%B %Y}"
        if column == COL_STATUS and row.completed_at is not None:
            return f"Done {day_text(row.completed_at.date())}, {row.completed_at:%H:%M}"
        return None
