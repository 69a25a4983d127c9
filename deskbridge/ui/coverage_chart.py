"""Interactions per department per month: stacked bars, one colour per department, so a
glance shows which ties are growing quiet and which month was busy."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QCursor, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from deskbridge.coverage import MonthlyInteractions
from deskbridge.ui.chart_style import follow_palette, plain_chart


def month_labels(months: tuple[date, ...]) -> list[str]:
    """Short month names: they fit under a bar however narrow the window (the years go in
    the axis title, see :func:`span_text`)."""
    return [f"{m:%b}" for m in months]


def span_text(months: tuple[date, ...]) -> str:
    if not months:
        return ""
    return f"{months[0]:%B %Y} – {months[-1]:%B %Y}"


def distinct_colours(named: list[tuple[str, str]]) -> dict[str, str]:
    """Each name's colour, with a repeated colour made darker or lighter, so two departments
    that picked the same colour are still told apart in the stack."""
    seen: dict[str, int] = {}
    chosen: dict[str, str] = {}
    for name, colour in named:
        key = colour.lower()
        repeat = seen.get(key, 0)
        seen[key] = repeat + 1
        shade = QColor(colour)
        if repeat:
            # Away from the nearer end first: a dark colour made darker looks the same.
            step = 100 + 45 * ((repeat + 1) // 2)
            lighten = (repeat % 2 == 1) == (shade.lightness() < 128)
            shade = shade.lighter(step) if lighten else shade.darker(step)
        chosen[name] = shade.name()
    return chosen


class CoverageChart(QChartView):
    """Shows :class:`MonthlyInteractions` with :meth:`show_months`. Tests read the bars
    through :meth:`bar_values`, :meth:`bar_colours` and :meth:`labels`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = plain_chart(self, min_height=260)
        self._chart = chart
        self.series = QStackedBarSeries()
        self.series.setBarWidth(0.6)
        self.series.hovered.connect(self._hovered)
        self.x_axis = QBarCategoryAxis()
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setTitleText("Interactions")
        chart.addSeries(self.series)
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)
        self._colours: dict[str, str] = {}
        self._months: tuple[date, ...] = ()
        self._style()

    def show_months(self, monthly: MonthlyInteractions) -> None:
        """One bar per month, stacked by department in the departments' own colours."""
        self.series.clear()  # deletes the old sets
        self._colours = distinct_colours([(d.name, d.colour) for d in monthly.departments])
        self._months = monthly.months
        labels = month_labels(monthly.months)
        self.x_axis.clear()
        self.x_axis.append(labels)
        self.x_axis.setTitleText(span_text(monthly.months))
        totals = [sum(d.counts[n] for d in monthly.departments) for n in range(len(monthly.months))]
        self.y_axis.setRange(0, max([*totals, 1]))
        self.y_axis.applyNiceNumbers()
        # The sets are coloured, then added all at once, after the axes: the chart lays
        # itself out once instead of once a set (~1 ms a set on a chart on screen).
        sets = []
        for department in monthly.departments:
            bar_set = QBarSet(department.name)
            bar_set.append([float(count) for count in department.counts])
            sets.append(bar_set)
        self._paint_sets(sets)
        self.series.append(sets)

    # -- what tests and tool tips read -----------------------------------------------------

    def bar_values(self) -> dict[str, tuple[int, ...]]:
        return {
            s.label(): tuple(round(s.at(n)) for n in range(s.count()))
            for s in self.series.barSets()
        }

    def bar_colours(self) -> dict[str, str]:
        return {s.label(): s.color().name() for s in self.series.barSets()}

    def labels(self) -> list[str]:
        return list(self.x_axis.categories())

    def span(self) -> str:
        return self.x_axis.titleText()

    def _hovered(self, status: bool, index: int, bar_set: QBarSet) -> None:
        if not status:
            QToolTip.hideText()
            return
        count = round(bar_set.at(index))
        what = "1 interaction" if count == 1 else f"{count:,} interactions"
        month = self._months[index]
        QToolTip.showText(QCursor.pos(), f"{bar_set.label()}, {month:%B %Y}: {what}")

    # -- how it looks ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._style()
        super().changeEvent(event)

    def _style(self) -> None:
        """Colours from the palette, so the chart sits in a light or dark window alike."""
        follow_palette(self, self._chart, (self.x_axis, self.y_axis))
        self.x_axis.setGridLineVisible(False)
        # Setting the theme repaints the sets in its own colours.
        self._paint_sets()

    def _paint_sets(self, sets: list[QBarSet] | None = None) -> None:
        # A hairline of the window colour between stacked parts keeps them apart.
        edge = QPen(self.palette().color(QPalette.ColorRole.Window), 1)
        for bar_set in self.series.barSets() if sets is None else sets:
            bar_set.setColor(QColor(self._colours.get(bar_set.label(), "#607d8b")))
            bar_set.setPen(edge)
