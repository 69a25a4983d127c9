"""The Coverage view: how well the user is connected in each department — a tile per
department with a warning where the tie rests on one person or on nobody — and a chart of
interactions per department over the last twelve months."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.coverage import CHART_MONTHS, DepartmentCoverage, MonthlyInteractions
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.coverage_chart import CoverageChart
from deskbridge.ui.coverage_tiles import CoverageTiles
from deskbridge.ui.department_dialog import DepartmentDialog
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.page import Page

# What moves the chart; goals, projects and requests only change the tiles, so those
# changes leave the chart alone.
CHART_KINDS = frozenset({ChangeKind.DEPARTMENTS, ChangeKind.CONTACTS, ChangeKind.INTERACTIONS})
NO_DEPARTMENTS = "No departments yet"
NO_DEPARTMENTS_TEXT = (
    "Coverage shows, for each department, who you know there, when you last spoke and "
    "where everything hangs on a single person. Add a department to begin."
)
NO_INTERACTIONS = (
    "No interactions logged in the last 12 months. Log a meeting, call or coffee "
    "(Ctrl+L) and it shows here, in its department's colour."
)
CHART_TITLE = f"Interactions per department, last {CHART_MONTHS} months"
MIN_CHART_HEIGHT = 280
SECTION_STYLE = "font-size: 11pt; font-weight: 600;"


class CoverageView(Page):
    """Signals ``open_department(id)`` when a tile is opened (Enter, double click, or the
    Show contacts button)."""

    title = "Coverage"
    # Settings too: the default cadence moves who is overdue.
    shows = frozenset(
        {
            ChangeKind.DEPARTMENTS,
            ChangeKind.CONTACTS,
            ChangeKind.INTERACTIONS,
            ChangeKind.REQUESTS,
            ChangeKind.GOALS,
            ChangeKind.PROJECTS,
            ChangeKind.SETTINGS,
        }
    )

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._ticket = 0
        self._chart_ticket = 0
        self._hub_kinds: frozenset[ChangeKind] | None = None
        self._chart_stale = True
        self._rows: list[DepartmentCoverage] = []
        self._monthly: MonthlyInteractions | None = None

        self.heading = QLabel("Coverage")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        self.open_button = QPushButton("Show &contacts")
        self.open_button.setToolTip("The Contacts view, filtered to the chosen department (Enter)")
        self.open_button.clicked.connect(self.open_current)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addSpacing(12)
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.open_button)

        self.tiles = CoverageTiles()
        self.tiles.activated.connect(self.open_department)
        self.tiles.current_changed.connect(self._remember)
        self._current: int | None = None

        chart_heading = QLabel(CHART_TITLE)
        chart_heading.setStyleSheet(SECTION_STYLE)
        self.chart = CoverageChart()
        self.chart_empty = EmptyState(NO_INTERACTIONS)
        self.chart_empty.setMinimumHeight(160)
        self.quick_log_button = self.chart_empty.add_button(
            "&Quick log…", lambda: self.quick_log.emit([])
        )
        self.chart_stack = QStackedWidget()
        self.chart_stack.addWidget(self.chart)
        self.chart_stack.addWidget(self.chart_empty)

        self.tile_area = QScrollArea()
        self.tile_area.setWidgetResizable(True)
        self.tile_area.setFrameShape(QFrame.Shape.NoFrame)
        self.tile_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tile_area.setWidget(self.tiles)
        self.tile_area.setMinimumHeight(120)
        chart_section = QWidget()
        column = QVBoxLayout(chart_section)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(chart_heading)
        column.addWidget(self.chart_stack, 1)
        # Tiles above, chart below, the border between them movable: with dozens of
        # departments the tiles scroll while the chart stays in view.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tile_area)
        self.splitter.addWidget(chart_section)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self._sized = False

        self.empty = EmptyState(NO_DEPARTMENTS_TEXT, NO_DEPARTMENTS)
        self.empty_add_button = self.empty.add_button("&Add department…", self.add_department)
        self.stack = empty_stack(self.splitter, self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._update_buttons()
        self.read_when_shown()

    # -- reading ---------------------------------------------------------------------------

    def _changed(self, kinds: frozenset[ChangeKind]) -> None:
        # Remember what changed while the page decides whether to re-read, so refresh()
        # can leave the chart alone when nothing it counts moved.
        if kinds & CHART_KINDS:
            self._chart_stale = True
        self._hub_kinds = kinds
        try:
            super()._changed(kinds)
        finally:
            self._hub_kinds = None

    def refresh(self) -> None:
        """Re-read the tiles, and the chart unless only asks, goals or projects changed."""
        self._ticket += 1
        ticket = self._ticket
        coverage = self.context.workspace.coverage
        today = self.context.workspace.clock.today()

        def show(rows: list[DepartmentCoverage]) -> None:
            if ticket == self._ticket:
                self._show(rows, today)

        self.context.op(lambda: coverage.departments(today)).success(show).failure(
            lambda error: show_error(self, error)
        ).run()
        if self._hub_kinds is None or self._chart_stale:
            self._read_chart(today)

    def _read_chart(self, today: date) -> None:
        self._chart_stale = False
        self._chart_ticket += 1
        ticket = self._chart_ticket
        coverage = self.context.workspace.coverage

        def show(monthly: MonthlyInteractions) -> None:
            if ticket == self._chart_ticket:
                self._show_chart(monthly)

        # Its own job, after the tiles: read from the maintained monthly counts it costs about
        # a millisecond, but a failure here should not keep the tiles from showing.
        self.context.op(lambda: coverage.monthly_interactions(today)).success(show).failure(
            lambda error: show_error(self, error)
        ).run()

    def _show(self, rows: list[DepartmentCoverage], today: date) -> None:
        self._rows = rows
        keep = self._current
        had_focus = self.tiles.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        self.tiles.set_rows(rows, today)
        self.stack.setCurrentWidget(self.splitter if rows else self.empty)
        if rows and not self._sized:
            self._share_height()
        self.open_button.setVisible(bool(rows))
        self.summary.setText(self._summary_text(rows))
        if keep is None or self.tiles.tile(keep) is None:
            self._current = rows[0].id if rows else None
        if had_focus and not (keep is not None and self.tiles.select(keep)):
            self.tiles.focus_first()
        self._update_buttons()

    def _show_chart(self, monthly: MonthlyInteractions) -> None:
        if monthly == self._monthly:
            return  # redrawing the same bars costs ~15 ms of the GUI thread
        self._monthly = monthly
        self.chart.show_months(monthly)
        has_bars = monthly.total > 0
        self.chart_stack.setCurrentWidget(self.chart if has_bars else self.chart_empty)

    def _share_height(self) -> None:
        """Give the tiles the height they need, up to three fifths of the page; the chart
        the rest. Once: after that the user's own split stands."""
        total = self.splitter.height()
        if not self.splitter.isVisible() or total < 2 * MIN_CHART_HEIGHT:
            return
        self._sized = True
        wanted = self.tiles.height_for(self.tile_area.viewport().width())
        tiles = min(wanted + 2, total * 3 // 5, total - MIN_CHART_HEIGHT)
        self.splitter.setSizes([tiles, total - tiles])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._sized and self._rows:
            self._share_height()

    @staticmethod
    def _summary_text(rows: list[DepartmentCoverage]) -> str:
        if not rows:
            return ""
        count = "1 department" if len(rows) == 1 else f"{len(rows):,} departments"
        alone = sum(1 for r in rows if r.warning is not None)
        if not alone:
            return f"{count} · every one has two or more contacts"
        needs = "1 needs" if alone == 1 else f"{alone:,} need"
        return f"{count} · {needs} another contact"

    def rows(self) -> list[DepartmentCoverage]:
        return list(self._rows)

    # -- acting ----------------------------------------------------------------------------

    def show_department(self, department_id: int) -> None:
        """Put the focus on this department's tile (once read)."""
        self._current = department_id
        self.tiles.select(department_id)
        self._update_buttons()

    def focus_tiles(self) -> None:
        if self._current is None or not self.tiles.select(self._current):
            self.tiles.focus_first()

    def open_current(self) -> None:
        """Open the chosen department (the focused tile, else the last one focused)."""
        chosen = self.tiles.current_id() or self._current
        if chosen is not None:
            self.open_department.emit(chosen)

    def add_department(self) -> None:
        dialog = DepartmentDialog(self.context, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self._current = dialog.result_value.id

    def _remember(self, department_id: int) -> None:
        self._current = department_id
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self._current is not None and bool(self._rows))
