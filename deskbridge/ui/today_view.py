"""Today, the home view: who is overdue or due for a touch this week, most urgent first,
with one-key actions to work down the list (L log a touch, S snooze, O open); below it,
asks that are late or waiting for thanks and joint tasks due this week."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from deskbridge.changes import ChangeKind
from deskbridge.records import DueContact, TouchStatus
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contacts_model import ContactIdRole, StatusRole
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.list_table import list_table, plain_key
from deskbridge.ui.page import Page
from deskbridge.ui.row_table_model import RowTableModel
from deskbridge.ui.snooze import ask_snooze_until
from deskbridge.ui.table_delegates import StatusBadgeDelegate, colour_dot
from deskbridge.ui.today_agenda import AgendaPanel, due_phrase
from deskbridge.ui.today_departments import DepartmentCounts
from deskbridge.ui.touch_status_style import STATUS_COLOURS, STATUS_LABELS
from deskbridge.ui.view_actions import action_button

COL_STATUS, COL_NAME, COL_DEPARTMENT, COL_LAST, COL_NEXT, COL_WHEN = range(6)
HEADERS = ("Status", "Name", "Department", "Last touch", "Next due", "Due")
COLUMN_WIDTHS = {COL_STATUS: 86, COL_NAME: 210, COL_DEPARTMENT: 150, COL_LAST: 100, COL_NEXT: 100}
# The most urgent this many are listed: one indexed query at any size, so the home view
# never stalls on a network with thousands of people due.
SHOWN = 500
ModelIndex = QModelIndex | QPersistentModelIndex
STATUS_TIPS = {
    TouchStatus.STALE: "No touch for more than two cadences",
    TouchStatus.OVERDUE: "The next touch date has passed",
    TouchStatus.DUE: "Due for a touch within the next 7 days",
}
HEADING_STYLE = "font-size: 16pt; font-weight: 600;"
IN_TOUCH = "You're in touch with everyone."


def days_phrase(next_touch: date, today: date) -> str:
    """'12 days overdue', '1 day overdue', 'due today', 'due tomorrow', 'due in 3 days'."""
    return due_phrase(next_touch, today, "overdue", weekday=False)


def people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


class DueModel(RowTableModel):
    """The due list as a table; ≤ SHOWN rows, replaced whole on refresh."""

    headers = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DueContact] = []
        self._today = date.min
        self._colours: dict[str, str] = {}

    def replace(self, rows: list[DueContact], today: date, colours: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._today = today
        self._colours = colours
        self.endResetModel()

    def contact_id(self, row: int) -> int:
        return self._rows[row].id

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                STATUS_LABELS[row.status],
                row.name,
                row.department or "",
                row.last_touch.isoformat() if row.last_touch else "never",
                row.next_touch.isoformat(),
                days_phrase(row.next_touch, self._today),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_STATUS:
                return STATUS_TIPS.get(row.status)
            if column == COL_NAME:
                return row.email
        if role == Qt.ItemDataRole.DecorationRole and column == COL_DEPARTMENT:
            colour = self._colours.get(row.department or "")
            return colour_dot(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_WHEN:
            colour = STATUS_COLOURS.get(row.status)
            return QBrush(QColor(colour)) if colour else None
        if role == ContactIdRole:
            return row.id
        if role == StatusRole:
            return row.status.value  # a plain str: Qt's variants do not keep the enum
        return None


class TodayView(Page):
    """Who to get in touch with today, and one-key actions on the selected people."""

    title = "Today"
    shows = frozenset(
        {
            ChangeKind.CONTACTS,
            ChangeKind.INTERACTIONS,
            ChangeKind.DEPARTMENTS,
            ChangeKind.SETTINGS,
            ChangeKind.TASKS,
            ChangeKind.REQUESTS,
            ChangeKind.PROJECTS,
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.heading = QLabel()
        self.heading.setStyleSheet(HEADING_STYLE)
        self.heading.setWordWrap(True)

        self.model = DueModel()
        self.table = list_table(self.model, COLUMN_WIDTHS, many=True)
        self.table.setItemDelegateForColumn(COL_STATUS, StatusBadgeDelegate(self.table))
        self.table.setAccessibleName("People to get in touch with")
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # The keys act on the table itself; a filter sees them before the table's
        # type-to-search would jump to a name starting with L, S or O.
        self._letter_keys = {
            Qt.Key.Key_L: self.log_selected,
            Qt.Key.Key_S: self.snooze_selected,
            Qt.Key.Key_O: self.open_selected,
        }
        self.table.installEventFilter(self)

        self.log_button = action_button(
            "Log touch (L)",
            "Quick log a meeting, call or coffee with the selected people",
            self.log_selected,
        )
        self.snooze_button = action_button(
            "Snooze (S)",
            "No reminders for the selected people until a later day",
            self.snooze_selected,
        )
        self.open_button = action_button(
            "Open (O)", "Show the selected contact in Contacts (also Enter)", self.open_selected
        )
        actions = QHBoxLayout()
        for button in (self.log_button, self.snooze_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(actions)
        list_layout.addWidget(self.table)

        self.empty = EmptyState(title=IN_TOUCH)
        self.empty_title, self.empty_hint = self.empty.title, self.empty.text
        self.stack = empty_stack(list_page, self.empty)
        self.departments = DepartmentCounts()

        self.agenda = AgendaPanel()
        self.agenda.thank.connect(self.thank)
        self.agenda.complete_task.connect(self.complete_task)
        self.agenda.answer.connect(self.answer)
        self.agenda.nudge.connect(self.nudge)
        self.agenda.edit_task.connect(self.edit_task)
        self.agenda.open_request.connect(self.open_request)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.agenda)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        body = QHBoxLayout()
        body.addWidget(self.splitter, 1)
        body.addWidget(self.departments)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(body, 1)
        self.setFocusProxy(self.table)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the due list, keeping the selection where the user was working."""
        workspace = self.context.workspace
        today = workspace.clock.today()
        selected = self.selected_ids()
        current = self.table.currentIndex().row()
        rows = workspace.keep_in_touch.due(today, limit=SHOWN)
        # The side panel's counts come with the total due, so that is not counted twice.
        overview = workspace.departments.overview(today)
        total = len(rows) if len(rows) < SHOWN else overview.due_total
        summaries = list(overview.departments)
        colours = {summary.name: summary.colour for summary in summaries}
        self.model.replace(rows, today, colours)

        heading = f"Today — {people(total) if total else 'nobody'} to get in touch with"
        if total > len(rows):
            heading += f" (the {len(rows):,} most urgent shown)"
        self.heading.setText(heading)
        if rows:
            self.stack.setCurrentIndex(0)
        else:
            self.stack.setCurrentWidget(self.empty)
            self.empty.say(self._empty_hint(), IN_TOUCH)
        self.departments.show_summaries(summaries)
        self.departments.setVisible(bool(self.departments.labels))
        self._restore_selection(selected, current)
        self._selection_changed()
        self.agenda.show_agenda(workspace.agenda.read(today), today)
        self.agenda.setVisible(not self.agenda.is_empty())

    def _empty_hint(self) -> str:
        if self.context.workspace.contacts.count() == 0:
            return (
                "Add the colleagues you work with in Contacts (Ctrl+N), and DeskBridge will "
                "tell you here when it is time to get back in touch."
            )
        return (
            "Nobody is overdue or due in the next 7 days. When you meet someone, log it "
            "with Ctrl+L so this list stays true."
        )

    def _restore_selection(self, selected: list[int], current: int) -> None:
        """Keep the people still listed selected; when they left (logged, snoozed), select
        the row that moved into their place, so the keyboard can work down the list (the
        first row when nothing was selected: L, S and O work as soon as the view opens)."""
        rows = [row for row in map(self.model.row_of, selected) if row is not None]
        if not rows and self.model.rowCount():
            rows = [min(max(current, 0), self.model.rowCount() - 1)]
        if not rows:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        model = self.table.selectionModel()
        model.setCurrentIndex(self.model.index(rows[0], COL_NAME), flags.NoUpdate)
        model.select(selection, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(self.model.index(rows[0], COL_NAME))

    def selected_ids(self) -> list[int]:
        """The selected contacts, top to bottom."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.contact_id(row) for row in rows]

    def _selection_changed(self, *_args: object) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        for button in (self.log_button, self.snooze_button, self.open_button):
            button.setEnabled(chosen)

    # -- actions ---------------------------------------------------------------------------

    def log_selected(self) -> None:
        """Ask for the quick log with the selected people filled in."""
        ids = self.selected_ids()
        if ids:
            self.quick_log.emit(ids)

    def open_selected(self) -> None:
        """Show the current (else first selected) contact in Contacts."""
        current = self.table.currentIndex()
        ids = self.selected_ids()
        if current.isValid() and self.model.contact_id(current.row()) in ids:
            self.open_contact.emit(self.model.contact_id(current.row()))
        elif ids:
            self.open_contact.emit(ids[0])

    def snooze_selected(self) -> None:
        """Ask until when, then silence the selected people's reminders until that day."""
        ids = self.selected_ids()
        if not ids:
            return
        contacts = self.context.workspace.contacts
        anchor = self.table.currentIndex()
        if not anchor.isValid():
            anchor = self.model.index(self.model.row_of(ids[0]) or 0, COL_NAME)
        cell = self.table.visualRect(anchor)
        at = self.table.viewport().mapToGlobal(cell.bottomLeft())
        until = ask_snooze_until(self.context.workspace.clock.today(), self, at)
        if until is None:
            return

        def snooze() -> None:
            for contact_id in ids:
                contacts.snooze(contact_id, until)

        failed = lambda error: show_error(self, error)  # noqa: E731
        self.context.op(snooze).changes(ChangeKind.CONTACTS).failure(failed).run()

    # -- asks and tasks --------------------------------------------------------------------

    def thank(self, request_id: int) -> None:
        """Record thanks today; the note of how the input was used can follow in Requests."""
        requests = self.context.workspace.requests
        failed = lambda error: show_error(self, error)  # noqa: E731
        self.context.op(lambda: requests.thank(request_id)).changes(ChangeKind.REQUESTS).failure(
            failed
        ).run()

    def complete_task(self, task_id: int) -> None:
        """Mark the task done: a touch with everyone it is assigned to."""
        tasks = self.context.workspace.tasks
        failed = lambda error: show_error(self, error)  # noqa: E731
        self.context.op(lambda: tasks.complete(task_id)).changes(
            ChangeKind.TASKS, ChangeKind.CONTACTS
        ).failure(failed).run()

    def answer(self, request_id: int) -> None:
        from deskbridge.ui.request_dialogs import AnswerDialog

        AnswerDialog(self.context, request_id, self).exec()

    def nudge(self, request_id: int) -> None:
        from deskbridge.ui.request_dialogs import NudgeDialog

        NudgeDialog(self.context, request_id, self).exec()

    def edit_task(self, task_id: int) -> None:
        from deskbridge.ui.task_dialog import TaskDialog

        TaskDialog(self.context, self, task_id=task_id).exec()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = plain_key(event) if watched is self.table else None
        if key in self._letter_keys:
            self._letter_keys[key]()
            return True
        return super().eventFilter(watched, event)
