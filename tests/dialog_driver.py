"""Driving the modal steps of a view like a user: its dialogs and its yes/no questions.

A view opens its dialogs with ``exec()`` and asks with ``QMessageBox.question``; both would
block a test. These stand-ins show the dialog and let the test act on it, and answer the
questions, so the test can then look at what the user would see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

D = TypeVar("D", bound=QDialog)


def when_shown(monkeypatch: pytest.MonkeyPatch, cls: type[D], act: Callable[[D], None]) -> list[D]:
    """Make ``cls.exec`` show the dialog and let ``act`` use it like a user; exec returns
    what the user's last click left. The dialogs opened are returned, in order, for asserts."""
    opened: list[D] = []

    def exec_(dialog: D) -> int:
        opened.append(dialog)
        dialog.show()
        act(dialog)
        result = dialog.result()
        dialog.hide()
        return result

    monkeypatch.setattr(cls, "exec", exec_)
    return opened


def answer_questions(
    monkeypatch: pytest.MonkeyPatch, *answers: QMessageBox.StandardButton
) -> list[str]:
    """Answer each ``QMessageBox.question`` with the next of ``answers``; the last one
    answers any further questions. The questions' texts are returned as they are asked."""
    assert answers, "say how the user answers"
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers[min(len(asked), len(answers)) - 1]

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


class HasButtons(Protocol):
    @property
    def buttons(self) -> QDialogButtonBox: ...


def click_ok(qtbot: QtBot, dialog: HasButtons) -> None:
    """Click the dialog's OK (or Save) button with the mouse."""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
