"""The contacts table widget: fixed-height rows (no per-row measuring over 100,000 rows),
the department and status delegates, sensible column widths, and the Delete key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from deskbridge.ui.contacts_model import (
    COL_DEPARTMENT,
    COL_LAST,
    COL_NAME,
    COL_NEXT,
    COL_ROLE,
    COL_STATUS,
    ContactsModel,
)
from deskbridge.ui.table_delegates import DepartmentDelegate, StatusBadgeDelegate


class ContactsTable(QTableView):
    """The table, plus the Delete key: ``delete_pressed`` asks to delete the selection."""

    delete_pressed = Signal()

    def __init__(self, model: ContactsModel, sorted_by: tuple[int, Qt.SortOrder]) -> None:
        super().__init__()
        header = self.horizontalHeader()
        # Sorting switched on before the model is set does not sort: the model's first
        # page, already read in this order, is not read again.
        header.setSortIndicator(*sorted_by)
        self.setSortingEnabled(True)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setMinimumWidth(300)
        self.verticalHeader().hide()
        metrics = self.fontMetrics()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(metrics.height() + 10)
        self.setItemDelegateForColumn(COL_DEPARTMENT, DepartmentDelegate(self))
        self.setItemDelegateForColumn(COL_STATUS, StatusBadgeDelegate(self))

        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        char = metrics.averageCharWidth()
        day = metrics.horizontalAdvance("2026-11-23") + 24
        widths = {
            COL_NAME: char * 22, COL_DEPARTMENT: char * 15, COL_ROLE: char * 16,
            COL_LAST: day, COL_NEXT: day, COL_STATUS: metrics.horizontalAdvance("Overdue") + 28,
        }  # fmt: skip
        for column, width in widths.items():
            header.resizeSection(column, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.selectionModel().hasSelection():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)
