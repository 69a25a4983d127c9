"""The "Team and goals" tab of a project: who works on it from which department, in what
role, and the shared goals it moves, with a button and a key for each change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.projects import MemberRow, ProjectOverview
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.detail_pane import MUTED
from deskbridge.ui.list_table import list_table
from deskbridge.ui.member_dialog import MemberDialog
from deskbridge.ui.row_table_model import RowTableModel

ModelIndex = QModelIndex | QPersistentModelIndex
COL_CONTACT, COL_DEPARTMENT, COL_ROLE = range(3)


class MembersModel(RowTableModel):
    headers = ("Contact", "Department", "Role")

    def member(self, row: int) -> MemberRow:
        member: MemberRow = self._rows[row]
        return member

    def row_of(self, row_id: int) -> int | None:
        return next((n for n, m in enumerate(self._rows) if m.contact.id == row_id), None)

    def cell(self, member: MemberRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (member.contact.name, member.department or "—", member.role or "—")[column]


def table(model: QAbstractItemModel, widths: Mapping[int, int]) -> QTableView:
    """A read-only list table (:func:`list_table`) whose alternate rows stay readable."""
    view = list_table(model, widths)
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


class ProjectTeam(QWidget):
    """The members table and the linked goals of the project shown (:meth:`show_project`).
    Writes go to the store here; the pane around it re-reads the project once one is saved
    (:attr:`changed`) and shows a refusal above its tabs (:attr:`refused`)."""

    open_contact = Signal(int)
    open_goal = Signal(int)
    changed = Signal()
    refused = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project: ProjectOverview | None = None
        self.members_model = MembersModel()
        self.members = table(self.members_model, {COL_CONTACT: 190, COL_DEPARTMENT: 130})
        self.members.setAccessibleName("Members")
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

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 6, 0, 0)
        row.addLayout(left, 3)
        row.addSpacing(12)
        row.addLayout(right, 2)

    def show_project(self, project: ProjectOverview) -> None:
        """Show the project's members and goals, keeping the selected member."""
        self.project = project
        keep = self.selected_member()
        self.members_model.show_rows(project.members)
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
        self._update_buttons()

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
        (
            self.context.op(job)
            .changes(*kinds)
            .success(lambda _result: self.changed.emit())
            .failure(lambda error: self.refused.emit(str(error)))
            .run()
        )

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
            self.refused.emit("Every shared goal is already linked; add goals in Goals.")
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
