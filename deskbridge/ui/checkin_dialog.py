"""Recording where a goal's metric stands on a day: the day, the value and a short note."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from deskbridge.changes import ChangeKind
from deskbridge.records import GoalRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.day_edit import DayEdit
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.goal_dialog import number_field
from deskbridge.ui.snooze import from_qdate, to_qdate


class CheckinDialog(FormDialog):
    """A check-in for ``goal``; the goal as it is afterwards is :attr:`result_value`."""

    def __init__(self, context: AppContext, goal: GoalRecord, parent: QWidget | None = None):
        super().__init__(context, "Add check-in", parent)
        self.goal = goal
        self.setMinimumWidth(420)
        today = context.workspace.clock.today()

        about = QLabel(f"<b>{escape(goal.title)}</b><br>{escape(goal.metric_name)}")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.day = DayEdit(today)
        # The domain refuses a future day too; the field only saves a round trip.
        self.day.setMaximumDate(to_qdate(today))
        self.add_field("&Date:", self.day, "checked on")
        self.value = number_field(goal.latest_value)
        if goal.metric_unit:
            self.value.setSuffix(f" {goal.metric_unit}")
        self.value.setToolTip(f"Baseline {goal.baseline:g}, target {goal.target:g}")
        self.add_field("&Value:", self.value, "value")
        self.note = QLineEdit()
        self.note.setPlaceholderText("What moved it, in a few words (optional)")
        self.add_field("&Note:", self.note, "note")
        self.value.setFocus()
        self.value.selectAll()

    def submit(self) -> None:
        goals = self.context.workspace.goals
        goal_id = self.goal.id
        value, note = self.value.value(), self.note.text()
        day = from_qdate(self.day.date())
        self.run(
            lambda: goals.check_in(goal_id, value, checked_on=day, note=note), ChangeKind.GOALS
        )
