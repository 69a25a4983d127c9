"""The "Interactions" tab of a project: the meetings, calls and e-mails tagged to it, newest
first, with a button to log one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from deskbridge.records import InteractionRecord
from deskbridge.ui.interaction_kinds import kind_label
from deskbridge.ui.project_team import empty_note, table
from deskbridge.ui.row_table_model import RowTableModel

COL_DATE, COL_KIND, COL_SUMMARY, COL_WITH = range(4)


class InteractionsModel(RowTableModel):
    headers = ("Date", "Kind", "Summary", "With")

    def interaction(self, row: int) -> InteractionRecord:
        interaction: InteractionRecord = self._rows[row]
        return interaction

    def cell(self, item: InteractionRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                item.occurred_on.isoformat(),
                kind_label(item.kind),
                item.summary,
                ", ".join(p.name for p in item.participants),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_SUMMARY and item.outcome:
            return f"Outcome: {item.outcome}"
        return None


class ProjectInteractions(QWidget):
    """The table of the project's interactions (:meth:`show_rows`), or a note when there
    are none. The pane around it acts on the log button and on an opened row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InteractionsModel()
        self.table = table(self.model, {COL_DATE: 100, COL_KIND: 90, COL_SUMMARY: 320})
        self.table.setAccessibleName("Interactions")
        self.empty = empty_note(
            "Nothing logged for this project yet. Meetings, calls and e-mails tagged with "
            "this project appear here, newest first: log one with the button above."
        )
        self.log_button = QPushButton("&Log a meeting…")
        self.log_button.setToolTip("Quick log a meeting, call or coffee tagged with this project")
        bar = QHBoxLayout()
        bar.addWidget(self.log_button)
        bar.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.stack)

    def show_rows(self, interactions: list[InteractionRecord]) -> None:
        self.model.show_rows(interactions)
        self.stack.setCurrentWidget(self.table if interactions else self.empty)
