"""The contacts table's model: a window over every matching contact, sorted and filtered
in SQL, read a block of rows at a time as the view shows them.

The model knows how many contacts match (one count), so the scroll bar is the list's real
length; the rows are read only where the view looks: a block of rows by keyset after the
block before it when scrolling on, or by offset when the user jumps (Ctrl+End, dragging the
scroll bar), so the last row costs about what the first screen does. Opening the table
costs the same with ten contacts or 100,000.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from deskbridge.contact_list import ContactFilter, ContactPage, ContactRow, SortKey
from deskbridge.records import TouchStatus
from deskbridge.ui.touch_status_style import STATUS_LABELS, status_brush

COL_NAME, COL_DEPARTMENT, COL_ROLE, COL_LAST, COL_NEXT, COL_STATUS, COL_TAGS = range(7)
ME_LABEL = "You"
HEADERS = ("Name", "Department", "Role", "Last touch", "Next due", "Status", "Tags")
SORTABLE = {
    COL_NAME: SortKey.NAME,
    COL_DEPARTMENT: SortKey.DEPARTMENT,
    COL_LAST: SortKey.LAST_TOUCH,
    COL_NEXT: SortKey.NEXT_TOUCH,
}
ContactIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
DepartmentColourRole = Qt.ItemDataRole.UserRole + 3
ModelIndex = QModelIndex | QPersistentModelIndex
# (filter, sort, descending, after, offset, limit) -> a block of rows
FetchPage = Callable[
    [ContactFilter, SortKey, bool, "tuple[Any, ...] | None", int, int], ContactPage
]
# filter -> how many contacts match
CountRows = Callable[[ContactFilter], int]
BLOCK = 200
"""Rows read at once: a screen or two, one indexed query (a few ms at 100,000 contacts)."""
BLOCKS_HELD = 50
"""Blocks kept (10,000 rows); the ones read longest ago go first."""


def _day(value: date | None) -> str:
    return value.isoformat() if value else "never"


_SHOWN: tuple[Callable[[ContactRow], str], ...] = (
    lambda row: row.name,
    lambda row: row.department or "",
    lambda row: row.role,
    lambda row: _day(row.last_touch),
    lambda row: row.next_touch.isoformat(),
    lambda row: ME_LABEL if row.is_me else STATUS_LABELS[row.status],
    lambda row: ", ".join(row.tags),
)
"""What each column shows: only the cell asked for is worked out."""
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        ContactIdRole,
        StatusRole,
        DepartmentColourRole,
    }
)


class ContactsModel(QAbstractTableModel):
    headers = HEADERS

    def __init__(self, fetch_page: FetchPage, count_rows: CountRows, block: int = BLOCK) -> None:
        super().__init__()
        self._size = block
        self._fetch_page = fetch_page
        self._count_rows = count_rows
        self._filter = ContactFilter()
        self._sort = SortKey.NAME
        self._descending = False
        self._total = 0
        self._blocks: OrderedDict[int, ContactPage] = OrderedDict()
        self.reload()

    # -- what is shown ---------------------------------------------------------------------

    @property
    def shown(self) -> ContactFilter:
        return self._filter

    @property
    def total(self) -> int:
        """How many contacts match what is shown (every row of the table)."""
        return self._total

    def set_filter(self, shown: ContactFilter) -> None:
        self._filter = shown
        self.reload()

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def reload(self, keep_rows: Iterable[int] = ()) -> None:
        """Count again, forget every row read (after a filter, a sort or a change) and read
        the first block. ``keep_rows``: rows to read back at once too (those on screen and
        selected), so the view finds its selection among them."""
        self.beginResetModel()
        self._blocks.clear()
        self._total = self._count_rows(self._filter)
        # The first block always: the view shows it after a new filter or order.
        wanted = {0, *(row // self._size for row in keep_rows if 0 <= row < self._total)}
        for block in sorted(wanted) if self._total else ():
            self._block(block)
        self.endResetModel()

    def contact_id(self, row: int) -> int:
        found = self._row(row)
        if found is None:
            raise IndexError(row)
        return found.id

    def row_of(self, contact_id: int) -> int | None:
        """Where the contact is among the rows read (None: not read, or not shown)."""
        for block, page in self._blocks.items():
            for n, row in enumerate(page.rows):
                if row.id == contact_id:
                    return block * self._size + n
        return None

    def loaded_rows(self) -> list[int]:
        """The rows read so far, top to bottom."""
        return sorted(
            block * self._size + n
            for block, page in self._blocks.items()
            for n in range(len(page.rows))
        )

    def _row(self, row: int) -> ContactRow | None:
        if not 0 <= row < self._total:
            return None
        rows = self._block(row // self._size).rows
        return rows[row % self._size] if row % self._size < len(rows) else None

    def _block(self, block: int) -> ContactPage:
        page = self._blocks.get(block)
        if page is not None:
            self._blocks.move_to_end(block)
            return page
        # Scrolling on: carry on after the block above (a keyset, as cheap at any depth).
        # A jump: start from the offset.
        before = self._blocks.get(block - 1)
        after = before.after if before is not None and block > 0 else None
        if before is not None and after is None:
            page = ContactPage((), None)  # the block above was the last
        else:
            page = self._fetch_page(
                self._filter,
                self._sort,
                self._descending,
                after,
                0 if after else block * self._size,
                self._size,
            )
        self._blocks[block] = page
        while len(self._blocks) > BLOCKS_HELD:
            self._blocks.popitem(last=False)
        return page

    # -- Qt's model interface --------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks a painted cell for a dozen roles; most are none of ours, answered first.
        if role not in _ROLES or not index.isValid():
            return None
        row = self._row(index.row())
        return None if row is None else self.cell(row, index.column(), role)

    def match(
        self,
        start: ModelIndex,
        role: int,
        value: Any,
        hits: int = 1,
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchWrap,
    ) -> list[QModelIndex]:
        """Type-to-search among the rows read only: looking through every row would read
        the whole list, a block at a time."""
        wanted = str(value).casefold()
        found: list[QModelIndex] = []
        rows = self.loaded_rows()
        first = start.row()
        ordered = [r for r in rows if r >= first]
        if flags & Qt.MatchFlag.MatchWrap:
            ordered += [r for r in rows if r < first]
        for row in ordered:
            index = self.index(row, start.column())
            if str(self.data(index, role) or "").casefold().startswith(wanted):
                found.append(index)
                if 0 < hits <= len(found):
                    break
        return found

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORTABLE:
            return
        self._sort = SORTABLE[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def cell(self, row: ContactRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return _SHOWN[column](row)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME and row.email:
            return row.email
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return status_brush(row.status)
        if role == ContactIdRole:
            return row.id
        if role == StatusRole:
            if row.is_me:  # no reminder badge colour, and Unarchive is not offered
                return TouchStatus.OK.value
            return row.status.value  # a plain str: Qt's variants do not keep the enum
        if role == DepartmentColourRole:
            return row.department_colour
        return None
