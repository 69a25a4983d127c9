"""The Goals view: the shared goals with how far each is towards its target, and beside
them the selected goal in full, with its progress chart and check-ins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.records import ContactSuggestion, GoalRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.goal_detail import ADD_CHECKIN_KEY, GoalDetail, GoalDetails
from deskbridge.ui.goal_dialog import GoalDialog
from deskbridge.ui.goals_model import (
    COL_DEPARTMENTS,
    COL_DUE,
    COL_HEALTH,
    COL_OWNER,
    COL_PROGRESS,
    COL_STATUS,
    COL_TITLE,
    DepartmentDotsDelegate,
    GoalsModel,
    HealthBadgeDelegate,
    ProgressDelegate,
)
from deskbridge.ui.list_table import list_table
from deskbridge.ui.page import Page
from deskbridge.ui.participant_picker import person
from deskbridge.ui.view_actions import confirmed

ACTIVE, ALL = "active", None
NO_GOALS = "No shared goals yet"
NO_GOALS_TEXT = (
    "A shared goal is a figure several departments move together — "
    "qualified leads, cost per lead, release lead time. Add one, then check in as it moves."
)
NO_ACTIVE = "No active goals"
NO_ACTIVE_TEXT = "Every goal here is closed. Show “All goals” to see them, or add a new one."
COLUMN_WIDTHS = {
    COL_DEPARTMENTS: 130, COL_OWNER: 110, COL_DUE: 84, COL_HEALTH: 84,
    COL_STATUS: 72, COL_PROGRESS: 100,
}  # fmt: skip


class GoalsView(Page):
    title = "Goals"
    shows = frozenset(
        {ChangeKind.GOALS, ChangeKind.PROJECTS, ChangeKind.CONTACTS, ChangeKind.DEPARTMENTS}
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._ticket = 0
        self._detail_ticket = 0
        self._select_next: int | None = None

        self.heading = QLabel("Goals")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.filter = QComboBox()
        self.filter.addItem("Active goals", ACTIVE)
        self.filter.addItem("All goals", ALL)
        self.filter.setToolTip("Closed goals (achieved, missed, dropped) show under All goals")
        self.filter.currentIndexChanged.connect(lambda _n: self.refresh())
        show_caption = QLabel("&Show:")
        show_caption.setBuddy(self.filter)
        self.new_button = QPushButton("&New goal…")
        self.new_button.clicked.connect(self.new_goal)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        bar.addWidget(show_caption)
        bar.addWidget(self.filter)
        bar.addWidget(self.new_button)

        self.model = GoalsModel()
        self.table = list_table(self.model, COLUMN_WIDTHS)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.setItemDelegateForColumn(COL_DEPARTMENTS, DepartmentDotsDelegate(self.table))
        self.table.setItemDelegateForColumn(COL_HEALTH, HealthBadgeDelegate(self.table))
        self.table.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        # The title takes the room, so the progress bars keep their width at the right.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # The detail pane names the owner; the list keeps its width for the titles.
        self.table.setColumnHidden(COL_OWNER, True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.edit_selected())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self.detail = GoalDetail(context)
        self.detail.open_contact.connect(self.open_contact)
        self.detail.open_project.connect(self.open_project)
        self.detail.edit_requested.connect(self.edit_goal)
        self.detail.delete_requested.connect(self.delete_goal)
        checkin_key = QShortcut(QKeySequence(ADD_CHECKIN_KEY), self)
        checkin_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        checkin_key.activated.connect(self.detail.add_checkin)

        self.empty = EmptyState(NO_GOALS_TEXT, NO_GOALS)
        self.empty_title, self.empty_text = self.empty.title, self.empty.text
        self.empty_new_button = self.empty.add_button("Add a &goal…", self.new_goal)
        self.stack = empty_stack(self.table, self.empty)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(bar)
        left_column.addWidget(self.stack, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        # Room for the titles and progress bars; the wrapped empty state asks for less.
        self.splitter.setSizes([560, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.read_when_shown()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the goals under the chosen filter, then the selected one in full."""
        self._ticket += 1
        ticket = self._ticket
        selected = self.selected_goal()
        keep = self._select_next or (selected.id if selected else None)
        goals = self.context.workspace.goals
        status = self.filter.currentData()

        def read() -> tuple[list[GoalRecord], bool]:
            rows = goals.list(status)
            return rows, bool(rows) or (status is not None and bool(goals.list(limit=1)))

        def show(result: tuple[list[GoalRecord], bool]) -> None:
            if ticket == self._ticket:
                self._show(*result, keep)

        self.context.op(read).success(show).failure(lambda error: show_error(self, error)).run()

    def _show(self, rows: list[GoalRecord], any_goals: bool, keep: int | None) -> None:
        self._select_next = None
        self.model.set_rows(rows, self.context.workspace.clock.today())
        active = self.filter.currentData() == ACTIVE
        count = f"{len(rows)} {'active ' if active else ''}goal{'' if len(rows) == 1 else 's'}"
        self.heading.setText(count if rows else "Goals")
        if any_goals:
            self.empty.say(NO_ACTIVE_TEXT, NO_ACTIVE)
        else:
            self.empty.say(NO_GOALS_TEXT, NO_GOALS)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        # Under "Active goals" every status would read "Active".
        self.table.setColumnHidden(COL_STATUS, active)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is None:
            self.detail.show_nothing("" if not rows else "Select a goal to see its progress")
        else:
            self.table.selectRow(row)  # the reset cleared the selection: this loads the detail

    def selected_goal(self) -> GoalRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.goal(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        if self.model.rowCount():
            self._load_detail()

    def _load_detail(self) -> None:
        goal = self.selected_goal()
        self._detail_ticket += 1
        ticket = self._detail_ticket
        if goal is None:
            self.detail.show_nothing()
            return
        goals, goal_id = self.context.workspace.goals, goal.id

        def read() -> GoalDetails:
            # The goal itself as the list has just read it; only its links are read here.
            return GoalDetails(goal, goals.linked_projects(goal_id), goals.people(goal_id))

        def show(details: GoalDetails) -> None:
            if ticket == self._detail_ticket:
                self.detail.show_details(details)

        self.context.op(read).success(show).failure(lambda error: show_error(self, error)).run()

    def show_goal(self, goal_id: int) -> None:
        """Select the goal (switching to All goals when it is closed) and show it."""
        row = self.model.row_of(goal_id)
        if row is not None:
            self.table.selectRow(row)
            return
        self._select_next = goal_id
        if self.filter.currentData() != ALL:
            self.filter.setCurrentIndex(self.filter.findData(ALL))  # refreshes
        else:
            self.refresh()

    # -- acting ----------------------------------------------------------------------------

    def new_goal(self) -> None:
        """Ask for a new shared goal; it is selected once saved."""
        dialog = GoalDialog(self.context, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.show_goal(dialog.result_value.id)

    def edit_selected(self) -> None:
        goal = self.selected_goal()
        if goal is not None:
            self.edit_goal(goal.id)

    def edit_goal(self, goal_id: int) -> None:
        """Open the goal in the edit dialog, read afresh (someone may have changed it)."""
        workspace = self.context.workspace

        def read() -> tuple[GoalRecord, ContactSuggestion | None]:
            goal = workspace.goals.get(goal_id)
            owner = workspace.contacts.get(goal.owner_id) if goal.owner_id else None
            return goal, person(owner) if owner else None

        def edit(found: tuple[GoalRecord, ContactSuggestion | None]) -> None:
            GoalDialog(self.context, found[0], self, owner=found[1]).exec()

        self.context.op(read).success(edit).failure(lambda error: show_error(self, error)).run()

    def delete_selected(self) -> None:
        goal = self.selected_goal()
        if goal is not None:
            self.delete_goal(goal.id)

    def delete_goal(self, goal_id: int) -> None:
        """Delete the goal and its check-ins, once the user confirms."""
        goal = self.model.goal(row) if (row := self.model.row_of(goal_id)) is not None else None
        if goal is None:
            return
        checkins = len(goal.checkins)
        lost = f" and its {checkins} check-in{'' if checkins == 1 else 's'}" if checkins else ""
        question = f"Delete the goal “{goal.title}”{lost}? Projects serving it stay, unlinked."
        if not confirmed(self, "Delete goal", question):
            return
        goals = self.context.workspace.goals
        self.context.op(lambda: goals.delete(goal_id)).changes(ChangeKind.GOALS).failure(
            lambda error: show_error(self, error)
        ).run()
