"""A goal's progress chart: the check-ins, the target, and the straight path from the
baseline on the start day to the target on the due day, so a glance says ahead or behind."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import QCategoryAxis, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QEvent, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPalette, QPen
from PySide6.QtWidgets import QWidget

from deskbridge.records import GoalRecord
from deskbridge.ui.chart_style import follow_palette, plain_chart
from deskbridge.ui.snooze import from_qdate, to_qdate

# (light, dark): each readable on the palette's window colour of that kind.
ACTUAL_COLOURS = ("#1565c0", "#64b5f6")
TARGET_COLOURS = ("#2e7d32", "#81c784")
PLAN_COLOURS = ("#8d6e63", "#bcaaa4")
NO_CHECKINS = "No check-ins yet: add one to see progress against the plan"
# Without a due date the chart still needs a span to draw the target over.
MIN_SPAN = timedelta(days=30)
Point = tuple[date, float]


def to_msecs(day: date) -> float:
    # Noon, so no time zone moves the point onto the day before or after.
    return float(QDateTime(to_qdate(day), QTime(12, 0)).toMSecsSinceEpoch())


def from_msecs(msecs: float) -> date:
    return from_qdate(QDateTime.fromMSecsSinceEpoch(round(msecs)).date())


def month_ticks(first: date, last: date) -> list[date]:
    """First days of months between ``first`` and ``last``, every one, two, three or six
    months, so at most about seven labels share the axis."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((n for n in (1, 2, 3, 6) if months / n <= 7), 12)
    ticks: list[date] = []
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > last:
            return ticks
        if (year * 12 + month - 1) % step == 0:
            ticks.append(day)


def week_ticks(first: date, last: date) -> list[date]:
    """Mondays between ``first`` and ``last``, a week or more apart: at most seven."""
    monday = first + timedelta(days=(7 - first.weekday()) % 7 or 7)
    step = 7 * -(-(last - first).days // 49)
    return [monday + timedelta(days=n) for n in range(0, (last - monday).days + 1, step)]


def value_range(values: list[float]) -> tuple[float, float]:
    """The span of ``values`` with some air above and below, never empty."""
    low, high = min(values), max(values)
    air = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    return low - air, high + air


class GoalChart(QChartView):
    """Shows one goal with :meth:`show_goal`. Tests read the lines it draws through
    :meth:`actual_points`, :meth:`target_points` and :meth:`plan_points`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = plain_chart(self, min_height=280)
        self._chart = chart

        self.actual = QLineSeries()
        self.actual.setName("Check-ins")
        self.actual.setPointsVisible(True)  # a single check-in still shows, as a dot
        self.target = QLineSeries()
        self.target.setName("Target")
        self.plan = QLineSeries()
        self.plan.setName("Planned path")
        # Category labels on exact days: a date-time axis spaces its ticks evenly in time,
        # so month names landed on uneven days ("Jul, Aug, Oct").
        self.x_axis = QCategoryAxis()
        self.x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.y_axis = QValueAxis()
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.plan, self.target, self.actual):
            chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        self._style()

    # -- what it shows ---------------------------------------------------------------------

    def show_goal(self, goal: GoalRecord) -> None:
        start = goal.starts_on
        days = [start] + [c.checked_on for c in goal.checkins]
        if goal.due_on is not None:
            days.append(goal.due_on)
        end = max(max(days), start + MIN_SPAN)

        self.actual.replace([QPointF(to_msecs(c.checked_on), c.value) for c in goal.checkins])
        self.target.replace(
            [QPointF(to_msecs(start), goal.target), QPointF(to_msecs(end), goal.target)]
        )
        plan = []
        if goal.due_on is not None and goal.due_on > start:
            plan = [
                QPointF(to_msecs(start), goal.baseline),
                QPointF(to_msecs(goal.due_on), goal.target),
            ]
        self.plan.replace(plan)
        # A legend entry for a line that is not drawn would only puzzle.
        self._chart.legend().markers(self.plan)[0].setVisible(bool(plan))

        padding = max(timedelta(days=3), (end - start) / 30)
        first, last = start - padding, end + padding
        self._date_labels(first, last)

        values = [goal.baseline, goal.target, *(c.value for c in goal.checkins)]
        low, high = value_range(values)
        self.y_axis.setRange(low, high)
        self.y_axis.applyNiceNumbers()
        whole = all(float(v).is_integer() for v in values) and high - low >= 10
        self.y_axis.setLabelFormat("%.0f" if whole else "%.1f")
        unit = f" ({goal.metric_unit})" if goal.metric_unit else ""
        self.y_axis.setTitleText(f"{goal.metric_name}{unit}")
        self._chart.setTitle("" if goal.checkins else NO_CHECKINS)

    def _date_labels(self, first: date, last: date) -> None:
        axis = self.x_axis
        for label in axis.categoriesLabels():
            axis.remove(label)
        if (last - first).days > 120:
            ticks = month_ticks(first, last)
            with_year = ticks[0].year != ticks[-1].year if ticks else False
            names: list[str] = []
            for tick in ticks:
                name = tick.strftime("%b")
                # The year where it changes, and wherever a month name would repeat.
                if with_year and (tick.month == 1 or not names or name in names):
                    name = tick.strftime("%b %Y")
                names.append(name)
        else:
            ticks = week_ticks(first, last)
            names = [f"{t.day} {t.strftime('%b')}" for t in ticks]
        axis.setStartValue(to_msecs(first))
        axis.setRange(to_msecs(first), to_msecs(last))
        for tick, name in zip(ticks, names, strict=True):
            axis.append(name, to_msecs(tick))

    def date_labels(self) -> list[str]:
        return list(self.x_axis.categoriesLabels())

    def actual_points(self) -> list[Point]:
        return self._points(self.actual)

    def target_points(self) -> list[Point]:
        return self._points(self.target)

    def plan_points(self) -> list[Point]:
        return self._points(self.plan)

    def title_text(self) -> str:
        return self._chart.title()

    @staticmethod
    def _points(series: QLineSeries) -> list[Point]:
        return [(from_msecs(p.x()), p.y()) for p in series.points()]

    # -- how it looks ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style()
        super().changeEvent(event)

    def _style(self) -> None:
        """Colours from the palette, so the chart sits in a light or dark window alike."""
        chart = self._chart
        dark = follow_palette(self, chart, (self.x_axis, self.y_axis))
        chart.setTitleBrush(self.palette().color(QPalette.ColorRole.WindowText))
        title_font = QFont(self.font())
        title_font.setItalic(True)
        chart.setTitleFont(title_font)
        shade = 1 if dark else 0
        self.actual.setPen(QPen(QColor(ACTUAL_COLOURS[shade]), 2.5))
        self.actual.setColor(QColor(ACTUAL_COLOURS[shade]))
        self.target.setPen(
            QPen(QColor(TARGET_COLOURS[shade]), 2, Qt.PenStyle.DashLine, Qt.PenCapStyle.FlatCap)
        )
        self.plan.setPen(
            QPen(QColor(PLAN_COLOURS[shade]), 2, Qt.PenStyle.DotLine, Qt.PenCapStyle.RoundCap)
        )
