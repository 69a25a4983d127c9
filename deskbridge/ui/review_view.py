"""Review, the weekly review: this week's queue of relationships, asks, tasks, goals and
projects that need a word, worked down with one key per action, then finished.

The queue on the left is grouped by kind; the current item's details and actions are on
the right. L, S, T, N, C, D and K act on it (the actions that fit its kind), Enter opens
it, Up and Down move. An action that has a dialog opens it filled in; once it succeeds
the item is handled and the next one takes its place. Ctrl+Enter finishes the review.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.records import GoalRecord
from deskbridge.review_items import ReviewAction, ReviewItem, ReviewKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.empty_state import EmptyState
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.list_table import plain_key
from deskbridge.ui.page import Page
from deskbridge.ui.review_history import ReviewHistoryPanel, week_title
from deskbridge.ui.review_item import KEYS, KINDS, ReviewItemPane
from deskbridge.ui.snooze import ask_snooze_until
from deskbridge.ui.view_actions import action_button, confirmed
from deskbridge.weekly_review import ReviewHistory, ReviewQueue

ItemRole = Qt.ItemDataRole.UserRole + 1  # the item's place in the queue, on item rows only
WORK, CAUGHT_UP, BLANK = range(3)
CONTACT_KINDS = {
    ReviewKind.STALE_CONTACT,
    ReviewKind.GOING_STALE_CONTACT,
    ReviewKind.OVERDUE_CONTACT,
}
REQUEST_KINDS = {ReviewKind.OVERDUE_REQUEST, ReviewKind.UNTHANKED_ANSWER, ReviewKind.OPEN_REQUEST}
TASK_KINDS = {ReviewKind.OVERDUE_TASK, ReviewKind.WAITING_TASK}
FINISH = "Finish review (Ctrl+Enter)"
BLANK_TEXT = (
    "Once a week, the review walks you through relationships going stale, asks waiting for "
    "an answer or your thanks, overdue joint tasks, and goals and projects gone quiet. Add "
    "the colleagues you work with in Contacts (Ctrl+N) to get started."
)


def is_finish_key(event: QEvent) -> bool:
    """Ctrl+Enter (either Enter key), which finishes the review from anywhere on the page."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    )


class ReviewView(Page):
    """The weekly review. :meth:`start_review` focuses the first item."""

    title = "Review"
    shows = frozenset(
        {
            ChangeKind.CONTACTS,
            ChangeKind.INTERACTIONS,
            ChangeKind.REQUESTS,
            ChangeKind.TASKS,
            ChangeKind.GOALS,
            ChangeKind.PROJECTS,
            ChangeKind.SETTINGS,
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.queue: ReviewQueue | None = None
        self.history: ReviewHistory | None = None
        self.items: list[ReviewItem] = []
        self._rows: list[QTreeWidgetItem] = []
        self._position = 0
        self._acting = False  # a dialog's own change is re-read once the item is handled
        self._focus_queue = False

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(220)
        self.progress.setTextVisible(True)
        self.finish_button = action_button(
            FINISH, "Store this week's review with what you did", self.finish
        )
        self.finish_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.progress)
        header.addWidget(self.finish_button)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._work_page())
        self.stack.addWidget(self._caught_up_page())
        self.blank = EmptyState(BLANK_TEXT, "Nothing to review yet")
        self.stack.addWidget(self.blank)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.finish)
        self.setFocusProxy(self.tree)
        self.read_when_shown()

    def _work_page(self) -> QWidget:
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("This week's review queue")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 250)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(lambda _item, _column: self.open_current())
        # Seen before the tree's own keys: letters would jump to a row, Up would land on a
        # section's heading.
        self.tree.installEventFilter(self)

        self.pane = ReviewItemPane()
        self.pane.chosen.connect(self.act)
        self.pane.open_item.connect(self.open_current)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _caught_up_page(self) -> QWidget:
        self.caught_up = EmptyState()
        self.caught_up_finish = self.caught_up.add_button(FINISH, self.finish)
        self.caught_up_finish.installEventFilter(self)
        self.history_panel = ReviewHistoryPanel()
        # The history reads as a column under the message, not a table across the window.
        self.history_panel.setMaximumWidth(880)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.history_panel, 4)
        centred.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.caught_up, 2)
        column.addLayout(centred, 3)
        return page

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the queue and the history, keeping the user's place in the queue."""
        workspace = self.context.workspace

        def read() -> tuple[ReviewQueue, ReviewHistory, bool]:
            queue = workspace.review.queue()
            blank = not queue.items and not queue.done and workspace.is_new()
            return queue, workspace.review.history(), blank

        self.context.op(read).success(self._show).failure(self._failed).run()

    def _show(self, read: tuple[ReviewQueue, ReviewHistory, bool]) -> None:
        queue, history, blank = read
        self.queue, self.history = queue, history
        self.heading.setText(week_title(queue.starts_on))
        self.progress.setRange(0, max(queue.total, 1))
        self.progress.setValue(queue.done if queue.total else 1)
        self.progress.setFormat(f"{queue.done} of {queue.total} done")
        self.progress.setVisible(not blank)
        self._fill_tree(queue)
        self.history_panel.show_history(history)
        self.history_panel.setVisible(bool(history.reviews))
        if blank:
            self.stack.setCurrentIndex(BLANK)
        elif self.items:
            self.stack.setCurrentIndex(WORK)
            self.select(min(self._position, len(self.items) - 1))
        else:
            self._show_caught_up(queue)
        self.finish_button.setVisible(bool(self.items))
        if self._focus_queue:
            self._focus_queue = False
            (self.tree if self.items else self.caught_up_finish).setFocus()

    def _show_caught_up(self, queue: ReviewQueue) -> None:
        self.stack.setCurrentIndex(CAUGHT_UP)
        self.pane.show_item(None)
        handled = f"{queue.done} item{'' if queue.done == 1 else 's'} handled"
        if queue.finished_at is None:
            self.caught_up.say(
                f"Everything in this week's review is handled ({handled}). Finish the review "
                "to record it and keep your streak going.",
                "All caught up",
            )
            self.caught_up_finish.show()
            self.caught_up_finish.setFocus()
        else:
            done_at = queue.finished_at
            self.caught_up.say(
                f"Finished {done_at:%A} at {done_at:%H:%M} with {handled}. Anything that comes "
                "up before Sunday appears here again.",
                "This week's review is done",
            )
            self.caught_up_finish.hide()

    def _fill_tree(self, queue: ReviewQueue) -> None:
        self.tree.clear()
        self.items, self._rows = [], []
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for section in queue.sections:
            if not section.items and not section.more:
                continue
            text = KINDS[section.kind]
            count = len(section.items) + section.more
            heading = QTreeWidgetItem(self.tree, [f"{text.section} · {count:,}", ""])
            heading.setFont(0, bold)
            heading.setFirstColumnSpanned(True)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for item in section.items:
                row = QTreeWidgetItem(heading, [item.title, item.detail])
                row.setData(0, ItemRole, len(self.items))
                row.setToolTip(1, item.detail)
                self.items.append(item)
                self._rows.append(row)
            if section.more:
                more = QTreeWidgetItem(heading, [f"and {section.more:,} more — see {text.view}"])
                more.setFirstColumnSpanned(True)
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                more.setForeground(0, self.tree.palette().placeholderText())
        self.tree.expandAll()

    def _failed(self, error: BaseException) -> None:
        self._acting = False
        show_error(self, error)

    def _changed(self, kinds: frozenset[ChangeKind]) -> None:
        if not self._acting:
            super()._changed(kinds)

    # -- moving through the queue ----------------------------------------------------------

    def current_item(self) -> ReviewItem | None:
        return self.pane.item

    def select(self, position: int) -> None:
        """Make the item at ``position`` in the queue the current one."""
        if not self.items:
            return
        self._position = min(max(position, 0), len(self.items) - 1)
        row = self._rows[self._position]
        self.tree.setCurrentItem(row)
        self.tree.scrollToItem(row)
        self.pane.show_item(self.items[self._position])

    def start_review(self) -> None:
        """Read the queue afresh and put the keyboard on its first item."""
        self._position = 0
        self._focus_queue = True
        self.refresh()

    def _clicked(self, row: QTreeWidgetItem, _column: int) -> None:
        position = row.data(0, ItemRole)
        if isinstance(position, int):
            self.select(position)
        elif self.items:
            self.select(self._position)  # a heading was clicked: stay where the user was

    # -- actions ---------------------------------------------------------------------------

    def act(self, action: ReviewAction) -> None:
        """Carry out ``action`` on the current item (when it fits the item's kind)."""
        item = self.current_item()
        if item is None or not self.pane.offers(action):
            return
        handlers: dict[ReviewAction, Callable[[ReviewItem], None]] = {
            ReviewAction.LOG_TOUCH: self._log_touch,
            ReviewAction.SNOOZE: self._snooze,
            ReviewAction.THANK: self._thank,
            ReviewAction.NUDGE: self._nudge,
            ReviewAction.CHECK_IN: self._check_in,
            ReviewAction.DONE: self._done,
            ReviewAction.SKIP: lambda chosen: self._handled(chosen, ReviewAction.SKIP),
        }
        handlers[action](item)

    def _handled(
        self,
        item: ReviewItem,
        action: ReviewAction,
        job: Callable[[], Any] | None = None,
        kinds: tuple[ChangeKind, ...] = (),
    ) -> None:
        """Run ``job`` (the action's own operation, if it has no dialog) and count the item
        handled, in one operation; then re-read, so the next item takes its place."""
        review = self.context.workspace.review

        def run() -> None:
            if job is not None:
                job()
            review.handle(item.key, action)

        self._acting = True

        def done(_result: object) -> None:
            self._acting = False
            self.refresh()

        self.context.op(run).changes(*kinds).success(done).failure(self._failed).run()

    def _after_dialog(self, dialog: QDialog, item: ReviewItem, action: ReviewAction) -> None:
        self._acting = True
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._acting = False
        if accepted:
            self._handled(item, action)
        self.tree.setFocus()

    def _log_touch(self, item: ReviewItem) -> None:
        from deskbridge.ui.quick_log_dialog import QuickLogDialog

        dialog = QuickLogDialog(
            self.context, self, participant_ids=item.people, project_id=item.project_id
        )
        self._after_dialog(dialog, item, ReviewAction.LOG_TOUCH)

    def _thank(self, item: ReviewItem) -> None:
        from deskbridge.ui.request_dialogs import ThankDialog

        self._after_dialog(ThankDialog(self.context, item.id, self), item, ReviewAction.THANK)

    def _nudge(self, item: ReviewItem) -> None:
        from deskbridge.ui.request_dialogs import NudgeDialog

        self._after_dialog(NudgeDialog(self.context, item.id, self), item, ReviewAction.NUDGE)

    def _check_in(self, item: ReviewItem) -> None:
        from deskbridge.ui.checkin_dialog import CheckinDialog

        goals = self.context.workspace.goals

        def ask(goal: GoalRecord) -> None:
            self._after_dialog(CheckinDialog(self.context, goal, self), item, ReviewAction.CHECK_IN)

        self.context.op(lambda: goals.get(item.id)).success(ask).failure(self._failed).run()

    def _snooze(self, item: ReviewItem) -> None:
        button = self.pane.buttons[ReviewAction.SNOOZE]
        at = button.mapToGlobal(button.rect().bottomLeft())
        until = ask_snooze_until(self.context.workspace.clock.today(), self, at)
        if until is None:
            return
        contacts = self.context.workspace.contacts
        self._handled(
            item,
            ReviewAction.SNOOZE,
            lambda: contacts.snooze(item.id, until),
            (ChangeKind.CONTACTS,),
        )

    def _done(self, item: ReviewItem) -> None:
        tasks = self.context.workspace.tasks
        self._handled(
            item,
            ReviewAction.DONE,
            lambda: tasks.complete(item.id),
            (ChangeKind.TASKS, ChangeKind.CONTACTS),
        )

    def open_current(self) -> None:
        """Show the current item's contact, request, goal or project in its view (a task
        opens in its dialog)."""
        item = self.current_item()
        if item is None:
            return
        if item.kind in CONTACT_KINDS:
            self.open_contact.emit(item.id)
        elif item.kind in REQUEST_KINDS:
            self.open_request.emit(item.id)
        elif item.kind is ReviewKind.GOAL_NEEDS_CHECKIN:
            self.open_goal.emit(item.id)
        elif item.kind is ReviewKind.QUIET_PROJECT:
            self.open_project.emit(item.id)
        elif item.kind in TASK_KINDS:
            from deskbridge.ui.task_dialog import TaskDialog

            TaskDialog(self.context, self, task_id=item.id).exec()

    def finish(self) -> None:
        """Store this week's review; with items left, ask first."""
        queue = self.queue
        if queue is None or self.stack.currentIndex() == BLANK:
            return
        left = len(queue.items)
        if left and not confirmed(
            self,
            "Finish the review",
            f"{left} item{'' if left == 1 else 's'} still in the queue. Finish this week's "
            "review anyway? Whatever still needs attention comes back next week.",
        ):
            return
        review = self.context.workspace.review
        self._focus_queue = True
        self.context.op(review.finish).success(lambda _past: self.refresh()).failure(
            self._failed
        ).run()

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_finish_key(event):
            self.finish()
            return True
        key = plain_key(event) if watched is self.tree else None
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.select(self._position + (1 if key == Qt.Key.Key_Down else -1))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return True
        if key in KEYS:
            self.act(KEYS[key])
            return True
        return super().eventFilter(watched, event)
