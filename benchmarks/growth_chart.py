"""A chart of how the main figures grow with the size of the database, saved as a PNG.

Each line is a figure divided by its value at the smallest size, on logarithmic axes; the
dashed line is the data itself (100× the contacts reads 100×). A figure that shows one
screen of rows should stay near 1× whatever the size."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QLogValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication

from benchmarks.figures import BY_KEY, PAGES
from benchmarks.results_table import Results

CHARTED = (
    ("cold start", "cold start"),
    ("open views", "slowest view opening"),
    ("filter worst", "slowest filter keystroke"),
    ("palette worst", "slowest palette keystroke"),
    ("today", "Today"),
    ("review", "weekly review queue"),
    ("log one", "log one interaction"),
    ("due app", "due contacts"),
    ("timeline app", "a contact's timeline"),
    ("import csv", "CSV import"),
    ("export json", "JSON export"),
    ("backup", "backup"),
)
COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939",
)  # fmt: skip


def value(figures: dict[str, float], key: str) -> float | None:
    if key == "open views":
        opened = [figures[f"open {page}"] for page in PAGES if f"open {page}" in figures]
        return max(opened) if opened else None
    return figures.get(key) if key in BY_KEY else None


def save_growth_chart(results: Results, path: Path, width: int = 900, height: int = 560) -> None:
    app = QApplication.instance() or QApplication([])
    sizes = [size.contacts for size in results.sizes]
    chart = QChart()
    chart.setTitle("Growth with the size of the database (each figure ÷ its value at the smallest)")
    chart.setMargins(QMargins(6, 6, 18, 6))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    chart.legend().setFont(QFont(chart.legend().font().family(), 8))
    x_axis = QLogValueAxis()
    x_axis.setBase(10)
    x_axis.setLabelFormat("%.0f")
    x_axis.setMinorTickCount(-1)
    x_axis.setTitleText("contacts (about ten interactions each)")
    y_axis = QLogValueAxis()
    y_axis.setBase(10)
    # The axis formats labels printf-style in Latin-1: a "×" there comes out garbled.
    y_axis.setLabelFormat("%g")
    y_axis.setTitleText("times its value at the smallest size")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    growths = []
    data = QLineSeries()
    data.setName("the data (contacts)")
    data.setPen(QPen(QColor("#444444"), 2, Qt.PenStyle.DashLine))
    for contacts in sizes:
        data.append(QPointF(contacts, contacts / sizes[0]))
        growths.append(contacts / sizes[0])
    series_list = [data]
    for number, (key, label) in enumerate(CHARTED):
        first = value(results.sizes[0].figures, key)
        if not first:
            continue
        series = QLineSeries()
        series.setName(label)
        series.setPen(QPen(QColor(COLOURS[number % len(COLOURS)]), 2))
        for size in results.sizes:
            figure = value(size.figures, key)
            if figure:
                series.append(QPointF(size.contacts, figure / first))
                growths.append(figure / first)
        series_list.append(series)
    for series in series_list:
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
    x_axis.setRange(sizes[0] * 0.8, sizes[-1] * 1.25)
    y_axis.setRange(min(0.5, min(growths) * 0.8), max(growths) * 1.5)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(width, height)
    view.grab().save(str(path))
    view.deleteLater()
    app.processEvents()
