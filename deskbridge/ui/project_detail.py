"""The pane under the projects list: one project's status and the moves it allows, its
dates, departments and progress, and tabs for the board, the team and goals, and the
interactions tagged to it."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import NotFoundError
from deskbridge.projects import PROJECT_STATUSES, ProjectOverview
from deskbridge.records import InteractionRecord
from deskbridge.tasks import TaskProgress
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.badge_delegate import paint_badge
from deskbridge.ui.detail_pane import MUTED, invitation, muted, pane_stack, pane_title
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.form_dialog import error_label
from deskbridge.ui.interaction_dialog import InteractionDialog
from deskbridge.ui.interaction_kinds import kind_label
from deskbridge.ui.project_dialog import STATUS_LABELS, ProjectDialog
from deskbridge.ui.project_team import ProjectTeam, empty_note, table
from deskbridge.ui.row_table_model import RowTableModel
from deskbridge.ui.task_board import TaskBoard
from deskbridge.ui.task_dialog import TaskDialog
from deskbridge.ui.view_actions import confirmed

ModelIndex = QModelIndex | QPersistentModelIndex
INTERACTIONS_LIMIT = 50
# Filled badges with white text, readable on light and dark windows alike.
STATUS_COLOURS = {
    "proposed": "#6a4fb3",
    "active": "#2e7d32",
    "on_hold": "#b45309",
    "done": "#1565c0",
    "cancelled": "#6b6b6b",
}
STATUS_NOTES = {
    "done": "Done is final: the project stays here as a record.",
    "cancelled": "Cancelled is final: the project stays here as a record.",
}
COL_DATE, COL_KIND, COL_SUMMARY, COL_WITH = range(4)


class StatusBadge(QLabel):
    """The project's status as a filled, rounded badge. Painted here rather than by a
    style sheet, whose rounding Qt drops when the label ends up a pixel shorter."""

    def __init__(self) -> None:
        super().__init__()
        self.colour = "#6b6b6b"
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_status(self, status: str) -> None:
        self.setText(STATUS_LABELS[status])
        self.colour = STATUS_COLOURS.get(status, "#6b6b6b")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 20, metrics.height() + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_badge(painter, self.rect(), self.text(), self.colour, self.palette())
        painter.end()


def action_label(current: str, target: str) -> str:
    """The button that moves a project from ``current`` to ``target``."""
    if target == "active":
        return "&Resume" if current == "on_hold" else "&Start"
    return {
        "on_hold": "Put on &hold",
        "done": "Mark &done",
        "cancelled": "Cancel pro&ject",
    }[target]


def progress_text(progress: TaskProgress) -> str:
    if not progress.total:
        return "No tasks yet"
    return f"{progress.done}/{progress.total} tasks"


def dates_text(project: ProjectOverview) -> str:
    if project.starts_on and project.ends_on:
        return f"{project.starts_on.isoformat()} – {project.ends_on.isoformat()}"
    if project.starts_on:
        return f"from {project.starts_on.isoformat()}"
    if project.ends_on:
        return f"until {project.ends_on.isoformat()}"
    return "No dates set"


def fill_progress(bar: QProgressBar, progress: TaskProgress) -> None:
    # A range of 0..0 would make Qt draw a "busy" bar: an empty project shows an empty one.
    bar.setRange(0, max(progress.total, 1))
    bar.setValue(progress.done)
    bar.setFormat(progress_text(progress))
    bar.setAccessibleDescription(progress_text(progress))


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


class ProjectDetail(QWidget):
    """Shows one project (:meth:`show_project`) or an invitation to pick one."""

    open_contact = Signal(int)
    open_goal = Signal(int)
    deleted = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project: ProjectOverview | None = None
        self._ticket = 0
        self.empty = invitation("Select a project to see its team, board and meetings.")
        self.stack = pane_stack(self, self.empty, self._build_card())
        self.show_nothing()

    # -- layout ----------------------------------------------------------------------------

    def _build_card(self) -> QWidget:
        self.name_label = pane_title(wrap=False)
        self.status_label = StatusBadge()
        self.status_buttons: dict[str, QPushButton] = {}
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setToolTip("Name, purpose, dates and departments")
        self.edit_button.clicked.connect(self.edit_project)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete this project (Delete in the list)")
        self.delete_button.clicked.connect(self.delete_project)
        self.status_row = QHBoxLayout()
        self.status_row.setSpacing(6)
        for status in PROJECT_STATUSES:
            button = QPushButton()
            button.clicked.connect(partial(self.set_status, status))
            self.status_buttons[status] = button
            self.status_row.addWidget(button)
        self.status_note = QLabel()
        self.status_note.setStyleSheet(MUTED)
        self.status_row.addWidget(self.status_note)

        top = QHBoxLayout()
        top.addWidget(self.name_label, 0)
        top.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addLayout(self.status_row)
        top.addSpacing(12)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)

        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # beside the bar, where the fill cannot hide it
        self.progress.setFixedWidth(180)
        self.progress.setMaximumHeight(12)
        self.progress.setAccessibleName("Task progress")
        self.progress_label = QLabel()
        second = QHBoxLayout()
        second.addWidget(self.facts, 1)
        second.addWidget(self.progress_label)
        second.addWidget(self.progress)

        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        self.purpose.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = error_label()

        self.board = TaskBoard(self.context)
        self.board.open_task.connect(self.open_task)
        self.board.new_task.connect(self.new_task)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.board, "&Board")
        self.team = ProjectTeam(self.context)
        self.team.open_contact.connect(self.open_contact)
        self.team.open_goal.connect(self.open_goal)
        self.team.changed.connect(self._saved)
        self.team.refused.connect(self._refused)
        self.tabs.addTab(self.team, "&Team and goals")
        self.tabs.addTab(self._build_interactions(), "&Interactions")

        card = QWidget()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.purpose)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        return card

    def _build_interactions(self) -> QWidget:
        self.interactions_model = InteractionsModel()
        self.interactions = table(
            self.interactions_model, {COL_DATE: 100, COL_KIND: 90, COL_SUMMARY: 320}
        )
        self.interactions.setAccessibleName("Interactions")
        self.interactions.activated.connect(self._open_interaction)
        self.interactions_empty = empty_note(
            "Nothing logged for this project yet. Meetings, calls and e-mails tagged with "
            "this project appear here, newest first: log one with the button above."
        )
        self.log_button = QPushButton("&Log a meeting…")
        self.log_button.setToolTip("Quick log a meeting, call or coffee tagged with this project")
        self.log_button.clicked.connect(self.log_meeting)
        bar = QHBoxLayout()
        bar.addWidget(self.log_button)
        bar.addStretch(1)
        self.interactions_stack = QStackedWidget()
        self.interactions_stack.addWidget(self.interactions)
        self.interactions_stack.addWidget(self.interactions_empty)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 6, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.interactions_stack)
        return holder

    def log_meeting(self) -> None:
        """The quick log with this project already chosen; the members are one name away."""
        from deskbridge.ui.quick_log_dialog import QuickLogDialog

        if self.project is not None:
            QuickLogDialog(self.context, self, project_id=self.project.id).exec()

    # -- what is shown ---------------------------------------------------------------------

    @property
    def project_id(self) -> int | None:
        return self.project.id if self.project else None

    def show_nothing(self) -> None:
        self.project = None
        self.team.project = None
        self.stack.setCurrentWidget(self.empty)
        self.board.set_project(None)

    def show_project(self, project_id: int) -> None:
        """Read the project (on the database worker) and show it; the empty state when it
        is gone."""
        self._ticket += 1
        ticket = self._ticket
        projects = self.context.workspace.projects

        def read() -> tuple[ProjectOverview, list[InteractionRecord]]:
            return projects.overview(project_id), projects.interactions(
                project_id, INTERACTIONS_LIMIT
            )

        def shown(result: tuple[ProjectOverview, list[InteractionRecord]]) -> None:
            if ticket == self._ticket:
                self._show(*result)

        def failed(error: BaseException) -> None:
            if ticket != self._ticket:
                return
            if isinstance(error, NotFoundError):
                self.show_nothing()
            else:
                show_error(self, error)

        self.context.op(read).success(shown).failure(failed).run()
        if self.board.project_id != project_id:
            self.board.set_project(project_id)
        else:
            self.board.refresh()

    def refresh(self) -> None:
        if self.project is not None:
            self.show_project(self.project.id)

    def _show(self, project: ProjectOverview, interactions: list[InteractionRecord]) -> None:
        changed = self.project is None or self.project.id != project.id
        self.project = project
        if changed:
            self.message.hide()
        self.name_label.setText(project.name)
        self.status_label.set_status(project.status)
        allowed = project.next_statuses
        for status, button in self.status_buttons.items():
            button.setVisible(status in allowed)
            if status in allowed:
                button.setText(action_label(project.status, status))
        self.status_note.setText(STATUS_NOTES.get(project.status, ""))
        self.status_note.setVisible(not allowed)
        self.facts.setText(self._facts(project))
        fill_progress(self.progress, project.progress)
        self.progress_label.setText(progress_text(project.progress))
        self.purpose.setText(project.purpose or "No purpose written yet: Edit to say why.")
        self.purpose.setStyleSheet("" if project.purpose else MUTED)

        self.team.show_project(project)

        self.interactions_model.show_rows(interactions)
        self.interactions_stack.setCurrentWidget(
            self.interactions if interactions else self.interactions_empty
        )
        count = len(interactions)
        more = "+" if count == INTERACTIONS_LIMIT else ""
        self.tabs.setTabText(2, f"&Interactions ({count}{more})")
        self.tabs.setTabText(1, f"&Team and goals ({len(project.members)})")
        self.stack.setCurrentIndex(1)

    @staticmethod
    def _facts(project: ProjectOverview) -> str:
        parts = [escape(dates_text(project))]
        if project.departments:
            names = " ".join(
                f"<span style='color:{d.colour}'>●</span>&nbsp;{escape(d.name)}"
                for d in project.departments
            )
            parts.append(names)
        else:
            parts.append(muted("No departments yet"))
        return " · ".join(parts)

    def status_actions(self) -> list[str]:
        """The labels of the status buttons the user can see, without mnemonics."""
        return [
            b.text().replace("&", "") for b in self.status_buttons.values() if b.isVisibleTo(self)
        ]

    # -- acting ----------------------------------------------------------------------------

    def _run(self, job: Any, *kinds: ChangeKind) -> None:
        """A write on this project; a refusal is shown above the tabs, not in a pop-up."""
        (
            self.context.op(job)
            .changes(*kinds)
            .success(lambda _result: self._saved())
            .failure(lambda error: self._refused(str(error)))
            .run()
        )

    def _saved(self) -> None:
        self.message.hide()
        self.refresh()

    def _refused(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def set_status(self, status: str) -> None:
        if self.project is None:
            return
        project_id = self.project.id
        projects = self.context.workspace.projects
        self._run(lambda: projects.set_status(project_id, status), ChangeKind.PROJECTS)

    def edit_project(self) -> None:
        if self.project is not None:
            ProjectDialog(self.context, self.project, self).exec()

    def delete_project(self) -> None:
        """Ask, then delete the project; its tasks and meetings stay, without a project."""
        project = self.project
        if project is None:
            return
        if not confirmed(
            self,
            "Delete project",
            f"Delete the project “{project.name}”?\n\nIts {progress_text(project.progress)}"
            " and the meetings tagged with it are kept, without a project.",
        ):
            return
        projects = self.context.workspace.projects
        project_id = project.id

        def gone(_result: object) -> None:
            self.show_nothing()
            self.deleted.emit(project_id)

        self.context.op(lambda: projects.delete(project_id)).changes(
            ChangeKind.PROJECTS, ChangeKind.TASKS, ChangeKind.INTERACTIONS
        ).success(gone).failure(lambda error: show_error(self, error)).run()

    def new_task(self) -> None:
        """A task in this project; it lands on the board once saved."""
        if self.project is None:
            return
        dialog = TaskDialog(self.context, self, project_id=self.project.id)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.board.select_task(dialog.result_value.id)

    def open_task(self, task_id: int) -> None:
        TaskDialog(self.context, self, task_id=task_id).exec()

    def _open_interaction(self, index: QModelIndex) -> None:
        if index.isValid():
            record = self.interactions_model.interaction(index.row())
            InteractionDialog(self.context, record.id, self).exec()
