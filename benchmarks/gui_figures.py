"""The desktop figures, taken offscreen on the real widgets: each view opened, the contacts
table scrolled to its end, typing in the contacts filter and the command palette, and a
meeting logged with the views refreshing.

Database work runs inline (``ImmediateRunner``), so every figure is time the GUI thread
would wait were the work done there."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget

from benchmarks.demo_cache import NOW
from benchmarks.timing import median_ms, timings_ms
from deskbridge.changes import ChangeKind
from deskbridge.clock import FixedClock
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.main_window import MainWindow, standard_pages
from deskbridge.ui.operations import ChangeHub, ImmediateRunner
from deskbridge.ui.preferences import Preferences
from deskbridge.workspace import Workspace

FILTER_WORDS = ("ana lo", "marg", "crm")
PALETTE_WORDS = ("m", "marg", "foll", "crm", "ana lo", "roi")
SCROLL_STEPS_CAP = 5_000


def settle() -> None:
    QApplication.processEvents()


def discard(widget: QWidget) -> None:
    """Close and delete ``widget`` now: processEvents alone never runs deferred deletes,
    which wait for the event loop, so thrown-away views would pile up in memory."""
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@contextmanager
def desktop(db: Path) -> Iterator[tuple[AppContext, MainWindow]]:
    app = QApplication.instance() or QApplication([])
    workspace = Workspace.open(str(db), FixedClock(NOW))
    with tempfile.TemporaryDirectory() as folder:
        ini = str(Path(folder) / "preferences.ini")
        settings = QSettings(ini, QSettings.Format.IniFormat)
        context = AppContext(workspace, ImmediateRunner(), ChangeHub(), Preferences(settings))
        window = MainWindow(context)
        window.show()
        settle()
        try:
            yield context, window
        finally:
            window.close()
            # Widgets go before the application object; left to interpreter exit, PySide6
            # can free them in an order that crashes.
            window.deleteLater()
            app.processEvents()
            workspace.close()


def view_opens(context: AppContext, runs: int) -> dict[str, float]:
    """Each view built afresh, shown, and painted with its first rows; then thrown away, so
    only one copy of a view is alive at a time."""
    figures = {}
    for factory in standard_pages():
        timings = []
        for run in range(runs + 1):
            start = time.perf_counter()
            page = factory(context)
            page.resize(1000, 700)
            page.show()
            settle()
            if run:  # the first run imports and warms
                timings.append((time.perf_counter() - start) * 1000)
            discard(page)
        figures[f"open {page.title}"] = statistics.median(timings)
    return figures


def scroll_to_end(window: MainWindow, runs: int) -> float:
    """Ctrl+End in the contacts table, again while more rows can be fetched, until the last
    contact is on screen."""
    page = window.show_page("Contacts")
    table: QTableView = page.table  # type: ignore[attr-defined]
    model = table.model()
    table.setFocus()

    def to_end() -> None:
        for _ in range(SCROLL_STEPS_CAP):
            QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            settle()
            at_end = table.currentIndex().row() == model.rowCount() - 1
            if at_end and not model.canFetchMore(QModelIndex()):
                return

    timings = []
    for _ in range(runs):
        page.refresh()
        table.scrollToTop()
        settle()
        timings.extend(timings_ms(to_end, 1))
    last = model.rowCount() - 1
    assert table.currentIndex().row() == last, "Ctrl+End did not reach the last contact"
    return statistics.median(timings)


def filter_keystrokes(window: MainWindow, runs: int) -> list[float]:
    """Per keystroke: the filter's pause timer cut short, then the table re-read and painted
    (the pause itself is the user's, not the app's)."""
    page = window.show_page("Contacts")
    filters = page.filters  # type: ignore[attr-defined]
    box: QLineEdit = filters.text

    def apply() -> None:
        filters.typing.stop()
        filters.changed.emit()
        settle()

    per_keystroke: list[float] = []
    for word in FILTER_WORDS:
        timings: list[list[float]] = [[] for _ in word]
        for _ in range(runs):
            box.clear()
            apply()
            for position, letter in enumerate(word):
                QTest.keyClicks(box, letter)
                timings[position].extend(timings_ms(apply, 1))
        per_keystroke.extend(statistics.median(times) for times in timings)
    box.clear()
    apply()
    return per_keystroke


def palette_keystrokes(window: MainWindow, runs: int) -> list[float]:
    """Per keystroke in the command palette: the search answered and the rows shown."""
    palette = window.command_palette
    palette.open()
    settle()
    per_keystroke: list[float] = []
    for word in PALETTE_WORDS:
        timings: list[list[float]] = [[] for _ in word]
        for _ in range(runs):
            palette.edit.clear()
            settle()
            for position, letter in enumerate(word):
                type_it = partial(QTest.keyClicks, palette.edit, letter)
                timings[position].extend(timings_ms(type_it, 1, settle))
        per_keystroke.extend(statistics.median(times) for times in timings)
    palette.close_palette()
    return per_keystroke


def log_one(context: AppContext, window: MainWindow, runs: int) -> float:
    """A meeting logged as the quick log saves it, with Today on screen re-read."""
    workspace = context.workspace
    someone = workspace.contact_list.page(limit=1).rows[0].id
    window.show_page("Today")
    settle()

    def log() -> None:
        op = context.op(lambda: workspace.interactions.log([someone], "Benchmark coffee"))
        op.changes(ChangeKind.INTERACTIONS, ChangeKind.CONTACTS).run()

    return median_ms(log, runs, settle)


def measure(db: Path, runs: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    with desktop(db) as (context, window):
        figures.update(view_opens(context, runs))
        figures["scroll to end"] = scroll_to_end(window, max(1, runs // 3))
        typed = filter_keystrokes(window, runs)
        figures["filter keystroke"] = statistics.median(typed)
        figures["filter worst"] = max(typed)
        searched = palette_keystrokes(window, runs)
        figures["palette keystroke"] = statistics.median(searched)
        figures["palette worst"] = max(searched)
        figures["log one"] = log_one(context, window, runs)
    return figures
