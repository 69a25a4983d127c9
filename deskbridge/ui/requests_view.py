"""The Requests view: what you asked colleagues for, grouped by what it needs next (open,
overdue, answered but not thanked, closed), with the selected request beside the table and
a button and a key for each next step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import NotFoundError
from deskbridge.input_requests import (
    RequestAction,
    RequestFilter,
    RequestGroup,
    RequestPage,
    allowed_actions,
    group_of,
)
from deskbridge.records import InputRequestRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.filter_bar import buddy, refill_choices, signals_blocked
from deskbridge.ui.list_table import list_table, plain_key
from deskbridge.ui.page import Page
from deskbridge.ui.request_detail import RequestDetail
from deskbridge.ui.request_dialogs import (
    AnswerDialog,
    AskDialog,
    NudgeDialog,
    ThankDialog,
    confirm_close,
)
from deskbridge.ui.requests_model import (
    COL_ASKED_OF,
    COL_ASKED_ON,
    COL_DEPARTMENT,
    COL_NEEDED_BY,
    COL_STATUS,
    COL_TOPIC,
    RequestsModel,
)
from deskbridge.ui.table_delegates import DepartmentDelegate

ASK_KEYS = "Ctrl+Shift+A"  # the main window's menu action; shown in the button's tooltip
GROUPS = (
    (RequestGroup.OPEN, "Open"),
    (RequestGroup.OVERDUE, "Overdue"),
    (RequestGroup.UNTHANKED, "Answered, not thanked"),
    (RequestGroup.CLOSED, "Closed"),
    (RequestGroup.ALL, "All"),
)
EMPTY_GROUP = {
    RequestGroup.OPEN: "Nothing open right now.",
    RequestGroup.OVERDUE: "Nothing overdue: every open request is within its deadline.",
    RequestGroup.UNTHANKED: "Every answer has been thanked for.",
    RequestGroup.CLOSED: "Nothing closed yet. Requests land here once answered and thanked, "
    "declined or withdrawn.",
}
NOTHING_ASKED = (
    f"You have not asked anyone for input yet.\nPress {ASK_KEYS} to ask a colleague, "
    "then track the answer and thank them here."
)
NO_MATCHES = "No requests match this filter."
# Status, the last column, takes what is left: "Answered, not thanked" needs about 150.
COLUMN_WIDTHS = {
    COL_ASKED_OF: 150,
    COL_DEPARTMENT: 120,
    COL_TOPIC: 220,
    COL_ASKED_ON: 90,
    COL_NEEDED_BY: 165,
}
# One key per next step on the table, as on Today: the buttons show them too.
ACTION_KEYS = {
    Qt.Key.Key_A: RequestAction.ANSWER,
    Qt.Key.Key_T: RequestAction.THANK,
    Qt.Key.Key_N: RequestAction.NUDGE,
    Qt.Key.Key_D: RequestAction.DECLINE,
    Qt.Key.Key_W: RequestAction.WITHDRAW,
}


class RequestsView(Page):
    title = "Requests"
    shows = frozenset(
        {
            ChangeKind.REQUESTS,
            ChangeKind.CONTACTS,
            ChangeKind.DEPARTMENTS,
            ChangeKind.INTERACTIONS,
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._count_ticket = 0
        self.counts: dict[RequestGroup, int] = {}

        self.heading = QLabel("Input requests")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.ask_button = QPushButton("As&k for input…")
        self.ask_button.setToolTip(f"Ask a colleague for input ({ASK_KEYS})")
        self.ask_button.clicked.connect(lambda: self.ask_for_input())
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.ask_button)

        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for number, (group, label) in enumerate(GROUPS, start=1):
            index = self.tabs.addTab(label)
            self.tabs.setTabData(index, group.value)
            self.tabs.setTabToolTip(index, f"Alt+{number}")
            keys = QShortcut(QKeySequence(f"Alt+{number}"), self)
            keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            keys.activated.connect(lambda index=index: self.tabs.setCurrentIndex(index))
        self.tabs.currentChanged.connect(lambda _index: self.apply_filters())

        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Topic or name")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(200)
        self.text_filter.textChanged.connect(lambda _text: self.apply_filters())
        self.department_filter = QComboBox()
        self.department_filter.setMinimumContentsLength(12)
        self.department_filter.currentIndexChanged.connect(lambda _index: self.apply_filters())
        filters = QHBoxLayout()
        filters.addWidget(buddy("&Filter:", self.text_filter))
        filters.addWidget(self.text_filter, 1)
        filters.addSpacing(8)
        filters.addWidget(buddy("Depa&rtment:", self.department_filter))
        filters.addWidget(self.department_filter)

        workspace = context.workspace
        self.model = RequestsModel(self._fetch_page, workspace.clock.today, self.current_filter())
        self.table = list_table(self.model, COLUMN_WIDTHS)
        self.table.setItemDelegateForColumn(COL_DEPARTMENT, DepartmentDelegate(self.table))
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.installEventFilter(self)

        self.empty = EmptyState()
        self.empty_label = self.empty.text
        self.empty_ask_button = self.empty.add_button("Ask for input…", self.ask_for_input)
        self.clear_button = self.empty.add_button("&Clear filter", self.clear_filters)
        self.stack = empty_stack(self.table, self.empty)

        self.detail = RequestDetail()
        self.detail.action_requested.connect(self.act)
        self.detail.open_contact_requested.connect(self.open_contact.emit)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([920, 340])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.tabs, self.text_filter)
        self.setTabOrder(self.text_filter, self.department_filter)
        self.setTabOrder(self.department_filter, self.table)
        self.read_when_shown()

    def _fetch_page(self, shown: RequestFilter, offset: int, limit: int | None) -> RequestPage:
        today = self.context.workspace.clock.today()
        return self.context.workspace.requests.page(shown, today=today, offset=offset, limit=limit)

    # -- reading ---------------------------------------------------------------------------

    @property
    def group(self) -> RequestGroup:
        return RequestGroup(self.tabs.tabData(self.tabs.currentIndex()))

    def set_group(self, group: RequestGroup) -> None:
        self.tabs.setCurrentIndex(next(n for n, (g, _) in enumerate(GROUPS) if g is group))

    def current_filter(self) -> RequestFilter:
        """What the tabs and filter widgets ask for."""
        department = self.department_filter.currentData()
        return RequestFilter(
            group=self.group,
            department_id=department if isinstance(department, int) else None,
            text=self.text_filter.text(),
        )

    def refresh(self) -> None:
        """Re-read departments, rows and counts, keeping the group, the filters, how far
        the user had scrolled and the selected row (or the row now in its place)."""
        selected_row = self._selected_row()
        selected = self.selected_request_id()
        self._fit_columns()
        self._fill_departments()
        self.model.set_filter(self.current_filter(), at_least=self.model.rowCount())
        self._after_reload(selected, selected_row)

    def _fit_columns(self) -> None:
        # The tab already says the status, except where several statuses share one.
        self.table.setColumnHidden(
            COL_STATUS, self.group not in (RequestGroup.CLOSED, RequestGroup.ALL)
        )

    def _fill_departments(self) -> None:
        departments = self.context.workspace.departments.list()
        refill_choices(
            self.department_filter, "All departments", ((d.name, d.id) for d in departments)
        )

    def apply_filters(self) -> None:
        """Show the group and filters chosen, from their first row."""
        self._fit_columns()
        self.model.set_filter(self.current_filter())
        self._after_reload(None, 0)

    def clear_filters(self) -> None:
        self._clear_filters_quietly()
        self.apply_filters()

    def _clear_filters_quietly(self) -> None:
        with signals_blocked(self.text_filter, self.department_filter):
            self.text_filter.clear()
            self.department_filter.setCurrentIndex(0)

    def _after_reload(self, selected: int | None, fallback_row: int | None) -> None:
        rows = self.model.rowCount()
        if rows:
            self.stack.setCurrentWidget(self.table)
            row = self.model.row_of(selected) if selected is not None else None
            if row is None and fallback_row is not None:
                row = min(fallback_row, rows - 1)
            if row is not None:
                self.table.selectRow(row)
        else:
            self.stack.setCurrentWidget(self.empty)
        self._show_selected()
        self._count()

    def _show_empty(self) -> None:
        shown = self.model.shown
        filtered = bool(shown.text.strip()) or shown.department_id is not None
        nothing_asked = self.counts.get(RequestGroup.ALL) == 0 and not filtered
        if nothing_asked:
            text = NOTHING_ASKED
        elif filtered:
            text = NO_MATCHES
        else:
            text = EMPTY_GROUP.get(shown.group, NO_MATCHES)
        self.empty.say(text)
        self.clear_button.setVisible(filtered)
        self.empty_ask_button.setVisible(nothing_asked or shown.group is RequestGroup.OPEN)

    def _count(self) -> None:
        """The groups' counts for the tabs, on the database worker (a scan of the requests:
        ten milliseconds at 30,000). Only the newest answer is shown."""
        self._count_ticket += 1
        ticket = self._count_ticket
        shown = self.model.shown
        requests = self.context.workspace.requests
        today = self.context.workspace.clock.today()

        def show(counts: dict[RequestGroup, int]) -> None:
            if ticket != self._count_ticket:
                return
            first_counts = not self.counts
            self.counts = counts
            if first_counts and not counts.get(self.group):
                # Opening on an empty tab while others hold requests looks like data loss;
                # start where there is something to do.
                busy = [group for group, _ in GROUPS if counts.get(group)]
                if busy:
                    self.set_group(busy[0])
                    return
            for index, (group, label) in enumerate(GROUPS):
                self.tabs.setTabText(index, f"{label} ({counts.get(group, 0):,})")
            total = counts.get(RequestGroup.ALL, 0)
            self.heading.setText(f"Input requests · {total:,}" if total else "Input requests")
            if not self.model.rowCount():
                self._show_empty()

        (
            self.context.op(lambda: requests.group_counts(shown, today=today))
            .success(show)
            .failure(lambda error: show_error(self, error))
            .run()
        )

    # -- the selection ---------------------------------------------------------------------

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected_request_id(self) -> int | None:
        row = self._selected_row()
        return self.model.request_id(row) if row is not None else None

    def selected_request(self) -> InputRequestRecord | None:
        return self.detail.request

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        request_id = self.selected_request_id()
        if request_id is None:
            self.detail.show_nothing()
            return
        try:
            record = self.context.workspace.requests.get(request_id)
        except NotFoundError:
            self.detail.show_nothing()
            return
        self.detail.show_request(record, self.context.workspace.clock.today())

    def focus_filter(self) -> None:
        """The "/" key: the cursor in the text filter, its text selected."""
        self.text_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_filter.selectAll()

    def show_request(self, request_id: int) -> bool:
        """Select the request, switching to its group (and clearing filters that hide it);
        False when it does not exist."""
        workspace = self.context.workspace
        try:
            record = workspace.requests.get(request_id)
        except NotFoundError:
            return False
        group = group_of(record, workspace.clock.today())
        if self.group not in (group, RequestGroup.ALL):
            with signals_blocked(self.tabs):
                self.set_group(group)
        place = workspace.requests.position(
            request_id, self.current_filter(), today=workspace.clock.today()
        )
        if place is None:
            self._clear_filters_quietly()
            place = workspace.requests.position(
                request_id, self.current_filter(), today=workspace.clock.today()
            )
        self.model.set_filter(self.current_filter(), at_least=(place or 0) + 1)
        self._after_reload(request_id, None)
        row = self.model.row_of(request_id)
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))
        return True

    # -- acting ----------------------------------------------------------------------------

    def ask_for_input(self, contact_id: int | None = None) -> AskDialog:
        """The Ask dialog (for this contact, when given); the new request is then shown."""
        dialog = AskDialog(self.context, self, contact_id=contact_id)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.show_request(dialog.result_value.id)
        return dialog

    def act(self, action: RequestAction) -> None:
        """Take ``action`` on the selected request, when it allows it."""
        request = self.detail.request
        if request is None or action not in allowed_actions(request):
            return
        dialogs: dict[RequestAction, Callable[[], QDialog]] = {
            RequestAction.ANSWER: lambda: AnswerDialog(self.context, request, self),
            RequestAction.THANK: lambda: ThankDialog(self.context, request, self),
            RequestAction.NUDGE: lambda: NudgeDialog(self.context, request, self),
        }
        if action in dialogs:
            dialogs[action]().exec()
            return
        declined = action is RequestAction.DECLINE
        if not confirm_close(self, request, declined):
            return
        requests = self.context.workspace.requests
        close = requests.decline if declined else requests.withdraw
        (
            self.context.op(lambda: close(request.id))
            .changes(ChangeKind.REQUESTS)
            .failure(lambda error: show_error(self, error))
            .run()
        )

    def _activated(self, index: QModelIndex) -> None:
        """Enter or a double click: the request's next step (answer, else thank), or its
        contact when there is none."""
        if not index.isValid() or self.detail.request is None:
            return
        allowed = allowed_actions(self.detail.request)
        for action in (RequestAction.ANSWER, RequestAction.THANK):
            if action in allowed:
                self.act(action)
                return
        self.open_contact.emit(self.detail.request.asked_of.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = plain_key(event) if watched is self.table else None
        if key is not None:
            if key in ACTION_KEYS:
                self.act(ACTION_KEYS[key])
                return True
            if key == Qt.Key.Key_O and self.detail.request is not None:
                self.open_contact.emit(self.detail.request.asked_of.id)
                return True
        return super().eventFilter(watched, event)
