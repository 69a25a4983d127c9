"""Desktop figures: how long the main window and each view take on a large demo database.

    .venv/bin/python benchmarks/desktop.py [--contacts 100000] [--db FILE] [--runs 9]

Runs offscreen with the real views and the domain; database work runs inline (as the
tests do), so every figure is time the GUI thread would wait if it ran there. Prints
medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from deskbridge.changes import ChangeKind
from deskbridge.clock import FixedClock
from deskbridge.contact_list import ContactFilter
from deskbridge.demo import fill_demo
from deskbridge.store.database import Database
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.operations import ChangeHub, ImmediateRunner
from deskbridge.ui.preferences import Preferences
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)


def median_ms(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        QApplication.processEvents()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    path = args.db or scratch / "desktop.sqlite3"
    if not path.exists():
        db = Database.open(f"sqlite:///{path}")
        fill_demo(db, today=NOW.date(), now=NOW, contacts=args.contacts)
        db.close()
    app = QApplication([])
    workspace = Workspace.open(str(path), FixedClock(NOW))
    settings = QSettings(str(scratch / "preferences.ini"), QSettings.Format.IniFormat)
    context = AppContext(workspace, ImmediateRunner(), ChangeHub(), Preferences(settings))
    print(f"{workspace.contacts.count():,} contacts in {path}")

    start = time.perf_counter()
    window = MainWindow(context)
    window.show()
    app.processEvents()
    print(f"main window built and shown (first time, imports included): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip
    for page in window.pages:
        window.show_page(page.title)
        print(f"{page.title} view, re-read: {median_ms(page.refresh, args.runs):.1f} ms")
    print(f"status bar counts: {median_ms(window.update_status, args.runs):.1f} ms")

    contacts = window.page("Contacts")
    model = contacts.model  # type: ignore[attr-defined]
    for typed in ("a", "ana", "ana lo"):
        shown = ContactFilter(text=typed)
        cost = median_ms(lambda shown=shown: model.set_filter(shown), args.runs)
        print(f"contacts filtered by {typed!r}: {cost:.1f} ms, {model.rowCount()} rows held")
    model.set_filter(ContactFilter())
    print(f"contacts, next page while scrolling: {median_ms(model.fetchMore, args.runs):.1f} ms")

    someone = workspace.contact_list.page(limit=1).rows[0].id

    def log_a_touch() -> None:
        context.op(lambda: workspace.interactions.log([someone], "Benchmark touch")).changes(
            ChangeKind.INTERACTIONS, ChangeKind.CONTACTS
        ).run()

    window.show_page("Today")
    print(f"quick log saved, Today and status re-read: {median_ms(log_a_touch, args.runs):.1f} ms")
    window.close()
    # Widgets go before the application object; left to interpreter exit, PySide6 can
    # free them in an order that crashes.
    window.deleteLater()
    app.processEvents()
    workspace.close()


if __name__ == "__main__":
    main()
