"""The Qt binding the app is installed with does not corrupt the interpreter."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Announcer(QObject):
    said = Signal()


def test_emitting_signals_keeps_the_reference_count_of_true() -> None:
    # PySide6 6.12.0 drops a reference to True on every emit; on Python 3.11, where True
    # is not immortal, the process aborts once the count reaches zero.
    announcer = Announcer()
    announcer.said.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(1000):
        announcer.said.emit()
    assert sys.getrefcount(True) >= before - 10
