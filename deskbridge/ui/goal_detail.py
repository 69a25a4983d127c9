"""The pane beside the goals table: one goal in full, its progress chart and check-ins,
the projects serving it and the people behind it, and what can be done to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.goals import GoalPerson, LinkedProject
from deskbridge.records import CheckinRecord, GoalRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.chart_style import is_dark
from deskbridge.ui.checkin_dialog import CheckinDialog
from deskbridge.ui.contact_detail import relative_day
from deskbridge.ui.detail_pane import (
    MUTED,
    badge_style,
    heading,
    invitation,
    muted,
    pane_stack,
    pane_title,
    scrolling,
)
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.goal_chart import GoalChart
from deskbridge.ui.goal_dialog import health_choice
from deskbridge.ui.goals_model import HEALTH_COLOURS, STATUS_LABELS
from deskbridge.ui.table_delegates import colour_dot

ADD_CHECKIN_KEY = "Ctrl+Shift+I"
ItemIdRole = Qt.ItemDataRole.UserRole + 1
CLOSING = (("achieved", "Mark &achieved"), ("missed", "Mark &missed"), ("dropped", "Dro&p"))


@dataclass(frozen=True)
class GoalDetails:
    """Everything the pane shows about one goal, read in one operation."""

    goal: GoalRecord
    projects: tuple[LinkedProject, ...]
    people: tuple[GoalPerson, ...]


def amount(value: float, decimals: int | None = None) -> str:
    """1,000 / 12.5 / 0.25: grouped, without trailing zeros unless ``decimals`` is given."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def decimals_of(values: list[float]) -> int:
    """How many decimals the most precise of ``values`` needs (up to 2), so a column of
    them lines up."""
    return max((len(amount(v).partition(".")[2]) for v in values), default=0)


def with_unit(value: float, unit: str, decimals: int | None = None) -> str:
    figure = amount(value, decimals)
    if not unit:
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"


def metric_text(goal: GoalRecord) -> str:
    """'Qualified leads: 640 of 1,000 leads (64%)'; a falling target says so."""
    now = goal.latest_value
    if goal.target >= goal.baseline:
        figures = f"{amount(now)} of {with_unit(goal.target, goal.metric_unit)}"
    else:
        figures = (
            f"{with_unit(now, goal.metric_unit)}, down from {amount(goal.baseline)} "
            f"towards {amount(goal.target)}"
        )
    return f"{goal.metric_name}: {figures} ({goal.percent}%)"


def link_colour(palette: QPalette) -> str:
    """The palette's link colour, lightened where a dark palette left it dark blue."""
    colour = palette.color(QPalette.ColorRole.Link)
    if is_dark(palette) and colour.lightness() < 140:
        colour = colour.lighter(220) if colour.lightness() > 40 else QColor("#8ab4f8")
    return colour.name()


def fitted_list() -> QListWidget:
    """A short list that grows with its rows instead of scrolling inside the pane."""
    view = QListWidget()
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setWordWrap(True)
    view.setStyleSheet("QListWidget { background: transparent; }")
    return view


def fit_height(view: QListWidget) -> None:
    rows = sum(view.sizeHintForRow(n) for n in range(view.count()))
    view.setFixedHeight(rows + 2 * view.frameWidth() + 2)


def muted_note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED)
    return label


class GoalDetail(QWidget):
    """Shows one goal (:meth:`show_details`) or an invitation to pick one.

    Check-ins, status and health change here; editing and deleting the goal are asked of
    the view, which shares them with its own buttons."""

    open_contact = Signal(int)
    open_project = Signal(int)
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.details: GoalDetails | None = None
        self.setMinimumWidth(380)
        self.empty = invitation("Select a goal to see its progress")
        self.stack = pane_stack(self, self.empty, scrolling(self._build_card()))
        self.show_nothing()

    # -- layout ----------------------------------------------------------------------------

    def _build_card(self) -> QWidget:
        card = QWidget()
        column = QVBoxLayout(card)
        column.setContentsMargins(12, 8, 12, 12)

        self.title_label = pane_title()
        self.status_label = QLabel()
        self.health = health_choice(None)
        self.health.setToolTip("How the goal is going, in your judgement")
        self.health.activated.connect(self._health_chosen)
        health_caption = QLabel("&Health:")
        health_caption.setBuddy(self.health)
        badges = QHBoxLayout()
        badges.addWidget(self.status_label)
        badges.addStretch(1)
        badges.addWidget(health_caption)
        badges.addWidget(self.health)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(10)
        # Row 3 is left for the progress bar, under the metric it draws.
        rows = {"Owner": 0, "Departments": 1, "Metric": 2, "Due": 4, "Started": 5}
        for name, row in rows.items():
            caption = QLabel(f"{name}:")
            caption.setStyleSheet(MUTED)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextBrowserInteraction
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.fields[name] = value
        self.fields["Owner"].linkActivated.connect(self._link)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        grid.addWidget(self.progress, 3, 1)

        self.close_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for status, text in CLOSING:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=status: self.set_status(s))
            self.close_buttons[status] = button
            actions.addWidget(button)
        self.reopen_button = QPushButton("&Reopen")
        self.reopen_button.setToolTip("Set the goal back to active, to take check-ins again")
        self.reopen_button.clicked.connect(lambda: self.set_status("active"))
        actions.addWidget(self.reopen_button)
        actions.addStretch(1)
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.clicked.connect(lambda: self._for_goal(self.edit_requested.emit))
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(lambda: self._for_goal(self.delete_requested.emit))
        # Beside the title, so the status row stays narrow enough for a half-width pane.
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)

        self.chart = GoalChart()

        self.add_checkin_button = QPushButton("Add chec&k-in…")
        self.add_checkin_button.setToolTip(f"Record where the metric stands ({ADD_CHECKIN_KEY})")
        self.add_checkin_button.clicked.connect(self.add_checkin)
        self.delete_checkin_button = QPushButton("Delete check-in")
        self.delete_checkin_button.setToolTip("Take back the selected check-in (Delete)")
        self.delete_checkin_button.clicked.connect(self.delete_checkin)
        checkin_bar = QHBoxLayout()
        checkin_bar.addWidget(heading("Check-ins"))
        checkin_bar.addStretch(1)
        checkin_bar.addWidget(self.add_checkin_button)
        checkin_bar.addWidget(self.delete_checkin_button)
        self.checkins = QTableWidget(0, 3)
        self.checkins.setHorizontalHeaderLabels(("Date", "Value", "Note"))
        self.checkins.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checkins.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checkins.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checkins.verticalHeader().hide()
        self.checkins.setAlternatingRowColors(True)
        header = self.checkins.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.checkins.itemSelectionChanged.connect(self._update_buttons)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.checkins)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_checkin)
        self.no_checkins = muted_note("No check-ins yet. Add one whenever the figure moves.")

        self.projects = fitted_list()
        self.projects.itemActivated.connect(
            lambda item: self.open_project.emit(int(item.data(ItemIdRole)))
        )
        self.no_projects = muted_note("No project serves this goal yet. Link one from Projects.")
        self.people = fitted_list()
        self.people.itemActivated.connect(
            lambda item: self.open_contact.emit(int(item.data(ItemIdRole)))
        )
        self.no_people = muted_note("Nobody yet: give the goal an owner, or link a project.")

        column.addLayout(title_row)
        column.addLayout(badges)
        column.addWidget(self.description)
        column.addLayout(grid)
        column.addLayout(actions)
        column.addWidget(heading("Progress"))
        column.addWidget(self.chart)
        column.addLayout(checkin_bar)
        column.addWidget(self.checkins)
        column.addWidget(self.no_checkins)
        column.addWidget(heading("Projects serving it"))
        column.addWidget(self.projects)
        column.addWidget(self.no_projects)
        column.addWidget(heading("People behind it"))
        column.addWidget(self.people)
        column.addWidget(self.no_people)
        column.addStretch(1)
        return card

    # -- showing ---------------------------------------------------------------------------

    def show_nothing(self, text: str = "Select a goal to see its progress") -> None:
        self.details = None
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def show_details(self, details: GoalDetails) -> None:
        self.details = details
        goal = details.goal
        today = self.context.workspace.clock.today()
        self.title_label.setText(goal.title)
        self._show_status(goal.status)
        self.health.setCurrentIndex(max(self.health.findData(goal.health), 0))
        self.description.setText(goal.description)
        self.description.setVisible(bool(goal.description))
        owner = self.fields["Owner"]
        if goal.owner_id is not None and goal.owner_name:
            owner.setText(
                f"<a href='contact:{goal.owner_id}' style='color:{link_colour(self.palette())}'>"
                f"{escape(goal.owner_name)}</a>"
            )
            owner.setToolTip("Open in Contacts")
        else:
            owner.setText(muted("nobody yet"))
            owner.setToolTip("")
        self.fields["Departments"].setText(
            "&nbsp;&nbsp; ".join(
                f"<span style='color:{d.colour}'>●</span>&nbsp;{escape(d.name)}"
                for d in goal.departments
            )
            or muted("none chosen")
        )
        self.fields["Metric"].setText(escape(metric_text(goal)))
        self.progress.setValue(min(goal.percent, 100))
        self.progress.setToolTip(f"{goal.percent}% of the way from the baseline to the target")
        self.fields["Due"].setText(self._due(goal.due_on, today))
        self.fields["Started"].setText(
            f"{goal.starts_on.isoformat()} · baseline {with_unit(goal.baseline, goal.metric_unit)}"
        )
        self.chart.show_goal(goal)
        self._show_checkins(goal)
        self._show_projects(details.projects)
        self._show_people(details.people)
        self._update_buttons()
        self.stack.setCurrentIndex(1)

    @staticmethod
    def _due(day: date | None, today: date) -> str:
        if day is None:
            return muted("no due date")
        return f"{day.isoformat()} ({relative_day(day, today)})"

    def _show_status(self, status: str) -> None:
        label = STATUS_LABELS.get(status, status)
        colour = HEALTH_COLOURS["on_track"] if status == "achieved" else None
        # A closed goal that was not achieved is quiet: an outline with grey text.
        self.status_label.setText(label)
        self.status_label.setStyleSheet(badge_style(colour, quiet=status != "active"))

    def _show_checkins(self, goal: GoalRecord) -> None:
        table = self.checkins
        newest_first: list[CheckinRecord] = list(reversed(goal.checkins))
        decimals = decimals_of([c.value for c in newest_first])
        table.setRowCount(len(newest_first))
        for row, checkin in enumerate(newest_first):
            cells = (
                checkin.checked_on.isoformat(),
                with_unit(checkin.value, goal.metric_unit, decimals),
                checkin.note,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ItemIdRole, checkin.id)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        shown_rows = min(len(newest_first), 8)
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(n) for n in range(shown_rows))
        table.setFixedHeight(height)
        table.setVisible(bool(newest_first))
        self.no_checkins.setVisible(not newest_first)

    def _show_projects(self, projects: tuple[LinkedProject, ...]) -> None:
        self.projects.clear()
        for project in projects:
            item = QListWidgetItem(f"{project.name}  ·  {project.status.replace('_', ' ')}")
            item.setData(ItemIdRole, project.id)
            item.setToolTip("Enter or double-click opens it in Projects")
            self.projects.addItem(item)
        fit_height(self.projects)
        self.projects.setVisible(bool(projects))
        self.no_projects.setVisible(not projects)

    def _show_people(self, people: tuple[GoalPerson, ...]) -> None:
        self.people.clear()
        for person in people:
            where = f" ({person.department})" if person.department else ""
            item = QListWidgetItem(f"{person.name}{where} — {', '.join(person.roles)}")
            if person.department_colour:
                item.setIcon(colour_dot(person.department_colour))
            item.setData(ItemIdRole, person.id)
            item.setToolTip("Enter or double-click opens them in Contacts")
            self.people.addItem(item)
        fit_height(self.people)
        self.people.setVisible(bool(people))
        self.no_people.setVisible(not people)

    def _update_buttons(self) -> None:
        goal = self.details.goal if self.details else None
        active = goal is not None and goal.status == "active"
        # Only the moves the status allows are shown: a narrow pane has room for three.
        for button in self.close_buttons.values():
            button.setEnabled(active)
            button.setVisible(active)
        self.reopen_button.setEnabled(goal is not None and not active)
        self.reopen_button.setVisible(goal is not None and not active)
        self.add_checkin_button.setEnabled(active)
        self.delete_checkin_button.setEnabled(active and self.selected_checkin() is not None)
        why = "" if active else "Reopen the goal to change its check-ins"
        self.add_checkin_button.setToolTip(
            why or f"Record where the metric stands ({ADD_CHECKIN_KEY})"
        )

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        # Wrapped list rows change height with the width.
        for view in (self.projects, self.people):
            fit_height(view)

    # -- acting ----------------------------------------------------------------------------

    def selected_checkin(self) -> int | None:
        items = self.checkins.selectedItems()
        return int(items[0].data(ItemIdRole)) if items else None

    def add_checkin(self) -> None:
        """Ask for a check-in on the shown goal (only an active goal takes them)."""
        if self.details is None or self.details.goal.status != "active":
            return
        dialog = CheckinDialog(self.context, self.details.goal, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self._replace_goal(dialog.result_value)

    def delete_checkin(self) -> None:
        checkin_id = self.selected_checkin()
        if self.details is None or checkin_id is None:
            return
        goals = self.context.workspace.goals
        self._run(lambda: goals.delete_checkin(checkin_id))

    def set_status(self, status: str) -> None:
        if self.details is None:
            return
        goals, goal_id = self.context.workspace.goals, self.details.goal.id
        self._run(lambda: goals.set_status(goal_id, status))

    def _health_chosen(self) -> None:
        if self.details is None:
            return
        health = self.health.currentData()
        if health == self.details.goal.health:
            return
        goals, goal_id = self.context.workspace.goals, self.details.goal.id
        self._run(lambda: goals.set_health(goal_id, health))

    def _run(self, job: Callable[[], GoalRecord]) -> None:
        def failed(error: BaseException) -> None:
            show_error(self, error)
            if self.details is not None:  # put the health selector back, for one
                self.show_details(self.details)

        self.context.op(job).changes(ChangeKind.GOALS).success(self._replace_goal).failure(
            failed
        ).run()

    def _replace_goal(self, goal: GoalRecord) -> None:
        if self.details is not None and self.details.goal.id == goal.id:
            self.show_details(GoalDetails(goal, self.details.projects, self.details.people))

    def _for_goal(self, emit: Callable[[int], object]) -> None:
        if self.details is not None:
            emit(self.details.goal.id)

    def _link(self, href: str) -> None:
        kind, _, key = href.partition(":")
        if kind == "contact":
            self.open_contact.emit(int(key))
