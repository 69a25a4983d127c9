"""What every DeskBridge table model shares: a list of frozen rows, each with an id, shown
under a fixed row of headers. Subclasses say how the rows arrive and how a cell reads
(:meth:`RowTableModel.cell`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    headers: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def row_of(self, row_id: int) -> int | None:
        """Where the row with this id is among the rows held (None: not loaded)."""
        return next((n for n, row in enumerate(self._rows) if row.id == row_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What ``row`` holds in ``column`` for ``role``; None when nothing."""
        return None

    def show_rows(self, rows: Iterable[Any]) -> None:
        """Show ``rows`` in place of every row held."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any]) -> None:
        """Add ``rows`` after the last row, telling the views only about the new ones."""
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()


class PagedTableModel(RowTableModel):
    """Rows that arrive a page at a time from SQL as the view scrolls to them. Subclasses
    say whether more remain (:meth:`has_more`) and read the next page's rows, moving on
    their own place in the list (:meth:`next_rows`)."""

    def has_more(self) -> bool:
        raise NotImplementedError

    def next_rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.has_more()

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and self.has_more():
            self.append_rows(self.next_rows())
