"""How the writing dialogs are driven from the keyboard: OK named for what it does and
pressed with Ctrl+Enter from any field (text boxes take plain Enter for new lines), and a
quiet line under the fields that says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from deskbridge.ui.form_dialog import FormDialog

HINT_STYLE = "color: palette(placeholder-text);"


def hint(text: str) -> QLabel:
    """A quiet line of advice, wrapped."""
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def ctrl_enter_ok(dialog: FormDialog, text: str) -> QPushButton:
    """Name the dialog's OK button ``text`` and press it (submit) on Ctrl+Enter."""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(text)
    ok.setToolTip("Ctrl+Enter")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), dialog, dialog.submit)
    return ok


def dialog_body(dialog: QWidget) -> QVBoxLayout:
    body = dialog.layout()
    assert isinstance(body, QVBoxLayout)
    return body


def add_keys_hint(dialog: FormDialog, text: str) -> None:
    """``text`` (which keys do what) under the fields. Room left when a message or a line of
    names goes away collects above it, not inside a row where it would push a field away
    from its label."""
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    body = dialog_body(dialog)
    body.insertWidget(1, label)
    body.insertStretch(1, 1)
