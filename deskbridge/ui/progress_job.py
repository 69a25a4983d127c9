"""Long work (imports, exports, backups, restores) with a progress dialog that can cancel it.

The job runs on the database worker like any operation; it receives a
:data:`~deskbridge.progress.Progress` callable to report through. Reports cross to the GUI
thread as queued signals, at most every :data:`REPORT_INTERVAL_S`, so a job that reports per
row cannot flood the event loop. Cancel sets a flag the next report sees: the report raises
:class:`~deskbridge.errors.Cancelled` on the worker, the job's transaction rolls back, and the
``cancelled`` callback runs on the GUI thread.

    ProgressJob(window, runner, "Importing contacts", lambda progress: job(progress))
        .on_done(show_summary).on_failed(show_error).start()
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from deskbridge.errors import Cancelled
from deskbridge.progress import Progress
from deskbridge.ui.operations import Runner

REPORT_INTERVAL_S = 0.05
SHOW_AFTER_MS = 400
"""Quick jobs finish before the dialog would appear, so it never flashes."""


class ProgressJob(QObject):
    """One long job, its dialog, and what happens when it ends."""

    advanced = Signal(int, int)

    def __init__(
        self,
        parent: QWidget | None,
        runner: Runner,
        label: str,
        job: Callable[[Progress], Any],
        *,
        title: str = "DeskBridge",
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._job = job
        self._cancel = threading.Event()
        self._last_report = 0.0
        self._on_done: list[Callable[[Any], None]] = []
        self._on_failed: list[Callable[[BaseException], None]] = []
        self._on_cancelled: list[Callable[[], None]] = []
        self.finished = False
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        # Without a window to block, the whole app waits (a restore at start).
        self.dialog.setWindowModality(
            Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
        )
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.advanced.connect(self._show_progress)

    def on_done(self, callback: Callable[[Any], None]) -> ProgressJob:
        self._on_done.append(callback)
        return self

    def on_failed(self, callback: Callable[[BaseException], None]) -> ProgressJob:
        self._on_failed.append(callback)
        return self

    def on_cancelled(self, callback: Callable[[], None]) -> ProgressJob:
        self._on_cancelled.append(callback)
        return self

    def start(self) -> None:
        self.dialog.setValue(0)
        self._runner.submit(lambda: self._job(self._report), self._done, self._failed)

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop at its next report; it undoes what it did."""
        self._cancel.set()
        self.dialog.setLabelText("Cancelling…")

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int) -> None:
        # Runs on the worker thread: only the flag and a queued signal are touched here.
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_report >= REPORT_INTERVAL_S or (total and done >= total):
            self._last_report = now
            self.advanced.emit(done, total)

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self.finished:
            return
        # QProgressDialog holds ints: scale large totals so they fit and stay monotonic.
        if total > 0:
            self.dialog.setMaximum(1000)
            self.dialog.setValue(min(1000, done * 1000 // total))
        else:
            self.dialog.setMaximum(0)

    def _close(self) -> None:
        self.finished = True
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()

    def _done(self, result: Any) -> None:
        self._close()
        for callback in self._on_done:
            callback(result)

    def _failed(self, error: BaseException) -> None:
        self._close()
        if isinstance(error, Cancelled) and self._on_cancelled:
            for cancelled in self._on_cancelled:
                cancelled()
            return
        if not self._on_failed:
            raise error
        for callback in self._on_failed:
            callback(error)
