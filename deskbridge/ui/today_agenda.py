"""Today's second half: asks that are late or waiting for thanks, and joint tasks due this
week, each list with its one-key actions (A answer, N nudge, T thank; D done, E edit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from deskbridge.agenda import Agenda, AskItem, TaskItem
from deskbridge.records import TouchStatus
from deskbridge.ui.list_table import list_table, plain_key
from deskbridge.ui.row_table_model import ModelIndex, RowTableModel
from deskbridge.ui.touch_status_style import STATUS_COLOURS
from deskbridge.ui.view_actions import action_button

LATE = "late"
THANK = "thank"
LATE_COLOUR = STATUS_COLOURS[TouchStatus.STALE]
SOON_COLOUR = STATUS_COLOURS[TouchStatus.DUE]
SECTION_STYLE = "font-weight: 600; font-size: 11pt;"


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def due_phrase(day: date, today: date, late: str = "late", weekday: bool = True) -> str:
    """'3 days late', 'due today', 'due tomorrow', then 'due Friday' for the days of this
    week (``weekday``) or 'due in 3 days'. ``late`` names the days past: late, overdue."""
    past = (today - day).days
    if past > 0:
        return f"{plural(past, 'day')} {late}"
    if past == 0:
        return "due today"
    if past == -1:
        return "due tomorrow"
    return f"due {day.strftime('%A')}" if weekday else f"due in {plural(-past, 'day')}"


def names(people: tuple[Any, ...]) -> str:
    return ", ".join(person.name for person in people) or "nobody yet"


@dataclass(frozen=True)
class AskRow:
    """One line of the asks table: the request and what it waits for (an answer or thanks)."""

    item: AskItem
    waits_for: str

    @property
    def id(self) -> int:
        return self.item.id


class AsksModel(RowTableModel):
    headers = ("Waiting for", "Topic", "Asked of", "Department", "When")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AskRow] = []
        self._today = date.min

    def replace(self, agenda: Agenda, today: date) -> None:
        self.beginResetModel()
        self._rows = [AskRow(item, LATE) for item in agenda.late_asks] + [
            AskRow(item, THANK) for item in agenda.to_thank
        ]
        self._today = today
        self.endResetModel()

    def row(self, row: int) -> AskRow:
        return self._rows[row]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        item = row.item
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if row.waits_for == LATE:
                what = "Their answer"
                when = due_phrase(item.needed_by, self._today) if item.needed_by else ""
            else:
                what = "Your thanks"
                answered = item.answered_on or item.asked_on
                days = (self._today - answered).days
                when = "answered today" if days == 0 else f"answered {plural(days, 'day')} ago"
            return (what, item.topic, item.person.name, item.department or "", when)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and row.waits_for == LATE:
            return QBrush(QColor(LATE_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            if row.waits_for == LATE:
                return "Past the day you needed it by: A records the answer, N nudges"
            return "They answered and you have not thanked them yet: T says thanks today"
        return None


class TasksDueModel(RowTableModel):
    headers = ("Task", "Assigned to", "Project", "Priority", "Due")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TaskItem] = []
        self._today = date.min

    def replace(self, agenda: Agenda, today: date) -> None:
        self.beginResetModel()
        self._rows = list(agenda.tasks)
        self._today = today
        self.endResetModel()

    def row(self, row: int) -> TaskItem:
        return self._rows[row]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                task.title,
                names(task.assignees),
                task.project or "",
                task.priority.capitalize(),
                due_phrase(task.due_on, self._today),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            late = task.due_on < self._today
            return QBrush(QColor(LATE_COLOUR if late else SOON_COLOUR))
        return None


def agenda_table(model: RowTableModel, name: str, widths: tuple[int, ...]) -> QTableView:
    table = list_table(model, dict(enumerate(widths)))
    table.setAccessibleName(name)
    return table


class AgendaSection(QWidget):
    """A heading, a row of buttons and a table whose letter keys press the buttons."""

    def __init__(self, table: QTableView, buttons: dict[Qt.Key, QPushButton]) -> None:
        super().__init__()
        self.table = table
        self.keys = buttons
        self.heading = QLabel()
        self.heading.setStyleSheet(SECTION_STYLE)
        line = QHBoxLayout()
        line.addWidget(self.heading)
        line.addStretch(1)
        for button in buttons.values():
            line.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(line)
        layout.addWidget(table)
        # Seen before the table's type-to-search, which would jump to a row starting with
        # the letter instead.
        table.installEventFilter(self)

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_near(self, row: int) -> None:
        count = self.table.model().rowCount()
        if count:
            self.table.selectRow(min(max(row, 0), count - 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = plain_key(event) if watched is self.table else None
        if key is not None:
            button = self.keys.get(key)
            if button is not None:
                if button.isEnabled():
                    button.click()
                return True
        return super().eventFilter(watched, event)


class AgendaPanel(QWidget):
    """The asks and tasks lists; it says which action the user chose, Today carries it out."""

    answer = Signal(int)
    nudge = Signal(int)
    thank = Signal(int)
    open_request = Signal(int)
    complete_task = Signal(int)
    edit_task = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.asks_model = AsksModel()
        self.asks_table = agenda_table(self.asks_model, "Asks waiting", (100, 260, 170, 120))
        self.answer_button = action_button(
            "Answer (A)", "Record the answer to the selected ask", lambda: self._ask(self.answer)
        )
        self.nudge_button = action_button(
            "Nudge (N)", "Log a follow-up with the person asked", lambda: self._ask(self.nudge)
        )
        self.thank_button = action_button(
            "Thank (T)", "Record that you thanked them today", lambda: self._ask(self.thank)
        )
        self.asks = AgendaSection(
            self.asks_table,
            {
                Qt.Key.Key_A: self.answer_button,
                Qt.Key.Key_N: self.nudge_button,
                Qt.Key.Key_T: self.thank_button,
            },
        )
        self.asks_table.activated.connect(
            lambda index: self.open_request.emit(self.asks_model.row(index.row()).id)
        )

        self.tasks_model = TasksDueModel()
        self.tasks_table = agenda_table(
            self.tasks_model, "Tasks due this week", (260, 190, 150, 70)
        )
        self.done_button = action_button(
            "Done (D)", "Mark the selected task done", lambda: self._task(self.complete_task)
        )
        self.edit_button = action_button(
            "Edit (E)", "Open the selected task", lambda: self._task(self.edit_task)
        )
        self.tasks = AgendaSection(
            self.tasks_table, {Qt.Key.Key_D: self.done_button, Qt.Key.Key_E: self.edit_button}
        )
        self.tasks_table.activated.connect(lambda _index: self._task(self.edit_task))

        for table in (self.asks_table, self.tasks_table):
            table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.asks)
        layout.addWidget(self.tasks)

    def show_agenda(self, agenda: Agenda, today: date) -> None:
        """Show the lists, keeping the selected row's place so keys work down each list."""
        ask_row = self.asks.current_row()
        task_row = self.tasks.current_row()
        self.asks_model.replace(agenda, today)
        self.tasks_model.replace(agenda, today)
        late, thank = agenda.late_asks_total, agenda.to_thank_total
        parts = [f"{late:,} late" if late else "", f"{thank:,} to thank for" if thank else ""]
        self.asks.heading.setText("Asks — " + " · ".join(p for p in parts if p))
        shown = self.asks_model.rowCount()
        if shown < late + thank:
            self.asks.heading.setText(f"{self.asks.heading.text()} (first {shown:,} shown)")
        tasks_heading = f"Tasks due this week — {agenda.tasks_total:,}"
        if len(agenda.tasks) < agenda.tasks_total:
            tasks_heading += f" (the {len(agenda.tasks):,} most urgent shown)"
        self.tasks.heading.setText(tasks_heading)
        self.asks.setVisible(shown > 0)
        self.tasks.setVisible(bool(agenda.tasks))
        self.asks.select_near(ask_row or 0)
        self.tasks.select_near(task_row or 0)
        self._update_buttons()

    def is_empty(self) -> bool:
        return not self.asks_model.rowCount() and not self.tasks_model.rowCount()

    def selected_ask(self) -> AskRow | None:
        row = self.asks.current_row()
        return self.asks_model.row(row) if row is not None else None

    def selected_task(self) -> TaskItem | None:
        row = self.tasks.current_row()
        return self.tasks_model.row(row) if row is not None else None

    def _update_buttons(self, *_args: object) -> None:
        ask = self.selected_ask()
        self.answer_button.setEnabled(ask is not None and ask.waits_for == LATE)
        self.nudge_button.setEnabled(ask is not None and ask.waits_for == LATE)
        self.thank_button.setEnabled(ask is not None and ask.waits_for == THANK)
        task = self.selected_task() is not None
        self.done_button.setEnabled(task)
        self.edit_button.setEnabled(task)

    def _ask(self, chosen: SignalInstance) -> None:
        """Say which action the user chose for the selected ask."""
        ask = self.selected_ask()
        if ask is not None:
            chosen.emit(ask.id)

    def _task(self, chosen: SignalInstance) -> None:
        task = self.selected_task()
        if task is not None:
            chosen.emit(task.id)
