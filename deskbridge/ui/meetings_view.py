"""The Meetings view: every logged interaction, newest first, narrowed by kind, department,
person and period, a page at a time. Opening a row shows it for editing or deleting."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import ValidationError
from deskbridge.meeting_log import InteractionFilter, InteractionPage
from deskbridge.records import ContactSuggestion
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.filter_bar import buddy, refill_choices, signals_blocked
from deskbridge.ui.form_dialog import error_label
from deskbridge.ui.interaction_dialog import InteractionDialog, ask_delete_interaction
from deskbridge.ui.interaction_kinds import kind_choices, kind_label
from deskbridge.ui.list_table import list_table
from deskbridge.ui.meeting_prep_dialog import MeetingPrepDialog
from deskbridge.ui.meetings_model import (
    COL_DATE,
    COL_KIND,
    COL_OUTCOME,
    COL_PARTICIPANTS,
    COL_SUMMARY,
    After,
    MeetingsModel,
    first_line,
)
from deskbridge.ui.page import Page
from deskbridge.ui.snooze import from_qdate, to_qdate
from deskbridge.ui.task_dialog import TaskDialog

ANY_TIME, LAST_7_DAYS, LAST_30_DAYS, THIS_YEAR, CUSTOM = range(5)
PERIODS = ("Any time", "Last 7 days", "Last 30 days", "This year", "Custom…")
SUGGESTIONS = 10
NO_MEETINGS = "No meetings logged yet — press Ctrl+L to log one"
NO_MATCHES = "Nothing matches these filters"
TITLE_LIMIT = 300  # a task title's length
PREPARE_KEY = "Ctrl+Shift+P"
COLUMN_WIDTHS = {
    COL_DATE: 100,
    COL_KIND: 90,
    COL_SUMMARY: 260,
    COL_OUTCOME: 200,
    COL_PARTICIPANTS: 200,
}


def period_days(period: int, today: date) -> tuple[date | None, date | None]:
    """The first and last day a preset period covers (None: unbounded)."""
    if period == LAST_7_DAYS:
        return today - timedelta(days=6), None
    if period == LAST_30_DAYS:
        return today - timedelta(days=29), None
    if period == THIS_YEAR:
        return date(today.year, 1, 1), None
    return None, None


def follow_up_title(outcome: str, summary: str) -> str:
    """A task title from a meeting: the first line of what was agreed, else "Follow up:"
    and what it was about, cut to fit a title."""
    agreed = first_line(outcome).removesuffix(" …")
    title = agreed or (f"Follow up: {first_line(summary).removesuffix(' …')}" if summary else "")
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1] + "…"


class MeetingsView(Page):
    title = "Meetings"
    shows = frozenset({ChangeKind.INTERACTIONS, ChangeKind.CONTACTS, ChangeKind.DEPARTMENTS})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._contact_id: int | None = None
        self._contact_label = ""
        self._suggested: dict[str, int] = {}
        self._count_ticket = 0

        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.log_button = QPushButton("&Log a meeting…")
        self.log_button.setToolTip("Log a meeting, call or coffee (Ctrl+L)")
        self.log_button.clicked.connect(lambda: self.quick_log.emit([]))
        self.follow_up_button = QPushButton("Follow-up &task…")
        self.follow_up_button.setToolTip(
            "A task for the people in the selected meeting (Ctrl+Shift+T)"
        )
        self.follow_up_button.clicked.connect(self.follow_up_selected)
        self.prepare_button = QPushButton("&Prepare for these people…")
        self.prepare_button.setToolTip(
            f"A meeting-prep brief on the people in the selected meeting ({PREPARE_KEY})"
        )
        self.prepare_button.clicked.connect(self.prepare_selected)
        heading = QHBoxLayout()
        heading.addWidget(self.count_label)
        heading.addStretch(1)
        heading.addWidget(self.prepare_button)
        heading.addWidget(self.follow_up_button)
        heading.addWidget(self.log_button)

        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", None)
        for label, kind in kind_choices():
            self.kind_filter.addItem(label, kind)
        self.kind_filter.currentIndexChanged.connect(self.apply_filters)

        self.department_filter = QComboBox()
        self.department_filter.setMinimumContentsLength(12)
        self.department_filter.currentIndexChanged.connect(self.apply_filters)

        self.contact_filter = QLineEdit()
        self.contact_filter.setPlaceholderText("Anyone — type a name")
        self.contact_filter.setClearButtonEnabled(True)
        self.contact_filter.setMinimumWidth(180)
        self.suggestions = QStringListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        # The domain already matched the words typed; the popup shows its answer as it is.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.contact_filter.setCompleter(self.completer)
        self.contact_filter.textEdited.connect(self._contact_typed)
        self.contact_filter.textChanged.connect(self._contact_text_changed)
        self.contact_filter.returnPressed.connect(self._choose_typed_contact)
        self.completer.activated.connect(self._choose_contact)

        self.period = QComboBox()
        self.period.addItems(PERIODS)
        self.period.currentIndexChanged.connect(self._period_changed)
        today = context.workspace.clock.today()
        self.since_edit = self._date_edit(today - timedelta(days=30))
        self.until_edit = self._date_edit(today)
        self.since_label = buddy("fro&m", self.since_edit)
        self.until_label = buddy("t&o", self.until_edit)

        # Two rows of filters, so the view fits beside the sidebar in the smallest window.
        filters = QHBoxLayout()
        filters.addWidget(buddy("&Kind:", self.kind_filter))
        filters.addWidget(self.kind_filter)
        filters.addSpacing(8)
        filters.addWidget(buddy("&Department:", self.department_filter))
        filters.addWidget(self.department_filter)
        filters.addSpacing(8)
        filters.addWidget(buddy("W&ith:", self.contact_filter))
        filters.addWidget(self.contact_filter, 1)
        period = QHBoxLayout()
        period.addWidget(buddy("&When:", self.period))
        period.addWidget(self.period)
        for widget in (self.since_label, self.since_edit, self.until_label, self.until_edit):
            period.addWidget(widget)
        period.addSpacing(8)
        self.filter_message = error_label()
        period.addWidget(self.filter_message, 1)
        period.addStretch(0)

        self.model = MeetingsModel(self._fetch_page)
        self.table = list_table(self.model, COLUMN_WIDTHS)
        self.table.activated.connect(self._open_index)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        follow_up = QShortcut(QKeySequence("Ctrl+Shift+T"), self)
        follow_up.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        follow_up.activated.connect(self.follow_up_selected)
        prepare = QShortcut(QKeySequence(PREPARE_KEY), self)
        prepare.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        prepare.activated.connect(self.prepare_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

        self.empty = EmptyState()
        self.empty_label = self.empty.text
        self.clear_button = self.empty.add_button("&Clear filters", self.clear_filters)
        self.stack = empty_stack(self.table, self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addLayout(period)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.kind_filter, self.department_filter)
        self.setTabOrder(self.department_filter, self.contact_filter)
        self.setTabOrder(self.contact_filter, self.period)
        self.setTabOrder(self.period, self.since_edit)
        self.setTabOrder(self.since_edit, self.until_edit)
        self.setTabOrder(self.until_edit, self.table)
        self.setTabOrder(self.table, self.follow_up_button)
        self.setTabOrder(self.follow_up_button, self.log_button)

        self._show_custom_dates(False)
        self.refresh()

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(to_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMaximumDate(to_qdate(self.context.workspace.clock.today()))
        edit.dateChanged.connect(self.apply_filters)
        return edit

    def _fetch_page(self, shown: InteractionFilter, after: After) -> InteractionPage:
        return self.context.workspace.meeting_log.page(shown, after=after)

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read departments and the log, keeping the filters and the selected row."""
        selected = self.selected_interaction_id()
        self._fill_departments()
        self.model.reload()
        self._after_reload(selected)

    def _fill_departments(self) -> None:
        departments = self.context.workspace.departments.list()
        if not refill_choices(
            self.department_filter, "All departments", ((d.name, d.id) for d in departments)
        ):
            # The department was deleted: the log now shows every department again.
            self.model.set_filter(self.current_filter())

    def current_filter(self) -> InteractionFilter:
        """What the filter widgets ask for."""
        if self.period.currentIndex() == CUSTOM:
            since: date | None = from_qdate(self.since_edit.date())
            until: date | None = from_qdate(self.until_edit.date())
        else:
            since, until = period_days(
                self.period.currentIndex(), self.context.workspace.clock.today()
            )
        return InteractionFilter(
            kind=self.kind_filter.currentData(),
            department_id=self.department_filter.currentData(),
            contact_id=self._contact_id,
            since=since,
            until=until,
        )

    def apply_filters(self) -> None:
        """Show the rows the filter widgets ask for, from the newest."""
        self.filter_message.hide()
        try:
            self.model.set_filter(self.current_filter())
        except ValidationError as error:
            self.filter_message.setText(error.message[:1].upper() + error.message[1:] + ".")
            self.filter_message.show()
            return
        self._after_reload(None)

    def clear_filters(self) -> None:
        combos = (self.kind_filter, self.department_filter, self.period)
        with signals_blocked(*combos, self.contact_filter):
            for combo in combos:
                combo.setCurrentIndex(0)
            self.contact_filter.clear()
        self._show_custom_dates(False)
        self._contact_id = None
        self._contact_label = ""
        self.apply_filters()

    def _after_reload(self, selected: int | None) -> None:
        shown = self.model.shown
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            row = self.model.row_of(selected) if selected is not None else None
            if row is not None:
                self.table.selectRow(row)
        else:
            # One row of the unfiltered log tells "nothing logged" from "filtered away".
            anything = shown != InteractionFilter() and bool(
                self.context.workspace.meeting_log.page(limit=1).rows
            )
            self.empty.say(NO_MATCHES if anything else NO_MEETINGS)
            self.clear_button.setVisible(anything)
            self.stack.setCurrentWidget(self.empty)
        self._count(shown)

    def _count(self, shown: InteractionFilter) -> None:
        """Count on the database worker: over a million rows a filtered count can take a
        second, and the rows are already on screen. Only the newest request is shown."""
        self._count_ticket += 1
        ticket = self._count_ticket
        log = self.context.workspace.meeting_log
        loaded = None if self.model.canFetchMore() else self.model.rowCount()

        def count() -> tuple[int, int]:
            total = log.count()
            if shown == InteractionFilter():
                return total, total
            return (loaded if loaded is not None else log.count(shown)), total

        def show(counts: tuple[int, int]) -> None:
            if ticket != self._count_ticket:
                return
            matching, total = counts
            if shown == InteractionFilter():
                self.count_label.setText(f"{total:,} interaction{'' if total == 1 else 's'}")
            else:
                self.count_label.setText(f"{matching:,} of {total:,} interactions")

        self.context.op(count).success(show).failure(lambda error: show_error(self, error)).run()

    # -- the contact filter ----------------------------------------------------------------

    def _contact_typed(self, text: str) -> None:
        suggestions: list[ContactSuggestion] = (
            self.context.workspace.contacts.suggest(text, SUGGESTIONS) if text.strip() else []
        )
        self._suggested = {suggestion.label: suggestion.id for suggestion in suggestions}
        self.suggestions.setStringList(list(self._suggested))
        if suggestions:
            self.completer.complete()

    def _contact_text_changed(self, text: str) -> None:
        # Clearing the field, or typing over the chosen name, removes the person filter.
        if self._contact_id is not None and text != self._contact_label:
            self._contact_id = None
            self._contact_label = ""
            self.apply_filters()
        elif not text:
            self.filter_message.hide()

    def _choose_contact(self, label: str) -> None:
        contact_id = self._suggested.get(label)
        if contact_id is None:
            return
        self._contact_id = contact_id
        self._contact_label = label
        if self.contact_filter.text() != label:
            self.contact_filter.setText(label)
        self.apply_filters()

    def _choose_typed_contact(self) -> None:
        """Enter in the field: the person typed, else the first suggestion."""
        text = self.contact_filter.text().strip()
        if not text or (self._contact_id is not None and text == self._contact_label):
            return
        if text not in self._suggested:
            self._contact_typed(text)
        if not self._suggested:
            self.filter_message.setText(f"Nobody called “{text}” is in your contacts.")
            self.filter_message.show()
            return
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
        exact = next((label for label in self._suggested if label.lower() == text.lower()), None)
        self._choose_contact(exact or next(iter(self._suggested)))

    # -- the period ------------------------------------------------------------------------

    def _period_changed(self, period: int) -> None:
        if period == CUSTOM:
            # Start from the days the previous choice covered, so "Custom" refines it.
            shown = self.model.shown
            for edit, day in ((self.since_edit, shown.since), (self.until_edit, shown.until)):
                if day is not None:
                    with signals_blocked(edit):
                        edit.setDate(to_qdate(day))
        self._show_custom_dates(period == CUSTOM)
        self.apply_filters()

    def _show_custom_dates(self, shown: bool) -> None:
        for widget in (self.since_label, self.since_edit, self.until_label, self.until_edit):
            widget.setVisible(shown)

    # -- acting on rows --------------------------------------------------------------------

    def focus_filter(self) -> None:
        """The "/" key: the cursor in the person filter, its text selected."""
        self.contact_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.contact_filter.selectAll()

    def show_interaction(self, interaction_id: int) -> None:
        """Select one interaction, the log narrowed to its day alone: paging a million
        meetings down to an old one would take long."""
        meeting = self.context.workspace.interactions.get(interaction_id)
        edits = (self.since_edit, self.until_edit)
        combos = (self.kind_filter, self.department_filter)
        with signals_blocked(*combos, *edits, self.period, self.contact_filter):
            for combo in combos:
                combo.setCurrentIndex(0)
            self.contact_filter.clear()
            self.period.setCurrentIndex(CUSTOM)
            for edit in edits:
                edit.setDate(to_qdate(meeting.occurred_on))
        self._contact_id = None
        self._contact_label = ""
        self._show_custom_dates(True)
        self.apply_filters()
        while (row := self.model.row_of(interaction_id)) is None and self.model.canFetchMore():
            self.model.fetchMore(QModelIndex())
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, COL_DATE))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_interaction_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.interaction_id(rows[0].row()) if rows else None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_interaction(self.model.interaction_id(index.row()))

    def open_interaction(self, interaction_id: int) -> InteractionDialog:
        """Show one interaction for editing; saving or deleting refreshes the log."""
        dialog = InteractionDialog(self.context, interaction_id, self)
        dialog.exec()
        return dialog

    def _selection_changed(self) -> None:
        self.follow_up_button.setEnabled(self.selected_interaction_id() is not None)
        self.prepare_button.setEnabled(self.selected_interaction_id() is not None)

    def follow_up_selected(self) -> TaskDialog | None:
        """A new task for the selected meeting's people, titled from what was agreed (or
        what it was about), in the meeting's project."""
        interaction_id = self.selected_interaction_id()
        if interaction_id is None:
            return None
        meeting = self.context.workspace.interactions.get(interaction_id)
        dialog = TaskDialog(
            self.context,
            self,
            project_id=meeting.project_id,
            assignee_ids=[person.id for person in meeting.participants],
            title=follow_up_title(meeting.outcome, meeting.summary),
            notes=f"From the {kind_label(meeting.kind).lower()} on "
            f"{meeting.occurred_on.isoformat()}: {meeting.summary}",
        )
        dialog.exec()
        return dialog

    def prepare_selected(self) -> MeetingPrepDialog | None:
        """The meeting-prep brief on the selected meeting's people (the user left out)."""
        interaction_id = self.selected_interaction_id()
        if interaction_id is None:
            return None
        meeting = self.context.workspace.interactions.get(interaction_id)
        dialog = MeetingPrepDialog(self.context, [p.id for p in meeting.participants], self)
        dialog.exec()
        return dialog

    def delete_selected(self) -> None:
        """Delete key on a row: ask, then delete the interaction."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            row = self.model.row(rows[0].row())
            ask_delete_interaction(self, self.context, row.id, row.summary, row.occurred_on)
