"""The look every chart view shares: a plain chart that takes its colours and font from the
widget's palette, so a chart sits in a light or dark window alike."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCharts import QAbstractAxis, QChart, QChartView
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def plain_chart(view: QChartView, min_height: int) -> QChart:
    """Give ``view`` a chart with thin margins, square corners and the legend below."""
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(min_height)
    chart = QChart()
    # Room on the right for half of the last axis label, which is centred on its tick.
    chart.setMargins(QMargins(4, 4, 32, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view.setChart(chart)
    return chart


def follow_palette(view: QChartView, chart: QChart, axes: Iterable[QAbstractAxis]) -> bool:
    """Colour ``chart`` and its ``axes`` from ``view``'s palette and font; True when dark.

    Setting the theme repaints the series in the theme's colours, so a caller that colours
    its series must do so after this."""
    palette = view.palette()
    dark = is_dark(palette)
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    text = palette.color(QPalette.ColorRole.WindowText)
    grid = palette.color(QPalette.ColorRole.Mid)
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Window))
    chart.setPlotAreaBackgroundVisible(False)
    chart.legend().setLabelColor(text)
    chart.legend().setFont(view.font())
    for axis in axes:
        axis.setLabelsColor(text)
        axis.setLabelsFont(view.font())
        axis.setTitleBrush(text)
        axis.setTitleFont(view.font())
        axis.setGridLineColor(grid)
        axis.setLinePenColor(grid)
    return dark
