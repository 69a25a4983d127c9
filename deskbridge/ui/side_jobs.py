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
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from deskbridge import APP_NAME
from deskbridge.errors import Cancelled
from deskbridge.progress import Progress
from deskbridge.ui.operations import Done, Failed, Runner

T = TypeVar("T")
SHOW_AFTER_MS = 400
REPORT_INTERVAL_S = 0.05


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


class _Reporter(QObject):
    """The job's progress callable: throttled, queued to the dialog, and the place where a
    cancel turns into :class:`Cancelled` on the job's own thread."""

    advanced = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.cancel = threading.Event()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last >= REPORT_INTERVAL_S or (total and done >= total):
            self._last = now
            self.advanced.emit(done, total)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Callable[[Progress], T],
    *,
    runner: Runner | None = None,
    cancellable: bool = True,
) -> T:
    """Run ``job`` off the GUI thread while a progress dialog shows (after a moment, so quick
    jobs never flash one); return its result or raise its error, :class:`Cancelled` when the
    user cancelled. The GUI stays responsive meanwhile (a local event loop runs)."""
    reporter = _Reporter()
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(APP_NAME)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)  # Qt takes None: no Cancel button

    def cancel() -> None:
        reporter.cancel.set()
        dialog.setLabelText("Cancelling…")

    def show_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(1000)
            dialog.setValue(min(1000, done * 1000 // total))

    dialog.canceled.connect(cancel)
    reporter.advanced.connect(show_progress)
    outcome: list[tuple[bool, Any]] = []
    loop = QEventLoop()

    def finish(ok: bool, value: Any) -> None:
        outcome.append((ok, value))
        loop.quit()

    dialog.setValue(0)
    side = runner if runner is not None else SideRunner()
    side.submit(
        lambda: job(reporter), lambda result: finish(True, result), lambda e: finish(False, e)
    )
    if not outcome:
        loop.exec()
    dialog.canceled.disconnect(cancel)
    dialog.close()
    dialog.deleteLater()
    [(ok, value)] = outcome
    if not ok:
        raise value
    result: T = value
    return result
