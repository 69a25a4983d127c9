"""The task dialog: create a joint task or edit one, from anywhere (Ctrl+T), from a
meeting's follow-up, from a project or from the task list.

Saving is one domain operation (create, or a full update that also moves the status), so
a refused field leaves the task as it was and the message appears beside that field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.records import ContactRecord, ContactSuggestion, TaskRecord
from deskbridge.task_list import PRIORITIES, STATUSES
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.day_edit import NO_DUE_DATE, OptionalDayEdit
from deskbridge.ui.dialog_keys import add_keys_hint, ctrl_enter_ok
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.form_fields import text_box
from deskbridge.ui.participant_picker import ParticipantPicker, person
from deskbridge.ui.quick_log_dialog import resolve_typed

NORMAL_PRIORITY = "normal"
PRIORITY_LABELS = dict(zip(PRIORITIES, ("Low", "Normal", "High", "Urgent"), strict=True))
STATUS_LABELS = dict(
    zip(STATUSES, ("To do", "In progress", "Blocked", "Done", "Cancelled"), strict=True)
)
NO_PROJECT = "No project"
CHANGES = (ChangeKind.TASKS, ChangeKind.CONTACTS, ChangeKind.PROJECTS)


class TaskDialog(FormDialog):
    """Create a task (no ``task_id``) or edit one. For a new task, ``project_id``,
    ``assignee_ids``, ``title`` and ``notes`` fill the fields; with no assignees given, the
    task goes to "me" when one is chosen. ``result_value`` is the saved TaskRecord."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        task_id: int | None = None,
        project_id: int | None = None,
        assignee_ids: Sequence[int] = (),
        title: str = "",
        notes: str = "",
    ) -> None:
        workspace = context.workspace
        self.task: TaskRecord | None = workspace.tasks.get(task_id) if task_id else None
        super().__init__(context, "Edit task" if self.task else "New task", parent)
        self.setMinimumWidth(520)
        today = workspace.clock.today()
        me = workspace.contacts.me()
        task = self.task

        self.title_edit = QLineEdit(task.title if task else title)
        self.title_edit.setPlaceholderText("What needs doing, e.g. Share the Q3 ROI figures")
        self._field("&Title:", self.title_edit, "title")

        self.assignees = ParticipantPicker(workspace.contacts)
        self.assignees.setAccessibleName("Assigned to")
        self._field("&Assign to:", self.assignees, "assignees", "assignee")

        self.project = QComboBox()
        self.project.addItem(NO_PROJECT, None)
        chosen_project = task.project_id if task else project_id
        for project in workspace.projects.list():
            self.project.addItem(project.name, project.id)
        self.project.setCurrentIndex(max(self.project.findData(chosen_project), 0))
        self._field("&Project:", self.project, "project")

        # An overdue task's own day stays choosable when it is edited.
        due_on = task.due_on if task else None
        earliest = min(today, due_on) if due_on else today
        self.due = OptionalDayEdit(earliest, NO_DUE_DATE, due_on)
        self._field("D&ue:", self.due, "due", "due on")

        self.priority = QComboBox()
        for value, label in PRIORITY_LABELS.items():
            self.priority.addItem(label, value)
        current_priority = task.priority if task else NORMAL_PRIORITY
        self.priority.setCurrentIndex(self.priority.findData(current_priority))
        self._field("P&riority:", self.priority, "priority")

        self.status = QComboBox()
        for value, label in STATUS_LABELS.items():
            self.status.addItem(label, value)
        if task:
            self.status.setCurrentIndex(self.status.findData(task.status))
            self._field("&Status:", self.status, "status")
        else:
            self.status.hide()  # a new task starts "to do"

        self.notes = text_box(
            "Details, links, what done looks like (optional)", text=task.notes if task else notes
        )
        self._field("&Notes:", self.notes, "notes")

        add_keys_hint(self, "Ctrl+Enter saves from any field · Esc cancels")
        ok = ctrl_enter_ok(self, "&Save" if task else "&Create task")
        order: list[QWidget] = [
            self.title_edit, self.assignees.line_edit, self.project, self.due, self.priority,
            *([self.status] if task else []), self.notes,
            ok, self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        if task:
            people = [workspace.contacts.get(p.id) for p in task.assignees]
        elif assignee_ids:
            people = [workspace.contacts.get(i) for i in assignee_ids]
        else:
            people = [me] if me else []
        self.assignees.set_people(self._chip(p, me) for p in people)
        self.title_edit.setFocus()

    @staticmethod
    def _chip(record: ContactRecord, me: ContactRecord | None) -> ContactSuggestion:
        chosen = person(record)
        if me is not None and record.id == me.id:
            # The chip reads "Name (me)": the user knows their own department.
            return replace(chosen, department="me")
        return chosen

    def _field(self, label: str, widget: QWidget, *names: str) -> None:
        self.add_field(label, widget, *names)

    def submit(self) -> None:
        """Create the task, or save every field of the one being edited."""
        workspace = self.context.workspace
        title = self.title_edit.text()
        notes = self.notes.toPlainText()
        picked = self.assignees.contact_ids()
        typed = self.assignees.pending_text()
        due_on = self.due.day()
        priority = str(self.priority.currentData())
        project_id = self.project.currentData()
        task = self.task
        status = str(self.status.currentData())

        def save() -> TaskRecord:
            people = list(picked)
            if typed:
                people.append(resolve_typed(workspace, "assignees", typed))
            if task is None:
                return workspace.tasks.create(
                    title,
                    assignee_ids=people,
                    due_on=due_on,
                    project_id=project_id,
                    priority=priority,
                    notes=notes,
                )
            return workspace.tasks.update(
                task.id,
                title=title,
                notes=notes,
                due_on=due_on,
                priority=priority,
                project_id=project_id,
                assignee_ids=people,
                status=status,
            )

        self.run(save, *CHANGES)
