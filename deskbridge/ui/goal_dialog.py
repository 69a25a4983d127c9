"""Creating or editing a shared goal: what it is, who owns it, which departments share it,
and the metric that says how it is going."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.records import ContactSuggestion, DepartmentRecord, GoalRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.day_edit import DayEdit
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.form_fields import text_box
from deskbridge.ui.goals_model import HEALTH_LABELS
from deskbridge.ui.participant_picker import ParticipantPicker
from deskbridge.ui.quick_log_dialog import resolve_typed
from deskbridge.ui.snooze import from_qdate
from deskbridge.ui.table_delegates import colour_dot

DepartmentIdRole = Qt.ItemDataRole.UserRole + 1
LIMIT = 1e12


def number_field(value: float = 0.0) -> QDoubleSpinBox:
    field = QDoubleSpinBox()
    field.setRange(-LIMIT, LIMIT)
    field.setDecimals(2)
    field.setGroupSeparatorShown(True)
    field.setValue(value)
    return field


def health_choice(health: str | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem("Not judged yet", None)
    for value, label in HEALTH_LABELS.items():
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(health), 0))
    return combo


class GoalDialog(FormDialog):
    """A new goal (``goal`` None) or changes to one; the saved GoalRecord is
    :attr:`result_value` once it closes with OK."""

    def __init__(
        self,
        context: AppContext,
        goal: GoalRecord | None = None,
        parent: QWidget | None = None,
        *,
        departments: list[DepartmentRecord] | None = None,
        owner: ContactSuggestion | None = None,
    ) -> None:
        super().__init__(context, "Edit goal" if goal else "New shared goal", parent)
        self.goal = goal
        self.setMinimumWidth(520)
        workspace = context.workspace
        today = workspace.clock.today()

        self.title = QLineEdit(goal.title if goal else "")
        self.title.setPlaceholderText("e.g. Raise marketing-qualified leads")
        self.add_field("&Title:", self.title, "title")
        self.description = text_box(
            "Why it matters and what each department does", text=goal.description if goal else ""
        )
        self.add_field("&Description:", self.description, "description")

        self.owner = ParticipantPicker(workspace.contacts, single=True)
        if owner is not None:
            self.owner.set_people([owner])
        self.add_field("&Owner:", self.owner, "owner")

        self.departments = QListWidget()
        chosen = set(goal.department_ids) if goal else set()
        for department in departments if departments is not None else workspace.departments.list():
            item = QListWidgetItem(colour_dot(department.colour), department.name)
            item.setData(DepartmentIdRole, department.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if department.id in chosen else Qt.CheckState.Unchecked
            )
            self.departments.addItem(item)
        shown = min(max(self.departments.count(), 2), 8)
        self.departments.setFixedHeight(
            self.departments.sizeHintForRow(0) * shown + 2 * self.departments.frameWidth() + 2
        )
        self.departments.setToolTip("Space ticks the department under the cursor")
        self.add_field("De&partments:", self.departments, "departments")

        self.metric_name = QLineEdit(goal.metric_name if goal else "")
        self.metric_name.setPlaceholderText("e.g. Qualified leads per month")
        self.add_field("&Metric:", self.metric_name, "metric")
        self.unit = QLineEdit(goal.metric_unit if goal else "")
        self.unit.setPlaceholderText("e.g. leads, EUR, %, days")
        self.add_field("&Unit:", self.unit, "unit")
        self.baseline = number_field(goal.baseline if goal else 0.0)
        self.baseline.setToolTip("Where the metric stood when the goal was set")
        self.add_field("&Baseline:", self.baseline, "baseline")
        self.target = number_field(goal.target if goal else 0.0)
        self.target.setToolTip("Where the metric should be by the due date")
        self.add_field("T&arget:", self.target, "target")

        due_row = QWidget()
        row = QHBoxLayout(due_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.has_due = QCheckBox("By")
        self.due = DayEdit(goal.due_on if goal and goal.due_on else today + timedelta(days=90))
        self.has_due.setChecked(bool(goal and goal.due_on) or goal is None)
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        row.addWidget(self.has_due)
        row.addWidget(self.due, 1)
        due_row.setFocusProxy(self.has_due)
        self.add_field("D&ue:", due_row, "due", "due on")

        self.health = health_choice(goal.health if goal else None)
        self.add_field("&Health:", self.health, "health")
        self.title.setFocus()

    def department_ids(self) -> list[int]:
        items = (self.departments.item(n) for n in range(self.departments.count()))
        return [
            int(item.data(DepartmentIdRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def due_on(self) -> date | None:
        return from_qdate(self.due.date()) if self.has_due.isChecked() else None

    def submit(self) -> None:
        workspace = self.context.workspace
        picked = self.owner.contact_ids()
        typed = self.owner.pending_text()
        title, description = self.title.text(), self.description.toPlainText()
        metric, unit = self.metric_name.text(), self.unit.text()
        baseline, target = self.baseline.value(), self.target.value()
        due_on, health, departments = (
            self.due_on(),
            self.health.currentData(),
            self.department_ids(),
        )
        goal = self.goal

        def save() -> GoalRecord:
            # The owner's name is checked first, so a typo there stores nothing.
            owner = (
                resolve_typed(workspace, "owner", typed)
                if typed
                else (picked[0] if picked else None)
            )
            if goal is None:
                return workspace.goals.create(
                    title, description=description, owner_id=owner,
                    department_ids=departments, metric_name=metric, metric_unit=unit,
                    baseline=baseline, target=target, due_on=due_on, health=health,
                )  # fmt: skip
            return workspace.goals.update(
                goal.id, title=title, description=description, owner_id=owner,
                department_ids=departments, metric_name=metric, metric_unit=unit,
                baseline=baseline, target=target, due_on=due_on, health=health,
            )  # fmt: skip

        self.run(save, ChangeKind.GOALS)
