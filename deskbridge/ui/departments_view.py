"""The Departments view: each department with its colour, cadence and how many of its people
are overdue or due; add, edit and delete them, or jump to their contacts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from deskbridge.changes import ChangeKind
from deskbridge.reciprocity import Reciprocity
from deskbridge.records import DepartmentSummary, TouchStatus
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.department_dialog import DeleteDepartmentDialog, DepartmentDialog, swatch
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.list_table import list_table
from deskbridge.ui.page import Page
from deskbridge.ui.row_table_model import RowTableModel
from deskbridge.ui.touch_status_style import STATUS_COLOURS
from deskbridge.ui.view_actions import confirmed

(COL_NAME, COL_CADENCE, COL_CONTACTS, COL_OVERDUE, COL_DUE,
 COL_ASKS, COL_ANSWERS, COL_THANKS, COL_UNTHANKED, COL_NOTES) = range(10)  # fmt: skip
HEADERS = (
    "Department", "Keep in touch every", "Contacts", "Overdue", "Due",
    "Asks", "Answers", "Thanks", "Unthanked", "Notes",
)  # fmt: skip
RECIPROCITY_COLUMNS = (COL_ASKS, COL_ANSWERS, COL_THANKS, COL_UNTHANKED)
NUMBER_COLUMNS = (COL_CONTACTS, COL_OVERDUE, COL_DUE, *RECIPROCITY_COLUMNS)
RECIPROCITY_TIPS = {
    COL_ASKS: "Input requests asked of people in this department",
    COL_ANSWERS: "Requests they answered",
    COL_THANKS: "Answers you thanked them for",
    COL_UNTHANKED: "Answers not yet thanked for",
}
DepartmentIdRole = Qt.ItemDataRole.UserRole + 1
ColourRole = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex
COLUMN_WIDTHS = {
    COL_NAME: 170, COL_CADENCE: 165, COL_CONTACTS: 75, COL_OVERDUE: 75, COL_DUE: 75,
    COL_ASKS: 65, COL_ANSWERS: 80, COL_THANKS: 70, COL_UNTHANKED: 95,
}  # fmt: skip
NO_DEPARTMENTS = "No departments yet"
NO_DEPARTMENTS_TEXT = (
    "Departments group the colleagues you work with — Finance, IT, Sales — "
    "and give them a shared keep-in-touch rhythm."
)
COUNT_COLOURS = {
    COL_OVERDUE: STATUS_COLOURS[TouchStatus.OVERDUE],
    COL_DUE: STATUS_COLOURS[TouchStatus.DUE],
    COL_UNTHANKED: STATUS_COLOURS[TouchStatus.DUE],
}


def cadence_text(days: int | None, default: int) -> str:
    if days is None:
        return f"uses default ({default} days)"
    return "1 day" if days == 1 else f"{days} days"


class DepartmentsModel(RowTableModel):
    """Every department: an organisation has tens of them, so all are held."""

    headers = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DepartmentSummary] = []
        self._default_cadence = 30
        self._reciprocity: dict[int, Reciprocity] = {}

    def set_rows(
        self,
        rows: list[DepartmentSummary],
        default_cadence: int,
        reciprocity: dict[int, Reciprocity] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._default_cadence = default_cadence
        self._reciprocity = reciprocity or {}
        self.endResetModel()

    def reciprocity(self, row: int) -> Reciprocity:
        return self._reciprocity.get(self._rows[row].id, Reciprocity())

    def summary(self, row: int) -> DepartmentSummary:
        return self._rows[row]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        figures = self._reciprocity.get(row.id, Reciprocity())
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.name,
                cadence_text(row.cadence_days, self._default_cadence),
                f"{row.contacts:,}",
                f"{row.overdue:,}",
                f"{row.due:,}",
                f"{figures.asks:,}",
                f"{figures.answers:,}",
                f"{figures.thanks:,}",
                f"{figures.unthanked:,}",
                row.notes.strip().partition("\n")[0],
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in RECIPROCITY_TIPS:
            return RECIPROCITY_TIPS[column]
        if role == Qt.ItemDataRole.DecorationRole and column == COL_NAME:
            return swatch(row.colour)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_NAME, COL_NOTES) and row.notes:
            return row.notes
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_OVERDUE:
            return "Overdue for a touch, stale ones included"
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DUE:
            return "Due for a touch within the next 7 days"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column in COUNT_COLOURS:
            count = {COL_OVERDUE: row.overdue, COL_DUE: row.due}.get(column, figures.unthanked)
            return QBrush(QColor(COUNT_COLOURS[column])) if count else None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_CADENCE:
            return None if row.cadence_days else QBrush(QColor("#757575"))
        if role == DepartmentIdRole:
            return row.id
        if role == ColourRole:
            return row.colour
        return None


class DepartmentsView(Page):
    title = "Departments"
    # Settings too: the default cadence is shown for departments without their own.
    shows = frozenset(
        {
            ChangeKind.DEPARTMENTS,
            ChangeKind.CONTACTS,
            ChangeKind.INTERACTIONS,
            ChangeKind.REQUESTS,
            ChangeKind.SETTINGS,
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._select_next: int | None = None
        self._ticket = 0

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.add_button = QPushButton("&Add department…")
        self.add_button.clicked.connect(self.add_department)
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.clicked.connect(self.delete_selected)
        self.contacts_button = QPushButton("Show &contacts")
        self.contacts_button.setToolTip("The Contacts view, filtered to this department")
        self.contacts_button.clicked.connect(self._show_contacts)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        self._bar_buttons = (
            self.contacts_button,
            self.edit_button,
            self.delete_button,
            self.add_button,
        )
        for button in self._bar_buttons:
            bar.addWidget(button)

        self.model = DepartmentsModel()
        self.table = list_table(self.model, COLUMN_WIDTHS)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self.empty = EmptyState(NO_DEPARTMENTS_TEXT, NO_DEPARTMENTS)
        self.empty_add_button = self.empty.add_button("&Add department…", self.add_department)
        self.stack = empty_stack(self.table, self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._update_buttons()
        self.refresh()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the departments and their counts. The counts run on the database worker:
        with 100,000 contacts they take a quarter of a second."""
        self._ticket += 1
        ticket = self._ticket
        selected = self.selected_department()
        keep = self._select_next or (selected.id if selected else None)
        workspace = self.context.workspace

        def read() -> tuple[list[DepartmentSummary], int, dict[int, Reciprocity]]:
            # Reciprocity is one grouped query: about 50 ms at 30,000 requests.
            return (
                workspace.departments.summaries(),
                workspace.keep_in_touch.default_cadence(),
                workspace.reciprocity.by_department(),
            )

        def show(result: tuple[list[DepartmentSummary], int, dict[int, Reciprocity]]) -> None:
            if ticket == self._ticket:
                self._show(*result, keep)

        self.context.op(read).success(show).failure(lambda error: show_error(self, error)).run()

    def _show(
        self,
        rows: list[DepartmentSummary],
        default: int,
        reciprocity: dict[int, Reciprocity],
        keep: int | None,
    ) -> None:
        self._select_next = None
        self.model.set_rows(rows, default, reciprocity)
        count = "1 department" if len(rows) == 1 else f"{len(rows):,} departments"
        self.heading.setText(count if rows else "Departments")
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        # The empty state has its own add button; nothing else applies there.
        for button in self._bar_buttons:
            button.setVisible(bool(rows))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_department(self) -> DepartmentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary(rows[0].row()) if rows else None

    def select_department(self, department_id: int) -> None:
        row = self.model.row_of(department_id)
        if row is None:
            # Not read yet: select it once the next refresh arrives.
            self._select_next = department_id
            self.refresh()
        else:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected_department() is not None
        for button in (self.edit_button, self.delete_button, self.contacts_button):
            button.setEnabled(chosen)

    # -- acting ----------------------------------------------------------------------------

    def add_department(self) -> None:
        """Ask for a new department; it is selected once saved."""
        dialog = DepartmentDialog(self.context, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.select_department(dialog.result_value.id)

    def edit_selected(self) -> None:
        summary = self.selected_department()
        if summary is None:
            return
        record = self.context.workspace.departments.get(summary.id)
        DepartmentDialog(self.context, record, self).exec()

    def delete_selected(self) -> None:
        """Delete the selected department; when it has contacts, ask what becomes of them."""
        summary = self.selected_department()
        if summary is None:
            return
        move_to: int | None = None
        if summary.contacts:
            others = [d for d in self.context.workspace.departments.list() if d.id != summary.id]
            dialog = DeleteDepartmentDialog(summary, others, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            move_to = dialog.move_to()
        elif not confirmed(
            self,
            "Delete department",
            f"Delete the department “{summary.name}”? It has no active contacts.",
        ):
            return
        departments = self.context.workspace.departments
        self.context.op(lambda: departments.delete(summary.id, move_contacts_to=move_to)).changes(
            ChangeKind.DEPARTMENTS, ChangeKind.CONTACTS
        ).failure(lambda error: show_error(self, error)).run()

    def _show_contacts(self) -> None:
        summary = self.selected_department()
        if summary is not None:
            self.open_department.emit(summary.id)
