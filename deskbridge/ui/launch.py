"""Starting the desktop app: a QApplication, the opened workspace, the window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from deskbridge import APP_NAME, __version__
from deskbridge.errors import DeskBridgeError
from deskbridge.workspace import Workspace


def run_app(location: str | None = None) -> int:
    """Show the app on the database at ``location`` (default: the user's database)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    try:
        workspace = Workspace.open(location)
    except DeskBridgeError as error:
        QMessageBox.critical(None, APP_NAME, f"DeskBridge cannot open the database:\n\n{error}")
        return 1
    from deskbridge.ui.today_window import TodayWindow

    window = TodayWindow(workspace)
    window.show()
    try:
        return app.exec()
    finally:
        workspace.close()


def main() -> int:
    """Entry point of ``deskbridge-gui``."""
    from deskbridge.cli.main import main as cli_main

    return cli_main()
