"""Starting a project and changing what it is: name, purpose, dates and departments.

The status is chosen only when the project starts; after that it moves through the
detail pane's buttons, which offer just the transitions the domain allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.projects import ProjectOverview
from deskbridge.records import DepartmentRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.day_edit import DayEdit
from deskbridge.ui.department_dialog import swatch
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.interaction_dialog import TextBox
from deskbridge.ui.snooze import from_qdate, to_qdate

STATUS_LABELS = {
    "proposed": "Proposed",
    "active": "Active",
    "on_hold": "On hold",
    "done": "Done",
    "cancelled": "Cancelled",
}
# A new project starts as an idea or as work under way; the rest are reached later.
STARTING_STATUSES = ("proposed", "active")


class OptionalDay(QWidget):
    """A day that may be left unset: a check box turns the date field on."""

    def __init__(self, what: str, day: date | None, fallback: date) -> None:
        super().__init__()
        self.check = QCheckBox()
        self.check.setAccessibleName(f"Has {what}")
        self.check.setToolTip(f"Tick to set {what}; leave it clear when there is none yet")
        self.edit = DayEdit(day or fallback)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda on: self.edit.setFocus() if on else None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class DepartmentChecklist(QListWidget):
    """Every department with a check box and its colour; the checked ones are chosen."""

    def __init__(self, departments: Iterable[DepartmentRecord], chosen: Iterable[int]) -> None:
        super().__init__()
        picked = set(chosen)
        for department in departments:
            item = QListWidgetItem(swatch(department.colour), department.name)
            item.setData(Qt.ItemDataRole.UserRole, department.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = department.id in picked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        rows = min(max(self.count(), 3), 7)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)

    def chosen_ids(self) -> list[int]:
        return [
            int(self.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.count())
            if self.item(n).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, name: str, checked: bool = True) -> None:
        for n in range(self.count()):
            if self.item(n).text() == name:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                self.item(n).setCheckState(state)


class ProjectDialog(FormDialog):
    """New project (``project`` None) or changes to one; ``result_value`` is the saved
    ProjectRecord."""

    def __init__(
        self,
        context: AppContext,
        project: ProjectOverview | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "Edit project" if project else "New project", parent)
        self.setMinimumWidth(500)
        self.project = project
        workspace = context.workspace
        today = workspace.clock.today()

        self.name = QLineEdit(project.name if project else "")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("One CRM for Sales and Marketing")
        self.add_field("&Name:", self.name, "name")

        self.purpose = TextBox(project.purpose if project else "", 3)
        self.purpose.setPlaceholderText("Why it matters and to whom")
        self.add_field("&Purpose:", self.purpose, "purpose")

        self.status = QComboBox()
        for status in STARTING_STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        if project is None:
            self.add_field("S&tatus:", self.status, "status")

        self.starts = OptionalDay("a start day", project.starts_on if project else None, today)
        self.add_field("&Starts:", self.starts, "starts on")
        self.ends = OptionalDay("an end day", project.ends_on if project else None, today)
        self.add_field("&Ends:", self.ends, "ends on")

        chosen = [d.id for d in project.departments] if project else []
        self.departments = DepartmentChecklist(workspace.departments.list(), chosen)
        self.departments.setAccessibleName("Departments")
        self.add_field("&Departments:", self.departments, "departments")

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Save" if project else "&Start project")
        self.name.setFocus()

    def submit(self) -> None:
        self.clear_errors()
        name = self.name.text()
        purpose = self.purpose.toPlainText()
        starts, ends = self.starts.value(), self.ends.value()
        department_ids = self.departments.chosen_ids()
        projects = self.context.workspace.projects
        if self.project is None:
            status = str(self.status.currentData())
            self.run(
                lambda: projects.create(
                    name,
                    purpose=purpose,
                    status=status,
                    starts_on=starts,
                    ends_on=ends,
                    department_ids=department_ids,
                ),
                ChangeKind.PROJECTS,
            )
        else:
            project_id = self.project.id
            self.run(
                lambda: projects.update(project_id, name, purpose, starts, ends, department_ids),
                ChangeKind.PROJECTS,
            )
