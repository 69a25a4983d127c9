"""The UI half of ``deskbridge --self-test``: the main window offscreen, the icon, the charts.

The steps below the UI live in deskbridge.self_test; :func:`run` runs them first, on a
temporary database, then builds the real main window on it. A packaging mistake (a missing
migration, Qt plugin or icon) fails the step that needs it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QSettings, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from deskbridge.self_test import DomainChecks, Step, run_steps
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.assets import app_icon, asset_path
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.operations import ChangeHub, ImmediateRunner
from deskbridge.ui.preferences import Preferences


def run(out: TextIO | None = None) -> int:
    """Run every self-test step; 0 and "self-test passed" when all pass, else 1."""
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="deskbridge-self-test-") as folder:
        domain = DomainChecks(Path(folder))
        ui = UiChecks(domain, Path(folder))
        try:
            return run_steps([*domain.steps(), *ui.steps()], out)
        finally:
            ui.close()
            domain.close()


class UiChecks:
    def __init__(self, domain: DomainChecks, folder: Path) -> None:
        self.domain = domain
        self.folder = folder
        self.window: MainWindow | None = None

    def steps(self) -> list[Step]:
        return [
            ("start Qt", self.start_qt),
            ("load the app icon", self.icon),
            ("build the main window", self.main_window),
            ("draw a chart (QtCharts)", self.chart),
        ]

    def start_qt(self) -> str:
        from deskbridge.ui.launch import configure_application

        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        configure_application(app)
        return f"Qt {qVersion()}, platform {QGuiApplication.platformName()}"

    def icon(self) -> str:
        icon = app_icon()
        pixmap = icon.pixmap(64, 64)
        if icon.isNull() or pixmap.isNull():
            raise RuntimeError(f"{asset_path('deskbridge.svg')} did not load (SVG plugin?)")
        return f"{pixmap.width()}x{pixmap.height()} from {asset_path('deskbridge.svg')}"

    def main_window(self) -> str:
        settings = QSettings(str(self.folder / "settings.ini"), QSettings.Format.IniFormat)
        context = AppContext(
            self.domain.opened(), ImmediateRunner(), ChangeHub(), Preferences(settings)
        )
        window = MainWindow(context)
        self.window = window
        window.show()
        QApplication.processEvents()
        if not window.isVisible():
            raise RuntimeError("the main window did not show")
        return f"{len(window.pages)} pages"

    def chart(self) -> str:
        from deskbridge.ui.coverage_chart import CoverageChart

        chart = CoverageChart()
        chart.resize(400, 300)
        image = chart.grab()
        chart.deleteLater()
        if image.isNull():
            raise RuntimeError("the chart did not render")
        return f"rendered {image.width()}x{image.height()}"

    def close(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.backup_actions.stop()
            window.close_to_tray = None
            window.close()
            window.deleteLater()
