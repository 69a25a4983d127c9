"""The pane under the projects list: one project's status and the moves it allows, its
dates, departments and progress, and tabs for the board, the team and goals, and the
interactions tagged to it."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
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
from deskbridge.projects import PROJECT_STATUSES, MemberRow, ProjectOverview
from deskbridge.records import InteractionRecord
from deskbridge.tasks import TaskProgress
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.form_dialog import error_label
from deskbridge.ui.interaction_dialog import InteractionDialog
from deskbridge.ui.interaction_kinds import kind_label
from deskbridge.ui.member_dialog import MemberDialog
from deskbridge.ui.project_dialog import STATUS_LABELS, ProjectDialog
from deskbridge.ui.row_table_model import RowTableModel
from deskbridge.ui.task_board import TaskBoard
from deskbridge.ui.task_dialog import TaskDialog

ModelIndex = QModelIndex | QPersistentModelIndex
INTERACTIONS_LIMIT = 50
# Grey reads on light and dark windows alike; a palette's placeholder colour may not.
MUTED = "color: #808080;"
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
COL_CONTACT, COL_DEPARTMENT, COL_ROLE = range(3)
COL_DATE, COL_KIND, COL_SUMMARY, COL_WITH = range(4)


class StatusBadge(QLabel):
    """The project's status as a filled, rounded badge. Painted here rather than by a
    style sheet, whose rounding Qt drops when the label ends up a pixel shorter."""

    def __init__(self) -> None:
        super().__init__()
        self.colour = QColor("#6b6b6b")
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_status(self, status: str) -> None:
        self.setText(STATUS_LABELS[status])
        self.colour = QColor(STATUS_COLOURS.get(status, "#6b6b6b"))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 20, metrics.height() + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        box = self.rect()
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.text())
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


class MembersModel(RowTableModel):
    headers = ("Contact", "Department", "Role")

    def set_rows(self, rows: tuple[MemberRow, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def member(self, row: int) -> MemberRow:
        member: MemberRow = self._rows[row]
        return member

    def row_of(self, row_id: int) -> int | None:
        return next((n for n, m in enumerate(self._rows) if m.contact.id == row_id), None)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        member = self.member(index.row())
        return (member.contact.name, member.department or "—", member.role or "—")[index.column()]


class InteractionsModel(RowTableModel):
    headers = ("Date", "Kind", "Summary", "With")

    def set_rows(self, rows: list[InteractionRecord]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def interaction(self, row: int) -> InteractionRecord:
        interaction: InteractionRecord = self._rows[row]
        return interaction

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.interaction(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                item.occurred_on.isoformat(),
                kind_label(item.kind),
                item.summary,
                ", ".join(p.name for p in item.participants),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_SUMMARY and item.outcome:
            return f"Outcome: {item.outcome}"
        return None


def table() -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    readable_alternate_rows(view)
    return view


def readable_alternate_rows(view: QTableView) -> None:
    """Keep the alternate rows dark in a dark palette that sets only Base: Qt's default
    alternate colour is near white, and light text on it cannot be read."""
    palette = view.palette()
    base = palette.color(QPalette.ColorRole.Base)
    alternate = palette.color(QPalette.ColorRole.AlternateBase)
    text = palette.color(QPalette.ColorRole.Text)
    if abs(alternate.lightnessF() - text.lightnessF()) < 0.4:
        dark = base.lightnessF() < 0.5
        palette.setColor(
            QPalette.ColorRole.AlternateBase, base.lighter(130) if dark else base.darker(104)
        )
        view.setPalette(palette)


def key(
    widget: QWidget, sequence: QKeySequence | QKeySequence.StandardKey | str, slot: Any
) -> QShortcut:
    shortcut = QShortcut(QKeySequence(sequence), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def empty_note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"{MUTED} padding: 16px;")
    return label


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
        self.empty = empty_note("Select a project to see its team, board and meetings.")
        self.empty.setStyleSheet(f"{MUTED} font-size: 12pt; padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_card())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.show_nothing()

    # -- layout ----------------------------------------------------------------------------

    def _build_card(self) -> QWidget:
        self.name_label = QLabel()
        self.name_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        self.tabs.addTab(self._build_team(), "&Team and goals")
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

    def _build_team(self) -> QWidget:
        self.members_model = MembersModel()
        self.members = table()
        self.members.setModel(self.members_model)
        self.members.setAccessibleName("Members")
        self.members.setColumnWidth(COL_CONTACT, 190)
        self.members.setColumnWidth(COL_DEPARTMENT, 130)
        self.members.activated.connect(lambda _index: self.open_selected_contact())
        self.members.selectionModel().selectionChanged.connect(self._update_buttons)
        key(self.members, QKeySequence.StandardKey.Delete, self.remove_member)
        key(self.members, "F2", self.change_role)
        key(self.members, "Insert", self.add_member)
        self.members_empty = empty_note(
            "Nobody is in this project yet. Add the people from each department who do "
            "the work, with the role they play."
        )
        self.members_stack = QStackedWidget()
        self.members_stack.addWidget(self.members)
        self.members_stack.addWidget(self.members_empty)
        self.add_member_button = QPushButton("&Add member…")
        self.add_member_button.setToolTip("Someone from any department, with a role (Insert)")
        self.add_member_button.clicked.connect(self.add_member)
        self.role_button = QPushButton("Change r&ole…")
        self.role_button.setToolTip("F2")
        self.role_button.clicked.connect(self.change_role)
        self.remove_member_button = QPushButton("Re&move")
        self.remove_member_button.setToolTip("Take them off the project (Delete)")
        self.remove_member_button.clicked.connect(self.remove_member)
        self.contact_button = QPushButton("Open contact")
        self.contact_button.setToolTip("Show them in Contacts (Enter)")
        self.contact_button.clicked.connect(self.open_selected_contact)
        member_bar = QHBoxLayout()
        for button in (
            self.add_member_button,
            self.role_button,
            self.remove_member_button,
            self.contact_button,
        ):
            member_bar.addWidget(button)
        member_bar.addStretch(1)
        self.members_heading = QLabel("Members")
        self.members_heading.setStyleSheet("font-weight: 600;")
        left = QVBoxLayout()
        left.addWidget(self.members_heading)
        left.addWidget(self.members_stack, 1)
        left.addLayout(member_bar)

        self.goals = QListWidget()
        self.goals.setAccessibleName("Linked goals")
        self.goals.itemActivated.connect(lambda item: self.open_goal.emit(self._goal_id(item)))
        self.goals.itemSelectionChanged.connect(self._update_buttons)
        key(self.goals, QKeySequence.StandardKey.Delete, self.unlink_goal)
        self.goals_empty = empty_note(
            "No shared goal linked. Link the goals this project moves, so progress on "
            "one shows up beside the other."
        )
        self.goals_stack = QStackedWidget()
        self.goals_stack.addWidget(self.goals)
        self.goals_stack.addWidget(self.goals_empty)
        self.link_button = QPushButton("&Link goal…")
        self.link_button.clicked.connect(self.link_goal)
        self.unlink_button = QPushButton("&Unlink")
        self.unlink_button.setToolTip("Delete")
        self.unlink_button.clicked.connect(self.unlink_goal)
        self.goal_button = QPushButton("Open goal")
        self.goal_button.setToolTip("Show it in Goals (Enter or double-click)")
        self.goal_button.clicked.connect(self.open_selected_goal)
        goal_bar = QHBoxLayout()
        for button in (self.link_button, self.unlink_button, self.goal_button):
            goal_bar.addWidget(button)
        goal_bar.addStretch(1)
        goals_heading = QLabel("Linked goals")
        goals_heading.setStyleSheet("font-weight: 600;")
        right = QVBoxLayout()
        right.addWidget(goals_heading)
        right.addWidget(self.goals_stack, 1)
        right.addLayout(goal_bar)

        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 6, 0, 0)
        row.addLayout(left, 3)
        row.addSpacing(12)
        row.addLayout(right, 2)
        return holder

    def _build_interactions(self) -> QWidget:
        self.interactions_model = InteractionsModel()
        self.interactions = table()
        self.interactions.setModel(self.interactions_model)
        self.interactions.setAccessibleName("Interactions")
        for column, width in ((COL_DATE, 100), (COL_KIND, 90), (COL_SUMMARY, 320)):
            self.interactions.setColumnWidth(column, width)
        self.interactions.activated.connect(self._open_interaction)
        self.interactions_empty = empty_note(
            "Nothing logged for this project yet. Meetings, calls and e-mails tagged with "
            "this project appear here, newest first."
        )
        self.interactions_stack = QStackedWidget()
        self.interactions_stack.addWidget(self.interactions)
        self.interactions_stack.addWidget(self.interactions_empty)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(self.interactions_stack)
        return holder

    # -- what is shown ---------------------------------------------------------------------

    @property
    def project_id(self) -> int | None:
        return self.project.id if self.project else None

    def show_nothing(self) -> None:
        self.project = None
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

        keep = self.selected_member()
        self.members_model.set_rows(project.members)
        self.members_heading.setText(f"Members ({len(project.members)})")
        self.members_stack.setCurrentWidget(self.members if project.members else self.members_empty)
        row = self.members_model.row_of(keep.contact.id) if keep else None
        if row is not None:
            self.members.selectRow(row)

        self.goals.clear()
        for goal in project.goals:
            item = QListWidgetItem(f"{goal.title}  ({goal.status.replace('_', ' ')})")
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            item.setToolTip("Enter or double-click shows the goal")
            self.goals.addItem(item)
        self.goals_stack.setCurrentWidget(self.goals if project.goals else self.goals_empty)

        self.interactions_model.set_rows(interactions)
        self.interactions_stack.setCurrentWidget(
            self.interactions if interactions else self.interactions_empty
        )
        count = len(interactions)
        more = "+" if count == INTERACTIONS_LIMIT else ""
        self.tabs.setTabText(2, f"&Interactions ({count}{more})")
        self.tabs.setTabText(1, f"&Team and goals ({len(project.members)})")
        self.stack.setCurrentIndex(1)
        self._update_buttons()

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
            parts.append("<span style='color:#808080'>No departments yet</span>")
        return " · ".join(parts)

    def status_actions(self) -> list[str]:
        """The labels of the status buttons the user can see, without mnemonics."""
        return [
            b.text().replace("&", "") for b in self.status_buttons.values() if b.isVisibleTo(self)
        ]

    def goal_titles(self) -> list[str]:
        return [self.goals.item(n).text() for n in range(self.goals.count())]

    # -- selection -------------------------------------------------------------------------

    def selected_member(self) -> MemberRow | None:
        rows = self.members.selectionModel().selectedRows()
        return self.members_model.member(rows[0].row()) if rows else None

    @staticmethod
    def _goal_id(item: QListWidgetItem) -> int:
        return int(item.data(Qt.ItemDataRole.UserRole))

    def selected_goal_id(self) -> int | None:
        items = self.goals.selectedItems()
        return self._goal_id(items[0]) if items else None

    def _update_buttons(self) -> None:
        member = self.selected_member() is not None
        for button in (self.role_button, self.remove_member_button, self.contact_button):
            button.setEnabled(member)
        goal = self.selected_goal_id() is not None
        self.unlink_button.setEnabled(goal)
        self.goal_button.setEnabled(goal)

    # -- acting ----------------------------------------------------------------------------

    def _run(self, job: Any, *kinds: ChangeKind) -> None:
        """A write on this project; a refusal is shown above the tabs, not in a pop-up."""

        def done(_result: object) -> None:
            self.message.hide()
            self.refresh()

        def failed(error: BaseException) -> None:
            self.message.setText(str(error))
            self.message.show()

        self.context.op(job).changes(*kinds).success(done).failure(failed).run()

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
        answer = QMessageBox.question(
            self,
            "Delete project",
            f"Delete the project “{project.name}”?\n\nIts {progress_text(project.progress)}"
            " and the meetings tagged with it are kept, without a project.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        projects = self.context.workspace.projects
        project_id = project.id

        def gone(_result: object) -> None:
            self.show_nothing()
            self.deleted.emit(project_id)

        self.context.op(lambda: projects.delete(project_id)).changes(
            ChangeKind.PROJECTS, ChangeKind.TASKS, ChangeKind.INTERACTIONS
        ).success(gone).failure(lambda error: show_error(self, error)).run()

    def add_member(self) -> None:
        if self.project is not None:
            MemberDialog(
                self.context, self.project.id, members=self.project.members, parent=self
            ).exec()

    def change_role(self) -> None:
        member = self.selected_member()
        if self.project is not None and member is not None:
            MemberDialog(self.context, self.project.id, member, parent=self).exec()

    def remove_member(self) -> None:
        member = self.selected_member()
        if self.project is None or member is None:
            return
        project_id, contact_id = self.project.id, member.contact.id
        projects = self.context.workspace.projects
        self._run(lambda: projects.remove_member(project_id, contact_id), ChangeKind.PROJECTS)

    def open_selected_contact(self) -> None:
        member = self.selected_member()
        if member is not None:
            self.open_contact.emit(member.contact.id)

    def open_selected_goal(self) -> None:
        goal_id = self.selected_goal_id()
        if goal_id is not None:
            self.open_goal.emit(goal_id)

    def link_goal(self) -> None:
        """Pick one of the goals not linked yet, by title."""
        if self.project is None:
            return
        linked = {g.id for g in self.project.goals}
        goals = [g for g in self.context.workspace.goals.list() if g.id not in linked]
        if not goals:
            self.message.setText("Every shared goal is already linked; add goals in Goals.")
            self.message.show()
            return
        labels = [g.title for g in goals]
        # Two goals of one title are told apart by their number.
        labels = [f"{g.title} (#{g.id})" if labels.count(g.title) > 1 else g.title for g in goals]
        chosen, ok = QInputDialog.getItem(
            self, "Link goal", "Shared goal this project moves:", labels, 0, False
        )
        if not ok or chosen not in labels:
            return
        goal_id = goals[labels.index(chosen)].id
        project_id = self.project.id
        projects = self.context.workspace.projects
        self._run(
            lambda: projects.link_goal(project_id, goal_id), ChangeKind.PROJECTS, ChangeKind.GOALS
        )

    def unlink_goal(self) -> None:
        goal_id = self.selected_goal_id()
        if self.project is None or goal_id is None:
            return
        project_id = self.project.id
        projects = self.context.workspace.projects
        self._run(
            lambda: projects.unlink_goal(project_id, goal_id), ChangeKind.PROJECTS, ChangeKind.GOALS
        )

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
