"""Jobs beside the database worker: backups and restores.

A backup opens its own SQLite connection, so it need not queue behind the database worker
(where a long copy would hold up every view), nor run on the GUI thread (where it would
freeze the window). :class:`SideRunner` runs each job on a thread of its own and hands the
result back on the GUI thread, like :class:`~deskbridge.ui.operations.ThreadRunner`.
:func:`run_with_progress` waits for one such job behind a cancellable progress dialog, for
steps that must finish before the next one (a restore before reopening the database).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from deskbridge.progress import Progress
from deskbridge.ui.operations import Done, Failed, Runner
from deskbridge.ui.progress_job import ProgressJob

T = TypeVar("T")


class SideRunner(QObject):
    """Runs each job on a new thread; ``done``/``failed`` run on the thread owning this
    object. Threads are not daemons: quitting waits for a backup to finish writing."""

    _finished = Signal(int, object, object)  # ticket, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[int, tuple[Done, Failed]] = {}
        self._threads: dict[int, threading.Thread] = {}
        self._tickets = itertools.count(1)
        self._finished.connect(self._deliver)

    def submit(self, job: Callable[[], Any], done: Done, failed: Failed) -> None:
        ticket = next(self._tickets)
        self._pending[ticket] = (done, failed)
        thread = threading.Thread(
            target=self._run, args=(ticket, job), name=f"deskbridge-side-{ticket}"
        )
        self._threads[ticket] = thread
        thread.start()

    def _run(self, ticket: int, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as error:
            self._finished.emit(ticket, None, error)
            return
        self._finished.emit(ticket, result, None)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, result: object, error: object) -> None:
        self._threads.pop(ticket, None)
        done, failed = self._pending.pop(ticket)
        if isinstance(error, BaseException):
            failed(error)
        else:
            done(result)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self) -> None:
        """Block until every job has run (their callbacks come later, on the event loop)."""
        for thread in list(self._threads.values()):
            thread.join()


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Callable[[Progress], T],
    *,
    runner: Runner | None = None,
    cancellable: bool = True,
) -> T:
    """Run ``job`` off the GUI thread behind :class:`ProgressJob`'s dialog and wait for it;
    return its result or raise its error, :class:`Cancelled` when the user cancelled. The
    GUI stays responsive meanwhile (a local event loop runs)."""
    side = runner if runner is not None else SideRunner()
    work = ProgressJob(parent, side, label, job)
    if not cancellable:
        work.dialog.setCancelButton(None)  # Qt takes None: no Cancel button
    outcome: list[tuple[bool, Any]] = []
    loop = QEventLoop()

    def finish(ok: bool, value: Any) -> None:
        outcome.append((ok, value))
        loop.quit()

    work.on_done(lambda result: finish(True, result)).on_failed(lambda e: finish(False, e))
    work.start()
    if not outcome:
        loop.exec()
    [(ok, value)] = outcome
    if not ok:
        raise value
    result: T = value
    return result
