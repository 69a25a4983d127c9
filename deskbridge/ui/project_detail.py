"""The pane under the projects list: one project's status and the moves it allows, its
dates, departments and progress, and tabs for the board, the team and goals, and the
interactions tagged to it.

The team and interactions tabs are built when first wanted (shown, or asked for): the pane
opens on the board, and building them cost several milliseconds of every Projects open."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
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
from deskbridge.ui.project_dialog import STATUS_LABELS, ProjectDialog
from deskbridge.ui.project_interactions import InteractionsModel, ProjectInteractions
from deskbridge.ui.project_team import ProjectTeam
from deskbridge.ui.task_board import TaskBoard
from deskbridge.ui.task_dialog import TaskDialog
from deskbridge.ui.view_actions import confirmed

INTERACTIONS_LIMIT = 50
TEAM_TAB, INTERACTIONS_TAB = 1, 2
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


class ProjectDetail(QWidget):
    """Shows one project (:meth:`show_project`) or an invitation to pick one."""

    open_contact = Signal(int)
    open_goal = Signal(int)
    deleted = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project: ProjectOverview | None = None
        self._interaction_rows: list[InteractionRecord] = []
        self._team: ProjectTeam | None = None
        self._interactions: ProjectInteractions | None = None
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
        self._tab_layouts: dict[int, QVBoxLayout] = {}
        for index, title in ((TEAM_TAB, "&Team and goals"), (INTERACTIONS_TAB, "&Interactions")):
            holder = QWidget()  # takes its page when that is first built
            self._tab_layouts[index] = QVBoxLayout(holder)
            self._tab_layouts[index].setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._tab_shown)

        card = QWidget()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.purpose)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        return card

    def _tab_shown(self, index: int) -> None:
        if index == TEAM_TAB:
            self._built_team()
        elif index == INTERACTIONS_TAB:
            self._built_interactions()

    def _built_team(self) -> ProjectTeam:
        if self._team is None:
            team = ProjectTeam(self.context)
            team.open_contact.connect(self.open_contact)
            team.open_goal.connect(self.open_goal)
            team.changed.connect(self._saved)
            team.refused.connect(self._refused)
            if self.project is not None:
                team.show_project(self.project)
            self._team = team
            self._fill_tab(TEAM_TAB, team)
        return self._team

    def _built_interactions(self) -> ProjectInteractions:
        if self._interactions is None:
            tab = ProjectInteractions()
            tab.table.activated.connect(self._open_interaction)
            tab.log_button.clicked.connect(self.log_meeting)
            tab.show_rows(self._interaction_rows)
            self._interactions = tab
            self._fill_tab(INTERACTIONS_TAB, tab)
        return self._interactions

    def _fill_tab(self, index: int, page: QWidget) -> None:
        self._tab_layouts[index].addWidget(page)
        page.show()  # now, not when the event loop gets to it: the tab may be on screen

    # What the tabs hold, each built when first asked for.

    @property
    def team(self) -> ProjectTeam:
        return self._built_team()

    @property
    def interactions(self) -> QTableView:
        return self._built_interactions().table

    @property
    def interactions_model(self) -> InteractionsModel:
        return self._built_interactions().model

    @property
    def interactions_stack(self) -> QStackedWidget:
        return self._built_interactions().stack

    @property
    def interactions_empty(self) -> QLabel:
        return self._built_interactions().empty

    @property
    def log_button(self) -> QPushButton:
        return self._built_interactions().log_button

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
        if self._team is not None:
            self._team.project = None
        self.stack.setCurrentWidget(self.empty)
        self.board.set_project(None)

    def show_project(self, project_id: int, overview: ProjectOverview | None = None) -> None:
        """Read the project (on the database worker) and show it; the empty state when it
        is gone. ``overview``: the project as the caller has just read it, so only its
        interactions are read here."""
        self._ticket += 1
        ticket = self._ticket
        projects = self.context.workspace.projects

        def read() -> tuple[ProjectOverview, list[InteractionRecord]]:
            found = overview if overview is not None else projects.overview(project_id)
            return found, projects.interactions(project_id, INTERACTIONS_LIMIT)

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

        if self._team is not None:
            self._team.show_project(project)
        self._interaction_rows = interactions
        if self._interactions is not None:
            self._interactions.show_rows(interactions)
        count = len(interactions)
        more = "+" if count == INTERACTIONS_LIMIT else ""
        self.tabs.setTabText(INTERACTIONS_TAB, f"&Interactions ({count}{more})")
        self.tabs.setTabText(TEAM_TAB, f"&Team and goals ({len(project.members)})")
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
