"""The Projects view: the silo-breaking projects with their status, departments, team size,
task progress and dates; the selected one's detail and board below.

An organisation runs tens of projects, so the list holds them all; the detail and its
board read one project at a time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

from deskbridge.changes import ChangeKind
from deskbridge.projects import ProjectOverview
from deskbridge.records import DepartmentRef
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.badge_delegate import BadgeDelegate, plain_background
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.page import Page
from deskbridge.ui.project_detail import (
    STATUS_COLOURS,
    ProjectDetail,
    dates_text,
    progress_text,
)
from deskbridge.ui.project_dialog import STATUS_LABELS, ProjectDialog
from deskbridge.ui.project_team import key, table
from deskbridge.ui.row_table_model import RowTableModel

ModelIndex = QModelIndex | QPersistentModelIndex
COL_NAME, COL_STATUS, COL_DEPARTMENTS, COL_MEMBERS, COL_PROGRESS, COL_DATES = range(6)
HEADERS = ("Project", "Status", "Departments", "Members", "Progress", "Dates")
ProjectIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
ProgressRole = Qt.ItemDataRole.UserRole + 3
DepartmentsRole = Qt.ItemDataRole.UserRole + 4
DOT = 9
PROGRESS_COLOUR = "#43a047"  # green on light and dark rows and on the selection's blue
LIVE, ALL = 0, 1
COLUMN_WIDTHS = {
    COL_NAME: 230,
    COL_STATUS: 100,
    COL_DEPARTMENTS: 250,
    COL_MEMBERS: 75,
    COL_PROGRESS: 190,
}


class ProjectsModel(RowTableModel):
    headers = HEADERS

    def project(self, row: int) -> ProjectOverview:
        project: ProjectOverview = self._rows[row]
        return project

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.TextAlignmentRole
            and section == COL_MEMBERS
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)

    def cell(self, project: ProjectOverview, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                project.name,
                STATUS_LABELS[project.status],
                ", ".join(d.name for d in project.departments) or "—",
                str(len(project.members)),
                progress_text(project.progress),
                dates_text(project),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_NAME:
                goals = ", ".join(g.title for g in project.goals)
                lines = [project.name, project.purpose.strip()[:300]]
                if goals:
                    lines.append(f"Moves: {goals}")
                return "\n".join(line for line in lines if line)
            if column == COL_DEPARTMENTS and project.departments:
                return ", ".join(d.name for d in project.departments)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_MEMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ProjectIdRole:
            return project.id
        if role == StatusRole:
            return project.status
        if role == ProgressRole:
            return project.progress
        if role == DepartmentsRole:
            return project.departments
        return None


class CellDelegate(QStyledItemDelegate):
    def background(
        self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        """The row's own background, selection and focus, without its text."""
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain_background(plain, painter)


class ProjectStatusDelegate(BadgeDelegate):
    """The project's status as a filled badge in its colour."""

    def colour_of(self, index: ModelIndex) -> str | None:
        return STATUS_COLOURS.get(index.data(StatusRole), "#6b6b6b")


class DepartmentsDelegate(CellDelegate):
    """Each department's name after a dot of its colour, cut short with "…" when the
    column is too narrow for them all."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.background(painter, option, index)
        departments: tuple[DepartmentRef, ...] = index.data(DepartmentsRole)
        metrics = option.fontMetrics
        cell: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = cell.left() + 4
        right = cell.right() - 4
        middle = cell.center().y()
        if not departments:
            painter.setPen(option.palette.color(role))
            painter.drawText(cell.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, "—")
        for n, department in enumerate(departments):
            width = DOT + 4 + metrics.horizontalAdvance(department.name)
            last = n == len(departments) - 1
            if x + width > right - (0 if last else metrics.horizontalAdvance(" …")):
                painter.setPen(option.palette.color(role))
                painter.drawText(
                    QRect(x, cell.top(), max(0, right - x), cell.height()),
                    int(Qt.AlignmentFlag.AlignVCenter),
                    "…",
                )
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(department.colour))
            painter.drawEllipse(x, middle - DOT // 2, DOT, DOT)
            painter.setPen(option.palette.color(role))
            text_box = QRect(x + DOT + 4, cell.top(), width, cell.height())
            painter.drawText(text_box, int(Qt.AlignmentFlag.AlignVCenter), department.name)
            x += width + 12
        painter.restore()


class ProgressDelegate(CellDelegate):
    """ "7/12 tasks" with a slim bar beside it. Not the platform's progress bar: some styles
    draw its text over the filled part, where it cannot be read."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.background(painter, option, index)
        progress = index.data(ProgressRole)
        text = progress_text(progress)
        cell: QRect = option.rect.adjusted(4, 0, -6, 0)
        metrics = option.fontMetrics
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_width = metrics.horizontalAdvance("000/000 tasks")
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.drawText(
            QRect(cell.left(), cell.top(), text_width, cell.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            text,
        )
        track = QRect(cell.left() + text_width + 6, cell.center().y() - 3, 0, 6)
        track.setRight(cell.right())
        if progress.total and track.width() > 12:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            empty = QColor(option.palette.color(role))
            empty.setAlphaF(0.2)
            painter.setBrush(empty)
            painter.drawRoundedRect(track, 3, 3)
            filled = QRect(track)
            filled.setWidth(round(track.width() * progress.done / progress.total))
            painter.setBrush(QColor(PROGRESS_COLOUR))
            if filled.width():
                painter.drawRoundedRect(filled, 3, 3)
        painter.restore()


class ProjectsView(Page):
    title = "Projects"
    shows = frozenset(
        {
            ChangeKind.PROJECTS,
            ChangeKind.TASKS,
            ChangeKind.GOALS,
            ChangeKind.CONTACTS,
            ChangeKind.DEPARTMENTS,
            ChangeKind.INTERACTIONS,
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._ticket = 0
        self._select_next: int | None = None

        self.heading = QLabel("Projects")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.filter = QComboBox()
        self.filter.addItem("Live: active, on hold, proposed", LIVE)
        self.filter.addItem("All projects", ALL)
        self.filter.currentIndexChanged.connect(lambda _index: self.refresh())
        filter_label = QLabel("Sho&w:")
        filter_label.setBuddy(self.filter)
        self.new_button = QPushButton("New &project…")
        self.new_button.setToolTip("Start a project across departments (Insert in the list)")
        self.new_button.clicked.connect(self.new_project)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addSpacing(16)
        bar.addWidget(filter_label)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        bar.addWidget(self.new_button)

        self.detail = ProjectDetail(context)
        self.detail.open_contact.connect(self.open_contact.emit)
        self.detail.open_goal.connect(self.open_goal.emit)

        self.model = ProjectsModel()
        self.table = table(self.model, COLUMN_WIDTHS)
        self.table.setAccessibleName("Projects")
        self.table.setItemDelegateForColumn(COL_STATUS, ProjectStatusDelegate(self.table))
        self.table.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self.table))
        self.table.setItemDelegateForColumn(COL_DEPARTMENTS, DepartmentsDelegate(self.table))
        self.table.activated.connect(lambda _index: self.detail.edit_project())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        key(self.table, QKeySequence.StandardKey.Delete, lambda: self.detail.delete_project())
        key(self.table, "Insert", self.new_project)

        self.empty = EmptyState()
        self.empty_title = self.empty.title
        self.empty_button = self.empty.add_button("", self._empty_action)
        self.list_stack = empty_stack(self.table, self.empty)

        # The board wants width more than height, so the list sits above it.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([220, 560])  # the main window keeps what the user sets

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filter, self.table)
        self.read_when_shown()

    # -- reading ---------------------------------------------------------------------------

    @property
    def live_only(self) -> bool:
        return bool(self.filter.currentData() == LIVE)

    def refresh(self) -> None:
        """Re-read the projects (on the database worker), keeping the one selected."""
        self._ticket += 1
        ticket = self._ticket
        selected = self.selected_project_id()
        keep = self._select_next if self._select_next is not None else selected
        live_only = self.live_only
        projects = self.context.workspace.projects

        def read() -> tuple[list[ProjectOverview], bool]:
            rows = projects.overviews(live_only=live_only)
            # Whether any project exists tells "none yet" from "none live".
            return rows, bool(rows or (live_only and projects.list(limit=1)))

        def shown(result: tuple[list[ProjectOverview], bool]) -> None:
            if ticket == self._ticket:
                self._show(*result, keep)

        self.context.op(read).success(shown).failure(lambda error: show_error(self, error)).run()

    def _show(self, rows: list[ProjectOverview], any_project: bool, keep: int | None) -> None:
        self._select_next = None
        self.model.show_rows(rows)
        total = len(rows)
        noun = "project" if total == 1 else "projects"
        self.heading.setText(f"{total} {noun}" if rows else "Projects")
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self._fill_empty(any_project)
            self.list_stack.setCurrentWidget(self.empty)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is None:
            self.detail.show_nothing()
            return
        project = self.model.project(row)
        if self.selected_project_id() == project.id:
            self.detail.show_project(project.id, project)  # the same row: show what changed
        else:
            self.table.selectRow(row)  # _row_changed shows it

    def _fill_empty(self, any_project: bool) -> None:
        if any_project:
            self.empty.say(
                "Every project is done or cancelled. Show all projects to look back at them, "
                "or start a new one.",
                "No live projects",
            )
            self.empty_button.setText("Show &all projects")
        else:
            self.empty.say(
                "A project brings people from several departments together on one goal — "
                "a launch, a CRM clean-up, an ROI dashboard. Start one and add its team.",
                "No projects yet",
            )
            self.empty_button.setText("New &project…")

    def _empty_action(self) -> None:
        if self.empty_title.text() == "No live projects":
            self.filter.setCurrentIndex(ALL)
        else:
            self.new_project()

    def selected_project_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.project(rows[0].row()).id if rows else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            project = self.model.project(current.row())
            self.detail.show_project(project.id, project)  # read with the list just now
        else:
            self.detail.show_nothing()

    # -- public ----------------------------------------------------------------------------

    def show_project(self, project_id: int) -> None:
        """Select the project (showing all projects if it is not a live one)."""
        row = self.model.row_of(project_id)
        if row is not None:
            self.table.selectRow(row)
            return
        self._select_next = project_id
        if self.live_only:
            self.filter.setCurrentIndex(ALL)  # refreshes
        else:
            self.refresh()

    def new_project(self) -> None:
        """Ask for a new project; it is selected once saved."""
        dialog = ProjectDialog(self.context, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.show_project(dialog.result_value.id)
