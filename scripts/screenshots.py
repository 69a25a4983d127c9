"""Render the README's screenshots: the main window's views on a demo organisation.

    .venv/bin/python scripts/screenshots.py [--out DIR] [VIEW ...]

The clock is fixed, so the same code gives the same pictures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from deskbridge.clock import FixedClock
from deskbridge.demo import fill_demo
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.assets import app_icon
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.operations import ChangeHub, ImmediateRunner
from deskbridge.ui.preferences import Preferences
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)


def save(widget: QWidget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument(
        "views",
        nargs="*",
        default=["Today", "Contacts"],
        help="views to render (default: %(default)s)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.open(str(Path(scratch) / "deskbridge.sqlite3"), FixedClock(TODAY))
        fill_demo(workspace.db, today=TODAY, now=datetime(2026, 11, 23, 9, 0), contacts=150)
        settings = QSettings(str(Path(scratch) / "preferences.ini"), QSettings.Format.IniFormat)
        context = AppContext(workspace, ImmediateRunner(), ChangeHub(), Preferences(settings))
        window = MainWindow(context)
        window.resize(1280, 800)
        window.show()
        for page in window.pages:
            if page.title not in args.views:
                continue
            window.show_page(page.title)
            if page.title == "Contacts":
                first = workspace.contact_list.page(limit=8).rows[7]
                window.show_contact(first.id)
            save(window, args.out, page.title.lower())
        window.close()
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
