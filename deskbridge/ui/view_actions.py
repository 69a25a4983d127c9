"""How the views offer an action: a toolbar action or a button with its tooltip, and the
yes-or-cancel question before something that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def toolbar_action(parent: QWidget, text: str, slot: Callable[[], object], tip: str) -> QAction:
    action = QAction(text, parent)
    action.setIconText(text)  # keep the "…" that says a dialog or question follows
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def action_button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def confirmed(parent: QWidget, title: str, question: str) -> bool:
    """Ask; Cancel is the default, so a stray Enter changes nothing."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
