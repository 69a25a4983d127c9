"""The read-only list tables the views show: whole rows selected, opened with Enter, columns
the user can widen, and the plain letter keys that act on the selected row."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def list_table(
    model: QAbstractItemModel, widths: Mapping[int, int], *, many: bool = False
) -> QTableView:
    """A table of ``model`` with these starting column widths; the last column takes what is
    left. ``many``: Shift and Ctrl select several rows."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if many
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)  # whole rows are selected: every header would light up
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    return table


def plain_key(event: QEvent) -> Qt.Key | None:
    """The key of a key press without Ctrl, Alt or Shift (a letter key's action), else None.
    Views read it in an event filter, before the table's type-to-search jumps to a row
    starting with that letter."""
    if (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    ):
        return Qt.Key(event.key())
    return None
