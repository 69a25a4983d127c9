"""Long jobs report progress to a dialog, and Cancel stops them on the worker."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from deskbridge.errors import Cancelled
from deskbridge.progress import Progress
from deskbridge.ui.operations import ImmediateRunner, ThreadRunner
from deskbridge.ui.progress_job import ProgressJob


def test_a_finished_job_hands_its_result_over_and_closes_the_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[int] = []

    def count(progress: Progress) -> int:
        for done in range(1, 101):
            progress(done, 100)
        return 100

    job = ProgressJob(parent, ImmediateRunner(), "Counting", count).on_done(results.append)
    job.start()
    assert results == [100]
    assert job.finished
    assert not job.dialog.isVisible()


def test_cancel_reaches_the_worker_and_nothing_else_is_reported(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = ThreadRunner()
    started = threading.Event()
    steps: list[int] = []
    outcome: list[str] = []

    def endless(progress: Progress) -> None:
        done = 0
        while True:
            done += 1
            steps.append(done)
            started.set()
            progress(done, 0)
            threading.Event().wait(0.001)

    job = ProgressJob(parent, runner, "Working", endless)
    job.on_cancelled(lambda: outcome.append("cancelled")).on_done(lambda _: outcome.append("done"))
    job.start()
    assert started.wait(5)
    job.dialog.canceled.emit()  # what its Cancel button and Esc do
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)
    counted = len(steps)
    qtbot.wait(50)
    assert len(steps) == counted
    runner.shutdown()


def test_a_failure_other_than_cancel_goes_to_the_failure_callback(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[BaseException] = []

    def broken(progress: Progress) -> None:
        raise ValueError("line 3, E-mail: not an address")

    job = ProgressJob(parent, ImmediateRunner(), "Importing", broken)
    job.on_failed(errors.append).on_cancelled(lambda: errors.append(Cancelled()))
    job.start()
    assert [str(e) for e in errors] == ["line 3, E-mail: not an address"]
