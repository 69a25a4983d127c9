"""How failures reach the user: a clear message for errors they can fix, a details dialog
for the unexpected ones. Neither closes the window or dialog the user was typing in."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from deskbridge import APP_NAME
from deskbridge.errors import DeskBridgeError


def unexpected_error_box(parent: QWidget | None, error: BaseException) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(f"{APP_NAME}: something went wrong")
    box.setText(
        "DeskBridge hit an unexpected problem and did not finish what you asked.\n"
        "Nothing you typed was discarded; you can try again."
    )
    box.setInformativeText(f"{type(error).__name__}: {error}")
    box.setDetailedText("".join(traceback.format_exception(error)))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user what went wrong: the domain's own words, or details of a surprise."""
    if isinstance(error, DeskBridgeError):
        QMessageBox.warning(parent, APP_NAME, str(error))
    else:
        unexpected_error_box(parent, error).exec()


def install_excepthook() -> None:
    """Show exceptions that escape a slot instead of letting them vanish or kill the app."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        previous(kind, error, trace)
        if isinstance(error, KeyboardInterrupt):
            return
        unexpected_error_box(None, error).exec()

    sys.excepthook = hook
