"""The meeting log's model: newest interactions first, a keyset page at a time from SQL.

Only the pages the view has scrolled to are held, so a log of a million interactions opens
as fast as a log of ten; filters run in SQL and start again from the first page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from deskbridge.meeting_log import InteractionFilter, InteractionPage, InteractionRow
from deskbridge.ui.interaction_kinds import kind_label
from deskbridge.ui.row_table_model import PagedTableModel

COL_DATE, COL_KIND, COL_SUMMARY, COL_OUTCOME, COL_PARTICIPANTS, COL_DEPARTMENTS = range(6)
HEADERS = ("Date", "Kind", "Summary", "Outcome", "With", "Departments")
InteractionIdRole = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex
After = tuple[date, int] | None
# (filter, after) -> the next page, newest first
FetchPage = Callable[[InteractionFilter, After], InteractionPage]


def first_line(text: str) -> str:
    line, _, rest = text.strip().partition("\n")
    return f"{line} …" if rest.strip() else line


class MeetingsModel(PagedTableModel):
    headers = HEADERS

    def __init__(self, fetch_page: FetchPage, shown: InteractionFilter | None = None) -> None:
        super().__init__()
        self._fetch_page = fetch_page
        self._filter = shown or InteractionFilter()
        self._rows: list[InteractionRow] = []
        self._after: After = None
        self._exhausted = True

    # -- what is shown ---------------------------------------------------------------------

    @property
    def shown(self) -> InteractionFilter:
        return self._filter

    def set_filter(self, shown: InteractionFilter) -> None:
        """Show ``shown`` from its first page. A filter the domain refuses (a ValidationError)
        leaves the model as it was."""
        page = self._fetch_page(shown, None)
        self._filter = shown
        self._replace(page)

    def reload(self) -> None:
        """Start again from the first page (after a change)."""
        self._replace(self._fetch_page(self._filter, None))

    def _replace(self, page: InteractionPage) -> None:
        self._after = page.after
        self._exhausted = page.after is None
        self.show_rows(page.rows)

    def interaction_id(self, row: int) -> int:
        return self._rows[row].id

    def row(self, row: int) -> InteractionRow:
        return self._rows[row]

    # -- Qt's model interface --------------------------------------------------------------

    def has_more(self) -> bool:
        return not self._exhausted

    def next_rows(self) -> tuple[InteractionRow, ...]:
        page = self._fetch_page(self._filter, self._after)
        self._after = page.after
        self._exhausted = page.after is None
        return page.rows

    def cell(self, row: InteractionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.occurred_on.isoformat(),
                kind_label(row.kind),
                first_line(row.summary),
                first_line(row.outcome),
                ", ".join(person.name for person in row.participants),
                ", ".join(row.departments),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole text where the cell shows only its first line or runs out of room.
            full = {
                COL_SUMMARY: row.summary,
                COL_OUTCOME: row.outcome,
                COL_PARTICIPANTS: "\n".join(person.name for person in row.participants),
                COL_DEPARTMENTS: "\n".join(row.departments),
            }.get(column)
            return full or None
        if role == InteractionIdRole:
            return row.id
        return None
