"""Render the README's screenshots: the main window's views on a demo organisation.

    .venv/bin/python scripts/screenshots.py [--out DIR] [--dark] [VIEW ...]

The clock is fixed, so the same code gives the same pictures. --dark renders with the
Fusion style and a dark palette, to check that every colour stays readable there.
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
from PySide6.QtGui import QColor, QPalette
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


DARK_ROLES = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e0e0e0",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e0e0e0",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.Light: "#4a4a4a",
    QPalette.ColorRole.Midlight: "#3e3e3e",
    QPalette.ColorRole.Mid: "#5a5a5a",
    QPalette.ColorRole.Dark: "#202020",
    QPalette.ColorRole.ButtonText: "#e0e0e0",
    QPalette.ColorRole.ToolTipBase: "#353535",
    QPalette.ColorRole.ToolTipText: "#e0e0e0",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.Highlight: "#2f65ca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7ab4ff",
}


def go_dark(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in DARK_ROLES.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#8a8a8a"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a8a8a"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#8a8a8a"))
    app.setPalette(palette)


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
        default=[
            "Today",
            "Contacts",
            "Requests",
            "Tasks",
            "Projects",
            "Goals",
            "Review",
            "Coverage",
        ],
        help="views to render (default: %(default)s)",
    )
    parser.add_argument("--dark", action="store_true", help="a dark palette (file-dark.png)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    if args.dark:
        go_dark(app)
    suffix = "-dark" if args.dark else ""
    app.setWindowIcon(app_icon())
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.open(str(Path(scratch) / "deskbridge.sqlite3"), FixedClock(TODAY))
        fill_demo(workspace.db, today=TODAY, now=datetime(2026, 11, 23, 9, 0), contacts=600)
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
            if page.title == "Projects":
                window.show_project(workspace.projects.list(status="active")[0].id)
            if page.title == "Goals":
                window.show_goal(workspace.goals.list()[0].id)
            save(window, args.out, page.title.lower() + suffix)
        window.close()
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
