"""The Tasks view: joint tasks under four tabs (mine, waiting on others, overdue, all), each
with its count, a page at a time from SQL. Enter edits, Space marks done, Delete deletes.

Completing a task assigned to a colleague is a touch with them, so a task done here moves
their keep-in-touch dates too; the view announces contacts as changed for that reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
)

from deskbridge.changes import ChangeKind
from deskbridge.records import ProjectRecord
from deskbridge.task_list import TaskFilter, TaskPage, TaskRow, TaskSort, TaskView
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.filter_bar import buddy, refill_choices, signals_blocked
from deskbridge.ui.list_table import list_table
from deskbridge.ui.page import Page
from deskbridge.ui.task_dialog import TaskDialog
from deskbridge.ui.tasks_model import (
    COL_ASSIGNEES,
    COL_DUE,
    COL_PRIORITY,
    COL_PROJECT,
    COL_STATUS,
    COL_TITLE,
    SORTABLE,
    TasksModel,
)
from deskbridge.ui.view_actions import confirmed, toolbar_action

TABS = (
    (TaskView.MINE, "&Mine"),
    (TaskView.WAITING, "&Waiting on others"),
    (TaskView.OVERDUE, "Overd&ue"),
    (TaskView.ALL, "&All"),
)
COLUMN_WIDTHS = {
    COL_TITLE: 320,
    COL_ASSIGNEES: 240,
    COL_PROJECT: 170,
    COL_DUE: 120,
    COL_PRIORITY: 80,
    COL_STATUS: 110,
}
CHANGES = (ChangeKind.TASKS, ChangeKind.CONTACTS, ChangeKind.PROJECTS)
NO_ME = "Choose who you are in Preferences (Ctrl+,) to see your tasks"
EMPTY = {
    TaskView.MINE: "Nothing on your plate — press Ctrl+T to add a task",
    TaskView.WAITING: "Nobody owes you anything — tasks you assign to colleagues wait here",
    TaskView.OVERDUE: "Nothing is overdue — well done",
    TaskView.ALL: "No tasks yet — press Ctrl+T to create one",
}
EMPTY_WITH_DONE = {
    TaskView.MINE: "No tasks of yours, open or done — press Ctrl+T to add one",
    TaskView.WAITING: "No tasks assigned to colleagues yet",
    TaskView.OVERDUE: EMPTY[TaskView.OVERDUE],
    TaskView.ALL: EMPTY[TaskView.ALL],
}
NO_MATCHES = "No tasks match these filters"
PROJECT_TEXT_LIMIT = 28


def summary_text(shown: TaskFilter, counts: dict[TaskView, int]) -> str:
    """The line beside the heading: how many tasks there are and how many are late."""
    total, overdue = counts[TaskView.ALL], counts[TaskView.OVERDUE]
    kind = "" if shown.include_done else "open "
    text = f"{total:,} {kind}task{'' if total == 1 else 's'}"
    if shown.project_id is not None or shown.text:
        text += " matches" if total == 1 else " match"
    return f"{text} · {overdue:,} overdue" if overdue else text


class TasksView(Page):
    title = "Tasks"
    shows = frozenset(
        {ChangeKind.TASKS, ChangeKind.CONTACTS, ChangeKind.PROJECTS, ChangeKind.SETTINGS}
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._ticket = 0
        self._select_next: int | None = None
        self._reveal = False  # read on until the task to select is loaded (show_task)
        workspace = context.workspace

        self.heading = QLabel("Tasks")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        self.new_button = QPushButton("&New task…")
        self.new_button.setToolTip("Create a joint task (Ctrl+T from anywhere)")
        self.new_button.clicked.connect(self.new_task)
        heading = QHBoxLayout()
        heading.addWidget(self.heading)
        heading.addSpacing(8)
        heading.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignBaseline)
        heading.addStretch(1)
        heading.addWidget(self.new_button)

        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for view, label in TABS:
            index = self.tabs.addTab(label)
            self.tabs.setTabData(index, view.value)
        self.tabs.currentChanged.connect(lambda _index: self.apply_filters())

        self.show_done = QCheckBox("&Show done")
        self.show_done.setToolTip("Also list done and cancelled tasks")
        self.show_done.toggled.connect(lambda _on: self.apply_filters())
        self.project_filter = QComboBox()
        self.project_filter.setMinimumContentsLength(14)
        self.project_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.project_filter.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Title, notes or a person's name")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(lambda _text: self.apply_filters())
        filters = QHBoxLayout()
        filters.addWidget(self.tabs)
        filters.addSpacing(12)
        filters.addWidget(self.show_done)
        filters.addStretch(1)
        narrow = QHBoxLayout()
        narrow.addWidget(buddy("&Project:", self.project_filter))
        narrow.addWidget(self.project_filter)
        narrow.addSpacing(8)
        narrow.addWidget(buddy("Fil&ter:", self.text_filter))
        narrow.addWidget(self.text_filter, 1)

        self.model = TasksModel(self._fetch_page, workspace.clock.today)
        self.table = self._build_table()
        self.toolbar = self._build_toolbar()

        self.empty = EmptyState()
        self.empty_label = self.empty.text
        self.clear_button = self.empty.add_button("&Clear filters", self.clear_filters)
        self.stack = empty_stack(self.table, self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addLayout(narrow)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.tabs, self.show_done)
        self.setTabOrder(self.show_done, self.project_filter)
        self.setTabOrder(self.project_filter, self.text_filter)
        self.setTabOrder(self.text_filter, self.table)
        self.setTabOrder(self.table, self.new_button)

        self._update_actions()
        self.read_when_shown()

    # -- building --------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = list_table(self.model, COLUMN_WIDTHS)
        header = table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        table.activated.connect(self._open_index)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._update_actions)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Space), self.complete_selected),
            (QKeySequence("Ctrl+Return"), self.complete_selected),
            (QKeySequence("Ctrl+Enter"), self.complete_selected),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
        ):
            shortcut = QShortcut(keys, table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        return table

    def _build_toolbar(self) -> QToolBar:
        action = partial(toolbar_action, self)
        self.edit_action = action("Ed&it…", self.edit_selected, "Change this task (Enter)")
        self.done_action = action(
            "Mark d&one",
            self.complete_selected,
            "Done; counts as a touch with the people on it (Space or Ctrl+Enter)",
        )
        self.reopen_action = action(
            "&Reopen", self.reopen_selected, "Put a done or cancelled task back to do"
        )
        self.delete_action = action("De&lete…", self.delete_selected, "Delete this task (Del)")
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for made in (self.edit_action, self.done_action, self.reopen_action, self.delete_action):
            toolbar.addAction(made)
        return toolbar

    def _fetch_page(
        self, shown: TaskFilter, sort: TaskSort, descending: bool, offset: int
    ) -> TaskPage:
        return self.context.workspace.tasks.page(
            shown, sort=sort, descending=descending, offset=offset
        )

    # -- reading ---------------------------------------------------------------------------

    def current_filter(self) -> TaskFilter:
        """What the tabs and filter widgets ask for."""
        view = TaskView(self.tabs.tabData(max(self.tabs.currentIndex(), 0)))
        return TaskFilter(
            view=view,
            include_done=self.show_done.isChecked(),
            project_id=self.project_filter.currentData(),
            text=self.text_filter.text().strip(),
        )

    def refresh(self) -> None:
        """Re-read projects, the tasks shown (as far as the user had scrolled) and the
        counts on the tabs, on the database worker; only the newest read is shown."""
        self._read(self.current_filter(), keep=self.model.rowCount())

    def apply_filters(self) -> None:
        """Show what the tabs and filters ask for, from the first row."""
        self._read(self.current_filter(), keep=0)

    def _read(self, shown: TaskFilter, keep: int) -> None:
        self._ticket += 1
        ticket = self._ticket
        selected = self._select_next or self.selected_task_id()
        tasks = self.context.workspace.tasks
        projects = self.context.workspace.projects
        sort, descending = self.model.sort_key, self.model.descending
        limit = max(keep, 200)

        def read() -> tuple[TaskPage, dict[TaskView, int], list[ProjectRecord]]:
            page = tasks.page(shown, sort=sort, descending=descending, limit=limit)
            return page, tasks.counts(shown), projects.list()

        def show(result: tuple[TaskPage, dict[TaskView, int], list[ProjectRecord]]) -> None:
            if ticket == self._ticket:
                self._show(shown, sort, descending, *result, selected)

        self.context.op(read).success(show).failure(lambda error: show_error(self, error)).run()

    def _show(
        self,
        shown: TaskFilter,
        sort: TaskSort,
        descending: bool,
        page: TaskPage,
        counts: dict[TaskView, int],
        projects: list[ProjectRecord],
        selected: int | None,
    ) -> None:
        self._select_next = None
        reveal, self._reveal = self._reveal, False
        refill_choices(
            self.project_filter,
            "All projects",
            ((project.name, project.id) for project in projects),
            limit=PROJECT_TEXT_LIMIT,
        )
        if self.project_filter.currentData() != shown.project_id:
            # The project was deleted: show every project's tasks again.
            self.apply_filters()
            return
        self.model.show_page(shown, sort, descending, page)
        for index, (view, label) in enumerate(TABS):
            self.tabs.setTabText(index, f"{label} ({counts[view]:,})")
        self.summary.setText(summary_text(shown, counts))
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            self.toolbar.show()
            row = self.model.row_of(selected) if selected is not None else None
            if reveal and selected is not None:
                # The list is in SQL order, so reading on reaches the task.
                while row is None and self.model.canFetchMore():
                    self.model.fetchMore()
                    row = self.model.row_of(selected)
            # Something is always selected, so the keys and buttons act on a row.
            self.table.selectRow(row if row is not None else 0)
            self.table.scrollTo(self.model.index(row or 0, 0))
        else:
            self.toolbar.hide()  # nothing to act on; the empty state says what to do
            self._show_empty(shown, page.me_id)
        self._update_actions()

    def _show_empty(self, shown: TaskFilter, me_id: int | None) -> None:
        narrowed = shown.project_id is not None or bool(shown.text)
        if narrowed:
            text = NO_MATCHES
        elif shown.view == TaskView.MINE and me_id is None:
            text = NO_ME
        else:
            text = (EMPTY_WITH_DONE if shown.include_done else EMPTY)[shown.view]
        self.empty.say(text)
        self.clear_button.setVisible(narrowed)
        self.stack.setCurrentWidget(self.empty)

    def clear_filters(self) -> None:
        with signals_blocked(self.project_filter, self.text_filter):
            self.project_filter.setCurrentIndex(0)
            self.text_filter.clear()
        self.apply_filters()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column not in SORTABLE:
            # Assignees are not sortable: keep the indicator on the order really used.
            header = self.table.horizontalHeader()
            current = next(c for c, key in SORTABLE.items() if key == self.model.sort_key)
            with signals_blocked(header):
                header.setSortIndicator(
                    current,
                    Qt.SortOrder.DescendingOrder
                    if self.model.descending
                    else Qt.SortOrder.AscendingOrder,
                )
            return
        self.model.sort(column, order)
        self._update_actions()

    # -- the selection ---------------------------------------------------------------------

    def selected_task_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def selected_row(self) -> TaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.done_action.setEnabled(row is not None and row.is_open)
        self.reopen_action.setEnabled(row is not None and not row.is_open)
        self.delete_action.setEnabled(row is not None)

    # -- public ----------------------------------------------------------------------------

    def focus_filter(self) -> None:
        """The "/" key: the cursor in the text filter, its text selected."""
        self.text_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_filter.selectAll()

    def show_task(self, task_id: int) -> None:
        """Select the task, switching to "All" (with done tasks) if the current tab does
        not hold it."""
        row = self.model.row_of(task_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self.table.setFocus()
            return
        self._select_next = task_id
        with signals_blocked(self.tabs, self.show_done, self.project_filter, self.text_filter):
            self.tabs.setCurrentIndex(len(TABS) - 1)
            self.show_done.setChecked(True)
            self.project_filter.setCurrentIndex(0)
            self.text_filter.clear()
        self._reveal = True
        self.apply_filters()
        self.table.setFocus()

    def new_task(self) -> TaskDialog:
        """The task dialog for a new task (in the project the list is narrowed to); the
        created task is selected when it shows in the current tab."""
        dialog = TaskDialog(self.context, self, project_id=self.project_filter.currentData())
        dialog.accepted.connect(lambda: self._select_created(dialog))
        dialog.exec()
        return dialog

    def _select_created(self, dialog: TaskDialog) -> None:
        if dialog.result_value is not None:
            self._select_next = dialog.result_value.id
            row = self.model.row_of(dialog.result_value.id)
            if row is not None:
                self.table.selectRow(row)

    # -- acting on the selected task -------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_task(self.model.task_id(index.row()))

    def edit_selected(self) -> None:
        task_id = self.selected_task_id()
        if task_id is not None:
            self.edit_task(task_id)

    def edit_task(self, task_id: int) -> TaskDialog:
        self._select_next = task_id
        dialog = TaskDialog(self.context, self, task_id=task_id)
        dialog.exec()
        self._select_next = None
        return dialog

    def complete_selected(self) -> None:
        """Mark the selected open task done (a touch with everyone on it)."""
        self._move_selected(self.context.workspace.tasks.complete, from_open=True)

    def reopen_selected(self) -> None:
        self._move_selected(self.context.workspace.tasks.reopen, from_open=False)

    def _move_selected(self, move: Callable[[int], object], from_open: bool) -> None:
        """Done or back to do, when the selected task is open (or not): it stays selected."""
        row = self.selected_row()
        if row is None or row.is_open != from_open:
            return
        self._select_next = row.id
        self.context.op(lambda: move(row.id)).changes(*CHANGES).failure(
            lambda error: show_error(self, error)
        ).run()

    def delete_selected(self) -> None:
        """Ask, then delete the selected task."""
        row = self.selected_row()
        if row is None:
            return
        lost_touch = (
            "\n\nIt will no longer count as a touch with the people on it."
            if row.status == "done" and row.assignees
            else ""
        )
        question = f"Delete the task “{row.title}”?{lost_touch}\n\nThis cannot be undone."
        if not confirmed(self, "Delete task", question):
            return
        tasks = self.context.workspace.tasks
        self.context.op(lambda: tasks.delete(row.id)).changes(*CHANGES).failure(
            lambda error: show_error(self, error)
        ).run()

    # -- the context menu ------------------------------------------------------------------

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for made in (self.edit_action, self.done_action, self.reopen_action):
            menu.addAction(made)
        row = self.selected_row()
        if row is not None and (row.project_id is not None or row.assignees):
            menu.addSeparator()
            if row.project_id is not None:
                project_id = row.project_id
                menu.addAction(f"Open project “{row.project_name}”").triggered.connect(
                    lambda _checked=False: self.open_project.emit(project_id)
                )
            for person in row.assignees:
                contact_id = person.id
                menu.addAction(f"Show {person.name}").triggered.connect(
                    lambda _checked=False, c=contact_id: self.open_contact.emit(c)
                )
        menu.addSeparator()
        menu.addAction(self.delete_action)
        return menu

    def _show_context_menu(self, at: QPoint) -> None:
        if self.table.selectionModel().hasSelection():
            self.context_menu().exec(self.table.viewport().mapToGlobal(at))
